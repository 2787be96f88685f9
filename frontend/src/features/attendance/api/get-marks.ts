import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { SessionMarks } from '../types';
import { attendanceKeys } from './keys';

/** GET /api/sessions/:id/marks: the session, the class rule and the whole roster with its marks. */
export const getMarks = (sessionId: string, signal?: AbortSignal) =>
  api.get<SessionMarks>(`/sessions/${encodeURIComponent(sessionId)}/marks`, { signal });

export const marksQuery = (sessionId: string) =>
  queryOptions({ queryKey: attendanceKeys.marks(sessionId), queryFn: ({ signal }) => getMarks(sessionId, signal) });

export const useMarks = (sessionId: string, options: { initialData?: SessionMarks } = {}) =>
  useQuery({ ...marksQuery(sessionId), initialData: options.initialData, initialDataUpdatedAt: options.initialData ? 0 : undefined });
