/**
 * The SQL that measures a target as of a date. Pure builders, no I/O.
 *
 * Population on date D: the staff_history period that covers D ([valid_from, valid_to)) places the person in a
 * unit with a category, a DT role and a status; people who have left are out, people on leave are in (shown, not
 * dropped). Trained by the end of D (Asia/Ho_Chi_Minh): an approved completion recorded by then (external ones
 * also approved by then, so a past figure never changes when a late approval arrives) that qualifies, within the
 * validity window; or, with classes, a session of a chosen class attended (present or late) by then.
 */

export interface TargetRule {
  unit_id: string;
  categories: string[];
  dt_roles: string[];
  course_ids: string[];
  course_mode: 'any' | 'all';
  course_tags: string[];
  external_sources: string[];
  class_ids: string[];
  validity_years: number | null;
}

/** Positional parameters of PEOPLE_CTE, in order. */
export interface FigureParams {
  unitIds: string[];
  asOf: string;
  /** courses whose completion alone counts (any mode: the chosen courses + the tagged ones; all mode: the tagged ones) */
  anyCourseIds: string[];
  /** all mode: the courses that must all be completed */
  allCourseIds: string[];
  hasClasses: boolean;
}

export function figureParams(rule: TargetRule, unitIds: string[], asOf: string, taggedCourseIds: string[]): unknown[] {
  const all = rule.course_mode === 'all' ? rule.course_ids : [];
  const any = rule.course_mode === 'all' ? taggedCourseIds : [...new Set([...rule.course_ids, ...taggedCourseIds])];
  return [
    unitIds, // $1
    asOf, // $2
    rule.categories, // $3
    rule.dt_roles, // $4
    all, // $5
    any, // $6
    rule.external_sources, // $7
    rule.validity_years, // $8
    rule.course_tags, // $9
    rule.class_ids, // $10
  ];
}

/** End of day $2 in Viet Nam time, as an instant. */
const END = `(($2::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')`;
const VALID_FROM = `CASE WHEN $8::int IS NULL THEN '-infinity'::timestamptz
  ELSE (($2::date + 1 - make_interval(years => $8::int))::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh') END`;

/** The population on $2: the staff_history periods covering the day, in the units, categories and DT roles. */
const POP_WHERE = `h.unit_id = ANY($1::uuid[]) AND h.valid_from <= $2::date AND (h.valid_to IS NULL OR h.valid_to > $2::date)
        AND h.status <> 'left' AND cardinality($10::uuid[]) >= 0 -- $10 (classes) is read by att when the target has classes
        AND (cardinality($3::text[]) = 0 OR h.category = ANY($3::text[]))
        AND (cardinality($4::text[]) = 0 OR h.dt_role = ANY($4::text[]))`;

/**
 * The qualifying completions by the end of $2 within the validity window, with `cols` of each and `any_ok` (true: it
 * counts on its own; false: one of the courses that must all be completed): the chosen or tagged courses, the
 * all-mode courses, and approved external completions of a chosen source or tag.
 */
const qualifying = (cols: string) => `
      SELECT ${cols}, true AS any_ok
      FROM completions c
      WHERE c.status = 'approved' AND c.course_id = ANY($6::uuid[])
        AND c.completed_at < ${END} AND c.completed_at >= ${VALID_FROM}
        AND (c.source = 'internal' OR c.reviewed_at < ${END})
      UNION ALL
      SELECT ${cols}, false
      FROM completions c
      WHERE c.status = 'approved' AND c.course_id = ANY($5::uuid[]) AND NOT c.course_id = ANY($6::uuid[])
        AND c.completed_at < ${END} AND c.completed_at >= ${VALID_FROM}
        AND (c.source = 'internal' OR c.reviewed_at < ${END})
      UNION ALL
      SELECT ${cols}, true
      FROM completions c
      WHERE c.status = 'approved' AND c.source <> 'internal'
        AND (c.source = ANY($7::text[]) OR c.tags && $9::text[])
        AND (c.course_id IS NULL OR NOT (c.course_id = ANY($6::uuid[]) OR c.course_id = ANY($5::uuid[])))
        AND c.completed_at < ${END} AND c.completed_at >= ${VALID_FROM} AND c.reviewed_at < ${END}`;

