import { Link, useParams, useSearchParams } from 'react-router';
import { Alert, Skeleton } from 'antd';
import { useT } from '../../lib/i18n';
import { isApiError } from '../../lib/api-client';
import { PageHeader } from '../../components/ui/page-header';
import { NotFound } from '../../components/ui/not-found';
import { QueryError } from '../../components/ui/query-error';
import { useReview } from '../../features/quizzes/api/my-quiz';
import { AttemptReviewView } from '../../features/quizzes/components/attempt-result';

/** /learning/attempts/:attemptId/review: as far as the quiz's review rules allow (403 REVIEW_NOT_AVAILABLE otherwise). */
export default function QuizReviewRoute() {
  const { attemptId = '' } = useParams();
  const [params] = useSearchParams();
  const courseId = params.get('course');
  const t = useT();
  const query = useReview(attemptId);
  if (query.isError) {
    if (isApiError(query.error) && query.error.status === 404) return <NotFound text={t('qattempt.notFound')} />;
    if (isApiError(query.error) && query.error.status === 403) {
      return (
        <>
          <PageHeader title={t('qreview.title')} />
          <Alert type="info" showIcon role="status" title={t('qreview.notAvailable')} description={query.error.message} style={{ marginBottom: 12 }} />
          {courseId && <Link to={`/learning/${courseId}`}>{t('quizStart.backToCourse')}</Link>}
        </>
      );
    }
    return (
      <>
        <PageHeader title={t('qreview.title')} />
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      </>
    );
  }
  if (!query.data) {
    return (
      <>
        <PageHeader title={t('qreview.title')} />
        <Skeleton active />
      </>
    );
  }
  return (
    <>
      <PageHeader title={t('qreview.titleOf', { title: query.data.attempt.quizTitle ?? '', n: query.data.attempt.attemptNo })} />
      <AttemptReviewView review={query.data} courseId={courseId} />
    </>
  );
}
