import { useMutation } from '@tanstack/react-query';
import { uploadFile } from '../../../lib/api-client';
import type { ImportFormat, ImportPreview } from '../types';

export type UploadQuestionImportInput = {
  bankId: string;
  file: File;
  format: ImportFormat;
  categoryId: string;
  onProgress?: (percent: number) => void;
};

/** Parses the file on the server and answers the preview; nothing is written to the bank yet. */
export const uploadQuestionImport = ({ bankId, file, format, categoryId, onProgress }: UploadQuestionImportInput) =>
  uploadFile<ImportPreview>(`/question-banks/${encodeURIComponent(bankId)}/imports`, file, {
    fieldName: 'file',
    fields: { format, categoryId },
    onProgress,
  });

export const useUploadQuestionImport = () => useMutation({ mutationFn: uploadQuestionImport });
