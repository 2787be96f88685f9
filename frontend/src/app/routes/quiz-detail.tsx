import { Link, useParams, useSearchParams } from 'react-router';
import { App, Skeleton, Tabs } from 'antd';
import { LeftOutlined } from '@ant-design/icons';
import { useT } from '../../lib/i18n';
import { isApiError } from '../../lib/api-client';
import { PageHeader } from '../../components/ui/page-header';
import { NotFound } from '../../components/ui/not-found';
import { QueryError } from '../../components/ui/query-error';
import { useQuiz } from '../../features/quizzes/api/get-quiz';
import { QuizForm } from '../../features/quizzes/components/quiz-form';
import { QuizActions } from '../../features/quizzes/components/quiz-actions';
import { QuizStatusTag, formatMark } from '../../features/quizzes/components/quiz-labels';
import { SlotsEditor } from '../../features/quizzes/components/slots-editor';
import { QuizOverrides } from '../../features/quizzes/components/overrides';
import { QuizAttempts } from '../../features/quizzes/components/quiz-attempts';
import { GradingQueue } from '../../features/quizzes/components/grading-queue';
import { QuizStatistics } from '../../features/quizzes/components/quiz-statistics';
import { UnitTreeSelect } from '../../features/org-units/components/unit-tree-select';

const TABS = ['settings', 'questions', 'overrides', 'attempts', 'grading', 'statistics'] as const;
type Tab = (typeof TABS)[number];

/** /quizzes/:id: settings, questions (slots), overrides, attempts, essay grading and statistics. */
export default function QuizDetailRoute() {
  const { id = '' } = useParams();
  const t = useT();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const query = useQuiz(id);
  const tabParam = params.get('tab');
  const tab: Tab = (TABS as readonly string[]).includes(tabParam ?? '') ? (tabParam as Tab) : 'settings';

  if (query.isError) {
    if (isApiError(query.error) && query.error.status === 404) return <NotFound text={t('quizzes.notFound')} />;
    return (
      <>
        <PageHeader title={t('quizzes.title')} />
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      </>
    );
  }
  if (!query.data) {
    return (
      <>
        <PageHeader title={t('quizzes.title')} />
        <Skeleton active />
      </>
    );
  }
  const quiz = query.data;
  return (
    <>
      <div style={{ marginBottom: 8 }}>
        <Link to="/quizzes">
          <LeftOutlined aria-hidden /> {t('quizzes.title')}
        </Link>
      </div>
      <PageHeader
        title={quiz.title}
        subtitle={
          <>
            <QuizStatusTag status={quiz.status} /> {t('quizzes.summary', { n: quiz.slotCount, marks: formatMark(quiz.totalMarks), attempts: quiz.attemptCount })}
          </>
        }
        extra={<QuizActions quiz={quiz} />}
      />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'settings' ? {} : { tab: key }, { replace: true })}
        items={[
          {
            key: 'settings',
            label: t('quizzes.tab.settings'),
            children: tab === 'settings' && (
              <QuizForm key={quiz.updatedAt ?? quiz.id} quiz={quiz} renderUnitSelect={() => <UnitTreeSelect />} onSaved={() => message.success(t('quizzes.updated'))} />
            ),
          },
          { key: 'questions', label: t('quizzes.tab.questions'), children: tab === 'questions' && <SlotsEditor quiz={quiz} /> },
          { key: 'overrides', label: t('quizzes.tab.overrides'), children: tab === 'overrides' && <QuizOverrides quiz={quiz} /> },
          { key: 'attempts', label: t('quizzes.tab.attempts'), children: tab === 'attempts' && <QuizAttempts quiz={quiz} /> },
          { key: 'grading', label: t('quizzes.tab.grading'), children: tab === 'grading' && <GradingQueue quiz={quiz} /> },
          { key: 'statistics', label: t('quizzes.tab.statistics'), children: tab === 'statistics' && <QuizStatistics quiz={quiz} /> },
        ]}
      />
    </>
  );
}
