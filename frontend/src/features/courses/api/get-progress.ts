import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, buildUrl } from '../../../lib/api-client';
import type { EnrolmentStatus, ProgressPage } from '../types';
import { courseKeys } from './keys';

export type ProgressFilters = { unitId?: string; status?: EnrolmentStatus; page: number; pageSize: number };

export const getProgress = (courseId: string, filters: ProgressFilters, signal?: AbortSignal) =>
  api.get<ProgressPage>(`/courses/${encodeURIComponent(courseId)}/progress`, { params: filters, signal });

/** URL of GET /api/courses/:id/progress.xlsx|csv with the same filters (no paging). */
export const progressExportUrl = (courseId: string, format: 'xlsx' | 'csv', filters: Omit<ProgressFilters, 'page' | 'pageSize'>) =>
  buildUrl(`/courses/${encodeURIComponent(courseId)}/progress.${format}`, { unitId: filters.unitId, status: filters.status });

export const progressQuery = (courseId: string, filters: ProgressFilters) =>
  queryOptions({
    queryKey: courseKeys.progress(courseId, filters),
    queryFn: ({ signal }) => getProgress(courseId, filters, signal),
    placeholderData: keepPreviousData,
  });

export const useProgress = (courseId: string, filters: ProgressFilters) => useQuery(progressQuery(courseId, filters));
