import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { ImportPreview } from '../types';

/** An import (its preview), e.g. after a page reload; status tells whether it is still pending. */
export const getQuestionImport = (id: string, signal?: AbortSignal) =>
  api.get<ImportPreview>(`/question-imports/${encodeURIComponent(id)}`, { signal });

export const questionImportQuery = (id: string) =>
  queryOptions({ queryKey: ['question-imports', id], queryFn: ({ signal }) => getQuestionImport(id, signal), staleTime: 0, gcTime: 0 });

export const useQuestionImport = (id: string | null) => useQuery({ ...questionImportQuery(id ?? ''), enabled: !!id });
