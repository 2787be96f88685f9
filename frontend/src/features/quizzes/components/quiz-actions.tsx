import { App, Button } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { useT } from '../../../lib/i18n';
import type { Quiz } from '../types';
import { usePublishQuiz } from '../api/save-quiz';
import { RegradeButton } from './regrade-button';

export function QuizActions({ quiz }: { quiz: Quiz }) {
  const t = useT();
  const { modal, message } = App.useApp();
  const publish = usePublishQuiz();
  const onPublish = () =>
    modal.confirm({
      title: t('quizzes.publishTitle', { title: quiz.title }),
      content: quiz.slotCount === 0 ? t('quizzes.publishEmpty') : t('quizzes.publishText', { n: quiz.slotCount }),
      okText: t('quizzes.publish'),
      cancelText: t('common.cancel'),
      onOk: () =>
        publish.mutateAsync(quiz.id).then(
          () => {
            message.success(t('quizzes.published'));
          },
          (err: Error) => {
            modal.error({ title: t('quizzes.publishFailed'), content: err.message, okText: t('common.close') });
          },
        ),
    });
  return (
    <>
      {quiz.status === 'draft' && (
        <Button type="primary" icon={<CheckOutlined aria-hidden />} onClick={onPublish} loading={publish.isPending}>
          {t('quizzes.publish')}
        </Button>
      )}
      <RegradeButton quiz={quiz} />
    </>
  );
}
