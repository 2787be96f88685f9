/**
 * Demo data for the officials' dashboard: the plan's three targets (domain notes §5) and enough history behind
 * them that the figures, the monthly chart and the "not yet trained" lists mean something right after `npm start`:
 * the roster is dated from 01/01/2025, most officials were briefed on Resolution 57 during 2025, some joined
 * provincial programmes, and three of the ten DT officers finished in-depth training.
 */
import { EntityManager } from 'typeorm';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Row = any;

const ROSTER_FROM = '2025-01-01';

/** A deterministic spread of dates between two days (an S-curve: slow start, busy middle, slow end). */
function spread(i: number, n: number, from: string, to: string): Date {
  const a = Date.parse(`${from}T00:00:00+07:00`);
  const b = Date.parse(`${to}T00:00:00+07:00`);
  const x = (i + 0.5) / n;
  const s = x < 0.5 ? 2 * x * x : 1 - 2 * (1 - x) * (1 - x);
  const day = Math.floor(a + s * (b - a));
  return new Date(day + (8 + ((i * 7) % 9)) * 3600000); // office hours
}

async function completeCourse(tx: EntityManager, courseId: string, staffId: string, at: Date, enrolledBy: string | null) {
  const [course] = await tx.query(`SELECT version, duration_hours FROM courses WHERE id = $1`, [courseId]);
  const items: Row[] = await tx.query(`SELECT id, type FROM course_items WHERE course_id = $1 AND required ORDER BY position`, [courseId]);
  const enrolledAt = new Date(at.getTime() - 9 * 86400000);
  const [e] = await tx.query(
    `INSERT INTO enrolments (course_id, staff_id, source, status, completed_at, enrolled_by, enrolled_at, updated_at)
     VALUES ($1, $2, 'manual', 'completed', $3, $4, $5, $3)
     ON CONFLICT (course_id, staff_id) DO UPDATE SET status = 'completed', completed_at = EXCLUDED.completed_at, updated_at = EXCLUDED.updated_at
     RETURNING id`,
    [courseId, staffId, at, enrolledBy, enrolledAt],
  );
  for (const [k, it] of items.entries()) {
    const when = new Date(at.getTime() - (items.length - 1 - k) * 3600000);
    await tx.query(
      `INSERT INTO item_progress (enrolment_id, item_id, status, progress, score, completed_at, updated_at)
       VALUES ($1, $2, 'completed', 100, $3, $4, $4)
       ON CONFLICT (enrolment_id, item_id) DO UPDATE SET status = 'completed', progress = 100, score = EXCLUDED.score, completed_at = EXCLUDED.completed_at`,
      [e.id, it.id, it.type === 'quiz' ? 80 + (k * 7) % 20 : null, when],
    );
  }
  await tx.query(
    `INSERT INTO completions (staff_id, course_id, enrolment_id, course_version, completed_at, hours, rule, source, status)
     VALUES ($1, $2, $3, $4, $5, $6, 'all_required_items', 'internal', 'approved')
     ON CONFLICT DO NOTHING`,
    [staffId, courseId, e.id, course.version, at, course.duration_hours],
  );
}

