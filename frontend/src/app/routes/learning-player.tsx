import { useParams } from 'react-router';
import { Skeleton } from 'antd';
import { useT } from '../../lib/i18n';
import { isApiError } from '../../lib/api-client';
import { PageHeader } from '../../components/ui/page-header';
import { NotFound } from '../../components/ui/not-found';
import { QueryError } from '../../components/ui/query-error';
import { usePlayer } from '../../features/learning/api/get-player';
import { CoursePlayer } from '../../features/learning/components/course-player';

/** /learning/:courseId: the course player of the enrolled learner. */
export default function LearningPlayerRoute() {
  const { courseId = '' } = useParams();
  const t = useT();
  const query = usePlayer(courseId);
  if (query.isError && !query.data) {
    if (isApiError(query.error) && query.error.status === 404) return <NotFound text={t('courses.notFound')} />;
    return (
      <>
        <PageHeader title={t('menu.learning')} />
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      </>
    );
  }
  if (!query.data) {
    return (
      <>
        <PageHeader title={t('menu.learning')} />
        <Skeleton active />
      </>
    );
  }
  return (
    <>
      <PageHeader title={query.data.course.title} />
      <CoursePlayer key={courseId} player={query.data} courseId={courseId} />
    </>
  );
}
