import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { ImportSummary } from '../../../types/api';
import { importKeys } from './keys';

export const commitImport = (id: string) => api.post<ImportSummary>(`/staff/imports/${encodeURIComponent(id)}/commit`);

export function useCommitImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: commitImport,
    onSuccess: (summary) => {
      queryClient.setQueryData(importKeys.detail(summary.id), summary);
      // The people list and unit counts change once the import is written.
      void queryClient.invalidateQueries({ queryKey: ['staff'] });
      void queryClient.invalidateQueries({ queryKey: ['org-units'] });
    },
  });
}
