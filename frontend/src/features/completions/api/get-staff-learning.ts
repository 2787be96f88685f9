import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { StaffLearning } from '../types';
import { completionKeys } from './keys';

/** A person's enrolments, completions (internal and external) and training hours per year. */
export const getStaffLearning = (staffId: string, signal?: AbortSignal) =>
  api.get<StaffLearning>(`/staff/${encodeURIComponent(staffId)}/learning`, { signal });

export const staffLearningQuery = (staffId: string) =>
  queryOptions({ queryKey: completionKeys.staffLearning(staffId), queryFn: ({ signal }) => getStaffLearning(staffId, signal) });

export const useStaffLearning = (staffId: string, enabled = true) => useQuery({ ...staffLearningQuery(staffId), enabled });
