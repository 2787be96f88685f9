import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { ExternalCompletion } from '../types';
import { completionKeys } from './keys';

export type ApproveInput = { id: string; note?: string };

/** 409 COMPLETION_ALREADY_REVIEWED when someone reviewed it first. */
export const approveExternalCompletion = ({ id, note }: ApproveInput) =>
  api.post<ExternalCompletion>(`/external-completions/${encodeURIComponent(id)}/approve`, note ? { note } : {});

export function useApproveExternalCompletion() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: approveExternalCompletion,
    // Approved completions count in the person's hours and may complete an enrolment.
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: completionKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['courses'] });
    },
  });
}
