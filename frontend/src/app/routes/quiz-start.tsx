import { useParams, useSearchParams } from 'react-router';
import { Skeleton } from 'antd';
import { useT } from '../../lib/i18n';
import { isApiError } from '../../lib/api-client';
import { PageHeader } from '../../components/ui/page-header';
import { NotFound } from '../../components/ui/not-found';
import { QueryError } from '../../components/ui/query-error';
import { useMyQuiz } from '../../features/quizzes/api/my-quiz';
import { QuizStart } from '../../features/quizzes/components/quiz-start';

/** /learning/quizzes/:quizId: the learner's start page of a quiz (?course= links back to the course player). */
export default function QuizStartRoute() {
  const { quizId = '' } = useParams();
  const [params] = useSearchParams();
  const courseId = params.get('course');
  const t = useT();
  const query = useMyQuiz(quizId);
  if (query.isError && !query.data) {
    if (isApiError(query.error) && query.error.status === 404) return <NotFound text={t('quizzes.notFound')} />;
    return (
      <>
        <PageHeader title={t('quizStart.title')} />
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      </>
    );
  }
  if (!query.data) {
    return (
      <>
        <PageHeader title={t('quizStart.title')} />
        <Skeleton active />
      </>
    );
  }
  return (
    <>
      <PageHeader title={query.data.quiz.title} />
      <QuizStart data={query.data} courseId={courseId ?? query.data.quiz.courseId} />
    </>
  );
}
