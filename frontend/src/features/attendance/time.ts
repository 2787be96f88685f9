/**
 * Asia/Ho_Chi_Minh is UTC+7 all year (no daylight saving), so local calendar values are computed with a fixed
 * offset and do not depend on the device's time zone (docs/api-attendance.md, "Times").
 */
const OFFSET_MS = 7 * 60 * 60 * 1000;

const pad = (n: number) => String(n).padStart(2, '0');

/** The local date 'YYYY-MM-DD' and time 'HH:mm' of an instant in Vietnam. */
export function toVn(instant: string | number | Date): { date: string; time: string } {
  const d = new Date(new Date(instant).getTime() + OFFSET_MS);
  const iso = d.toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/** 'YYYY-MM-DD' → 'dd/mm/yyyy' */
export function formatVnDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : date;
}

/** An instant shown as 'dd/mm/yyyy HH:mm' in Vietnam time. */
export function formatVnDateTime(instant: string | null | undefined): string {
  if (!instant || Number.isNaN(Date.parse(instant))) return '';
  const { date, time } = toVn(instant);
  return `${formatVnDate(date)} ${time}`;
}

/** An instant shown as 'HH:mm' in Vietnam time. */
export function formatVnTime(instant: string | null | undefined): string {
  if (!instant || Number.isNaN(Date.parse(instant))) return '';
  return toVn(instant).time;
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The current year in Vietnam. */
export const vnYear = (now = Date.now()) => Number(toVn(now).date.slice(0, 4));

export { pad };

const DAY_MS = 86_400_000;
const dayNumber = (date: string) => Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
const fromDayNumber = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

/**
 * The dates of a repeating series, as the server computes them: every chosen weekday of every N-th week
 * (weeks counted from the week of startDate, Monday first), from startDate to until inclusive.
 * Stops after `max + 1` dates so the caller can say "too many".
 */
export function seriesDates(startDate: string, until: string, weekdays: number[], everyNWeeks: number, max = 200): string[] {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(startDate) || !/^\d{4}-\d{2}-\d{2}$/.test(until) || until < startDate) return [];
  const start = dayNumber(startDate);
  const monday = start - (isoWeekday(startDate) - 1);
  const end = dayNumber(until);
  const n = Math.max(1, Math.floor(everyNWeeks) || 1);
  const out: string[] = [];
  for (let d = start; d <= end && out.length <= max; d++) {
    const date = fromDayNumber(d);
    if (Math.floor((d - monday) / 7) % n === 0 && weekdays.includes(isoWeekday(date))) out.push(date);
  }
  return out;
}
