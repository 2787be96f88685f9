/**
 * Stored question data (question_versions.data): validation and normalisation per type, and the mapping between the
 * neutral model of the format parsers (formats/question.ts) and what the bank stores. Pure functions, no I/O.
 *
 * Normalisation: rich text (question text, choices, matching prompts, ordering items, feedback) is sanitised HTML;
 * accepted short answers and matching answers are plain NFC text; fractions are snapped to Moodle's grade list
 * (so that every stored question can be exported and imported again); a missing-word blank is written "_____".
 */
import { nfc } from '../../common/text/vietnamese';
import { sanitizeHtml } from '../courses/sanitize';
import {
  defaultQuestionName,
  formatNumber,
  joinCategoryPath,
  round7,
  splitCategoryPath,
  type InputFormat,
  type NumericAnswer,
  type Question,
  type TextFormat,
} from './formats';
import { ALLOWED_FRACTIONS, isAllowedFraction, nearestAllowedFraction } from './formats/grades';
import {
  MISSING_WORD_BASES,
  STORED_QUESTION_TYPES,
  type EssayOptions,
  type MissingWordBase,
  type NumericEntry,
  type QuestionData,
  type StoredAnswer,
  type StoredPair,
  type StoredQuestionType,
} from './question-types';

export * from './question-types';

export interface DataIssue {
  /** dotted path of the request field: text, defaultMark, data.answers.1.fraction … */
  field: string;
  vi: string;
  en: string;
}

/** A question ready to be stored (one question_versions row plus the question's tags). */
export interface NormalizedQuestion {
  type: StoredQuestionType;
  title: string;
  text: string;
  defaultMark: number;
  tags: string[];
  data: QuestionData;
}

export interface QuestionInput {
  type: unknown;
  title: unknown;
  text: unknown;
  defaultMark?: unknown;
  tags?: unknown;
  data: unknown;
}

export const LIMITS = {
  title: 300,
  text: 200_000,
  answerText: 20_000,
  feedback: 20_000,
  answers: 26,
  pairs: 50,
  tags: 30,
  tag: 50,
  maxMark: 1000,
  words: 100_000,
} as const;

/** A blank of a missing-word question: 3 or more underscores, or "{}". */
const BLANK_RE = /_{3,}|\{\}/g;
export const BLANK = '_____';

const TYPE_LABEL_VI: Record<StoredQuestionType, string> = {
  single_choice: 'một đáp án',
  multiple_choice: 'nhiều đáp án',
  true_false: 'đúng/sai',
  short_answer: 'trả lời ngắn',
  numeric: 'dạng số',
  matching: 'ghép cặp',
  ordering: 'sắp xếp',
  missing_word: 'điền khuyết',
  essay: 'tự luận',
  description: 'mô tả',
};

// ---------------------------------------------------------------------------------------------
// Text helpers
// ---------------------------------------------------------------------------------------------

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Plain text of sanitised HTML: tags dropped (block ends become spaces), common entities decoded, spaces collapsed. */
export function htmlToPlain(html: string): string {
  return html
    .replace(/<(?:br|\/p|\/li|\/h\d|\/div|\/tr|\/td|\/th)\b[^>]*>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] === '#') {
        const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return Number.isFinite(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : m;
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

const hasTags = (s: string) => /<\/?[a-zA-Z][^>]*>/.test(s);
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Rich text from a file in a given text format → sanitised NFC HTML. Plain and markdown text is escaped; line breaks become <br>. */
export function textToHtml(text: string, format: TextFormat | undefined): string {
  const s = text.normalize('NFC').replace(/\r\n?/g, '\n');
  if (format === 'plain' || format === 'markdown') return sanitizeHtml(escapeHtml(s).replace(/\n/g, '<br>'));
  if (format === 'html' || hasTags(s)) return sanitizeHtml(s).normalize('NFC');
  // Moodle auto-format without markup: keep entities, line breaks become <br>
  return sanitizeHtml(s.replace(/\n/g, '<br>')).normalize('NFC');
}

/** A rich-text field of the API: sanitised NFC HTML. */
export function richText(s: string): string {
  return sanitizeHtml(s.normalize('NFC')).normalize('NFC');
}

/** A plain-text answer: NFC, ’ → ', whitespace collapsed, trimmed. */
export function plainText(s: string): string {
  return nfc(s);
}

/** search_text of a question: vn_fold-compatible input (title, plain text, tags); the caller folds it. */
export function searchSource(q: Pick<NormalizedQuestion, 'title' | 'text' | 'tags' | 'data' | 'type'>): string {
  const bits = [q.title, htmlToPlain(q.text), ...q.tags];
  return bits.join(' ').slice(0, 20_000);
}

// ---------------------------------------------------------------------------------------------
// Validation of API input
// ---------------------------------------------------------------------------------------------

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

class Issues {
  list: DataIssue[] = [];
  add(field: string, vi: string, en: string) {
    if (!this.list.some((i) => i.field === field)) this.list.push({ field, vi, en });
  }
  get ok() {
    return this.list.length === 0;
  }
}

const DATA_KEYS = ['answers', 'pairs', 'numeric', 'generalFeedback', 'single', 'shuffleAnswers', 'caseSensitive', 'ignoreDiacritics', 'baseType', 'correctAnswer', 'essay'];

function str(v: unknown, field: string, issues: Issues, opts: { max: number; required?: boolean }): string {
  if (v === undefined || v === null) {
    if (opts.required) issues.add(field, 'Bắt buộc nhập', 'Required');
    return '';
  }
  if (typeof v !== 'string') {
    issues.add(field, 'Phải là chuỗi ký tự', 'Must be text');
    return '';
  }
  if (v.length > opts.max) issues.add(field, `Tối đa ${opts.max} ký tự`, `At most ${opts.max} characters`);
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(v)) issues.add(field, 'Không được chứa ký tự điều khiển', 'Must not contain control characters');
  return v;
}

function bool(v: unknown, field: string, issues: Issues): boolean | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') {
    issues.add(field, 'Phải là true hoặc false', 'Must be true or false');
    return undefined;
  }
  return v;
}

