import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Page } from '../../../types/api';
import type { Course, CourseStatus } from '../types';
import { courseKeys } from './keys';

export type CourseFilters = { q?: string; status?: CourseStatus; tag?: string; page: number; pageSize: number };

export const getCourses = (filters: CourseFilters, signal?: AbortSignal) =>
  api.get<Page<Course>>('/courses', { params: filters, signal });

export const coursesQuery = (filters: CourseFilters) =>
  queryOptions({
    queryKey: courseKeys.list(filters),
    queryFn: ({ signal }) => getCourses(filters, signal),
    placeholderData: keepPreviousData,
  });

export const useCourses = (filters: CourseFilters) => useQuery(coursesQuery(filters));
