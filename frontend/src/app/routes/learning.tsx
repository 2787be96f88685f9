import { useT } from '../../lib/i18n';
import { PageHeader } from '../../components/ui/page-header';
import { MyLearning } from '../../features/learning/components/my-learning';
import { useCurrentUser } from '../guards';

/** /learning: the courses of the signed-in learner. */
export default function LearningRoute() {
  const t = useT();
  const me = useCurrentUser();
  return (
    <>
      <PageHeader title={t('menu.learning')} />
      <MyLearning hasPerson={!!me.staffId} />
    </>
  );
}
