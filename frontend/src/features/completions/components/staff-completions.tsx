import { Card, Empty, Flex, Skeleton, Statistic, Table, type TableColumnsType } from 'antd';
import { useT } from '../../../lib/i18n';
import { formatDate, formatNumber } from '../../../lib/format';
import { QueryError } from '../../../components/ui/query-error';
import type { Completion } from '../types';
import { useStaffLearning } from '../api/get-staff-learning';
import { CompletionStatusTag, SourceTag } from './completion-labels';

/** A person's record: training hours per year and every completion with its source and status. */
export function StaffCompletions({ staffId }: { staffId: string }) {
  const t = useT();
  const query = useStaffLearning(staffId);
  const title = <h2 style={{ fontSize: 16, margin: 0 }}>{t('staffLearning.title')}</h2>;
  if (query.isError) {
    return (
      <Card size="small" title={title} style={{ marginTop: 16 }}>
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      </Card>
    );
  }
  if (!query.data) {
    return (
      <Card size="small" title={title} style={{ marginTop: 16 }}>
        <Skeleton active />
      </Card>
    );
  }
  const { completions, hoursByYear } = query.data;
  const years = [...hoursByYear].sort((a, b) => b.year - a.year);

  const columns: TableColumnsType<Completion> = [
    {
      title: t('staffLearning.content'),
      key: 'title',
      width: 260,
      render: (_v, c) => (
        <>
          <div style={{ overflowWrap: 'anywhere' }}>{c.courseTitle || c.title || ''}</div>
          {c.provider && <div style={{ fontSize: 12, color: '#434343' }}>{c.provider}</div>}
        </>
      ),
    },
    { title: t('completions.source'), key: 'source', width: 170, render: (_v, c) => <SourceTag source={c.source} /> },
    { title: t('completions.statusCol'), key: 'status', width: 150, render: (_v, c) => <CompletionStatusTag status={c.status} /> },
    { title: t('completions.completedOn'), key: 'completedAt', width: 120, render: (_v, c) => formatDate(c.completedAt) },
    { title: t('completions.hours'), key: 'hours', width: 80, align: 'right', render: (_v, c) => formatNumber(c.hours) },
  ];

  return (
    <Card size="small" title={title} style={{ marginTop: 16 }}>
      {years.length > 0 && (
        <Flex gap={32} wrap style={{ marginBottom: 16 }}>
          {years.map((y) => (
            <Statistic
              key={y.year}
              title={<span style={{ color: '#434343' }}>{t('staffLearning.hoursIn', { year: y.year })}</span>}
              value={t('learning.hours', { n: formatNumber(y.hours) })}
            />
          ))}
        </Flex>
      )}
      <Table<Completion>
        rowKey="id"
        columns={columns}
        dataSource={completions}
        size="small"
        scroll={{ x: 780 }}
        pagination={completions.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        locale={{ emptyText: <Empty description={t('staffLearning.empty')} /> }}
      />
    </Card>
  );
}
