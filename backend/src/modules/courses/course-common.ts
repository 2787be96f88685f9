import { CourseResponseDto, CourseItemDto, EnrolmentResponseDto, ItemProgressDto } from './courses.dto';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Row = any;

export const COURSE_SELECT = `SELECT c.*, o.name AS owner_unit_name,
    (SELECT count(*)::int FROM enrolments e WHERE e.course_id = c.id AND e.status NOT IN ('withdrawn','exempted')) AS enrolled_count,
    (SELECT count(*)::int FROM enrolments e WHERE e.course_id = c.id AND e.status = 'completed') AS completed_count
  FROM courses c JOIN org_units o ON o.id = c.owner_unit_id`;

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
  enrolledCount: r.enrolled_count ?? 0,
  completedCount: r.completed_count ?? 0,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
  publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
});

/** Progress = share of required items complete (100 once the enrolment is completed). */
export const ENROLMENT_SELECT = `SELECT e.*, c.title AS course_title, c.duration_hours, c.sequential, s.full_name, s.unit_id, o.name AS unit_name,
    CASE WHEN e.status = 'completed' THEN 100 ELSE COALESCE((
      SELECT round(100.0 * count(*) FILTER (WHERE p.status = 'completed') / NULLIF(count(*), 0))::int
        FROM course_items i LEFT JOIN item_progress p ON p.item_id = i.id AND p.enrolment_id = e.id
       WHERE i.course_id = e.course_id AND i.required), 0) END AS progress
  FROM enrolments e JOIN courses c ON c.id = e.course_id JOIN staff_members s ON s.id = e.staff_id JOIN org_units o ON o.id = s.unit_id`;

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
});

export const ITEMS_SQL = `SELECT i.*, s.title AS section_title, s.position AS section_position FROM course_items i
  JOIN course_sections s ON s.id = i.section_id WHERE i.course_id = ANY($1::uuid[]) ORDER BY s.position, i.position`;

export const toItemDto = (r: Row): CourseItemDto => {
  const base: CourseItemDto = { id: r.id, type: r.type, title: r.title, required: r.required, isFinal: r.is_final };
  if (r.type === 'lesson') {
    Object.assign(base, { bodyHtml: r.body_html ?? '', videoUrl: r.video_url, completionRule: r.completion_rule ?? 'opened_to_end', videoShare: r.video_share });
  } else if (r.type === 'quiz') {
    base.minScore = r.min_score;
  } else {
    base.minShare = r.min_share;
  }
  return base;
};

export interface ProgressRow { item_id: string; status: string; progress: number; score: number | null; completed_at: Date | null }

/**
 * Item states with locks computed on the server. Sequential: an item is locked while an earlier required
 * item is incomplete. The final item is locked while the share of the other required items that are
 * complete is below minProgressBeforeFinal. A completed enrolment has nothing locked (review).
 */
export function itemStates(
  course: { sequential: boolean; min_progress_before_final: number | null },
  items: Row[],
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
