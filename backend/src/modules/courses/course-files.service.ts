import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DataSource, EntityManager } from 'typeorm';
import { OrgAccessService } from '../../common/access/org-access.service';
import { Actor, hasPermission, Permission } from '../../common/auth/permissions';
import { AppError, fieldError, notFound } from '../../common/errors/app-error';
import { AuditService } from '../audit/audit.service';
import { FilesService, Upload } from '../files/files.service';
import { ATTACHMENT_SELECT, toAttachmentDto } from './course-attachments';
import { ITEMS_SQL, itemStates, ProgressRow, toCourseDto } from './course-common';
import { AttachmentDto, CourseResponseDto } from './courses.dto';
import { CoursesService } from './courses.service';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Row = any;

export const MAX_ATTACHMENTS_PER_ITEM = 10;

/** Course cover images and lesson attachments. */
@Injectable()
export class CourseFilesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: OrgAccessService,
    private readonly audit: AuditService,
    private readonly courses: CoursesService,
    private readonly files: FilesService,
  ) {}

  private async editable(actor: Actor, courseId: string, tx: EntityManager) {
    const course = await this.courses.loadCourse(actor, courseId, tx, true);
    if (course.status === 'archived') throw new AppError(409, 'COURSE_ARCHIVED');
    return course;
  }

  /** Course staff: may read courses and has this course's owning unit in scope. */
  private async isCourseStaff(actor: Actor, ownerUnitId: string, tx?: EntityManager): Promise<boolean> {
    return hasPermission(actor.roles, Permission.CourseRead) && this.access.inScope(actor, ownerUnitId, tx);
  }

  /** The caller's (linked person's) enrolment in the course, when it is open to them as in the player. */
  private async ownEnrolment(actor: Actor, courseId: string): Promise<Row | null> {
    const [e] = await this.dataSource.query(
      `SELECT e.id, e.status, c.sequential, c.min_progress_before_final FROM users u
         JOIN enrolments e ON e.staff_id = u.staff_id JOIN courses c ON c.id = e.course_id
        WHERE u.id = $1 AND e.course_id = $2 AND e.status <> 'withdrawn' AND c.status <> 'draft'`,
      [actor.userId, courseId],
    );
    return e ?? null;
  }

  async setCover(actor: Actor, courseId: string, upload: Upload): Promise<CourseResponseDto> {
    return this.dataSource.transaction(async (tx) => {
      const course = await this.editable(actor, courseId, tx);
      const fileId = await this.files.store(tx, actor, 'cover', upload);
      await tx.query(`UPDATE courses SET cover_file_id = $2, updated_at = now() WHERE id = $1`, [courseId, fileId]);
      await this.files.remove(tx, course.cover_file_id);
      await this.audit.record(tx, actor, {
        action: 'course.cover_set', entityType: 'course', entityId: courseId, summary: `Đặt ảnh bìa khóa học: ${course.title}`,
        details: { fileId, fileName: upload.fileName, mimeType: upload.mime, size: upload.buf.length, replaced: !!course.cover_file_id },
      });
      return toCourseDto(await this.courses.loadCourse(actor, courseId, tx));
    });
  }

  async deleteCover(actor: Actor, courseId: string): Promise<CourseResponseDto> {
    return this.dataSource.transaction(async (tx) => {
      const course = await this.editable(actor, courseId, tx);
      if (course.cover_file_id) {
        await tx.query(`UPDATE courses SET cover_file_id = NULL, updated_at = now() WHERE id = $1`, [courseId]);
        await this.files.remove(tx, course.cover_file_id);
        await this.audit.record(tx, actor, {
          action: 'course.cover_removed', entityType: 'course', entityId: courseId, summary: `Xóa ảnh bìa khóa học: ${course.title}`,
          details: { fileId: course.cover_file_id },
        });
      }
      return toCourseDto(await this.courses.loadCourse(actor, courseId, tx));
    });
  }

  /** Anyone who may see the course: its staff in scope, an enrolled learner, or anyone when it is in the catalogue. */
  async sendCover(actor: Actor, courseId: string, reply: FastifyReply): Promise<void> {
    const [c] = await this.dataSource.query(`SELECT id, owner_unit_id, status, self_enrol, cover_file_id FROM courses WHERE id = $1`, [courseId]);
    if (!c) throw notFound();
    const visible = (c.status === 'published' && c.self_enrol)
      || (await this.isCourseStaff(actor, c.owner_unit_id))
      || !!(await this.ownEnrolment(actor, courseId));
    if (!visible || !c.cover_file_id) throw notFound();
    await this.files.send(reply, c.cover_file_id);
  }

  async addAttachment(actor: Actor, courseId: string, itemId: string, upload: Upload): Promise<AttachmentDto> {
    return this.dataSource.transaction(async (tx) => {
      const course = await this.editable(actor, courseId, tx);
      const [item] = await tx.query(`SELECT id, type, title FROM course_items WHERE id = $1 AND course_id = $2`, [itemId, courseId]);
      if (!item) throw notFound();
      if (item.type !== 'lesson') throw fieldError('itemId', 'Chỉ bài học mới có tệp đính kèm', 'Only lessons can have attachments');
      // the course row is locked above, so two uploads to one item cannot both pass this count
      const [{ n, next }] = await tx.query(
        `SELECT count(*)::int AS n, coalesce(max(position) + 1, 0)::int AS next FROM course_attachments WHERE item_id = $1`,
        [itemId],
      );
      if (n >= MAX_ATTACHMENTS_PER_ITEM) {
        throw new AppError(409, 'TOO_MANY_ATTACHMENTS', { max: MAX_ATTACHMENTS_PER_ITEM }, {
          file: { vi: `Bài học đã có ${n} tệp đính kèm (tối đa ${MAX_ATTACHMENTS_PER_ITEM})`, en: `The lesson already has ${n} attachments (at most ${MAX_ATTACHMENTS_PER_ITEM})` },
        });
      }
      const fileId = await this.files.store(tx, actor, 'attachment', upload);
      const [{ id }] = await tx.query(
        `INSERT INTO course_attachments (course_id, item_id, file_id, position) VALUES ($1, $2, $3, $4) RETURNING id`,
        [courseId, itemId, fileId, next],
      );
      await this.audit.record(tx, actor, {
        action: 'course.attachment_added', entityType: 'course', entityId: courseId,
        summary: `Đính kèm tệp "${upload.fileName}" vào bài "${item.title}" của khóa học ${course.title}`,
        details: { itemId, attachmentId: id, fileName: upload.fileName, mimeType: upload.mime, size: upload.buf.length },
      });
      const [row] = await tx.query(`${ATTACHMENT_SELECT} WHERE a.id = $1`, [id]);
      return toAttachmentDto(row);
    });
  }

  async deleteAttachment(actor: Actor, courseId: string, itemId: string, attachmentId: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const course = await this.editable(actor, courseId, tx);
      const [att] = await tx.query(`${ATTACHMENT_SELECT} WHERE a.id = $1 AND a.item_id = $2 AND a.course_id = $3`, [attachmentId, itemId, courseId]);
      if (!att) throw notFound();
      // the row's trigger removes the stored bytes too
      await tx.query(`DELETE FROM course_attachments WHERE id = $1`, [attachmentId]);
      await this.audit.record(tx, actor, {
        action: 'course.attachment_removed', entityType: 'course', entityId: courseId,
        summary: `Xóa tệp đính kèm "${att.file_name}" của khóa học ${course.title}`,
        details: { itemId, attachmentId, fileName: att.file_name },
      });
    });
  }

  /**
   * Course staff in scope may always download; a learner only when enrolled (as in the player) and the item
   * is not locked for them (409 ITEM_LOCKED); anyone else gets 404.
   */
  async sendAttachment(actor: Actor, courseId: string, itemId: string, attachmentId: string, reply: FastifyReply): Promise<void> {
    const [att] = await this.dataSource.query(
      `SELECT a.file_id, c.owner_unit_id FROM course_attachments a JOIN courses c ON c.id = a.course_id
        WHERE a.id = $1 AND a.item_id = $2 AND a.course_id = $3`,
      [attachmentId, itemId, courseId],
    );
    if (!att) throw notFound();
    if (!(await this.isCourseStaff(actor, att.owner_unit_id))) {
      const e = await this.ownEnrolment(actor, courseId);
      if (!e) throw notFound();
      const items: Row[] = await this.dataSource.query(ITEMS_SQL, [[courseId]]);
      const progress: ProgressRow[] = await this.dataSource.query(`SELECT * FROM item_progress WHERE enrolment_id = $1`, [e.id]);
      const states = itemStates(e, items, new Map(progress.map((p) => [p.item_id, p])), e.status);
      const state = states.find((s) => s.itemId === itemId);
      if (!state) throw notFound();
      if (state.status === 'locked') {
        throw new AppError(409, 'ITEM_LOCKED', {}, { itemId: { vi: 'Nội dung này chưa được mở', en: state.lockReason ?? 'locked' } });
      }
    }
    await this.files.send(reply, att.file_id);
  }
}
