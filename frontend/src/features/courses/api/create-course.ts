import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Course, DeliveryMode, TargetGroup } from '../types';
import { courseKeys } from './keys';

export type CourseInput = {
  code: string;
  title: string;
  description?: string;
  ownerUnitId: string;
  tags?: string[];
  targetGroup: TargetGroup;
  deliveryMode: DeliveryMode;
  durationHours: number;
  sequential?: boolean;
  passMark?: number | null;
  minProgressBeforeFinal?: number | null;
  selfEnrol?: boolean;
  certificateValidityMonths?: number | null;
  /** needs certificateValidityMonths */
  renewalLeadDays?: number | null;
  /** null removes the key (PATCH); omitted keeps it. */
  enrolKey?: string | null;
  trainerIds?: string[];
};

export const createCourse = (input: CourseInput) => api.post<Course>('/courses', input);

export function useCreateCourse() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createCourse,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: courseKeys.lists() }),
  });
}
