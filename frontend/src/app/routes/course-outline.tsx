import { Link, useParams } from 'react-router';
import { Skeleton } from 'antd';
import { LeftOutlined } from '@ant-design/icons';
import { useT } from '../../lib/i18n';
import { isApiError } from '../../lib/api-client';
import { PageHeader } from '../../components/ui/page-header';
import { NotFound } from '../../components/ui/not-found';
import { QueryError } from '../../components/ui/query-error';
import { useCourse } from '../../features/courses/api/get-course';
import { useOutline } from '../../features/courses/api/get-outline';
import { OutlineBuilder } from '../../features/courses/components/outline-builder';

/** /courses/:id/outline: sections and items editor (PUT outline). */
export default function CourseOutlineRoute() {
  const { id = '' } = useParams();
  const t = useT();
  const course = useCourse(id);
  const outline = useOutline(id);
  const error = course.error ?? outline.error;
  if (error) {
    if (isApiError(error) && error.status === 404) return <NotFound text={t('courses.notFound')} />;
    return (
      <>
        <PageHeader title={t('courses.outline')} />
        <QueryError
          error={error}
          onRetry={() => {
            void course.refetch();
            void outline.refetch();
          }}
        />
      </>
    );
  }
  if (!course.data || !outline.data) {
    return (
      <>
        <PageHeader title={t('courses.outline')} />
        <Skeleton active />
      </>
    );
  }
  return (
    <>
      <div style={{ marginBottom: 8 }}>
        <Link to={`/courses/${id}`}>
          <LeftOutlined aria-hidden /> {course.data.title}
        </Link>
      </div>
      <PageHeader title={t('builder.title', { title: course.data.title })} />
      <OutlineBuilder key={`${outline.data.version}`} course={course.data} outline={outline.data} />
    </>
  );
}
