import { useParams } from 'react-router';
import { canEditStaff } from '../../lib/roles';
import { StaffDetail } from '../../features/staff/components/staff-detail';
import { useStaff } from '../../features/staff/api/get-staff';
import { StaffCompletions } from '../../features/completions/components/staff-completions';
import { useCurrentUser } from '../guards';

export default function StaffDetailRoute() {
  const { id = '' } = useParams();
  const me = useCurrentUser();
  // The same query as the detail: the learning record shows once the person is known (not on a 404).
  const staff = useStaff(id);
  return (
    <>
      <StaffDetail id={id} canEdit={canEditStaff(me)} />
      {staff.data && <StaffCompletions staffId={staff.data.id} />}
    </>
  );
}
