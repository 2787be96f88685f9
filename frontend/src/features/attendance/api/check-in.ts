import { api } from '../../../lib/api-client';
import type { CheckInResult, LocationError } from '../types';

export type CheckInInput = {
  ticket?: string;
  token?: string;
  code?: string;
  sessionId?: string;
  deviceToken?: string;
  resident?: { fullName: string; phone: string; birthYear?: number | null };
  location?: { lat: number; lng: number; accuracyM?: number };
  locationError?: LocationError;
};

/** POST /api/check-in (public): every refusal is a 4xx with a Vietnamese message. */
export const checkIn = (input: CheckInInput) => api.post<CheckInResult>('/check-in', input, { skipAuthRedirect: true });
