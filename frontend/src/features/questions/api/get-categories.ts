import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Category } from '../types';
import { questionKeys } from './keys';

export const getCategories = (bankId: string, signal?: AbortSignal) =>
  api.get<{ items: Category[] }>(`/question-banks/${encodeURIComponent(bankId)}/categories`, { signal });

export const categoriesQuery = (bankId: string) =>
  queryOptions({
    queryKey: questionKeys.categories(bankId),
    queryFn: ({ signal }) => getCategories(bankId, signal),
    select: (data) => data.items,
  });

export const useCategories = (bankId: string | undefined) => useQuery({ ...categoriesQuery(bankId ?? ''), enabled: !!bankId });
