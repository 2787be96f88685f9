import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { courseKeys } from './keys';

export type DeleteEnrolmentRuleInput = { id: string; courseId: string };

export const deleteEnrolmentRule = ({ id }: DeleteEnrolmentRuleInput) =>
  api.delete<void>(`/enrolment-rules/${encodeURIComponent(id)}`);

export function useDeleteEnrolmentRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteEnrolmentRule,
    onSuccess: (_r, input) => queryClient.invalidateQueries({ queryKey: courseKeys.detail(input.courseId) }),
  });
}
