import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Target } from '../types';
import { targetKeys } from './keys';

export const getTarget = (id: string, signal?: AbortSignal) => api.get<Target>(`/targets/${encodeURIComponent(id)}`, { signal });

export const targetQuery = (id: string) => queryOptions({ queryKey: targetKeys.detail(id), queryFn: ({ signal }) => getTarget(id, signal) });

export const useTarget = (id: string | undefined) => useQuery({ ...targetQuery(id ?? ''), enabled: !!id });
