import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { QuestionVersion } from '../types';
import { questionKeys } from './keys';

export const getQuestionVersions = (id: string, signal?: AbortSignal) =>
  api.get<{ items: QuestionVersion[] }>(`/questions/${encodeURIComponent(id)}/versions`, { signal });

export const questionVersionsQuery = (id: string) =>
  queryOptions({
    queryKey: questionKeys.versions(id),
    queryFn: ({ signal }) => getQuestionVersions(id, signal),
    select: (data) => data.items,
  });

export const useQuestionVersions = (id: string | undefined) => useQuery({ ...questionVersionsQuery(id ?? ''), enabled: !!id });
