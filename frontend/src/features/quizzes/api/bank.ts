// Read-only access to the question banks for the quiz slots editor (the bank UI is features/questions).
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Page } from '../../../types/api';
import type { QuestionType } from '../types';
import { bankKeys } from './keys';

export type BankSummary = { id: string; name: string; ownerUnitId: string; ownerUnitName: string; description?: string; questionCount: number };
export type BankCategory = { id: string; parentId: string | null; name: string; position: number; questionCount: number };
export type BankQuestion = {
  id: string;
  categoryId: string;
  type: QuestionType;
  title: string;
  textPreview: string;
  tags: string[];
  version: number;
  defaultMark: number;
  updatedAt: string;
};
export type BankQuestionFilters = {
  categoryId?: string;
  includeSubcategories?: boolean;
  type?: QuestionType;
  tag?: string;
  q?: string;
  page: number;
  pageSize: number;
};

export const banksQuery = (q: string) =>
  queryOptions({
    queryKey: bankKeys.banks(q),
    queryFn: ({ signal }) => api.get<Page<BankSummary>>('/question-banks', { params: { q, page: 1, pageSize: 100 }, signal }),
  });
export const useBanks = (q = '') => useQuery(banksQuery(q));

export const categoriesQuery = (bankId: string) =>
  queryOptions({
    queryKey: bankKeys.categories(bankId),
    queryFn: ({ signal }) =>
      api.get<{ items: BankCategory[] }>(`/question-banks/${encodeURIComponent(bankId)}/categories`, { signal }),
  });
export const useCategories = (bankId: string | undefined) => useQuery({ ...categoriesQuery(bankId ?? ''), enabled: !!bankId });

export const bankQuestionsQuery = (bankId: string, filters: BankQuestionFilters) =>
  queryOptions({
    queryKey: bankKeys.questions(bankId, filters),
    queryFn: ({ signal }) =>
      api.get<Page<BankQuestion>>(`/question-banks/${encodeURIComponent(bankId)}/questions`, { params: filters, signal }),
    placeholderData: keepPreviousData,
  });
export const useBankQuestions = (bankId: string | undefined, filters: BankQuestionFilters) =>
  useQuery({ ...bankQuestionsQuery(bankId ?? '', filters), enabled: !!bankId });
