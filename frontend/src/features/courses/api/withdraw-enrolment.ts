import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Enrolment } from '../types';
import { courseKeys } from './keys';

export type WithdrawEnrolmentInput = { id: string; reason: string };

export const withdrawEnrolment = ({ id, reason }: WithdrawEnrolmentInput) =>
  api.post<Enrolment>(`/enrolments/${encodeURIComponent(id)}/withdraw`, { reason });

export function useWithdrawEnrolment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: withdrawEnrolment,
    onSuccess: (enrolment) => queryClient.invalidateQueries({ queryKey: courseKeys.detail(enrolment.courseId) }),
  });
}
