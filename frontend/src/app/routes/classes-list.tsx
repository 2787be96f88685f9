import { useNavigate } from 'react-router';
import { Button } from 'antd';
import { BarChartOutlined, PlusOutlined } from '@ant-design/icons';
import { useT } from '../../lib/i18n';
import { PageHeader } from '../../components/ui/page-header';
import { ClassList } from '../../features/attendance/components/class-list';

/** /classes: the classes (lớp học) of the caller's scope. */
export default function ClassesListRoute() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader
        title={t('att.classes.title')}
        extra={
          <>
            <Button icon={<BarChartOutlined aria-hidden />} onClick={() => navigate('/attendance-reports')}>
              {t('att.reports.title')}
            </Button>
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => navigate('/classes/new')}>
              {t('att.classes.add')}
            </Button>
          </>
        }
      />
      <ClassList />
    </>
  );
}
