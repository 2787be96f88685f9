import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Staff } from '../../../types/api';
import { staffKeys } from './keys';

export const getStaff = (id: string, signal?: AbortSignal) =>
  api.get<Staff>(`/staff/${encodeURIComponent(id)}`, { signal });

export const staffQuery = (id: string) =>
  queryOptions({
    queryKey: staffKeys.detail(id),
    queryFn: ({ signal }) => getStaff(id, signal),
  });

export const useStaff = (id: string | undefined) => useQuery({ ...staffQuery(id ?? ''), enabled: !!id });
