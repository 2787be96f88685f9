import { useNavigate } from 'react-router';
import { Button } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useT } from '../../lib/i18n';
import { PageHeader } from '../../components/ui/page-header';
import { QuizList } from '../../features/quizzes/components/quiz-list';

/** /quizzes: quizzes of the caller's scope (trainer, manager, admin). */
export default function QuizzesListRoute() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader
        title={t('quizzes.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => navigate('/quizzes/new')}>
            {t('quizzes.add')}
          </Button>
        }
      />
      <QuizList />
    </>
  );
}
