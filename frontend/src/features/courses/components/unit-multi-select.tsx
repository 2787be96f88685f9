import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import { useT } from '../../../lib/i18n';
import { fold } from '../../../lib/fold';
import { buildOrgTree, type OrgTreeNode } from '../../../lib/org-tree';
import { useOrgUnits } from '../../org-units/api/get-org-units';
import type { UnitsPickerProps } from './unit-pickers';

type Node = { value: string; title: string; searchText: string; children: Node[] };
const toTree = (nodes: OrgTreeNode[]): Node[] =>
  nodes.map((n) => ({
    value: n.id,
    title: `${n.name} (${n.code})`,
    searchText: fold([n.name, n.code, ...n.aliases].join(' ')),
    children: toTree(n.children),
  }));

/** Several open units of the caller's scope (each one means its whole subtree on the server). */
export function UnitMultiTreeSelect({ value, onChange, ...rest }: UnitsPickerProps) {
  const t = useT();
  const { data, isLoading } = useOrgUnits(false);
  const treeData = useMemo(() => toTree(buildOrgTree(data ?? [])), [data]);
  return (
    <TreeSelect
      {...rest}
      multiple
      value={value ?? []}
      onChange={(v) => onChange?.((v as string[]) ?? [])}
      treeData={treeData}
      loading={isLoading}
      showSearch={{ filterTreeNode: (input, node) => (node as unknown as Node).searchText.includes(fold(input)) }}
      placeholder={t('orgUnits.selectUnit')}
      treeDefaultExpandAll
      style={{ width: '100%' }}
      popupMatchSelectWidth={false}
    />
  );
}
