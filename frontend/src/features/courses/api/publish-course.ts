import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Course } from '../types';
import { courseKeys } from './keys';

export const publishCourse = (id: string) => api.post<Course>(`/courses/${encodeURIComponent(id)}/publish`);

export function usePublishCourse() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: publishCourse,
    onSuccess: (course) => {
      queryClient.setQueryData(courseKeys.detail(course.id), course);
      return queryClient.invalidateQueries({ queryKey: courseKeys.lists() });
    },
  });
}
