import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Quiz, QuizInput } from '../types';
import { quizKeys } from './keys';

export const createQuiz = (input: QuizInput) => api.post<Quiz>('/quizzes', input);
export const updateQuiz = ({ id, changes }: { id: string; changes: Partial<QuizInput> }) =>
  api.patch<Quiz>(`/quizzes/${encodeURIComponent(id)}`, changes);
export const publishQuiz = (id: string) => api.post<Quiz>(`/quizzes/${encodeURIComponent(id)}/publish`, {});

function useQuizMutation<V>(fn: (v: V) => Promise<Quiz>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (quiz) => {
      queryClient.setQueryData(quizKeys.detail(quiz.id), quiz);
      return queryClient.invalidateQueries({ queryKey: quizKeys.lists() });
    },
  });
}

export const useCreateQuiz = () => useQuizMutation(createQuiz);
export const useUpdateQuiz = () => useQuizMutation(updateQuiz);
export const usePublishQuiz = () => useQuizMutation(publishQuiz);
