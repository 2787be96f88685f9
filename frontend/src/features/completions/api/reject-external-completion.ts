import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { ExternalCompletion } from '../types';
import { completionKeys } from './keys';

export type RejectInput = { id: string; note: string };

/** The note is required: the learner sees why. */
export const rejectExternalCompletion = ({ id, note }: RejectInput) =>
  api.post<ExternalCompletion>(`/external-completions/${encodeURIComponent(id)}/reject`, { note });

export function useRejectExternalCompletion() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: rejectExternalCompletion,
    onSettled: () => queryClient.invalidateQueries({ queryKey: completionKeys.all }),
  });
}
