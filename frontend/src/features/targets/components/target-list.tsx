import { Link, useNavigate } from 'react-router';
import { Button, Empty, Table, type TableColumnsType } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useLabels, useT } from '../../../lib/i18n';
import { formatDate, formatNumber } from '../../../lib/format';
import { QueryError } from '../../../components/ui/query-error';
import type { Target } from '../types';
import { useTargets } from '../api/get-targets';

/** /targets: the active targets visible to the caller, to open or edit. */
export function TargetList({ canManage }: { canManage: boolean }) {
  const t = useT();
  const labels = useLabels();
  const navigate = useNavigate();
  const query = useTargets();
  const columns: TableColumnsType<Target> = [
    { title: t('targets.code'), dataIndex: 'code', key: 'code', width: 120 },
    {
      title: t('targets.name'),
      key: 'name',
      width: 360,
      render: (_v, r) => (
        <>
          <Link to={`/targets/${r.id}`} style={{ fontWeight: 500 }}>
            {r.name}
          </Link>
          {r.policyRef && <div style={{ fontSize: 12, color: '#434343' }}>{r.policyRef}</div>}
        </>
      ),
    },
    {
      title: t('targets.population'),
      key: 'population',
      width: 260,
      render: (_v, r) =>
        [r.unitName, r.categories.map((c) => labels.category[c]).join(', '), r.dtRoles.map((d) => labels.dtRole[d]).join(', ')]
          .filter(Boolean)
          .join(' · '),
    },
    { title: t('targets.targetShare'), key: 'share', width: 90, align: 'right', render: (_v, r) => `${formatNumber(r.targetShare)}%` },
    { title: t('targets.deadline'), key: 'deadline', width: 110, render: (_v, r) => formatDate(r.deadline) },
    ...(canManage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 90,
            render: (_v: unknown, r: Target) => (
              <Button icon={<EditOutlined aria-hidden />} aria-label={t('targets.editOf', { name: r.name })} onClick={() => navigate(`/targets/${r.id}/edit`)}>
                {t('common.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];
  if (query.isError) return <QueryError error={query.error} onRetry={() => query.refetch()} />;
  return (
    <Table<Target>
      rowKey="id"
      columns={columns}
      dataSource={query.data ?? []}
      loading={query.isFetching}
      pagination={false}
      scroll={{ x: 1030 }}
      locale={{ emptyText: <Empty description={t('targets.empty')} /> }}
    />
  );
}
