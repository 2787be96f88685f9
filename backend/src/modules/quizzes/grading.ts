/**
 * Automatic grading of one answer, and what the review may show (the right answer, the feedback).
 * Pure functions, no I/O: a question version (type + data), the attempt's frozen layout (opaque keys → indices,
 * see questions/question-render.ts) and the learner's response.
 *
 * Rules (docs/api-quizzes.md "Grading"):
 * - single choice: the chosen option's fraction; true/false: right or wrong;
 * - multiple choice: sum of the chosen fractions (negative ones subtract), clamped to [0, 1];
 * - short answer: the best accepted answer after NFC, trim, whitespace collapse, optional case fold and optional
 *   diacritic fold (đ → d); `*` in an accepted answer matches any text (`\*` is a literal star);
 * - numeric: the best entry whose value ± tolerance or [min, max] contains the number (a decimal comma is accepted);
 * - matching: share of the prompts matched right; ordering: share of the items in the right position;
 * - missing word: by its base type; essay: manual (an empty essay scores 0); description: no score.
 */
import { effectiveType } from '../questions/question-render';
import type { QuestionLayout } from '../questions/question-render';
import type { QuestionData, StoredQuestionType } from '../questions/question-types';

/** What a learner sends for one question. */
export interface AnswerResponse {
  choice?: string;
  choices?: string[];
  text?: string;
  number?: string;
  pairs?: Record<string, string>;
  order?: string[];
}

/** The one response field a question takes ('none' for a description). */
export type AnswerKind = 'choice' | 'choices' | 'text' | 'number' | 'pairs' | 'order' | 'none';

export type AnswerState = 'unanswered' | 'correct' | 'partial' | 'wrong' | 'needs_grading' | 'info';

export interface GradeResult {
  state: AnswerState;
  /** 0..1; null while an essay waits for a grader and for a description. */
  fraction: number | null;
  /** Indices into data.answers chosen (choice questions; true/false: 0 = true, 1 = false), for the option statistics. */
  chosen: number[] | null;
}

export interface GradableVersion {
  type: StoredQuestionType;
  data: QuestionData;
}

export const MAX_TEXT = 20_000;
export const MAX_NUMBER = 100;
export const MAX_KEYS = 200;

const EPS = 1e-7;
const round7 = (n: number) => Math.round(n * 1e7) / 1e7;
const clamp01 = (n: number) => Math.min(1, Math.max(0, n));

export function answerKindOf(type: StoredQuestionType, data: Pick<QuestionData, 'baseType'>): AnswerKind {
  switch (effectiveType(type, data)) {
    case 'single_choice':
    case 'true_false':
      return 'choice';
    case 'multiple_choice':
      return 'choices';
    case 'short_answer':
    case 'essay':
      return 'text';
    case 'numeric':
      return 'number';
    case 'matching':
      return 'pairs';
    case 'ordering':
      return 'order';
    default:
      return 'none';
  }
}

// ------------------------------------------------------------------------------------------ response shape

export type ShapeResult =
  | { ok: true; kind: AnswerKind | null; response: AnswerResponse | null; optionKeys: string[]; leftKeys: string[]; rightKeys: string[]; fullOrder: number | null }
  | { ok: false; field: string; vi: string; en: string };

const isPlainObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const bad = (field: string, vi: string, en: string): ShapeResult => ({ ok: false, field, vi, en });
const KEY_RE = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Checks the shape of a response without knowing the question (the save path checks the kind and the keys against
 * the attempt's question in the same SQL statement). null or {} clears the answer.
 */
export function checkShape(value: unknown, field = 'response'): ShapeResult {
  const none = { optionKeys: [] as string[], leftKeys: [] as string[], rightKeys: [] as string[], fullOrder: null };
  if (value === null || value === undefined) return { ok: true, kind: null, response: null, ...none };
  if (!isPlainObject(value)) return bad(field, 'Câu trả lời phải là một đối tượng', 'The response must be an object');
  const keys = Object.keys(value);
  if (keys.length === 0) return { ok: true, kind: null, response: null, ...none };
  if (keys.length > 1) return bad(field, 'Câu trả lời chỉ được có một trường', 'A response has exactly one field');
  const [k] = keys;
  const v = value[k];
  const keyList = (list: unknown, name: string): string[] | ShapeResult => {
    if (!Array.isArray(list)) return bad(`${field}.${name}`, 'Phải là danh sách', 'Must be a list');
    if (list.length > MAX_KEYS) return bad(`${field}.${name}`, `Tối đa ${MAX_KEYS} phần tử`, `At most ${MAX_KEYS} items`);
    if (!list.every((x) => typeof x === 'string' && KEY_RE.test(x))) return bad(`${field}.${name}`, 'Có lựa chọn không hợp lệ', 'Unknown option key');
    if (new Set(list).size !== list.length) return bad(`${field}.${name}`, 'Các lựa chọn không được trùng nhau', 'Keys must be unique');
    return list as string[];
  };
  switch (k) {
    case 'choice':
      if (typeof v !== 'string' || !KEY_RE.test(v)) return bad(`${field}.choice`, 'Lựa chọn không hợp lệ', 'Unknown option key');
      return { ok: true, kind: 'choice', response: { choice: v }, ...none, optionKeys: [v] };
    case 'choices': {
      const l = keyList(v, 'choices');
      if (!Array.isArray(l)) return l;
      return { ok: true, kind: 'choices', response: { choices: l }, ...none, optionKeys: l };
    }
    case 'order': {
      const l = keyList(v, 'order');
      if (!Array.isArray(l)) return l;
      return { ok: true, kind: 'order', response: { order: l }, ...none, optionKeys: l, fullOrder: l.length };
    }
    case 'text':
      if (typeof v !== 'string') return bad(`${field}.text`, 'Phải là chuỗi ký tự', 'Must be text');
      if (v.length > MAX_TEXT) return bad(`${field}.text`, `Tối đa ${MAX_TEXT} ký tự`, `At most ${MAX_TEXT} characters`);
      return { ok: true, kind: 'text', response: { text: v }, ...none };
    case 'number':
      if (typeof v !== 'string' && typeof v !== 'number') return bad(`${field}.number`, 'Phải là một số', 'Must be a number');
      if (String(v).length > MAX_NUMBER) return bad(`${field}.number`, `Tối đa ${MAX_NUMBER} ký tự`, `At most ${MAX_NUMBER} characters`);
      if (typeof v === 'number' && !Number.isFinite(v)) return bad(`${field}.number`, 'Phải là một số', 'Must be a number');
      return { ok: true, kind: 'number', response: { number: String(v) }, ...none };
    case 'pairs': {
      if (!isPlainObject(v)) return bad(`${field}.pairs`, 'Phải là một đối tượng', 'Must be an object');
      const entries = Object.entries(v);
      if (entries.length > MAX_KEYS) return bad(`${field}.pairs`, `Tối đa ${MAX_KEYS} cặp`, `At most ${MAX_KEYS} pairs`);
      for (const [l, r] of entries) {
        if (!KEY_RE.test(l) || typeof r !== 'string' || !KEY_RE.test(r)) return bad(`${field}.pairs`, 'Có cặp ghép không hợp lệ', 'Unknown matching key');
      }
      const pairs = Object.fromEntries(entries) as Record<string, string>;
      return { ok: true, kind: 'pairs', response: { pairs }, ...none, leftKeys: Object.keys(pairs), rightKeys: [...new Set(Object.values(pairs))] };
    }
    default:
      return bad(`${field}.${k}`, 'Trường này không được phép', 'This field is not allowed');
  }
}

/** Full check against a known question (submit path, tests): kind and keys. */
export function checkAgainst(kind: AnswerKind, layout: QuestionLayout, shape: Extract<ShapeResult, { ok: true }>, field = 'response'): { field: string; vi: string; en: string } | null {
  if (shape.kind === null) return kind === 'none' ? { field, vi: 'Câu mô tả không cần trả lời', en: 'A description takes no answer' } : null;
  if (shape.kind !== kind) return { field, vi: 'Dạng câu trả lời không đúng với loại câu hỏi', en: 'This response does not fit the question type' };
  const opts = new Set((layout.options ?? layout.items ?? []).map((e) => e.key));
  const lefts = new Set((layout.left ?? []).map((e) => e.key));
  const rights = new Set((layout.right ?? []).map((e) => e.key));
  if (!shape.optionKeys.every((k) => opts.has(k)) || !shape.leftKeys.every((k) => lefts.has(k)) || !shape.rightKeys.every((k) => rights.has(k))) {
    return { field, vi: 'Có lựa chọn không thuộc câu hỏi này', en: 'Unknown option key for this question' };
  }
  if (shape.fullOrder !== null && shape.fullOrder !== opts.size) return { field: `${field}.order`, vi: 'Cần sắp xếp đủ mọi mục', en: 'Every item must be placed' };
  return null;
}

/** The keys a stored layout accepts, per list (attempt_questions.option_keys / left_keys / right_keys). */
export function layoutKeys(layout: QuestionLayout) {
  return {
    optionKeys: (layout.options ?? layout.items ?? []).map((e) => e.key),
    leftKeys: (layout.left ?? []).map((e) => e.key),
    rightKeys: (layout.right ?? []).map((e) => e.key),
  };
}

// ------------------------------------------------------------------------------------------ text and numbers

/** Short-answer comparison form: NFC, trim, whitespace collapsed, optional diacritic fold (đ → d), optional case fold. */
export function normaliseAnswer(s: string, opts: { caseSensitive?: boolean; ignoreDiacritics?: boolean } = {}): string {
  let t = s.normalize('NFC').replace(/[\u200B\uFEFF]/g, '').replace(/\s+/g, ' ').trim();
  if (opts.ignoreDiacritics) t = t.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');
  if (!opts.caseSensitive) t = t.toLocaleLowerCase('vi');
  return t;
}

function answerMatches(accepted: string, given: string, opts: { caseSensitive?: boolean; ignoreDiacritics?: boolean }): boolean {
  const a = normaliseAnswer(accepted, opts);
  const g = normaliseAnswer(given, opts);
  if (!a.includes('*')) return a === g;
  // `*` = any text, `\*` = a literal star
  const parts = a.split(/(\\\*|\*)/);
  const re = parts.map((p) => (p === '*' ? '.*' : p === '\\*' ? '\\*' : p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${re}$`, 'su').test(g);
}

/** "3,14" / "3.14" / "1.234,5" / "1,234.5" / "-2e3" → number; null when it is not a number. */
export function parseNumber(s: string): number | null {
  let t = String(s).replace(/[\s\u00a0\u202f]/g, '');
  if (!t) return null;
  const comma = t.lastIndexOf(',');
  const dot = t.lastIndexOf('.');
  if (comma >= 0 && dot >= 0) {
    // the separator written last is the decimal one; the other groups thousands
    t = comma > dot ? t.replace(/\./g, '').replace(',', '.') : t.replace(/,/g, '');
  } else if (comma >= 0) {
    if ((t.match(/,/g) ?? []).length > 1) return null;
    t = t.replace(',', '.');
  }
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

function numericFraction(data: QuestionData, given: string): number | null {
  const x = parseNumber(given);
  if (x === null) return null;
  let best: number | null = null;
  data.numeric.forEach((entry, i) => {
    const f = data.answers[i]?.fraction ?? 0;
    let hit = false;
    if ('min' in entry) hit = x >= entry.min - EPS * Math.max(1, Math.abs(entry.min)) && x <= entry.max + EPS * Math.max(1, Math.abs(entry.max));
    else hit = Math.abs(x - entry.value) <= Math.abs(entry.tolerance ?? 0) + EPS * Math.max(1, Math.abs(entry.value));
    if (hit && (best === null || f > best)) best = f;
  });
  return best;
}

const stateOf = (f: number): AnswerState => (f >= 1 - EPS ? 'correct' : f > EPS ? 'partial' : 'wrong');
const result = (f: number, chosen: number[] | null = null): GradeResult => {
  const fraction = round7(clamp01(f));
  return { state: stateOf(fraction), fraction, chosen };
};
const UNANSWERED: GradeResult = { state: 'unanswered', fraction: 0, chosen: null };

function indexMap(list: { key: string; index: number }[] | undefined): Map<string, number> {
  return new Map((list ?? []).map((e) => [e.key, e.index]));
}

function trueFalseIsTrue(data: QuestionData): boolean {
  if (typeof data.correctAnswer === 'boolean') return data.correctAnswer;
  const t = data.answers[0]?.fraction ?? 1;
  const f = data.answers[1]?.fraction ?? 0;
  return t >= f;
}

const plain = (html: string) => html.replace(/<[^>]*>/g, ' ').replace(/&nbsp;/g, ' ').replace(/\s+/g, ' ').trim();

// ------------------------------------------------------------------------------------------ grading

/** Grades one response. Keys unknown to the layout count as nothing chosen (the API refuses them before). */
export function gradeResponse(version: GradableVersion, layout: QuestionLayout, response: AnswerResponse | null | undefined): GradeResult {
  const { type, data } = version;
  if (type === 'description') return { state: 'info', fraction: null, chosen: null };
  const r = response ?? {};
  const eff = effectiveType(type, data);
  switch (eff) {
    case 'single_choice': {
      if (typeof r.choice !== 'string') return UNANSWERED;
      const i = indexMap(layout.options).get(r.choice);
      if (i === undefined) return UNANSWERED;
      return result(data.answers[i]?.fraction ?? 0, [i]);
    }
    case 'true_false': {
      if (typeof r.choice !== 'string') return UNANSWERED;
      const i = indexMap(layout.options).get(r.choice);
      if (i === undefined) return UNANSWERED;
      return result((i === 0) === trueFalseIsTrue(data) ? 1 : 0, [i]);
    }
    case 'multiple_choice': {
      if (!Array.isArray(r.choices) || r.choices.length === 0) return UNANSWERED;
      const map = indexMap(layout.options);
      const chosen = [...new Set(r.choices.map((k) => map.get(k)).filter((i): i is number => i !== undefined))].sort((a, b) => a - b);
      if (!chosen.length) return UNANSWERED;
      return result(chosen.reduce((s, i) => s + (data.answers[i]?.fraction ?? 0), 0), chosen);
    }
    case 'short_answer': {
      if (typeof r.text !== 'string' || !r.text.trim()) return UNANSWERED;
      const opts = { caseSensitive: data.caseSensitive, ignoreDiacritics: data.ignoreDiacritics };
      let best: number | null = null;
      data.answers.forEach((a, i) => {
        if (answerMatches(a.text, r.text as string, opts) && (best === null || a.fraction > (data.answers[best]?.fraction ?? 0))) best = i;
      });
      return best === null ? result(0) : result(data.answers[best].fraction, [best]);
    }
    case 'numeric': {
      if (r.number === undefined || String(r.number).trim() === '') return UNANSWERED;
      return result(numericFraction(data, String(r.number)) ?? 0);
    }
    case 'matching': {
      const lefts = layout.left ?? [];
      const given = r.pairs ?? {};
      if (!lefts.length || !Object.keys(given).length) return UNANSWERED;
      const rights = indexMap(layout.right);
      let right = 0;
      for (const l of lefts) {
        const ri = given[l.key] === undefined ? undefined : rights.get(given[l.key]);
        if (ri !== undefined && data.pairs[ri]?.right === data.pairs[l.index]?.right) right++;
      }
      return result(right / lefts.length);
    }
    case 'ordering': {
      const items = layout.items ?? [];
      if (!items.length || !Array.isArray(r.order) || !r.order.length) return UNANSWERED;
      const map = indexMap(items);
      let right = 0;
      r.order.forEach((k, pos) => { if (map.get(k) === pos) right++; });
      return result(right / items.length);
    }
    case 'essay':
      if (typeof r.text !== 'string' || !plain(r.text)) return UNANSWERED;
      return { state: 'needs_grading', fraction: null, chosen: null };
    default:
      return { state: 'info', fraction: null, chosen: null };
  }
}

/** Mark for a fraction of a question worth `max` (4 decimals). */
export function markFor(fraction: number | null, max: number): number | null {
  return fraction === null ? null : Math.round(fraction * max * 1e4) / 1e4;
}

// ------------------------------------------------------------------------------------------ review

export interface RightAnswer {
  /** The correct response in the attempt's keys (what a full-mark answer looks like). */
  response: AnswerResponse | null;
  /** short answer / numeric: the accepted answers with their share of the mark (0-100). */
  accepted?: { text: string; percent: number }[];
}

/** The right answer of a question in one attempt's keys; null for essay and description. */
export function rightAnswer(version: GradableVersion, layout: QuestionLayout): RightAnswer | null {
  const { type, data } = version;
  const eff = effectiveType(type, data);
  const keyOf = (list: { key: string; index: number }[] | undefined, index: number) => list?.find((e) => e.key && e.index === index)?.key;
  switch (eff) {
    case 'single_choice': {
      let best = -1;
      data.answers.forEach((a, i) => { if (best < 0 || a.fraction > data.answers[best].fraction) best = i; });
      const k = best >= 0 ? keyOf(layout.options, best) : undefined;
      return { response: k ? { choice: k } : null };
    }
    case 'true_false': {
      const k = keyOf(layout.options, trueFalseIsTrue(data) ? 0 : 1);
      return { response: k ? { choice: k } : null };
    }
    case 'multiple_choice':
      return { response: { choices: (layout.options ?? []).filter((e) => (data.answers[e.index]?.fraction ?? 0) > 0).map((e) => e.key) } };
    case 'short_answer':
    case 'numeric': {
      const accepted = data.answers.filter((a) => a.fraction > 0).sort((a, b) => b.fraction - a.fraction).map((a) => ({ text: a.text, percent: Math.round(a.fraction * 100 * 1e5) / 1e5 }));
      const best = accepted[0]?.text;
      return { response: best === undefined ? null : eff === 'numeric' ? { number: best } : { text: best.replace(/\\\*/g, '*') }, accepted };
    }
    case 'matching': {
      const pairs: Record<string, string> = {};
      for (const l of layout.left ?? []) {
        const r = (layout.right ?? []).find((e) => data.pairs[e.index]?.right === data.pairs[l.index]?.right);
        if (r) pairs[l.key] = r.key;
      }
      return { response: { pairs } };
    }
    case 'ordering':
      return { response: { order: [...(layout.items ?? [])].sort((a, b) => a.index - b.index).map((e) => e.key) } };
    default:
      return null;
  }
}

export interface Feedback {
  general: string;
  /** feedback of the chosen options / the matched accepted answer */
  specific: string[];
}

/** Feedback for a response: the general feedback and that of what was chosen. */
export function feedbackFor(version: GradableVersion, layout: QuestionLayout, response: AnswerResponse | null | undefined): Feedback {
  const { data } = version;
  const g = gradeResponse(version, layout, response);
  const specific: string[] = [];
  const eff = effectiveType(version.type, data);
  if (eff === 'numeric' && response?.number !== undefined) {
    const x = parseNumber(String(response.number));
    if (x !== null) {
      data.numeric.forEach((e, i) => {
        const hit = 'min' in e ? x >= e.min && x <= e.max : Math.abs(x - e.value) <= Math.abs(e.tolerance ?? 0) + EPS;
        if (hit && data.answers[i]?.feedback) specific.push(data.answers[i].feedback);
      });
    }
  } else if (eff === 'true_false' && g.chosen) {
    // answers[] of a true/false question are [true, false]
    const fb = data.answers[g.chosen[0]]?.feedback;
    if (fb) specific.push(fb);
  } else if (g.chosen) {
    for (const i of g.chosen) if (data.answers[i]?.feedback) specific.push(data.answers[i].feedback);
  }
  return { general: data.generalFeedback ?? '', specific: specific.slice(0, 1).concat(eff === 'multiple_choice' ? specific.slice(1) : []) };
}
