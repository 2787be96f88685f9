import { PublicCheckIn } from '../../features/attendance/components/public-check-in';

/** /check-in?t=<rotating token> (public): the page the class QR opens on a learner's phone. */
export default function CheckInRoute() {
  return <PublicCheckIn />;
}
