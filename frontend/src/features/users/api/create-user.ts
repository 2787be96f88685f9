import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Role, User } from '../../../types/api';
import { userKeys } from './keys';

export type CreateUserInput = {
  username: string;
  displayName: string;
  email?: string | null;
  password: string;
  roles: Role[];
  scopeUnitId?: string | null;
  staffId?: string | null;
};

export const createUser = (input: CreateUserInput) => api.post<User>('/users', input);

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}
