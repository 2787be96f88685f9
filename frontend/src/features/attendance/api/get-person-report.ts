import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { PersonKind, PersonReport } from '../types';
import { attendanceKeys } from './keys';

/** GET /api/attendance/staff/:id or /api/attendance/residents/:id?year= */
export const getPersonReport = (kind: PersonKind, id: string, year: number, signal?: AbortSignal) =>
  api.get<PersonReport>(`/attendance/${kind === 'staff' ? 'staff' : 'residents'}/${encodeURIComponent(id)}`, { params: { year }, signal });

export const personReportQuery = (kind: PersonKind, id: string, year: number) =>
  queryOptions({
    queryKey: attendanceKeys.personReport(kind, id, year),
    queryFn: ({ signal }) => getPersonReport(kind, id, year, signal),
  });

export const usePersonReport = (kind: PersonKind, id: string | undefined, year: number) =>
  useQuery({ ...personReportQuery(kind, id ?? '', year), enabled: !!id });
