/**
 * The figures of the semi-annual report (domain notes §5), all as of the cut-off date (end of day, Viet Nam time),
 * counted over distinct people from staff_history, the completions ledger and the attendance marks.
 */
import { EntityManager } from 'typeorm';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Row = any;

export const GROUPS = [
  { key: 'party', roman: 'I', label: 'Khối Đảng' },
  { key: 'government', roman: 'II', label: 'Khối chính quyền (HĐND, UBND, các phòng, TT PVHCC)' },
  { key: 'front', roman: 'III', label: 'MTTQ và các tổ chức chính trị - xã hội' },
  { key: 'school', roman: 'IV', label: 'Trường học' },
] as const;

export interface Bieu01Row {
  key: string; roman: string; label: string; total: number; leaders: number; briefed: number; briefedShare: number;
  bdhvsJoined: number; bdhvsConfirmed: number; bdhvsShare: number; note: string;
}
export interface Bieu02Row {
  fullName: string; birthYearMale: number | null; birthYearFemale: number | null; position: string | null; unitName: string;
  role: string; content: string | null; time: string | null; organiser: string | null; result: string; certificateNo: string | null; note: string | null;
}
export interface Bieu03Row {
  unitName: string; teams: number; members: number; membersTrained: number; classes: number; attendances: number;
  participants: number; residentsConfirmed: number;
}
export interface ReportFigures {
  cutOff: string;
  bieu01: { rows: Bieu01Row[]; total: Bieu01Row; police: Bieu01Row | null };
  bieu02: { rows: Bieu02Row[]; total: number; trained: number; share: number };
  bieu03: { rows: Bieu03Row[]; total: Bieu03Row };
  computedAt: string;
}

const END = `(($2::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')`;
const share = (a: number, b: number) => (b ? Math.round((a / b) * 1000) / 10 : 0);
const LEAVE_VI: Record<string, string> = { maternity_leave: 'nghỉ thai sản', long_term_study: 'đi học dài hạn', other: 'nghỉ dài hạn' };
const DT_ROLE_VI: Record<string, string> = { dedicated: 'Chuyên trách', concurrent: 'Kiêm nhiệm' };

/** For every unit of the ward's subtree: the types of the unit and its ancestors up to the ward. */
const UNIT_TREE = `
  WITH RECURSIVE tree AS (
    SELECT id, ARRAY[type]::text[] AS types, ARRAY[id] AS path FROM org_units WHERE id = $1
    UNION ALL
    SELECT u.id, tree.types || u.type::text, tree.path || u.id FROM org_units u JOIN tree ON u.parent_id = tree.id
  )`;
const GROUP_OF = `CASE
    WHEN 'police' = ANY(t.types) THEN 'police'
    WHEN 'school' = ANY(t.types) THEN 'school'
    WHEN 'party_committee' = ANY(t.types) OR 'party_office' = ANY(t.types) THEN 'party'
    WHEN 'front_committee' = ANY(t.types) OR 'socio_political_org' = ANY(t.types) THEN 'front'
    ELSE 'government' END`;

