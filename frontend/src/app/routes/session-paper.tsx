import { useParams } from 'react-router';
import { PaperEntry } from '../../features/attendance/components/paper-entry';

/** /sessions/:id/paper: typing the paper sign-in sheet back in, and the history of marks. */
export default function SessionPaperRoute() {
  const { id = '' } = useParams();
  return <PaperEntry key={id} sessionId={id} />;
}
