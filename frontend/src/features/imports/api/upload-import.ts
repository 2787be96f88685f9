import { useMutation, useQueryClient } from '@tanstack/react-query';
import { uploadFile } from '../../../lib/api-client';
import type { ImportSummary } from '../../../types/api';
import { importKeys } from './keys';

export type UploadImportInput = { file: File; onProgress?: (percent: number) => void };

export const uploadImport = ({ file, onProgress }: UploadImportInput) =>
  uploadFile<ImportSummary>('/staff/imports', file, { fieldName: 'file', onProgress });

export function useUploadImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: uploadImport,
    onSuccess: (summary) => queryClient.setQueryData(importKeys.detail(summary.id), summary),
  });
}
