/**
 * The question editor's form model and its mapping to the API body (`QuestionInput`, `data` by type) and back.
 * Pure functions, so the payload rules are tested without rendering.
 */
import type { MissingWordBase, NumericEntry, Question, QuestionData, QuestionInput, QuestionType, StoredAnswer } from '../types';

/** A choice or an accepted answer; the weight is a percentage (-100..100) in the form, a fraction (-1..1) in `data`. */
export type AnswerRow = { text: string; percent: number | null; feedback: string };
export type NumericMode = 'tolerance' | 'range';
export type NumericRow = {
  mode: NumericMode;
  value: number | null;
  tolerance: number | null;
  min: number | null;
  max: number | null;
  percent: number | null;
  feedback: string;
};
export type PairRow = { left: string; right: string };
export type TextRow = { text: string };

export type EditorValues = {
  categoryId?: string;
  type: QuestionType;
  title: string;
  text: string;
  defaultMark: number | null;
  tags: string[];
  generalFeedback: string;
  shuffleAnswers: boolean;
  /** single choice, multiple choice, missing word over single choice */
  choices: AnswerRow[];
  /** short answer, missing word over short answer */
  accepted: AnswerRow[];
  caseInsensitive: boolean;
  ignoreDiacritics: boolean;
  /** numeric, missing word over numeric */
  numbers: NumericRow[];
  /** true/false, missing word over true/false */
  correctAnswer: boolean;
  trueFeedback: string;
  falseFeedback: string;
  /** matching: prompt + answer */
  pairs: PairRow[];
  /** matching: answers that match no prompt */
  distractors: TextRow[];
  /** ordering: the items in the correct order */
  items: TextRow[];
  baseType: MissingWordBase;
  essayMinWords: number | null;
  essayMaxWords: number | null;
  essayTemplate: string;
};

/** The answer weights the server accepts (Moodle's grade list), in percent; multiple choice also allows their negatives. */
export const ALLOWED_PERCENTS = [100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667, 14.28571, 12.5, 11.11111, 10, 5, 0];

/** A blank of a missing-word question: three or more underscores, or "{}". */
export const BLANK_RE = /_{3,}|\{\}/g;
export const countBlanks = (text: string) => (text.match(BLANK_RE) ?? []).length;

/** Rounds like the server (7 decimals, Moodle's DECIMAL(12,7)); never -0. */
export function round7(n: number): number {
  const r = Math.round(n * 1e7) / 1e7;
  return Object.is(r, -0) ? 0 : r;
}
const toFraction = (percent: number | null) => round7((percent ?? 0) / 100);
const toPercent = (fraction: number) => round7(fraction * 100);

const emptyAnswer = (percent = 0): AnswerRow => ({ text: '', percent, feedback: '' });
const emptyNumber = (percent = 100): NumericRow => ({ mode: 'tolerance', value: null, tolerance: 0, min: null, max: null, percent, feedback: '' });

/** The values of a new question (four choices with the first one correct, one accepted answer, …). */
export function newValues(categoryId?: string, type: QuestionType = 'single_choice'): EditorValues {
  return {
    categoryId,
    type,
    title: '',
    text: '',
    defaultMark: 1,
    tags: [],
    generalFeedback: '',
    shuffleAnswers: true,
    choices: [emptyAnswer(100), emptyAnswer(), emptyAnswer(), emptyAnswer()],
    accepted: [emptyAnswer(100)],
    caseInsensitive: true,
    ignoreDiacritics: false,
    numbers: [emptyNumber()],
    correctAnswer: true,
    trueFeedback: '',
    falseFeedback: '',
    pairs: [
      { left: '', right: '' },
      { left: '', right: '' },
      { left: '', right: '' },
    ],
    distractors: [],
    items: [{ text: '' }, { text: '' }, { text: '' }],
    baseType: 'short_answer',
    essayMinWords: null,
    essayMaxWords: null,
    essayTemplate: '',
  };
}

/** Which answer editor a type (or a missing word's base type) uses. */
export type AnswerKind = 'choices' | 'multiple' | 'true_false' | 'accepted' | 'numbers' | 'matching' | 'ordering' | 'essay' | 'none';

export function answerKind(type: QuestionType, baseType: MissingWordBase): AnswerKind {
  switch (type) {
    case 'single_choice':
      return 'choices';
    case 'multiple_choice':
      return 'multiple';
    case 'true_false':
      return 'true_false';
    case 'short_answer':
      return 'accepted';
    case 'numeric':
      return 'numbers';
    case 'matching':
      return 'matching';
    case 'ordering':
      return 'ordering';
    case 'essay':
      return 'essay';
    case 'description':
      return 'none';
    case 'missing_word':
      return baseType === 'single_choice' ? 'choices' : baseType === 'short_answer' ? 'accepted' : baseType === 'numeric' ? 'numbers' : 'true_false';
  }
}

