import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { AttendanceClass, AttendanceRule, CheckInSettings, ClassType } from '../types';
import { attendanceKeys } from './keys';

export type ClassInput = {
  code: string;
  title: string;
  description?: string;
  classType: ClassType;
  courseId?: string | null;
  courseItemId?: string | null;
  ownerUnitId: string;
  trainerIds?: string[];
  venueName?: string | null;
  venueAddress?: string | null;
  venueLat?: number | null;
  venueLng?: number | null;
  capacity?: number | null;
  status?: 'planned' | 'enrolling';
  checkIn?: Partial<CheckInSettings>;
  rule?: Partial<AttendanceRule>;
};

export const createClass = (input: ClassInput) => api.post<AttendanceClass>('/classes', input);

export function useCreateClass() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createClass,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: attendanceKeys.classes() }),
  });
}
