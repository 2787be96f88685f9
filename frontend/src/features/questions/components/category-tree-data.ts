import type { Category } from '../types';

export type CategoryNode = Category & { children: CategoryNode[]; depth: number; path: string };

const byPosition = (a: Category, b: Category) => a.position - b.position || a.name.localeCompare(b.name, 'vi');

/** The flat list of GET /question-banks/:id/categories as a tree (position, then Vietnamese name order). */
export function buildCategoryTree(categories: Category[]): CategoryNode[] {
  const ids = new Set(categories.map((c) => c.id));
  const children = new Map<string | null, Category[]>();
  for (const c of categories) {
    const parent = c.parentId && ids.has(c.parentId) ? c.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), c]);
  }
  const build = (parent: string | null, depth: number, prefix: string, seen: Set<string>): CategoryNode[] =>
    [...(children.get(parent) ?? [])].sort(byPosition).flatMap((c) => {
      if (seen.has(c.id)) return []; // a cycle would never end
      const path = prefix ? `${prefix} / ${c.name}` : c.name;
      const next = new Set(seen).add(c.id);
      return [{ ...c, depth, path, children: build(c.id, depth + 1, path, next) }];
    });
  return build(null, 0, '', new Set());
}

/** Every node, depth first. */
export function flattenTree(nodes: CategoryNode[]): CategoryNode[] {
  return nodes.flatMap((n) => [n, ...flattenTree(n.children)]);
}

/** Questions in a category and all its subcategories. */
export function totalQuestions(node: CategoryNode): number {
  return node.questionCount + node.children.reduce((sum, c) => sum + totalQuestions(c), 0);
}

export type CategoryTreeSelectNode = { value: string; title: string; children: CategoryTreeSelectNode[] };

/** Tree data for an antd TreeSelect. */
export function toTreeSelectData(nodes: CategoryNode[]): CategoryTreeSelectNode[] {
  return nodes.map((n) => ({ value: n.id, title: n.name, children: toTreeSelectData(n.children) }));
}
