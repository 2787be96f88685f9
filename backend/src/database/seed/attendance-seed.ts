import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { nfc } from '../../common/text/vietnamese';

/**
 * Demo attendance: a "Bình dân học vụ số" class of Tổ dân phố 3 (run by its community digital team) with a weekly
 * series of 8 Saturday-evening sessions (3 already held, with marks from the paper sheet, the rotating QR and the
 * trainer's phone), 14 residents without accounts on the roster; and a held briefing on Resolution 57 for ward staff
 * (the demo learner attended: its hours show in the training-hours ledger). Dates are relative to the seeding day.
 * All people are fictional.
 */

const RESIDENTS: [string, string | null, number][] = [
  ['Nguyễn Thị Lài', '0905123401', 1958],
  ['Trần Văn Bảy', '0905123402', 1955],
  ['Y Bhăm', '0366123403', 1972],
  ['A Tuấn', '0366123404', 1980],
  ['Rơ Châm H\'Lan', '0366123405', 1985],
  ['Lê Thị Hoa', '0905123406', 1962],
  ['Phạm Văn Đức', '0905123407', 1966],
  ['Hoàng Thị Thu Hà', '0349123408', 1990],
  ['Võ Văn Sáu', null, 1950],
  ['Đinh Thị Mai', '0779123410', 1978],
  ['Siu H\'Mai', '0779123411', 1995],
  ['Nguyễn Văn Tám', '0905123412', 1957],
  ['Bùi Thị Ngọc Ánh', '0835123413', 1988],
  ['Đặng Văn Lực', null, 1960],
];

const TOPICS = [
  'Làm quen với điện thoại thông minh: bật, tắt, kết nối Wi-Fi',
  'Cài đặt và kích hoạt tài khoản định danh điện tử VNeID',
  'Nộp hồ sơ trên Cổng Dịch vụ công quốc gia',
  'Thanh toán không dùng tiền mặt an toàn',
  'Nhận diện và phòng tránh lừa đảo trên mạng',
  'Dùng Zalo và tra cứu thông tin chính thống',
  'Học trên nền tảng binhdanhocvuso.gov.vn',
  'Ôn tập, thực hành và xác nhận kỹ năng số cơ bản',
];

// per resident: status of each held session (p present, l late, e left early, x excused, u unexcused)
const PATTERN = ['ppp', 'plp', 'ppp', 'pxp', 'lpp', 'ppe', 'upp', 'ppp', 'ppx', 'plp', 'ppp', 'uxu', 'ppp', 'pup'];
const STATUS: Record<string, string> = { p: 'present', l: 'late', e: 'left_early', x: 'excused', u: 'unexcused' };

