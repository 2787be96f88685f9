import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../../common/auth/permissions';
import { AppError } from '../../common/errors/app-error';
import { Lang } from '../../common/errors/messages';
import { AuditService } from '../audit/audit.service';
import { LearningService } from '../courses/learning.service';
import {
  MARK_STATUSES, MarkSource, personStats, ROSTER_ORDER, ROSTER_SELECT, Row, ruleOf, SESSION_SELECT, STATUS_VI, toClassDto, toSessionDto, utcToLocal,
} from './attendance-common';
import { MarkCountsDto, MarkDto, MarkHistoryListDto, MarkResultDto, SaveMarksDto, SaveMarksResultDto, SessionMarksDto } from './attendance.dto';
import { ClassesService } from './classes.service';

/** A mark made later than this after the session's end is a "change after the session": it needs a reason. */
export const AFTER_END_GRACE_MS = 30 * 60 * 1000;
const FUTURE_SKEW_MS = 5 * 60 * 1000;
const PAST_LIMIT_MS = 7 * 24 * 3600 * 1000;
export const PAPER_REASON = 'Nhập từ phiếu điểm danh giấy';

const ROW_ERRORS: Record<string, { vi: string; en: string }> = {
  INVALID_ROW: { vi: 'Dòng không hợp lệ: trường "{field}" không được phép', en: 'Invalid row: the field "{field}" is not allowed' },
  INVALID_ROSTER_ID: { vi: 'Mã người trong danh sách lớp không hợp lệ', en: 'Invalid roster id' },
  ROSTER_NOT_FOUND: { vi: 'Người này không có trong danh sách lớp', en: 'This person is not on the class roster' },
  INVALID_STATUS: { vi: 'Trạng thái không hợp lệ; cho phép: present, late, left_early, excused, unexcused', en: 'Invalid status; allowed: present, late, left_early, excused, unexcused' },
  STATUS_NOT_ENABLED: { vi: 'Lớp này không dùng trạng thái "{status}"', en: 'This class does not use the status "{status}"' },
  INVALID_LATE_MINUTES: { vi: 'Số phút đi muộn phải là số nguyên từ 0 đến 600 và chỉ dùng với trạng thái "Đi muộn"', en: 'Late minutes must be an integer 0-600, only with the status "late"' },
  INVALID_REMARK: { vi: 'Ghi chú tối đa 500 ký tự, không chứa ký tự điều khiển', en: 'A remark has at most 500 characters and no control characters' },
  INVALID_MARKED_AT: { vi: 'Thời điểm điểm danh không hợp lệ (ISO 8601) hoặc sớm hơn buổi học quá 7 ngày', en: 'Invalid marking time (ISO 8601) or more than 7 days before the session' },
  MARKED_AT_IN_FUTURE: { vi: 'Thời điểm điểm danh ở tương lai: kiểm tra đồng hồ của điện thoại', en: 'The marking time is in the future: check the device clock' },
  REASON_REQUIRED: { vi: 'Điểm danh sau khi buổi học kết thúc cần ghi lý do', en: 'A mark made after the session ended needs a reason' },
  INVALID_REASON: { vi: 'Lý do tối đa 1000 ký tự', en: 'A reason has at most 1000 characters' },
  DUPLICATE_ROW: { vi: 'Người này đã có một dòng khác trong cùng lần gửi', en: 'This person already has another row in the same batch' },
};

interface CleanRow { index: number; rosterId: string; status: string; lateMinutes: number | null; remark: string | null; markedAt: Date; reason: string | null; afterEnd: boolean }

export const MARK_ROW_SELECT = (where: string) => `SELECT * FROM (
    SELECT x.*, m.status, m.late_minutes, m.remark, m.marked_at, m.marked_by, us.display_name AS marked_by_name, m.source, m.updated_at AS mark_updated_at
      FROM (${ROSTER_SELECT} WHERE r.class_id = $1) x
      LEFT JOIN attendance_marks m ON m.roster_id = x.id AND m.session_id = $2
      LEFT JOIN users us ON us.id = m.marked_by
     ${where}) y ORDER BY ${ROSTER_ORDER}`;

