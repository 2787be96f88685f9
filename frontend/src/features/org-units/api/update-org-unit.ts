import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { OrgUnit, OrgUnitType } from '../../../types/api';
import { orgUnitKeys } from './keys';

export type UpdateOrgUnitInput = {
  code?: string;
  name?: string;
  type?: OrgUnitType;
  parentId?: string | null;
  aliases?: string[];
  validFrom?: string | null;
};

export const updateOrgUnit = ({ id, ...input }: UpdateOrgUnitInput & { id: string }) =>
  api.patch<OrgUnit>(`/org-units/${encodeURIComponent(id)}`, input);

export function useUpdateOrgUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateOrgUnit,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: orgUnitKeys.all }),
  });
}
