import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { ImportSummary } from '../../../types/api';
import { importKeys } from './keys';

export const cancelImport = (id: string) => api.post<ImportSummary>(`/staff/imports/${encodeURIComponent(id)}/cancel`);

export function useCancelImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: cancelImport,
    onSuccess: (summary) => queryClient.setQueryData(importKeys.detail(summary.id), summary),
  });
}
