import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Player, ProgressEvent } from '../../courses/types';
import { learningKeys } from './keys';

export type PostProgressInput = { courseId: string; itemId: string } & ProgressEvent;

export const postProgress = ({ courseId, itemId, ...event }: PostProgressInput) =>
  api.post<Player>(
    `/me/learning/${encodeURIComponent(courseId)}/items/${encodeURIComponent(itemId)}/progress`,
    event,
  );

/** The Player of the answer replaces the cached one (locks are computed on the server). */
export function usePostProgress() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: postProgress,
    onSuccess: (player, input) => {
      queryClient.setQueryData(learningKeys.player(input.courseId), player);
      void queryClient.invalidateQueries({ queryKey: learningKeys.lists() });
    },
  });
}
