import { useNavigate } from 'react-router';
import { App } from 'antd';
import { useT } from '../../lib/i18n';
import { PageHeader } from '../../components/ui/page-header';
import { QuizForm } from '../../features/quizzes/components/quiz-form';
import { UnitTreeSelect } from '../../features/org-units/components/unit-tree-select';

/** /quizzes/new */
export default function QuizNewRoute() {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  return (
    <>
      <PageHeader title={t('quizzes.createTitle')} />
      <QuizForm
        renderUnitSelect={() => <UnitTreeSelect />}
        onSaved={(quiz) => {
          message.success(t('quizzes.created'));
          navigate(`/quizzes/${quiz.id}?tab=questions`);
        }}
        onCancel={() => navigate('/quizzes')}
      />
    </>
  );
}
