/**
 * Stored question model (docs/api-quizzes.md "data (jsonb) by type"). Types only, no I/O, so that the quiz engine,
 * the renderer and the bank service share one definition.
 */

export type StoredQuestionType =
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

export const STORED_QUESTION_TYPES: readonly StoredQuestionType[] = [
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

/** The base types a missing-word question can have. */
export type MissingWordBase = 'single_choice' | 'short_answer' | 'numeric' | 'true_false';
export const MISSING_WORD_BASES: readonly MissingWordBase[] = ['single_choice', 'short_answer', 'numeric', 'true_false'];

export interface StoredAnswer {
  /** Sanitised HTML for choices; plain text for short answers and numeric answers. */
  text: string;
  /** -1..1; negative only for multiple choice (a penalty). */
  fraction: number;
  /** Sanitised HTML. */
  feedback: string;
}

export interface StoredPair {
  /** matching: the prompt (sanitised HTML; '' for a distractor-only right side); ordering: the item, in the correct order. */
  left: string;
  /** matching: the answer (plain text); ordering: ''. */
  right: string;
}

export type NumericEntry = { value: number; tolerance: number } | { min: number; max: number };

export interface EssayOptions {
  minWords?: number;
  maxWords?: number;
  responseTemplate?: string;
}

export interface QuestionData {
  answers: StoredAnswer[];
  pairs: StoredPair[];
  /** Numeric (and missing word over numeric): aligned with answers[] (answers[i].text is the written form). */
  numeric: NumericEntry[];
  generalFeedback: string;
  /** single_choice true; multiple_choice false. */
  single?: boolean;
  /** Choices / matching left side may be shuffled by the quiz (default true). */
  shuffleAnswers?: boolean;
  /** short_answer: compare case-sensitively (default false). */
  caseSensitive?: boolean;
  /** short_answer: "Ha Noi" accepts "Hà Nội" (default false). */
  ignoreDiacritics?: boolean;
  /** missing_word only: the underlying type; the text has exactly one blank "_____". */
  baseType?: MissingWordBase;
  /** true_false (and missing word over true_false). */
  correctAnswer?: boolean;
  essay?: EssayOptions;
}

/** The columns of question_versions a renderer or grader needs. default_mark comes back from pg as a string. */
export interface QuestionVersionLike {
  id: string;
  type: StoredQuestionType;
  text: string;
  data: QuestionData;
  defaultMark: number | string;
  title?: string;
  version?: number;
  questionId?: string;
}