function num(v: unknown, field: string, issues: Issues, required = true): number | undefined {
  if (v === undefined || v === null) {
    if (required) issues.add(field, 'Bắt buộc nhập', 'Required');
    return undefined;
  }
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    issues.add(field, 'Phải là số', 'Must be a number');
    return undefined;
  }
  return v;
}

function fraction(v: unknown, field: string, issues: Issues, allowNegative: boolean): number {
  const f = num(v, field, issues);
  if (f === undefined) return 0;
  if (f > 1 || f < (allowNegative ? -1 : 0)) {
    issues.add(
      field,
      allowNegative ? 'Tỷ lệ điểm phải từ -1 đến 1' : 'Tỷ lệ điểm phải từ 0 đến 1 (chỉ câu nhiều đáp án được trừ điểm)',
      allowNegative ? 'The fraction must be between -1 and 1' : 'The fraction must be between 0 and 1 (only multiple choice may have negative marks)',
    );
    return 0;
  }
  if (!isAllowedFraction(f)) {
    const near = nearestAllowedFraction(f);
    issues.add(
      field,
      `Tỷ lệ điểm ${f} không nằm trong danh sách cho phép (${ALLOWED_FRACTIONS.filter((x) => x > 0).join('; ')} và số âm tương ứng); gần nhất: ${near}`,
      `Fraction ${f} is not one of the allowed grades (${ALLOWED_FRACTIONS.filter((x) => x > 0).join(', ')} and their negatives); nearest: ${near}`,
    );
    return 0;
  }
  return round7(nearestAllowedFraction(f));
}

function list(v: unknown, field: string, issues: Issues, max: number): unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) {
    issues.add(field, 'Phải là danh sách', 'Must be a list');
    return [];
  }
  if (v.length > max) issues.add(field, `Tối đa ${max} phần tử`, `At most ${max} items`);
  return v.slice(0, max);
}

function onlyKeys(o: Obj, keys: string[], field: string, issues: Issues) {
  for (const k of Object.keys(o)) if (!keys.includes(k)) issues.add(`${field}.${k}`, 'Trường này không được phép', 'This field is not allowed');
}

function answersOf(raw: unknown[], issues: Issues, opts: { rich: boolean; allowNegative: boolean; requireText: boolean }): StoredAnswer[] {
  return raw.map((a, i) => {
    const f = `data.answers.${i}`;
    if (!isObj(a)) {
      issues.add(f, 'Phải là đối tượng', 'Must be an object');
      return { text: '', fraction: 0, feedback: '' };
    }
    onlyKeys(a, ['text', 'fraction', 'feedback'], f, issues);
    const rawText = str(a.text, `${f}.text`, issues, { max: LIMITS.answerText, required: opts.requireText });
    const text = opts.rich ? richText(rawText) : plainText(rawText);
    if (opts.requireText && typeof a.text === 'string' && (opts.rich ? htmlToPlain(text) === '' && !/<img\b/.test(text) : text === '')) {
      issues.add(`${f}.text`, 'Nội dung phương án không được để trống', 'The answer text must not be empty');
    }
    const fr = fraction(a.fraction, `${f}.fraction`, issues, opts.allowNegative);
    const feedback = richText(str(a.feedback, `${f}.feedback`, issues, { max: LIMITS.feedback }));
    return { text, fraction: fr, feedback };
  });
}

