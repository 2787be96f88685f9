import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Statistics } from '../types';
import { quizKeys } from './keys';

export const getStatistics = (quizId: string, signal?: AbortSignal) =>
  api.get<Statistics>(`/quizzes/${encodeURIComponent(quizId)}/statistics`, { signal });

export const statisticsQuery = (quizId: string) =>
  queryOptions({ queryKey: quizKeys.statistics(quizId), queryFn: ({ signal }) => getStatistics(quizId, signal) });

export const useStatistics = (quizId: string) => useQuery(statisticsQuery(quizId));
