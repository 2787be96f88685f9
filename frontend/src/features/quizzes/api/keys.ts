import type { AttemptFilters } from './attempts';
import type { QuizFilters } from './get-quizzes';

export const quizKeys = {
  all: ['quizzes'] as const,
  lists: () => [...quizKeys.all, 'list'] as const,
  list: (filters: QuizFilters) => [...quizKeys.lists(), filters] as const,
  detail: (id: string) => [...quizKeys.all, 'detail', id] as const,
  slots: (id: string) => [...quizKeys.detail(id), 'slots'] as const,
  overrides: (id: string) => [...quizKeys.detail(id), 'overrides'] as const,
  attempts: (id: string) => [...quizKeys.detail(id), 'attempts'] as const,
  attemptList: (id: string, filters: AttemptFilters) => [...quizKeys.attempts(id), filters] as const,
  gradingQueue: (id: string) => [...quizKeys.detail(id), 'grading-queue'] as const,
  statistics: (id: string) => [...quizKeys.detail(id), 'statistics'] as const,
};

export const bankKeys = {
  all: ['question-banks-picker'] as const,
  banks: (q: string) => [...bankKeys.all, 'banks', q] as const,
  categories: (bankId: string) => [...bankKeys.all, 'categories', bankId] as const,
  questions: (bankId: string, filters: object) => [...bankKeys.all, 'questions', bankId, filters] as const,
};

export const myQuizKeys = {
  all: ['my-quizzes'] as const,
  quiz: (quizId: string) => [...myQuizKeys.all, 'quiz', quizId] as const,
  attempt: (attemptId: string) => [...myQuizKeys.all, 'attempt', attemptId] as const,
  review: (attemptId: string) => [...myQuizKeys.all, 'review', attemptId] as const,
};
