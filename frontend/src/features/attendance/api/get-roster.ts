import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { RosterMember } from '../types';
import { attendanceKeys } from './keys';

/** GET /api/classes/:id/roster?q= (diacritic-insensitive), Vietnamese name order. */
export const getRoster = (classId: string, q: string, signal?: AbortSignal) =>
  api.get<{ items: RosterMember[] }>(`/classes/${encodeURIComponent(classId)}/roster`, { params: { q }, signal });

export const rosterQuery = (classId: string, q = '') =>
  queryOptions({
    queryKey: attendanceKeys.roster(classId, q),
    queryFn: ({ signal }) => getRoster(classId, q, signal),
    placeholderData: keepPreviousData,
  });

export const useRoster = (classId: string, q = '') => useQuery(rosterQuery(classId, q));
