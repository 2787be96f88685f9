import type { BankFilters } from './get-banks';
import type { QuestionFilters } from './get-questions';

export const questionKeys = {
  all: ['question-banks'] as const,
  banks: () => [...questionKeys.all, 'list'] as const,
  bankList: (filters: BankFilters) => [...questionKeys.banks(), filters] as const,
  bank: (id: string) => [...questionKeys.all, 'detail', id] as const,
  categories: (bankId: string) => [...questionKeys.bank(bankId), 'categories'] as const,
  questions: (bankId: string) => [...questionKeys.bank(bankId), 'questions'] as const,
  questionList: (bankId: string, filters: QuestionFilters) => [...questionKeys.questions(bankId), filters] as const,
  question: (id: string) => ['questions', 'detail', id] as const,
  versions: (id: string) => [...questionKeys.question(id), 'versions'] as const,
  preview: (id: string, version: number) => [...questionKeys.question(id), 'preview', version] as const,
};

/** The Excel template of the import (Vietnamese headers, one example per type). */
export const QUESTION_TEMPLATE_URL = '/api/question-imports/template.xlsx';
