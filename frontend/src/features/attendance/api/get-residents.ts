import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Page } from '../../../types/api';
import type { Resident } from '../types';
import { attendanceKeys } from './keys';

export type ResidentFilters = { q?: string; phone?: string; unitId?: string; page: number; pageSize: number };

/** GET /api/residents: residents of the caller's scope (the "is this person already known?" hint). */
export const getResidents = (filters: ResidentFilters, signal?: AbortSignal) =>
  api.get<Page<Resident>>('/residents', { params: filters, signal });

export const residentsQuery = (filters: ResidentFilters) =>
  queryOptions({
    queryKey: attendanceKeys.residents(filters),
    queryFn: ({ signal }) => getResidents(filters, signal),
    placeholderData: keepPreviousData,
  });

export const useResidents = (filters: ResidentFilters, enabled = true) => useQuery({ ...residentsQuery(filters), enabled });
