import { useMutation } from '@tanstack/react-query';
import { uploadFile } from '../../../lib/api-client';
import type { CompletionImportPreview } from '../types';

export type UploadCompletionImportInput = { file: File; onProgress?: (percent: number) => void };

/** POST /api/external-completions/imports (multipart `file`, XLSX): a preview; nothing is written. */
export const uploadCompletionImport = ({ file, onProgress }: UploadCompletionImportInput) =>
  uploadFile<CompletionImportPreview>('/external-completions/imports', file, { fieldName: 'file', onProgress });

export const useUploadCompletionImport = () => useMutation({ mutationFn: uploadCompletionImport });
