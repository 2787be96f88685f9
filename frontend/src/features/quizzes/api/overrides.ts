import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Override, OverrideInput } from '../types';
import { quizKeys } from './keys';

/** The list answer may be `{ items }` or a bare array; both are accepted. */
export const getOverrides = async (quizId: string, signal?: AbortSignal): Promise<Override[]> => {
  const data = await api.get<{ items: Override[] } | Override[]>(`/quizzes/${encodeURIComponent(quizId)}/overrides`, { signal });
  return Array.isArray(data) ? data : (data?.items ?? []);
};

export const overridesQuery = (quizId: string) =>
  queryOptions({ queryKey: quizKeys.overrides(quizId), queryFn: ({ signal }) => getOverrides(quizId, signal) });

export const useOverrides = (quizId: string) => useQuery(overridesQuery(quizId));

export const createOverride = ({ quizId, input }: { quizId: string; input: OverrideInput }) =>
  api.post<Override>(`/quizzes/${encodeURIComponent(quizId)}/overrides`, input);

export const deleteOverride = ({ id }: { quizId: string; id: string }) => api.delete<void>(`/quiz-overrides/${encodeURIComponent(id)}`);

function useOverrideMutation<V extends { quizId: string }, R>(fn: (v: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (_data, input) => queryClient.invalidateQueries({ queryKey: quizKeys.overrides(input.quizId) }),
  });
}

export const useCreateOverride = () => useOverrideMutation(createOverride);
export const useDeleteOverride = () => useOverrideMutation(deleteOverride);
