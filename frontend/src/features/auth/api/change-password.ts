import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { authKeys } from './keys';

export type ChangePasswordInput = { oldPassword: string; newPassword: string };
export const MIN_PASSWORD_LENGTH = 10;

export const changePassword = (input: ChangePasswordInput) => api.post<void>('/auth/change-password', input);

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changePassword,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: authKeys.me() }),
  });
}
