import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { ImportRow, Page } from '../../../types/api';
import { importKeys, type ImportRowFilter } from './keys';

export const getImportRows = (id: string, filter: ImportRowFilter, page: number, pageSize: number, signal?: AbortSignal) =>
  api.get<Page<ImportRow>>(`/staff/imports/${encodeURIComponent(id)}/rows`, {
    params: { filter, page, pageSize },
    signal,
  });

export const importRowsQuery = (id: string, filter: ImportRowFilter, page: number, pageSize: number) =>
  queryOptions({
    queryKey: importKeys.rows(id, filter, page, pageSize),
    queryFn: ({ signal }) => getImportRows(id, filter, page, pageSize, signal),
    placeholderData: keepPreviousData,
  });

export const useImportRows = (id: string | null, filter: ImportRowFilter, page: number, pageSize: number) =>
  useQuery({ ...importRowsQuery(id ?? '', filter, page, pageSize), enabled: !!id });
