import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { PlayerQuestion } from '../types';
import { questionKeys } from './keys';

/** A version (default: the current one) as a learner sees it: no answers, fractions or feedback; a fresh option order each time. */
export const getQuestionPreview = (id: string, version?: number, signal?: AbortSignal) =>
  api.get<PlayerQuestion>(`/questions/${encodeURIComponent(id)}/preview`, { params: { version }, signal });

export const questionPreviewQuery = (id: string, version: number) =>
  queryOptions({
    queryKey: questionKeys.preview(id, version),
    queryFn: ({ signal }) => getQuestionPreview(id, version, signal),
    staleTime: 0,
  });

export const useQuestionPreview = (id: string, version: number, enabled: boolean) =>
  useQuery({ ...questionPreviewQuery(id, version), enabled });
