import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { OrgAccessService } from '../../common/access/org-access.service';
import { Actor } from '../../common/auth/permissions';
import { AppError, fieldError, notFound } from '../../common/errors/app-error';
import { Page } from '../../common/http/dto';
import { likeEscape, uniqueViolation } from '../../common/http/params';
import { fold, nfc, normalizePhone } from '../../common/text/vietnamese';
import { AuditService } from '../audit/audit.service';
import {
  CLASS_MOVES, CLASS_SELECT, CLASS_STATUS_VI, hoursOf, localToUtc, maskPhone, MARK_STATUSES, ROSTER_ORDER, ROSTER_SELECT, Row,
  SESSION_SELECT, seriesDates, toClassDto, toRosterDto, toSessionDto, utcToLocal,
} from './attendance-common';
import {
  AddRosterDto, AddRosterResultDto, ClassResponseDto, ClassStatusDto, CreateClassDto, CreateSeriesDto, CreateSessionDto, ListClassesQueryDto,
  PostponeResultDto, ResidentDto, ResidentsQueryDto, RosterImportResultDto, RosterImportRowDto, RosterListDto, SeriesResultDto,
  SessionListDto, SessionResponseDto, UpdateClassDto, UpdateSessionDto,
} from './attendance.dto';
import { parseStaffSheet, SheetError } from '../staff/import/staff-sheet';

const MAX_SERIES = 200;
const CLOSED = ['completed', 'cancelled'];

type VenueInput = { topic?: string | null; venueName?: string | null; venueAddress?: string | null; venueLat?: number | null; venueLng?: number | null };

