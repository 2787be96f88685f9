import { useCallback } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { Skeleton } from 'antd';
import { useT } from '../../lib/i18n';
import { isApiError } from '../../lib/api-client';
import { PageHeader } from '../../components/ui/page-header';
import { NotFound } from '../../components/ui/not-found';
import { QueryError } from '../../components/ui/query-error';
import { useAttempt, useMyQuiz } from '../../features/quizzes/api/my-quiz';
import { AttemptPlayer } from '../../features/quizzes/components/attempt-player';
import { AttemptDone } from '../../features/quizzes/components/attempt-result';

/** /learning/attempts/:attemptId: the attempt player, or its result once submitted. */
export default function QuizAttemptRoute() {
  const { attemptId = '' } = useParams();
  const [params] = useSearchParams();
  const t = useT();
  const query = useAttempt(attemptId);
  const quizId = query.data?.attempt.quizId;
  const quiz = useMyQuiz(quizId ?? '');
  const { refetch } = query;
  const reload = useCallback(() => refetch(), [refetch]);
  const courseId = params.get('course') ?? quiz.data?.quiz.courseId ?? null;
  const title = query.data?.attempt.quizTitle ?? quiz.data?.quiz.title ?? t('quizStart.title');

  if (query.isError && !query.data) {
    if (isApiError(query.error) && query.error.status === 404) return <NotFound text={t('qattempt.notFound')} />;
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
  const attempt = query.data.attempt;
  return (
    <>
      <PageHeader title={title} subtitle={t('qattempt.subtitle', { n: attempt.attemptNo })} />
      {attempt.status === 'in_progress' ? (
        <AttemptPlayer key={attempt.id} timed={query.data} quiz={quiz.data?.quiz} reload={reload} courseId={courseId} />
      ) : (
        <AttemptDone attempt={attempt} courseId={courseId} />
      )}
    </>
  );
}
