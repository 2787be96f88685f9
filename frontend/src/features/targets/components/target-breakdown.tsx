import { Button, Empty, Skeleton, Table, Tabs, type TableColumnsType } from 'antd';
import { useLabels, useT } from '../../../lib/i18n';
import { formatNumber } from '../../../lib/format';
import { QueryError } from '../../../components/ui/query-error';
import type { DtRole, StaffCategory } from '../../../types/api';
import type { BreakdownBy, BreakdownRow, Figures, Target } from '../types';
import { useTargetBreakdown } from '../api/get-figures';
import { BarChart } from './bar-chart';

const collator = new Intl.Collator('vi');
const num = (k: keyof Figures) => (a: BreakdownRow, b: BreakdownRow) => a[k] - b[k];

function BreakdownTable({
  by,
  rows,
  total,
  onDrill,
  caption,
}: {
  by: BreakdownBy;
  rows: BreakdownRow[];
  total: Figures;
  onDrill?: (row: BreakdownRow) => void;
  caption: string;
}) {
  const t = useT();
  const columns: TableColumnsType<BreakdownRow> = [
    {
      title: by === 'unit' ? t('breakdown.unit') : by === 'category' ? t('breakdown.category') : t('breakdown.dtRole'),
      key: 'label',
      fixed: 'left',
      width: 230,
      sorter: (a, b) => collator.compare(a.label, b.label),
      render: (_v, r) =>
        onDrill && !r.direct ? (
          <Button
            type="link"
            onClick={() => onDrill(r)}
            style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
            aria-label={r.hasChildren ? t('breakdown.drillChildren', { unit: r.label }) : t('breakdown.drillUnit', { unit: r.label })}
          >
            {r.label}
          </Button>
        ) : (
          r.label
        ),
    },
    { title: t('breakdown.population'), dataIndex: 'population', key: 'population', align: 'right', width: 100, sorter: num('population'), render: formatNumber },
    { title: t('breakdown.trained'), dataIndex: 'trained', key: 'trained', align: 'right', width: 110, sorter: num('trained'), render: formatNumber },
    {
      title: t('breakdown.share'),
      dataIndex: 'share',
      key: 'share',
      align: 'right',
      width: 90,
      sorter: num('share'),
      render: (v: number) => `${formatNumber(v)}%`,
    },
    { title: t('breakdown.toTrain'), dataIndex: 'toTrain', key: 'toTrain', align: 'right', width: 120, sorter: num('toTrain'), render: formatNumber },
    {
      title: t('breakdown.onLeave'),
      dataIndex: 'onLeave',
      key: 'onLeave',
      align: 'right',
      width: 110,
      sorter: num('onLeave'),
      render: formatNumber,
    },
  ];
  return (
    <Table<BreakdownRow>
      rowKey="key"
      columns={columns}
      dataSource={rows}
      pagination={false}
      size="small"
      scroll={{ x: 760 }}
      showSorterTooltip={false}
      title={() => <span style={{ fontWeight: 600 }}>{caption}</span>}
      locale={{ emptyText: <Empty description={t('breakdown.empty')} /> }}
      summary={() =>
        rows.length > 0 ? (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>
              <strong>{t('breakdown.total')}</strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              <strong>{formatNumber(total.population)}</strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right">
              <strong>{formatNumber(total.trained)}</strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={3} align="right">
              <strong>{formatNumber(total.share)}%</strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={4} align="right">
              <strong>{formatNumber(total.toTrain)}</strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={5} align="right">
              <strong>{formatNumber(total.onLeave)}</strong>
            </Table.Summary.Cell>
          </Table.Summary.Row>
        ) : null
      }
    />
  );
}

function BreakdownPanel({
  target,
  by,
  asOf,
  unitId,
  unitName,
  onDrill,
}: {
  target: Target;
  by: BreakdownBy;
  asOf: string | undefined;
  unitId: string | undefined;
  unitName: string;
  onDrill: (row: BreakdownRow) => void;
}) {
  const t = useT();
  const labels = useLabels();
  const query = useTargetBreakdown(target.id, by, { asOf, unitId });
  if (query.isError) return <QueryError error={query.error} onRetry={() => query.refetch()} />;
  if (!query.data) return <Skeleton active />;
  const label = (r: BreakdownRow) =>
    by === 'category' ? (labels.category[r.key as StaffCategory] ?? r.label) : by === 'dtRole' ? (labels.dtRole[r.key as DtRole] ?? r.label) : r.label;
  const rows = query.data.rows.map((r) => ({ ...r, label: label(r) }));
  const title =
    by === 'unit' ? t('breakdown.chartUnit', { unit: unitName }) : by === 'category' ? t('breakdown.chartCategory', { unit: unitName }) : t('breakdown.chartDtRole', { unit: unitName });
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      {rows.length > 0 && <BarChart title={title} bars={rows} targetShare={target.targetShare} />}
      <BreakdownTable by={by} rows={rows} total={query.data.total} onDrill={by === 'unit' ? onDrill : undefined} caption={title} />
    </div>
  );
}

/** By unit (drill down the unit tree), by staff category, by DT role: bars and a sortable table. */
export function TargetBreakdown({
  target,
  asOf,
  unitId,
  unitName,
  by,
  onByChange,
  onDrill,
}: {
  target: Target;
  asOf: string | undefined;
  unitId: string | undefined;
  unitName: string;
  by: BreakdownBy;
  onByChange: (by: BreakdownBy) => void;
  onDrill: (row: BreakdownRow) => void;
}) {
  const t = useT();
  const panel = (b: BreakdownBy) =>
    by === b ? <BreakdownPanel target={target} by={b} asOf={asOf} unitId={unitId} unitName={unitName} onDrill={onDrill} /> : null;
  return (
    <Tabs
      activeKey={by}
      onChange={(k) => onByChange(k as BreakdownBy)}
      items={[
        { key: 'unit', label: t('breakdown.tab.unit'), children: panel('unit') },
        { key: 'category', label: t('breakdown.tab.category'), children: panel('category') },
        { key: 'dtRole', label: t('breakdown.tab.dtRole'), children: panel('dtRole') },
      ]}
    />
  );
}
