/** Shared pieces of the attendance module: statuses, local time, share/hours arithmetic, row → DTO mappers. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Row = any;

export const MARK_STATUSES = ['present', 'late', 'left_early', 'excused', 'unexcused'] as const;
export type MarkStatus = (typeof MARK_STATUSES)[number];
export const MARK_SOURCES = ['trainer', 'qr', 'paper'] as const;
export type MarkSource = (typeof MARK_SOURCES)[number];
export const CLASS_TYPES = ['course_class', 'digital_learning_class', 'resolution_briefing', 'workshop'] as const;
export const CLASS_STATUSES = ['planned', 'enrolling', 'in_progress', 'completed', 'postponed', 'cancelled'] as const;
export type ClassStatus = (typeof CLASS_STATUSES)[number];
export const SESSION_STATUSES = ['scheduled', 'postponed', 'cancelled'] as const;
export const RATE_BASES = ['sessions', 'hours'] as const;
export const DEFAULT_WEIGHTS: Record<MarkStatus, number> = { present: 1, late: 1, left_early: 0.5, excused: 0, unexcused: 0 };
/** statuses that mean "was there" (a second QR check-in is refused) */
export const ATTENDED: readonly string[] = ['present', 'late', 'left_early'];
/** classes that take check-ins and marks */
export const OPEN_CLASS: readonly string[] = ['planned', 'enrolling', 'in_progress'];

export const STATUS_VI: Record<string, string> = {
  present: 'Có mặt', late: 'Đi muộn', left_early: 'Về sớm', excused: 'Vắng có phép', unexcused: 'Vắng không phép',
};
export const CLASS_STATUS_VI: Record<string, string> = {
  planned: 'Dự kiến', enrolling: 'Đang ghi danh', in_progress: 'Đang học', completed: 'Đã kết thúc', postponed: 'Tạm hoãn', cancelled: 'Đã hủy',
};
export const CLASS_TYPE_VI: Record<string, string> = {
  course_class: 'Lớp của khóa học', digital_learning_class: 'Lớp học tập số', resolution_briefing: 'Hội nghị quán triệt', workshop: 'Tập huấn',
};

/** Allowed class status moves; completed and cancelled are final. */
export const CLASS_MOVES: Record<string, string[]> = {
  planned: ['enrolling', 'in_progress', 'postponed', 'cancelled'],
  enrolling: ['in_progress', 'postponed', 'cancelled'],
  in_progress: ['completed', 'postponed', 'cancelled'],
  postponed: ['planned', 'enrolling', 'in_progress', 'cancelled'],
  completed: [],
  cancelled: [],
};

// ---------------------------------------------------------------- time (Asia/Ho_Chi_Minh is UTC+7, no DST)

const VN_OFFSET_MS = 7 * 3600 * 1000;
export const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;

/** 'YYYY-MM-DD' + 'HH:mm' local → UTC instant. */
export function localToUtc(date: string, time: string): Date {
  return new Date(`${date}T${time}:00+07:00`);
}

/** UTC instant → local date, time, ISO weekday (1 = Monday). */
export function utcToLocal(d: Date): { date: string; time: string; weekday: number } {
  const l = new Date(d.getTime() + VN_OFFSET_MS);
  const iso = l.toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16), weekday: ((l.getUTCDay() + 6) % 7) + 1 };
}

