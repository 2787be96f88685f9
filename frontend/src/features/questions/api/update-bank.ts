import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Bank } from '../types';
import type { BankInput } from './create-bank';
import { questionKeys } from './keys';

export type UpdateBankInput = { id: string; changes: Partial<BankInput> };

export const updateBank = ({ id, changes }: UpdateBankInput) =>
  api.patch<Bank>(`/question-banks/${encodeURIComponent(id)}`, changes);

export function useUpdateBank() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateBank,
    onSuccess: (bank) => {
      queryClient.setQueryData(questionKeys.bank(bank.id), (old: Bank | undefined) => ({ ...old, ...bank }));
      return queryClient.invalidateQueries({ queryKey: questionKeys.banks() });
    },
  });
}
