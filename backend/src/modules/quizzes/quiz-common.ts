/** Shared SQL, row mappers and rules of the quiz engine (settings with overrides, deadlines, review, seeded draws). */
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { QuizDto, ReviewWhen } from './quizzes.dto';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Row = any;
type Runner = Pick<EntityManager, 'query'>;

export const iso = (d: Date | string | null | undefined): string | null => (d ? new Date(d).toISOString() : null);
export const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
export const round = (n: number, d = 4) => Math.round(n * 10 ** d) / 10 ** d;

/** A quiz with its owner unit, linked course item and slot totals. */
export const QUIZ_SELECT = `SELECT z.*, o.name AS owner_unit_name,
    ci.id AS course_item_id, ci.course_id AS item_course_id,
    coalesce(st.slot_count, 0) AS slot_count, coalesce(st.question_count, 0) AS question_count, coalesce(st.total_marks, 0) AS total_marks,
    (SELECT count(*)::int FROM quiz_attempts a WHERE a.quiz_id = z.id) AS attempt_count
  FROM quizzes z JOIN org_units o ON o.id = z.owner_unit_id
  LEFT JOIN course_items ci ON ci.quiz_id = z.id
  LEFT JOIN LATERAL (SELECT count(*)::int AS slot_count, sum(s.count)::int AS question_count, sum(s.count * s.mark) AS total_marks
                       FROM quiz_slots s WHERE s.quiz_id = z.id) st ON true`;

export const toQuizDto = (r: Row): QuizDto => ({
  id: r.id,
  title: r.title,
  description: r.description,
  ownerUnitId: r.owner_unit_id,
  ownerUnitName: r.owner_unit_name,
  courseId: r.course_id ?? r.item_course_id ?? null,
  courseItemId: r.course_item_id ?? null,
  status: r.status,
  openAt: iso(r.open_at),
  closeAt: iso(r.close_at),
  timeLimitMinutes: r.time_limit_minutes,
  maxAttempts: r.max_attempts,
  attemptDelayMinutes: r.attempt_delay_minutes,
  gradingMethod: r.grading_method,
  passMark: Number(r.pass_mark),
  shuffleQuestions: r.shuffle_questions,
  shuffleOptions: r.shuffle_options,
  questionsPerPage: r.questions_per_page,
  navigation: r.navigation,
  review: { score: r.review_score, correctAnswers: r.review_correct, feedback: r.review_feedback },
  overdue: r.overdue,
  graceMinutes: r.grace_minutes,
  slotCount: r.slot_count ?? 0,
  questionCount: r.question_count ?? 0,
  totalMarks: Number(r.total_marks ?? 0),
  attemptCount: r.attempt_count ?? 0,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
  publishedAt: iso(r.published_at),
});

// ------------------------------------------------------------------------------------------ settings, deadlines, review

export interface Effective {
  openAt: Date | null;
  closeAt: Date | null;
  timeLimitMinutes: number | null;
  maxAttempts: number | null;
}

/** The quiz settings for one person: a personal override replaces the dates and adds time and attempts. */
export function effectiveSettings(quiz: Row, override: Row | null | undefined): Effective {
  const o = override ?? {};
  return {
    openAt: o.open_at ? new Date(o.open_at) : quiz.open_at ? new Date(quiz.open_at) : null,
    closeAt: o.close_at ? new Date(o.close_at) : quiz.close_at ? new Date(quiz.close_at) : null,
    timeLimitMinutes: quiz.time_limit_minutes === null ? null : quiz.time_limit_minutes + (o.extra_minutes ?? 0),
    maxAttempts: quiz.max_attempts === null ? null : quiz.max_attempts + (o.extra_attempts ?? 0),
  };
}

/** deadline = min(start + time limit, close date); cutoff = deadline + grace (only for overdue = 'grace'). */
export function deadlineFor(startedAt: Date, quiz: Row, eff: Effective): { deadlineAt: Date | null; cutoffAt: Date | null } {
  const candidates: number[] = [];
  if (eff.timeLimitMinutes !== null) candidates.push(startedAt.getTime() + eff.timeLimitMinutes * 60_000);
  if (eff.closeAt) candidates.push(eff.closeAt.getTime());
  if (!candidates.length) return { deadlineAt: null, cutoffAt: null };
  const deadline = Math.max(startedAt.getTime(), Math.min(...candidates));
  const grace = quiz.overdue === 'grace' ? quiz.grace_minutes * 60_000 : 0;
  return { deadlineAt: new Date(deadline), cutoffAt: new Date(deadline + grace) };
}

