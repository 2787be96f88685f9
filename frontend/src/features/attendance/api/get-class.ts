import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { AttendanceClass } from '../types';
import { attendanceKeys } from './keys';

export const getClass = (id: string, signal?: AbortSignal) =>
  api.get<AttendanceClass>(`/classes/${encodeURIComponent(id)}`, { signal });

export const classQuery = (id: string) =>
  queryOptions({ queryKey: attendanceKeys.class(id), queryFn: ({ signal }) => getClass(id, signal) });

/** The class, or nothing while `id` is undefined (the "new class" form). */
export const useClass = (id: string | undefined) => useQuery({ ...classQuery(id ?? ''), enabled: !!id });
