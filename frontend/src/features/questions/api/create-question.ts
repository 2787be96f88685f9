import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Question, QuestionInput } from '../types';
import { questionKeys } from './keys';

export type CreateQuestionInput = { bankId: string; input: QuestionInput };

export const createQuestion = ({ bankId, input }: CreateQuestionInput) =>
  api.post<Question>(`/question-banks/${encodeURIComponent(bankId)}/questions`, input);

export function useCreateQuestion() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createQuestion,
    onSuccess: (question) => {
      queryClient.setQueryData(questionKeys.question(question.id), question);
      // The bank's lists, category counts and question count change.
      void queryClient.invalidateQueries({ queryKey: questionKeys.banks() });
      return queryClient.invalidateQueries({ queryKey: questionKeys.bank(question.bankId) });
    },
  });
}