/** The first attended session (present or late) of the chosen classes by the end of $2, per person; `where` narrows it. */
const attended = (withClasses: boolean, where: string) => withClasses
  ? `att AS (
        SELECT r.staff_id, min(s.starts_at) AS first_at
        FROM class_sessions s
        JOIN attendance_marks m ON m.session_id = s.id
        JOIN class_roster r ON r.id = m.roster_id
        WHERE s.class_id = ANY($10::uuid[]) AND m.status IN ('present','late') AND s.status <> 'cancelled' AND s.starts_at < ${END}
          AND ${where}
        GROUP BY r.staff_id
      ),`
  : `att AS (SELECT NULL::uuid AS staff_id, NULL::timestamptz AS first_at WHERE false),`;

/**
 * CTE `people`: one row per person of the population on $2 with `trained`, `trained_at`, `trained_source`.
 * Parameters: see figureParams. Extra parameters of the caller start at $11.
 */
export function peopleCte(withClasses: boolean, light = false): string {
  if (light) return countsCte(withClasses);
  const attendance = attended(withClasses, 'r.staff_id IN (SELECT staff_id FROM pop)');
  return `
    pop AS MATERIALIZED (
      SELECT h.staff_id, h.unit_id, h.category, h.dt_role, h.status, h.leave_kind FROM staff_history h WHERE ${POP_WHERE}
    ),
    qual AS (${qualifying('c.id, c.staff_id, c.course_id, c.completed_at, c.source')}
    ),
    tr AS (
      SELECT q.staff_id,
        min(q.completed_at) FILTER (WHERE q.any_ok) AS any_at,
        (array_agg(q.source ORDER BY q.completed_at) FILTER (WHERE q.any_ok))[1] AS any_source,
        (array_agg(q.id ORDER BY q.completed_at) FILTER (WHERE q.any_ok))[1] AS any_id,
        (array_agg(q.id ORDER BY q.completed_at DESC) FILTER (WHERE q.course_id = ANY($5::uuid[])))[1] AS all_id,
        count(DISTINCT q.course_id) FILTER (WHERE q.course_id = ANY($5::uuid[])) AS n_all,
        max(q.completed_at) FILTER (WHERE q.course_id = ANY($5::uuid[])) AS all_at
      FROM qual q
      WHERE q.staff_id IN (SELECT staff_id FROM pop)
      GROUP BY q.staff_id
    ),
    ${attendance}
    people AS (
      SELECT p.*,
        CASE WHEN cardinality($5::uuid[]) > 0 AND tr.n_all = cardinality($5::uuid[]) THEN tr.all_at END AS all_at,
        tr.any_at, tr.any_source, tr.any_id, tr.all_id, att.first_at AS att_at
      FROM pop p
      LEFT JOIN tr ON tr.staff_id = p.staff_id
      LEFT JOIN att ON att.staff_id = p.staff_id
    ),
    judged AS (
      SELECT pe.*,
        least(pe.any_at, pe.all_at, pe.att_at) AS trained_at,
        (pe.any_at IS NOT NULL OR pe.all_at IS NOT NULL OR pe.att_at IS NOT NULL) AS trained,
        CASE least(pe.any_at, pe.all_at, pe.att_at)
          WHEN pe.any_at THEN pe.any_source WHEN pe.all_at THEN 'internal' WHEN pe.att_at THEN 'attendance' END AS trained_source,
        CASE least(pe.any_at, pe.all_at, pe.att_at) WHEN pe.any_at THEN pe.any_id WHEN pe.all_at THEN pe.all_id END AS completion_id
      FROM people pe
    )`;
}

/**
 * The same `pop` and `judged` (population, trained, trained_at) for counting only: no source or completion id per
 * person (no ordered aggregates), and the trained people are found over the whole roster and matched to the population
 * by a hash join, instead of probing the population for each completion and mark. Same parameters as peopleCte.
 */