/** Whether one review item may be shown now for a finished attempt. */
export function reviewNow(when: ReviewWhen, eff: Pick<Effective, 'closeAt'>, now: Date): boolean {
  if (when === 'immediately') return true;
  if (when === 'after_close') return !!eff.closeAt && now.getTime() >= eff.closeAt.getTime();
  return false;
}

export function reviewShows(quiz: Row, eff: Pick<Effective, 'closeAt'>, now: Date, finished: boolean) {
  return {
    score: finished && reviewNow(quiz.review_score, eff, now),
    correctAnswers: finished && reviewNow(quiz.review_correct, eff, now),
    feedback: finished && reviewNow(quiz.review_feedback, eff, now),
  };
}

export const pageOf = (slot: number, perPage: number) => (perPage > 0 ? Math.ceil(slot / perPage) : 1);
export const pageCount = (questions: number, perPage: number) => (perPage > 0 ? Math.max(1, Math.ceil(questions / perPage)) : 1);

// ------------------------------------------------------------------------------------------ seeded randomness

/** A deterministic PRNG (mulberry32) for one purpose of one attempt seed. */
export function seededRandom(seed: string, purpose: string): () => number {
  let a = createHash('sha256').update(`${seed}\u0000${purpose}`).digest().readUInt32LE(0);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(list: readonly T[], random: () => number): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

// ------------------------------------------------------------------------------------------ random slots

export interface RandomSlotSpec { key: string; categoryId: string; includeSubcategories: boolean; tag: string | null; count: number }

/** The question ids each random slot may draw from (not deleted, not descriptions), by slot key, in id order. */
export async function randomPools(tx: Runner, slots: RandomSlotSpec[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(slots.map((s) => [s.key, []]));
  if (!slots.length) return out;
  const rows: { key: string; id: string }[] = await tx.query(
    `WITH RECURSIVE s AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(key text, "categoryId" uuid, "includeSubcategories" boolean, tag text)
     ), cats AS (
       SELECT s.key, s."categoryId" AS cat FROM s
       UNION ALL
       SELECT cats.key, c.id FROM cats JOIN s ON s.key = cats.key AND s."includeSubcategories" JOIN question_categories c ON c.parent_id = cats.cat
     )
     SELECT DISTINCT cats.key, q.id FROM cats JOIN s ON s.key = cats.key JOIN questions q ON q.category_id = cats.cat
      WHERE q.deleted_at IS NULL AND q.type <> 'description' AND (s.tag IS NULL OR s.tag = ANY(q.tags))
      ORDER BY cats.key, q.id`,
    [JSON.stringify(slots.map((s) => ({ key: s.key, categoryId: s.categoryId, includeSubcategories: s.includeSubcategories, tag: s.tag })))],
  );
  for (const r of rows) out.get(r.key)?.push(r.id);
  return out;
}

/**
 * Draws distinct questions for the random slots, most constrained (smallest pool) first, never a question of a fixed
 * slot or of another random slot. `random` null = deterministic (validation). Returns the ids per slot key, or the
 * key of the first slot that cannot be filled with how many questions it had left.
 */
export function drawRandom(
  slots: RandomSlotSpec[], pools: Map<string, string[]>, exclude: Set<string>, random: (() => number) | null,
): { ok: true; picks: Map<string, string[]> } | { ok: false; key: string; available: number } {
  const taken = new Set(exclude);
  const picks = new Map<string, string[]>();
  const order = [...slots].sort((a, b) => (pools.get(a.key)?.length ?? 0) - (pools.get(b.key)?.length ?? 0) || a.key.localeCompare(b.key));
  for (const s of order) {
    const free = (pools.get(s.key) ?? []).filter((id) => !taken.has(id));
    if (free.length < s.count) return { ok: false, key: s.key, available: free.length };
    const chosen = (random ? shuffle(free, random) : free).slice(0, s.count);
    for (const id of chosen) taken.add(id);
    picks.set(s.key, chosen);
  }
  return { ok: true, picks };
}
