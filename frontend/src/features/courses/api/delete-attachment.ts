import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { courseKeys } from './keys';

export type DeleteAttachmentInput = { courseId: string; itemId: string; attachmentId: string };

export const deleteAttachment = ({ courseId, itemId, attachmentId }: DeleteAttachmentInput) =>
  api.delete<void>(
    `/courses/${encodeURIComponent(courseId)}/items/${encodeURIComponent(itemId)}/attachments/${encodeURIComponent(attachmentId)}`,
  );

export function useDeleteAttachment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteAttachment,
    onSuccess: (_r, input) => queryClient.invalidateQueries({ queryKey: courseKeys.outline(input.courseId) }),
  });
}
