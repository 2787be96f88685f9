import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Page } from '../../../types/api';
import type { AttendanceClass, ClassStatus, ClassType } from '../types';
import { attendanceKeys } from './keys';

export type ClassFilters = {
  q?: string;
  status?: ClassStatus;
  classType?: ClassType;
  unitId?: string;
  courseId?: string;
  page: number;
  pageSize: number;
};

/** GET /api/classes: classes of the caller's scope, next session first. */
export const getClasses = (filters: ClassFilters, signal?: AbortSignal) =>
  api.get<Page<AttendanceClass>>('/classes', { params: filters, signal });

export const classesQuery = (filters: ClassFilters) =>
  queryOptions({
    queryKey: attendanceKeys.classList(filters),
    queryFn: ({ signal }) => getClasses(filters, signal),
    placeholderData: keepPreviousData,
  });

export const useClasses = (filters: ClassFilters) => useQuery(classesQuery(filters));
