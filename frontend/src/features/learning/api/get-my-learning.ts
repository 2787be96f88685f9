import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { LearningFilter, MyLearning } from '../../courses/types';
import { learningKeys } from './keys';

export const getMyLearning = (filter: LearningFilter, signal?: AbortSignal) =>
  api.get<MyLearning>('/me/learning', { params: { filter }, signal });

export const myLearningQuery = (filter: LearningFilter) =>
  queryOptions({
    queryKey: learningKeys.list(filter),
    queryFn: ({ signal }) => getMyLearning(filter, signal),
    placeholderData: keepPreviousData,
  });

export const useMyLearning = (filter: LearningFilter, enabled = true) => useQuery({ ...myLearningQuery(filter), enabled });
