import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DataSource, EntityManager } from 'typeorm';
import { OrgAccessService } from '../../common/access/org-access.service';
import { Actor, hasPermission, Permission } from '../../common/auth/permissions';
import { AppError, fieldError, notFound } from '../../common/errors/app-error';
import { Page } from '../../common/http/dto';
import { likeEscape, uniqueViolation } from '../../common/http/params';
import { todayVn } from '../../common/text/dates';
import { fold } from '../../common/text/vietnamese';
import { createValidationPipe } from '../../common/validation/validation';
import { AuditService } from '../audit/audit.service';
import { FilesService, Upload } from '../files/files.service';
import { CreateExternalCompletionDto, ExternalCompletionDto, ListExternalCompletionsQueryDto } from './external-completions.dto';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Row = any;

export const MAX_EXTERNAL_HOURS = 500;
export const EARLIEST_COMPLETION = '1990-01-01';

/** An external completion with its person, unit, evidence metadata (never the bytes) and the names of who submitted and reviewed it. */
export const EXTERNAL_SELECT = `SELECT k.*, s.full_name, s.unit_id, o.name AS unit_name, coalesce(k.title, c.title) AS course_title,
    f.file_name AS evidence_name, f.mime_type AS evidence_mime, f.size AS evidence_size,
    su.display_name AS submitted_by_name, ru.display_name AS reviewed_by_name
  FROM completions k JOIN staff_members s ON s.id = k.staff_id JOIN org_units o ON o.id = s.unit_id
  LEFT JOIN courses c ON c.id = k.course_id LEFT JOIN stored_files f ON f.id = k.evidence_file_id
  LEFT JOIN users su ON su.id = k.submitted_by LEFT JOIN users ru ON ru.id = k.reviewed_by`;

const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);

export const toExternalDto = (r: Row): ExternalCompletionDto => ({
  id: r.id, staffId: r.staff_id, courseId: r.course_id, courseTitle: r.course_title, courseVersion: r.course_version,
  completedAt: new Date(r.completed_at).toISOString(), hours: Number(r.hours), rule: r.rule, source: r.source, status: r.status,
  fullName: r.full_name, unitId: r.unit_id, unitName: r.unit_name, title: r.title, provider: r.provider, completedOn: String(r.completed_on),
  certificateNo: r.certificate_no, tags: r.tags ?? [],
  evidence: r.evidence_file_id ? { fileName: r.evidence_name, mimeType: r.evidence_mime, size: Number(r.evidence_size) } : null,
  submittedBy: r.submitted_by, submittedByName: r.submitted_by_name ?? null, submittedAt: iso(r.submitted_at) as string,
  reviewedBy: r.reviewed_by, reviewedByName: r.reviewed_by_name ?? null, reviewedAt: iso(r.reviewed_at), reviewNote: r.review_note,
  importId: r.import_id ?? null,
});

/** A calendar date at midnight in Vietnam, so the completion falls in the right year of the hours ledger. */
export const COMPLETED_AT_SQL = (p: string) => `(${p}::date)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'`;

/** Common checks of an external completion's date and hours, naming the field. */
export function checkDateAndHours(completedOn: string, hours: number): void {
  if (completedOn > todayVn()) throw fieldError('completedOn', 'Ngày hoàn thành không được ở tương lai', 'The completion date cannot be in the future');
  if (completedOn < EARLIEST_COMPLETION) throw fieldError('completedOn', 'Ngày hoàn thành không hợp lệ (trước năm 1990)', 'The completion date is not plausible (before 1990)');
  if (!(hours > 0 && hours <= MAX_EXTERNAL_HOURS)) {
    throw fieldError('hours', `Số giờ phải lớn hơn 0 và không quá ${MAX_EXTERNAL_HOURS}`, `Hours must be greater than 0 and at most ${MAX_EXTERNAL_HOURS}`);
  }
}

/**
 * Completions earned elsewhere (Bình dân học vụ số, provincial programmes): submitted with evidence by the learner
 * or by staff, reviewed by a manager in scope. Only approved ones count (hours ledger, enrolment completion).
 */
