import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Question, QuestionInput } from '../types';
import { questionKeys } from './keys';

export type UpdateQuestionInput = { id: string; input: QuestionInput };

/** Saves a new version (version + 1); attempts keep the version they showed. */
export const updateQuestion = ({ id, input }: UpdateQuestionInput) =>
  api.put<Question>(`/questions/${encodeURIComponent(id)}`, input);

export function useUpdateQuestion() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateQuestion,
    onSuccess: (question) => {
      queryClient.setQueryData(questionKeys.question(question.id), question);
      void queryClient.invalidateQueries({ queryKey: questionKeys.versions(question.id) });
      return queryClient.invalidateQueries({ queryKey: questionKeys.bank(question.bankId) });
    },
  });
}
