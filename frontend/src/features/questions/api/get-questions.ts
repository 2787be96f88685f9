import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Page } from '../../../types/api';
import type { QuestionSummary, QuestionType } from '../types';
import { questionKeys } from './keys';

export type QuestionFilters = {
  categoryId?: string;
  includeSubcategories?: boolean;
  type?: QuestionType;
  tag?: string;
  /** Diacritic-insensitive on the server (vn_fold). */
  q?: string;
  page: number;
  pageSize: number;
};

export const getQuestions = (bankId: string, filters: QuestionFilters, signal?: AbortSignal) =>
  api.get<Page<QuestionSummary>>(`/question-banks/${encodeURIComponent(bankId)}/questions`, { params: filters, signal });

export const questionsQuery = (bankId: string, filters: QuestionFilters) =>
  queryOptions({
    queryKey: questionKeys.questionList(bankId, filters),
    queryFn: ({ signal }) => getQuestions(bankId, filters, signal),
    placeholderData: keepPreviousData,
  });

export const useQuestions = (bankId: string, filters: QuestionFilters) => useQuery(questionsQuery(bankId, filters));
