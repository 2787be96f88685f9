import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Page } from '../../../types/api';
import type { TargetPerson } from '../types';
import { targetKeys } from './keys';

export type PeopleFilters = {
  /** false: not yet trained; true: trained; undefined: everyone in the population */
  trained?: boolean;
  unitId?: string;
  asOf?: string;
  q?: string;
  page: number;
  pageSize: number;
};

export const getTargetPeople = (id: string, filters: PeopleFilters, signal?: AbortSignal) =>
  api.get<Page<TargetPerson>>(`/targets/${encodeURIComponent(id)}/people`, { params: filters, signal });

export const targetPeopleQuery = (id: string, filters: PeopleFilters) =>
  queryOptions({
    queryKey: targetKeys.people(id, filters),
    queryFn: ({ signal }) => getTargetPeople(id, filters, signal),
    placeholderData: keepPreviousData,
  });

export const useTargetPeople = (id: string, filters: PeopleFilters, enabled = true) => useQuery({ ...targetPeopleQuery(id, filters), enabled });