export const toMarkDto = (r: Row): MarkDto => ({
  rosterId: r.id,
  fullName: r.full_name,
  kind: r.staff_id ? 'staff' : 'resident',
  status: r.status ?? null,
  lateMinutes: r.late_minutes ?? null,
  remark: r.remark ?? null,
  markedAt: r.marked_at ? new Date(r.marked_at).toISOString() : null,
  markedBy: r.marked_by ?? null,
  markedByName: r.marked_by_name ?? null,
  source: r.source ?? null,
  updatedAt: r.mark_updated_at ? new Date(r.mark_updated_at).toISOString() : null,
});

@Injectable()
export class MarksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly classes: ClassesService,
    private readonly audit: AuditService,
    private readonly learning: LearningService,
  ) {}

  async counts(runner: EntityManager, classId: string, sessionId: string): Promise<MarkCountsDto> {
    const rows = await runner.query(
      `SELECT status, count(*)::int AS n FROM attendance_marks WHERE session_id = $1 GROUP BY status
       UNION ALL SELECT 'total', count(*)::int FROM class_roster WHERE class_id = $2`,
      [sessionId, classId],
    );
    const out: MarkCountsDto = { present: 0, late: 0, left_early: 0, excused: 0, unexcused: 0, unmarked: 0, total: 0 };
    let marked = 0;
    for (const r of rows) {
      if (r.status === 'total') out.total = r.n;
      else { (out as unknown as Record<string, number>)[r.status] = r.n; marked += r.n; }
    }
    out.unmarked = Math.max(0, out.total - marked);
    return out;
  }

  async sessionMarks(actor: Actor, sessionId: string): Promise<SessionMarksDto> {
    const { cls } = await this.classes.loadSession(actor, sessionId);
    const [s] = await this.dataSource.query(`${SESSION_SELECT} WHERE s.id = $1`, [sessionId]);
    const rows = await this.dataSource.query(MARK_ROW_SELECT(''), [cls.id, sessionId]);
    return {
      session: toSessionDto(s),
      classId: cls.id,
      classTitle: cls.title,
      rule: toClassDto(cls).rule,
      items: rows.map(toMarkDto),
      counts: await this.counts(this.dataSource.manager, cls.id, sessionId),
      serverTime: new Date().toISOString(),
    };
  }

  private rowError(index: number, rosterId: string | null, code: string, field: string, lang: Lang, params: Record<string, string> = {}): MarkResultDto {
    const m = ROW_ERRORS[code];
    return { index, rosterId, result: 'error', code, field, message: m[lang].replace(/\{(\w+)\}/g, (_, k) => params[k] ?? '') };
  }

  /** Checks one raw row on its own; returns the clean row or the row's error. */
  private checkRow(raw: Record<string, unknown>, index: number, ctx: { statuses: string[]; startsAt: Date; endsAt: Date; now: Date; batchReason: string | null; lang: Lang })
    : CleanRow | MarkResultDto {
    const rid = typeof raw.rosterId === 'string' ? raw.rosterId : null;
    const err = (code: string, field: string, params: Record<string, string> = {}) => this.rowError(index, rid, code, field, ctx.lang, params);
    const allowed = ['rosterId', 'status', 'lateMinutes', 'remark', 'markedAt', 'reason'];
    const extra = Object.keys(raw).find((k) => !allowed.includes(k));
    if (extra) return err('INVALID_ROW', extra, { field: extra });
    if (!rid || !isUUID(rid)) return err('INVALID_ROSTER_ID', 'rosterId');
    if (typeof raw.status !== 'string' || !(MARK_STATUSES as readonly string[]).includes(raw.status)) return err('INVALID_STATUS', 'status');
    if (!ctx.statuses.includes(raw.status)) return err('STATUS_NOT_ENABLED', 'status', { status: STATUS_VI[raw.status] ?? raw.status });
    let late: number | null = null;
    if (raw.lateMinutes !== undefined && raw.lateMinutes !== null) {
      if (raw.status !== 'late' || typeof raw.lateMinutes !== 'number' || !Number.isInteger(raw.lateMinutes) || raw.lateMinutes < 0 || raw.lateMinutes > 600) {
        return err('INVALID_LATE_MINUTES', 'lateMinutes');
      }
      late = raw.lateMinutes;
    }
    let remark: string | null = null;
    if (raw.remark !== undefined && raw.remark !== null) {
      if (typeof raw.remark !== 'string' || raw.remark.length > 500 || /[\u0000-\u001f\u007f-\u009f]/.test(raw.remark)) return err('INVALID_REMARK', 'remark');
      remark = raw.remark.trim() || null;
    }
    if (typeof raw.markedAt !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/.test(raw.markedAt)) return err('INVALID_MARKED_AT', 'markedAt');
    const markedAt = new Date(raw.markedAt);
    if (Number.isNaN(markedAt.getTime())) return err('INVALID_MARKED_AT', 'markedAt');
    if (markedAt.getTime() > ctx.now.getTime() + FUTURE_SKEW_MS) return err('MARKED_AT_IN_FUTURE', 'markedAt');
    if (markedAt.getTime() < ctx.startsAt.getTime() - PAST_LIMIT_MS) return err('INVALID_MARKED_AT', 'markedAt');
    let reason: string | null = ctx.batchReason;
    if (raw.reason !== undefined && raw.reason !== null) {
      if (typeof raw.reason !== 'string' || raw.reason.length > 1000 || /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/.test(raw.reason)) return err('INVALID_REASON', 'reason');
      reason = raw.reason.trim() || ctx.batchReason;
    }
    const afterEnd = markedAt.getTime() > ctx.endsAt.getTime() + AFTER_END_GRACE_MS;
    if (afterEnd && !reason) return err('REASON_REQUIRED', 'reason');
    return { index, rosterId: rid.toLowerCase(), status: raw.status, lateMinutes: late, remark, markedAt, reason, afterEnd };
  }

  /**
   * Batch upsert (offline sync): each row on its own; the later markedAt wins; an older one is kept in the history
   * (applied = false) without overwriting; every good row is saved in one transaction, bad rows are reported.
   */
  async save(actor: Actor, sessionId: string, dto: SaveMarksDto, source: MarkSource, lang: Lang): Promise<SaveMarksResultDto> {
    return this.dataSource.transaction(async (tx) => {
      const { session, cls } = await this.classes.loadSession(actor, sessionId, tx, true);
      if (cls.status === 'cancelled') throw new AppError(409, 'CLASS_CLOSED');
      if (session.status !== 'scheduled') throw new AppError(409, 'SESSION_NOT_ACTIVE');
      const rule = ruleOf(cls);
      const now = new Date();
      const batchReason = dto.reason?.trim() || (source === 'paper' ? PAPER_REASON : null);
      const ctx = { statuses: rule.statuses, startsAt: new Date(session.starts_at), endsAt: new Date(session.ends_at), now, batchReason, lang };
      const results: MarkResultDto[] = new Array(dto.marks.length);
      const clean: CleanRow[] = [];
      dto.marks.forEach((raw, i) => {
        const r = this.checkRow(raw ?? {}, i, ctx);
        if ('result' in r) results[i] = r;
        else clean.push(r);
      });
      // roster membership and duplicates
      const ids = [...new Set(clean.map((r) => r.rosterId))];
      const onRoster = new Set<string>(ids.length
        ? (await tx.query(`SELECT id FROM class_roster WHERE class_id = $1 AND id = ANY($2::uuid[])`, [cls.id, ids])).map((r: Row) => r.id)
        : []);
      const seen = new Set<string>();
      const todo: CleanRow[] = [];
      for (const r of clean) {
        if (!onRoster.has(r.rosterId)) results[r.index] = this.rowError(r.index, r.rosterId, 'ROSTER_NOT_FOUND', 'rosterId', lang);
        else if (seen.has(r.rosterId)) results[r.index] = this.rowError(r.index, r.rosterId, 'DUPLICATE_ROW', 'rosterId', lang);
        else { seen.add(r.rosterId); todo.push(r); }
      }
      const existing = new Map<string, Row>();
      if (todo.length) {
        const rows = await tx.query(
          `SELECT * FROM attendance_marks WHERE session_id = $1 AND roster_id = ANY($2::uuid[]) ORDER BY roster_id FOR UPDATE`,
          [sessionId, todo.map((r) => r.rosterId)],
        );
        rows.forEach((m: Row) => existing.set(m.roster_id, m));
      }
      const changed: string[] = [];
      const late: Record<string, unknown>[] = [];
      let saved = 0, superseded = 0, unchanged = 0;
      const history = async (r: CleanRow, old: Row | null, applied: boolean) => {
        await tx.query(
          `INSERT INTO attendance_mark_history (session_id, roster_id, old_status, new_status, old_late_minutes, new_late_minutes, old_remark, new_remark,
             marked_at, applied, source, changed_by, reason, after_session_end, request_id)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)`,
          [sessionId, r.rosterId, old?.status ?? null, r.status, old?.late_minutes ?? null, r.lateMinutes, old?.remark ?? null, r.remark,
            r.markedAt, applied, source, actor.userId, r.reason, r.afterEnd, actor.requestId],
        );
        if (r.afterEnd) late.push({ rosterId: r.rosterId, from: old?.status ?? null, to: r.status, markedAt: r.markedAt.toISOString(), applied, reason: r.reason });
      };
      for (const r of todo) {
        let old = existing.get(r.rosterId) ?? null;
        if (!old) {
          const ins = await tx.query(
            `INSERT INTO attendance_marks (session_id, roster_id, status, late_minutes, remark, marked_at, marked_by, source)
             VALUES ($1,$2,$3,$4,$5,$6,$7,$8) ON CONFLICT (session_id, roster_id) DO NOTHING RETURNING id`,
            [sessionId, r.rosterId, r.status, r.lateMinutes, r.remark, r.markedAt, actor.userId, source],
          );
          if (ins.length) {
            await history(r, null, true);
            saved++;
            changed.push(r.rosterId);
            results[r.index] = { index: r.index, rosterId: r.rosterId, result: 'saved' };
            continue;
          }
          // a check-in arrived meanwhile
          [old] = await tx.query(`SELECT * FROM attendance_marks WHERE session_id = $1 AND roster_id = $2 FOR UPDATE`, [sessionId, r.rosterId]);
        }
        const same = old.status === r.status && (old.late_minutes ?? null) === r.lateMinutes && (old.remark ?? null) === r.remark;
        if (same) {
          unchanged++;
          results[r.index] = { index: r.index, rosterId: r.rosterId, result: 'unchanged' };
        } else if (r.markedAt.getTime() > new Date(old.marked_at).getTime()) {
          await tx.query(
            `UPDATE attendance_marks SET status = $2, late_minutes = $3, remark = $4, marked_at = $5, marked_by = $6, source = $7, device_id = NULL,
               change_seq = nextval('attendance_change_seq'), updated_at = now() WHERE id = $1`,
            [old.id, r.status, r.lateMinutes, r.remark, r.markedAt, actor.userId, source],
          );
          await history(r, old, true);
          saved++;
          changed.push(r.rosterId);
          results[r.index] = { index: r.index, rosterId: r.rosterId, result: 'saved' };
        } else {
          await history(r, old, false);
          superseded++;
          results[r.index] = { index: r.index, rosterId: r.rosterId, result: 'superseded' };
        }
      }
      if (changed.length) await this.feedCourse(tx, actor, cls, changed);
      const errors = results.filter((r) => r.result === 'error').length;
      if (saved || superseded) {
        const a = utcToLocal(new Date(session.starts_at));
        await this.audit.record(tx, actor, {
          action: source === 'paper' ? 'attendance.paper_marks_saved' : 'attendance.marks_saved', entityType: 'class', entityId: cls.id,
          summary: `Điểm danh buổi ${a.time} ${a.date.split('-').reverse().join('/')} lớp ${cls.title}: lưu ${saved}, cũ hơn ${superseded}${late.length ? `, ${late.length} thay đổi sau buổi học` : ''}`,
          details: { sessionId, source, saved, superseded, unchanged, errors, changesAfterSession: late },
        });
      }
      // the stored marks of every row that reached the database
      const touched = todo.map((r) => r.rosterId);
      if (touched.length) {
        const rows = await tx.query(MARK_ROW_SELECT('WHERE x.id = ANY($3::uuid[])'), [cls.id, sessionId, touched]);
        const byId = new Map<string, MarkDto>(rows.map((m: Row) => [m.id, toMarkDto(m)]));
        for (const r of results) if (r.result !== 'error' && r.rosterId) r.mark = byId.get(r.rosterId);
      }
      return { results, saved, superseded, unchanged, errors, counts: await this.counts(tx, cls.id, sessionId) };
    });
  }

  async history(actor: Actor, sessionId: string, rosterId?: string): Promise<MarkHistoryListDto> {
    const { cls } = await this.classes.loadSession(actor, sessionId);
    const rows = await this.dataSource.query(
      `SELECT h.*, x.full_name, us.display_name AS changed_by_name FROM attendance_mark_history h
         JOIN (${ROSTER_SELECT} WHERE r.class_id = $3) x ON x.id = h.roster_id
         LEFT JOIN users us ON us.id = h.changed_by
        WHERE h.session_id = $1 AND ($2::uuid IS NULL OR h.roster_id = $2) ORDER BY h.changed_at DESC, h.id DESC LIMIT 2000`,
      [sessionId, rosterId ?? null, cls.id],
    );
    return {
      items: rows.map((h: Row) => ({
        id: String(h.id), rosterId: h.roster_id, fullName: h.full_name, oldStatus: h.old_status, newStatus: h.new_status,
        oldLateMinutes: h.old_late_minutes, newLateMinutes: h.new_late_minutes, oldRemark: h.old_remark, newRemark: h.new_remark,
        markedAt: new Date(h.marked_at).toISOString(), applied: h.applied, source: h.source, changedBy: h.changed_by, changedByName: h.changed_by_name ?? null,
        changedAt: new Date(h.changed_at).toISOString(), reason: h.reason, afterSessionEnd: h.after_session_end,
      })),
    };
  }

  /**
   * Course integration: for the staff among `rosterIds` on a class of a course, their weighted share of the class's
   * scheduled sessions is recorded on the course's attendance item(s) (the one linked to this class, or unlinked ones),
   * which completes the item (and the course) once the share reaches the item's minShare. A person re-enrolled before
   * their certificate expires starts again: only the sessions from the start of their current cycle count.
   */
  async feedCourse(tx: EntityManager, actor: Actor | null, cls: Row, rosterIds: string[]): Promise<void> {
    if (!cls.course_id || !rosterIds.length) return;
    const items = await tx.query(
      `SELECT id FROM course_items WHERE course_id = $1 AND type = 'attendance' AND (class_id = $2 OR class_id IS NULL)`,
      [cls.course_id, cls.id],
    );
    if (!items.length) return;
    const staff = await tx.query(`SELECT id, staff_id FROM class_roster WHERE id = ANY($1::uuid[]) AND staff_id IS NOT NULL`, [rosterIds]);
    if (!staff.length) return;
    const sessions = (await tx.query(`SELECT id, starts_at, ends_at FROM class_sessions WHERE class_id = $1 AND status = 'scheduled'`, [cls.id]))
      .map((s: Row) => ({ id: s.id, startsAt: new Date(s.starts_at), endsAt: new Date(s.ends_at) }));
    const marks = await tx.query(`SELECT roster_id, session_id, status FROM attendance_marks WHERE roster_id = ANY($1::uuid[])`, [staff.map((s: Row) => s.id)]);
    const rule = ruleOf(cls);
    const now = new Date();
    const cycleStart = new Map<string, Date>((await tx.query(
      `SELECT staff_id, cycle_started_at FROM enrolments WHERE course_id = $1 AND staff_id = ANY($2::uuid[]) AND cycle_started_at IS NOT NULL`,
      [cls.course_id, staff.map((s: Row) => s.staff_id)],
    )).map((e: Row) => [e.staff_id, new Date(e.cycle_started_at)]));
    for (const s of staff) {
      const mine = new Map<string, string>(marks.filter((m: Row) => m.roster_id === s.id).map((m: Row) => [m.session_id, m.status]));
      const since = cycleStart.get(s.staff_id);
      const st = personStats(since ? sessions.filter((x: { startsAt: Date }) => x.startsAt >= since) : sessions, (id) => mine.get(id), rule, now);
      if (st.share <= 0) continue;
      for (const it of items) {
        await this.learning.recordAttendanceShare(tx, actor, { staffId: s.staff_id, itemId: it.id, share: st.share, classMinShare: rule.minShare });
      }
    }
  }
}