function answersOf(rows: AnswerRow[]): StoredAnswer[] {
  return rows.map((r) => ({ text: r.text.trim(), fraction: toFraction(r.percent), feedback: r.feedback.trim() }));
}

/** How a numeric answer is written (answers[i].text): "3.14" or "1..5". */
function numericText(row: NumericRow): string {
  return row.mode === 'range' ? `${row.min ?? ''}..${row.max ?? ''}` : String(row.value ?? '');
}

function numericEntry(row: NumericRow): NumericEntry {
  return row.mode === 'range' ? { min: row.min ?? 0, max: row.max ?? 0 } : { value: row.value ?? 0, tolerance: row.tolerance ?? 0 };
}

/** The request body of POST /question-banks/:id/questions and PUT /questions/:id. */
export function toInput(v: EditorValues): QuestionInput {
  const data: QuestionData = { answers: [], pairs: [], numeric: [], generalFeedback: v.generalFeedback.trim() };
  const kind = answerKind(v.type, v.baseType);
  if (v.type === 'missing_word') data.baseType = v.baseType;
  switch (kind) {
    case 'choices':
    case 'multiple':
      data.answers = answersOf(v.choices);
      data.single = kind === 'choices';
      data.shuffleAnswers = v.shuffleAnswers;
      break;
    case 'true_false':
      data.correctAnswer = v.correctAnswer;
      data.answers = [
        { text: 'True', fraction: v.correctAnswer ? 1 : 0, feedback: v.trueFeedback.trim() },
        { text: 'False', fraction: v.correctAnswer ? 0 : 1, feedback: v.falseFeedback.trim() },
      ];
      break;
    case 'accepted':
      data.answers = answersOf(v.accepted);
      data.caseSensitive = !v.caseInsensitive;
      data.ignoreDiacritics = v.ignoreDiacritics;
      break;
    case 'numbers':
      data.answers = v.numbers.map((n) => ({ text: numericText(n), fraction: toFraction(n.percent), feedback: n.feedback.trim() }));
      data.numeric = v.numbers.map(numericEntry);
      break;
    case 'matching':
      data.pairs = [
        ...v.pairs.map((p) => ({ left: p.left.trim(), right: p.right.trim() })),
        ...v.distractors.map((d) => ({ left: '', right: d.text.trim() })),
      ];
      data.shuffleAnswers = v.shuffleAnswers;
      break;
    case 'ordering':
      data.pairs = v.items.map((i) => ({ left: i.text.trim(), right: '' }));
      break;
    case 'essay': {
      const essay: NonNullable<QuestionData['essay']> = {};
      if (v.essayMinWords != null) essay.minWords = v.essayMinWords;
      if (v.essayMaxWords != null) essay.maxWords = v.essayMaxWords;
      if (v.essayTemplate.trim()) essay.responseTemplate = v.essayTemplate;
      data.essay = essay;
      break;
    }
    case 'none':
      break;
  }
  return {
    categoryId: v.categoryId ?? '',
    type: v.type,
    title: v.title.trim(),
    text: v.text.trim(),
    defaultMark: v.type === 'description' ? 0 : (v.defaultMark ?? 1),
    tags: v.tags.map((tag) => tag.trim()).filter(Boolean),
    data,
  };
}

function answerRows(answers: StoredAnswer[]): AnswerRow[] {
  return answers.map((a) => ({ text: a.text, percent: toPercent(a.fraction), feedback: a.feedback ?? '' }));
}

