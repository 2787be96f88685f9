import { useParams } from 'react-router';
import { MarkingPage } from '../../features/attendance/components/marking-page';

/** /sessions/:id/mark: the trainer's marking page (phone first, works offline). */
export default function SessionMarkRoute() {
  const { id = '' } = useParams();
  return <MarkingPage key={id} sessionId={id} />;
}
