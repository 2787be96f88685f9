/**
 * Moodle's list of allowed answer grades (question_bank::fraction_options_full) and the "match grades = error" check
 * applied at import: a fraction that is not within 1e-5 of one of them rejects the question (invalidgradequestion).
 */
import { err, fractionToPercent, questionLabel, type ParseError, type Question } from './question';

const POSITIVE = [1, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25, 0.2, 0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05, 0];

export const ALLOWED_FRACTIONS: readonly number[] = [...POSITIVE, ...POSITIVE.filter((f) => f > 0).map((f) => -f)];

export function isAllowedFraction(f: number): boolean {
  return ALLOWED_FRACTIONS.some((a) => Math.abs(a - f) < 0.00001);
}

export function nearestAllowedFraction(f: number): number {
  let best = ALLOWED_FRACTIONS[0];
  for (const a of ALLOWED_FRACTIONS) if (Math.abs(a - f) < Math.abs(best - f)) best = a;
  return best;
}

/** Fractions of a question (answers, cloze sub-answers) that Moodle would reject; [] when all are allowed. */
export function invalidFractions(q: Question): number[] {
  if (q.type === 'ordering') return [];
  const all = [...q.answers.map((a) => a.fraction), ...(q.subquestions ?? []).flatMap((s) => s.answers.map((a) => a.fraction))];
  return [...new Set(all.filter((f) => !isAllowedFraction(f)))];
}

/** The invalidgradequestion error for a question, or null. */
export function checkGrades(q: Question, where: { line?: number; row?: number }): ParseError | null {
  const bad = invalidFractions(q);
  if (bad.length === 0) return null;
  const label = questionLabel(q).replace(/<[^>]*>/g, '');
  const list = bad.map((f) => String(f)).join(', ');
  const hint = bad.map((f) => `${fractionToPercent(f)}% → ${fractionToPercent(nearestAllowedFraction(f))}%`).join(', ');
  return err(
    'invalidgradequestion',
    `Invalid grades in question "${label}": ${list} (allowed grades are 100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667, 14.28571, 12.5, 11.11111, 10, 5, 0 percent and their negatives; nearest: ${hint})`,
    `Câu hỏi "${label}" có mức điểm không hợp lệ: ${list} (chỉ chấp nhận 100, 90, 83,33333, 80, 75, 70, 66,66667, 60, 50, 40, 33,33333, 30, 25, 20, 16,66667, 14,28571, 12,5, 11,11111, 10, 5, 0 phần trăm và số âm tương ứng; gần nhất: ${hint})`,
    { ...where, question: label },
  );
}
