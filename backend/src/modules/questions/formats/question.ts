/**
 * Neutral question model shared by every import/export format (GIFT, Aiken, Moodle XML, Excel).
 * The schema is the one of backend/test/corpora/README.md ("Neutral schema"); format-specific extras are optional.
 * Pure functions, no I/O.
 */
import { detectLegacyFont, type LegacyFont } from '../../../common/text/vietnamese';

export type QuestionType =
  | 'single_choice'
  | 'multiple_choice'
  | 'true_false'
  | 'short_answer'
  | 'numeric'
  | 'matching'
  | 'ordering'
  | 'essay'
  | 'description'
  | 'missing_word'
  | 'cloze';

export const QUESTION_TYPES: readonly QuestionType[] = [
  'single_choice',
  'multiple_choice',
  'true_false',
  'short_answer',
  'numeric',
  'matching',
  'ordering',
  'essay',
  'description',
  'missing_word',
  'cloze',
];

/** moodle = Moodle auto-format, html, plain text, markdown. */
export type TextFormat = 'moodle' | 'html' | 'plain' | 'markdown';

export interface Answer {
  text: string;
  /** 0..1 (negative allowed for multiple choice), rounded to 7 decimals. */
  fraction: number;
  feedback: string;
  format?: TextFormat;
  feedbackFormat?: TextFormat;
}

export interface Pair {
  left: string;
  right: string;
  leftFormat?: TextFormat;
}

/** One numeric answer, aligned with answers[]. A range a..b also carries min/max (value = midpoint, tolerance = half width). */
export interface NumericAnswer {
  value: number | '*';
  tolerance: number | null;
  min?: number;
  max?: number;
  fraction?: number;
  feedback?: string;
  syntax?: 'exact' | 'tolerance' | 'range' | 'catch-all';
}

export interface Hint {
  text: string;
  format?: TextFormat;
  shownumcorrect?: boolean;
  clearwrong?: boolean;
}

export interface CombinedFeedback {
  correct: string;
  partiallyCorrect: string;
  incorrect: string;
  format?: TextFormat;
}

export interface EmbeddedFile {
  field: string;
  name: string;
  path: string;
  encoding: 'base64';
  /** Base64 payload as found in the file. */
  data: string;
}

/** A cloze (Moodle "multianswer") sub-question: {#n} in the text. */
export interface ClozeSubquestion {
  placeholder: string;
  type: 'short_answer' | 'single_choice' | 'multiple_choice' | 'numeric';
  /** Moodle sub-type keyword as written (SHORTANSWER, SA, MC, MCV, MULTIRESPONSE, NUMERICAL, …). */
  keyword: string;
  defaultMark: number;
  caseSensitive?: boolean;
  shuffleAnswers?: boolean;
  answers: Answer[];
  numeric?: NumericAnswer[];
}

export interface QuestionWarning {
  code: 'legacy_font';
  font: LegacyFont;
  /** Which field looked like TCVN3 / VNI (text, answers[2].text, …). */
  field: string;
  message: string;
  messageVi: string;
}

export interface Question {
  type: QuestionType;
  /** For missing_word: the underlying type (single_choice, short_answer, numeric, true_false, …). */
  baseType?: QuestionType;
  /** null when the source has no title (GIFT without ::title::). */
  title: string | null;
  text: string;
  textFormat?: TextFormat;
  answers: Answer[];
  pairs: Pair[];
  numeric: NumericAnswer[];
  generalFeedback: string;
  generalFeedbackFormat?: TextFormat;
  category: string | null;
  correctAnswer?: boolean;
  tags?: string[];
  idnumber?: string;
  defaultMark?: number;
  penalty?: number;
  single?: boolean;
  shuffleAnswers?: boolean;
  answerNumbering?: string;
  caseSensitive?: boolean;
  showNumCorrect?: boolean;
  combinedFeedback?: CombinedFeedback;
  hints?: Hint[];
  essayOptions?: Record<string, unknown>;
  subquestions?: ClozeSubquestion[];
  files?: EmbeddedFile[];
  /** Cloze: the question text as written, before {#n} placeholders replaced the embedded answers. */
  rawText?: string;
  /** 1-based source line (GIFT, Aiken, Moodle XML) or spreadsheet row (Excel). */
  line?: number;
  row?: number;
  warnings?: QuestionWarning[];
}