/** The form values of a stored question (the inverse of toInput). */
export function toValues(q: Question): EditorValues {
  const base = newValues(q.categoryId, q.type);
  const d = q.data;
  const v: EditorValues = {
    ...base,
    title: q.title,
    text: q.text,
    defaultMark: q.defaultMark,
    tags: q.tags ?? [],
    generalFeedback: d.generalFeedback ?? '',
    shuffleAnswers: d.shuffleAnswers ?? true,
    baseType: d.baseType ?? 'short_answer',
  };
  switch (answerKind(q.type, v.baseType)) {
    case 'choices':
    case 'multiple':
      v.choices = answerRows(d.answers ?? []);
      break;
    case 'true_false': {
      const answers = d.answers ?? [];
      const trueAnswer = answers.find((a) => a.text.toLowerCase() === 'true') ?? answers[0];
      const falseAnswer = answers.find((a) => a.text.toLowerCase() === 'false') ?? answers[1];
      v.correctAnswer = d.correctAnswer ?? (trueAnswer ? trueAnswer.fraction === 1 : true);
      v.trueFeedback = trueAnswer?.feedback ?? '';
      v.falseFeedback = falseAnswer?.feedback ?? '';
      break;
    }
    case 'accepted':
      v.accepted = answerRows(d.answers ?? []);
      v.caseInsensitive = !d.caseSensitive;
      v.ignoreDiacritics = !!d.ignoreDiacritics;
      break;
    case 'numbers':
      v.numbers = (d.numeric ?? []).map((n, i) => {
        const a = d.answers?.[i];
        const row: NumericRow = { ...emptyNumber(a ? toPercent(a.fraction) : 100), feedback: a?.feedback ?? '' };
        if ('min' in n) return { ...row, mode: 'range', min: n.min, max: n.max };
        return { ...row, mode: 'tolerance', value: n.value, tolerance: n.tolerance };
      });
      break;
    case 'matching':
      v.pairs = (d.pairs ?? []).filter((p) => p.left.trim() !== '').map((p) => ({ left: p.left, right: p.right }));
      v.distractors = (d.pairs ?? []).filter((p) => p.left.trim() === '').map((p) => ({ text: p.right }));
      break;
    case 'ordering':
      v.items = (d.pairs ?? []).map((p) => ({ text: p.left }));
      break;
    case 'essay':
      v.essayMinWords = d.essay?.minWords ?? null;
      v.essayMaxWords = d.essay?.maxWords ?? null;
      v.essayTemplate = d.essay?.responseTemplate ?? '';
      break;
    case 'none':
      break;
  }
  return v;
}

export type FieldPath = (string | number)[];

const TOP_LEVEL = new Set(['categoryId', 'type', 'title', 'text', 'defaultMark', 'tags']);
const DATA_FLAGS: Record<string, FieldPath> = {
  generalFeedback: ['generalFeedback'],
  baseType: ['baseType'],
  correctAnswer: ['correctAnswer'],
  caseSensitive: ['caseInsensitive'],
  ignoreDiacritics: ['ignoreDiacritics'],
  shuffleAnswers: ['shuffleAnswers'],
  single: ['type'],
};
const ESSAY: Record<string, FieldPath> = {
  minWords: ['essayMinWords'],
  maxWords: ['essayMaxWords'],
  responseTemplate: ['essayTemplate'],
};

/**
 * The form field a server error names (`fields` of a 400), e.g. "data.answers.2.fraction" (or "data.answers[2].fraction")
 * of a multiple-choice question -> ["choices", 2, "percent"]. null when the form has no such field.
 */
export function formFieldOf(serverPath: string, v: EditorValues): FieldPath | null {
  const parts: (string | number)[] = serverPath
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const [head, ...rest] = parts;
  if (typeof head !== 'string') return null;
  if (TOP_LEVEL.has(head)) return [head];
  if (head !== 'data' || rest.length === 0) return null;
  const [section, index, prop] = rest;
  if (typeof section !== 'string') return null;
  if (section in DATA_FLAGS) return DATA_FLAGS[section];
  if (section === 'essay') return typeof index === 'string' && index in ESSAY ? ESSAY[index] : ['essayTemplate'];
  const kind = answerKind(v.type, v.baseType);
  if (section === 'answers' || section === 'numeric') {
    const list = kind === 'choices' || kind === 'multiple' ? 'choices' : kind === 'accepted' ? 'accepted' : kind === 'numbers' ? 'numbers' : kind === 'true_false' ? 'tf' : null;
    if (!list) return null;
    if (list === 'tf') {
      if (typeof index !== 'number') return ['correctAnswer'];
      return prop === 'feedback' ? [index === 0 ? 'trueFeedback' : 'falseFeedback'] : ['correctAnswer'];
    }
    if (typeof index !== 'number') return [list];
    if (list === 'numbers') {
      if (section === 'answers') return [list, index, prop === 'feedback' ? 'feedback' : prop === 'fraction' ? 'percent' : 'value'];
      const numericProp = prop === 'tolerance' || prop === 'min' || prop === 'max' ? prop : 'value';
      return [list, index, numericProp];
    }
    if (section === 'numeric') return [list, index, 'text'];
    return [list, index, prop === 'fraction' ? 'percent' : prop === 'feedback' ? 'feedback' : 'text'];
  }
  if (section === 'pairs') {
    if (kind === 'ordering') return typeof index === 'number' ? ['items', index, 'text'] : ['items'];
    if (kind !== 'matching') return null;
    if (typeof index !== 'number') return ['pairs'];
    if (index < v.pairs.length) return ['pairs', index, prop === 'left' ? 'left' : 'right'];
    return ['distractors', index - v.pairs.length, 'text'];
  }
  return null;
}