@Injectable()
export class ExternalCompletionsService {
  private readonly pipe = createValidationPipe();

  constructor(
    private readonly dataSource: DataSource,
    private readonly access: OrgAccessService,
    private readonly audit: AuditService,
    private readonly files: FilesService,
  ) {}

  private async linkedStaffId(actor: Actor, tx?: EntityManager): Promise<string | null> {
    const [u] = await (tx ?? this.dataSource.manager).query(`SELECT staff_id FROM users WHERE id = $1`, [actor.userId]);
    return u?.staff_id ?? null;
  }

  async load(tx: EntityManager, id: string, lock = false): Promise<Row | null> {
    const [r] = await tx.query(`${EXTERNAL_SELECT} WHERE k.id = $1 AND k.source <> 'internal' ${lock ? 'FOR UPDATE OF k' : ''}`, [id]);
    return r ?? null;
  }

  /** Validates the multipart text fields with the same rules and messages as JSON bodies. */
  async validateFields(fields: Record<string, string>): Promise<CreateExternalCompletionDto> {
    const present = Object.fromEntries(Object.entries(fields).filter(([, v]) => v.trim() !== ''));
    return (await this.pipe.transform(present, { type: 'body', metatype: CreateExternalCompletionDto, data: undefined })) as CreateExternalCompletionDto;
  }

  /** A course the person or the caller may refer to: not a draft, and in the caller's scope, or the person is enrolled, or it is in the catalogue. */
  private async checkCourse(tx: EntityManager, actor: Actor, courseId: string, staffId: string): Promise<Row> {
    const [c] = await tx.query(
      `SELECT c.id, c.title, c.owner_unit_id, c.status, c.self_enrol,
          EXISTS (SELECT 1 FROM enrolments e WHERE e.course_id = c.id AND e.staff_id = $2) AS enrolled
         FROM courses c WHERE c.id = $1`,
      [courseId, staffId],
    );
    const ok = c && c.status !== 'draft' && (c.enrolled || (c.status === 'published' && c.self_enrol)
      || (hasPermission(actor.roles, Permission.CourseRead) && (await this.access.inScope(actor, c.owner_unit_id, tx))));
    if (!ok) throw fieldError('courseId', 'Khóa học không tồn tại hoặc bạn không xem được', 'Unknown course, or one you cannot see');
    return c;
  }

  async create(actor: Actor, fields: Record<string, string>, evidence: Upload | null): Promise<ExternalCompletionDto> {
    const dto = await this.validateFields(fields);
    if (!evidence) throw fieldError('evidence', 'Cần tải lên minh chứng (giấy chứng nhận: PDF hoặc ảnh)', 'Upload the evidence (the certificate: PDF or image)');
    checkDateAndHours(dto.completedOn, dto.hours);
    try {
      return await this.dataSource.transaction(async (tx) => {
        const own = await this.linkedStaffId(actor, tx);
        const staffId = dto.staffId ?? own;
        if (!staffId) throw fieldError('staffId', 'Tài khoản chưa gắn với hồ sơ cán bộ; hãy chọn người', 'Your account is not linked to a person; choose one');
        const [person] = await tx.query(`SELECT id, full_name, unit_id FROM staff_members WHERE id = $1`, [staffId]);
        if (!person) throw notFound();
        // someone else's: only staff (trainer, manager, admin) with the person in scope
        if (staffId !== own && !(hasPermission(actor.roles, Permission.CourseManage) && (await this.access.inScope(actor, person.unit_id, tx)))) throw notFound();
        const course = dto.courseId ? await this.checkCourse(tx, actor, dto.courseId, staffId) : null;
        const title = dto.title ?? course?.title;
        if (!title) throw fieldError('title', 'Bắt buộc nhập nội dung bồi dưỡng', 'Required');
        const fileId = await this.files.store(tx, actor, 'evidence', evidence);
        const [{ id }] = await tx.query(
          `INSERT INTO completions (staff_id, course_id, course_version, completed_at, hours, rule, source, status, title, provider, completed_on,
             certificate_no, tags, evidence_file_id, submitted_by, submitted_at)
           VALUES ($1, $2, NULL, ${COMPLETED_AT_SQL('$3')}, $4, $5, $6, 'pending', $7, $8, $3::date, $9, $10, $11, $12, now()) RETURNING id`,
          [staffId, course?.id ?? null, dto.completedOn, dto.hours, `external_${dto.source}`, dto.source, title, dto.provider,
            dto.certificateNo ?? null, dto.tags ?? [], fileId, actor.userId],
        );
        await this.audit.record(tx, actor, {
          action: 'external_completion.created', entityType: 'completion', entityId: id,
          summary: `Gửi kết quả bồi dưỡng ngoài hệ thống của ${person.full_name}: ${title}`,
          details: { staffId, source: dto.source, courseId: course?.id ?? null, title, provider: dto.provider, completedOn: dto.completedOn, hours: dto.hours, evidence: evidence.fileName },
        });
        return toExternalDto(await this.load(tx, id));
      });
    } catch (e) {
      if (uniqueViolation(e) === 'uq_completions_external') throw new AppError(409, 'COMPLETION_DUPLICATE');
      throw e;
    }
  }

