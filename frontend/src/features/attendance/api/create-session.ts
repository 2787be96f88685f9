import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { ClassSession } from '../types';
import { attendanceKeys } from './keys';

export type VenueInput = {
  topic?: string | null;
  venueName?: string | null;
  venueAddress?: string | null;
  venueLat?: number | null;
  venueLng?: number | null;
};
/** Local (Asia/Ho_Chi_Minh) calendar input: date 'YYYY-MM-DD', times 'HH:mm'. */
export type SessionInput = VenueInput & { date: string; startTime: string; endTime: string };

export const createSession = ({ classId, input }: { classId: string; input: SessionInput }) =>
  api.post<ClassSession>(`/classes/${encodeURIComponent(classId)}/sessions`, input);

/** Invalidates what a session change touches: the session list, the class (counts, next session) and the report. */
export function invalidateClassSessions(queryClient: ReturnType<typeof useQueryClient>, classId: string) {
  return queryClient.invalidateQueries({ queryKey: attendanceKeys.class(classId) }).then(() =>
    queryClient.invalidateQueries({ queryKey: attendanceKeys.classes() }),
  );
}

export function useCreateSession(classId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SessionInput) => createSession({ classId, input }),
    onSuccess: () => invalidateClassSessions(queryClient, classId),
  });
}
