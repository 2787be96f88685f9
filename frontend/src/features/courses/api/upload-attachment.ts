import { useMutation, useQueryClient } from '@tanstack/react-query';
import { uploadFile } from '../../../lib/api-client';
import type { Attachment } from '../types';
import { courseKeys } from './keys';

export type UploadAttachmentInput = { courseId: string; itemId: string; file: File; onProgress?: (percent: number) => void };

/** POST /api/courses/:id/items/:itemId/attachments (multipart, field `file`); lesson items only. */
export const uploadAttachment = ({ courseId, itemId, file, onProgress }: UploadAttachmentInput) =>
  uploadFile<Attachment>(`/courses/${encodeURIComponent(courseId)}/items/${encodeURIComponent(itemId)}/attachments`, file, {
    fieldName: 'file',
    onProgress,
  });

export function useUploadAttachment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: uploadAttachment,
    onSuccess: (_a, input) => queryClient.invalidateQueries({ queryKey: courseKeys.outline(input.courseId) }),
  });
}
