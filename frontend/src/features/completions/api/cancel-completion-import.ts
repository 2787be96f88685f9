import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const cancelCompletionImport = (id: string) =>
  api.post<void>(`/external-completions/imports/${encodeURIComponent(id)}/cancel`, {});

export const useCancelCompletionImport = () => useMutation({ mutationFn: cancelCompletionImport });
