import { useMutation, useQueryClient } from '@tanstack/react-query';
import { uploadFile } from '../../../lib/api-client';
import type { RosterImportResult } from '../types';
import { attendanceKeys } from './keys';

/**
 * POST /api/classes/:id/roster/import (multipart `file`, XLSX or CSV): `dryRun` previews the rows;
 * the commit is all-or-nothing (`committed: false` while any row has an error).
 */
export const importRoster = ({
  classId,
  file,
  dryRun,
  onProgress,
}: {
  classId: string;
  file: File;
  dryRun: boolean;
  onProgress?: (percent: number) => void;
}) =>
  uploadFile<RosterImportResult>(`/classes/${encodeURIComponent(classId)}/roster/import${dryRun ? '?dryRun=true' : ''}`, file, {
    onProgress,
  });

export function useImportRoster(classId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (args: { file: File; dryRun: boolean; onProgress?: (percent: number) => void }) => importRoster({ classId, ...args }),
    onSuccess: (result) => {
      if (result.committed) return queryClient.invalidateQueries({ queryKey: attendanceKeys.class(classId) });
    },
  });
}
