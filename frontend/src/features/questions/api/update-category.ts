import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Category } from '../types';
import { questionKeys } from './keys';

export type UpdateCategoryInput = { bankId: string; id: string; changes: { name?: string; parentId?: string | null } };

export const updateCategory = ({ id, changes }: UpdateCategoryInput) =>
  api.patch<Category>(`/question-categories/${encodeURIComponent(id)}`, changes);

export function useUpdateCategory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateCategory,
    onSuccess: (_, { bankId }) => queryClient.invalidateQueries({ queryKey: questionKeys.categories(bankId) }),
  });
}
