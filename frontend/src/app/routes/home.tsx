import { HomeDashboard } from '../../features/home/components/home-dashboard';
import { useCurrentUser } from '../guards';

export default function HomeRoute() {
  const me = useCurrentUser();
  return <HomeDashboard me={me} />;
}
