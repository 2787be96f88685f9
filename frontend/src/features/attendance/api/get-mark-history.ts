import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { MarkHistory } from '../types';
import { attendanceKeys } from './keys';

/** GET /api/sessions/:id/marks/history, newest first (superseded offline marks included, applied: false). */
export const getMarkHistory = (sessionId: string, rosterId?: string, signal?: AbortSignal) =>
  api.get<{ items: MarkHistory[] }>(`/sessions/${encodeURIComponent(sessionId)}/marks/history`, { params: { rosterId }, signal });

export const markHistoryQuery = (sessionId: string, rosterId?: string) =>
  queryOptions({
    queryKey: attendanceKeys.history(sessionId, rosterId),
    queryFn: ({ signal }) => getMarkHistory(sessionId, rosterId, signal),
  });

export const useMarkHistory = (sessionId: string, rosterId?: string, enabled = true) =>
  useQuery({ ...markHistoryQuery(sessionId, rosterId), enabled });
