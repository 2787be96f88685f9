/**
 * The learner's view of a question version (`PlayerQuestion`, docs/api-quizzes.md "Attempts").
 *
 * Pure and deterministic: the same (version, seed, slot, shuffle) always gives the same option order and the same keys,
 * so an attempt can store just its seed, or the layout returned by `buildLayout`, and render the question again on
 * resume. Keys are opaque: a hash of the secret per-attempt seed, so a learner cannot tell which option is which
 * index, and keys differ between attempts. The result never contains fractions, feedback, correct answers,
 * accepted answers, tolerances or the title. Every `text` is safe HTML (rich text is sanitised when stored; the plain-text
 * answers of a matching question are escaped here).
 *
 * Index conventions of the layout (what the grader maps keys back to):
 * - options: index into data.answers (single/multiple choice, missing word over single choice);
 *   true/false: 0 = true ("Đúng"), 1 = false ("Sai").
 * - left: index into data.pairs (matching prompts; pairs with an empty left are distractors and not listed).
 * - right: index of the FIRST pair whose right text equals this choice (duplicate answers are shown once);
 *   a match is correct when data.pairs[rightIndex].right === data.pairs[leftIndex].right.
 * - items: index into data.pairs = the item's correct position (ordering).
 */
import { createHash } from 'node:crypto';
import type { EssayOptions, MissingWordBase, QuestionData, QuestionVersionLike, StoredQuestionType } from './question-types';

export interface PlayerOption {
  key: string;
  text: string;
}

export interface PlayerQuestion {
  slot: number;
  type: StoredQuestionType;
  /** missing_word only: how the blank is answered (choice for single_choice/true_false, text for short_answer/numeric). */
  baseType?: MissingWordBase;
  /** Sanitised HTML; a missing-word question has one blank "_____". */
  text: string;
  mark: number;
  /** single/multiple choice, true/false (and missing word over those), in the attempt's frozen order. */
  options?: PlayerOption[];
  /** multiple choice: the learner may pick several. */
  multiple?: boolean;
  /** matching: prompts and the (shuffled) answers to pick from. */
  left?: PlayerOption[];
  right?: PlayerOption[];
  /** ordering: the items in a frozen shuffled order (never the correct order when there are ≥ 2 items). */
  items?: PlayerOption[];
  /** essay: word limits and the starting text. */
  essay?: EssayOptions;
}

export interface LayoutEntry {
  key: string;
  index: number;
}

export interface QuestionLayout {
  options?: LayoutEntry[];
  left?: LayoutEntry[];
  right?: LayoutEntry[];
  items?: LayoutEntry[];
}

export interface RenderOptions {
  /** 1-based slot of the question in the attempt. */
  slot: number;
  /** Secret per-attempt seed (e.g. 32 random bytes in hex stored with the attempt). Never send it to the client. */
  seed: string;
  /** The slot's mark; defaults to the version's default mark. */
  mark?: number;
  /** The quiz's shuffleOptions; choices shuffle only when this and data.shuffleAnswers (default true) allow it. Default true. */
  shuffle?: boolean;
  /** Labels of the true/false options (default "Đúng" / "Sai"). */
  trueLabel?: string;
  falseLabel?: string;
}

/** The type that decides the widget: the base type for missing word, else the type. */
export function effectiveType(type: StoredQuestionType, data: Pick<QuestionData, 'baseType'>): StoredQuestionType {
  return type === 'missing_word' ? data.baseType ?? 'short_answer' : type;
}

function digest(...parts: (string | number)[]): Buffer {
  return createHash('sha256').update(parts.map(String).join('\u0000')).digest();
}

