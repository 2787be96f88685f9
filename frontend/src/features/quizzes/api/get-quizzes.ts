import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Page } from '../../../types/api';
import type { Quiz } from '../types';
import { quizKeys } from './keys';

export type QuizFilters = { q?: string; courseId?: string; page: number; pageSize: number };

export const getQuizzes = (filters: QuizFilters, signal?: AbortSignal) =>
  api.get<Page<Quiz>>('/quizzes', { params: filters, signal });

export const quizzesQuery = (filters: QuizFilters) =>
  queryOptions({
    queryKey: quizKeys.list(filters),
    queryFn: ({ signal }) => getQuizzes(filters, signal),
    placeholderData: keepPreviousData,
  });

export const useQuizzes = (filters: QuizFilters, enabled = true) => useQuery({ ...quizzesQuery(filters), enabled });
