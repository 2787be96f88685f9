import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, request } from '../../../lib/api-client';
import type { Slot, SlotInput } from '../types';
import { quizKeys } from './keys';

export const getSlots = (quizId: string, signal?: AbortSignal) =>
  api.get<{ slots: Slot[] }>(`/quizzes/${encodeURIComponent(quizId)}/slots`, { signal });

export const slotsQuery = (quizId: string) =>
  queryOptions({ queryKey: quizKeys.slots(quizId), queryFn: ({ signal }) => getSlots(quizId, signal) });

export const useSlots = (quizId: string) => useQuery(slotsQuery(quizId));

export const saveSlots = ({ quizId, slots }: { quizId: string; slots: SlotInput[] }) =>
  request<{ slots: Slot[] }>('PUT', `/quizzes/${encodeURIComponent(quizId)}/slots`, { body: { slots } });

export function useSaveSlots() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveSlots,
    onSuccess: (data, input) => {
      queryClient.setQueryData(quizKeys.slots(input.quizId), data);
      // slotCount / totalMarks of the quiz changed
      return queryClient.invalidateQueries({ queryKey: quizKeys.detail(input.quizId), exact: true });
    },
  });
}
