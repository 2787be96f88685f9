import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { GradingItem } from '../types';
import { quizKeys } from './keys';

export type GradingQueue = { items: GradingItem[]; total: number };

/** The first 100 answers to grade (oldest first) and how many wait in all; grading one refreshes the list. */
export const getGradingQueue = async (quizId: string, signal?: AbortSignal): Promise<GradingQueue> => {
  const data = await api.get<{ items: GradingItem[]; total?: number } | GradingItem[]>(`/quizzes/${encodeURIComponent(quizId)}/grading-queue`, {
    params: { page: 1, pageSize: 100 },
    signal,
  });
  const items = Array.isArray(data) ? data : (data?.items ?? []);
  return { items, total: Array.isArray(data) ? items.length : (data?.total ?? items.length) };
};

export const gradingQueueQuery = (quizId: string) =>
  queryOptions({ queryKey: quizKeys.gradingQueue(quizId), queryFn: ({ signal }) => getGradingQueue(quizId, signal) });

export const useGradingQueue = (quizId: string) => useQuery(gradingQueueQuery(quizId));

export type GradeInput = { quizId: string; attemptId: string; slot: number; mark: number; comment?: string };

export const gradeAnswer = ({ attemptId, slot, mark, comment }: GradeInput) =>
  api.post<unknown>(`/attempts/${encodeURIComponent(attemptId)}/slots/${slot}/grade`, comment ? { mark, comment } : { mark });

export function useGradeAnswer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: gradeAnswer,
    onSuccess: (_d, input) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: quizKeys.gradingQueue(input.quizId) }),
        queryClient.invalidateQueries({ queryKey: quizKeys.attempts(input.quizId) }),
        queryClient.invalidateQueries({ queryKey: quizKeys.statistics(input.quizId) }),
      ]),
  });
}

export type RegradeResult = { attempts: number; changed: number; updatedQuestions?: number; skipped?: number };

export const regradeQuiz = ({ quizId, questionId }: { quizId: string; questionId?: string }) =>
  api.post<RegradeResult>(`/quizzes/${encodeURIComponent(quizId)}/regrade`, questionId ? { questionId } : {});

export function useRegrade() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: regradeQuiz,
    onSuccess: (_d, input) => queryClient.invalidateQueries({ queryKey: quizKeys.detail(input.quizId) }),
  });
}
