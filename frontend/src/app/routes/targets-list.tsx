import { useNavigate } from 'react-router';
import { Button } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useT } from '../../lib/i18n';
import { PageHeader } from '../../components/ui/page-header';
import { TargetList } from '../../features/targets/components/target-list';

/** /targets: the training targets (manager, admin). */
export default function TargetsListRoute() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader
        title={t('targets.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => navigate('/targets/new')}>
            {t('targets.add')}
          </Button>
        }
      />
      <TargetList canManage />
    </>
  );
}
