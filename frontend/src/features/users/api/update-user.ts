import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Role, User } from '../../../types/api';
import { userKeys } from './keys';

export type UpdateUserInput = {
  displayName?: string;
  email?: string | null;
  roles?: Role[];
  scopeUnitId?: string | null;
  staffId?: string | null;
  isActive?: boolean;
};

export const updateUser = ({ id, ...input }: UpdateUserInput & { id: string }) =>
  api.patch<User>(`/users/${encodeURIComponent(id)}`, input);

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}
