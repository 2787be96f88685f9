import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Page } from '../../../types/api';
import type { AttemptRow, AttemptStatus } from '../types';
import { quizKeys } from './keys';

export type AttemptFilters = { status?: AttemptStatus; needsGrading?: boolean; page: number; pageSize: number };

/** The answer may be paged `{ items, total }` or `{ items }`; both are read as a page. */
export const getQuizAttempts = async (quizId: string, filters: AttemptFilters, signal?: AbortSignal): Promise<Page<AttemptRow>> => {
  const data = await api.get<Partial<Page<AttemptRow>> | AttemptRow[]>(`/quizzes/${encodeURIComponent(quizId)}/attempts`, {
    params: filters,
    signal,
  });
  const items = Array.isArray(data) ? data : (data.items ?? []);
  const page = Array.isArray(data) ? undefined : data;
  return { items, total: page?.total ?? items.length, page: page?.page ?? filters.page, pageSize: page?.pageSize ?? filters.pageSize };
};

export const quizAttemptsQuery = (quizId: string, filters: AttemptFilters) =>
  queryOptions({
    queryKey: quizKeys.attemptList(quizId, filters),
    queryFn: ({ signal }) => getQuizAttempts(quizId, filters, signal),
    placeholderData: keepPreviousData,
  });

export const useQuizAttempts = (quizId: string, filters: AttemptFilters) => useQuery(quizAttemptsQuery(quizId, filters));
