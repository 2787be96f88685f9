import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Outline } from '../types';
import { courseKeys } from './keys';

export const getOutline = (id: string, signal?: AbortSignal) =>
  api.get<Outline>(`/courses/${encodeURIComponent(id)}/outline`, { signal });

export const outlineQuery = (id: string) =>
  queryOptions({ queryKey: courseKeys.outline(id), queryFn: ({ signal }) => getOutline(id, signal) });

export const useOutline = (id: string) => useQuery(outlineQuery(id));
