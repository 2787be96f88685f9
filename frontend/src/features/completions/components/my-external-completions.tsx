import { Empty, Skeleton, Table, type TableColumnsType } from 'antd';
import { useT } from '../../../lib/i18n';
import { formatDate, formatDateTime, formatNumber } from '../../../lib/format';
import { QueryError } from '../../../components/ui/query-error';
import type { ExternalCompletion } from '../types';
import { useMyExternalCompletions } from '../api/get-my-external-completions';
import { CompletionStatusTag, SourceTag } from './completion-labels';
import { EvidenceLink } from './evidence-link';

/** The learner's own external completions with their review status and the reviewer's note. */
export function MyExternalCompletions() {
  const t = useT();
  const query = useMyExternalCompletions();
  if (query.isError) return <QueryError error={query.error} onRetry={() => query.refetch()} />;
  if (!query.data) return <Skeleton active />;

  const columns: TableColumnsType<ExternalCompletion> = [
    {
      title: t('completions.title'),
      key: 'title',
      width: 260,
      render: (_v, c) => (
        <>
          <div style={{ fontWeight: 500, overflowWrap: 'anywhere' }}>{c.title}</div>
          <div style={{ fontSize: 12, color: '#434343' }}>{c.provider}</div>
        </>
      ),
    },
    { title: t('completions.source'), key: 'source', width: 170, render: (_v, c) => <SourceTag source={c.source} /> },
    { title: t('completions.completedOn'), key: 'completedOn', width: 120, render: (_v, c) => formatDate(c.completedOn) },
    { title: t('completions.hours'), key: 'hours', width: 80, align: 'right', render: (_v, c) => formatNumber(c.hours) },
    { title: t('completions.certificateNo'), key: 'certificateNo', width: 130, render: (_v, c) => c.certificateNo ?? '' },
    {
      title: t('completions.statusCol'),
      key: 'status',
      width: 220,
      render: (_v, c) => (
        <>
          <CompletionStatusTag status={c.status} />
          {c.reviewedAt && <div style={{ fontSize: 12, color: '#434343', marginTop: 4 }}>{formatDateTime(c.reviewedAt)}</div>}
          {c.reviewNote && (
            <div style={{ fontSize: 13, marginTop: 4, overflowWrap: 'anywhere' }}>
              {t('completions.reviewNote')}: {c.reviewNote}
            </div>
          )}
        </>
      ),
    },
    { title: t('completions.evidence'), key: 'evidence', width: 220, render: (_v, c) => <EvidenceLink completion={c} /> },
  ];

  return (
    <Table<ExternalCompletion>
      rowKey="id"
      columns={columns}
      dataSource={query.data.items}
      scroll={{ x: 1200 }}
      size="small"
      pagination={query.data.items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      locale={{ emptyText: <Empty description={t('completions.mineEmpty')} /> }}
    />
  );
}
