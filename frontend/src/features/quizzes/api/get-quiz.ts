import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Quiz } from '../types';
import { quizKeys } from './keys';

export const getQuiz = (id: string, signal?: AbortSignal) => api.get<Quiz>(`/quizzes/${encodeURIComponent(id)}`, { signal });

export const quizQuery = (id: string) => queryOptions({ queryKey: quizKeys.detail(id), queryFn: ({ signal }) => getQuiz(id, signal) });

export const useQuiz = (id: string | undefined) => useQuery({ ...quizQuery(id ?? ''), enabled: !!id });
