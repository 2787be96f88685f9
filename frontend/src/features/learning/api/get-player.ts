import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Player } from '../../courses/types';
import { learningKeys } from './keys';

export const getPlayer = (courseId: string, signal?: AbortSignal) =>
  api.get<Player>(`/me/learning/${encodeURIComponent(courseId)}`, { signal });

export const playerQuery = (courseId: string) =>
  queryOptions({
    queryKey: learningKeys.player(courseId),
    queryFn: ({ signal }) => getPlayer(courseId, signal),
  });

export const usePlayer = (courseId: string) => useQuery(playerQuery(courseId));
