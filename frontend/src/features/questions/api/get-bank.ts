import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Bank } from '../types';
import { questionKeys } from './keys';

export const getBank = (id: string, signal?: AbortSignal) =>
  api.get<Bank>(`/question-banks/${encodeURIComponent(id)}`, { signal });

export const bankQuery = (id: string) =>
  queryOptions({ queryKey: questionKeys.bank(id), queryFn: ({ signal }) => getBank(id, signal) });

export const useBank = (id: string | undefined) => useQuery({ ...bankQuery(id ?? ''), enabled: !!id });
