import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, buildUrl } from '../../../lib/api-client';
import type { Report } from '../types';
import { reportKeys } from './keys';

export const getReport = (id: string, signal?: AbortSignal) => api.get<Report>(`/reports/${encodeURIComponent(id)}`, { signal });

export const reportQuery = (id: string) => queryOptions({ queryKey: reportKeys.detail(id), queryFn: ({ signal }) => getReport(id, signal) });

export const useReport = (id: string | undefined) => useQuery({ ...reportQuery(id ?? ''), enabled: !!id });

/** GET /api/reports/:id/report.pdf | report.xlsx */
export const reportFileUrl = (id: string, format: 'pdf' | 'xlsx') => buildUrl(`/reports/${encodeURIComponent(id)}/report.${format}`);
