import { useMutation, useQueryClient } from '@tanstack/react-query';
import { uploadFile } from '../../../lib/api-client';
import type { Course } from '../types';
import { courseKeys } from './keys';

export type UploadCoverInput = { courseId: string; file: File; onProgress?: (percent: number) => void };

/** PUT /api/courses/:id/cover (multipart, field `file`): PNG, JPEG or WebP up to 2 MB; the server checks the content. */
export const uploadCover = ({ courseId, file, onProgress }: UploadCoverInput) =>
  uploadFile<Course>(`/courses/${encodeURIComponent(courseId)}/cover`, file, { method: 'PUT', fieldName: 'file', onProgress });

export function useUploadCover() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: uploadCover,
    onSuccess: (course) => {
      queryClient.setQueryData(courseKeys.detail(course.id), course);
      void queryClient.invalidateQueries({ queryKey: courseKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: ['catalogue'] });
    },
  });
}
