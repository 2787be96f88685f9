import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { CheckInScreen } from '../types';
import { attendanceKeys } from './keys';

/** GET /api/sessions/:id/check-in-screen: the current rotating token, short code and counts. */
export const getCheckInScreen = (sessionId: string, signal?: AbortSignal) =>
  api.get<CheckInScreen>(`/sessions/${encodeURIComponent(sessionId)}/check-in-screen`, { signal });

/**
 * Refetches just after the token's step ends (validUntil, measured on the server's clock so a wrong device
 * clock does not matter); the previous step stays accepted for one more step, so the QR never goes stale.
 */
export const checkInScreenQuery = (sessionId: string) =>
  queryOptions({
    queryKey: attendanceKeys.screen(sessionId),
    queryFn: ({ signal }) => getCheckInScreen(sessionId, signal),
    staleTime: 0,
    refetchInterval: (query) => {
      const data = query.state.data;
      if (!data) return 5_000;
      const ms = new Date(data.validUntil).getTime() - new Date(data.serverTime).getTime();
      return Math.min(Math.max(ms + 250, 1_000), data.stepSeconds * 1000);
    },
    refetchIntervalInBackground: true,
    retry: true,
    retryDelay: (attempt) => Math.min(1000 * 2 ** attempt, 10_000),
  });

export const useCheckInScreen = (sessionId: string) => useQuery(checkInScreenQuery(sessionId));
