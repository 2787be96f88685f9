import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { MarkRowInput, SaveMarksResult } from '../types';
import { attendanceKeys } from './keys';

/** PUT /api/sessions/:id/paper-marks: marks typed back from the paper sign-in sheet (source "paper"). */
export const savePaperMarks = ({ sessionId, marks, reason }: { sessionId: string; marks: MarkRowInput[]; reason?: string }) =>
  api.put<SaveMarksResult>(`/sessions/${encodeURIComponent(sessionId)}/paper-marks`, { marks, reason: reason || undefined });

export function useSavePaperMarks(sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (args: { marks: MarkRowInput[]; reason?: string }) => savePaperMarks({ sessionId, ...args }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: attendanceKeys.session(sessionId) }),
  });
}
