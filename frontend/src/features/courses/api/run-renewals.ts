import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { RenewalResult } from '../types';
import { courseKeys } from './keys';

/** Re-enrols now the people whose certificate of the course expires within its lead time (as the hourly job does). */
export const runRenewals = (courseId: string) =>
  api.post<RenewalResult>(`/courses/${encodeURIComponent(courseId)}/renewals`, {});

export function useRunRenewals() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: runRenewals,
    // the course's counts, enrolments and progress change
    onSuccess: (_r, courseId) => queryClient.invalidateQueries({ queryKey: courseKeys.detail(courseId) }),
  });
}
