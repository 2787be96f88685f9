import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { DtRole, StaffCategory } from '../../../types/api';
import { courseKeys } from './keys';

export type CreateEnrolmentsInput = {
  courseId: string;
  staffIds?: string[];
  unitIds?: string[];
  filter?: { unitId: string; categories?: StaffCategory[]; dtRoles?: DtRole[] };
  dueDate?: string | null;
};
export type CreateEnrolmentsResult = { enrolled: number; alreadyEnrolled: number };

export const createEnrolments = ({ courseId, ...body }: CreateEnrolmentsInput) =>
  api.post<CreateEnrolmentsResult>(`/courses/${encodeURIComponent(courseId)}/enrolments`, body);

export function useCreateEnrolments() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createEnrolments,
    onSuccess: (_r, input) => queryClient.invalidateQueries({ queryKey: courseKeys.detail(input.courseId) }),
  });
}