/** mulberry32 seeded from a hash: a small, fast, deterministic PRNG. */
function rng(seed: Buffer): () => number {
  let a = seed.readUInt32LE(0);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(list: readonly T[], random: () => number): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Opaque keys for one list: 12 base64url characters of sha256(seed, slot, version, kind, index), unique within the list. */
function keyed(indices: number[], ctx: { seed: string; slot: number; versionId: string }, kind: string): LayoutEntry[] {
  const used = new Set<string>();
  return indices.map((index) => {
    const h = digest(ctx.seed, ctx.slot, ctx.versionId, kind, index).toString('base64url');
    let len = 12;
    let key = h.slice(0, len);
    while (used.has(key) && len < h.length) key = h.slice(0, ++len);
    used.add(key);
    return { key, index };
  });
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** The frozen order and keys of a question in one attempt. Deterministic in (version.id, seed, slot, shuffle). */
export function buildLayout(version: Pick<QuestionVersionLike, 'id' | 'type' | 'data'>, opts: Pick<RenderOptions, 'slot' | 'seed' | 'shuffle'>): QuestionLayout {
  const ctx = { seed: opts.seed, slot: opts.slot, versionId: version.id };
  const data = version.data;
  const random = (kind: string) => rng(digest('order', opts.seed, opts.slot, version.id, kind));
  const mayShuffle = opts.shuffle !== false && data.shuffleAnswers !== false;
  switch (effectiveType(version.type, data)) {
    case 'single_choice':
    case 'multiple_choice': {
      const idx = range(data.answers.length);
      return { options: keyed(mayShuffle ? shuffled(idx, random('options')) : idx, ctx, 'options') };
    }
    case 'true_false':
      return { options: keyed([0, 1], ctx, 'options') };
    case 'matching': {
      const lefts = range(data.pairs.length).filter((i) => data.pairs[i].left.trim() !== '');
      const seen = new Map<string, number>();
      for (let i = 0; i < data.pairs.length; i++) {
        const r = data.pairs[i].right;
        if (!seen.has(r)) seen.set(r, i);
      }
      const rights = [...seen.values()];
      return {
        left: keyed(mayShuffle ? shuffled(lefts, random('left')) : lefts, ctx, 'left'),
        // the answers are always shuffled, or their order would give the pairs away
        right: keyed(shuffled(rights, random('right')), ctx, 'right'),
      };
    }
    case 'ordering': {
      const idx = range(data.pairs.length);
      let order = shuffled(idx, random('items'));
      if (order.length >= 2 && order.every((v, i) => v === i)) order = [...order.slice(1), order[0]];
      return { items: keyed(order, ctx, 'items') };
    }
    default:
      return {};
  }
}

function markOf(version: Pick<QuestionVersionLike, 'defaultMark'>, mark?: number): number {
  const m = mark ?? Number(version.defaultMark);
  return Number.isFinite(m) ? m : 0;
}

/**
 * The question as the learner sees it in an attempt (or in the trainer's preview).
 * Pass `layout` to render a stored layout; otherwise it is derived from (seed, slot, shuffle) with `buildLayout`.
 */
export function toPlayerQuestion(version: QuestionVersionLike, opts: RenderOptions & { layout?: QuestionLayout }): PlayerQuestion {
  const data = version.data;
  const layout = opts.layout ?? buildLayout(version, opts);
  const out: PlayerQuestion = { slot: opts.slot, type: version.type, text: version.text, mark: version.type === 'description' ? 0 : markOf(version, opts.mark) };
  if (version.type === 'missing_word') out.baseType = data.baseType ?? 'short_answer';
  const eff = effectiveType(version.type, data);
  switch (eff) {
    case 'single_choice':
    case 'multiple_choice':
      out.options = (layout.options ?? []).map((e) => ({ key: e.key, text: data.answers[e.index]?.text ?? '' }));
      if (eff === 'multiple_choice') out.multiple = true;
      break;
    case 'true_false': {
      const labels = [opts.trueLabel ?? 'Đúng', opts.falseLabel ?? 'Sai'];
      out.options = (layout.options ?? []).map((e) => ({ key: e.key, text: labels[e.index] ?? '' }));
      break;
    }
    case 'matching':
      out.left = (layout.left ?? []).map((e) => ({ key: e.key, text: data.pairs[e.index]?.left ?? '' }));
      // the answers are plain text: escaped, so that every `text` of a PlayerQuestion is safe HTML
      out.right = (layout.right ?? []).map((e) => ({ key: e.key, text: escapeHtml(data.pairs[e.index]?.right ?? '') }));
      break;
    case 'ordering':
      out.items = (layout.items ?? []).map((e) => ({ key: e.key, text: data.pairs[e.index]?.left ?? '' }));
      break;
    case 'essay': {
      const e = data.essay ?? {};
      const essay: EssayOptions = {};
      if (e.minWords !== undefined) essay.minWords = e.minWords;
      if (e.maxWords !== undefined) essay.maxWords = e.maxWords;
      if (e.responseTemplate) essay.responseTemplate = e.responseTemplate;
      out.essay = essay;
      break;
    }
    default:
      break; // short_answer, numeric, description: text only
  }
  return out;
}

/** The index a key stands for in one list of a layout, or undefined for an unknown key (→ 400 in the attempt API). */
export function indexOfKey(layout: QuestionLayout, list: keyof QuestionLayout, key: string): number | undefined {
  return layout[list]?.find((e) => e.key === key)?.index;
}
