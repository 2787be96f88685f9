import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Page } from '../../../types/api';
import type { Bank } from '../types';
import { questionKeys } from './keys';

export type BankFilters = { q?: string; page: number; pageSize: number };

export const getBanks = (filters: BankFilters, signal?: AbortSignal) =>
  api.get<Page<Bank>>('/question-banks', { params: filters, signal });

export const banksQuery = (filters: BankFilters) =>
  queryOptions({
    queryKey: questionKeys.bankList(filters),
    queryFn: ({ signal }) => getBanks(filters, signal),
    placeholderData: keepPreviousData,
  });

export const useBanks = (filters: BankFilters) => useQuery(banksQuery(filters));
