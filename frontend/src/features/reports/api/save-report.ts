import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { CreateReportInput, Report, ReportChanges } from '../types';
import { reportKeys } from './keys';

export const createReport = (input: CreateReportInput) => api.post<Report>('/reports', input);
export const updateReport = ({ id, changes }: { id: string; changes: ReportChanges }) =>
  api.patch<Report>(`/reports/${encodeURIComponent(id)}`, changes);
export const submitReport = ({ id, note }: { id: string; note?: string }) =>
  api.post<Report>(`/reports/${encodeURIComponent(id)}/submit`, note ? { note } : {});
export const reviseReport = (id: string) => api.post<Report>(`/reports/${encodeURIComponent(id)}/revise`, {});

function useReportMutation<I>(fn: (input: I) => Promise<Report>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (report) => {
      queryClient.setQueryData(reportKeys.detail(report.id), report);
      return queryClient.invalidateQueries({ queryKey: reportKeys.list() });
    },
  });
}

export const useCreateReport = () => useReportMutation(createReport);
export const useUpdateReport = () => useReportMutation(updateReport);
export const useSubmitReport = () => useReportMutation(submitReport);
export function useReviseReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: reviseReport,
    onSuccess: (report, previousId) => {
      queryClient.setQueryData(reportKeys.detail(report.id), report);
      void queryClient.invalidateQueries({ queryKey: reportKeys.detail(previousId) });
      return queryClient.invalidateQueries({ queryKey: reportKeys.list() });
    },
  });
}
