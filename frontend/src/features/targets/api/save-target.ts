import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Target, TargetInput } from '../types';
import { targetKeys } from './keys';

export const createTarget = (input: TargetInput) => api.post<Target>('/targets', input);
export const updateTarget = ({ id, changes }: { id: string; changes: Partial<TargetInput> }) =>
  api.patch<Target>(`/targets/${encodeURIComponent(id)}`, changes);

export function useCreateTarget() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createTarget,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: targetKeys.all }),
  });
}

export function useUpdateTarget() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateTarget,
    onSuccess: (target) => {
      queryClient.setQueryData(targetKeys.detail(target.id), target);
      return queryClient.invalidateQueries({ queryKey: targetKeys.all });
    },
  });
}
