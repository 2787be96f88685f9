import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { ReportPeriod, ReportSummary } from '../types';
import { reportKeys } from './keys';

export const getReports = (signal?: AbortSignal) => api.get<{ items: ReportSummary[] }>('/reports', { signal }).then((r) => r.items);
export const getReportPeriods = (signal?: AbortSignal) =>
  api.get<{ items: ReportPeriod[] }>('/report-periods', { signal }).then((r) => r.items);

export const reportsQuery = () => queryOptions({ queryKey: reportKeys.list(), queryFn: ({ signal }) => getReports(signal) });
export const reportPeriodsQuery = () =>
  queryOptions({ queryKey: reportKeys.periods(), queryFn: ({ signal }) => getReportPeriods(signal), staleTime: 5 * 60_000 });

export const useReports = () => useQuery(reportsQuery());
export const useReportPeriods = (enabled = true) => useQuery({ ...reportPeriodsQuery(), enabled });
