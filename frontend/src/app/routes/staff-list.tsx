import { useNavigate } from 'react-router';
import { Button } from 'antd';
import { CloudUploadOutlined, PlusOutlined } from '@ant-design/icons';
import { useT } from '../../lib/i18n';
import { canEditStaff } from '../../lib/roles';
import { PageHeader } from '../../components/ui/page-header';
import { StaffList } from '../../features/staff/components/staff-list';
import { UnitTreeSelect } from '../../features/org-units/components/unit-tree-select';
import { useCurrentUser } from '../guards';

export default function StaffListRoute() {
  const t = useT();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const canEdit = canEditStaff(me);
  return (
    <>
      <PageHeader
        title={t('staff.title')}
        extra={
          canEdit && (
            <>
              <Button icon={<CloudUploadOutlined aria-hidden />} onClick={() => navigate('/staff/import')}>
                {t('menu.import')}
              </Button>
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => navigate('/staff/new')}>
                {t('staff.add')}
              </Button>
            </>
          )
        }
      />
      <StaffList renderUnitFilter={(props) => <UnitTreeSelect {...props} />} />
    </>
  );
}
