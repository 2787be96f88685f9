import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Target } from '../types';
import { targetKeys } from './keys';

export const getTargets = (signal?: AbortSignal) => api.get<{ items: Target[] }>('/targets', { signal }).then((r) => r.items);

export const targetsQuery = () => queryOptions({ queryKey: targetKeys.list(), queryFn: ({ signal }) => getTargets(signal) });

export const useTargets = (enabled = true) => useQuery({ ...targetsQuery(), enabled });
