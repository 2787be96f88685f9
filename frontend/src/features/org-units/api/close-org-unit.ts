import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { OrgUnit } from '../../../types/api';
import { orgUnitKeys } from './keys';

export type CloseOrgUnitInput = { id: string; validTo: string; reason?: string };

export const closeOrgUnit = ({ id, ...body }: CloseOrgUnitInput) =>
  api.post<OrgUnit>(`/org-units/${encodeURIComponent(id)}/close`, body);

export function useCloseOrgUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: closeOrgUnit,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: orgUnitKeys.all }),
  });
}
