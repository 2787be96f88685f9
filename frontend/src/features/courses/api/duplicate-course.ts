import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Course } from '../types';
import { courseKeys } from './keys';

export type DuplicateCourseInput = { id: string; code: string; title: string };

export const duplicateCourse = ({ id, ...body }: DuplicateCourseInput) =>
  api.post<Course>(`/courses/${encodeURIComponent(id)}/duplicate`, body);

export function useDuplicateCourse() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: duplicateCourse,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: courseKeys.lists() }),
  });
}
