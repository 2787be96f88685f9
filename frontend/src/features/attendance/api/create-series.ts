import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { ClassSession } from '../types';
import { invalidateClassSessions, type VenueInput } from './create-session';

export type SeriesInput = VenueInput & {
  startDate: string;
  /** required: a series without an end is refused */
  until: string;
  /** 1 = Monday … 7 = Sunday */
  weekdays: number[];
  everyNWeeks?: number;
  startTime: string;
  endTime: string;
};

export const createSeries = ({ classId, input }: { classId: string; input: SeriesInput }) =>
  api.post<{ seriesId: string; items: ClassSession[] }>(`/classes/${encodeURIComponent(classId)}/sessions/series`, input);

export function useCreateSeries(classId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SeriesInput) => createSeries({ classId, input }),
    onSuccess: () => invalidateClassSessions(queryClient, classId),
  });
}