export async function computeReportFigures(tx: EntityManager, wardId: string, cutOff: string, includePolice = false): Promise<ReportFigures> {
  // ---- Biểu 01: officials and employees (CBCCVC, NLĐ) on the roster at the cut-off, by block
  const b1: Row[] = await tx.query(
    `${UNIT_TREE},
     pop AS (
       SELECT h.staff_id, h.status, h.leave_kind, ${GROUP_OF} AS grp
       FROM staff_history h JOIN tree t ON t.id = h.unit_id
       WHERE h.valid_from <= $2::date AND (h.valid_to IS NULL OR h.valid_to > $2::date) AND h.status <> 'left'
         AND (h.category IN ('cadre','civil_servant','public_employee','contract_worker')
              OR (h.category = 'armed_forces' AND 'police' = ANY(t.types)))
         AND NOT ('residential_group' = ANY(t.types) OR 'community_digital_team' = ANY(t.types))
     ),
     briefed AS (
       SELECT DISTINCT c.staff_id FROM completions c JOIN courses co ON co.id = c.course_id
       WHERE c.status = 'approved' AND 'resolution_57' = ANY(co.tags) AND c.completed_at < ${END}
         AND (c.source = 'internal' OR c.reviewed_at < ${END}) AND c.staff_id IN (SELECT staff_id FROM pop)
       UNION
       SELECT r.staff_id FROM attendance_marks m
       JOIN class_sessions s ON s.id = m.session_id JOIN class_roster r ON r.id = m.roster_id JOIN classes k ON k.id = s.class_id
       LEFT JOIN courses co ON co.id = k.course_id
       WHERE m.status IN ('present','late') AND s.status <> 'cancelled' AND s.starts_at < ${END}
         AND (k.class_type = 'resolution_briefing' OR 'resolution_57' = ANY(co.tags)) AND r.staff_id IN (SELECT staff_id FROM pop)
     ),
     bdhvs AS (
       SELECT c.staff_id, bool_or(c.status = 'approved' AND c.reviewed_at < ${END}) AS confirmed
       FROM completions c
       WHERE c.source = 'bdhvs' AND c.status <> 'rejected' AND c.submitted_at < ${END} AND c.staff_id IN (SELECT staff_id FROM pop)
       GROUP BY c.staff_id
     )
     SELECT p.grp, count(*)::int AS total, count(*) FILTER (WHERE s.is_leadership)::int AS leaders,
       count(b.staff_id)::int AS briefed, count(d.staff_id)::int AS joined, count(*) FILTER (WHERE d.confirmed)::int AS confirmed,
       count(*) FILTER (WHERE p.status = 'on_leave' AND p.leave_kind = 'maternity_leave')::int AS maternity,
       count(*) FILTER (WHERE p.status = 'on_leave' AND p.leave_kind = 'long_term_study')::int AS study,
       count(*) FILTER (WHERE p.status = 'on_leave' AND coalesce(p.leave_kind, 'other') = 'other')::int AS other_leave
     FROM pop p JOIN staff_members s ON s.id = p.staff_id
     LEFT JOIN briefed b ON b.staff_id = p.staff_id LEFT JOIN bdhvs d ON d.staff_id = p.staff_id
     GROUP BY p.grp`,
    [wardId, cutOff],
  );
  const note = (r: Row) => [
    r.maternity ? `${String(r.maternity).padStart(2, '0')} người ${LEAVE_VI.maternity_leave}` : null,
    r.study ? `${String(r.study).padStart(2, '0')} người ${LEAVE_VI.long_term_study}` : null,
    r.other_leave ? `${String(r.other_leave).padStart(2, '0')} người ${LEAVE_VI.other}` : null,
  ].filter(Boolean).join(', ');
  const toB1 = (key: string, roman: string, label: string, r: Row | undefined): Bieu01Row => ({
    key, roman, label, total: r?.total ?? 0, leaders: r?.leaders ?? 0, briefed: r?.briefed ?? 0, briefedShare: share(r?.briefed ?? 0, r?.total ?? 0),
    bdhvsJoined: r?.joined ?? 0, bdhvsConfirmed: r?.confirmed ?? 0, bdhvsShare: share(r?.confirmed ?? 0, r?.total ?? 0), note: r ? note(r) : '',
  });
  const byGroup = new Map(b1.map((r) => [r.grp, r]));
  const rows = GROUPS.map((g) => toB1(g.key, g.roman, g.label, byGroup.get(g.key)));
  const sum = (k: string) => b1.filter((r) => includePolice || r.grp !== 'police').reduce((a, r) => a + Number(r[k]), 0);
  const totalRow: Row = {
    total: sum('total'), leaders: sum('leaders'), briefed: sum('briefed'), joined: sum('joined'), confirmed: sum('confirmed'),
    maternity: sum('maternity'), study: sum('study'), other_leave: sum('other_leave'),
  };
  const police = byGroup.get('police');

  // ---- Biểu 02: dedicated and part-time DT staff at the cut-off and their in-depth training
  const b2: Row[] = await tx.query(
    `${UNIT_TREE},
     pop AS (
       SELECT h.staff_id, h.unit_id, h.dt_role, h.status, h.leave_kind
       FROM staff_history h JOIN tree t ON t.id = h.unit_id
       WHERE h.valid_from <= $2::date AND (h.valid_to IS NULL OR h.valid_to > $2::date) AND h.status <> 'left'
         AND h.dt_role IN ('dedicated','concurrent')
     ),
     deep AS (
       SELECT DISTINCT ON (c.staff_id) c.staff_id, coalesce(co.title, c.title) AS content, c.completed_at, c.completed_on,
         coalesce(c.provider, ou.name) AS organiser, c.certificate_no
       FROM completions c LEFT JOIN courses co ON co.id = c.course_id LEFT JOIN org_units ou ON ou.id = co.owner_unit_id
       WHERE c.status = 'approved' AND c.completed_at < ${END} AND (c.source = 'internal' OR c.reviewed_at < ${END})
         AND (co.tags && '{digital_communication,science_technology}'::text[] OR c.tags && '{digital_communication,science_technology}'::text[])
         AND c.staff_id IN (SELECT staff_id FROM pop)
       ORDER BY c.staff_id, c.completed_at
     ),
     learning AS (
       SELECT DISTINCT e.staff_id FROM enrolments e JOIN courses co ON co.id = e.course_id
       WHERE e.status IN ('enrolled','in_progress') AND co.tags && '{digital_communication,science_technology}'::text[]
         -- a re-enrolment before a certificate expires counts from when its cycle began
         AND coalesce(e.cycle_started_at, e.enrolled_at) < ${END} AND e.staff_id IN (SELECT staff_id FROM pop)
     )
     SELECT s.full_name, s.birth_year, s.gender, s.position, u.name AS unit_name, p.dt_role, p.status, p.leave_kind,
       d.content, d.completed_at, d.completed_on, d.organiser, d.certificate_no, l.staff_id IS NOT NULL AS learning
     FROM pop p JOIN staff_members s ON s.id = p.staff_id JOIN org_units u ON u.id = p.unit_id
     LEFT JOIN deep d ON d.staff_id = p.staff_id LEFT JOIN learning l ON l.staff_id = p.staff_id
     ORDER BY p.dt_role, s.given_name COLLATE vi_vn, s.family_name COLLATE vi_vn, s.middle_name COLLATE vi_vn, s.id`,
    [wardId, cutOff],
  );
  const vnDay = (d: Row) => (d ? new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(d)) : null);
  const b2rows: Bieu02Row[] = b2.map((r) => ({
    fullName: r.full_name,
    birthYearMale: r.gender === 'male' ? r.birth_year : null,
    birthYearFemale: r.gender === 'female' ? r.birth_year : null,
    position: r.position, unitName: r.unit_name, role: DT_ROLE_VI[r.dt_role] ?? r.dt_role,
    content: r.content ?? null,
    time: r.completed_on ? `${String(r.completed_on).slice(8, 10)}/${String(r.completed_on).slice(5, 7)}/${String(r.completed_on).slice(0, 4)}` : vnDay(r.completed_at),
    organiser: r.organiser ?? null,
    result: r.content ? 'Hoàn thành' : r.learning ? 'Đang học' : 'Chưa tham gia',
    certificateNo: r.certificate_no ?? null,
    note: r.status === 'on_leave' ? `Đang ${LEAVE_VI[r.leave_kind] ?? 'nghỉ dài hạn'}` : null,
  }));
  const trained = b2rows.filter((r) => r.result === 'Hoàn thành').length;

  // ---- Biểu 03: community digital teams and digital-learning classes, by residential group
  const b3: Row[] = await tx.query(
    `WITH rg AS (SELECT id, name FROM org_units WHERE parent_id = $1 AND type = 'residential_group'),
     sub AS (
       SELECT rg.id AS rg_id, u.id, u.type FROM rg JOIN org_units u ON u.id = rg.id OR u.parent_id = rg.id
     ),
     members AS (
       SELECT sub.rg_id, s.id AS staff_id FROM sub
       JOIN staff_history h ON h.valid_from <= $2::date AND (h.valid_to IS NULL OR h.valid_to > $2::date) AND h.status <> 'left'
       JOIN staff_members s ON s.id = h.staff_id AND s.community_digital_team_id = sub.id
       WHERE sub.type = 'community_digital_team'
     ),
     held AS (
       SELECT sub.rg_id, k.id AS class_id, k.min_share, s.id AS session_id
       FROM sub JOIN classes k ON k.owner_unit_id = sub.id AND k.class_type = 'digital_learning_class'
       JOIN class_sessions s ON s.class_id = k.id AND s.status <> 'cancelled' AND s.starts_at < ${END}
     ),
     att AS (
       SELECT h.rg_id, h.class_id, h.min_share, r.id AS roster_id, r.resident_id, r.staff_id, count(*) AS attended
       FROM held h JOIN attendance_marks m ON m.session_id = h.session_id AND m.status IN ('present','late','left_early')
       JOIN class_roster r ON r.id = m.roster_id
       GROUP BY h.rg_id, h.class_id, h.min_share, r.id, r.resident_id, r.staff_id
     ),
     per_class AS (SELECT rg_id, class_id, count(DISTINCT session_id) AS sessions FROM held GROUP BY rg_id, class_id)
     SELECT rg.id, rg.name,
       (SELECT count(*) FROM sub WHERE sub.rg_id = rg.id AND sub.type = 'community_digital_team')::int AS teams,
       (SELECT count(*) FROM members m WHERE m.rg_id = rg.id)::int AS members,
       (SELECT count(DISTINCT m.staff_id) FROM members m JOIN completions c ON c.staff_id = m.staff_id AND c.status = 'approved'
          AND c.completed_at < ${END} WHERE m.rg_id = rg.id)::int AS members_trained,
       (SELECT count(*) FROM per_class pc WHERE pc.rg_id = rg.id)::int AS classes,
       (SELECT coalesce(sum(a.attended), 0) FROM att a WHERE a.rg_id = rg.id)::int AS attendances,
       (SELECT count(DISTINCT coalesce(a.resident_id, a.staff_id)) FROM att a WHERE a.rg_id = rg.id)::int AS participants,
       (SELECT count(DISTINCT a.resident_id) FROM att a JOIN per_class pc ON pc.class_id = a.class_id
          WHERE a.rg_id = rg.id AND a.resident_id IS NOT NULL AND a.attended * 100 >= a.min_share * pc.sessions)::int AS confirmed
     FROM rg ORDER BY rg.name COLLATE vi_vn`,
    [wardId, cutOff],
  );
  const b3rows: Bieu03Row[] = b3.map((r) => ({
    unitName: r.name, teams: r.teams, members: r.members, membersTrained: r.members_trained, classes: r.classes,
    attendances: r.attendances, participants: r.participants, residentsConfirmed: r.confirmed,
  }));
  const t3 = (k: keyof Bieu03Row) => b3rows.reduce((a, r) => a + Number(r[k]), 0);

  return {
    cutOff,
    bieu01: {
      rows,
      total: toB1('total', '', 'Tổng cộng', totalRow),
      police: police ? toB1('police', includePolice ? 'V' : '', includePolice ? 'Công an phường' : 'Công an phường (báo cáo theo ngành dọc, chỉ để tham khảo)', police) : null,
    },
    bieu02: { rows: b2rows, total: b2rows.length, trained, share: share(trained, b2rows.length) },
    bieu03: {
      rows: b3rows,
      total: {
        unitName: `Tổng cộng (${b3rows.length} TDP)`, teams: t3('teams'), members: t3('members'), membersTrained: t3('membersTrained'),
        classes: t3('classes'), attendances: t3('attendances'), participants: t3('participants'), residentsConfirmed: t3('residentsConfirmed'),
      },
    },
    computedAt: new Date().toISOString(),
  };
}
