import type { Bank, Category, ImportPreview, Question, QuestionSummary } from '../features/questions/types';

export function makeBank(overrides: Partial<Bank> = {}): Bank {
  return {
    id: 'b-1',
    name: 'Ngân hàng Chuyển đổi số',
    ownerUnitId: 'unit-ward',
    ownerUnitName: 'Phường Đăk Bla',
    description: '',
    questionCount: 3,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-02T00:00:00Z',
    ...overrides,
  };
}

export const categories: Category[] = [
  { id: 'cat-1', parentId: null, name: 'Mặc định', position: 0, questionCount: 2 },
  { id: 'cat-2', parentId: 'cat-1', name: 'An toàn thông tin', position: 0, questionCount: 1 },
];

export function makeQuestion(overrides: Partial<Question> = {}): Question {
  return {
    id: 'q-1',
    bankId: 'b-1',
    categoryId: 'cat-1',
    type: 'single_choice',
    title: 'Cổng dịch vụ công',
    text: '<p>Cổng Dịch vụ công quốc gia có địa chỉ nào?</p>',
    defaultMark: 1,
    tags: ['dvc'],
    version: 1,
    data: {
      answers: [
        { text: 'dichvucong.gov.vn', fraction: 1, feedback: '' },
        { text: 'dichvucong.com', fraction: 0, feedback: 'Tên miền .com không phải của cơ quan nhà nước' },
      ],
      pairs: [],
      numeric: [],
      generalFeedback: '',
      single: true,
      shuffleAnswers: true,
    },
    usedInAttempts: 0,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-02T00:00:00Z',
    ...overrides,
  };
}

export function makeQuestionSummary(overrides: Partial<QuestionSummary> = {}): QuestionSummary {
  return {
    id: 'q-1',
    categoryId: 'cat-1',
    type: 'single_choice',
    title: 'Cổng dịch vụ công',
    textPreview: 'Cổng Dịch vụ công quốc gia có địa chỉ nào?',
    tags: ['dvc'],
    version: 1,
    defaultMark: 1,
    updatedAt: '2026-01-02T00:00:00Z',
    ...overrides,
  };
}

export function makeImportPreview(overrides: Partial<ImportPreview> = {}): ImportPreview {
  return {
    id: 'imp-1',
    format: 'gift',
    fileName: 'cau-hoi.txt',
    questions: [],
    errors: [],
    counts: { questions: 0, errors: 0, warnings: 0 },
    ...overrides,
  };
}
