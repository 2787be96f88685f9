// Types of the question-bank contract (docs/api-quizzes.md, "Question bank").

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

export type MissingWordBase = 'single_choice' | 'short_answer' | 'numeric' | 'true_false';
export const MISSING_WORD_BASES: MissingWordBase[] = ['single_choice', 'short_answer', 'numeric', 'true_false'];

export type StoredAnswer = { text: string; fraction: number; feedback: string };
export type StoredPair = { left: string; right: string };
export type NumericEntry = { value: number; tolerance: number } | { min: number; max: number };

export type QuestionData = {
  answers: StoredAnswer[];
  pairs: StoredPair[];
  numeric: NumericEntry[];
  generalFeedback: string;
  single?: boolean;
  shuffleAnswers?: boolean;
  caseSensitive?: boolean;
  ignoreDiacritics?: boolean;
  baseType?: MissingWordBase;
  correctAnswer?: boolean;
  essay?: { minWords?: number; maxWords?: number; responseTemplate?: string };
};

export type Bank = {
  id: string;
  name: string;
  ownerUnitId: string;
  ownerUnitName: string;
  description: string;
  questionCount: number;
  createdAt?: string;
  updatedAt?: string;
};

export type Category = {
  id: string;
  parentId: string | null;
  name: string;
  position: number;
  questionCount: number;
};

export type QuestionSummary = {
  id: string;
  categoryId: string;
  type: QuestionType;
  title: string;
  textPreview: string;
  tags: string[];
  version: number;
  defaultMark: number;
  updatedAt: string;
};

export type Question = {
  id: string;
  bankId: string;
  categoryId: string;
  type: QuestionType;
  title: string;
  text: string;
  defaultMark: number;
  tags: string[];
  /** The version shown (the current one unless an older one was asked for). */
  version: number;
  versionId?: string;
  currentVersion?: number;
  data: QuestionData;
  usedInAttempts: number;
  createdAt: string;
  updatedAt: string;
};

export type QuestionInput = {
  categoryId: string;
  type: QuestionType;
  title: string;
  text: string;
  defaultMark?: number;
  tags?: string[];
  data: QuestionData;
};

export type QuestionVersion = {
  version: number;
  versionId?: string;
  type?: QuestionType;
  title: string;
  createdAt: string;
  /** The author's display name (or null when the account is gone). */
  createdBy: string | null;
};

export type KeyedText = { key: string; text: string };

/** The question as a learner sees it (no fractions, feedback or accepted answers). */
export type PlayerQuestion = {
  slot: number;
  type: QuestionType;
  text: string;
  mark: number;
  title?: string;
  options?: KeyedText[];
  /** multiple choice: the learner may pick several. */
  multiple?: boolean;
  left?: KeyedText[];
  right?: KeyedText[];
  items?: KeyedText[];
  baseType?: MissingWordBase;
  essay?: { minWords?: number; maxWords?: number; responseTemplate?: string };
};

export type ImportFormat = 'gift' | 'aiken' | 'moodlexml' | 'xlsx';
export const IMPORT_FORMATS: ImportFormat[] = ['gift', 'aiken', 'moodlexml', 'xlsx'];
export type ExportFormat = 'gift' | 'moodlexml' | 'xlsx';
export const EXPORT_FORMATS: ExportFormat[] = ['gift', 'moodlexml', 'xlsx'];

export type ImportWarning = {
  code: string;
  font?: 'tcvn3' | 'vni';
  field?: string;
  message: string;
  messageVi: string;
};

export type ImportQuestion = {
  /** 1-based position in the file */
  index: number;
  type: QuestionType;
  title: string;
  /** sanitised HTML */
  text: string;
  line?: number;
  row?: number;
  /** category path below the target category */
  category: string | null;
  warnings: ImportWarning[];
  defaultMark?: number;
  tags?: string[];
  /** what will be stored, correct answers included */
  data?: QuestionData;
  /** the question as a learner will see it */
  preview?: PlayerQuestion;
};

export type ImportError = {
  line?: number;
  row?: number;
  code: string;
  message: string;
  messageVi: string;
  question?: string;
};

export type ImportPreview = {
  id: string;
  bankId?: string;
  categoryId?: string;
  status?: 'preview' | 'committed' | 'cancelled';
  format: ImportFormat;
  fileName: string;
  questions: ImportQuestion[];
  errors: ImportError[];
  counts: { questions: number; errors: number; warnings: number };
};

export type ImportResult = { created: number; categoriesCreated: number };
