import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { OrgUnit, OrgUnitType } from '../../../types/api';
import { orgUnitKeys } from './keys';

export type CreateOrgUnitInput = {
  code: string;
  name: string;
  type: OrgUnitType;
  parentId: string | null;
  aliases?: string[];
  validFrom?: string | null;
};

export const createOrgUnit = (input: CreateOrgUnitInput) => api.post<OrgUnit>('/org-units', input);

export function useCreateOrgUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createOrgUnit,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: orgUnitKeys.all }),
  });
}
