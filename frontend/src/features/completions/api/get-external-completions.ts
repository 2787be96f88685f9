import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Page } from '../../../types/api';
import type { CompletionStatus, ExternalCompletion, ExternalSource } from '../types';
import { completionKeys } from './keys';

export type ExternalCompletionFilters = {
  status?: CompletionStatus;
  source?: ExternalSource;
  unitId?: string;
  q?: string;
  page: number;
  pageSize: number;
};

/** External completions of the people in the caller's scope (managers, trainers, admins). */
export const getExternalCompletions = (filters: ExternalCompletionFilters, signal?: AbortSignal) =>
  api.get<Page<ExternalCompletion>>('/external-completions', { params: filters, signal });

export const externalCompletionsQuery = (filters: ExternalCompletionFilters) =>
  queryOptions({
    queryKey: completionKeys.list(filters),
    queryFn: ({ signal }) => getExternalCompletions(filters, signal),
    placeholderData: keepPreviousData,
  });

export const useExternalCompletions = (filters: ExternalCompletionFilters) => useQuery(externalCompletionsQuery(filters));
