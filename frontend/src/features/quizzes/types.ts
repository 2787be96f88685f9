// Types of the quiz / attempt contract (docs/api-quizzes.md, "Quizzes" and "Attempts").

export type QuizStatus = 'draft' | 'published';
export type GradingMethod = 'highest' | 'average' | 'first' | 'last';
export const GRADING_METHODS: GradingMethod[] = ['highest', 'average', 'first', 'last'];
export type Navigation = 'free' | 'sequential';
export const NAVIGATIONS: Navigation[] = ['free', 'sequential'];
export type ReviewWhen = 'immediately' | 'after_close' | 'never';
export const REVIEW_WHENS: ReviewWhen[] = ['immediately', 'after_close', 'never'];
export type ReviewItem = 'score' | 'correctAnswers' | 'feedback';
export const REVIEW_ITEMS: ReviewItem[] = ['score', 'correctAnswers', 'feedback'];
export type Overdue = 'autosubmit' | 'grace' | 'discard';
export const OVERDUES: Overdue[] = ['autosubmit', 'grace', 'discard'];

export type Quiz = {
  id: string;
  title: string;
  description: string;
  ownerUnitId: string;
  ownerUnitName: string;
  courseId: string | null;
  /** the course quiz item that takes its score from this quiz */
  courseItemId?: string | null;
  status: QuizStatus;
  openAt: string | null;
  closeAt: string | null;
  timeLimitMinutes: number | null;
  maxAttempts: number | null;
  attemptDelayMinutes: number;
  gradingMethod: GradingMethod;
  passMark: number;
  shuffleQuestions: boolean;
  shuffleOptions: boolean;
  questionsPerPage: number;
  navigation: Navigation;
  review: Record<ReviewItem, ReviewWhen>;
  overdue: Overdue;
  graceMinutes: number;
  slotCount: number;
  /** questions an attempt gets (random slots count several) */
  questionCount?: number;
  totalMarks: number;
  attemptCount: number;
  createdAt?: string;
  updatedAt?: string;
  publishedAt?: string | null;
};

export type QuizInput = Omit<
  Quiz,
  'id' | 'ownerUnitName' | 'courseItemId' | 'status' | 'slotCount' | 'questionCount' | 'totalMarks' | 'attemptCount' | 'createdAt' | 'updatedAt' | 'publishedAt'
>;

export type QuestionType =
  | 'single_choice'
  | 'multiple_choice'
  | 'true_false'
  | 'short_answer'
  | 'numeric'
  | 'matching'
  | 'ordering'
  | 'missing_word'
  | 'essay'
  | 'description';
export const QUESTION_TYPES: QuestionType[] = [
  'single_choice',
  'multiple_choice',
  'true_false',
  'short_answer',
  'numeric',
  'matching',
  'ordering',
  'missing_word',
  'essay',
  'description',
];

export type FixedSlot = {
  id: string;
  position: number;
  kind: 'fixed';
  questionId: string;
  mark: number;
  question: { title: string; type: QuestionType; version: number };
};
export type RandomSlot = {
  id: string;
  position: number;
  kind: 'random';
  categoryId: string;
  categoryName?: string;
  bankId?: string;
  includeSubcategories: boolean;
  tag: string | null;
  count: number;
  mark: number;
  /** questions that match now */
  available?: number;
};
export type Slot = FixedSlot | RandomSlot;
export type SlotInput =
  | { kind: 'fixed'; questionId: string; mark: number }
  | { kind: 'random'; categoryId: string; includeSubcategories: boolean; tag: string | null; count: number; mark: number };

export type Override = {
  id: string;
  staffId: string;
  fullName: string;
  unitName?: string;
  openAt?: string | null;
  closeAt?: string | null;
  extraMinutes?: number | null;
  extraAttempts?: number | null;
};
export type OverrideInput = {
  staffId: string;
  openAt?: string | null;
  closeAt?: string | null;
  extraMinutes?: number | null;
  extraAttempts?: number | null;
};

export type AttemptStatus = 'in_progress' | 'submitted' | 'graded' | 'needs_grading';
export const ATTEMPT_STATUSES: AttemptStatus[] = ['in_progress', 'submitted', 'graded', 'needs_grading'];

/** A row of GET /quizzes/:id/attempts. */
export type AttemptRow = {
  id: string;
  staffId?: string;
  fullName: string;
  unitName?: string;
  attemptNo: number;
  status: AttemptStatus;
  startedAt: string;
  submittedAt: string | null;
  score: number | null;
  maxScore: number | null;
  percent: number | null;
  passed: boolean | null;
  counted?: boolean;
  deadlineAt?: string | null;
  /** 'timer' = closed by the server at the deadline */
  finishedBy?: 'learner' | 'timer' | null;
  /** answers waiting for a grader */
  toGrade?: number;
};

export type Response =
  | { choice?: string }
  | { choices?: string[] }
  | { text?: string }
  | { number?: string }
  | { pairs?: Record<string, string> }
  | { order?: string[] };
