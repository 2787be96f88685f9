import { Inject, Injectable } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../../common/auth/permissions';
import { AppError } from '../../common/errors/app-error';
import { fold, nfc, normalizePhone } from '../../common/text/vietnamese';
import { APP_CONFIG, AppConfig } from '../../config/env';
import { ATTENDED, OPEN_CLASS, Row, utcToLocal } from './attendance-common';
import { CheckInDto, CheckInResultDto, CheckInScreenDto, LiveListDto, ResolveCheckInDto, ResolveResultDto } from './attendance.dto';
import {
  DEVICE_TOKEN_RE, deviceHash, haversineM, newDeviceToken, parseTicket, parseToken, shortCode, signTicket, signToken, stepOf, TICKET_SECONDS,
} from './checkin-token';
import { ClassesService } from './classes.service';
import { MarksService } from './marks.service';

const MAX_CODE_FAILURES_PER_MINUTE = 10;
/** how far back a typed code is recognised as "expired" rather than "wrong" */
const EXPIRED_LOOKBACK_SECONDS = 180;
const GPS_ACCURACY_ALLOWANCE_M = 50;

const hm = (d: Date) => utcToLocal(d).time;
const refuse = (status: number, code: string, params: Record<string, string | number> = {}, fields?: Record<string, { vi: string; en: string }>, headers?: Record<string, string>) =>
  new AppError(status, code, params, fields, headers);

