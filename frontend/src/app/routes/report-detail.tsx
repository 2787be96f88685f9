import { useNavigate, useParams } from 'react-router';
import { Skeleton } from 'antd';
import { useT } from '../../lib/i18n';
import { isApiError } from '../../lib/api-client';
import { formatDate } from '../../lib/format';
import { PageHeader } from '../../components/ui/page-header';
import { NotFound } from '../../components/ui/not-found';
import { QueryError } from '../../components/ui/query-error';
import { useReport } from '../../features/reports/api/get-report';
import { ReportEditor } from '../../features/reports/components/report-editor';

/** /reports/:id: the report editor (read-only once submitted). */
export default function ReportDetailRoute() {
  const { id = '' } = useParams();
  const t = useT();
  const navigate = useNavigate();
  const query = useReport(id);
  if (query.isError) {
    if (isApiError(query.error) && (query.error.status === 404 || query.error.status === 400)) return <NotFound text={t('report.notFound')} />;
    return (
      <>
        <PageHeader title={t('report.listTitle')} />
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      </>
    );
  }
  if (!query.data) {
    return (
      <>
        <PageHeader title={t('report.listTitle')} />
        <Skeleton active />
      </>
    );
  }
  const report = query.data;
  return (
    <>
      <PageHeader
        title={t('report.pageTitle', { period: report.periodLabel })}
        subtitle={`${report.unitName} · ${t('report.figuresAsOf', { date: formatDate(report.cutOff) })}`}
      />
      <ReportEditor key={report.id} report={report} canManage onRevised={(fresh) => navigate(`/reports/${fresh.id}`)} />
    </>
  );
}