function needFullMark(answers: StoredAnswer[], issues: Issues) {
  if (answers.length && !answers.some((a) => a.fraction === 1)) {
    issues.add('data.answers', 'Cần có ít nhất một đáp án được 100% số điểm', 'At least one answer must be worth 100%');
  }
}

function numericEntries(raw: unknown[], issues: Issues): NumericEntry[] {
  return raw.map((e, i) => {
    const f = `data.numeric.${i}`;
    if (!isObj(e)) {
      issues.add(f, 'Phải là đối tượng { value, tolerance } hoặc { min, max }', 'Must be { value, tolerance } or { min, max }');
      return { value: 0, tolerance: 0 };
    }
    const isRange = 'min' in e || 'max' in e;
    if (isRange) {
      onlyKeys(e, ['min', 'max'], f, issues);
      const min = num(e.min, `${f}.min`, issues);
      const max = num(e.max, `${f}.max`, issues);
      if (min !== undefined && max !== undefined && min > max) issues.add(`${f}.max`, 'Giá trị lớn nhất phải ≥ giá trị nhỏ nhất', 'max must be ≥ min');
      return { min: min ?? 0, max: max ?? 0 };
    }
    onlyKeys(e, ['value', 'tolerance'], f, issues);
    const value = num(e.value, `${f}.value`, issues);
    const tolerance = num(e.tolerance, `${f}.tolerance`, issues, false) ?? 0;
    if (tolerance < 0) issues.add(`${f}.tolerance`, 'Sai số cho phép không được âm', 'The tolerance must not be negative');
    return { value: value ?? 0, tolerance };
  });
}

/** The written form of a numeric entry: "3.14", "3.14:0.01" or "1..5". */
export function numericText(e: NumericEntry): string {
  if ('min' in e) return `${formatNumber(e.min)}..${formatNumber(e.max)}`;
  return e.tolerance ? `${formatNumber(e.value)}:${formatNumber(e.tolerance)}` : formatNumber(e.value);
}

