import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Course } from '../types';
import { courseKeys } from './keys';

export const deleteCover = (courseId: string) => api.delete<Course>(`/courses/${encodeURIComponent(courseId)}/cover`);

export function useDeleteCover() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteCover,
    onSuccess: (course) => {
      queryClient.setQueryData(courseKeys.detail(course.id), course);
      void queryClient.invalidateQueries({ queryKey: courseKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: ['catalogue'] });
    },
  });
}
