import { fold } from './fold';
import type { OrgUnit } from '../types/api';

export type OrgTreeNode = OrgUnit & { children: OrgTreeNode[] };

const collator = new Intl.Collator('vi');

/** Builds the tree from the flat list by parentId; units whose parent is not in the list become roots. */
export function buildOrgTree(units: OrgUnit[]): OrgTreeNode[] {
  const byId = new Map<string, OrgTreeNode>();
  for (const u of units) byId.set(u.id, { ...u, children: [] });
  const roots: OrgTreeNode[] = [];
  for (const node of byId.values()) {
    const parent = node.parentId ? byId.get(node.parentId) : undefined;
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  const sortRec = (nodes: OrgTreeNode[]) => {
    nodes.sort((a, b) => collator.compare(a.code, b.code) || collator.compare(a.name, b.name));
    nodes.forEach((n) => sortRec(n.children));
  };
  sortRec(roots);
  return roots;
}

export function unitMatches(unit: OrgUnit, query: string): boolean {
  const q = fold(query);
  if (!q) return true;
  return [unit.name, unit.code, ...unit.aliases].some((s) => fold(s).includes(q));
}

/**
 * Keeps the nodes that match and their ancestors (so the path stays visible).
 * Returns the filtered tree and the ids to expand.
 */
export function filterOrgTree(
  roots: OrgTreeNode[],
  predicate: (u: OrgTreeNode) => boolean,
): { tree: OrgTreeNode[]; expandIds: string[] } {
  const expandIds: string[] = [];
  const walk = (nodes: OrgTreeNode[]): OrgTreeNode[] => {
    const out: OrgTreeNode[] = [];
    for (const n of nodes) {
      const kids = walk(n.children);
      if (predicate(n) || kids.length > 0) {
        if (kids.length > 0) expandIds.push(n.id);
        out.push({ ...n, children: kids });
      }
    }
    return out;
  };
  return { tree: walk(roots), expandIds };
}

/** docs/api.md: a unit is closed when validTo is set. */
export function isClosed(unit: OrgUnit): boolean {
  return unit.validTo != null;
}
