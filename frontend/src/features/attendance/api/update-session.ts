import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { ClassSession } from '../types';
import { invalidateClassSessions, type SessionInput } from './create-session';

export const updateSession = ({ id, changes }: { id: string; changes: Partial<SessionInput> }) =>
  api.patch<ClassSession>(`/sessions/${encodeURIComponent(id)}`, changes);

export function useUpdateSession(classId: string) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: updateSession, onSuccess: () => invalidateClassSessions(queryClient, classId) });
}
