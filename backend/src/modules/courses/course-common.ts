import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { ATTACHMENT_SELECT, toAttachmentDto } from './course-attachments';
import { AttachmentDto, CourseResponseDto, CourseItemDto, EnrolmentResponseDto, ItemProgressDto } from './courses.dto';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Row = any;

const statementNames = new Map<string, string>();

/**
 * `q.query(text, params)` as a named prepared statement of the pooled connection: PostgreSQL parses and plans it once
 * per connection (then a generic plan) instead of at every call, which costs more than running these statements. For
 * the fixed statements of the hot learning paths (the text is the statement's identity; a handful of texts in all).
 */
export function preparedQuery(q: EntityManager, text: string, params: unknown[]): Promise<Row[]> {
  let name = statementNames.get(text);
  if (!name) {
    name = `dk_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    statementNames.set(text, name);
  }
  // TypeORM hands the query to node-postgres as it is; a { name, text } query config is a prepared statement there
  return q.query({ name, text } as unknown as string, params);
}

/** Enrolled (neither withdrawn nor exempted) and completed counts: kept by triggers in course_enrolment_counts (migration LearningSpeed). */
export const COURSE_SELECT = `SELECT c.*, o.name AS owner_unit_name,
    coalesce(ecn.enrolled, 0) AS enrolled_count, coalesce(ecn.completed, 0) AS completed_count
  FROM courses c JOIN org_units o ON o.id = c.owner_unit_id LEFT JOIN course_enrolment_counts ecn ON ecn.course_id = c.id`;

/**
 * The COURSE_SELECT row of course `c` as one JSON value, for queries that read a course beside other rows (learning):
 * toCourseDto reads it like a row (timestamps come as ISO text, numeric as a number: the DTO is the same). Keep in step
 * with COURSE_SELECT.
 */
export const COURSE_JSON = `(to_jsonb(c) || jsonb_build_object('owner_unit_name', (SELECT o.name FROM org_units o WHERE o.id = c.owner_unit_id),
    'enrolled_count', coalesce((SELECT ecn.enrolled FROM course_enrolment_counts ecn WHERE ecn.course_id = c.id), 0),
    'completed_count', coalesce((SELECT ecn.completed FROM course_enrolment_counts ecn WHERE ecn.course_id = c.id), 0)))`;

export const toCourseDto = (r: Row): CourseResponseDto => ({
  id: r.id,
  code: r.code,
  title: r.title,
  description: r.description,
  ownerUnitId: r.owner_unit_id,
  ownerUnitName: r.owner_unit_name,
  trainerIds: r.trainer_ids ?? [],
  tags: r.tags ?? [],
  targetGroup: r.target_group,
  deliveryMode: r.delivery_mode,
  durationHours: Number(r.duration_hours),
  status: r.status,
  version: r.version,
  sequential: r.sequential,
  passMark: r.pass_mark,
  minProgressBeforeFinal: r.min_progress_before_final,
  selfEnrol: r.self_enrol,
  hasEnrolKey: !!r.enrol_key_hash,
  certificateValidityMonths: r.certificate_validity_months ?? null,
  renewalLeadDays: r.renewal_lead_days ?? null,
  enrolledCount: r.enrolled_count ?? 0,
  completedCount: r.completed_count ?? 0,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
  publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
  // the file id in the URL changes with the image, so a browser never shows a replaced cover from its cache
  coverUrl: r.cover_file_id ? `/api/courses/${r.id}/cover?v=${String(r.cover_file_id).slice(0, 8)}` : null,
});

/** ENROLMENT_SELECT without its progress subquery (FROM enrolments e, courses c, staff_members s, org_units o): compute it with progressPercent. */
export const ENROLMENT_COLUMNS = `e.*, c.title AS course_title, c.duration_hours, c.sequential, s.full_name, s.unit_id, o.name AS unit_name`;
export const ENROLMENT_FROM = `enrolments e JOIN courses c ON c.id = e.course_id JOIN staff_members s ON s.id = e.staff_id JOIN org_units o ON o.id = s.unit_id`;

/** Progress = share of required items complete (100 once the enrolment is completed). */
export const ENROLMENT_SELECT = `SELECT ${ENROLMENT_COLUMNS},
    CASE WHEN e.status = 'completed' THEN 100 ELSE COALESCE((
      SELECT round(100.0 * count(*) FILTER (WHERE p.status = 'completed') / NULLIF(count(*), 0))::int
        FROM course_items i LEFT JOIN item_progress p ON p.item_id = i.id AND p.enrolment_id = e.id
       WHERE i.course_id = e.course_id AND i.required), 0) END AS progress
  FROM ${ENROLMENT_FROM}`;

/** ENROLMENT_SELECT's progress from the outline's items and the enrolment's item progress (same rounding as SQL round()). */
export function progressPercent(status: string, items: readonly Row[], progress: Map<string, ProgressRow>): number {
  if (status === 'completed') return 100;
  const required = items.filter((i) => i.required);
  if (!required.length) return 0;
  return Math.round((100 * required.filter((i) => progress.get(i.id)?.status === 'completed').length) / required.length);
}

/** The item_progress rows of enrolment `e` as a JSON array (ProgressRow fields; completed_at as ISO text). */
export const PROGRESS_JSON = `(SELECT coalesce(json_agg(json_build_object('item_id', p.item_id, 'status', p.status, 'progress', p.progress,
    'score', p.score, 'completed_at', p.completed_at)), '[]') FROM item_progress p WHERE p.enrolment_id = e.id)`;

/**
 * SQL: the best item score behind completion `k` (a completions alias): the enrolment's item progress while the
 * completion's cycle is the enrolment's current one, else the progress kept by the re-enrolment that closed that cycle
 * (enrolment_renewals.previous_item_progress). NULL for a completion without an enrolment.
 */
export const COMPLETION_SCORE_SQL = (k: string) => `(CASE
    WHEN ${k}.enrolment_id IS NULL THEN NULL
    WHEN ${k}.cycle = (SELECT en.cycle FROM enrolments en WHERE en.id = ${k}.enrolment_id)
      THEN (SELECT max(ip.score) FROM item_progress ip WHERE ip.enrolment_id = ${k}.enrolment_id)
    ELSE (SELECT max((x->>'score')::int) FROM enrolment_renewals rn CROSS JOIN LATERAL jsonb_array_elements(rn.previous_item_progress) x
           WHERE rn.enrolment_id = ${k}.enrolment_id AND rn.previous_cycle = ${k}.cycle) END)`;

export const toEnrolmentDto = (r: Row): EnrolmentResponseDto => ({
  id: r.id,
  courseId: r.course_id,
  courseTitle: r.course_title,
  staffId: r.staff_id,
  fullName: r.full_name,
  unitId: r.unit_id,
  unitName: r.unit_name,
  source: r.source,
  ruleId: r.rule_id,
  dueDate: r.due_date ? String(r.due_date) : null,
  status: r.status,
  noLongerMatches: r.no_longer_matches,
  reason: r.reason,
  progress: r.progress ?? 0,
  completedAt: r.completed_at ? new Date(r.completed_at).toISOString() : null,
  enrolledAt: new Date(r.enrolled_at).toISOString(),
  cycle: r.cycle ?? 1,
  renewedAt: r.cycle_started_at ? new Date(r.cycle_started_at).toISOString() : null,
});

export const ITEMS_SQL = `SELECT i.*, s.title AS section_title, s.position AS section_position FROM course_items i
  JOIN course_sections s ON s.id = i.section_id WHERE i.course_id = ANY($1::uuid[]) ORDER BY s.position, i.position`;

// ------------------------------------------------------------------------------------------------------------------
// Outline cache: a course's sections, items (ITEMS_SQL rows) and lesson attachments kept in memory per course, used
// only while the outline's revision read in the same request is the one it was cached with.

/**
 * SQL for the stamp of course `courseId`'s outline as of the reading statement: its revision (course_outline_revs), which
 * goes up at the commit of any change to the course's items, sections or attachments, whoever makes it (outline save,
 * a quiz or class linked to an item, an attachment added or removed, …). NULL (no revision row): never cached.
 * A transaction that changes an outline must not read it through the cache before it commits.
 */
export const OUTLINE_STAMP = (courseId: string) => `(SELECT ocr.rev::text FROM course_outline_revs ocr WHERE ocr.course_id = ${courseId})`;

export interface Outline {
  stamp: string | null;
  sections: readonly { id: string; title: string }[];
  /** ITEMS_SQL rows (course_items columns, section_title, section_position) in outline order; never mutate them */
  items: readonly Row[];
  /** attachmentsByItem's answer: the attachments of each item, in order */
  attachments: ReadonlyMap<string, AttachmentDto[]>;
}

const OUTLINE_CACHE_MAX = 500;
const outlines = new Map<string, Outline>();

/**
 * A course's outline: from memory when `stamp` (OUTLINE_STAMP read by the caller, in its transaction) is the revision it
 * was cached with, else read in one statement (revision, sections, items and attachments from one snapshot) and cached.
 */
export async function courseOutline(q: EntityManager, courseId: string, stamp?: string | null): Promise<Outline> {
  const hit = outlines.get(courseId);
  if (hit && stamp !== undefined && stamp !== null && hit.stamp === stamp) return hit;
  const rows: Row[] = await q.query(
    `SELECT c.stamp, s.id AS s_id, s.title AS s_title, s.position AS s_position, i.*,
            (SELECT json_agg(to_jsonb(x) ORDER BY x.position, x.id) FROM (${ATTACHMENT_SELECT} WHERE a.item_id = i.id) x) AS attachments_json
       FROM (SELECT id, ${OUTLINE_STAMP('$1')} AS stamp FROM courses WHERE id = $1) c
       LEFT JOIN course_sections s ON s.course_id = c.id LEFT JOIN course_items i ON i.section_id = s.id AND i.course_id = c.id
      ORDER BY s.position, s.id, i.position`,
    [courseId],
  );
  const sections: { id: string; title: string }[] = [];
  const items: Row[] = [];
  const attachments = new Map<string, AttachmentDto[]>();
  const seen = new Set<string>();
  for (const { stamp: _stamp, s_id, s_title, s_position, attachments_json, ...item } of rows) {
    if (s_id && !seen.has(s_id)) { seen.add(s_id); sections.push(Object.freeze({ id: s_id, title: s_title })); }
    if (!item.id) continue;
    items.push(Object.freeze({ ...item, section_title: s_title, section_position: s_position }));
    if (attachments_json) attachments.set(item.id, Object.freeze(attachments_json.map((a: Row) => Object.freeze(toAttachmentDto(a)))) as AttachmentDto[]);
  }
  const outline: Outline = Object.freeze({ stamp: rows[0]?.stamp ?? null, sections: Object.freeze(sections), items: Object.freeze(items), attachments });
  if (outline.stamp !== null) {
    outlines.delete(courseId);
    outlines.set(courseId, outline);
    if (outlines.size > OUTLINE_CACHE_MAX) outlines.delete(outlines.keys().next().value as string);
  }
  return outline;
}

export const toItemDto = (r: Row, attachments?: ReadonlyMap<string, AttachmentDto[]>): CourseItemDto => {
  const base: CourseItemDto = { id: r.id, type: r.type, title: r.title, required: r.required, isFinal: r.is_final };
  if (r.type === 'lesson') {
    Object.assign(base, { bodyHtml: r.body_html ?? '', videoUrl: r.video_url, completionRule: r.completion_rule ?? 'opened_to_end', videoShare: r.video_share });
    if (attachments) base.attachments = attachments.get(r.id) ?? [];
  } else if (r.type === 'quiz') {
    base.minScore = r.min_score;
    base.quizId = r.quiz_id ?? null;
  } else {
    base.minShare = r.min_share;
  }
  return base;
};

export interface ProgressRow { item_id: string; status: string; progress: number; score: number | null; completed_at: Date | string | null }

/**
 * Item states with locks computed on the server. Sequential: an item is locked while an earlier required
 * item is incomplete. The final item is locked while the share of the other required items that are
 * complete is below minProgressBeforeFinal. A completed enrolment has nothing locked (review).
 */
export function itemStates(
  course: { sequential: boolean; min_progress_before_final: number | null },
  items: readonly Row[],
  progress: Map<string, ProgressRow>,
  enrolmentStatus: string,
): ItemProgressDto[] {
  const before = items.filter((i) => i.required && !i.is_final);
  const doneBefore = before.filter((i) => progress.get(i.id)?.status === 'completed').length;
  const share = before.length ? (100 * doneBefore) / before.length : 100;
  let previousDone = true;
  return items.map((i) => {
    const p = progress.get(i.id);
    const completed = p?.status === 'completed';
    let lockReason: string | null = null;
    if (!completed && enrolmentStatus !== 'completed') {
      if (course.sequential && !previousDone) lockReason = 'previous_required_incomplete';
      else if (i.is_final && course.min_progress_before_final !== null && share < course.min_progress_before_final) lockReason = 'min_progress_before_final';
    }
    if (i.required && !completed) previousDone = false;
    return {
      itemId: i.id,
      status: completed ? 'completed' : lockReason ? 'locked' : p ? 'in_progress' : 'not_started',
      progress: completed ? 100 : p?.progress ?? 0,
      score: p?.score ?? null,
      completedAt: p?.completed_at ? new Date(p.completed_at).toISOString() : null,
      lockReason,
    };
  });
}

/** YYYY-MM-DD plus n days. */
export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