@Injectable()
export class ClassesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: OrgAccessService,
    private readonly audit: AuditService,
  ) {}

  // ------------------------------------------------------------------ loading with scope

  /** The class row when its owning unit is in the caller's scope, else 404. */
  async loadClass(actor: Actor, id: string, tx?: EntityManager, lock = false): Promise<Row> {
    const [row] = await (tx ?? this.dataSource.manager).query(`${CLASS_SELECT} WHERE c.id = $1 ${lock ? 'FOR UPDATE OF c' : ''}`, [id]);
    if (!row || !(await this.access.inScope(actor, row.owner_unit_id, tx))) throw notFound();
    return row;
  }

  /** The session and its class (scope of the class's owning unit), else 404. */
  async loadSession(actor: Actor, id: string, tx?: EntityManager, lock = false): Promise<{ session: Row; cls: Row }> {
    const runner = tx ?? this.dataSource.manager;
    const [session] = await runner.query(`SELECT * FROM class_sessions WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
    if (!session) throw notFound();
    const cls = await this.loadClass(actor, session.class_id, tx);
    return { session, cls };
  }

  private assertOpen(cls: Row) {
    if (CLOSED.includes(cls.status)) throw new AppError(409, 'CLASS_CLOSED');
  }

  // ------------------------------------------------------------------ classes

  async list(actor: Actor, q: ListClassesQueryDto): Promise<Page<ClassResponseDto>> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    const params: unknown[] = [];
    const where: string[] = [];
    const add = (sql: (p: string) => string, v: unknown) => { params.push(v); where.push(sql(`$${params.length}`)); };
    const scope = await this.access.scopeUnitIds(actor);
    if (scope) add((p) => `c.owner_unit_id = ANY(${p}::uuid[])`, scope);
    if (q.unitId) {
      if (scope && !scope.includes(q.unitId)) return { items: [], total: 0, page, pageSize };
      add((p) => `c.owner_unit_id = ANY(${p}::uuid[])`, await this.access.subtreeIds(q.unitId));
    }
    if (q.status) add((p) => `c.status = ${p}`, q.status);
    if (q.classType) add((p) => `c.class_type = ${p}`, q.classType);
    if (q.courseId) add((p) => `c.course_id = ${p}`, q.courseId);
    if (q.q) for (const w of fold(q.q).split(' ').filter(Boolean).slice(0, 8)) add((p) => `c.search_text LIKE ${p}`, `%${likeEscape(w)}%`);
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM classes c ${whereSql}`, params);
    const rows = total
      ? await this.dataSource.query(
        `SELECT * FROM (${CLASS_SELECT} ${whereSql}) x ORDER BY x.next_session_at NULLS LAST, x.title COLLATE vi_vn, x.id
          LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
        params,
      )
      : [];
    return { items: rows.map(toClassDto), total, page, pageSize };
  }

  async get(actor: Actor, id: string): Promise<ClassResponseDto> {
    return toClassDto(await this.loadClass(actor, id));
  }

  /** Checks units, trainers, course and course item; returns the course row (or null). */
  /** `courseId` is checked when it is being set; `courseItemId` against `itemCourseId` (the course the class will have). */
  private async checkRefs(actor: Actor, tx: EntityManager, v: { ownerUnitId?: string; trainerIds?: string[]; courseId?: string | null; courseItemId?: string | null; itemCourseId?: string | null }, classId: string | null) {
    if (v.ownerUnitId !== undefined) {
      const [unit] = await tx.query(`SELECT id FROM org_units WHERE id = $1`, [v.ownerUnitId]);
      if (!unit || !(await this.access.inScope(actor, v.ownerUnitId, tx))) {
        throw fieldError('ownerUnitId', 'Đơn vị không tồn tại hoặc ngoài phạm vi quản lý', 'Unknown unit or outside your scope');
      }
    }
    if (v.trainerIds?.length) {
      const [{ n }] = await tx.query(`SELECT count(*)::int AS n FROM users WHERE id = ANY($1::uuid[])`, [v.trainerIds]);
      if (n !== v.trainerIds.length) throw fieldError('trainerIds', 'Có giảng viên không tồn tại', 'Unknown trainer account');
    }
    if (v.courseId) {
      const [course] = await tx.query(`SELECT id, owner_unit_id FROM courses WHERE id = $1`, [v.courseId]);
      if (!course || !(await this.access.inScope(actor, course.owner_unit_id, tx))) {
        throw fieldError('courseId', 'Khóa học không tồn tại hoặc ngoài phạm vi quản lý', 'Unknown course or outside your scope');
      }
    }
    if (v.courseItemId) {
      const courseId = v.itemCourseId === undefined ? v.courseId : v.itemCourseId;
      if (!courseId) throw fieldError('courseItemId', 'Cần chọn khóa học trước', 'Choose the course first');
      const [item] = await tx.query(`SELECT id, type, class_id FROM course_items WHERE id = $1 AND course_id = $2`, [v.courseItemId, courseId]);
      if (!item || item.type !== 'attendance') {
        throw fieldError('courseItemId', 'Đây không phải nội dung "điểm danh lớp" của khóa học đã chọn', 'Not a class-attendance item of the chosen course');
      }
      if (item.class_id && item.class_id !== classId) {
        throw fieldError('courseItemId', 'Nội dung này đã gắn với một lớp khác', 'This item is already linked to another class');
      }
    }
  }

  /** Validates the merged settings (venue point, geofence, status set). */
  private checkSettings(m: { classType: string; courseId: string | null; venueLat: number | null; venueLng: number | null; geofence: number | null; statuses: string[] }) {
    if (m.classType === 'course_class' && !m.courseId) {
      throw fieldError('courseId', 'Lớp của khóa học cần chọn khóa học', 'A course class needs a course');
    }
    if ((m.venueLat === null) !== (m.venueLng === null)) {
      throw fieldError(m.venueLat === null ? 'venueLat' : 'venueLng', 'Cần nhập cả vĩ độ và kinh độ', 'Give both latitude and longitude');
    }
    if (m.geofence !== null && m.venueLat === null) {
      throw fieldError('checkIn.geofenceRadiusM', 'Cần tọa độ địa điểm học để giới hạn vị trí điểm danh', 'The venue coordinates are needed for a geofence');
    }
    if (!m.statuses.includes('present') || !m.statuses.includes('unexcused')) {
      throw fieldError('rule.statuses', 'Bộ trạng thái phải có "Có mặt" và "Vắng không phép"', 'The status set must contain present and unexcused');
    }
  }

  private mapUnique(e: unknown): never {
    if (uniqueViolation(e) === 'uq_classes_code') {
      throw new AppError(409, 'CLASS_CODE_TAKEN', {}, { code: { vi: 'Mã lớp đã tồn tại', en: 'This class code already exists' } });
    }
    throw e;
  }

  private async linkItem(tx: EntityManager, classId: string, itemId: string | null) {
    await tx.query(`UPDATE course_items SET class_id = NULL WHERE class_id = $1 AND ($2::uuid IS NULL OR id <> $2)`, [classId, itemId]);
    if (itemId) await tx.query(`UPDATE course_items SET class_id = $1 WHERE id = $2`, [classId, itemId]);
  }

  /** Staff on the roster of a class of a course are enrolled in the course (source manual) if not already. */
  async enrolStaff(tx: EntityManager, actor: Actor | null, courseId: string | null, staffIds: string[]): Promise<number> {
    if (!courseId || !staffIds.length) return 0;
    const [{ n }] = await tx.query(
      `WITH ins AS (INSERT INTO enrolments (course_id, staff_id, source, enrolled_by)
         SELECT $1, x, 'manual', $3 FROM unnest($2::uuid[]) x ON CONFLICT (course_id, staff_id) DO NOTHING RETURNING id)
       SELECT count(*)::int AS n FROM ins`,
      [courseId, staffIds, actor?.userId ?? null],
    );
    return n;
  }

  async create(actor: Actor, dto: CreateClassDto): Promise<ClassResponseDto> {
    const ci = dto.checkIn ?? {};
    const rule = dto.rule ?? {};
    this.checkSettings({
      classType: dto.classType, courseId: dto.courseId ?? null, venueLat: dto.venueLat ?? null, venueLng: dto.venueLng ?? null,
      geofence: ci.geofenceRadiusM ?? null, statuses: rule.statuses ?? [...MARK_STATUSES],
    });
    try {
      return await this.dataSource.transaction(async (tx) => {
        await this.checkRefs(actor, tx, dto, null);
        const [{ id }] = await tx.query(
          `INSERT INTO classes (code, title, description, class_type, course_id, owner_unit_id, trainer_ids, venue_name, venue_address, venue_lat, venue_lng,
             capacity, status, checkin_opens_before_min, checkin_closes_after_min, late_after_min, geofence_radius_m, device_cooldown_min,
             checkin_step_seconds, allow_walk_in, enabled_statuses, status_weights, rate_basis, min_share, created_by)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,
             coalesce($14, 15), coalesce($15, 30), coalesce($16, 5), $17, coalesce($18, 10), coalesce($19, 10), coalesce($20, false),
             coalesce($21, ARRAY['present','late','left_early','excused','unexcused']::text[]),
             '{"present":1,"late":1,"left_early":0.5,"excused":0,"unexcused":0}'::jsonb || coalesce($22::jsonb, '{}'::jsonb),
             coalesce($23, 'sessions'), coalesce($24, 80), $25) RETURNING id`,
          [dto.code.trim(), dto.title.trim(), dto.description?.trim() ?? '', dto.classType, dto.courseId ?? null, dto.ownerUnitId, dto.trainerIds ?? [],
            dto.venueName?.trim() || null, dto.venueAddress?.trim() || null, dto.venueLat ?? null, dto.venueLng ?? null, dto.capacity ?? null,
            dto.status ?? 'planned', ci.opensBeforeMinutes ?? null, ci.closesAfterMinutes ?? null, ci.lateAfterMinutes ?? null,
            ci.geofenceRadiusM ?? null, ci.deviceCooldownMinutes ?? null, ci.stepSeconds ?? null, ci.allowWalkIn ?? null,
            rule.statuses ?? null, rule.weights ? JSON.stringify(rule.weights) : null, rule.rateBasis ?? null, rule.minShare ?? null, actor.userId],
        );
        if (dto.courseItemId) await this.linkItem(tx, id, dto.courseItemId);
        await this.audit.record(tx, actor, {
          action: 'class.created', entityType: 'class', entityId: id, summary: `Tạo lớp: ${dto.title}`,
          details: { code: dto.code, classType: dto.classType, ownerUnitId: dto.ownerUnitId, courseId: dto.courseId ?? null },
        });
        return toClassDto(await this.loadClass(actor, id, tx));
      });
    } catch (e) {
      return this.mapUnique(e);
    }
  }

  async update(actor: Actor, id: string, dto: UpdateClassDto): Promise<ClassResponseDto> {
    try {
      return await this.dataSource.transaction(async (tx) => {
        const row = await this.loadClass(actor, id, tx, true);
        this.assertOpen(row);
        const ci = dto.checkIn ?? {};
        const rule = dto.rule ?? {};
        const courseId = dto.courseId === undefined ? row.course_id : dto.courseId;
        const courseItemId = dto.courseItemId === undefined ? (dto.courseId === undefined || dto.courseId === row.course_id ? row.course_item_id : null) : dto.courseItemId;
        const venueLat = dto.venueLat === undefined ? row.venue_lat : dto.venueLat;
        const venueLng = dto.venueLng === undefined ? row.venue_lng : dto.venueLng;
        this.checkSettings({
          classType: dto.classType ?? row.class_type, courseId, venueLat: venueLat === null ? null : Number(venueLat), venueLng: venueLng === null ? null : Number(venueLng),
          geofence: ci.geofenceRadiusM === undefined ? row.geofence_radius_m : ci.geofenceRadiusM, statuses: rule.statuses ?? row.enabled_statuses,
        });
        await this.checkRefs(actor, tx, {
          ownerUnitId: dto.ownerUnitId, trainerIds: dto.trainerIds, courseId: dto.courseId,
          courseItemId: dto.courseItemId === undefined && dto.courseId === undefined ? undefined : courseItemId, itemCourseId: courseId,
        }, id);
        if (dto.capacity !== undefined && dto.capacity !== null && dto.capacity < row.roster_count) {
          throw new AppError(409, 'CLASS_FULL', { capacity: dto.capacity }, { capacity: { vi: `Danh sách lớp đã có ${row.roster_count} người`, en: `The roster already has ${row.roster_count} people` } });
        }
        const cols: Record<string, unknown> = {
          code: dto.code?.trim(), title: dto.title?.trim(), description: dto.description?.trim(), class_type: dto.classType,
          course_id: dto.courseId, owner_unit_id: dto.ownerUnitId, trainer_ids: dto.trainerIds,
          venue_name: dto.venueName === undefined ? undefined : dto.venueName?.trim() || null,
          venue_address: dto.venueAddress === undefined ? undefined : dto.venueAddress?.trim() || null,
          venue_lat: dto.venueLat, venue_lng: dto.venueLng, capacity: dto.capacity,
          checkin_opens_before_min: ci.opensBeforeMinutes, checkin_closes_after_min: ci.closesAfterMinutes, late_after_min: ci.lateAfterMinutes,
          geofence_radius_m: ci.geofenceRadiusM, device_cooldown_min: ci.deviceCooldownMinutes, checkin_step_seconds: ci.stepSeconds,
          allow_walk_in: ci.allowWalkIn, enabled_statuses: rule.statuses, rate_basis: rule.rateBasis, min_share: rule.minShare,
        };
        const sets: string[] = [];
        const params: unknown[] = [id];
        const changed: string[] = [];
        for (const [k, v] of Object.entries(cols)) {
          if (v === undefined) continue;
          params.push(v);
          sets.push(`${k} = $${params.length}`);
          changed.push(k);
        }
        if (rule.weights) {
          params.push(JSON.stringify(rule.weights));
          sets.push(`status_weights = status_weights || $${params.length}::jsonb`);
          changed.push('status_weights');
        }
        if (sets.length) await tx.query(`UPDATE classes SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, params);
        if (courseItemId !== row.course_item_id || dto.courseId !== undefined) {
          await this.linkItem(tx, id, courseItemId ?? null);
          changed.push('course_item_id');
        }
        if (dto.courseId && dto.courseId !== row.course_id) {
          const staff = await tx.query(`SELECT staff_id FROM class_roster WHERE class_id = $1 AND staff_id IS NOT NULL`, [id]);
          await this.enrolStaff(tx, actor, dto.courseId, staff.map((s: Row) => s.staff_id));
        }
        if (changed.length) {
          await this.audit.record(tx, actor, {
            action: 'class.updated', entityType: 'class', entityId: id, summary: `Sửa lớp: ${dto.title ?? row.title}`, details: { fields: changed },
          });
        }
        return toClassDto(await this.loadClass(actor, id, tx));
      });
    } catch (e) {
      return this.mapUnique(e);
    }
  }

  async setStatus(actor: Actor, id: string, dto: ClassStatusDto): Promise<ClassResponseDto> {
    return this.dataSource.transaction(async (tx) => {
      const row = await this.loadClass(actor, id, tx, true);
      if (row.status === dto.status) return toClassDto(row);
      if (!CLASS_MOVES[row.status]?.includes(dto.status)) {
        throw new AppError(409, 'CLASS_STATUS_MOVE', { from: CLASS_STATUS_VI[row.status], to: CLASS_STATUS_VI[dto.status] });
      }
      if (['postponed', 'cancelled'].includes(dto.status) && !dto.reason?.trim()) {
        throw fieldError('reason', 'Cần nhập lý do hoãn hoặc hủy lớp', 'A reason is required to postpone or cancel a class');
      }
      await tx.query(`UPDATE classes SET status = $2, status_reason = $3, updated_at = now() WHERE id = $1`, [id, dto.status, dto.reason?.trim() || null]);
      await this.audit.record(tx, actor, {
        action: 'class.status_changed', entityType: 'class', entityId: id,
        summary: `Lớp ${row.title}: ${CLASS_STATUS_VI[row.status]} → ${CLASS_STATUS_VI[dto.status]}`, details: { from: row.status, to: dto.status, reason: dto.reason ?? null },
      });
      return toClassDto(await this.loadClass(actor, id, tx));
    });
  }

  // ------------------------------------------------------------------ sessions

  private async sessionDto(tx: EntityManager, id: string): Promise<SessionResponseDto> {
    const [row] = await tx.query(`${SESSION_SELECT} WHERE s.id = $1`, [id]);
    return toSessionDto(row);
  }

  async sessions(actor: Actor, classId: string, status?: string): Promise<SessionListDto> {
    await this.loadClass(actor, classId);
    const rows = await this.dataSource.query(
      `${SESSION_SELECT} WHERE s.class_id = $1 AND ($2::text IS NULL OR s.status = $2) ORDER BY s.starts_at, s.id`,
      [classId, status ?? null],
    );
    return { items: rows.map(toSessionDto) };
  }

  /** Local date + times → instants, with the field-level checks. */
  private times(date: string, startTime: string, endTime: string, prefix = ''): { startsAt: Date; endsAt: Date } {
    const startsAt = localToUtc(date, startTime);
    const endsAt = localToUtc(date, endTime);
    if (endsAt.getTime() <= startsAt.getTime()) {
      throw fieldError(`${prefix}endTime`, 'Giờ kết thúc phải sau giờ bắt đầu', 'The end time must be after the start time');
    }
    if (endsAt.getTime() - startsAt.getTime() > 12 * 3600 * 1000) {
      throw fieldError(`${prefix}endTime`, 'Một buổi học không dài quá 12 giờ', 'A session cannot be longer than 12 hours');
    }
    return { startsAt, endsAt };
  }

  private venue(v: VenueInput, prefix = '') {
    if ((v.venueLat ?? null) === null !== ((v.venueLng ?? null) === null)) {
      throw fieldError(`${prefix}${v.venueLat === undefined || v.venueLat === null ? 'venueLat' : 'venueLng'}`, 'Cần nhập cả vĩ độ và kinh độ', 'Give both latitude and longitude');
    }
    return [v.topic?.trim() || null, v.venueName?.trim() || null, v.venueAddress?.trim() || null, v.venueLat ?? null, v.venueLng ?? null];
  }

  private async insertSession(tx: EntityManager, actor: Actor, classId: string, t: { startsAt: Date; endsAt: Date }, venue: unknown[], extra: { seriesId?: string; makeUpForId?: string } = {}): Promise<string> {
    const [{ id }] = await tx.query(
      `INSERT INTO class_sessions (class_id, series_id, make_up_for_id, starts_at, ends_at, topic, venue_name, venue_address, venue_lat, venue_lng, created_by)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) RETURNING id`,
      [classId, extra.seriesId ?? null, extra.makeUpForId ?? null, t.startsAt, t.endsAt, ...venue, actor.userId],
    );
    return id;
  }

  async createSession(actor: Actor, classId: string, dto: CreateSessionDto): Promise<SessionResponseDto> {
    const t = this.times(dto.date, dto.startTime, dto.endTime);
    const venue = this.venue(dto);
    return this.dataSource.transaction(async (tx) => {
      const cls = await this.loadClass(actor, classId, tx, true);
      this.assertOpen(cls);
      const id = await this.insertSession(tx, actor, classId, t, venue);
      await this.audit.record(tx, actor, {
        action: 'class_session.created', entityType: 'class', entityId: classId, summary: `Thêm buổi học ${dto.startTime} ${dto.date.split('-').reverse().join('/')} cho lớp ${cls.title}`,
        details: { sessionId: id, startsAt: t.startsAt.toISOString(), endsAt: t.endsAt.toISOString() },
      });
      return this.sessionDto(tx, id);
    });
  }

  async createSeries(actor: Actor, classId: string, dto: CreateSeriesDto): Promise<SeriesResultDto> {
    if (!dto.until) {
      throw fieldError('until', 'Chuỗi buổi học lặp lại phải có ngày kết thúc ("đến ngày")', 'A repeating series needs an end date ("until")');
    }
    if (dto.until < dto.startDate) throw fieldError('until', 'Ngày kết thúc phải sau ngày bắt đầu', 'The end date must not be before the start date');
    this.times(dto.startDate, dto.startTime, dto.endTime);
    const venue = this.venue(dto);
    const dates = seriesDates(dto.startDate, dto.until, dto.weekdays, dto.everyNWeeks ?? 1, MAX_SERIES);
    if (!dates.length) throw fieldError('weekdays', 'Không có ngày nào phù hợp trong khoảng thời gian đã chọn', 'No day of the chosen weekdays falls in the range');
    if (dates.length > MAX_SERIES) throw fieldError('until', `Một chuỗi có tối đa ${MAX_SERIES} buổi học`, `A series has at most ${MAX_SERIES} sessions`);
    return this.dataSource.transaction(async (tx) => {
      const cls = await this.loadClass(actor, classId, tx, true);
      this.assertOpen(cls);
      const seriesId = randomUUID();
      const ids: string[] = [];
      for (const d of dates) ids.push(await this.insertSession(tx, actor, classId, this.times(d, dto.startTime, dto.endTime), venue, { seriesId }));
      await this.audit.record(tx, actor, {
        action: 'class_session.series_created', entityType: 'class', entityId: classId,
        summary: `Thêm chuỗi ${ids.length} buổi học cho lớp ${cls.title}`,
        details: { seriesId, count: ids.length, startDate: dto.startDate, until: dto.until, weekdays: dto.weekdays, everyNWeeks: dto.everyNWeeks ?? 1, startTime: dto.startTime, endTime: dto.endTime },
      });
      const rows = await tx.query(`${SESSION_SELECT} WHERE s.series_id = $1 ORDER BY s.starts_at`, [seriesId]);
      return { seriesId, items: rows.map(toSessionDto) };
    });
  }

  private async markCount(tx: EntityManager, sessionId: string): Promise<number> {
    const [{ n }] = await tx.query(`SELECT count(*)::int AS n FROM attendance_marks WHERE session_id = $1`, [sessionId]);
    return n;
  }

  async updateSession(actor: Actor, id: string, dto: UpdateSessionDto): Promise<SessionResponseDto> {
    return this.dataSource.transaction(async (tx) => {
      const { session, cls } = await this.loadSession(actor, id, tx, true);
      this.assertOpen(cls);
      if (session.status !== 'scheduled') throw new AppError(409, 'SESSION_NOT_ACTIVE');
      const a = utcToLocal(new Date(session.starts_at));
      const b = utcToLocal(new Date(session.ends_at));
      const timeChange = dto.date !== undefined || dto.startTime !== undefined || dto.endTime !== undefined;
      const t = this.times(dto.date ?? a.date, dto.startTime ?? a.time, dto.endTime ?? b.time);
      const moved = t.startsAt.getTime() !== new Date(session.starts_at).getTime() || t.endsAt.getTime() !== new Date(session.ends_at).getTime();
      if (timeChange && moved && (await this.markCount(tx, id)) > 0) throw new AppError(409, 'SESSION_HAS_MARKS');
      const lat = dto.venueLat === undefined ? session.venue_lat : dto.venueLat;
      const lng = dto.venueLng === undefined ? session.venue_lng : dto.venueLng;
      if ((lat === null) !== (lng === null)) throw fieldError(lat === null ? 'venueLat' : 'venueLng', 'Cần nhập cả vĩ độ và kinh độ', 'Give both latitude and longitude');
      const pick = (v: string | null | undefined, old: string | null) => (v === undefined ? old : v?.trim() || null);
      await tx.query(
        `UPDATE class_sessions SET starts_at = $2, ends_at = $3, topic = $4, venue_name = $5, venue_address = $6, venue_lat = $7, venue_lng = $8, updated_at = now() WHERE id = $1`,
        [id, t.startsAt, t.endsAt, pick(dto.topic, session.topic), pick(dto.venueName, session.venue_name), pick(dto.venueAddress, session.venue_address), lat, lng],
      );
      await this.audit.record(tx, actor, {
        action: 'class_session.updated', entityType: 'class', entityId: cls.id, summary: `Sửa buổi học ${a.time} ${a.date.split('-').reverse().join('/')} của lớp ${cls.title}`,
        details: { sessionId: id, fields: Object.keys(dto), from: { startsAt: new Date(session.starts_at).toISOString() }, to: { startsAt: t.startsAt.toISOString() } },
      });
      return this.sessionDto(tx, id);
    });
  }

  private async stop(actor: Actor, id: string, to: 'postponed' | 'cancelled', reason: string, makeUp?: CreateSessionDto): Promise<PostponeResultDto> {
    const mt = makeUp ? this.times(makeUp.date, makeUp.startTime, makeUp.endTime, 'makeUp.') : null;
    const mv = makeUp ? this.venue(makeUp, 'makeUp.') : null;
    return this.dataSource.transaction(async (tx) => {
      const { session, cls } = await this.loadSession(actor, id, tx, true);
      this.assertOpen(cls);
      if (session.status !== 'scheduled') throw new AppError(409, 'SESSION_NOT_ACTIVE');
      if ((await this.markCount(tx, id)) > 0) throw new AppError(409, 'SESSION_HAS_MARKS');
      await tx.query(`UPDATE class_sessions SET status = $2, status_reason = $3, updated_at = now() WHERE id = $1`, [id, to, reason.trim()]);
      const makeUpId = mt && mv ? await this.insertSession(tx, actor, cls.id, mt, mv, { makeUpForId: id }) : null;
      const a = utcToLocal(new Date(session.starts_at));
      await this.audit.record(tx, actor, {
        action: to === 'postponed' ? 'class_session.postponed' : 'class_session.cancelled', entityType: 'class', entityId: cls.id,
        summary: `${to === 'postponed' ? 'Hoãn' : 'Hủy'} buổi học ${a.time} ${a.date.split('-').reverse().join('/')} của lớp ${cls.title}`,
        details: { sessionId: id, reason, makeUpId },
      });
      return { session: await this.sessionDto(tx, id), makeUp: makeUpId ? await this.sessionDto(tx, makeUpId) : null };
    });
  }

  postpone(actor: Actor, id: string, reason: string, makeUp?: CreateSessionDto) { return this.stop(actor, id, 'postponed', reason, makeUp); }
  async cancel(actor: Actor, id: string, reason: string): Promise<SessionResponseDto> { return (await this.stop(actor, id, 'cancelled', reason)).session; }

  async makeUp(actor: Actor, id: string, dto: CreateSessionDto): Promise<SessionResponseDto> {
    const t = this.times(dto.date, dto.startTime, dto.endTime);
    const venue = this.venue(dto);
    return this.dataSource.transaction(async (tx) => {
      const { session, cls } = await this.loadSession(actor, id, tx, true);
      this.assertOpen(cls);
      if (session.status === 'scheduled') throw new AppError(409, 'SESSION_NOT_POSTPONED');
      const newId = await this.insertSession(tx, actor, cls.id, t, venue, { makeUpForId: id });
      await this.audit.record(tx, actor, {
        action: 'class_session.make_up_created', entityType: 'class', entityId: cls.id, summary: `Thêm buổi học bù ${dto.startTime} ${dto.date.split('-').reverse().join('/')} cho lớp ${cls.title}`,
        details: { sessionId: newId, makeUpForId: id },
      });
      return this.sessionDto(tx, newId);
    });
  }

  // ------------------------------------------------------------------ roster and residents

  async roster(actor: Actor, classId: string, q?: string): Promise<RosterListDto> {
    await this.loadClass(actor, classId);
    const params: unknown[] = [classId];
    const where = ['r.class_id = $1'];
    if (q) for (const w of fold(q).split(' ').filter(Boolean).slice(0, 8)) { params.push(`%${likeEscape(w)}%`); where.push(`coalesce(sm.search_text, res.name_fold) LIKE $${params.length}`); }
    const rows = await this.dataSource.query(`SELECT * FROM (${ROSTER_SELECT} WHERE ${where.join(' AND ')}) x ORDER BY ${ROSTER_ORDER}`, params);
    return { items: rows.map(toRosterDto) };
  }

  /**
   * A resident typed by a trainer (or a roster import): an in-scope staff person with the same phone and name,
   * an existing resident (same phone + name, or without a phone: unit + name + birth year), or a new resident.
   */
  async matchOrCreateResident(tx: EntityManager, actor: Actor | null, scope: string[] | null, r: { fullName: string; phone: string | null; birthYear: number | null; unitId: string }, create = true)
    : Promise<{ staffId?: string; residentId?: string; matched: boolean }> {
    const name = nfc(r.fullName).replace(/\s+/g, ' ').trim();
    const key = fold(name);
    if (r.phone) {
      const staff = await tx.query(
        `SELECT id FROM staff_members WHERE phone = $1 AND vn_fold(full_name) = $2 AND status <> 'left' AND ($3::uuid[] IS NULL OR unit_id = ANY($3)) LIMIT 1`,
        [r.phone, key, scope],
      );
      if (staff.length) return { staffId: staff[0].id, matched: true };
      const [res] = await tx.query(`SELECT id FROM residents WHERE phone = $1 AND name_fold = $2`, [r.phone, key]);
      if (res) return { residentId: res.id, matched: true };
    } else {
      const [res] = await tx.query(`SELECT id FROM residents WHERE phone IS NULL AND unit_id = $1 AND name_fold = $2 AND birth_year = $3`, [r.unitId, key, r.birthYear]);
      if (res) return { residentId: res.id, matched: true };
    }
    if (!create) return { matched: false };
    const [ins] = await tx.query(
      `INSERT INTO residents (full_name, phone, birth_year, unit_id, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [name, r.phone, r.birthYear, r.unitId, actor?.userId ?? null],
    );
    return { residentId: ins.id, matched: false };
  }

  private checkResident(r: { fullName: string; phone?: string | null; birthYear?: number | null }, prefix: string): { phone: string | null } {
    let phone: string | null = null;
    if (r.phone !== undefined && r.phone !== null && r.phone.trim() !== '') {
      const p = normalizePhone(r.phone);
      if (!p.ok) throw fieldError(`${prefix}phone`, 'Số điện thoại di động không hợp lệ (10 chữ số, bắt đầu bằng 03, 05, 07, 08, 09)', 'Invalid mobile number (10 digits starting 03, 05, 07, 08, 09)');
      phone = p.value;
    }
    if (!phone && !r.birthYear) {
      throw fieldError(`${prefix}phone`, 'Cần số điện thoại hoặc năm sinh để phân biệt người trùng tên', 'A phone number or a birth year is needed to tell people with the same name apart');
    }
    if (r.birthYear && r.birthYear > new Date().getUTCFullYear()) throw fieldError(`${prefix}birthYear`, 'Năm sinh không hợp lệ', 'Invalid birth year');
    return { phone };
  }

  /** Inserts roster rows; refuses (409 CLASS_FULL) past the capacity. Returns the new roster ids. */
  async insertRoster(tx: EntityManager, actor: Actor | null, cls: Row, people: { staffId?: string; residentId?: string }[], source: 'manual' | 'import' | 'walk_in'): Promise<string[]> {
    const ids: string[] = [];
    for (const p of people) {
      const rows = await tx.query(
        `INSERT INTO class_roster (class_id, staff_id, resident_id, source, added_by) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING id`,
        [cls.id, p.staffId ?? null, p.residentId ?? null, source, actor?.userId ?? null],
      );
      if (rows.length) ids.push(rows[0].id);
    }
    if (cls.capacity !== null && ids.length) {
      const [{ n }] = await tx.query(`SELECT count(*)::int AS n FROM class_roster WHERE class_id = $1`, [cls.id]);
      if (n > cls.capacity) throw new AppError(409, 'CLASS_FULL', { capacity: cls.capacity });
    }
    return ids;
  }

  async addToRoster(actor: Actor, classId: string, dto: AddRosterDto): Promise<AddRosterResultDto> {
    if (!dto.staffIds?.length && !dto.residents?.length) {
      throw fieldError('staffIds', 'Chọn cán bộ hoặc nhập người dân cần thêm', 'Choose staff or enter residents to add');
    }
    const phones = (dto.residents ?? []).map((r, i) => this.checkResident(r, `residents.${i}.`).phone);
    return this.dataSource.transaction(async (tx) => {
      const cls = await this.loadClass(actor, classId, tx, true);
      this.assertOpen(cls);
      const scope = await this.access.scopeUnitIds(actor, tx);
      const people: { staffId?: string; residentId?: string }[] = [];
      if (dto.staffIds?.length) {
        const rows = await tx.query(`SELECT id, unit_id FROM staff_members WHERE id = ANY($1::uuid[])`, [dto.staffIds]);
        const unitOf = new Map<string, string>(rows.map((r: Row) => [r.id, r.unit_id]));
        for (const s of dto.staffIds) {
          const unit = unitOf.get(s);
          if (!unit || (scope && !scope.includes(unit))) throw notFound();
          people.push({ staffId: s });
        }
      }
      const matched: { index: number; residentId?: string; staffId?: string; fullName: string }[] = [];
      for (const [i, r] of (dto.residents ?? []).entries()) {
        const unitId = r.unitId ?? cls.owner_unit_id;
        if (r.unitId) {
          const [u] = await tx.query(`SELECT id FROM org_units WHERE id = $1`, [r.unitId]);
          if (!u || (scope && !scope.includes(r.unitId))) throw fieldError(`residents.${i}.unitId`, 'Đơn vị không tồn tại hoặc ngoài phạm vi quản lý', 'Unknown unit or outside your scope');
        }
        const m = await this.matchOrCreateResident(tx, actor, scope, { fullName: r.fullName, phone: phones[i], birthYear: r.birthYear ?? null, unitId });
        if (m.matched) matched.push({ index: i, ...(m.staffId ? { staffId: m.staffId } : { residentId: m.residentId }), fullName: r.fullName });
        people.push(m.staffId ? { staffId: m.staffId } : { residentId: m.residentId });
      }
      const unique = [...new Map(people.map((p) => [p.staffId ?? p.residentId, p])).values()];
      const ids = await this.insertRoster(tx, actor, cls, unique, 'manual');
      const enrolled = await this.enrolStaff(tx, actor, cls.course_id, unique.filter((p) => p.staffId).map((p) => p.staffId as string));
      await this.audit.record(tx, actor, {
        action: 'class_roster.added', entityType: 'class', entityId: classId, summary: `Thêm ${ids.length} người vào danh sách lớp ${cls.title}`,
        details: { added: ids.length, alreadyOnRoster: unique.length - ids.length, staff: dto.staffIds?.length ?? 0, residents: dto.residents?.length ?? 0, matched: matched.length, enrolledInCourse: enrolled },
      });
      const rows = ids.length ? await tx.query(`SELECT * FROM (${ROSTER_SELECT} WHERE r.id = ANY($1::uuid[])) x ORDER BY ${ROSTER_ORDER}`, [ids]) : [];
      return { added: rows.map(toRosterDto), alreadyOnRoster: unique.length - ids.length, matched };
    });
  }

  async removeFromRoster(actor: Actor, classId: string, rosterId: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const cls = await this.loadClass(actor, classId, tx, true);
      this.assertOpen(cls);
      const [r] = await tx.query(`${ROSTER_SELECT} WHERE r.id = $1 AND r.class_id = $2`, [rosterId, classId]);
      if (!r) throw notFound();
      const [{ n }] = await tx.query(`SELECT count(*)::int AS n FROM attendance_marks WHERE roster_id = $1`, [rosterId]);
      if (n > 0) throw new AppError(409, 'ROSTER_HAS_MARKS');
      await tx.query(`DELETE FROM class_roster WHERE id = $1`, [rosterId]);
      await this.audit.record(tx, actor, {
        action: 'class_roster.removed', entityType: 'class', entityId: classId, summary: `Xóa ${r.full_name} khỏi danh sách lớp ${cls.title}`,
        details: { rosterId, staffId: r.staff_id, residentId: r.resident_id },
      });
    });
  }

  /** Roster import (XLSX / CSV): preview with dryRun, else all-or-nothing. */
  async importRoster(actor: Actor, classId: string, fileName: string, buf: Buffer, dryRun: boolean, lang: 'vi' | 'en'): Promise<RosterImportResultDto> {
    let sheet;
    try {
      sheet = await parseStaffSheet(buf, fileName);
    } catch (e) {
      if (e instanceof SheetError) {
        throw new AppError(e.code === 'UNSUPPORTED_FILE' ? 415 : 400, e.code === 'UNSUPPORTED_FILE' ? 'UNSUPPORTED_FILE' : e.code, {}, { file: { vi: e.message, en: e.messageEn } });
      }
      throw e;
    }
    if (sheet.rows.length > 2000) throw new AppError(400, 'TOO_MANY_ROWS', {}, { file: { vi: 'Tối đa 2.000 người mỗi lần nhập', en: 'At most 2,000 people per import' } });
    const t = (vi: string, en: string) => (lang === 'en' ? en : vi);
    const run = async (tx: EntityManager) => {
      const cls = await this.loadClass(actor, classId, tx, true);
      this.assertOpen(cls);
      const scope = await this.access.scopeUnitIds(actor, tx);
      const rows: RosterImportRowDto[] = [];
      const onRoster = new Set<string>(
        (await tx.query(`SELECT coalesce(staff_id, resident_id) AS p FROM class_roster WHERE class_id = $1`, [classId])).map((r: Row) => r.p),
      );
      const seen = new Set<string>();
      const fresh = new Map<number, { fullName: string; phone: string | null; birthYear: number | null }>();
      const pending: { row: number; staffId?: string; residentId?: string }[] = [];
      for (const raw of sheet.rows) {
        const v = raw.values;
        const fullName = nfc(v.fullName ?? [v.familyName, v.familyMiddleName, v.middleName, v.givenName].filter(Boolean).join(' ')).replace(/\s+/g, ' ').trim();
        const row: RosterImportRowDto = { row: raw.rowNumber, fullName, kind: null, status: 'add', errors: [] };
        const err = (field: string, vi: string, en: string) => row.errors.push({ field, message: t(vi, en) });
        if (v.staffCode?.trim()) {
          const [s] = await tx.query(`SELECT id, unit_id, full_name FROM staff_members WHERE lower(staff_code) = lower($1)`, [v.staffCode.trim()]);
          if (!s || (scope && !scope.includes(s.unit_id))) err('staffCode', 'Không tìm thấy mã cán bộ trong phạm vi quản lý', 'Staff code not found in your scope');
          else { row.kind = 'staff'; row.staffId = s.id; row.fullName = s.full_name; }
        } else {
          if (!fullName) err('fullName', 'Thiếu họ và tên', 'The name is missing');
          let phone: string | null = null;
          if (v.phone?.trim()) {
            const p = normalizePhone(v.phone);
            if (p.ok) phone = p.value;
            else err('phone', 'Số điện thoại di động không hợp lệ', 'Invalid mobile number');
          }
          let birthYear: number | null = null;
          if (v.birthYear?.trim()) {
            const y = Number(v.birthYear.trim());
            if (Number.isInteger(y) && y >= 1900 && y <= new Date().getUTCFullYear()) birthYear = y;
            else err('birthYear', 'Năm sinh không hợp lệ', 'Invalid birth year');
          }
          if (!phone && !birthYear && !row.errors.some((e) => e.field === 'phone' || e.field === 'birthYear')) {
            err('phone', 'Cần số điện thoại hoặc năm sinh', 'A phone number or a birth year is needed');
          }
          if (!row.errors.length) {
            // nothing is created while checking: unknown residents are created at commit, when no row has an error
            const m = await this.matchOrCreateResident(tx, actor, scope, { fullName, phone, birthYear, unitId: cls.owner_unit_id }, false);
            row.kind = m.staffId ? 'staff' : 'resident';
            if (m.staffId) row.staffId = m.staffId;
            if (m.residentId) row.residentId = m.residentId;
            if (!m.matched) fresh.set(row.row, { fullName, phone, birthYear });
          }
        }
        const key = row.staffId ?? row.residentId ?? (row.kind === 'resident' ? `new:${fold(fullName)}|${v.phone ?? ''}|${v.birthYear ?? ''}` : null);
        if (!row.errors.length && key) {
          if (onRoster.has(key)) row.status = 'already';
          else if (seen.has(key)) err('fullName', 'Người này xuất hiện hai lần trong tệp', 'This person appears twice in the file');
          else {
            seen.add(key);
            pending.push({ row: row.row, staffId: row.staffId, residentId: row.residentId });
          }
        }
        if (row.errors.length) row.status = 'error';
        rows.push(row);
      }
      const errorCount = rows.filter((r) => r.status === 'error').length;
      const added = rows.filter((r) => r.status === 'add').length;
      const already = rows.filter((r) => r.status === 'already').length;
      if (dryRun || errorCount) return { rows, added, already, errorCount, committed: false };
      if (cls.capacity !== null && cls.roster_count + added > cls.capacity) throw new AppError(409, 'CLASS_FULL', { capacity: cls.capacity });
      const people: { staffId?: string; residentId?: string }[] = [];
      for (const p of pending) {
        const f = fresh.get(p.row);
        if (f) {
          const m = await this.matchOrCreateResident(tx, actor, scope, { ...f, unitId: cls.owner_unit_id });
          const row = rows.find((r) => r.row === p.row) as RosterImportRowDto;
          if (m.staffId) row.staffId = m.staffId; else row.residentId = m.residentId;
          people.push(m.staffId ? { staffId: m.staffId } : { residentId: m.residentId });
        } else people.push(p.staffId ? { staffId: p.staffId } : { residentId: p.residentId });
      }
      await this.insertRoster(tx, actor, cls, people, 'import');
      await this.enrolStaff(tx, actor, cls.course_id, people.filter((p) => p.staffId).map((p) => p.staffId as string));
      await this.audit.record(tx, actor, {
        action: 'class_roster.imported', entityType: 'class', entityId: classId, summary: `Nhập danh sách lớp ${cls.title} từ tệp: thêm ${added} người`,
        details: { fileName, rows: rows.length, added, already },
      });
      return { rows, added, already, errorCount, committed: true };
    };
    return this.dataSource.transaction(run);
  }

  async residents(actor: Actor, q: ResidentsQueryDto): Promise<Page<ResidentDto>> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    const params: unknown[] = [];
    const where: string[] = [];
    const add = (sql: (p: string) => string, v: unknown) => { params.push(v); where.push(sql(`$${params.length}`)); };
    const scope = await this.access.scopeUnitIds(actor);
    if (scope) add((p) => `r.unit_id = ANY(${p}::uuid[])`, scope);
    if (q.unitId) {
      if (scope && !scope.includes(q.unitId)) return { items: [], total: 0, page, pageSize };
      add((p) => `r.unit_id = ANY(${p}::uuid[])`, await this.access.subtreeIds(q.unitId));
    }
    if (q.phone) {
      const p = normalizePhone(q.phone);
      if (!p.ok) throw fieldError('phone', 'Số điện thoại di động không hợp lệ', 'Invalid mobile number');
      add((x) => `r.phone = ${x}`, p.value);
    }
    if (q.q) for (const w of fold(q.q).split(' ').filter(Boolean).slice(0, 8)) add((p) => `r.name_fold LIKE ${p}`, `%${likeEscape(w)}%`);
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM residents r ${whereSql}`, params);
    const rows = total
      ? await this.dataSource.query(
        `SELECT r.*, u.name AS unit_name FROM residents r JOIN org_units u ON u.id = r.unit_id ${whereSql}
          ORDER BY regexp_replace(r.full_name, '^.*\\s', '') COLLATE vi_vn, r.full_name COLLATE vi_vn, r.id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
        params,
      )
      : [];
    return {
      items: rows.map((r: Row) => ({ id: r.id, fullName: r.full_name, birthYear: r.birth_year, phoneMasked: maskPhone(r.phone), unitId: r.unit_id, unitName: r.unit_name })),
      total, page, pageSize,
    };
  }

  /** for the reports: hours of one session */
  static hours(s: Row) { return hoursOf(new Date(s.starts_at), new Date(s.ends_at)); }
}
