import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { DtRole, Page, Staff, StaffCategory, StaffStatus } from '../../../types/api';
import { staffKeys } from './keys';

export type StaffFilters = {
  q?: string;
  unitId?: string;
  category?: StaffCategory;
  dtRole?: DtRole;
  status?: StaffStatus;
  page: number;
  pageSize: number;
};

export const getStaffList = (filters: StaffFilters, signal?: AbortSignal) =>
  api.get<Page<Staff>>('/staff', { params: filters, signal });

export const staffListQuery = (filters: StaffFilters) =>
  queryOptions({
    queryKey: staffKeys.list(filters),
    queryFn: ({ signal }) => getStaffList(filters, signal),
    placeholderData: keepPreviousData,
  });

export const useStaffList = (filters: StaffFilters) => useQuery(staffListQuery(filters));