function validateBody(type: StoredQuestionType, d: Obj, issues: Issues, text: string): { data: QuestionData; text: string } {
  const generalFeedback = richText(str(d.generalFeedback, 'data.generalFeedback', issues, { max: LIMITS.feedback }));
  const data: QuestionData = { answers: [], pairs: [], numeric: [], generalFeedback };
  let base: StoredQuestionType = type;
  if (type === 'missing_word') {
    if (!MISSING_WORD_BASES.includes(d.baseType as MissingWordBase)) {
      issues.add('data.baseType', `Câu điền khuyết cần loại gốc: ${MISSING_WORD_BASES.join(', ')}`, `A missing-word question needs a base type: ${MISSING_WORD_BASES.join(', ')}`);
      return { data, text };
    }
    base = d.baseType as MissingWordBase;
    data.baseType = base as MissingWordBase;
    const blanks = text.match(BLANK_RE) ?? [];
    if (blanks.length !== 1) {
      issues.add(
        'text',
        `Câu điền khuyết phải có đúng một chỗ trống "_____" (đang có ${blanks.length})`,
        `A missing-word question needs exactly one blank "_____" (found ${blanks.length})`,
      );
    } else text = text.replace(BLANK_RE, BLANK);
  } else if (d.baseType !== undefined && d.baseType !== null) {
    issues.add('data.baseType', 'Chỉ câu điền khuyết có loại gốc', 'Only missing-word questions have a base type');
  }

  const shuffle = bool(d.shuffleAnswers, 'data.shuffleAnswers', issues);
  switch (base) {
    case 'single_choice':
    case 'multiple_choice': {
      const single = base === 'single_choice';
      const raw = list(d.answers, 'data.answers', issues, LIMITS.answers);
      data.answers = answersOf(raw, issues, { rich: true, allowNegative: !single, requireText: true });
      if (raw.length < 2) issues.add('data.answers', 'Cần ít nhất 2 phương án', 'At least 2 options are needed');
      else if (single) {
        const full = data.answers.filter((a) => a.fraction === 1).length;
        if (full !== 1) {
          issues.add(
            'data.answers',
            `Câu một đáp án phải có đúng một phương án đúng 100% (đang có ${full})`,
            `A single-choice question needs exactly one option worth 100% (found ${full})`,
          );
        }
      } else if (!issues.list.some((i) => /^data\.answers\.\d+\.fraction$/.test(i.field))) {
        const sum = data.answers.filter((a) => a.fraction > 0).reduce((s, a) => s + a.fraction, 0);
        if (Math.abs(sum - 1) > 0.0001) {
          issues.add(
            'data.answers',
            `Tổng tỷ lệ điểm của các phương án đúng phải bằng 100% (đang là ${Math.round(sum * 100000) / 1000}%)`,
            `The positive fractions must add up to 100% (they add up to ${Math.round(sum * 100000) / 1000}%)`,
          );
        }
      }
      data.single = single;
      data.shuffleAnswers = shuffle ?? true;
      break;
    }
    case 'true_false': {
      const correct = bool(d.correctAnswer, 'data.correctAnswer', issues);
      if (correct === undefined) issues.add('data.correctAnswer', 'Chọn đáp án đúng (true hoặc false)', 'Choose the correct answer (true or false)');
      const raw = list(d.answers, 'data.answers', issues, 2);
      const fb = raw.map((a, i) => (isObj(a) ? richText(str(a.feedback, `data.answers.${i}.feedback`, issues, { max: LIMITS.feedback })) : ''));
      data.correctAnswer = correct ?? true;
      data.answers = [
        { text: 'True', fraction: data.correctAnswer ? 1 : 0, feedback: fb[0] ?? '' },
        { text: 'False', fraction: data.correctAnswer ? 0 : 1, feedback: fb[1] ?? '' },
      ];
      break;
    }
    case 'short_answer': {
      const raw = list(d.answers, 'data.answers', issues, LIMITS.answers);
      data.answers = answersOf(raw, issues, { rich: false, allowNegative: false, requireText: true });
      if (raw.length < 1) issues.add('data.answers', 'Cần ít nhất một đáp án được chấp nhận', 'At least one accepted answer is needed');
      else needFullMark(data.answers, issues);
      data.caseSensitive = bool(d.caseSensitive, 'data.caseSensitive', issues) ?? false;
      data.ignoreDiacritics = bool(d.ignoreDiacritics, 'data.ignoreDiacritics', issues) ?? false;
      break;
    }
    case 'numeric': {
      const rawN = list(d.numeric, 'data.numeric', issues, LIMITS.answers);
      const rawA = list(d.answers, 'data.answers', issues, LIMITS.answers);
      data.numeric = numericEntries(rawN, issues);
      if (rawN.length < 1) issues.add('data.numeric', 'Cần ít nhất một đáp án số', 'At least one numeric answer is needed');
      if (rawA.length !== rawN.length) {
        issues.add('data.answers', 'Số đáp án phải bằng số mục trong data.numeric', 'data.answers must have one entry per data.numeric entry');
      }
      // the written form is derived from the number, so the two never disagree
      const answers = answersOf(rawA.map((a) => (isObj(a) ? { ...a, text: 'x' } : a)), issues, { rich: false, allowNegative: false, requireText: false });
      data.answers = data.numeric.map((e, i) => ({ text: numericText(e), fraction: answers[i]?.fraction ?? 0, feedback: answers[i]?.feedback ?? '' }));
      if (rawA.length === rawN.length) needFullMark(data.answers, issues);
      break;
    }
    case 'matching': {
      const raw = list(d.pairs, 'data.pairs', issues, LIMITS.pairs);
      data.pairs = raw.map((p, i) => {
        const f = `data.pairs.${i}`;
        if (!isObj(p)) {
          issues.add(f, 'Phải là đối tượng { left, right }', 'Must be { left, right }');
          return { left: '', right: '' };
        }
        onlyKeys(p, ['left', 'right'], f, issues);
        const left = richText(str(p.left, `${f}.left`, issues, { max: LIMITS.answerText }));
        const right = plainText(str(p.right, `${f}.right`, issues, { max: LIMITS.answerText, required: true }));
        if (right === '') issues.add(`${f}.right`, 'Vế phải không được để trống', 'The right side must not be empty');
        return { left: htmlToPlain(left) === '' && !/<img\b/.test(left) ? '' : left, right };
      });
      if (data.pairs.filter((p) => p.left !== '').length < 2) {
        issues.add('data.pairs', 'Câu ghép cặp cần ít nhất 2 cặp có vế trái', 'A matching question needs at least 2 pairs with a left side');
      }
      data.shuffleAnswers = shuffle ?? true;
      break;
    }
    case 'ordering': {
      const raw = list(d.pairs, 'data.pairs', issues, LIMITS.pairs);
      data.pairs = raw.map((p, i) => {
        const f = `data.pairs.${i}`;
        if (!isObj(p)) {
          issues.add(f, 'Phải là đối tượng { left }', 'Must be { left }');
          return { left: '', right: '' };
        }
        onlyKeys(p, ['left', 'right'], f, issues);
        const left = richText(str(p.left, `${f}.left`, issues, { max: LIMITS.answerText, required: true }));
        if (htmlToPlain(left) === '' && !/<img\b/.test(left)) issues.add(`${f}.left`, 'Mục sắp xếp không được để trống', 'An ordering item must not be empty');
        if (p.right !== undefined && p.right !== '') issues.add(`${f}.right`, 'Câu sắp xếp không dùng vế phải', 'Ordering items have no right side');
        return { left, right: '' };
      });
      if (raw.length < 2) issues.add('data.pairs', 'Câu sắp xếp cần ít nhất 2 mục', 'An ordering question needs at least 2 items');
      break;
    }
    case 'essay': {
      const e = d.essay;
      const essay: EssayOptions = {};
      if (e !== undefined && e !== null) {
        if (!isObj(e)) issues.add('data.essay', 'Phải là đối tượng', 'Must be an object');
        else {
          onlyKeys(e, ['minWords', 'maxWords', 'responseTemplate'], 'data.essay', issues);
          for (const k of ['minWords', 'maxWords'] as const) {
            const v = num(e[k], `data.essay.${k}`, issues, false);
            if (v === undefined) continue;
            if (!Number.isInteger(v) || v < 0 || v > LIMITS.words) issues.add(`data.essay.${k}`, `Phải là số nguyên từ 0 đến ${LIMITS.words}`, `Must be an integer from 0 to ${LIMITS.words}`);
            else if (v > 0) essay[k] = v;
          }
          if (essay.minWords !== undefined && essay.maxWords !== undefined && essay.minWords > essay.maxWords) {
            issues.add('data.essay.maxWords', 'Số từ tối đa phải ≥ số từ tối thiểu', 'maxWords must be ≥ minWords');
          }
          const t = str(e.responseTemplate, 'data.essay.responseTemplate', issues, { max: LIMITS.answerText }).normalize('NFC');
          if (t.trim()) essay.responseTemplate = t;
        }
      }
      data.essay = essay;
      break;
    }
    case 'description':
      break;
    default:
      break;
  }
  return { data, text };
}

