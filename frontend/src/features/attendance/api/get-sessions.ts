import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { ClassSession } from '../types';
import { attendanceKeys } from './keys';

/** GET /api/classes/:id/sessions: every session of the class in time order. */
export const getSessions = (classId: string, signal?: AbortSignal) =>
  api.get<{ items: ClassSession[] }>(`/classes/${encodeURIComponent(classId)}/sessions`, { signal });

export const sessionsQuery = (classId: string) =>
  queryOptions({ queryKey: attendanceKeys.sessions(classId), queryFn: ({ signal }) => getSessions(classId, signal) });

export const useSessions = (classId: string) => useQuery(sessionsQuery(classId));