  async list(actor: Actor, q: ListExternalCompletionsQueryDto): Promise<Page<ExternalCompletionDto>> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    const params: unknown[] = [];
    const where = [`k.source <> 'internal'`];
    const add = (sql: (p: string) => string, v: unknown) => { params.push(v); where.push(sql(`$${params.length}`)); };
    const scope = await this.access.scopeUnitIds(actor);
    if (scope) add((p) => `s.unit_id = ANY(${p}::uuid[])`, scope);
    if (q.unitId) {
      if (scope && !scope.includes(q.unitId)) return { items: [], total: 0, page, pageSize };
      add((p) => `s.unit_id = ANY(${p}::uuid[])`, await this.access.subtreeIds(q.unitId));
    }
    if (q.status) add((p) => `k.status = ${p}`, q.status);
    if (q.source) add((p) => `k.source = ${p}`, q.source);
    if (q.q) {
      for (const w of fold(q.q).split(' ').filter(Boolean).slice(0, 8)) {
        add((p) => `(s.search_text LIKE ${p} OR vn_fold(k.title || ' ' || k.provider || ' ' || coalesce(k.certificate_no, '')) LIKE ${p})`, `%${likeEscape(w)}%`);
      }
    }
    const whereSql = `WHERE ${where.join(' AND ')}`;
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM completions k JOIN staff_members s ON s.id = k.staff_id ${whereSql}`, params,
    );
    const rows = total
      ? await this.dataSource.query(`${EXTERNAL_SELECT} ${whereSql} ORDER BY k.submitted_at DESC, k.id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`, params)
      : [];
    return { items: rows.map(toExternalDto), total, page, pageSize };
  }

  async mine(actor: Actor): Promise<{ items: ExternalCompletionDto[] }> {
    const staffId = await this.linkedStaffId(actor);
    if (!staffId) return { items: [] };
    const rows = await this.dataSource.query(`${EXTERNAL_SELECT} WHERE k.staff_id = $1 AND k.source <> 'internal' ORDER BY k.submitted_at DESC, k.id`, [staffId]);
    return { items: rows.map(toExternalDto) };
  }

  /** The owner, or staff with the person in scope; anyone else: 404. */
  async sendEvidence(actor: Actor, id: string, reply: FastifyReply): Promise<void> {
    const r = await this.load(this.dataSource.manager, id);
    if (!r) throw notFound();
    const own = (await this.linkedStaffId(actor)) === r.staff_id;
    if (!own && !(hasPermission(actor.roles, Permission.CourseRead) && (await this.access.inScope(actor, r.unit_id)))) throw notFound();
    await this.files.send(reply, r.evidence_file_id);
  }

  private async reviewable(actor: Actor, tx: EntityManager, id: string): Promise<Row> {
    const r = await this.load(tx, id, true);
    if (!r || !(await this.access.inScope(actor, r.unit_id, tx))) throw notFound();
    if (r.status !== 'pending') throw new AppError(409, 'COMPLETION_ALREADY_REVIEWED');
    return r;
  }

  async approve(actor: Actor, id: string, note?: string): Promise<ExternalCompletionDto> {
    return this.dataSource.transaction(async (tx) => {
      const r = await this.reviewable(actor, tx, id);
      await tx.query(`UPDATE completions SET status = 'approved', reviewed_by = $2, reviewed_at = now(), review_note = $3 WHERE id = $1`, [id, actor.userId, note ?? null]);
      const enrolmentId = r.course_id ? await this.completeEnrolment(tx, actor, r) : null;
      await this.audit.record(tx, actor, {
        action: 'external_completion.approved', entityType: 'completion', entityId: id,
        summary: `Duyệt kết quả bồi dưỡng của ${r.full_name}: ${r.title} (${Number(r.hours)} giờ)`,
        details: { staffId: r.staff_id, source: r.source, courseId: r.course_id, hours: Number(r.hours), completedOn: String(r.completed_on), enrolmentId, note: note ?? null },
      });
      return toExternalDto(await this.load(tx, id));
    });
  }

  /**
   * An approved completion that stands for one of our courses completes the person's enrolment in it (created when
   * missing), once: an enrolment already completed keeps its own completion. Returns the enrolment it completed.
   */
  private async completeEnrolment(tx: EntityManager, actor: Actor, r: Row): Promise<string | null> {
    const completedAt = COMPLETED_AT_SQL('$4');
    const inserted = await tx.query(
      `INSERT INTO enrolments (course_id, staff_id, source, enrolled_by, status, completed_at)
       VALUES ($1, $2, 'manual', $3, 'completed', ${completedAt}) ON CONFLICT (course_id, staff_id) DO NOTHING RETURNING id`,
      [r.course_id, r.staff_id, actor.userId, String(r.completed_on)],
    );
    let enrolmentId: string | null = inserted[0]?.id ?? null;
    if (!enrolmentId) {
      const [e] = await tx.query(`SELECT id, status FROM enrolments WHERE course_id = $1 AND staff_id = $2 FOR UPDATE`, [r.course_id, r.staff_id]);
      if (e.status === 'completed') return null;
      await tx.query(`UPDATE enrolments SET status = 'completed', completed_at = ${COMPLETED_AT_SQL('$2')}, reason = NULL, updated_at = now() WHERE id = $1`, [e.id, String(r.completed_on)]);
      enrolmentId = e.id;
    }
    // the completion of the enrolment's current cycle (a re-enrolled person's earlier completions keep theirs)
    await tx.query(`UPDATE completions SET enrolment_id = $2, cycle = (SELECT cycle FROM enrolments WHERE id = $2) WHERE id = $1`, [r.id, enrolmentId]);
    await this.audit.record(tx, actor, {
      action: 'course.completed', entityType: 'enrolment', entityId: enrolmentId,
      summary: `${r.full_name} hoàn thành khóa học ${r.course_title} (kết quả ngoài hệ thống: ${r.source})`,
      details: { courseId: r.course_id, staffId: r.staff_id, completionId: r.id, hours: Number(r.hours), rule: r.rule, created: !!inserted.length },
    });
    return enrolmentId;
  }

  async reject(actor: Actor, id: string, note: string): Promise<ExternalCompletionDto> {
    return this.dataSource.transaction(async (tx) => {
      const r = await this.reviewable(actor, tx, id);
      await tx.query(`UPDATE completions SET status = 'rejected', reviewed_by = $2, reviewed_at = now(), review_note = $3 WHERE id = $1`, [id, actor.userId, note]);
      await this.audit.record(tx, actor, {
        action: 'external_completion.rejected', entityType: 'completion', entityId: id,
        summary: `Từ chối kết quả bồi dưỡng của ${r.full_name}: ${r.title}`,
        details: { staffId: r.staff_id, source: r.source, note },
      });
      return toExternalDto(await this.load(tx, id));
    });
  }
}
