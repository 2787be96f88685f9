import type { Attempt, MyQuiz, PlayerQuestion, Quiz } from '../features/quizzes/types';

export function makeQuiz(overrides: Partial<Quiz> = {}): Quiz {
  return {
    id: 'quiz-1',
    title: 'Kiểm tra kỹ năng số cơ bản',
    description: '',
    ownerUnitId: 'unit-ward',
    ownerUnitName: 'Phường Đăk Bla',
    courseId: null,
    courseItemId: null,
    status: 'draft',
    openAt: null,
    closeAt: null,
    timeLimitMinutes: 30,
    maxAttempts: 2,
    attemptDelayMinutes: 0,
    gradingMethod: 'highest',
    passMark: 70,
    shuffleQuestions: false,
    shuffleOptions: true,
    questionsPerPage: 1,
    navigation: 'free',
    review: { score: 'immediately', correctAnswers: 'after_close', feedback: 'immediately' },
    overdue: 'autosubmit',
    graceMinutes: 0,
    slotCount: 3,
    questionCount: 3,
    totalMarks: 3,
    attemptCount: 0,
    createdAt: '2026-03-01T00:00:00Z',
    updatedAt: '2026-03-01T00:00:00Z',
    publishedAt: null,
    ...overrides,
  };
}

export const choiceQuestion = (slot: number, page = slot): PlayerQuestion => ({
  slot,
  page,
  type: 'single_choice',
  text: `<p>Câu hỏi số ${slot}: Cổng Dịch vụ công quốc gia là gì?</p>`,
  mark: 1,
  options: [
    { key: `k${slot}a`, text: `Phương án A${slot}` },
    { key: `k${slot}b`, text: `Phương án B${slot}` },
  ],
});

export function makeAttempt(overrides: Partial<Attempt> = {}): Attempt {
  return {
    id: 'att-1',
    quizId: 'quiz-1',
    quizTitle: 'Kiểm tra kỹ năng số cơ bản',
    attemptNo: 1,
    status: 'in_progress',
    counted: true,
    startedAt: '2026-03-01T03:00:00.000Z',
    deadlineAt: '2026-03-01T03:30:00.000Z',
    cutoffAt: '2026-03-01T03:30:00.000Z',
    serverNow: '2026-03-01T03:00:00.000Z',
    submittedAt: null,
    navigation: 'free',
    questionsPerPage: 0,
    pageCount: 1,
    currentPage: 1,
    questions: [choiceQuestion(1, 1), choiceQuestion(2, 1), choiceQuestion(3, 1)],
    answers: [],
    reviewAvailable: false,
    ...overrides,
  };
}

export function makeMyQuiz(overrides: Partial<MyQuiz> = {}): MyQuiz {
  return {
    quiz: {
      id: 'quiz-1',
      title: 'Kiểm tra kỹ năng số cơ bản',
      description: '<p>Bài kiểm tra cuối khóa.</p>',
      openAt: null,
      closeAt: '2026-03-31T10:00:00.000Z',
      timeLimitMinutes: 30,
      maxAttempts: 2,
      attemptDelayMinutes: 0,
      gradingMethod: 'highest',
      passMark: 70,
      questionCount: 3,
      totalMarks: 3,
      questionsPerPage: 0,
      navigation: 'free',
      courseId: null,
    },
    attempts: [],
    canStart: true,
    openAttemptId: null,
    bestPercent: null,
    serverNow: '2026-03-01T03:00:00.000Z',
    ...overrides,
  };
}