const VN = 7 * 3600 * 1000;
const at = (date: string, time: string) => new Date(`${date}T${time}:00+07:00`);
const addDays = (date: string, n: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

export async function seedAttendance(tx: EntityManager, now = new Date()): Promise<void> {
  const [tdp] = await tx.query(`SELECT id FROM org_units WHERE code = 'TDP03'`);
  const [ward] = await tx.query(`SELECT id FROM org_units WHERE code = '23302'`);
  const [trainer] = await tx.query(`SELECT id FROM users WHERE username = 'trainer'`);
  const [learner] = await tx.query(`SELECT staff_id FROM users WHERE username = 'learner'`);
  if (!tdp || !ward || !trainer) return;
  const today = new Date(now.getTime() + VN).toISOString().slice(0, 10);
  const weekday = new Date(`${today}T00:00:00Z`).getUTCDay(); // 6 = Saturday
  // the Saturday three weeks before the latest Saturday (today included)
  const start = addDays(today, -((weekday + 1) % 7) - 21);

  // ---- the "Bình dân học vụ số" class of Tổ dân phố 3
  const [cls] = await tx.query(
    `INSERT INTO classes (code, title, description, class_type, owner_unit_id, trainer_ids, venue_name, venue_address, venue_lat, venue_lng,
       capacity, status, checkin_opens_before_min, checkin_closes_after_min, late_after_min, device_cooldown_min, checkin_step_seconds, min_share)
     VALUES ($1, $2, $3, 'digital_learning_class', $4, $5, $6, $7, 14.3497, 108.0005, 30, 'in_progress', 30, 45, 10, 10, 15, 75) RETURNING id`,
    [
      'BDHVS-TDP3-2026',
      nfc('Lớp "Bình dân học vụ số" Tổ dân phố 3: kỹ năng số cơ bản cho người dân'),
      nfc('Lớp học tập số buổi tối do Tổ công nghệ số cộng đồng Tổ dân phố 3 tổ chức, theo Khung kiến thức, kỹ năng số cơ bản (QĐ 757/QĐ-BKHCN). Người dân mang theo điện thoại thông minh và CCCD gắn chip.'),
      tdp.id, [trainer.id],
      nfc('Nhà văn hóa Tổ dân phố 3'), nfc('Tổ dân phố 3, phường Đăk Bla, tỉnh Quảng Ngãi'),
    ],
  );
  const seriesId = randomUUID();
  const sessions: { id: string; startsAt: Date; endsAt: Date }[] = [];
  for (let k = 0; k < 8; k++) {
    const date = addDays(start, 7 * k);
    const startsAt = at(date, '19:00');
    const endsAt = at(date, '20:30');
    const [s] = await tx.query(
      `INSERT INTO class_sessions (class_id, series_id, starts_at, ends_at, topic, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [cls.id, seriesId, startsAt, endsAt, nfc(TOPICS[k]), trainer.id],
    );
    sessions.push({ id: s.id, startsAt, endsAt });
  }
  const roster: string[] = [];
  for (const [name, phone, year] of RESIDENTS) {
    const [r] = await tx.query(
      `INSERT INTO residents (full_name, phone, birth_year, unit_id, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [nfc(name), phone, year, tdp.id, trainer.id],
    );
    const [ro] = await tx.query(
      `INSERT INTO class_roster (class_id, resident_id, source, added_by, added_at) VALUES ($1, $2, 'manual', $3, $4) RETURNING id`,
      [cls.id, r.id, trainer.id, new Date(sessions[0].startsAt.getTime() - 5 * 86_400_000)],
    );
    roster.push(ro.id);
  }
  const held = sessions.filter((s) => s.endsAt.getTime() < now.getTime()).slice(0, 3);
  for (const [k, s] of held.entries()) {
    // session 1 typed back from the paper sheet; session 2 by rotating QR (absences by the trainer); session 3 on the trainer's phone
    for (const [i, rosterId] of roster.entries()) {
      const status = STATUS[PATTERN[i][k]];
      const late = status === 'late' ? 10 + ((i * 7) % 20) : null;
      const source = k === 0 ? 'paper' : k === 1 && ['present', 'late'].includes(status) ? 'qr' : 'trainer';
      const markedAt = source === 'paper'
        ? new Date(s.endsAt.getTime() + 86_400_000)
        : source === 'qr' ? new Date(s.startsAt.getTime() + (late ?? -(12 - (i % 5))) * 60_000) : new Date(s.startsAt.getTime() + (20 + i) * 60_000);
      const remark = status === 'excused' ? nfc('Đi khám bệnh, có báo trước') : status === 'left_early' ? nfc('Về sớm đón cháu') : null;
      await tx.query(
        `INSERT INTO attendance_marks (session_id, roster_id, status, late_minutes, remark, marked_at, marked_by, source, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $6, $6)`,
        [s.id, rosterId, status, late, remark, markedAt, source === 'qr' ? null : trainer.id, source],
      );
      await tx.query(
        `INSERT INTO attendance_mark_history (session_id, roster_id, new_status, new_late_minutes, new_remark, marked_at, applied, source, changed_by, changed_at, reason, after_session_end)
         VALUES ($1, $2, $3, $4, $5, $6, true, $7, $8, $6, $9, $10)`,
        [s.id, rosterId, status, late, remark, markedAt, source, source === 'qr' ? null : trainer.id,
          source === 'paper' ? nfc('Nhập từ phiếu điểm danh giấy') : null, source === 'paper'],
      );
    }
  }
  if (held.length >= 2) {
    // a correction after the session, with its reason, in the history
    const s = held[1];
    const rosterId = roster[6];
    const changedAt = new Date(s.endsAt.getTime() + 20 * 3600 * 1000);
    await tx.query(
      `UPDATE attendance_marks SET status = 'excused', remark = $3, marked_at = $4, marked_by = $5, source = 'trainer', updated_at = $4
        WHERE session_id = $1 AND roster_id = $2`,
      [s.id, rosterId, nfc('Gia đình báo ốm, có xác nhận của tổ trưởng'), changedAt, trainer.id],
    );
    const [old] = await tx.query(`SELECT new_status AS status FROM attendance_mark_history WHERE session_id = $1 AND roster_id = $2`, [s.id, rosterId]);
    await tx.query(
      `INSERT INTO attendance_mark_history (session_id, roster_id, old_status, new_status, new_remark, marked_at, applied, source, changed_by, changed_at, reason, after_session_end)
       VALUES ($1, $2, $3, 'excused', $4, $5, true, 'trainer', $6, $5, $7, true)`,
      [s.id, rosterId, old?.status ?? null, nfc('Gia đình báo ốm, có xác nhận của tổ trưởng'), changedAt, trainer.id, nfc('Tổ trưởng xác nhận ốm, sửa sau buổi học')],
    );
  }

  // ---- a held briefing on Resolution 57 for ward staff (standalone: its hours go to the training-hours ledger)
  const [brief] = await tx.query(
    `INSERT INTO classes (code, title, description, class_type, owner_unit_id, trainer_ids, venue_name, venue_address, status, min_share)
     VALUES ('HN-NQ57-2026', $1, $2, 'resolution_briefing', $3, $4, $5, $6, 'completed', 100) RETURNING id`,
    [
      nfc('Hội nghị quán triệt Nghị quyết 57-NQ/TW cho cán bộ, công chức phường'),
      nfc('Quán triệt Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị và Kế hoạch thực hiện của phường.'),
      ward.id, [trainer.id], nfc('Hội trường UBND phường Đăk Bla'), nfc('Phường Đăk Bla, tỉnh Quảng Ngãi'),
    ],
  );
  const bDate = addDays(today, -10);
  const [bs] = await tx.query(
    `INSERT INTO class_sessions (class_id, starts_at, ends_at, topic, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [brief.id, at(bDate, '08:00'), at(bDate, '10:30'), nfc('Quán triệt Nghị quyết 57-NQ/TW và Kế hoạch của phường'), trainer.id],
  );
  const staff = await tx.query(
    `SELECT s.id FROM staff_members s JOIN org_units u ON u.id = s.unit_id
      WHERE s.category IN ('cadre','civil_servant') AND s.status = 'active' AND (u.id = $1 OR u.parent_id = $1)
      ORDER BY s.staff_code LIMIT 11`,
    [ward.id],
  );
  // the demo learner first (present): the briefing's 2.5 hours show in their training-hours ledger
  const people: string[] = [...(learner?.staff_id ? [learner.staff_id] : []), ...staff.map((s: { id: string }) => s.id).filter((id: string) => id !== learner?.staff_id)];
  for (const [i, staffId] of people.entries()) {
    const [ro] = await tx.query(`INSERT INTO class_roster (class_id, staff_id, source, added_by) VALUES ($1, $2, 'manual', $3) RETURNING id`, [brief.id, staffId, trainer.id]);
    const status = i === 3 ? 'excused' : i === 7 ? 'late' : 'present';
    const markedAt = at(bDate, i === 7 ? '08:25' : '07:55');
    await tx.query(
      `INSERT INTO attendance_marks (session_id, roster_id, status, late_minutes, marked_at, source, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $5, $5)`,
      [bs.id, ro.id, status, status === 'late' ? 25 : null, markedAt, status === 'excused' ? 'trainer' : 'qr'],
    );
    await tx.query(
      `INSERT INTO attendance_mark_history (session_id, roster_id, new_status, new_late_minutes, marked_at, applied, source, changed_at) VALUES ($1, $2, $3, $4, $5, true, $6, $5)`,
      [bs.id, ro.id, status, status === 'late' ? 25 : null, markedAt, status === 'excused' ? 'trainer' : 'qr'],
    );
  }
}
