import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Bank } from '../types';
import { questionKeys } from './keys';

export type BankInput = { name: string; ownerUnitId: string; description?: string };

export const createBank = (input: BankInput) => api.post<Bank>('/question-banks', input);

export function useCreateBank() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createBank,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: questionKeys.banks() }),
  });
}
