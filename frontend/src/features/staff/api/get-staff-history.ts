import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { StaffHistoryEntry } from '../../../types/api';
import { staffKeys } from './keys';

export const getStaffHistory = async (id: string, signal?: AbortSignal) =>
  (await api.get<{ items: StaffHistoryEntry[] }>(`/staff/${encodeURIComponent(id)}/history`, { signal })).items;

export const staffHistoryQuery = (id: string) =>
  queryOptions({
    queryKey: staffKeys.history(id),
    queryFn: ({ signal }) => getStaffHistory(id, signal),
  });

export const useStaffHistory = (id: string | undefined) =>
  useQuery({ ...staffHistoryQuery(id ?? ''), enabled: !!id });
