import { HomeDashboard } from '../../features/home/components/home-dashboard';
import { TargetsDashboard } from '../../features/targets/components/targets-dashboard';
import { hasRole } from '../../lib/roles';
import { useCurrentUser } from '../guards';

export default function HomeRoute() {
  const me = useCurrentUser();
  // managers and administrators land on the officials' dashboard of the training targets
  if (hasRole(me, 'manager', 'admin')) return <TargetsDashboard canManage />;
  return <HomeDashboard me={me} />;
}