/** Checks and normalises a question from the API (or an import); never throws. */
export function normalizeQuestion(input: QuestionInput): { ok: true; value: NormalizedQuestion } | { ok: false; issues: DataIssue[] } {
  const issues = new Issues();
  if (!STORED_QUESTION_TYPES.includes(input.type as StoredQuestionType)) {
    const unsupported = input.type === 'cloze';
    issues.add(
      'type',
      unsupported ? 'Loại câu hỏi cloze (nhiều chỗ trống nhúng) chưa được hỗ trợ' : `Loại câu hỏi không hợp lệ; cho phép: ${STORED_QUESTION_TYPES.join(', ')}`,
      unsupported ? 'Cloze (embedded answers) questions are not supported' : `Invalid question type; allowed: ${STORED_QUESTION_TYPES.join(', ')}`,
    );
    return { ok: false, issues: issues.list };
  }
  const type = input.type as StoredQuestionType;
  const title = nfc(str(input.title, 'title', issues, { max: LIMITS.title, required: true }));
  if (typeof input.title === 'string' && title === '') issues.add('title', 'Bắt buộc nhập', 'Required');
  let text = richText(str(input.text, 'text', issues, { max: LIMITS.text, required: true }));
  if (typeof input.text === 'string' && htmlToPlain(text) === '' && !/<img\b/.test(text)) issues.add('text', 'Nội dung câu hỏi không được để trống', 'The question text must not be empty');

  let defaultMark = type === 'description' ? 0 : 1;
  if (input.defaultMark !== undefined && input.defaultMark !== null) {
    const m = num(input.defaultMark, 'defaultMark', issues);
    if (m !== undefined) {
      if (type === 'description') {
        if (m !== 0) issues.add('defaultMark', 'Câu mô tả không có điểm (0)', 'A description has no mark (0)');
      } else if (m <= 0 || m > LIMITS.maxMark || Math.abs(m * 100 - Math.round(m * 100)) > 1e-6) {
        issues.add('defaultMark', `Điểm phải lớn hơn 0, tối đa ${LIMITS.maxMark}, nhiều nhất 2 chữ số thập phân`, `The mark must be > 0, at most ${LIMITS.maxMark}, with at most 2 decimals`);
      } else defaultMark = Math.round(m * 100) / 100;
    }
  }

  const tags: string[] = [];
  for (const [i, t] of list(input.tags, 'tags', issues, LIMITS.tags).entries()) {
    const s = nfc(str(t, `tags.${i}`, issues, { max: LIMITS.tag, required: true }));
    if (typeof t === 'string' && s === '') issues.add(`tags.${i}`, 'Thẻ không được để trống', 'A tag must not be empty');
    else if (/[,;]/.test(s)) issues.add(`tags.${i}`, 'Thẻ không được chứa dấu phẩy hoặc chấm phẩy', 'A tag must not contain a comma or semicolon');
    else if (s && !tags.some((x) => x.toLowerCase() === s.toLowerCase())) tags.push(s);
  }

  if (!isObj(input.data)) {
    issues.add('data', 'Phải là đối tượng', 'Must be an object');
    return { ok: false, issues: issues.list };
  }
  onlyKeys(input.data, DATA_KEYS, 'data', issues);
  const body = validateBody(type, input.data, issues, text);
  text = body.text;
  if (!issues.ok) return { ok: false, issues: issues.list };
  return { ok: true, value: { type, title, text, defaultMark, tags, data: body.data } };
}