/** The HMAC key for QR tokens: derived from CHECKIN_SECRET, or from the random secret the migration stored. */
@Injectable()
export class CheckinKeyService {
  private key: Promise<Buffer> | null = null;
  constructor(private readonly dataSource: DataSource, @Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get(): Promise<Buffer> {
    this.key ??= (async () => {
      let secret: Buffer;
      if (this.config.checkinSecret) secret = Buffer.from(this.config.checkinSecret, 'utf8');
      else {
        const [row] = await this.dataSource.query(`SELECT secret FROM app_secrets WHERE name = 'checkin'`);
        if (!row) throw new Error('app_secrets has no check-in secret: run the migrations');
        secret = row.secret as Buffer;
      }
      return createHmac('sha256', secret).update('dakbla-checkin-v1').digest();
    })().catch((e) => { this.key = null; throw e; });
    return this.key;
  }
}

interface SessionCtx { session: Row; cls: Row }

@Injectable()
export class CheckinService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: CheckinKeyService,
    private readonly classes: ClassesService,
    private readonly marks: MarksService,
  ) {}

  private window(s: Row) {
    const start = new Date(s.starts_at).getTime();
    const opensAt = new Date(start - s.checkin_opens_before_min * 60_000);
    const closesAt = new Date(start + s.checkin_closes_after_min * 60_000);
    const now = Date.now();
    return { opensAt, closesAt, open: now >= opensAt.getTime() && now <= closesAt.getTime() };
  }

  private geofence(s: Row): { radiusM: number; lat: number; lng: number } | null {
    if (!s.geofence_radius_m) return null;
    const lat = s.s_venue_lat ?? s.venue_lat;
    const lng = s.s_venue_lng ?? s.venue_lng;
    if (lat === null || lat === undefined || lng === null || lng === undefined) return null;
    return { radiusM: s.geofence_radius_m, lat: Number(lat), lng: Number(lng) };
  }

  // ------------------------------------------------------------------ the trainer's screen

  async screen(actor: Actor, sessionId: string): Promise<CheckInScreenDto> {
    const { session, cls } = await this.classes.loadSession(actor, sessionId);
    const key = await this.keys.get();
    const now = Date.now();
    const stepSeconds = cls.checkin_step_seconds;
    const step = stepOf(now, stepSeconds);
    const token = signToken(key, sessionId, step, stepSeconds);
    const row = { ...cls, starts_at: session.starts_at, s_venue_lat: session.venue_lat, s_venue_lng: session.venue_lng };
    const w = this.window(row);
    return {
      sessionId,
      token,
      code: shortCode(key, sessionId, step, stepSeconds),
      path: `/check-in?t=${encodeURIComponent(token)}`,
      stepSeconds,
      validUntil: new Date((step + 1) * stepSeconds * 1000).toISOString(),
      serverTime: new Date(now).toISOString(),
      window: { opensAt: w.opensAt.toISOString(), closesAt: w.closesAt.toISOString(), open: w.open },
      geofence: this.geofence(row),
      counts: await this.marks.counts(this.dataSource.manager, cls.id, sessionId),
    };
  }

  async live(actor: Actor, sessionId: string, after?: string): Promise<LiveListDto> {
    const { cls } = await this.classes.loadSession(actor, sessionId);
    const rows = await this.dataSource.query(
      `SELECT m.roster_id, m.status, m.late_minutes, m.marked_at, m.source, m.change_seq::text AS seq,
              coalesce(sm.full_name, res.full_name) AS full_name, r.staff_id
         FROM attendance_marks m JOIN class_roster r ON r.id = m.roster_id
         LEFT JOIN staff_members sm ON sm.id = r.staff_id LEFT JOIN residents res ON res.id = r.resident_id
        WHERE m.session_id = $1 AND m.change_seq > $2::bigint ORDER BY m.change_seq DESC LIMIT 500`,
      [sessionId, after ?? '0'],
    );
    return {
      items: rows.map((r: Row) => ({
        rosterId: r.roster_id, fullName: r.full_name, kind: r.staff_id ? 'staff' : 'resident', status: r.status, lateMinutes: r.late_minutes,
        checkedInAt: new Date(r.marked_at).toISOString(), source: r.source,
      })),
      cursor: rows.length ? rows[0].seq : after ?? '0',
      counts: await this.marks.counts(this.dataSource.manager, cls.id, sessionId),
    };
  }

  // ------------------------------------------------------------------ the learner's phone

  private async load(runner: EntityManager, sessionId: string): Promise<Row | null> {
    const [row] = await runner.query(
      `SELECT c.*, s.id AS session_id, s.status AS session_status, s.starts_at, s.ends_at, s.topic, s.venue_name AS s_venue_name,
              s.venue_lat AS s_venue_lat, s.venue_lng AS s_venue_lng
         FROM class_sessions s JOIN classes c ON c.id = s.class_id WHERE s.id = $1`,
      [sessionId],
    );
    return row ?? null;
  }

  private async codeFailure(ip: string) {
    await this.dataSource.query(`INSERT INTO checkin_code_failures (ip) VALUES ($1)`, [ip]);
  }

  private async tooManyCodes(ip: string): Promise<boolean> {
    const [{ n }] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM checkin_code_failures WHERE ip = $1 AND at > now() - interval '1 minute'`, [ip],
    );
    return n >= MAX_CODE_FAILURES_PER_MINUTE;
  }

  /** The session a live token or a typed code stands for; refuses expired, forged and wrong ones. */
  private async fromTokenOrCode(dto: ResolveCheckInDto, ip: string): Promise<Row> {
    const key = await this.keys.get();
    const now = Date.now();
    if (dto.token) {
      const t = parseToken(key, dto.token);
      if (!t) throw refuse(400, 'CHECKIN_TOKEN_INVALID');
      if (dto.sessionId && dto.sessionId.toLowerCase() !== t.sessionId) throw refuse(400, 'CHECKIN_TOKEN_WRONG_SESSION');
      const row = await this.load(this.dataSource.manager, t.sessionId);
      if (!row) throw refuse(400, 'CHECKIN_TOKEN_INVALID');
      const current = stepOf(now, row.checkin_step_seconds);
      if (t.stepSeconds !== row.checkin_step_seconds || t.step < current - 1) throw refuse(410, 'CHECKIN_TOKEN_EXPIRED');
      if (t.step > current) throw refuse(400, 'CHECKIN_TOKEN_INVALID');
      return row;
    }
    if (!dto.code) {
      throw refuse(400, 'VALIDATION_FAILED', {}, { token: { vi: 'Cần mã QR hoặc mã số điểm danh', en: 'A QR token or a check-in code is required' } });
    }
    const code = dto.code.replace(/\s/g, '');
    if (await this.tooManyCodes(ip)) throw refuse(429, 'CHECKIN_TOO_MANY_CODES', {}, undefined, { 'retry-after': '60' });
    if (!/^\d{6}$/.test(code)) {
      await this.codeFailure(ip);
      throw refuse(400, 'CHECKIN_TOKEN_INVALID', {}, { code: { vi: 'Mã gồm 6 chữ số', en: 'The code has 6 digits' } });
    }
    // sessions whose check-in window is open now (or closed within the look-back, for the "expired" answer)
    const open = await this.dataSource.query(
      `SELECT s.id, c.checkin_step_seconds FROM class_sessions s JOIN classes c ON c.id = s.class_id
        WHERE s.status = 'scheduled' AND s.starts_at BETWEEN now() - interval '11 hours' AND now() + interval '5 hours'
          AND now() BETWEEN s.starts_at - make_interval(mins => c.checkin_opens_before_min)
                        AND s.starts_at + make_interval(mins => c.checkin_closes_after_min) + make_interval(secs => ${EXPIRED_LOOKBACK_SECONDS})
          AND ($1::uuid IS NULL OR s.id = $1)`,
      [dto.sessionId ?? null],
    );
    const live: string[] = [];
    let expired = false;
    for (const s of open) {
      const cur = stepOf(now, s.checkin_step_seconds);
      if (shortCode(key, s.id, cur, s.checkin_step_seconds) === code || shortCode(key, s.id, cur - 1, s.checkin_step_seconds) === code) live.push(s.id);
      else {
        const back = Math.ceil(EXPIRED_LOOKBACK_SECONDS / s.checkin_step_seconds);
        for (let k = 2; k <= back && !expired; k++) if (shortCode(key, s.id, cur - k, s.checkin_step_seconds) === code) expired = true;
      }
    }
    if (live.length === 1) return (await this.load(this.dataSource.manager, live[0])) as Row;
    if (expired && !live.length) throw refuse(410, 'CHECKIN_TOKEN_EXPIRED');
    await this.codeFailure(ip);
    throw refuse(400, 'CHECKIN_TOKEN_INVALID', {}, live.length > 1 ? { code: { vi: 'Mã trùng với lớp khác: hãy quét mã QR', en: 'The code matches several classes: scan the QR code' } } : undefined);
  }

  private assertOpen(row: Row) {
    if (row.session_status !== 'scheduled' || !OPEN_CLASS.includes(row.status)) throw refuse(409, 'CHECKIN_SESSION_NOT_ACTIVE');
    const w = this.window(row);
    const now = Date.now();
    if (now < w.opensAt.getTime()) throw refuse(403, 'CHECKIN_WINDOW_NOT_OPEN', { opensAt: hm(w.opensAt) });
    if (now > w.closesAt.getTime()) throw refuse(403, 'CHECKIN_WINDOW_CLOSED', { closesAt: hm(w.closesAt) });
  }

  private async staffOf(actor: Actor | null, runner: EntityManager): Promise<{ id: string; full_name: string } | null> {
    if (!actor) return null;
    const [s] = await runner.query(`SELECT s.id, s.full_name FROM users u JOIN staff_members s ON s.id = u.staff_id WHERE u.id = $1`, [actor.userId]);
    return s ?? null;
  }

  private async device(runner: EntityManager, token: string | undefined): Promise<Row | null> {
    if (!token || !DEVICE_TOKEN_RE.test(token)) return null;
    const [d] = await runner.query(
      `SELECT d.*, res.full_name AS resident_name FROM checkin_devices d LEFT JOIN residents res ON res.id = d.resident_id WHERE d.token_hash = $1`,
      [deviceHash(token)],
    );
    return d ?? null;
  }

  private async newDevice(runner: EntityManager): Promise<{ token: string; row: Row }> {
    const token = newDeviceToken();
    const [row] = await runner.query(`INSERT INTO checkin_devices (token_hash) VALUES ($1) RETURNING *`, [deviceHash(token)]);
    return { token, row };
  }

  private sessionInfo(row: Row) {
    const a = utcToLocal(new Date(row.starts_at));
    return {
      id: row.session_id, classTitle: row.title, topic: row.topic, date: a.date, startTime: a.time, endTime: hm(new Date(row.ends_at)),
      venueName: row.s_venue_name ?? row.venue_name,
    };
  }

  async resolve(actor: Actor | null, dto: ResolveCheckInDto, ip: string): Promise<ResolveResultDto> {
    const row = await this.fromTokenOrCode(dto, ip);
    this.assertOpen(row);
    const key = await this.keys.get();
    let device = await this.device(this.dataSource.manager, dto.deviceToken);
    let deviceToken = dto.deviceToken as string;
    if (!device) ({ token: deviceToken, row: device } = await this.newDevice(this.dataSource.manager));
    const staff = await this.staffOf(actor, this.dataSource.manager);
    const issuedAt = Math.floor(Date.now() / 1000);
    const w = this.window(row);
    return {
      ticket: signTicket(key, row.session_id, issuedAt, deviceToken),
      ticketExpiresAt: new Date((issuedAt + TICKET_SECONDS) * 1000).toISOString(),
      deviceToken,
      session: this.sessionInfo(row),
      identity: staff ? { kind: 'staff', fullName: staff.full_name } : device.resident_name ? { kind: 'resident', fullName: device.resident_name } : { kind: 'none', fullName: null },
      requiresLocation: !!this.geofence(row),
      window: { opensAt: w.opensAt.toISOString(), closesAt: w.closesAt.toISOString(), open: w.open },
    };
  }

  async checkIn(actor: Actor | null, dto: CheckInDto, ip: string, requestId: string): Promise<CheckInResultDto> {
    // 1. which session, and is the code live (a ticket from /resolve, or a live token / code)
    let row: Row;
    if (dto.ticket) {
      const key = await this.keys.get();
      const t = parseTicket(key, dto.ticket);
      if (!t || !dto.deviceToken || !t.device8.equals(deviceHash(dto.deviceToken).subarray(0, 8))) throw refuse(400, 'CHECKIN_TOKEN_INVALID');
      if (dto.sessionId && dto.sessionId.toLowerCase() !== t.sessionId) throw refuse(400, 'CHECKIN_TOKEN_WRONG_SESSION');
      const nowSec = Date.now() / 1000;
      if (t.issuedAt > nowSec + 5) throw refuse(400, 'CHECKIN_TOKEN_INVALID');
      if (nowSec - t.issuedAt > TICKET_SECONDS) throw refuse(410, 'CHECKIN_TOKEN_EXPIRED');
      const r = await this.load(this.dataSource.manager, t.sessionId);
      if (!r) throw refuse(400, 'CHECKIN_TOKEN_INVALID');
      row = r;
    } else {
      row = await this.fromTokenOrCode(dto, ip);
    }
    // 2. guards that need no person
    this.assertOpen(row);
    const fence = this.geofence(row);
    if (fence) {
      if (!dto.location) {
        const how: Record<string, { vi: string; en: string }> = {
          denied: { vi: 'Bạn đã chặn quyền vị trí. Mở cài đặt trình duyệt, cho phép vị trí cho trang này rồi thử lại', en: 'Location permission is blocked. Allow location for this site in the browser settings and try again' },
          unavailable: { vi: 'Điện thoại chưa xác định được vị trí. Hãy bật GPS/định vị rồi thử lại', en: 'The phone could not find its location. Turn on GPS / location services and try again' },
          timeout: { vi: 'Lấy vị trí quá lâu. Hãy ra gần cửa sổ hoặc bật GPS rồi thử lại', en: 'Getting the location took too long. Move near a window or turn on GPS and try again' },
        };
        throw refuse(403, 'CHECKIN_LOCATION_REQUIRED', {}, { location: how[dto.locationError ?? ''] ?? { vi: 'Cần cho phép trình duyệt lấy vị trí', en: 'Allow the browser to use your location' } });
      }
      const distance = haversineM(fence.lat, fence.lng, dto.location.lat, dto.location.lng);
      const allowance = Math.min(dto.location.accuracyM ?? 0, GPS_ACCURACY_ALLOWANCE_M);
      if (distance > fence.radiusM + allowance) {
        throw refuse(403, 'CHECKIN_OUTSIDE_GEOFENCE', { distanceM: Math.round(distance), radiusM: fence.radiusM });
      }
    }
    // 3. who
    let resident: { fullName: string; phone: string; birthYear: number | null } | null = null;
    if (dto.resident) {
      const p = normalizePhone(dto.resident.phone);
      if (!p.ok) {
        throw refuse(400, 'VALIDATION_FAILED', {}, { 'resident.phone': { vi: 'Số điện thoại di động không hợp lệ (10 chữ số, bắt đầu bằng 03, 05, 07, 08, 09)', en: 'Invalid mobile number (10 digits starting 03, 05, 07, 08, 09)' } });
      }
      const name = nfc(dto.resident.fullName).replace(/\s+/g, ' ').trim();
      if (!name) throw refuse(400, 'VALIDATION_FAILED', {}, { 'resident.fullName': { vi: 'Bắt buộc nhập họ tên', en: 'The name is required' } });
      resident = { fullName: name, phone: p.value, birthYear: dto.resident.birthYear ?? null };
    }
    const staff = resident ? null : await this.staffOf(actor, this.dataSource.manager);
    const known = await this.device(this.dataSource.manager, dto.deviceToken);
    if (!resident && !staff && !known?.resident_id) {
      throw refuse(400, 'CHECKIN_IDENTITY_REQUIRED', {}, {
        'resident.fullName': { vi: 'Nhập họ và tên', en: 'Enter your full name' },
        'resident.phone': { vi: 'Nhập số điện thoại', en: 'Enter your phone number' },
      });
    }

    // 4. one transaction: device, roster match (or walk-in), cooldown, the mark and its history, the course item
    return this.dataSource.transaction(async (tx) => {
      let deviceToken = dto.deviceToken as string;
      let device = known;
      if (!device) ({ token: deviceToken, row: device } = await this.newDevice(tx));
      // one device at a time: concurrent requests of one phone cannot slip past the cooldown together
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1::text, 7))`, [device.id]);

      let person: { staffId: string | null; residentId: string | null; fullName: string };
      let rosterId: string | null = null;
      if (staff) {
        person = { staffId: staff.id, residentId: null, fullName: staff.full_name };
        const [r] = await tx.query(`SELECT id FROM class_roster WHERE class_id = $1 AND staff_id = $2`, [row.id, staff.id]);
        rosterId = r?.id ?? null;
      } else if (resident) {
        const key = fold(resident.fullName);
        const matches = await tx.query(
          `SELECT r.id, r.staff_id, r.resident_id, coalesce(sm.full_name, res.full_name) AS full_name,
                  (coalesce(sm.phone, res.phone) = $2) AS by_phone
             FROM class_roster r LEFT JOIN staff_members sm ON sm.id = r.staff_id LEFT JOIN residents res ON res.id = r.resident_id
            WHERE r.class_id = $1 AND coalesce(vn_fold(sm.full_name), res.name_fold) = $3
              AND (coalesce(sm.phone, res.phone) = $2 OR ($4::int IS NOT NULL AND coalesce(sm.birth_year, res.birth_year) = $4))`,
          [row.id, resident.phone, key, resident.birthYear],
        );
        const pick = matches.filter((m: Row) => m.by_phone).length === 1 ? matches.find((m: Row) => m.by_phone) : matches.length === 1 ? matches[0] : null;
        if (pick) {
          rosterId = pick.id;
          person = { staffId: pick.staff_id, residentId: pick.resident_id, fullName: pick.full_name };
        } else {
          person = { staffId: null, residentId: null, fullName: resident.fullName };
        }
      } else {
        const [r] = await tx.query(
          `SELECT r.id, res.full_name FROM class_roster r JOIN residents res ON res.id = r.resident_id WHERE r.class_id = $1 AND r.resident_id = $2`,
          [row.id, device.resident_id],
        );
        person = { staffId: null, residentId: device.resident_id, fullName: r?.full_name ?? device.resident_name };
        rosterId = r?.id ?? null;
      }
      if (!rosterId) {
        if (!row.allow_walk_in) throw refuse(403, 'CHECKIN_NOT_ON_ROSTER');
        if (!person.staffId && !person.residentId) {
          const m = await this.classes.matchOrCreateResident(tx, actor, null, { ...(resident as { fullName: string; phone: string; birthYear: number | null }), unitId: row.owner_unit_id });
          person.staffId = m.staffId ?? null;
          person.residentId = m.residentId ?? null;
        }
        const [existing] = await tx.query(
          `SELECT id FROM class_roster WHERE class_id = $1 AND (staff_id = $2 OR resident_id = $3)`, [row.id, person.staffId, person.residentId],
        );
        rosterId = existing?.id ?? (await this.classes.insertRoster(tx, actor, row, [{ staffId: person.staffId ?? undefined, residentId: person.residentId ?? undefined }], 'walk_in'))[0];
        if (person.staffId) await this.classes.enrolStaff(tx, actor, row.course_id, [person.staffId]);
      }
      const rid = rosterId as string;
      // one device cannot check in several people within the cooldown
      if (row.device_cooldown_min > 0) {
        const [other] = await tx.query(
          `SELECT m.updated_at FROM attendance_marks m JOIN class_roster r ON r.id = m.roster_id
            WHERE m.device_id = $1 AND m.source = 'qr' AND m.updated_at > now() - make_interval(mins => $2)
              AND (r.staff_id IS DISTINCT FROM $3::uuid OR r.resident_id IS DISTINCT FROM $4::uuid)
            ORDER BY m.updated_at DESC LIMIT 1`,
          [device.id, row.device_cooldown_min, person.staffId, person.residentId],
        );
        if (other) {
          const wait = Math.max(1, Math.ceil((new Date(other.updated_at).getTime() + row.device_cooldown_min * 60_000 - Date.now()) / 60_000));
          throw refuse(429, 'CHECKIN_DEVICE_COOLDOWN', { minutes: wait }, undefined, { 'retry-after': String(wait * 60) });
        }
      }
      // the mark: present, or late with minutes past start + lateAfter
      const now = new Date();
      const lateBy = Math.floor((now.getTime() - new Date(row.starts_at).getTime()) / 60_000);
      const status = lateBy > row.late_after_min ? 'late' : 'present';
      const lateMinutes = status === 'late' ? Math.min(600, lateBy) : null;
      // the usual case in one round trip: the new mark and its history row
      const [{ inserted }] = await tx.query(
        `WITH m AS (INSERT INTO attendance_marks (session_id, roster_id, status, late_minutes, marked_at, marked_by, source, device_id)
                    VALUES ($1, $2, $3, $4, $5, $6, 'qr', $7) ON CONFLICT (session_id, roster_id) DO NOTHING RETURNING id),
              h AS (INSERT INTO attendance_mark_history (session_id, roster_id, new_status, new_late_minutes, marked_at, applied, source, changed_by, device_id, request_id)
                    SELECT $1, $2, $3, $4, $5, true, 'qr', $6, $7, $8 FROM m RETURNING id)
         SELECT (SELECT count(*) FROM h)::int AS inserted`,
        [row.session_id, rid, status, lateMinutes, now, actor?.userId ?? null, device.id, requestId],
      );
      if (!inserted) {
        let old: Row | null = null;
        [old] = await tx.query(`SELECT * FROM attendance_marks WHERE session_id = $1 AND roster_id = $2 FOR UPDATE`, [row.session_id, rid]);
        if (ATTENDED.includes(old.status) || new Date(old.marked_at).getTime() >= now.getTime()) {
          throw refuse(409, 'CHECKIN_ALREADY', { at: hm(new Date(old.marked_at)) });
        }
        // an earlier absence mark (excused / unexcused) is replaced by the person's own check-in
        await tx.query(
          `UPDATE attendance_marks SET status = $2, late_minutes = $3, remark = remark, marked_at = $4, marked_by = $5, source = 'qr', device_id = $6,
             change_seq = nextval('attendance_change_seq'), updated_at = now() WHERE id = $1`,
          [old.id, status, lateMinutes, now, actor?.userId ?? null, device.id],
        );
        await tx.query(
          `INSERT INTO attendance_mark_history (session_id, roster_id, old_status, new_status, old_late_minutes, new_late_minutes, old_remark, new_remark,
             marked_at, applied, source, changed_by, device_id, request_id)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$7,$8,true,'qr',$9,$10,$11)`,
          [row.session_id, rid, old.status, status, old.late_minutes ?? null, lateMinutes, old.remark ?? null, now, actor?.userId ?? null, device.id, requestId],
        );
      }
      // the device remembers the resident for the next session (staff sign in instead)
      await tx.query(
        `WITH d AS (UPDATE checkin_devices SET resident_id = coalesce($2, resident_id), last_used_at = now() WHERE id = $1 RETURNING id)
         UPDATE residents SET last_activity_at = now() WHERE id = $2 AND EXISTS (SELECT 1 FROM d)`,
        [device.id, person.residentId],
      );
      if (person.staffId && row.course_id) await this.marks.feedCourse(tx, actor, row, [rid]);
      return {
        result: 'checked_in', sessionId: row.session_id, rosterId: rid, fullName: person.fullName, status, lateMinutes,
        checkedInAt: now.toISOString(), deviceToken, classTitle: row.title,
      };
    });
  }
}
