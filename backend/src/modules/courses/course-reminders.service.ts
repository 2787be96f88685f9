import { Injectable } from '@nestjs/common';
import * as ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { OrgAccessService } from '../../common/access/org-access.service';
import { Actor } from '../../common/auth/permissions';
import { likeEscape } from '../../common/http/params';
import { todayVn } from '../../common/text/dates';
import { fold } from '../../common/text/vietnamese';
import { AuditService } from '../audit/audit.service';
import { VI_ORDER } from '../staff/staff.service';
import { ENROLMENT_SELECT, toEnrolmentDto } from './course-common';
import { ReminderDto, TrainerOptionDto } from './course-files.dto';
import { CoursesService } from './courses.service';
import { csvSafe } from './enrolments.service';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Row = any;

const MAX_REMINDERS = 5000;
const STATUS_VI: Record<string, string> = { enrolled: 'Đã ghi danh', in_progress: 'Đang học' };

/** Who to remind about a course (overdue or due soon), and the trainer picker of the course form. */
@Injectable()
export class CourseRemindersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: OrgAccessService,
    private readonly audit: AuditService,
    private readonly courses: CoursesService,
  ) {}

  /**
   * Open enrolments (enrolled, in progress) of people of the caller's scope still on the roster, whose due date is
   * past or within `withinDays`; most overdue first, then Vietnamese name order.
   */
  async reminders(actor: Actor, courseId: string, withinDays = 7): Promise<{ course: Row; items: ReminderDto[] }> {
    const course = await this.courses.loadCourse(actor, courseId);
    const today = todayVn();
    const params: unknown[] = [courseId, today, withinDays];
    let scopeSql = '';
    const scope = await this.access.scopeUnitIds(actor);
    if (scope) { params.push(scope); scopeSql = `AND s.unit_id = ANY($4::uuid[])`; }
    const rows: Row[] = await this.dataSource.query(
      `SELECT e.id, s.email, s.phone, ($2::date - e.due_date)::int AS days_overdue
         FROM enrolments e JOIN staff_members s ON s.id = e.staff_id
        WHERE e.course_id = $1 AND e.status IN ('enrolled','in_progress') AND s.status <> 'left'
          AND e.due_date IS NOT NULL AND e.due_date <= $2::date + $3::int ${scopeSql}
        ORDER BY e.due_date, ${VI_ORDER} LIMIT ${MAX_REMINDERS}`,
      params,
    );
    if (!rows.length) return { course, items: [] };
    const full: Row[] = await this.dataSource.query(`${ENROLMENT_SELECT} WHERE e.id = ANY($1::uuid[])`, [rows.map((r) => r.id)]);
    const byId = new Map(full.map((r) => [r.id, r]));
    return {
      course,
      items: rows.map((r) => ({ enrolment: toEnrolmentDto(byId.get(r.id)), email: r.email ?? null, phone: r.phone ?? null, daysOverdue: r.days_overdue })),
    };
  }

  async remindersXlsx(actor: Actor, courseId: string, withinDays = 7): Promise<{ fileName: string; body: Buffer }> {
    const { course, items } = await this.reminders(actor, courseId, withinDays);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Nhắc học', { views: [{ state: 'frozen', ySplit: 2 }] });
    const header = ['STT', 'Họ và tên', 'Đơn vị', 'Email', 'Điện thoại', 'Hạn hoàn thành', 'Số ngày quá hạn', 'Trạng thái', 'Tiến độ (%)'];
    ws.columns = [6, 28, 30, 28, 14, 16, 16, 16, 12].map((width) => ({ width }));
    const title = ws.addRow([csvSafe(`Danh sách cần nhắc học: ${course.title} (${course.code}) - quá hạn hoặc đến hạn trong ${withinDays} ngày - xuất ngày ${todayVn().split('-').reverse().join('/')}`)]);
    title.font = { bold: true, size: 14 };
    const h = ws.addRow(header);
    h.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    h.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
    h.alignment = { vertical: 'middle', wrapText: true };
    items.forEach((r, i) => {
      const e = r.enrolment;
      const row = ws.addRow([
        i + 1, csvSafe(e.fullName), csvSafe(e.unitName), r.email ? csvSafe(r.email) : null, r.phone, e.dueDate ? new Date(`${e.dueDate}T00:00:00Z`) : null,
        r.daysOverdue, STATUS_VI[e.status] ?? e.status, e.progress,
      ]);
      row.getCell(6).numFmt = 'dd/mm/yyyy';
      if (r.daysOverdue > 0) row.getCell(7).font = { color: { argb: 'FFC00000' }, bold: true };
    });
    const body = Buffer.from(await wb.xlsx.writeBuffer());
    await this.audit.record(null, actor, {
      action: 'export.course_reminders', entityType: 'course', entityId: courseId,
      summary: `Xuất danh sách cần nhắc học của khóa học ${course.title} (${items.length} người)`,
      details: { format: 'xlsx', rows: items.length, withinDays },
    });
    return { fileName: `nhac-hoc-${String(course.code).replace(/[^A-Za-z0-9._-]/g, '_')}.xlsx`, body };
  }

  /** Active users with the trainer or manager role whose scope unit is in the caller's scope (admins: all); 50 at most. */
  async trainerOptions(actor: Actor, q?: string): Promise<{ items: TrainerOptionDto[] }> {
    const params: unknown[] = [];
    const where = [`u.is_active`, `u.roles && ARRAY['trainer','manager']::text[]`];
    const scope = await this.access.scopeUnitIds(actor);
    if (scope) { params.push(scope); where.push(`u.scope_unit_id = ANY($${params.length}::uuid[])`); }
    for (const w of fold(q ?? '').split(' ').filter(Boolean).slice(0, 8)) {
      params.push(`%${likeEscape(w)}%`);
      where.push(`vn_fold(u.display_name || ' ' || u.username) LIKE $${params.length}`);
    }
    const rows: Row[] = await this.dataSource.query(
      `SELECT u.id, u.username, u.display_name, o.name AS unit_name FROM users u LEFT JOIN org_units o ON o.id = u.scope_unit_id
        WHERE ${where.join(' AND ')} ORDER BY u.display_name COLLATE vi_vn, u.username LIMIT 50`,
      params,
    );
    return { items: rows.map((r) => ({ id: r.id, username: r.username, displayName: r.display_name, unitName: r.unit_name ?? null })) };
  }
}
