import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Page, Staff } from '../../../types/api';

export type StaffCountKey = 'total' | 'active' | 'on_leave' | 'dedicated' | 'concurrent';

const COUNT_PARAMS: Record<StaffCountKey, Record<string, string>> = {
  total: {},
  active: { status: 'active' },
  on_leave: { status: 'on_leave' },
  dedicated: { dtRole: 'dedicated' },
  concurrent: { dtRole: 'concurrent' },
};

export type StaffCounts = Record<StaffCountKey, number>;

/** Counts people in the caller's scope through the list's total (pageSize=1). */
export async function getStaffCounts(signal?: AbortSignal): Promise<StaffCounts> {
  const keys = Object.keys(COUNT_PARAMS) as StaffCountKey[];
  const totals = await Promise.all(
    keys.map((k) => api.get<Page<Staff>>('/staff', { params: { ...COUNT_PARAMS[k], page: 1, pageSize: 1 }, signal })),
  );
  return Object.fromEntries(keys.map((k, i) => [k, totals[i].total])) as StaffCounts;
}

export const staffCountsQuery = () =>
  queryOptions({
    // Under the staff root key, so staff mutations refresh the dashboard too.
    queryKey: ['staff', 'counts'] as const,
    queryFn: ({ signal }) => getStaffCounts(signal),
  });

export const useStaffCounts = (enabled: boolean) => useQuery({ ...staffCountsQuery(), enabled });
