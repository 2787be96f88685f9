import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Page } from '../../../types/api';
import type { Enrolment, EnrolmentStatus } from '../types';
import { courseKeys } from './keys';

export type EnrolmentFilters = {
  unitId?: string;
  status?: EnrolmentStatus;
  q?: string;
  overdue?: boolean;
  page: number;
  pageSize: number;
};

export const getEnrolments = (courseId: string, filters: EnrolmentFilters, signal?: AbortSignal) =>
  api.get<Page<Enrolment>>(`/courses/${encodeURIComponent(courseId)}/enrolments`, {
    params: { ...filters, overdue: filters.overdue ? true : undefined },
    signal,
  });

export const enrolmentsQuery = (courseId: string, filters: EnrolmentFilters) =>
  queryOptions({
    queryKey: courseKeys.enrolmentList(courseId, filters),
    queryFn: ({ signal }) => getEnrolments(courseId, filters, signal),
    placeholderData: keepPreviousData,
  });

export const useEnrolments = (courseId: string, filters: EnrolmentFilters) => useQuery(enrolmentsQuery(courseId, filters));