export const vnDateTime = (d: Date) => {
  const l = utcToLocal(d);
  return `${l.time} ${l.date.split('-').reverse().join('/')}`;
};
export const vnDate = (iso: string) => iso.split('-').reverse().join('/');
export const WEEKDAY_VI = ['', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật'];

export function addDaysIso(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
const isoWeekday = (date: string) => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
const mondayOf = (date: string) => addDaysIso(date, 1 - isoWeekday(date));
const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

/**
 * The dates of a weekly series: every chosen ISO weekday of every N-th week (weeks counted from the week of
 * startDate, Monday first), from startDate to until inclusive. Stops after `max + 1` dates (the caller refuses that).
 */
export function seriesDates(startDate: string, until: string, weekdays: number[], everyNWeeks: number, max: number): string[] {
  const out: string[] = [];
  const m0 = mondayOf(startDate);
  for (let d = startDate; d <= until && out.length <= max; d = addDaysIso(d, 1)) {
    const week = Math.floor(daysBetween(m0, d) / 7);
    if (week % everyNWeeks === 0 && weekdays.includes(isoWeekday(d))) out.push(d);
  }
  return out;
}

export const hoursOf = (startsAt: Date, endsAt: Date) => Math.round(((endsAt.getTime() - startsAt.getTime()) / 3_600_000) * 100) / 100;
const round1 = (n: number) => Math.round(n * 10) / 10;
const round2 = (n: number) => Math.round(n * 100) / 100;

// ---------------------------------------------------------------- shares and hours

export interface RuleLite { weights: Record<string, number>; rateBasis: 'sessions' | 'hours'; minShare: number }
export interface SessionLite { id: string; startsAt: Date; endsAt: Date }
export interface PersonStats {
  attendedSessions: number; rateSoFar: number; share: number; maxReachable: number; hours: number; atRisk: boolean; completed: boolean;
}

export const weightOf = (rule: Pick<RuleLite, 'weights'>, status: string | null | undefined) =>
  status ? Number(rule.weights[status] ?? 0) : 0;

/**
 * One person's figures over a class's scheduled sessions (postponed and cancelled ones are not passed in).
 * Unit per session: 1 (basis 'sessions') or its length in hours (basis 'hours').
 * share = Σ unit × weight / Σ unit over all scheduled sessions (the completion figure);
 * rateSoFar = the same over the sessions that have ended; maxReachable = share if every remaining session is attended.
 * hours = Σ length × weight. atRisk = some session has ended and rateSoFar < minShare.
 */
export function personStats(sessions: SessionLite[], statusOf: (sessionId: string) => string | null | undefined, rule: RuleLite, now: Date): PersonStats {
  let total = 0, got = 0, heldTotal = 0, heldGot = 0, future = 0, hours = 0, attended = 0;
  for (const s of sessions) {
    const len = (s.endsAt.getTime() - s.startsAt.getTime()) / 3_600_000;
    const unit = rule.rateBasis === 'hours' ? len : 1;
    const w = weightOf(rule, statusOf(s.id));
    total += unit;
    got += unit * w;
    hours += len * w;
    if (w > 0) attended++;
    if (s.endsAt.getTime() <= now.getTime()) {
      heldTotal += unit;
      heldGot += unit * w;
    } else {
      future += unit;
    }
  }
  const share = total ? (100 * got) / total : 0;
  const rateSoFar = heldTotal ? (100 * heldGot) / heldTotal : 0;
  const maxReachable = total ? (100 * (heldGot + future)) / total : 0;
  return {
    attendedSessions: attended,
    rateSoFar: round1(rateSoFar),
    share: round1(share),
    maxReachable: round1(maxReachable),
    hours: round2(hours),
    atRisk: heldTotal > 0 && rateSoFar < rule.minShare,
    completed: total > 0 && share + 1e-9 >= rule.minShare,
  };
}

export const ruleOf = (c: Row): RuleLite & { statuses: string[] } => ({
  statuses: c.enabled_statuses,
  weights: { ...DEFAULT_WEIGHTS, ...(c.status_weights ?? {}) },
  rateBasis: c.rate_basis,
  minShare: c.min_share,
});

/** "0912345678" → "091****678" */
export const maskPhone = (p: string | null | undefined) => (p ? `${p.slice(0, 3)}****${p.slice(7)}` : null);

// ---------------------------------------------------------------- SQL and mappers

export const CLASS_SELECT = `SELECT c.*, o.name AS owner_unit_name, co.title AS course_title,
    (SELECT i.id FROM course_items i WHERE i.class_id = c.id LIMIT 1) AS course_item_id,
    (SELECT count(*)::int FROM class_sessions s WHERE s.class_id = c.id AND s.status = 'scheduled') AS session_count,
    (SELECT count(*)::int FROM class_roster r WHERE r.class_id = c.id) AS roster_count,
    (SELECT min(s.starts_at) FROM class_sessions s WHERE s.class_id = c.id AND s.status = 'scheduled' AND s.ends_at > now()) AS next_session_at
  FROM classes c JOIN org_units o ON o.id = c.owner_unit_id LEFT JOIN courses co ON co.id = c.course_id`;

const iso = (d: unknown) => (d ? new Date(d as string).toISOString() : null);
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export const toClassDto = (r: Row) => ({
  id: r.id,
  code: r.code,
  title: r.title,
  description: r.description,
  classType: r.class_type,
  courseId: r.course_id,
  courseTitle: r.course_title ?? null,
  courseItemId: r.course_item_id ?? null,
  ownerUnitId: r.owner_unit_id,
  ownerUnitName: r.owner_unit_name,
  trainerIds: r.trainer_ids ?? [],
  venueName: r.venue_name,
  venueAddress: r.venue_address,
  venueLat: num(r.venue_lat),
  venueLng: num(r.venue_lng),
  capacity: r.capacity,
  status: r.status,
  statusReason: r.status_reason,
  checkIn: {
    opensBeforeMinutes: r.checkin_opens_before_min,
    closesAfterMinutes: r.checkin_closes_after_min,
    lateAfterMinutes: r.late_after_min,
    geofenceRadiusM: r.geofence_radius_m,
    deviceCooldownMinutes: r.device_cooldown_min,
    stepSeconds: r.checkin_step_seconds,
    allowWalkIn: r.allow_walk_in,
  },
  rule: { statuses: r.enabled_statuses, weights: { ...DEFAULT_WEIGHTS, ...(r.status_weights ?? {}) }, rateBasis: r.rate_basis, minShare: r.min_share },
  sessionCount: r.session_count ?? 0,
  rosterCount: r.roster_count ?? 0,
  nextSessionAt: iso(r.next_session_at),
  createdAt: iso(r.created_at) as string,
  updatedAt: iso(r.updated_at) as string,
});

export const SESSION_SELECT = `SELECT s.*,
    (SELECT count(*)::int FROM attendance_marks m WHERE m.session_id = s.id) AS marked_count,
    (SELECT count(*)::int FROM attendance_marks m WHERE m.session_id = s.id AND m.status IN ('present','late','left_early')) AS present_count
  FROM class_sessions s`;

export const toSessionDto = (r: Row) => {
  const startsAt = new Date(r.starts_at);
  const endsAt = new Date(r.ends_at);
  const a = utcToLocal(startsAt);
  return {
    id: r.id,
    classId: r.class_id,
    seriesId: r.series_id,
    makeUpForId: r.make_up_for_id,
    startsAt: startsAt.toISOString(),
    endsAt: endsAt.toISOString(),
    date: a.date,
    startTime: a.time,
    endTime: utcToLocal(endsAt).time,
    hours: hoursOf(startsAt, endsAt),
    topic: r.topic,
    venueName: r.venue_name,
    venueAddress: r.venue_address,
    venueLat: num(r.venue_lat),
    venueLng: num(r.venue_lng),
    status: r.status,
    statusReason: r.status_reason,
    markedCount: r.marked_count ?? 0,
    presentCount: r.present_count ?? 0,
    createdAt: iso(r.created_at) as string,
  };
};

/** Roster rows with the person's name, unit and the Vietnamese sort keys. */
export const ROSTER_SELECT = `SELECT r.id, r.class_id, r.staff_id, r.resident_id, r.source, r.added_at,
    coalesce(sm.full_name, res.full_name) AS full_name,
    coalesce(sm.birth_year, res.birth_year) AS birth_year,
    coalesce(sm.phone, res.phone) AS phone,
    coalesce(sm.unit_id, res.unit_id) AS unit_id, u.name AS unit_name,
    coalesce(sm.search_text, res.name_fold) AS search_text,
    coalesce(sm.given_name, regexp_replace(res.full_name, '^.*\\s', '')) AS sort_given,
    coalesce(sm.family_name, split_part(res.full_name, ' ', 1)) AS sort_family,
    coalesce(sm.full_name, res.full_name) AS sort_full
  FROM class_roster r
  LEFT JOIN staff_members sm ON sm.id = r.staff_id
  LEFT JOIN residents res ON res.id = r.resident_id
  JOIN org_units u ON u.id = coalesce(sm.unit_id, res.unit_id)`;
export const ROSTER_ORDER = `sort_given COLLATE vi_vn, sort_family COLLATE vi_vn, sort_full COLLATE vi_vn, id`;

export const toRosterDto = (r: Row) => ({
  id: r.id,
  kind: (r.staff_id ? 'staff' : 'resident') as 'staff' | 'resident',
  staffId: r.staff_id,
  residentId: r.resident_id,
  fullName: r.full_name,
  birthYear: r.birth_year,
  phoneMasked: maskPhone(r.phone),
  unitId: r.unit_id,
  unitName: r.unit_name,
  source: r.source,
  addedAt: iso(r.added_at) as string,
});
