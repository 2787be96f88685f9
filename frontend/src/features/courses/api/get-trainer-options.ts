import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { TrainerOption } from '../types';
import { courseKeys } from './keys';

/** Trainers and managers of the caller's scope (max 50), diacritic-insensitive on name and username. */
export const getTrainerOptions = (q: string, signal?: AbortSignal) =>
  api.get<{ items: TrainerOption[] }>('/courses/trainer-options', { params: { q }, signal });

export const trainerOptionsQuery = (q: string) =>
  queryOptions({
    queryKey: courseKeys.trainerOptions(q),
    queryFn: ({ signal }) => getTrainerOptions(q, signal),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });

export const useTrainerOptions = (q: string) => useQuery(trainerOptionsQuery(q));
