import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { questionKeys } from './keys';

/** 409 BANK_NOT_EMPTY while the bank still has questions. */
export const deleteBank = (id: string) => api.delete<void>(`/question-banks/${encodeURIComponent(id)}`);

export function useDeleteBank() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteBank,
    onSuccess: (_, id) => {
      queryClient.removeQueries({ queryKey: questionKeys.bank(id) });
      return queryClient.invalidateQueries({ queryKey: questionKeys.banks() });
    },
  });
}
