import { useParams } from 'react-router';
import { Skeleton } from 'antd';
import { useT } from '../../lib/i18n';
import { isApiError } from '../../lib/api-client';
import { PageHeader } from '../../components/ui/page-header';
import { NotFound } from '../../components/ui/not-found';
import { QueryError } from '../../components/ui/query-error';
import { useTarget } from '../../features/targets/api/get-target';
import { TargetDetail } from '../../features/targets/components/target-detail';

/** /targets/:id?asOf=&unit=&by= */
export default function TargetDetailRoute() {
  const { id = '' } = useParams();
  const t = useT();
  const query = useTarget(id);
  if (query.isError) {
    if (isApiError(query.error) && (query.error.status === 404 || query.error.status === 400)) return <NotFound text={t('targets.notFound')} />;
    return (
      <>
        <PageHeader title={t('targets.title')} />
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      </>
    );
  }
  if (!query.data) {
    return (
      <>
        <PageHeader title={t('targets.title')} />
        <Skeleton active />
      </>
    );
  }
  return <TargetDetail target={query.data} canManage />;
}