/** One line per issue, for import errors. */
export function describeIssues(issues: DataIssue[]): { en: string; vi: string } {
  return {
    en: issues.map((i) => `${i.field}: ${i.en}`).join('; '),
    vi: issues.map((i) => `${i.field}: ${i.vi}`).join('; '),
  };
}

export function typeLabelVi(t: StoredQuestionType): string {
  return TYPE_LABEL_VI[t];
}

// ---------------------------------------------------------------------------------------------
// Neutral model (import/export) ↔ stored
// ---------------------------------------------------------------------------------------------

export interface FromNeutralResult {
  /** The question as API input (to be checked by normalizeQuestion), or null when the type cannot be stored. */
  input: QuestionInput | null;
  /** Why the question cannot be stored (unsupported type, catch-all numeric answer worth points …). */
  problem?: { code: string; en: string; vi: string };
  /** Things dropped on the way in (e.g. a zero-mark catch-all numeric answer). */
  notes: { en: string; vi: string }[];
}

const MW_FORMATS_WITH_IMPLICIT_BLANK: InputFormat[] = ['moodlexml'];

/**
 * A parsed question (neutral model) as API input for the bank. Choices, prompts and feedback go through textToHtml with
 * their format; short answers and matching answers stay plain text. Moodle XML stores a missing-word question as its
 * base type with "_____" in the text: such questions come back as missing_word.
 */
