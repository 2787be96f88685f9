import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { AttendanceClass, ClassStatus } from '../types';
import { attendanceKeys } from './keys';

/** POST /api/classes/:id/status: planned → enrolling → in_progress → completed; postponed / cancelled need a reason. */
export const setClassStatus = ({ id, status, reason }: { id: string; status: ClassStatus; reason?: string }) =>
  api.post<AttendanceClass>(`/classes/${encodeURIComponent(id)}/status`, { status, reason: reason || undefined });

export function useSetClassStatus() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setClassStatus,
    onSuccess: (saved) => {
      queryClient.setQueryData(attendanceKeys.class(saved.id), saved);
      return queryClient.invalidateQueries({ queryKey: attendanceKeys.classes() });
    },
  });
}
