import { useNavigate, useParams } from 'react-router';
import { App, Skeleton } from 'antd';
import { useT } from '../../lib/i18n';
import { isApiError } from '../../lib/api-client';
import { PageHeader } from '../../components/ui/page-header';
import { NotFound } from '../../components/ui/not-found';
import { QueryError } from '../../components/ui/query-error';
import { useCourse } from '../../features/courses/api/get-course';
import { CourseForm } from '../../features/courses/components/course-form';
import { UnitTreeSelect } from '../../features/org-units/components/unit-tree-select';

/** /courses/new and /courses/:id/edit */
export default function CourseEditRoute() {
  const { id } = useParams();
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const query = useCourse(id);
  if (id && query.isError) {
    if (isApiError(query.error) && query.error.status === 404) return <NotFound text={t('courses.notFound')} />;
    return (
      <>
        <PageHeader title={t('courses.title')} />
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      </>
    );
  }
  if (id && !query.data) {
    return (
      <>
        <PageHeader title={t('courses.title')} />
        <Skeleton active />
      </>
    );
  }
  const course = id ? query.data : undefined;
  return (
    <>
      <PageHeader title={course ? t('courses.editTitle', { title: course.title }) : t('courses.createTitle')} />
      <CourseForm
        key={course?.id ?? 'new'}
        course={course}
        renderUnitSelect={() => <UnitTreeSelect />}
        onSaved={(saved) => {
          message.success(course ? t('courses.updated') : t('courses.created'));
          navigate(`/courses/${saved.id}`);
        }}
        onCancel={() => navigate(course ? `/courses/${course.id}` : '/courses')}
      />
    </>
  );
}
