import { App, Button } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useT } from '../../../lib/i18n';
import { formatNumber } from '../../../lib/format';
import type { Quiz } from '../types';
import { useRegrade } from '../api/grading';

/** Re-grades every attempt (or one question) after a correction; asks first, then says how many scores changed. */
export function RegradeButton({ quiz, questionId, label }: { quiz: Quiz; questionId?: string; label?: string }) {
  const t = useT();
  const { modal } = App.useApp();
  const regrade = useRegrade();
  const onClick = () =>
    modal.confirm({
      title: t('qregrade.confirmTitle'),
      content: t('qregrade.confirmText', { n: formatNumber(quiz.attemptCount) }),
      okText: t('qregrade.ok'),
      cancelText: t('common.cancel'),
      onOk: () =>
        regrade.mutateAsync({ quizId: quiz.id, questionId }).then(
          (r) => {
            modal.success({
              title: t('qregrade.doneTitle'),
              content: (
                <>
                  <p>{t('qregrade.done', { attempts: formatNumber(r.attempts), changed: formatNumber(r.changed) })}</p>
                  {!!r.updatedQuestions && <p>{t('qregrade.updated', { n: formatNumber(r.updatedQuestions) })}</p>}
                  {!!r.skipped && <p>{t('qregrade.skipped', { n: formatNumber(r.skipped) })}</p>}
                </>
              ),
              okText: t('common.close'),
            });
          },
          (err: Error) => {
            modal.error({ title: t('qregrade.failed'), content: err.message, okText: t('common.close') });
          },
        ),
    });
  return (
    <Button icon={<ReloadOutlined aria-hidden />} onClick={onClick} loading={regrade.isPending} disabled={quiz.attemptCount === 0}>
      {label ?? t('qregrade.button')}
    </Button>
  );
}
