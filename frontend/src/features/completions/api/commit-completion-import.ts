import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { completionKeys } from './keys';

/** Creates the rows as `approved`; 409 IMPORT_HAS_ERRORS while a row has an error. */
export const commitCompletionImport = (id: string) =>
  api.post<{ created: number }>(`/external-completions/imports/${encodeURIComponent(id)}/commit`, {});

export function useCommitCompletionImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: commitCompletionImport,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: completionKeys.all }),
  });
}
