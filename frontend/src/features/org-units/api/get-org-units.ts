import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { OrgUnit, Page } from '../../../types/api';
import { orgUnitKeys } from './keys';

export const getOrgUnits = async (includeClosed: boolean): Promise<OrgUnit[]> => {
  const res = await api.get<Page<OrgUnit> | OrgUnit[]>('/org-units', { params: { includeClosed } });
  return Array.isArray(res) ? res : res.items;
};

export const orgUnitsQuery = (includeClosed = false) =>
  queryOptions({
    queryKey: orgUnitKeys.list(includeClosed),
    queryFn: () => getOrgUnits(includeClosed),
    staleTime: 60_000,
  });

export const useOrgUnits = (includeClosed = false, enabled = true) =>
  useQuery({ ...orgUnitsQuery(includeClosed), enabled });