export interface ParseError {
  line?: number;
  row?: number;
  message: string;
  messageVi: string;
  code: string;
  /** Title (or first words) of the question the error belongs to, when known. */
  question?: string;
}

export interface CategoryInfo {
  path: string;
  name: string;
  parent: string;
  info?: string;
  infoFormat?: TextFormat;
  idnumber?: string | null;
}

export interface ParseResult {
  questions: Question[];
  errors: ParseError[];
  /** Category paths in order of first appearance. */
  categories: string[];
  /** Moodle XML: per-category details (name, parent, info, idnumber). */
  categoryDetails?: CategoryInfo[];
}

// ---------------------------------------------------------------------------------------------
// Text helpers
// ---------------------------------------------------------------------------------------------

/** PHP trim(): only space, tab, LF, CR, NUL and vertical tab — not NBSP or other Unicode spaces. */
export function phpTrim(s: string): string {
  return s.replace(/^[ \t\n\r\0\x0B]+|[ \t\n\r\0\x0B]+$/g, '');
}

/** Decode a buffer or string as UTF-8, drop a leading BOM, NFC-normalise. */
export function decodeText(input: string | Buffer | Uint8Array): string {
  let s = typeof input === 'string' ? input : Buffer.from(input).toString('utf8');
  if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
  return s.normalize('NFC');
}

/** Round to 7 decimals (Moodle stores fractions as DECIMAL(12,7)). */
export function round7(n: number): number {
  const r = Math.round(n * 1e7) / 1e7;
  return Object.is(r, -0) ? 0 : r;
}

/** Percentage text for a fraction: 0.5 → "50", 0.3333333 → "33.33333". */
export function fractionToPercent(fraction: number): string {
  const p = Math.round(fraction * 100 * 1e5) / 1e5;
  return String(Object.is(p, -0) ? 0 : p);
}

/** A number written the short way (no exponent for ordinary values, no trailing zeros). */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const r = Math.round(n * 1e12) / 1e12;
  return String(Object.is(r, -0) ? 0 : r);
}

/** PHP is_numeric for the decimal forms a question file uses ("3", "-3.14", ".5", "3e8", " 3"). */
export function isNumeric(s: string): boolean {
  return /^[ \t\n\r\x0B\f]*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?[ \t\n\r\x0B\f]*$/.test(s);
}

/** Moodle's fallback question name: the text without tags, whitespace collapsed, at most 80 characters. */
export function defaultQuestionName(text: string): string {
  const plain = text
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (plain.length <= 80) return plain;
  const cut = plain.slice(0, 77);
  const space = cut.lastIndexOf(' ');
  return (space > 40 ? cut.slice(0, space) : cut) + '...';
}

/** Moodle's shorten_text for names: whitespace collapsed, at most 80 characters (markup kept). */
export function shortenName(text: string): string {
  const s = text.replace(/\s+/g, ' ').trim();
  if (s.replace(/<[^>]*>/g, '').length <= 80) return s; // like shorten_text, markup does not count
  const cut = s.slice(0, 77);
  const space = cut.lastIndexOf(' ');
  return (space > 40 ? cut.slice(0, space) : cut) + '...';
}

/** Label used in error messages: the title, else the start of the text. */
export function questionLabel(q: Pick<Question, 'title' | 'text'>): string {
  return q.title ?? defaultQuestionName(q.text);
}

// ---------------------------------------------------------------------------------------------
// Legacy fonts
// ---------------------------------------------------------------------------------------------

const FONT_NAME: Record<LegacyFont, string> = { tcvn3: 'TCVN3 (ABC, .VnTime)', vni: 'VNI (VNI-Times)' };