async function external(
  tx: EntityManager,
  o: { staffId: string; source: 'bdhvs' | 'provincial_program'; title: string; provider: string; on: string; hours: number; certificateNo: string | null;
    tags: string[]; status: 'approved' | 'pending'; reviewer: string | null },
) {
  const completedAt = new Date(Date.parse(`${o.on}T00:00:00+07:00`) + 17 * 3600000);
  const submittedAt = new Date(completedAt.getTime() + 3 * 86400000);
  const reviewedAt = o.status === 'approved' ? new Date(submittedAt.getTime() + 2 * 86400000) : null;
  await tx.query(
    `INSERT INTO completions (staff_id, course_id, course_version, completed_at, hours, rule, source, status, title, provider, completed_on,
       certificate_no, tags, submitted_by, submitted_at, reviewed_by, reviewed_at, review_note)
     VALUES ($1, NULL, NULL, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
    [o.staffId, completedAt, o.hours, `external_${o.source}`, o.source, o.status, o.title, o.provider, o.on, o.certificateNo, o.tags,
      o.reviewer, submittedAt, o.status === 'approved' ? o.reviewer : null, reviewedAt,
      o.status === 'approved' ? 'Đã đối chiếu giấy chứng nhận' : null],
  );
}

export async function seedTargets(tx: EntityManager, wardId: string, learnerStaffId: string | undefined): Promise<void> {
  const [manager] = await tx.query(`SELECT id FROM users WHERE username = 'manager'`);
  const managerId: string | null = manager?.id ?? null;
  // the roster as it stood from the start of the plan: everyone's first period starts on 01/01/2025
  await tx.query(`UPDATE staff_history SET valid_from = $1 WHERE valid_from > $1 AND valid_to IS NULL`, [ROSTER_FROM]);

  const [nq57] = await tx.query(`SELECT id FROM courses WHERE code = 'NQ57-01'`);
  const [digital] = await tx.query(`SELECT id FROM courses WHERE code = 'KNS-TTS-01'`);
  const officials: Row[] = await tx.query(
    `SELECT s.id, s.status, s.category, s.dt_role FROM staff_members s
     WHERE s.category IN ('cadre','civil_servant','public_employee') AND s.id <> coalesce($1::uuid, '00000000-0000-0000-0000-000000000000')
     ORDER BY s.given_name COLLATE vi_vn, s.family_name COLLATE vi_vn, s.id`,
    [learnerStaffId ?? null],
  ); // the demo learner's own record stays untouched: their journey starts in the SPA

  // 2025: the Resolution 57 briefing, followed by most officials between February and December 2025
  const briefed = officials.filter((p, i) => p.status === 'active' && i % 9 !== 4);
  for (const [i, p] of briefed.entries()) {
    await completeCourse(tx, nq57.id, p.id, spread(i, briefed.length, '2025-02-10', '2025-12-12'), managerId);
  }
  // the rest are enrolled with a due date, so the "not yet trained" list shows their progress
  for (const p of officials.filter((x) => !briefed.includes(x))) {
    await tx.query(
      `INSERT INTO enrolments (course_id, staff_id, source, status, due_date, enrolled_by) VALUES ($1, $2, 'manual', 'enrolled', '2026-12-31', $3)
       ON CONFLICT DO NOTHING`,
      [nq57.id, p.id, managerId],
    );
  }

  // provincial programmes (Sở KH&CN, Sở Nội vụ), approved; a few BDHVS certificates; two waiting for approval
  const programmes = [
    { title: 'Bồi dưỡng kiến thức chuyển đổi số cho cán bộ, công chức cấp xã năm 2025', provider: 'Sở Khoa học và Công nghệ tỉnh Quảng Ngãi', hours: 16 },
    { title: 'Bồi dưỡng kỹ năng số và an toàn thông tin cho công chức', provider: 'Sở Nội vụ tỉnh Quảng Ngãi', hours: 24 },
  ];
  const joined = officials.filter((p, i) => p.status === 'active' && i % 3 === 0);
  for (const [i, p] of joined.entries()) {
    const prog = programmes[i % 2];
    const at = spread(i, joined.length, '2025-05-05', '2026-10-20');
    await external(tx, {
      staffId: p.id, source: 'provincial_program', title: prog.title, provider: prog.provider,
      on: new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(at), hours: prog.hours,
      certificateNo: `${100 + i}/GCN-${i % 2 ? 'SNV' : 'SKHCN'}`, tags: [], status: 'approved', reviewer: managerId,
    });
  }
  const waiting = officials.filter((p, i) => p.status === 'active' && i % 3 === 1).slice(0, 2);
  for (const [i, p] of waiting.entries()) {
    await external(tx, {
      staffId: p.id, source: i === 0 ? 'provincial_program' : 'bdhvs',
      title: i === 0 ? programmes[0].title : 'Kỹ năng số cơ bản cho cán bộ, công chức, viên chức', provider: i === 0 ? programmes[0].provider : 'binhdanhocvuso.gov.vn',
      on: '2026-11-10', hours: i === 0 ? 16 : 6, certificateNo: null, tags: [], status: 'pending', reviewer: null,
    });
  }
  for (const [i, p] of officials.filter((x, k) => x.status === 'active' && k % 5 === 2).slice(0, 6).entries()) {
    await external(tx, {
      staffId: p.id, source: 'bdhvs', title: 'Kỹ năng số cơ bản cho cán bộ, công chức, viên chức', provider: 'binhdanhocvuso.gov.vn',
      on: `2025-${String(6 + i).padStart(2, '0')}-15`, hours: 6, certificateNo: null, tags: ['0.1', '0.2'], status: 'approved', reviewer: managerId,
    });
  }

  // 2030: in-depth training of the DT officers: two finished the ward's course, one a provincial in-depth programme
  const dt: Row[] = await tx.query(
    `SELECT id FROM staff_members WHERE dt_role IN ('dedicated','concurrent') AND status = 'active' AND id <> coalesce($1::uuid, '00000000-0000-0000-0000-000000000000')
     ORDER BY dt_role DESC, given_name COLLATE vi_vn, id`, // dedicated first: the quiz demo uses part-time officers from the second on
    [learnerStaffId ?? null],
  );
  if (dt[0]) {
    await external(tx, {
      staffId: dt[0].id, source: 'provincial_program', title: 'Truyền thông số trên nền tảng mạng xã hội của cơ quan nhà nước',
      provider: 'Sở Khoa học và Công nghệ tỉnh Quảng Ngãi', on: '2025-05-14', hours: 24, certificateNo: '25/GCN-SKHCN',
      tags: ['digital_communication'], status: 'approved', reviewer: managerId,
    });
  }
  for (const [i, p] of dt.slice(1, 3).entries()) {
    await completeCourse(tx, digital.id, p.id, new Date(Date.parse(i ? '2026-06-18T09:00:00+07:00' : '2026-03-20T15:00:00+07:00')), managerId);
  }

  const targets = [
    {
      code: 'NQ57-2025', name: '100% cán bộ, công chức, viên chức được phổ biến, quán triệt Nghị quyết 57-NQ/TW',
      policy: '57-NQ/TW; KH 662/KH-UBND', categories: ['cadre', 'civil_servant', 'public_employee'], dtRoles: [],
      courseIds: [nq57.id], courseTags: ['resolution_57'], sources: [], start: '2025-01-01', deadline: '2025-12-31', share: 100,
      milestones: [{ date: '2025-06-30', share: 50, label: 'Báo cáo 6 tháng' }],
    },
    {
      code: 'BDT-2027', name: 'Cán bộ, công chức tham gia các chương trình bồi dưỡng của tỉnh',
      policy: 'KH 662/KH-UBND', categories: ['cadre', 'civil_servant'], dtRoles: [],
      courseIds: [], courseTags: [], sources: ['provincial_program'], start: '2025-01-01', deadline: '2027-12-31', share: 100,
      milestones: [{ date: '2026-12-31', share: 60, label: 'Năm 2026' }],
    },
    {
      code: 'CDS-2030', name: '100% nhân lực chuyên trách, kiêm nhiệm chuyển đổi số được bồi dưỡng chuyên sâu về kỹ năng truyền thông số, khoa học và công nghệ',
      policy: '57-NQ/TW', categories: [], dtRoles: ['dedicated', 'concurrent'],
      courseIds: [digital.id], courseTags: ['digital_communication'], sources: [], start: '2025-01-01', deadline: '2030-12-31', share: 100,
      milestones: [{ date: '2027-12-31', share: 50, label: 'Năm 2027' }, { date: '2029-12-31', share: 80, label: 'Năm 2029' }],
    },
  ];
  for (const t of targets) {
    await tx.query(
      `INSERT INTO targets (code, name, policy_ref, unit_id, categories, dt_roles, course_ids, course_tags, external_sources, target_share,
         start_date, deadline, milestones, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [t.code, t.name, t.policy, wardId, t.categories, t.dtRoles, t.courseIds, t.courseTags, t.sources, t.share, t.start, t.deadline,
        JSON.stringify(t.milestones), managerId],
    );
  }
}
