import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../../../lib/api-client';
import { authKeys } from './keys';

export async function logout(): Promise<void> {
  try {
    await api.post<void>('/auth/logout', undefined, { skipAuthRedirect: true });
  } catch (err) {
    // An expired session is already logged out.
    if (!(isApiError(err) && err.status === 401)) throw err;
  }
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSettled: () => {
      queryClient.clear();
      queryClient.setQueryData(authKeys.me(), null);
    },
  });
}
