import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, buildUrl } from '../../../lib/api-client';
import type { ClassReport } from '../types';
import { attendanceKeys } from './keys';

/** GET /api/classes/:id/report: people × sessions with rates, hours and the at-risk list. */
export const getClassReport = (classId: string, signal?: AbortSignal) =>
  api.get<ClassReport>(`/classes/${encodeURIComponent(classId)}/report`, { signal });

export const classReportQuery = (classId: string) =>
  queryOptions({ queryKey: attendanceKeys.report(classId), queryFn: ({ signal }) => getClassReport(classId, signal) });

export const useClassReport = (classId: string) => useQuery(classReportQuery(classId));

/** GET /api/classes/:id/report.xlsx|csv (audited export). */
export const classReportFileUrl = (classId: string, format: 'xlsx' | 'csv') =>
  buildUrl(`/classes/${encodeURIComponent(classId)}/report.${format}`);

/** GET /api/sessions/:id/sign-in-sheet.pdf (A4, Vietnamese font, audited). */
export const signInSheetUrl = (sessionId: string) => buildUrl(`/sessions/${encodeURIComponent(sessionId)}/sign-in-sheet.pdf`);
