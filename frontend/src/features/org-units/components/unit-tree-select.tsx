import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import { useT } from '../../../lib/i18n';
import { fold } from '../../../lib/fold';
import { buildOrgTree, type OrgTreeNode } from '../../../lib/org-tree';
import { useOrgUnits } from '../api/get-org-units';

export type UnitSelectProps = {
  id?: string;
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  'aria-label'?: string;
  'aria-describedby'?: string;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  disabled?: boolean;
};

type TreeDataNode = { value: string; title: string; searchText: string; children: TreeDataNode[] };

function toTreeData(nodes: OrgTreeNode[]): TreeDataNode[] {
  return nodes.map((n) => ({
    value: n.id,
    title: `${n.name} (${n.code})`,
    searchText: fold([n.name, n.code, ...n.aliases].join(' ')),
    children: toTreeData(n.children),
  }));
}

/** Tree picker of the open units in the caller's scope; search is diacritic-insensitive. */
export function UnitTreeSelect({ value, onChange, placeholder, allowClear = true, style, ...rest }: UnitSelectProps) {
  const t = useT();
  const { data, isLoading } = useOrgUnits(false);
  const treeData = useMemo(() => toTreeData(buildOrgTree(data ?? [])), [data]);
  return (
    <TreeSelect
      {...rest}
      value={value ?? undefined}
      onChange={(v) => onChange?.((v as string | undefined) ?? undefined)}
      treeData={treeData}
      loading={isLoading}
      showSearch={{
        filterTreeNode: (input, node) => (node as unknown as TreeDataNode).searchText.includes(fold(input)),
      }}
      placeholder={placeholder ?? t('orgUnits.selectUnit')}
      allowClear={allowClear}
      treeDefaultExpandAll
      style={{ width: '100%', ...style }}
      popupMatchSelectWidth={false}
    />
  );
}
