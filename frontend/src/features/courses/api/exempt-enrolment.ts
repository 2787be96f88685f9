import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Enrolment } from '../types';
import { courseKeys } from './keys';

export type ExemptEnrolmentInput = { id: string; reason: string };

export const exemptEnrolment = ({ id, reason }: ExemptEnrolmentInput) =>
  api.post<Enrolment>(`/enrolments/${encodeURIComponent(id)}/exempt`, { reason });

export function useExemptEnrolment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: exemptEnrolment,
    onSuccess: (enrolment) => queryClient.invalidateQueries({ queryKey: courseKeys.detail(enrolment.courseId) }),
  });
}
