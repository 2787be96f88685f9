import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { EnrolmentRule } from '../types';
import { courseKeys } from './keys';

export const getEnrolmentRules = (courseId: string, signal?: AbortSignal) =>
  api.get<{ items: EnrolmentRule[] }>(`/courses/${encodeURIComponent(courseId)}/enrolment-rules`, { signal });

export const enrolmentRulesQuery = (courseId: string) =>
  queryOptions({ queryKey: courseKeys.rules(courseId), queryFn: ({ signal }) => getEnrolmentRules(courseId, signal) });

export const useEnrolmentRules = (courseId: string) => useQuery(enrolmentRulesQuery(courseId));
