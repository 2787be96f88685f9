import { useNavigate, useParams } from 'react-router';
import { App, Skeleton } from 'antd';
import { useT } from '../../lib/i18n';
import { isApiError } from '../../lib/api-client';
import { PageHeader } from '../../components/ui/page-header';
import { NotFound } from '../../components/ui/not-found';
import { QueryError } from '../../components/ui/query-error';
import { useClass } from '../../features/attendance/api/get-class';
import { ClassForm } from '../../features/attendance/components/class-form';

/** /classes/new and /classes/:id/edit */
export default function ClassEditRoute() {
  const { id } = useParams();
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const query = useClass(id);
  if (id && query.isError) {
    if (isApiError(query.error) && query.error.status === 404) return <NotFound text={t('att.class.notFound')} />;
    return (
      <>
        <PageHeader title={t('att.classes.title')} />
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      </>
    );
  }
  if (id && !query.data) {
    return (
      <>
        <PageHeader title={t('att.classes.title')} />
        <Skeleton active />
      </>
    );
  }
  const klass = id ? query.data : undefined;
  return (
    <>
      <PageHeader title={klass ? t('att.class.editTitle', { title: klass.title }) : t('att.class.createTitle')} />
      <ClassForm
        key={klass?.id ?? 'new'}
        klass={klass}
        onSaved={(saved) => {
          message.success(klass ? t('att.class.updated') : t('att.class.created'));
          navigate(`/classes/${saved.id}${klass ? '' : '?tab=sessions'}`);
        }}
        onCancel={() => navigate(klass ? `/classes/${klass.id}` : '/classes')}
      />
    </>
  );
}
