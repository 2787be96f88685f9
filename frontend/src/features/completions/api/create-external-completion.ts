import { useMutation, useQueryClient } from '@tanstack/react-query';
import { uploadFile } from '../../../lib/api-client';
import type { ExternalCompletion, ExternalSource } from '../types';
import { completionKeys } from './keys';

export type CreateExternalCompletionInput = {
  /** omitted: the caller's own linked person */
  staffId?: string;
  source: ExternalSource;
  courseId?: string;
  title: string;
  provider: string;
  /** YYYY-MM-DD, not in the future */
  completedOn: string;
  /** 0 < hours ≤ 500 */
  hours: number;
  certificateNo?: string;
  evidence: File;
  onProgress?: (percent: number) => void;
};

/** POST /api/external-completions (multipart: the fields, then the file `evidence`); answers 201 `pending`. */
export const createExternalCompletion = ({ evidence, onProgress, ...fields }: CreateExternalCompletionInput) =>
  uploadFile<ExternalCompletion>('/external-completions', evidence, {
    fieldName: 'evidence',
    fields: {
      staffId: fields.staffId,
      source: fields.source,
      courseId: fields.courseId,
      title: fields.title,
      provider: fields.provider,
      completedOn: fields.completedOn,
      hours: String(fields.hours),
      certificateNo: fields.certificateNo,
    },
    onProgress,
  });

export function useCreateExternalCompletion() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createExternalCompletion,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: completionKeys.all }),
  });
}
