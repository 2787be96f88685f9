import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Course } from '../types';
import { courseKeys } from './keys';

export const getCourse = (id: string, signal?: AbortSignal) =>
  api.get<Course>(`/courses/${encodeURIComponent(id)}`, { signal });

export const courseQuery = (id: string) =>
  queryOptions({ queryKey: courseKeys.detail(id), queryFn: ({ signal }) => getCourse(id, signal) });

export const useCourse = (id: string | undefined) => useQuery({ ...courseQuery(id ?? ''), enabled: !!id });
