import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { ClassSession } from '../types';
import { invalidateClassSessions, type SessionInput } from './create-session';

/** POST /api/sessions/:id/postpone with a reason and, optionally, the make-up session. */
export const postponeSession = ({ id, reason, makeUp }: { id: string; reason: string; makeUp?: SessionInput }) =>
  api.post<{ session: ClassSession; makeUp: ClassSession | null }>(`/sessions/${encodeURIComponent(id)}/postpone`, { reason, makeUp });

export function usePostponeSession(classId: string) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: postponeSession, onSuccess: () => invalidateClassSessions(queryClient, classId) });
}
