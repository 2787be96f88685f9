import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { ExternalCompletion } from '../types';
import { completionKeys } from './keys';

/** The signed-in user's own external completions, any status. */
export const getMyExternalCompletions = (signal?: AbortSignal) =>
  api.get<{ items: ExternalCompletion[] }>('/me/external-completions', { signal });

export const myExternalCompletionsQuery = () =>
  queryOptions({ queryKey: completionKeys.mine(), queryFn: ({ signal }) => getMyExternalCompletions(signal) });

export const useMyExternalCompletions = (enabled = true) => useQuery({ ...myExternalCompletionsQuery(), enabled });
