import { useMutation, useQueryClient } from '@tanstack/react-query';
import { request } from '../../../lib/api-client';
import type { Outline, OutlineInput } from '../types';
import { courseKeys } from './keys';

export type SaveOutlineInput = { id: string; outline: OutlineInput };

export const saveOutline = ({ id, outline }: SaveOutlineInput) =>
  request<Outline>('PUT', `/courses/${encodeURIComponent(id)}/outline`, { body: outline });

export function useSaveOutline() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveOutline,
    onSuccess: (outline, input) => {
      queryClient.setQueryData(courseKeys.outline(input.id), outline);
      return queryClient.invalidateQueries({ queryKey: courseKeys.detail(input.id), exact: true });
    },
  });
}
