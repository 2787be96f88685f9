import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { ImportSummary } from '../../../types/api';
import { importKeys } from './keys';

export const POLL_INTERVAL_MS = 500;

export const getImport = (id: string, signal?: AbortSignal) =>
  api.get<ImportSummary>(`/staff/imports/${encodeURIComponent(id)}`, { signal });

export const importQuery = (id: string) =>
  queryOptions({
    queryKey: importKeys.detail(id),
    queryFn: ({ signal }) => getImport(id, signal),
    staleTime: 0,
    // Poll every 500 ms while the server is committing, for processedRows.
    refetchInterval: (query) => (query.state.data?.status === 'committing' ? POLL_INTERVAL_MS : false),
  });

export const useImport = (id: string | null) => useQuery({ ...importQuery(id ?? ''), enabled: !!id });
