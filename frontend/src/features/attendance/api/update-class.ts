import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { AttendanceClass } from '../types';
import type { ClassInput } from './create-class';
import { attendanceKeys } from './keys';

export type ClassChanges = Partial<Omit<ClassInput, 'status'>>;

export const updateClass = ({ id, changes }: { id: string; changes: ClassChanges }) =>
  api.patch<AttendanceClass>(`/classes/${encodeURIComponent(id)}`, changes);

export function useUpdateClass() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateClass,
    onSuccess: (saved) => {
      queryClient.setQueryData(attendanceKeys.class(saved.id), saved);
      return queryClient.invalidateQueries({ queryKey: attendanceKeys.classes() });
    },
  });
}