function countsCte(withClasses: boolean): string {
  const attendance = attended(withClasses, 'r.class_id = ANY($10::uuid[]) AND r.staff_id IS NOT NULL');
  return `
    pop AS (
      SELECT h.staff_id, h.unit_id, h.category, h.dt_role, h.status, h.leave_kind FROM staff_history h WHERE ${POP_WHERE}
    ),
    qual AS (${qualifying('c.staff_id, c.course_id, c.completed_at')}
    ),
    tr AS (
      SELECT q.staff_id,
        min(q.completed_at) FILTER (WHERE q.any_ok) AS any_at,
        count(DISTINCT q.course_id) FILTER (WHERE q.course_id = ANY($5::uuid[])) AS n_all,
        max(q.completed_at) FILTER (WHERE q.course_id = ANY($5::uuid[])) AS all_at
      FROM qual q
      GROUP BY q.staff_id
    ),
    ${attendance}
    judged AS (
      SELECT p.*,
        least(tr.any_at, CASE WHEN cardinality($5::uuid[]) > 0 AND tr.n_all = cardinality($5::uuid[]) THEN tr.all_at END, att.first_at) AS trained_at,
        (tr.any_at IS NOT NULL OR (cardinality($5::uuid[]) > 0 AND tr.n_all = cardinality($5::uuid[])) OR att.first_at IS NOT NULL) AS trained
      FROM pop p
      LEFT JOIN tr ON tr.staff_id = p.staff_id
      LEFT JOIN att ON att.staff_id = p.staff_id
    )`;
}

export const FIGURES_SELECT = `
  count(*)::int AS population,
  count(*) FILTER (WHERE trained)::int AS trained,
  count(*) FILTER (WHERE status = 'on_leave')::int AS on_leave,
  count(*) FILTER (WHERE status = 'on_leave' AND trained)::int AS on_leave_trained`;

export interface FigureRow { population: number; trained: number; on_leave: number; on_leave_trained: number }

export function toFigures(r: FigureRow | undefined, targetShare: number) {
  const population = r?.population ?? 0;
  const trained = r?.trained ?? 0;
  const needed = Math.ceil((targetShare / 100) * population - 1e-9);
  return {
    population,
    trained,
    share: population ? Math.round((trained / population) * 1000) / 10 : 0,
    onLeave: r?.on_leave ?? 0,
    onLeaveTrained: r?.on_leave_trained ?? 0,
    toTrain: Math.max(0, needed - trained),
  };
}

/** Month ends from the month of `from` up to `to` (exclusive of `to`'s month end when later than `to`), then `to`. */
export function monthEnds(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  for (;;) {
    const end = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10); // last day of month m
    if (end >= to) break;
    out.push(end);
    m += 1;
    if (m > 12) { m = 1; y += 1; }
  }
  out.push(to);
  return out;
}

export function addMonths(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  const whole = Math.floor(months);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + whole);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  const frac = months - whole;
  if (frac > 0) d.setUTCDate(d.getUTCDate() + Math.round(frac * 30.44));
  return d.toISOString().slice(0, 10);
}

export function monthsBetween(from: string, to: string): number {
  const a = new Date(`${from}T00:00:00Z`).getTime();
  const b = new Date(`${to}T00:00:00Z`).getTime();
  return (b - a) / (30.436875 * 86400000);
}

/**
 * Status against the deadline from the trend: achieved; behind when the deadline passed or nothing moves;
 * on track when the pace of the last three months reaches the pace needed; at risk when it reaches half of it.
 */
export function judge(opts: { share: number; targetShare: number; toTrain: number; asOf: string; deadline: string; pacePerMonth: number }) {
  const monthsLeft = Math.max(0, monthsBetween(opts.asOf, opts.deadline));
  const neededPerMonth = opts.toTrain === 0 ? 0 : monthsLeft > 0 ? opts.toTrain / monthsLeft : opts.toTrain;
  const projectedDate = opts.toTrain === 0 ? opts.asOf : opts.pacePerMonth > 0 ? addMonths(opts.asOf, opts.toTrain / opts.pacePerMonth) : null;
  let status: 'achieved' | 'on_track' | 'at_risk' | 'behind';
  if (opts.toTrain === 0 && opts.share >= opts.targetShare - 1e-9) status = 'achieved';
  else if (monthsLeft <= 0) status = 'behind';
  else if (opts.pacePerMonth >= neededPerMonth) status = 'on_track';
  else if (opts.pacePerMonth >= neededPerMonth / 2) status = 'at_risk';
  else status = 'behind';
  return {
    status,
    projection: {
      pacePerMonth: Math.round(opts.pacePerMonth * 10) / 10,
      neededPerMonth: Math.round(neededPerMonth * 10) / 10,
      projectedDate,
      monthsLeft: Math.round(monthsLeft * 10) / 10,
    },
  };
}
