import { Alert, Typography } from 'antd';
import { useT } from '../../lib/i18n';
import { PageHeader } from '../../components/ui/page-header';
import { useMyLearning } from '../../features/learning/api/get-my-learning';
import { ExternalCompletionForm } from '../../features/completions/components/external-completion-form';
import { MyExternalCompletions } from '../../features/completions/components/my-external-completions';
import { useCurrentUser } from '../guards';

/** /external-learning: a learner records a completion earned on BDHVS or in a provincial programme. */
export default function ExternalLearningRoute() {
  const t = useT();
  const me = useCurrentUser();
  const hasPerson = !!me.staffId;
  const learning = useMyLearning('all', hasPerson);
  const courseChoices = (learning.data?.items ?? [])
    .filter((c) => c.status === 'enrolled' || c.status === 'in_progress')
    .map((c) => ({ id: c.courseId, title: c.courseTitle }));
  return (
    <>
      <PageHeader title={t('menu.externalLearning')} subtitle={t('completions.pageIntro')} />
      {!hasPerson ? (
        <Alert type="info" showIcon title={t('learning.noPersonTitle')} description={t('completions.noPerson')} />
      ) : (
        <>
          <Typography.Title level={2} style={{ fontSize: 18 }}>
            {t('completions.newTitle')}
          </Typography.Title>
          <ExternalCompletionForm courseChoices={courseChoices} />
          <Typography.Title level={2} style={{ fontSize: 18, marginTop: 24 }}>
            {t('completions.mineTitle')}
          </Typography.Title>
          <MyExternalCompletions />
        </>
      )}
    </>
  );
}
