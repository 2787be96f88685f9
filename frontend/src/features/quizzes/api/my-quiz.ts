import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, request } from '../../../lib/api-client';
import type { AnyResponse, Attempt, AttemptReview, MyQuiz, SaveAck } from '../types';
import { myQuizKeys } from './keys';

// --- start page -----------------------------------------------------------------------------------------------

export const getMyQuiz = (quizId: string, signal?: AbortSignal) =>
  api.get<MyQuiz>(`/me/quizzes/${encodeURIComponent(quizId)}`, { signal });

export const myQuizQuery = (quizId: string) =>
  queryOptions({ queryKey: myQuizKeys.quiz(quizId), queryFn: ({ signal }) => getMyQuiz(quizId, signal), staleTime: 0 });

export const useMyQuiz = (quizId: string) => useQuery({ ...myQuizQuery(quizId), enabled: !!quizId });

/** An attempt with the monotonic times around its request, for the server clock (ServerClock.sync). */
export type TimedAttempt = { attempt: Attempt; sentAt: number; receivedAt: number };

const mono = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

async function timed(fn: () => Promise<Attempt>): Promise<TimedAttempt> {
  const sentAt = mono();
  const attempt = await fn();
  return { attempt, sentAt, receivedAt: mono() };
}

export const startAttempt = (quizId: string) => timed(() => api.post<Attempt>(`/me/quizzes/${encodeURIComponent(quizId)}/attempts`, {}));

export function useStartAttempt() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: startAttempt,
    onSuccess: (data, quizId) => {
      queryClient.setQueryData(myQuizKeys.attempt(data.attempt.id), data);
      return queryClient.invalidateQueries({ queryKey: myQuizKeys.quiz(quizId) });
    },
  });
}

// --- the attempt ----------------------------------------------------------------------------------------------


export const getAttempt = (attemptId: string, signal?: AbortSignal) =>
  api.get<Attempt>(`/me/attempts/${encodeURIComponent(attemptId)}`, { signal });

export const attemptQuery = (attemptId: string) =>
  queryOptions({
    queryKey: myQuizKeys.attempt(attemptId),
    queryFn: ({ signal }) => timed(() => getAttempt(attemptId, signal)),
    staleTime: 0,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });

export const useAttempt = (attemptId: string) => useQuery(attemptQuery(attemptId));

export const saveAnswer = (
  attemptId: string,
  slot: number,
  body: { response: AnyResponse; seq: number; flagged: boolean },
  signal?: AbortSignal,
) => request<SaveAck>('PUT', `/me/attempts/${encodeURIComponent(attemptId)}/answers/${slot}`, { body, signal });

export type SubmitInput = { attemptId: string; answers: { slot: number; response: AnyResponse; seq: number; flagged?: boolean }[] };

export const submitAttempt = ({ attemptId, answers }: SubmitInput) =>
  timed(() => api.post<Attempt>(`/me/attempts/${encodeURIComponent(attemptId)}/submit`, {
    answers: answers.map(({ slot, response, seq, flagged }) => ({ slot, response, seq, ...(flagged !== undefined ? { flagged } : {}) })),
  }));

/** Sequential navigation: tells the server the learner moved on; earlier pages close (1-based page). */
export const goToPage = (attemptId: string, page: number) =>
  api.post<{ currentPage: number }>(`/me/attempts/${encodeURIComponent(attemptId)}/page`, { page });

// --- review ---------------------------------------------------------------------------------------------------

export const getReview = (attemptId: string, signal?: AbortSignal) =>
  api.get<AttemptReview>(`/me/attempts/${encodeURIComponent(attemptId)}/review`, { signal });

export const reviewQuery = (attemptId: string) =>
  queryOptions({ queryKey: myQuizKeys.review(attemptId), queryFn: ({ signal }) => getReview(attemptId, signal), retry: false });

export const useReview = (attemptId: string) => useQuery(reviewQuery(attemptId));
