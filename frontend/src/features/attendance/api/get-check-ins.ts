import { api } from '../../../lib/api-client';
import type { LiveList } from '../types';

/** GET /api/sessions/:id/check-ins?after=cursor: newest first; with a cursor only what changed since. */
export const getCheckIns = (sessionId: string, after?: string, signal?: AbortSignal) =>
  api.get<LiveList>(`/sessions/${encodeURIComponent(sessionId)}/check-ins`, { params: { after }, signal });
