import { useNavigate, useParams } from 'react-router';
import { App, Skeleton } from 'antd';
import { useT } from '../../lib/i18n';
import { isApiError } from '../../lib/api-client';
import { PageHeader } from '../../components/ui/page-header';
import { NotFound } from '../../components/ui/not-found';
import { QueryError } from '../../components/ui/query-error';
import { useStaff } from '../../features/staff/api/get-staff';
import { StaffForm } from '../../features/staff/components/staff-form';
import { UnitTreeSelect } from '../../features/org-units/components/unit-tree-select';

/** /staff/new and /staff/:id/edit */
export default function StaffEditRoute() {
  const { id } = useParams();
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const staffQuery = useStaff(id);

  if (id && staffQuery.isError) {
    if (isApiError(staffQuery.error) && staffQuery.error.status === 404) return <NotFound text={t('staff.notFound')} />;
    return (
      <>
        <PageHeader title={t('staff.detailTitle')} />
        <QueryError error={staffQuery.error} onRetry={() => staffQuery.refetch()} />
      </>
    );
  }
  if (id && !staffQuery.data) {
    return (
      <>
        <PageHeader title={t('staff.detailTitle')} />
        <Skeleton active />
      </>
    );
  }
  const staff = id ? staffQuery.data : undefined;
  return (
    <>
      <PageHeader title={staff ? t('staff.editTitle', { name: staff.fullName }) : t('staff.createTitle')} />
      <StaffForm
        key={staff?.id ?? 'new'}
        staff={staff}
        renderUnitSelect={() => <UnitTreeSelect />}
        onSaved={(saved) => {
          message.success(staff ? t('staff.updated') : t('staff.created'));
          navigate(`/staff/${saved.id}`);
        }}
        onCancel={() => navigate(staff ? `/staff/${staff.id}` : '/staff')}
      />
    </>
  );
}
