import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { OrgAccessService } from '../../common/access/org-access.service';
import { Actor } from '../../common/auth/permissions';
import { AppError, fieldError, notFound } from '../../common/errors/app-error';
import { Page } from '../../common/http/dto';
import { likeEscape, uniqueViolation } from '../../common/http/params';
import { fold } from '../../common/text/vietnamese';
import { AuditService } from '../audit/audit.service';
import { hashPassword } from '../auth/auth.service';
import { COURSE_SELECT, ITEMS_SQL, toCourseDto, toItemDto } from './course-common';
import { attachmentsByItem } from './course-attachments';
import { checkQuizLinks } from '../quizzes/quiz-links';
import {
  CourseResponseDto, CreateCourseDto, DuplicateCourseDto, ListCoursesQueryDto, OutlineResponseDto, SaveOutlineDto, UpdateCourseDto,
} from './courses.dto';
import { sanitizeHtml } from './sanitize';

@Injectable()
export class CoursesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: OrgAccessService,
    private readonly audit: AuditService,
  ) {}

  /** The course row when it is in the caller's scope (its owning unit), else 404. */
  async loadCourse(actor: Actor, id: string, tx?: EntityManager, lock = false) {
    const [row] = await (tx ?? this.dataSource.manager).query(`${COURSE_SELECT} WHERE c.id = $1 ${lock ? 'FOR UPDATE OF c' : ''}`, [id]);
    if (!row || !(await this.access.inScope(actor, row.owner_unit_id, tx))) throw notFound();
    return row;
  }

  async list(actor: Actor, q: ListCoursesQueryDto): Promise<Page<CourseResponseDto>> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    const params: unknown[] = [];
    const where: string[] = [];
    const add = (sql: (p: string) => string, v: unknown) => { params.push(v); where.push(sql(`$${params.length}`)); };
    const scope = await this.access.scopeUnitIds(actor);
    if (scope) add((p) => `c.owner_unit_id = ANY(${p}::uuid[])`, scope);
    if (q.status) add((p) => `c.status = ${p}`, q.status);
    if (q.tag) add((p) => `${p} = ANY(c.tags)`, q.tag);
    if (q.q) for (const w of fold(q.q).split(' ').filter(Boolean).slice(0, 8)) add((p) => `c.search_text LIKE ${p}`, `%${likeEscape(w)}%`);
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM courses c ${whereSql}`, params);
    const rows = total
      ? await this.dataSource.query(`${COURSE_SELECT} ${whereSql} ORDER BY c.updated_at DESC, c.id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`, params)
      : [];
    return { items: rows.map(toCourseDto), total, page, pageSize };
  }

  async get(actor: Actor, id: string): Promise<CourseResponseDto> {
    return toCourseDto(await this.loadCourse(actor, id));
  }

  private async checkRefs(actor: Actor, tx: EntityManager, ownerUnitId: string | undefined, trainerIds: string[] | undefined) {
    if (ownerUnitId !== undefined) {
      const [unit] = await tx.query(`SELECT id FROM org_units WHERE id = $1`, [ownerUnitId]);
      if (!unit || !(await this.access.inScope(actor, ownerUnitId, tx))) {
        throw fieldError('ownerUnitId', 'Đơn vị không tồn tại hoặc ngoài phạm vi quản lý', 'Unknown unit or outside your scope');
      }
    }
    if (trainerIds?.length) {
      const [{ n }] = await tx.query(`SELECT count(*)::int AS n FROM users WHERE id = ANY($1::uuid[])`, [trainerIds]);
      if (n !== trainerIds.length) throw fieldError('trainerIds', 'Có giảng viên không tồn tại', 'Unknown trainer account');
    }
  }

  /**
   * Re-enrolment before expiry needs a validity, and must start before the validity is over (28 days per month: the
   * shortest month), else a person would be enrolled again as soon as they complete. `leadGiven`: the request set the
   * lead time (the error names the field the caller sent).
   */
  private checkRenewal(validity: number | null, lead: number | null, leadGiven: boolean) {
    if (lead === null) return;
    if (validity === null) {
      if (leadGiven) {
        throw fieldError('renewalLeadDays', 'Cần đặt thời hạn hiệu lực của giấy chứng nhận trước khi đặt số ngày ghi danh học lại',
          'Set a certificate validity before a re-enrolment lead time');
      }
      throw fieldError('certificateValidityMonths', 'Khóa học đang ghi danh học lại trước khi hết hạn: hãy bỏ số ngày ghi danh học lại trước khi bỏ thời hạn hiệu lực',
        'The course re-enrols people before expiry: remove the re-enrolment lead time before removing the validity');
    }
    if (lead >= validity * 28) {
      throw fieldError('renewalLeadDays', `Số ngày ghi danh học lại phải ít hơn thời hạn hiệu lực (tối đa ${validity * 28 - 1} ngày)`,
        `The re-enrolment lead time must be shorter than the validity (at most ${validity * 28 - 1} days)`);
    }
  }

  private mapUnique(e: unknown): never {
    if (uniqueViolation(e) === 'uq_courses_code') {
      throw new AppError(409, 'COURSE_CODE_TAKEN', {}, { code: { vi: 'Mã khóa học đã tồn tại', en: 'This course code already exists' } });
    }
    throw e;
  }

  async create(actor: Actor, dto: CreateCourseDto): Promise<CourseResponseDto> {
    try {
      return await this.dataSource.transaction(async (tx) => {
        this.checkRenewal(dto.certificateValidityMonths ?? null, dto.renewalLeadDays ?? null, true);
        await this.checkRefs(actor, tx, dto.ownerUnitId, dto.trainerIds);
        const hash = dto.enrolKey ? await hashPassword(dto.enrolKey) : null;
        const [{ id }] = await tx.query(
          `INSERT INTO courses (code, title, description, owner_unit_id, trainer_ids, tags, target_group, delivery_mode, duration_hours,
             sequential, pass_mark, min_progress_before_final, self_enrol, enrol_key_hash, created_by, certificate_validity_months, renewal_lead_days)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17) RETURNING id`,
          [dto.code.trim(), dto.title.trim(), sanitizeHtml(dto.description), dto.ownerUnitId, dto.trainerIds ?? [], dto.tags ?? [], dto.targetGroup,
            dto.deliveryMode, dto.durationHours, dto.sequential ?? false, dto.passMark ?? null, dto.minProgressBeforeFinal ?? null,
            dto.selfEnrol ?? false, hash, actor.userId, dto.certificateValidityMonths ?? null, dto.renewalLeadDays ?? null],
        );
        await this.audit.record(tx, actor, {
          action: 'course.created', entityType: 'course', entityId: id, summary: `Tạo khóa học: ${dto.title}`,
          details: { code: dto.code, ownerUnitId: dto.ownerUnitId },
        });
        return toCourseDto(await this.loadCourse(actor, id, tx));
      });
    } catch (e) {
      return this.mapUnique(e);
    }
  }

  async update(actor: Actor, id: string, dto: UpdateCourseDto): Promise<CourseResponseDto> {
    try {
      return await this.dataSource.transaction(async (tx) => {
        const row = await this.loadCourse(actor, id, tx, true);
        if (row.status === 'archived') throw new AppError(409, 'COURSE_ARCHIVED');
        this.checkRenewal(
          dto.certificateValidityMonths === undefined ? row.certificate_validity_months : dto.certificateValidityMonths,
          dto.renewalLeadDays === undefined ? row.renewal_lead_days : dto.renewalLeadDays,
          dto.renewalLeadDays !== undefined,
        );
        await this.checkRefs(actor, tx, dto.ownerUnitId, dto.trainerIds);
        const cols: Record<string, unknown> = {
          code: dto.code?.trim(), title: dto.title?.trim(), description: dto.description === undefined ? undefined : sanitizeHtml(dto.description),
          owner_unit_id: dto.ownerUnitId, trainer_ids: dto.trainerIds, tags: dto.tags, target_group: dto.targetGroup, delivery_mode: dto.deliveryMode,
          duration_hours: dto.durationHours, sequential: dto.sequential, pass_mark: dto.passMark, min_progress_before_final: dto.minProgressBeforeFinal,
          self_enrol: dto.selfEnrol, certificate_validity_months: dto.certificateValidityMonths, renewal_lead_days: dto.renewalLeadDays,
          enrol_key_hash: dto.enrolKey === undefined ? undefined : dto.enrolKey === null ? null : await hashPassword(dto.enrolKey),
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
        if (sets.length) {
          await tx.query(`UPDATE courses SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, params);
          await this.audit.record(tx, actor, {
            action: 'course.updated', entityType: 'course', entityId: id, summary: `Sửa khóa học: ${dto.title ?? row.title}`,
            details: { fields: changed.map((c) => (c === 'enrol_key_hash' ? 'enrol_key' : c)) },
          });
        }
        return toCourseDto(await this.loadCourse(actor, id, tx));
      });
    } catch (e) {
      return this.mapUnique(e);
    }
  }

  private async outlineOf(tx: EntityManager, courseId: string, version: number): Promise<OutlineResponseDto> {
    const sections = await tx.query(`SELECT id, title FROM course_sections WHERE course_id = $1 ORDER BY position`, [courseId]);
    const items = await tx.query(ITEMS_SQL, [[courseId]]);
    const attachments = await attachmentsByItem(tx, courseId);
    return {
      courseId,
      version,
      sections: sections.map((s: { id: string; title: string }) => ({
        id: s.id,
        title: s.title,
        items: items.filter((i: { section_id: string }) => i.section_id === s.id).map((i: unknown) => toItemDto(i, attachments)),
      })),
    };
  }

  async outline(actor: Actor, id: string): Promise<OutlineResponseDto> {
    const row = await this.loadCourse(actor, id);
    return this.outlineOf(this.dataSource.manager, id, row.version);
  }

  /** Replaces the outline: order = array order; new ids created, missing ones removed (not when someone has progress). */
  async saveOutline(actor: Actor, id: string, dto: SaveOutlineDto): Promise<OutlineResponseDto> {
    return this.dataSource.transaction(async (tx) => {
      const course = await this.loadCourse(actor, id, tx, true);
      if (course.status === 'archived') throw new AppError(409, 'COURSE_ARCHIVED');
      const oldSections: string[] = (await tx.query(`SELECT id FROM course_sections WHERE course_id = $1`, [id])).map((r: { id: string }) => r.id);
      const oldItems: string[] = (await tx.query(`SELECT id FROM course_items WHERE course_id = $1`, [id])).map((r: { id: string }) => r.id);
      const seen = new Set<string>();
      let finals = 0;
      dto.sections.forEach((s, si) => {
        if (s.id && (!oldSections.includes(s.id) || seen.has(s.id))) throw fieldError(`sections.${si}.id`, 'Mục không thuộc khóa học này', 'This section is not part of the course');
        if (s.id) seen.add(s.id);
        s.items.forEach((it, ii) => {
          if (it.id && (!oldItems.includes(it.id) || seen.has(it.id))) throw fieldError(`sections.${si}.items.${ii}.id`, 'Nội dung không thuộc khóa học này', 'This item is not part of the course');
          if (it.id) seen.add(it.id);
          if (it.isFinal) finals++;
        });
      });
      if (finals > 1) throw fieldError('sections', 'Chỉ được có một nội dung cuối khóa', 'Only one item can be the final one');
      await checkQuizLinks(tx, this.access, actor, id, dto.sections);
      const keptItems = new Set(dto.sections.flatMap((s) => s.items.map((i) => i.id).filter(Boolean)));
      const removedItems = oldItems.filter((i) => !keptItems.has(i));
      if (removedItems.length) {
        const [{ n }] = await tx.query(`SELECT count(*)::int AS n FROM item_progress WHERE item_id = ANY($1::uuid[])`, [removedItems]);
        if (n > 0) throw new AppError(409, 'ITEM_HAS_PROGRESS');
        await tx.query(`DELETE FROM course_items WHERE id = ANY($1::uuid[])`, [removedItems]);
      }
      await tx.query(`UPDATE course_items SET is_final = false, quiz_id = NULL WHERE course_id = $1 AND (is_final OR quiz_id IS NOT NULL)`, [id]);
      const keptSections: string[] = [];
      for (const [si, s] of dto.sections.entries()) {
        const sid = s.id ?? randomUUID();
        keptSections.push(sid);
        if (s.id) await tx.query(`UPDATE course_sections SET title = $2, position = $3 WHERE id = $1`, [sid, s.title.trim(), si]);
        else await tx.query(`INSERT INTO course_sections (id, course_id, position, title) VALUES ($1, $2, $3, $4)`, [sid, id, si, s.title.trim()]);
        for (const [ii, it] of s.items.entries()) {
          const lesson = it.type === 'lesson';
          const vals = [
            it.id ?? randomUUID(), id, sid, ii, it.type, it.title.trim(), it.required ?? true, it.isFinal ?? false,
            lesson ? sanitizeHtml(it.bodyHtml) : null,
            lesson ? it.videoUrl ?? null : null,
            lesson ? it.completionRule ?? 'opened_to_end' : null,
            lesson && it.completionRule === 'video_share' ? it.videoShare ?? 90 : null,
            it.type === 'quiz' ? it.minScore ?? null : null,
            it.type === 'attendance' ? it.minShare ?? null : null,
            it.type === 'quiz' ? it.quizId ?? null : null,
          ];
          if (it.id) {
            await tx.query(
              `UPDATE course_items SET course_id = $2, section_id = $3, position = $4, type = $5, title = $6, required = $7, is_final = $8,
                 body_html = $9, video_url = $10, completion_rule = $11, video_share = $12, min_score = $13, min_share = $14, quiz_id = $15 WHERE id = $1`,
              vals,
            );
          } else {
            await tx.query(
              `INSERT INTO course_items (id, course_id, section_id, position, type, title, required, is_final, body_html, video_url,
                 completion_rule, video_share, min_score, min_share, quiz_id) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)`,
              vals,
            );
          }
        }
      }
      await tx.query(`DELETE FROM course_sections WHERE course_id = $1 AND NOT (id = ANY($2::uuid[]))`, [id, keptSections]);
      const [{ version }] = await tx.query(
        `WITH u AS (UPDATE courses SET version = version + CASE WHEN status = 'published' THEN 1 ELSE 0 END, updated_at = now()
           WHERE id = $1 RETURNING version) SELECT version FROM u`,
        [id],
      );
      await this.audit.record(tx, actor, {
        action: 'course.outline_saved', entityType: 'course', entityId: id, summary: `Lưu đề cương: ${course.title}`,
        details: { version, sections: dto.sections.length, items: keptItems.size + dto.sections.flatMap((s) => s.items.filter((i) => !i.id)).length, removedItems: removedItems.length },
      });
      return this.outlineOf(tx, id, version);
    });
  }

  private async setStatus(actor: Actor, id: string, to: 'published' | 'archived', note?: string): Promise<CourseResponseDto> {
    return this.dataSource.transaction(async (tx) => {
      const course = await this.loadCourse(actor, id, tx, true);
      if (to === 'published') {
        if (course.status === 'archived') throw new AppError(409, 'COURSE_ARCHIVED');
        const [{ n }] = await tx.query(`SELECT count(*)::int AS n FROM course_items WHERE course_id = $1 AND required`, [id]);
        if (!n) throw fieldError('outline', 'Khóa học cần ít nhất một nội dung bắt buộc trước khi xuất bản', 'A course needs at least one required item before it is published');
      }
      if (course.status !== to) {
        await tx.query(
          `UPDATE courses SET status = $2::text, updated_at = now(), published_at = CASE WHEN $2::text = 'published' THEN coalesce(published_at, now()) ELSE published_at END WHERE id = $1`,
          [id, to],
        );
        await this.audit.record(tx, actor, {
          action: to === 'published' ? 'course.published' : 'course.archived', entityType: 'course', entityId: id,
          summary: `${to === 'published' ? 'Xuất bản' : 'Lưu trữ'} khóa học: ${course.title}`, details: { from: course.status, note: note ?? null },
        });
      }
      return toCourseDto(await this.loadCourse(actor, id, tx));
    });
  }

  publish(actor: Actor, id: string, note?: string) { return this.setStatus(actor, id, 'published', note); }
  archive(actor: Actor, id: string, note?: string) { return this.setStatus(actor, id, 'archived', note); }

  async duplicate(actor: Actor, id: string, dto: DuplicateCourseDto): Promise<CourseResponseDto> {
    try {
      return await this.dataSource.transaction(async (tx) => {
        const src = await this.loadCourse(actor, id, tx);
        const [{ id: newId }] = await tx.query(
          `INSERT INTO courses (code, title, description, owner_unit_id, trainer_ids, tags, target_group, delivery_mode, duration_hours,
             sequential, pass_mark, min_progress_before_final, self_enrol, enrol_key_hash, created_by,
             certificate_validity_months, renewal_lead_days, issue_certificates)
           SELECT $2, $3, description, owner_unit_id, trainer_ids, tags, target_group, delivery_mode, duration_hours,
             sequential, pass_mark, min_progress_before_final, self_enrol, enrol_key_hash, $4,
             certificate_validity_months, renewal_lead_days, issue_certificates FROM courses WHERE id = $1 RETURNING id`,
          [id, dto.code.trim(), dto.title.trim(), actor.userId],
        );
        const sections = await tx.query(`SELECT * FROM course_sections WHERE course_id = $1`, [id]);
        const map = new Map<string, string>(sections.map((s: { id: string }) => [s.id, randomUUID()]));
        for (const s of sections) {
          await tx.query(`INSERT INTO course_sections (id, course_id, position, title) VALUES ($1, $2, $3, $4)`, [map.get(s.id), newId, s.position, s.title]);
        }
        await tx.query(
          `INSERT INTO course_items (course_id, section_id, position, type, title, required, is_final, body_html, video_url, completion_rule, video_share, min_score, min_share)
           SELECT $2, (m->>i.section_id::text)::uuid, position, type, title, required, is_final, body_html, video_url, completion_rule, video_share, min_score, min_share
             FROM course_items i, (SELECT $3::jsonb AS m) x WHERE i.course_id = $1`,
          [id, newId, JSON.stringify(Object.fromEntries(map))],
        );
        await this.audit.record(tx, actor, {
          action: 'course.duplicated', entityType: 'course', entityId: newId, summary: `Nhân bản khóa học ${src.title} thành ${dto.title}`,
          details: { sourceId: id, code: dto.code },
        });
        return toCourseDto(await this.loadCourse(actor, newId, tx));
      });
    } catch (e) {
      return this.mapUnique(e);
    }
  }
}
