import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Course } from '../types';
import type { CourseInput } from './create-course';
import { courseKeys } from './keys';

export type UpdateCourseInput = { id: string; changes: Partial<CourseInput> };

export const updateCourse = ({ id, changes }: UpdateCourseInput) =>
  api.patch<Course>(`/courses/${encodeURIComponent(id)}`, changes);

export function useUpdateCourse() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateCourse,
    onSuccess: (course) => {
      queryClient.setQueryData(courseKeys.detail(course.id), course);
      return queryClient.invalidateQueries({ queryKey: courseKeys.lists() });
    },
  });
}