export function fromNeutral(q: Question, format: InputFormat, fallbackTitle: string): FromNeutralResult {
  const notes: FromNeutralResult['notes'] = [];
  if (q.type === 'cloze') {
    return {
      input: null,
      notes,
      problem: {
        code: 'unsupported_type',
        en: 'Cloze (embedded answers) questions are not supported; split it into separate questions',
        vi: 'Chưa hỗ trợ loại câu hỏi cloze (nhiều chỗ trống nhúng trong đoạn văn); hãy tách thành các câu hỏi riêng',
      },
    };
  }
  const fmt = q.textFormat;
  const html = (s: string, f?: TextFormat) => textToHtml(s, f ?? fmt);
  let type: StoredQuestionType = q.type as StoredQuestionType;
  let baseType: StoredQuestionType | undefined = q.type === 'missing_word' ? ((q.baseType ?? 'short_answer') as StoredQuestionType) : undefined;
  const text = html(q.text);
  if (
    type !== 'missing_word' &&
    MW_FORMATS_WITH_IMPLICIT_BLANK.includes(format) &&
    (MISSING_WORD_BASES as readonly string[]).includes(type) &&
    (text.match(BLANK_RE) ?? []).length === 1
  ) {
    baseType = type;
    type = 'missing_word';
  }
  if (type === 'missing_word' && !(MISSING_WORD_BASES as readonly string[]).includes(baseType as string)) {
    return {
      input: null,
      notes,
      problem: {
        code: 'unsupported_type',
        en: `A missing-word question cannot be based on ${baseType} (use ${MISSING_WORD_BASES.join(', ')})`,
        vi: `Câu điền khuyết không thể dựa trên loại ${baseType} (chỉ ${MISSING_WORD_BASES.join(', ')})`,
      },
    };
  }
  const base = type === 'missing_word' ? (baseType as StoredQuestionType) : type;
  const data: Obj = { generalFeedback: html(q.generalFeedback ?? '', q.generalFeedbackFormat) };
  if (type === 'missing_word') data.baseType = baseType;
  switch (base) {
    case 'single_choice':
    case 'multiple_choice':
      data.answers = q.answers.map((a) => ({ text: html(a.text, a.format), fraction: a.fraction, feedback: html(a.feedback ?? '', a.feedbackFormat) }));
      if (q.shuffleAnswers === false) data.shuffleAnswers = false;
      break;
    case 'true_false': {
      const t = q.answers.find((a) => a.text.toLowerCase() === 'true');
      const f = q.answers.find((a) => a.text.toLowerCase() === 'false');
      data.correctAnswer = q.correctAnswer ?? t?.fraction === 1;
      data.answers = [{ feedback: html(t?.feedback ?? '', t?.feedbackFormat) }, { feedback: html(f?.feedback ?? '', f?.feedbackFormat) }];
      break;
    }
    case 'short_answer':
      data.answers = q.answers.map((a) => ({ text: plainText(a.text), fraction: a.fraction, feedback: html(a.feedback ?? '', a.feedbackFormat) }));
      if (q.caseSensitive) data.caseSensitive = true;
      break;
    case 'numeric': {
      const answers: Obj[] = [];
      const entries: Obj[] = [];
      q.numeric.forEach((n: NumericAnswer, i: number) => {
        const a = q.answers[i];
        const fr = n.fraction ?? a?.fraction ?? 1;
        const feedback = html(a?.feedback ?? n.feedback ?? '', a?.feedbackFormat);
        if (n.value === '*') {
          if (fr === 0) {
            notes.push({ en: 'The catch-all answer "*" (no marks) was left out', vi: 'Đã bỏ đáp án "*" (mọi đáp án khác, 0 điểm)' });
            return;
          }
          entries.push({ catchAll: true });
          return;
        }
        if (n.syntax === 'range' || (n.min !== undefined && n.max !== undefined)) entries.push({ min: n.min, max: n.max });
        else entries.push({ value: n.value, tolerance: n.tolerance ?? 0 });
        answers.push({ fraction: fr, feedback });
      });
      if (entries.some((e) => e.catchAll)) {
        return {
          input: null,
          notes,
          problem: {
            code: 'unsupported_answer',
            en: 'A catch-all numeric answer "*" worth marks is not supported',
            vi: 'Chưa hỗ trợ đáp án số "*" (mọi đáp án) có điểm',
          },
        };
      }
      data.numeric = entries;
      data.answers = answers;
      break;
    }
    case 'matching':
      data.pairs = q.pairs.map((p) => ({ left: p.left === '' ? '' : html(p.left, p.leftFormat), right: plainText(p.right) }));
      if (q.shuffleAnswers === false) data.shuffleAnswers = false;
      break;
    case 'ordering':
      data.pairs = (q.answers.length ? q.answers.map((a) => a.text) : q.pairs.map((p) => p.left)).map((t, i) => ({ left: html(t, q.answers[i]?.format), right: '' }));
      break;
    case 'essay': {
      const o = (q.essayOptions ?? {}) as Obj;
      const rt = o.responsetemplate as { text?: string } | undefined;
      const essay: Obj = {};
      if (rt?.text) essay.responseTemplate = rt.text.replace(/<[^>]*>/g, '');
      if (typeof o.minwordlimit === 'number' && o.minwordlimit > 0) essay.minWords = o.minwordlimit;
      if (typeof o.maxwordlimit === 'number' && o.maxwordlimit > 0) essay.maxWords = o.maxwordlimit;
      data.essay = essay;
      break;
    }
    default:
      break;
  }
  const plainTitle = q.title ? nfc(q.title.replace(/<[^>]*>/g, ' ')) : '';
  const title = (plainTitle || nfc(defaultQuestionName(htmlToPlain(text))) || fallbackTitle).slice(0, LIMITS.title);
  const input: QuestionInput = { type, title, text, tags: (q.tags ?? []).map((t) => nfc(t)).filter(Boolean).slice(0, LIMITS.tags), data };
  if (q.defaultMark !== undefined) input.defaultMark = type === 'description' ? 0 : q.defaultMark;
  return { input, notes };
}

