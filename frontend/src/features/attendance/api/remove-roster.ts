import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { attendanceKeys } from './keys';

/** DELETE /api/classes/:id/roster/:rosterId (409 ROSTER_HAS_MARKS once the person has marks). */
export const removeRoster = ({ classId, rosterId }: { classId: string; rosterId: string }) =>
  api.delete<void>(`/classes/${encodeURIComponent(classId)}/roster/${encodeURIComponent(rosterId)}`);

export function useRemoveRoster(classId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (rosterId: string) => removeRoster({ classId, rosterId }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: attendanceKeys.class(classId) }),
  });
}
