import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { DtRole, StaffCategory } from '../../../types/api';
import type { EnrolmentRule } from '../types';
import { courseKeys } from './keys';

export type CreateEnrolmentRuleInput = {
  courseId: string;
  unitId: string;
  categories?: StaffCategory[];
  dtRoles?: DtRole[];
  dueDate?: string | null;
};

export const createEnrolmentRule = ({ courseId, ...body }: CreateEnrolmentRuleInput) =>
  api.post<EnrolmentRule>(`/courses/${encodeURIComponent(courseId)}/enrolment-rules`, body);

export function useCreateEnrolmentRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createEnrolmentRule,
    onSuccess: (_r, input) => queryClient.invalidateQueries({ queryKey: courseKeys.detail(input.courseId) }),
  });
}
