import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Staff } from '../../../types/api';
import type { StaffInput } from './create-staff';
import { staffKeys } from './keys';

export type UpdateStaffInput = { id: string; changes: Partial<StaffInput> };

export const updateStaff = ({ id, changes }: UpdateStaffInput) =>
  api.patch<Staff>(`/staff/${encodeURIComponent(id)}`, changes);

export function useUpdateStaff() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateStaff,
    onSuccess: (staff) => {
      queryClient.setQueryData(staffKeys.detail(staff.id), staff);
      return queryClient.invalidateQueries({ queryKey: staffKeys.all });
    },
  });
}
