import { useNavigate } from 'react-router';
import { Button } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useT } from '../../lib/i18n';
import { PageHeader } from '../../components/ui/page-header';
import { CourseList } from '../../features/courses/components/course-list';

/** /courses: courses of the caller's scope (trainer, manager, admin). */
export default function CoursesListRoute() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader
        title={t('courses.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => navigate('/courses/new')}>
            {t('courses.add')}
          </Button>
        }
      />
      <CourseList />
    </>
  );
}
