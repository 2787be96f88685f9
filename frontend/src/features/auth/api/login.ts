import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Me } from '../../../types/api';
import { authKeys } from './keys';

export type LoginInput = { login: string; password: string };
export type LoginResponse = { token: string; expiresAt: string; user: Me };

export const login = (input: LoginInput) =>
  api.post<LoginResponse>('/auth/login', { login: input.login.trim(), password: input.password }, { skipAuthRedirect: true });

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (res) => {
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== authKeys.all[0] });
      queryClient.setQueryData(authKeys.me(), res.user);
    },
  });
}
