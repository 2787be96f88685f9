import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { courseKeys } from '../../courses/api/keys';
import type { EnrolResult } from '../types';
import { targetKeys } from './keys';

export type EnrolUntrainedInput = { targetId: string; courseId: string; unitId?: string; dueDate?: string | null };

export const enrolUntrained = ({ targetId, ...body }: EnrolUntrainedInput) =>
  api.post<EnrolResult>(`/targets/${encodeURIComponent(targetId)}/enrol`, body);

export function useEnrolUntrained() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: enrolUntrained,
    onSuccess: (_r, input) => {
      void queryClient.invalidateQueries({ queryKey: targetKeys.figures(input.targetId) });
      void queryClient.invalidateQueries({ queryKey: courseKeys.detail(input.courseId) });
    },
  });
}
