import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Question } from '../types';
import { questionKeys } from './keys';

export const getQuestion = (id: string, signal?: AbortSignal) =>
  api.get<Question>(`/questions/${encodeURIComponent(id)}`, { signal });

export const questionQuery = (id: string) =>
  queryOptions({ queryKey: questionKeys.question(id), queryFn: ({ signal }) => getQuestion(id, signal) });

export const useQuestion = (id: string | undefined) => useQuery({ ...questionQuery(id ?? ''), enabled: !!id });
