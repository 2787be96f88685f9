import { useNavigate, useParams } from 'react-router';
import { App, Skeleton } from 'antd';
import { useT } from '../../lib/i18n';
import { isApiError } from '../../lib/api-client';
import { PageHeader } from '../../components/ui/page-header';
import { NotFound } from '../../components/ui/not-found';
import { QueryError } from '../../components/ui/query-error';
import { useTarget } from '../../features/targets/api/get-target';
import { TargetForm } from '../../features/targets/components/target-form';
import { UnitTreeSelect } from '../../features/org-units/components/unit-tree-select';

/** /targets/new and /targets/:id/edit */
export default function TargetEditRoute() {
  const { id } = useParams();
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const query = useTarget(id);
  if (id && query.isError) {
    if (isApiError(query.error) && (query.error.status === 404 || query.error.status === 400)) return <NotFound text={t('targets.notFound')} />;
    return (
      <>
        <PageHeader title={t('targets.title')} />
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      </>
    );
  }
  if (id && !query.data) {
    return (
      <>
        <PageHeader title={t('targets.title')} />
        <Skeleton active />
      </>
    );
  }
  const target = id ? query.data : undefined;
  return (
    <>
      <PageHeader title={target ? t('targets.editTitle', { name: target.name }) : t('targets.createTitle')} />
      <TargetForm
        key={target?.id ?? 'new'}
        target={target}
        renderUnitSelect={() => <UnitTreeSelect />}
        onSaved={(saved) => {
          message.success(target ? t('targets.updated') : t('targets.created'));
          navigate(saved.active ? `/targets/${saved.id}` : '/targets');
        }}
        onCancel={() => navigate(target ? `/targets/${target.id}` : '/targets')}
      />
    </>
  );
}
