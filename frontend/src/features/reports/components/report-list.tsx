import { Link } from 'react-router';
import { Empty, Table, type TableColumnsType } from 'antd';
import { useT } from '../../../lib/i18n';
import { formatDate, formatDateTime } from '../../../lib/format';
import { QueryError } from '../../../components/ui/query-error';
import type { ReportSummary } from '../types';
import { useReports } from '../api/get-reports';
import { ReportStatusTag } from './report-labels';

/** /reports: every report of the caller's scope, newest cut-off first, with its versions. */
export function ReportList() {
  const t = useT();
  const query = useReports();
  const byId = new Map((query.data ?? []).map((r) => [r.id, r]));
  const columns: TableColumnsType<ReportSummary> = [
    {
      title: t('report.period'),
      key: 'period',
      width: 260,
      render: (_v, r) => (
        <>
          <Link to={`/reports/${r.id}`} style={{ fontWeight: 500 }}>
            {r.periodLabel}
          </Link>
          <div style={{ fontSize: 12, color: '#434343' }}>{r.unitName}</div>
        </>
      ),
    },
    { title: t('report.cutOff'), key: 'cutOff', width: 120, render: (_v, r) => formatDate(r.cutOff) },
    { title: t('report.docNumber'), dataIndex: 'docNumber', key: 'docNumber', width: 130 },
    {
      title: t('report.statusCol'),
      key: 'status',
      width: 170,
      render: (_v, r) => (
        <>
          <ReportStatusTag status={r.status} />
          {r.submittedAt && <div style={{ fontSize: 12, color: '#434343' }}>{formatDateTime(r.submittedAt)}</div>}
        </>
      ),
    },
    { title: t('report.versionCol'), key: 'version', width: 90, align: 'center', render: (_v, r) => r.version },
    {
      title: t('report.supersedesCol'),
      key: 'supersedes',
      width: 220,
      render: (_v, r) => (
        <>
          {r.supersedesId && (
            <div>
              <Link to={`/reports/${r.supersedesId}`}>
                {t('report.supersedes', { v: byId.get(r.supersedesId)?.version ?? r.version - 1 })}
              </Link>
            </div>
          )}
          {r.supersededById && (
            <div>
              <Link to={`/reports/${r.supersededById}`}>
                {t('report.supersededBy', { v: byId.get(r.supersededById)?.version ?? r.version + 1 })}
              </Link>
            </div>
          )}
        </>
      ),
    },
  ];
  if (query.isError) return <QueryError error={query.error} onRetry={() => query.refetch()} />;
  return (
    <Table<ReportSummary>
      rowKey="id"
      columns={columns}
      dataSource={query.data ?? []}
      loading={query.isFetching}
      pagination={false}
      scroll={{ x: 990 }}
      locale={{ emptyText: <Empty description={t('report.empty')} /> }}
    />
  );
}