/** A stored question version (and its tags and category path) as the neutral model, for the exporters. */
export function toNeutralQuestion(v: { type: StoredQuestionType; title: string; text: string; data: QuestionData; defaultMark: number | string; tags?: string[]; category?: string | null }): Question {
  const d = v.data;
  const base = v.type === 'missing_word' ? d.baseType ?? 'short_answer' : v.type;
  const q: Question = {
    type: v.type,
    title: v.title,
    text: v.text,
    textFormat: 'html',
    answers: [],
    pairs: [],
    numeric: [],
    generalFeedback: d.generalFeedback ?? '',
    generalFeedbackFormat: 'html',
    category: v.category ?? null,
    defaultMark: Number(v.defaultMark),
  };
  if (v.type === 'missing_word') q.baseType = base;
  if (v.tags?.length) q.tags = [...v.tags];
  switch (base) {
    case 'single_choice':
    case 'multiple_choice':
      q.single = base === 'single_choice';
      q.answers = d.answers.map((a) => ({ text: a.text, fraction: a.fraction, feedback: a.feedback, format: 'html', feedbackFormat: 'html' }));
      if (d.shuffleAnswers === false) q.shuffleAnswers = false;
      break;
    case 'true_false':
      q.correctAnswer = d.correctAnswer ?? d.answers[0]?.fraction === 1;
      q.answers = [
        { text: 'True', fraction: q.correctAnswer ? 1 : 0, feedback: d.answers[0]?.feedback ?? '', feedbackFormat: 'html' },
        { text: 'False', fraction: q.correctAnswer ? 0 : 1, feedback: d.answers[1]?.feedback ?? '', feedbackFormat: 'html' },
      ];
      break;
    case 'short_answer':
      q.answers = d.answers.map((a) => ({ text: a.text, fraction: a.fraction, feedback: a.feedback, feedbackFormat: 'html' }));
      if (d.caseSensitive) q.caseSensitive = true;
      break;
    case 'numeric':
      q.numeric = d.numeric.map((e, i) => {
        const a = d.answers[i];
        if ('min' in e) {
          return { value: (e.min + e.max) / 2, tolerance: (e.max - e.min) / 2, min: e.min, max: e.max, fraction: a?.fraction ?? 0, feedback: a?.feedback ?? '', syntax: 'range' as const };
        }
        return { value: e.value, tolerance: e.tolerance, fraction: a?.fraction ?? 0, feedback: a?.feedback ?? '', syntax: e.tolerance ? ('tolerance' as const) : ('exact' as const) };
      });
      q.answers = d.numeric.map((e, i) => ({ text: numericText(e), fraction: d.answers[i]?.fraction ?? 0, feedback: d.answers[i]?.feedback ?? '', feedbackFormat: 'html' as const }));
      break;
    case 'matching':
      q.pairs = d.pairs.map((p) => ({ left: p.left, right: p.right, leftFormat: 'html' as const }));
      if (d.shuffleAnswers === false) q.shuffleAnswers = false;
      break;
    case 'ordering':
      q.answers = d.pairs.map((p) => ({ text: p.left, fraction: 1, feedback: '', format: 'html' as const }));
      break;
    case 'essay': {
      const e = d.essay ?? {};
      q.essayOptions = {
        responseformat: 'editor',
        responserequired: 1,
        responsefieldlines: 15,
        attachments: 0,
        attachmentsrequired: 0,
        graderinfo: { text: '', format: 'html' },
        responsetemplate: { text: e.responseTemplate ?? '', format: 'plain' },
        ...(e.minWords ? { minwordlimit: e.minWords } : {}),
        ...(e.maxWords ? { maxwordlimit: e.maxWords } : {}),
      };
      break;
    }
    default:
      break;
  }
  return q;
}

/** A category path from a file ("$course$/top/Đề thi/Phần 1") as names below the import's target category. */
export function categoryNames(path: string | null | undefined): string[] {
  if (!path) return [];
  const parts = splitCategoryPath(path).map((p) => nfc(p)).filter(Boolean);
  while (parts.length && /^\$[a-z0-9_]+\$$/i.test(parts[0])) parts.shift();
  if (parts.length && parts[0].toLowerCase() === 'top') parts.shift();
  return parts.map((p) => p.slice(0, 200));
}

export { joinCategoryPath };
