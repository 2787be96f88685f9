import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { questionKeys } from './keys';

export type DeleteQuestionInput = { id: string; bankId: string };

/** Soft delete: existing attempts keep their version. */
export const deleteQuestion = ({ id }: DeleteQuestionInput) => api.delete<void>(`/questions/${encodeURIComponent(id)}`);

export function useDeleteQuestion() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteQuestion,
    onSuccess: (_, { id, bankId }) => {
      queryClient.removeQueries({ queryKey: questionKeys.question(id) });
      void queryClient.invalidateQueries({ queryKey: questionKeys.banks() });
      return queryClient.invalidateQueries({ queryKey: questionKeys.bank(bankId) });
    },
  });
}