/** Flag fields that look like TCVN3 / VNI text pasted as Unicode. One warning per question (the first field found). */
export function legacyFontWarnings(q: Question): QuestionWarning[] {
  const fields: [string, string][] = [];
  if (q.title) fields.push(['title', q.title]);
  fields.push(['text', q.text]);
  q.answers.forEach((a, i) => {
    fields.push([`answers[${i}].text`, a.text]);
    if (a.feedback) fields.push([`answers[${i}].feedback`, a.feedback]);
  });
  q.pairs.forEach((p, i) => {
    fields.push([`pairs[${i}].left`, p.left]);
    fields.push([`pairs[${i}].right`, p.right]);
  });
  if (q.generalFeedback) fields.push(['generalFeedback', q.generalFeedback]);
  for (const [field, value] of fields) {
    const font = detectLegacyFont(value.replace(/<[^>]*>/g, ' '));
    if (font) {
      return [
        {
          code: 'legacy_font',
          font,
          field,
          message: `Text in ${field} looks like the legacy ${FONT_NAME[font]} font encoding; convert it to Unicode before importing.`,
          messageVi: `Nội dung ở ${field} có vẻ được gõ bằng bảng mã cũ ${FONT_NAME[font]}; hãy chuyển sang Unicode trước khi nhập.`,
        },
      ];
    }
  }
  return [];
}

/** Attach legacy-font warnings to every question that needs one (in place) and return the list. */
export function flagLegacyFonts(questions: Question[]): Question[] {
  for (const q of questions) {
    const w = legacyFontWarnings(q);
    if (w.length) q.warnings = [...(q.warnings ?? []), ...w];
  }
  return questions;
}

// ---------------------------------------------------------------------------------------------
// Neutral JSON (the CLI's `--to json`)
// ---------------------------------------------------------------------------------------------

/** The question as the neutral schema of the corpora README: no source positions, no warnings. */
export function toNeutral(q: Question): Record<string, unknown> {
  const out: Record<string, unknown> = { type: q.type };
  if (q.baseType) out.baseType = q.baseType;
  out.title = q.title;
  out.text = q.text;
  if (q.textFormat) out.textFormat = q.textFormat;
  out.answers = q.answers.map((a) => {
    const r: Record<string, unknown> = { text: a.text, fraction: a.fraction, feedback: a.feedback };
    if (a.format) r.format = a.format;
    if (a.feedbackFormat) r.feedbackFormat = a.feedbackFormat;
    return r;
  });
  out.pairs = q.pairs.map((p) => {
    const r: Record<string, unknown> = { left: p.left, right: p.right };
    if (p.leftFormat) r.leftFormat = p.leftFormat;
    return r;
  });
  out.numeric = q.numeric.map((n) => ({ ...n }));
  out.generalFeedback = q.generalFeedback;
  if (q.generalFeedbackFormat) out.generalFeedbackFormat = q.generalFeedbackFormat;
  out.category = q.category;
  const optional: (keyof Question)[] = [
    'correctAnswer',
    'tags',
    'idnumber',
    'defaultMark',
    'penalty',
    'single',
    'shuffleAnswers',
    'answerNumbering',
    'caseSensitive',
    'showNumCorrect',
    'combinedFeedback',
    'hints',
    'essayOptions',
    'subquestions',
    'files',
    'rawText',
  ];
  for (const k of optional) if (q[k] !== undefined) out[k] = q[k];
  return out;
}

// ---------------------------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------------------------

export function err(code: string, message: string, messageVi: string, where: { line?: number; row?: number; question?: string } = {}): ParseError {
  const e: ParseError = { code, message, messageVi };
  if (where.line !== undefined) e.line = where.line;
  if (where.row !== undefined) e.row = where.row;
  if (where.question !== undefined) e.question = where.question;
  return e;
}

/** A whole-file problem: one error, no questions. */
export function fileError(code: string, message: string, messageVi: string, line?: number): ParseResult {
  return { questions: [], errors: [err(code, message, messageVi, line === undefined ? {} : { line })], categories: [] };
}

/** The category path split into names; "//" inside a name is a literal "/". */
export function splitCategoryPath(path: string): string[] {
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < path.length; i++) {
    if (path[i] === '/') {
      if (path[i + 1] === '/') {
        cur += '/';
        i++;
      } else {
        parts.push(cur);
        cur = '';
      }
    } else cur += path[i];
  }
  parts.push(cur);
  return parts.map((p) => p.trim());
}

export function joinCategoryPath(parts: string[]): string {
  return parts.map((p) => p.replace(/\//g, '//')).join('/');
}