/** The union flattened, for code that reads any member. */
export type AnyResponse = {
  choice?: string;
  choices?: string[];
  text?: string;
  number?: string;
  pairs?: Record<string, string>;
  order?: string[];
};

export type GradingItem = {
  attemptId: string;
  slot: number;
  staffId?: string;
  questionId?: string;
  fullName: string;
  questionTitle: string;
  questionText?: string;
  response: AnyResponse | null;
  maxMark: number;
  submittedAt?: string | null;
};

export type Statistics = {
  attempts: number;
  mean: number | null;
  median: number | null;
  passRate: number | null;
  distribution: { from: number; to: number; count: number }[];
  questions: {
    slot: number;
    questionId: string;
    title: string;
    type?: QuestionType;
    /** answers graded */
    count?: number;
    /** % */
    facility: number | null;
    /** % (correlation × 100) */
    discrimination: number | null;
    options: { text: string; count: number }[];
  }[];
};

export type Keyed = { key: string; text: string };
export type PlayerQuestion = {
  slot: number;
  type: QuestionType;
  title?: string;
  text: string;
  mark: number;
  options?: Keyed[];
  /** multiple choice: several options may be chosen */
  multiple?: boolean;
  left?: Keyed[];
  right?: Keyed[];
  items?: Keyed[];
  /** the baseType of a missing-word question */
  baseType?: 'single_choice' | 'short_answer' | 'numeric' | 'true_false';
  essay?: { minWords?: number; maxWords?: number; responseTemplate?: string };
  page?: number;
};

export type SavedAnswer = { slot: number; response: AnyResponse | null; seq: number; savedAt: string | null; flagged: boolean };

export type PerQuestionResult = {
  slot: number;
  mark: number | null;
  maxMark: number;
  state?: AnswerState;
};
export type AttemptResult = {
  score: number | null;
  maxScore: number;
  percent: number | null;
  passed: boolean | null;
  perQuestion?: PerQuestionResult[];
};

export type Attempt = {
  id: string;
  quizId: string;
  quizTitle?: string;
  attemptNo: number;
  status: AttemptStatus;
  counted?: boolean;
  startedAt: string;
  /** the timer counts down to it */
  deadlineAt: string | null;
  /** answers and the submission are refused after it (deadline + grace) */
  cutoffAt?: string | null;
  serverNow: string;
  submittedAt: string | null;
  navigation?: Navigation;
  questionsPerPage?: number;
  pageCount?: number;
  /** sequential navigation: 1-based; earlier pages are closed */
  currentPage?: number;
  reviewAvailable?: boolean;
  questions: PlayerQuestion[];
  answers: SavedAnswer[];
  result?: AttemptResult;
};

/** `seq` is the stored seq; `applied` false when an equal or newer save was stored already. */
export type SaveAck = { slot: number; seq: number; savedAt: string | null; serverNow: string; applied?: boolean };

export type AttemptSummary = {
  id: string;
  attemptNo: number;
  status: AttemptStatus;
  startedAt: string;
  submittedAt: string | null;
  deadlineAt?: string | null;
  score?: number | null;
  maxScore?: number | null;
  percent?: number | null;
  passed?: boolean | null;
  counted?: boolean;
  reviewAvailable?: boolean;
};

/** `quiz` of GET /me/quizzes/:quizId: the learner's view (no slots, no answers). */
export type LearnerQuiz = Pick<
  Quiz,
  'id' | 'title' | 'description' | 'openAt' | 'closeAt' | 'timeLimitMinutes' | 'maxAttempts' | 'attemptDelayMinutes' | 'gradingMethod' | 'passMark'
> & {
  navigation?: Navigation;
  questionsPerPage?: number;
  questionCount?: number;
  slotCount?: number;
  totalMarks?: number;
  courseId?: string | null;
  courseItemId?: string | null;
  overdue?: Overdue;
  graceMinutes?: number;
  review?: Record<ReviewItem, ReviewWhen>;
};

export type MyQuiz = {
  quiz: LearnerQuiz;
  attempts: AttemptSummary[];
  canStart: boolean;
  /** why not: QUIZ_NOT_OPEN, QUIZ_CLOSED, NO_ATTEMPTS_LEFT, ATTEMPT_DELAY, ITEM_LOCKED, ENROLMENT_CLOSED */
  reason?: string | null;
  retryAt?: string | null;
  openAttemptId?: string | null;
  bestPercent: number | null;
  serverNow?: string;
};

export type AnswerState = 'unanswered' | 'correct' | 'partial' | 'wrong' | 'needs_grading' | 'graded' | 'info';

export type ReviewQuestion = PlayerQuestion & {
  response: AnyResponse | null;
  state?: AnswerState;
  awarded?: number | null;
  rightAnswer?: { response: AnyResponse | null; accepted?: { text: string; percent: number }[] } | null;
  feedback?: { general: string; specific: string[] };
  graderComment?: string | null;
};

export type AttemptReview = {
  attempt: Attempt;
  shows: { score: boolean; correctAnswers: boolean; feedback: boolean };
  questions: ReviewQuestion[];
};
