import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const resetUserPassword = ({ id, newPassword }: { id: string; newPassword: string }) =>
  api.post<void>(`/users/${encodeURIComponent(id)}/reset-password`, { newPassword });

export const useResetUserPassword = () => useMutation({ mutationFn: resetUserPassword });
