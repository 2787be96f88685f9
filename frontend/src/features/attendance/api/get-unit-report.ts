import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, buildUrl } from '../../../lib/api-client';
import type { UnitReport } from '../types';
import { attendanceKeys } from './keys';

/** GET /api/attendance/units/:id?year=: per owning unit, distinct people and person-attendances kept apart. */
export const getUnitReport = (unitId: string, year: number, signal?: AbortSignal) =>
  api.get<UnitReport>(`/attendance/units/${encodeURIComponent(unitId)}`, { params: { year }, signal });

export const unitReportQuery = (unitId: string, year: number) =>
  queryOptions({ queryKey: attendanceKeys.unitReport(unitId, year), queryFn: ({ signal }) => getUnitReport(unitId, year, signal) });

export const useUnitReport = (unitId: string | undefined, year: number) =>
  useQuery({ ...unitReportQuery(unitId ?? '', year), enabled: !!unitId });

export const unitReportFileUrl = (unitId: string, year: number, format: 'xlsx' | 'csv') =>
  buildUrl(`/attendance/units/${encodeURIComponent(unitId)}/report.${format}`, { year });
