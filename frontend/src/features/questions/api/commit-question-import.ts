import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { ImportResult } from '../types';
import { questionKeys } from './keys';

export type CommitQuestionImportInput = { id: string; bankId: string };

/** 409 IMPORT_HAS_ERRORS while the preview has errors; 409 IMPORT_NOT_PENDING when already committed or cancelled. */
export const commitQuestionImport = ({ id }: CommitQuestionImportInput) =>
  api.post<ImportResult>(`/question-imports/${encodeURIComponent(id)}/commit`, {});

export function useCommitQuestionImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: commitQuestionImport,
    onSuccess: (_, { bankId }) => {
      void queryClient.invalidateQueries({ queryKey: questionKeys.banks() });
      return queryClient.invalidateQueries({ queryKey: questionKeys.bank(bankId) });
    },
  });
}
