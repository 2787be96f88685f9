import { deadlineFor, drawRandom, effectiveSettings, pageCount, pageOf, reviewNow, seededRandom, shuffle } from './quiz-common';
import { sameStructure } from './quizzes.service';

const quiz = (over: Record<string, unknown> = {}) => ({
  open_at: null, close_at: null, time_limit_minutes: 30, max_attempts: 2, overdue: 'autosubmit', grace_minutes: 0, ...over,
});
const at = (iso: string) => new Date(iso);

describe('settings with a personal override', () => {
  it('replaces the dates and adds time and attempts', () => {
    const q = quiz({ open_at: at('2026-06-01T00:00:00Z'), close_at: at('2026-06-30T00:00:00Z') });
    expect(effectiveSettings(q, null)).toEqual({ openAt: at('2026-06-01T00:00:00Z'), closeAt: at('2026-06-30T00:00:00Z'), timeLimitMinutes: 30, maxAttempts: 2 });
    expect(effectiveSettings(q, { close_at: '2026-07-05T00:00:00Z', extra_minutes: 15, extra_attempts: 1 })).toEqual({
      openAt: at('2026-06-01T00:00:00Z'), closeAt: at('2026-07-05T00:00:00Z'), timeLimitMinutes: 45, maxAttempts: 3,
    });
    // extra time or attempts mean nothing without a limit
    expect(effectiveSettings(quiz({ time_limit_minutes: null, max_attempts: null }), { extra_minutes: 15, extra_attempts: 1 })).toMatchObject({ timeLimitMinutes: null, maxAttempts: null });
  });
});

describe('deadline and cutoff', () => {
  const start = at('2026-06-10T08:00:00Z');
  it('is the earlier of the time limit and the close date; grace only for the grace rule', () => {
    expect(deadlineFor(start, quiz(), effectiveSettings(quiz(), null))).toEqual({ deadlineAt: at('2026-06-10T08:30:00Z'), cutoffAt: at('2026-06-10T08:30:00Z') });
    const closing = quiz({ close_at: at('2026-06-10T08:10:00Z') });
    expect(deadlineFor(start, closing, effectiveSettings(closing, null)).deadlineAt).toEqual(at('2026-06-10T08:10:00Z'));
    const grace = quiz({ overdue: 'grace', grace_minutes: 5 });
    expect(deadlineFor(start, grace, effectiveSettings(grace, null))).toEqual({ deadlineAt: at('2026-06-10T08:30:00Z'), cutoffAt: at('2026-06-10T08:35:00Z') });
    const discard = quiz({ overdue: 'discard', grace_minutes: 5 });
    expect(deadlineFor(start, discard, effectiveSettings(discard, null)).cutoffAt).toEqual(at('2026-06-10T08:30:00Z'));
    const open = quiz({ time_limit_minutes: null });
    expect(deadlineFor(start, open, effectiveSettings(open, null))).toEqual({ deadlineAt: null, cutoffAt: null });
  });
});

describe('review rules', () => {
  it('immediately, after the close date (never without one), never', () => {
    const now = at('2026-06-10T08:00:00Z');
    expect(reviewNow('immediately', { closeAt: null }, now)).toBe(true);
    expect(reviewNow('after_close', { closeAt: null }, now)).toBe(false);
    expect(reviewNow('after_close', { closeAt: at('2026-06-10T09:00:00Z') }, now)).toBe(false);
    expect(reviewNow('after_close', { closeAt: at('2026-06-10T07:00:00Z') }, now)).toBe(true);
    expect(reviewNow('never', { closeAt: at('2020-01-01T00:00:00Z') }, now)).toBe(false);
  });
});

describe('pages', () => {
  it('numbers pages from the slot; 0 per page = one page', () => {
    expect([1, 2, 3, 4, 5].map((s) => pageOf(s, 2))).toEqual([1, 1, 2, 2, 3]);
    expect(pageOf(7, 0)).toBe(1);
    expect(pageCount(5, 2)).toBe(3);
    expect(pageCount(5, 0)).toBe(1);
  });
});

describe('random draws', () => {
  const slot = (key: string, count: number) => ({ key, categoryId: key, includeSubcategories: false, tag: null, count });
  it('draws distinct questions, most constrained slot first, never a fixed one', () => {
    const parent = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const child = ['e', 'f', 'g'];
    const pools = new Map([['parent', parent], ['child', child]]);
    // 4 from the parent (which contains the child) + 3 from the child: only possible when the child draws first
    for (let i = 0; i < 20; i++) {
      const r = drawRandom([slot('parent', 4), slot('child', 3)], pools, new Set(), seededRandom(`s${i}`, 'draw'));
      if (!r.ok) throw new Error('should draw');
      const all = [...(r.picks.get('parent') ?? []), ...(r.picks.get('child') ?? [])];
      expect(new Set(all).size).toBe(7);
      expect(r.picks.get('child')!.every((x) => child.includes(x))).toBe(true);
    }
    expect(drawRandom([slot('parent', 5), slot('child', 3)], pools, new Set(), null)).toEqual({ ok: false, key: 'parent', available: 4 });
    expect(drawRandom([slot('parent', 7)], pools, new Set(['a']), null)).toEqual({ ok: false, key: 'parent', available: 6 });
  });

  it('is deterministic for one seed and differs between seeds', () => {
    const list = Array.from({ length: 20 }, (_, i) => i);
    expect(shuffle(list, seededRandom('x', 'order'))).toEqual(shuffle(list, seededRandom('x', 'order')));
    expect(shuffle(list, seededRandom('x', 'order'))).not.toEqual(shuffle(list, seededRandom('y', 'order')));
    expect([...shuffle(list, seededRandom('x', 'order'))].sort((a, b) => a - b)).toEqual(list);
  });
});

describe('regrade: a new version can grade an old attempt only with the same structure', () => {
  const v = (type: string, data: Record<string, unknown>) => ({ type, data });
  const answers = (n: number) => Array.from({ length: n }, (_, i) => ({ text: `${i}`, fraction: i === 0 ? 1 : 0, feedback: '' }));
  it('compares type, base type, and the number of options or pairs', () => {
    expect(sameStructure(v('single_choice', { answers: answers(3) }), v('single_choice', { answers: answers(3) }))).toBe(true);
    expect(sameStructure(v('single_choice', { answers: answers(3) }), v('single_choice', { answers: answers(4) }))).toBe(false);
    expect(sameStructure(v('single_choice', { answers: answers(3) }), v('multiple_choice', { answers: answers(3) }))).toBe(false);
    expect(sameStructure(v('short_answer', { answers: answers(1) }), v('short_answer', { answers: answers(5) }))).toBe(true);
    const pairs = (rights: string[]) => ({ pairs: rights.map((right, i) => ({ left: right === 'x' ? '' : `L${i}`, right })) });
    expect(sameStructure(v('matching', pairs(['a', 'b', 'c'])), v('matching', pairs(['a', 'b', 'd'])))).toBe(true);
    // a repeated answer moves the shown answers: another structure
    expect(sameStructure(v('matching', pairs(['a', 'b', 'c'])), v('matching', pairs(['a', 'a', 'c'])))).toBe(false);
    expect(sameStructure(v('matching', pairs(['a', 'b', 'x'])), v('matching', pairs(['a', 'b', 'c'])))).toBe(false);
    expect(sameStructure(v('missing_word', { baseType: 'single_choice', answers: answers(2) }), v('missing_word', { baseType: 'short_answer', answers: answers(2) }))).toBe(false);
  });
});
