import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { ClassSession } from '../types';
import { invalidateClassSessions } from './create-session';

export const cancelSession = ({ id, reason }: { id: string; reason: string }) =>
  api.post<ClassSession>(`/sessions/${encodeURIComponent(id)}/cancel`, { reason });

export function useCancelSession(classId: string) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: cancelSession, onSuccess: () => invalidateClassSessions(queryClient, classId) });
}
