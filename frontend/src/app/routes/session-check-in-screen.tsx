import { useParams } from 'react-router';
import { CheckInScreen } from '../../features/attendance/components/check-in-screen';

/** /sessions/:id/check-in-screen: full-screen rotating QR for a projector or a tablet (signed-in trainers). */
export default function SessionCheckInScreenRoute() {
  const { id = '' } = useParams();
  return <CheckInScreen key={id} sessionId={id} />;
}
