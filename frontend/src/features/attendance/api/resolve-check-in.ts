import { api } from '../../../lib/api-client';
import type { ResolveResult } from '../types';

export type ResolveInput = { token?: string; code?: string; sessionId?: string; deviceToken?: string };

/** POST /api/check-in/resolve (public): checks the rotating token or code, gives a 5-minute ticket and who would be checked in. */
export const resolveCheckIn = (input: ResolveInput) =>
  api.post<ResolveResult>('/check-in/resolve', input, { skipAuthRedirect: true });
