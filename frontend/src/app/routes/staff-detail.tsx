import { useParams } from 'react-router';
import { canEditStaff } from '../../lib/roles';
import { StaffDetail } from '../../features/staff/components/staff-detail';
import { useCurrentUser } from '../guards';

export default function StaffDetailRoute() {
  const { id = '' } = useParams();
  const me = useCurrentUser();
  return <StaffDetail id={id} canEdit={canEditStaff(me)} />;
}
