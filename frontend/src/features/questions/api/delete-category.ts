import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { questionKeys } from './keys';

export type DeleteCategoryInput = { bankId: string; id: string };

/** 409 CATEGORY_NOT_EMPTY while the category has questions or subcategories. */
export const deleteCategory = ({ id }: DeleteCategoryInput) => api.delete<void>(`/question-categories/${encodeURIComponent(id)}`);

export function useDeleteCategory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteCategory,
    onSuccess: (_, { bankId }) => queryClient.invalidateQueries({ queryKey: questionKeys.categories(bankId) }),
  });
}
