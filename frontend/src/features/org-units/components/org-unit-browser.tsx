import { useMemo, useState } from 'react';
import { Button, Card, Col, Descriptions, Empty, Flex, Input, Row, Spin, Switch, Tag, Tree, Typography } from 'antd';
import { EditOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import { useLabels, useT } from '../../../lib/i18n';
import { formatDate, formatNumber } from '../../../lib/format';
import { buildOrgTree, filterOrgTree, isClosed, unitMatches, type OrgTreeNode } from '../../../lib/org-tree';
import { QueryError } from '../../../components/ui/query-error';
import type { OrgUnit } from '../../../types/api';
import { useOrgUnits } from '../api/get-org-units';
import { OrgUnitFormModal, type OrgUnitFormMode } from './org-unit-form-modal';
import { CloseOrgUnitModal } from './close-org-unit-modal';

const CLOSED_COLOR = '#595959';

type TreeNodeData = { key: string; title: React.ReactNode; children: TreeNodeData[] };

export function OrgUnitBrowser({ canEdit }: { canEdit: boolean }) {
  const t = useT();
  const labels = useLabels();
  const [showClosed, setShowClosed] = useState(false);
  const [search, setSearch] = useState('');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<string[] | null>(null);
  const [formMode, setFormMode] = useState<OrgUnitFormMode | null>(null);
  const [closing, setClosing] = useState<OrgUnit | null>(null);
  const query = useOrgUnits(showClosed);

  const units = useMemo(() => query.data ?? [], [query.data]);
  const roots = useMemo(() => buildOrgTree(units), [units]);
  const { tree, expandIds } = useMemo(
    () => (search.trim() ? filterOrgTree(roots, (u) => unitMatches(u, search)) : { tree: roots, expandIds: [] }),
    [roots, search],
  );
  const defaultExpanded = useMemo(() => roots.map((r) => r.id), [roots]);
  const expandedKeys = search.trim() ? expandIds : (expanded ?? defaultExpanded);

  const renderTitle = (n: OrgTreeNode) => {
    const closed = isClosed(n);
    return (
      <span style={closed ? { color: CLOSED_COLOR } : undefined}>
        <span style={{ fontWeight: 500, textDecoration: closed ? 'line-through' : undefined }}>{n.name}</span>{' '}
        <Tag style={{ marginInlineStart: 4 }}>{n.code}</Tag>
        <span style={{ color: '#434343', fontSize: 13 }}>
          {labels.unitType[n.type]} · {t('orgUnits.activeCount', { n: formatNumber(n.activeStaffCount) })}
        </span>
        {closed && (
          <span style={{ display: 'block', fontSize: 13, fontStyle: 'italic' }}>
            {t('orgUnits.closedSince', { date: formatDate(n.validTo) })}
          </span>
        )}
      </span>
    );
  };

  const toTreeData = (nodes: OrgTreeNode[]): TreeNodeData[] =>
    nodes.map((n) => ({ key: n.id, title: renderTitle(n), children: toTreeData(n.children) }));

  const selected = units.find((u) => u.id === selectedId) ?? null;

  return (
    <>
      <Flex gap={16} wrap align="center" style={{ marginBottom: 16 }}>
        <Input.Search
          aria-label={t('orgUnits.search')}
          placeholder={t('orgUnits.search')}
          allowClear
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          style={{ maxWidth: 360 }}
        />
        <Flex gap={8} align="center">
          <Switch id="show-closed-units" checked={showClosed} onChange={setShowClosed} />
          <label htmlFor="show-closed-units">{t('orgUnits.showClosed')}</label>
        </Flex>
        {canEdit && (
          <Button icon={<PlusOutlined aria-hidden />} onClick={() => setFormMode({ kind: 'create', parent: null })}>
            {t('orgUnits.addRoot')}
          </Button>
        )}
      </Flex>
      {!canEdit && <Typography.Paragraph>{t('orgUnits.readOnly')}</Typography.Paragraph>}
      {query.isError && <QueryError error={query.error} onRetry={() => query.refetch()} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card size="small">
            {query.isLoading ? (
              <Spin description={t('app.loading')} />
            ) : tree.length === 0 ? (
              <Empty description={search ? t('orgUnits.noMatch') : t('common.noData')} />
            ) : (
              <Tree
                aria-label={t('orgUnits.title')}
                treeData={toTreeData(tree)}
                expandedKeys={expandedKeys}
                onExpand={(keys) => setExpanded(keys.map(String))}
                selectedKeys={selectedId ? [selectedId] : []}
                onSelect={(keys) => setSelectedId(keys.length ? String(keys[0]) : null)}
                blockNode
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          {selected && (
            <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{selected.name}</h2>}>
              <Descriptions column={1} size="small">
                <Descriptions.Item label={t('orgUnits.code')}>{selected.code}</Descriptions.Item>
                <Descriptions.Item label={t('orgUnits.type')}>{labels.unitType[selected.type]}</Descriptions.Item>
                <Descriptions.Item label={t('orgUnits.aliases')}>{selected.aliases.join('; ')}</Descriptions.Item>
                <Descriptions.Item label={t('orgUnits.validFrom')}>{formatDate(selected.validFrom)}</Descriptions.Item>
                {selected.validTo && (
                  <Descriptions.Item label={t('orgUnits.validTo')}>{formatDate(selected.validTo)}</Descriptions.Item>
                )}
                <Descriptions.Item label={t('home.active')}>{formatNumber(selected.activeStaffCount)}</Descriptions.Item>
              </Descriptions>
              {canEdit && !isClosed(selected) && (
                <Flex gap={8} wrap role="group" aria-label={t('orgUnits.detailsOf')}>
                  <Button icon={<PlusOutlined aria-hidden />} onClick={() => setFormMode({ kind: 'create', parent: selected })}>
                    {t('orgUnits.addChild')}
                  </Button>
                  <Button icon={<EditOutlined aria-hidden />} onClick={() => setFormMode({ kind: 'edit', unit: selected })}>
                    {t('common.edit')}
                  </Button>
                  <Button danger icon={<StopOutlined aria-hidden />} onClick={() => setClosing(selected)}>
                    {t('orgUnits.close')}
                  </Button>
                </Flex>
              )}
            </Card>
          )}
        </Col>
      </Row>
      {canEdit && (
        <>
          <OrgUnitFormModal mode={formMode} onClose={() => setFormMode(null)} />
          <CloseOrgUnitModal unit={closing} onClose={() => setClosing(null)} />
        </>
      )}
    </>
  );
}
