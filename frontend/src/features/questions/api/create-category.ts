import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Category } from '../types';
import { questionKeys } from './keys';

export type CreateCategoryInput = { bankId: string; name: string; parentId?: string | null };

export const createCategory = ({ bankId, name, parentId }: CreateCategoryInput) =>
  api.post<Category>(`/question-banks/${encodeURIComponent(bankId)}/categories`, parentId ? { name, parentId } : { name });

export function useCreateCategory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createCategory,
    onSuccess: (_, { bankId }) => queryClient.invalidateQueries({ queryKey: questionKeys.categories(bankId) }),
  });
}
