import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { ClassSession } from '../types';
import { invalidateClassSessions, type SessionInput } from './create-session';

/** POST /api/sessions/:id/make-up: a make-up for a postponed or cancelled session. */
export const createMakeUp = ({ id, input }: { id: string; input: SessionInput }) =>
  api.post<ClassSession>(`/sessions/${encodeURIComponent(id)}/make-up`, input);

export function useCreateMakeUp(classId: string) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: createMakeUp, onSuccess: () => invalidateClassSessions(queryClient, classId) });
}
