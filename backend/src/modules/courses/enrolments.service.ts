import { Injectable } from '@nestjs/common';
import * as ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import { OrgAccessService } from '../../common/access/org-access.service';
import { Actor } from '../../common/auth/permissions';
import { AppError, fieldError, notFound } from '../../common/errors/app-error';
import { Page } from '../../common/http/dto';
import { likeEscape } from '../../common/http/params';
import { todayVn } from '../../common/text/dates';
import { fold } from '../../common/text/vietnamese';
import { AuditService } from '../audit/audit.service';
import {
  courseOutline, ENROLMENT_COLUMNS, ENROLMENT_FROM, ENROLMENT_SELECT, itemStates, OUTLINE_STAMP, preparedQuery, PROGRESS_JSON, ProgressRow,
  progressPercent, toEnrolmentDto,
} from './course-common';
import {
  CompletionDto, CreateRuleDto, EnrolDto, EnrolmentResponseDto, EnrolmentRuleDto, EnrolResultDto, ExportQueryDto, ListEnrolmentsQueryDto,
  ProgressQueryDto, ProgressTableDto, StaffLearningDto,
} from './courses.dto';
import { CoursesService } from './courses.service';
import { applyEnrolmentRules } from './enrolment-rules';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Row = any;

const STATUS_VI: Record<string, string> = {
  enrolled: 'Đã ghi danh', in_progress: 'Đang học', completed: 'Hoàn thành', withdrawn: 'Đã rút', exempted: 'Được miễn',
  locked: 'Chưa mở', not_started: 'Chưa bắt đầu',
};
const CLOSED = `('completed','withdrawn','exempted')`;

const toRuleDto = (r: Row): EnrolmentRuleDto => ({
  id: r.id, courseId: r.course_id, unitId: r.unit_id, unitName: r.unit_name, categories: r.categories, dtRoles: r.dt_roles,
  dueDate: r.due_date ? String(r.due_date) : null, active: r.active, matchedCount: r.matched_count ?? 0,
  createdAt: new Date(r.created_at).toISOString(),
});

export const toCompletionDto = (r: Row): CompletionDto => ({
  id: r.id, staffId: r.staff_id, courseId: r.course_id, courseTitle: r.course_title, courseVersion: r.course_version,
  completedAt: new Date(r.completed_at).toISOString(), hours: Number(r.hours), rule: r.rule, source: r.source, status: r.status,
});

/**
 * Vietnamese name order of enrolments (given, family, middle name by the vi_vn ICU collation, then the person's id):
 * exactly VI_ORDER, read from the copy of the name each enrolment keeps (triggers of migration LearningSpeed).
 */
export const ENROLMENT_VI_ORDER = `e.sort_given_name COLLATE vi_vn, e.sort_family_name COLLATE vi_vn, e.sort_middle_name COLLATE vi_vn, e.staff_id`;

type EnrolmentWhere = { where: string; params: unknown[]; people: boolean };

/** Neutralises spreadsheet formulas in exported text cells. */
export const csvSafe = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

@Injectable()
export class EnrolmentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: OrgAccessService,
    private readonly audit: AuditService,
    private readonly courses: CoursesService,
  ) {}

  private checkDue(due: string | null | undefined) {
    if (due && due < todayVn()) throw fieldError('dueDate', 'Hạn hoàn thành không được ở quá khứ', 'The due date cannot be in the past');
  }

  async enrol(actor: Actor, courseId: string, dto: EnrolDto): Promise<EnrolResultDto> {
    if (!dto.staffIds?.length && !dto.unitIds?.length && !dto.filter) {
      throw fieldError('staffIds', 'Chọn người, đơn vị hoặc điều kiện lọc', 'Choose people, units or a filter');
    }
    this.checkDue(dto.dueDate);
    return this.dataSource.transaction(async (tx) => {
      const course = await this.courses.loadCourse(actor, courseId, tx, true);
      if (course.status === 'archived') throw new AppError(409, 'COURSE_ARCHIVED');
      const scope = await this.access.scopeUnitIds(actor, tx);
      const ids = new Set<string>();
      if (dto.staffIds?.length) {
        const rows = await tx.query(`SELECT id, unit_id FROM staff_members WHERE id = ANY($1::uuid[])`, [dto.staffIds]);
        const found = new Map(rows.map((r: Row) => [r.id, r.unit_id]));
        for (const s of dto.staffIds) {
          const unit = found.get(s) as string | undefined;
          if (!unit || (scope && !scope.includes(unit))) throw notFound();
          ids.add(s);
        }
      }
      const byUnit = async (unitId: string, categories?: string[], dtRoles?: string[]) => {
        const [u] = await tx.query(`SELECT id FROM org_units WHERE id = $1`, [unitId]);
        if (!u || (scope && !scope.includes(unitId))) throw notFound();
        const rows = await tx.query(
          `SELECT id FROM staff_members WHERE unit_id = ANY($1::uuid[]) AND status <> 'left'
             AND ($2::text[] IS NULL OR category = ANY($2)) AND ($3::text[] IS NULL OR dt_role = ANY($3))`,
          [await this.access.subtreeIds(unitId, tx), categories?.length ? categories : null, dtRoles?.length ? dtRoles : null],
        );
        rows.forEach((r: Row) => ids.add(r.id));
      };
      for (const u of dto.unitIds ?? []) await byUnit(u);
      if (dto.filter) await byUnit(dto.filter.unitId, dto.filter.categories, dto.filter.dtRoles);
      const all = [...ids];
      const [{ n }] = all.length
        ? await tx.query(
          `WITH ins AS (INSERT INTO enrolments (course_id, staff_id, source, due_date, enrolled_by)
             SELECT $1, x, 'manual', $3, $4 FROM unnest($2::uuid[]) x ON CONFLICT (course_id, staff_id) DO NOTHING RETURNING id)
           SELECT count(*)::int AS n FROM ins`,
          [courseId, all, dto.dueDate ?? null, actor.userId],
        )
        : [{ n: 0 }];
      await this.audit.record(tx, actor, {
        action: 'course.enrolled', entityType: 'course', entityId: courseId, summary: `Ghi danh ${n} người vào khóa học: ${course.title}`,
        details: { enrolled: n, alreadyEnrolled: all.length - n, staffIds: dto.staffIds?.length ?? 0, unitIds: dto.unitIds ?? [], filter: dto.filter ?? null, dueDate: dto.dueDate ?? null },
      });
      return { enrolled: n, alreadyEnrolled: all.length - n };
    });
  }

  /** WHERE for enrolments of a course, restricted to the caller's people; `people`: a condition reads staff_members s. */
  private async enrolmentWhere(actor: Actor, courseId: string, q: { unitId?: string; status?: string; q?: string; overdue?: boolean }) {
    const params: unknown[] = [courseId];
    const where: string[] = ['e.course_id = $1'];
    let people = false;
    const add = (sql: (p: string) => string, v: unknown, ofPeople = false) => { params.push(v); where.push(sql(`$${params.length}`)); people ||= ofPeople; };
    const scope = await this.access.scopeUnitIds(actor);
    if (scope) add((p) => `s.unit_id = ANY(${p}::uuid[])`, scope, true);
    if (q.unitId) {
      if (scope && !scope.includes(q.unitId)) return null;
      add((p) => `s.unit_id = ANY(${p}::uuid[])`, await this.access.subtreeIds(q.unitId), true);
    }
    if (q.status) add((p) => `e.status = ${p}`, q.status);
    if (q.overdue) add((p) => `e.due_date < ${p}::date AND e.status NOT IN ${CLOSED}`, todayVn());
    if (q.q) for (const w of fold(q.q).split(' ').filter(Boolean).slice(0, 8)) add((p) => `s.search_text LIKE ${p}`, `%${likeEscape(w)}%`, true);
    return { where: `WHERE ${where.join(' AND ')}`, params, people };
  }

  /** The people join is needed only when a condition reads it (scope, unit, name). */
  private async countEnrolments(w: EnrolmentWhere): Promise<number> {
    const join = w.people ? 'JOIN staff_members s ON s.id = e.staff_id' : '';
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM enrolments e ${join} ${w.where}`, w.params);
    return total;
  }

  /**
   * One page in Vietnamese name order: the page's ids first (inner query), then the full rows for those ids only,
   * instead of computing progress for every row before the offset. The order is the enrolment's copy of its person's
   * name (ENROLMENT_VI_ORDER, the same order as VI_ORDER): an unfiltered page walks ix_enrolments_course_vi_order
   * instead of sorting every learner of the course. `withItems`: instead of ENROLMENT_SELECT's progress subquery, each
   * row's item progress (`progress_rows`, JSON), from which the caller computes the item states and the progress.
   */
  private async pageOfEnrolments(w: EnrolmentWhere, limitSql: string, withItems = false): Promise<Row[]> {
    const join = w.people ? 'JOIN staff_members s ON s.id = e.staff_id' : '';
    return this.dataSource.query(
      `${withItems ? `SELECT ${ENROLMENT_COLUMNS}, ${PROGRESS_JSON} AS progress_rows FROM ${ENROLMENT_FROM}` : ENROLMENT_SELECT}
        WHERE e.id IN (SELECT e.id FROM enrolments e ${join} ${w.where} ORDER BY ${ENROLMENT_VI_ORDER} ${limitSql})
        ORDER BY ${ENROLMENT_VI_ORDER}`,
      w.params,
    );
  }

  async list(actor: Actor, courseId: string, q: ListEnrolmentsQueryDto): Promise<Page<EnrolmentResponseDto>> {
    await this.courses.loadCourse(actor, courseId);
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    const w = await this.enrolmentWhere(actor, courseId, q);
    if (!w) return { items: [], total: 0, page, pageSize };
    const total = await this.countEnrolments(w);
    const rows = total ? await this.pageOfEnrolments(w, `LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`) : [];
    return { items: rows.map(toEnrolmentDto), total, page, pageSize };
  }

  private async loadEnrolment(actor: Actor, id: string, tx: EntityManager) {
    const [row] = await tx.query(`${ENROLMENT_SELECT} WHERE e.id = $1 FOR UPDATE OF e`, [id]);
    if (!row) throw notFound();
    const [c] = await tx.query(`SELECT owner_unit_id FROM courses WHERE id = $1`, [row.course_id]);
    if (!(await this.access.inScope(actor, c.owner_unit_id, tx)) || !(await this.access.inScope(actor, row.unit_id, tx))) throw notFound();
    return row;
  }

  async close(actor: Actor, id: string, to: 'withdrawn' | 'exempted', reason: string): Promise<EnrolmentResponseDto> {
    return this.dataSource.transaction(async (tx) => {
      const row = await this.loadEnrolment(actor, id, tx);
      if (row.status === 'completed') throw new AppError(409, 'ENROLMENT_COMPLETED');
      await tx.query(`UPDATE enrolments SET status = $2, reason = $3, updated_at = now() WHERE id = $1`, [id, to, reason.trim()]);
      await this.audit.record(tx, actor, {
        action: to === 'withdrawn' ? 'enrolment.withdrawn' : 'enrolment.exempted', entityType: 'enrolment', entityId: id,
        summary: `${to === 'withdrawn' ? 'Rút' : 'Miễn'} ${row.full_name} khỏi khóa học ${row.course_title}`,
        details: { courseId: row.course_id, staffId: row.staff_id, from: row.status, reason },
      });
      const [after] = await tx.query(`${ENROLMENT_SELECT} WHERE e.id = $1`, [id]);
      return toEnrolmentDto(after);
    });
  }

  private async rules(tx: EntityManager, where: string, params: unknown[]): Promise<EnrolmentRuleDto[]> {
    const rows = await tx.query(
      `SELECT r.*, o.name AS unit_name,
         (SELECT count(*)::int FROM enrolments e WHERE e.rule_id = r.id AND NOT e.no_longer_matches) AS matched_count
         FROM enrolment_rules r JOIN org_units o ON o.id = r.unit_id ${where} ORDER BY r.created_at, r.id`,
      params,
    );
    return rows.map(toRuleDto);
  }

  async listRules(actor: Actor, courseId: string): Promise<{ items: EnrolmentRuleDto[] }> {
    await this.courses.loadCourse(actor, courseId);
    return { items: await this.rules(this.dataSource.manager, 'WHERE r.course_id = $1', [courseId]) };
  }

  async createRule(actor: Actor, courseId: string, dto: CreateRuleDto): Promise<EnrolmentRuleDto> {
    if (!dto.categories?.length && !dto.dtRoles?.length) {
      throw fieldError('categories', 'Chọn ít nhất một loại cán bộ hoặc vai trò chuyển đổi số', 'Choose at least one staff category or DT role');
    }
    this.checkDue(dto.dueDate);
    return this.dataSource.transaction(async (tx) => {
      const course = await this.courses.loadCourse(actor, courseId, tx, true);
      if (course.status === 'archived') throw new AppError(409, 'COURSE_ARCHIVED');
      const [u] = await tx.query(`SELECT id FROM org_units WHERE id = $1`, [dto.unitId]);
      if (!u || !(await this.access.inScope(actor, dto.unitId, tx))) {
        throw fieldError('unitId', 'Đơn vị không tồn tại hoặc ngoài phạm vi quản lý', 'Unknown unit or outside your scope');
      }
      const [{ id }] = await tx.query(
        `INSERT INTO enrolment_rules (course_id, unit_id, categories, dt_roles, due_date, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [courseId, dto.unitId, dto.categories ?? [], dto.dtRoles ?? [], dto.dueDate ?? null, actor.userId],
      );
      const enrolled = await applyEnrolmentRules(tx, { ruleIds: [id], actorId: actor.userId });
      await this.audit.record(tx, actor, {
        action: 'enrolment_rule.created', entityType: 'course', entityId: courseId, summary: `Thêm quy tắc ghi danh cho khóa học ${course.title}: ghi danh ${enrolled} người`,
        details: { ruleId: id, unitId: dto.unitId, categories: dto.categories ?? [], dtRoles: dto.dtRoles ?? [], dueDate: dto.dueDate ?? null, enrolled },
      });
      return (await this.rules(tx, 'WHERE r.id = $1', [id]))[0];
    });
  }

  async deleteRule(actor: Actor, id: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const [rule] = await tx.query(`SELECT * FROM enrolment_rules WHERE id = $1 FOR UPDATE`, [id]);
      if (!rule) throw notFound();
      const course = await this.courses.loadCourse(actor, rule.course_id, tx);
      if (!(await this.access.inScope(actor, rule.unit_id, tx))) throw notFound();
      if (!rule.active) return;
      await tx.query(`UPDATE enrolment_rules SET active = false WHERE id = $1`, [id]);
      await this.audit.record(tx, actor, {
        action: 'enrolment_rule.deactivated', entityType: 'course', entityId: rule.course_id, summary: `Ngừng quy tắc ghi danh của khóa học ${course.title}`,
        details: { ruleId: id },
      });
    });
  }

  /** Rows (enrolment + item states) and columns of the progress table; all rows when page is null. */
  private async progressData(actor: Actor, courseId: string, q: ExportQueryDto, page: { page: number; pageSize: number } | null) {
    const course = await this.courses.loadCourse(actor, courseId);
    const w = await this.enrolmentWhere(actor, courseId, q);
    // the count and the outline's stamp in one statement; the outline itself usually comes from memory
    const [{ total, stamp }] = await preparedQuery(this.dataSource.manager,
      `SELECT ${w ? `(SELECT count(*)::int FROM enrolments e ${w.people ? 'JOIN staff_members s ON s.id = e.staff_id' : ''} ${w.where})` : '0'} AS total,
              ${OUTLINE_STAMP('$1::uuid')} AS stamp`,
      w ? w.params : [courseId],
    );
    const { items } = await courseOutline(this.dataSource.manager, courseId, stamp);
    const columns = items.map((i: Row) => ({ itemId: i.id, title: i.title, sectionTitle: i.section_title }));
    if (!w) return { course, columns, rows: [], total: 0 };
    const limit = page ? `LIMIT ${page.pageSize} OFFSET ${(page.page - 1) * page.pageSize}` : 'LIMIT 50000';
    const enrolments = total ? await this.pageOfEnrolments(w, limit, true) : [];
    const rows = enrolments.map((e: Row) => {
      const own = new Map<string, ProgressRow>(e.progress_rows.map((p: ProgressRow) => [p.item_id, p]));
      return { enrolment: toEnrolmentDto({ ...e, progress: progressPercent(e.status, items, own) }), items: itemStates(course, items, own, e.status) };
    });
    return { course, columns, rows, total };
  }

  async progressTable(actor: Actor, courseId: string, q: ProgressQueryDto): Promise<ProgressTableDto> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const d = await this.progressData(actor, courseId, q, { page, pageSize });
    return { items: d.rows, columns: d.columns, total: d.total, page, pageSize };
  }

  async export(actor: Actor, courseId: string, q: ExportQueryDto, format: 'xlsx' | 'csv'): Promise<{ fileName: string; body: Buffer }> {
    const d = await this.progressData(actor, courseId, q, null);
    const header = ['STT', 'Họ và tên', 'Đơn vị', 'Trạng thái', 'Tiến độ (%)', 'Hạn hoàn thành', 'Ngày hoàn thành', ...d.columns.map((c: Row) => c.title)];
    const dateOf = (s: string | null) => (s ? new Date(`${s.slice(0, 10)}T00:00:00Z`) : null);
    const vnDate = (iso: string | null) => (iso ? new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(iso)) : null);
    const lines = d.rows.map((r: Row, i: number) => [
      i + 1, r.enrolment.fullName, r.enrolment.unitName, STATUS_VI[r.enrolment.status], r.enrolment.progress,
      r.enrolment.dueDate, vnDate(r.enrolment.completedAt),
      ...r.items.map((it: Row) => STATUS_VI[it.status] + (it.score !== null ? ` (${it.score})` : '')),
    ]);
    const base = `tien-do-${String(d.course.code).replace(/[^A-Za-z0-9._-]/g, '_')}`;
    let body: Buffer;
    if (format === 'csv') {
      const cell = (v: unknown) => {
        const s = csvSafe(v === null || v === undefined ? '' : String(v));
        return /[";\n\r,]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
      };
      const text = [header, ...lines].map((l) => l.map(cell).join(';')).join('\r\n') + '\r\n';
      body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    } else {
      const stream = new PassThrough();
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      const done = new Promise<void>((resolve, reject) => { stream.on('end', resolve); stream.on('error', reject); });
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
      const ws = wb.addWorksheet('Tiến độ', { views: [{ state: 'frozen', ySplit: 2 }] });
      ws.columns = header.map((_, i) => ({ width: i === 0 ? 6 : i === 1 ? 28 : i === 2 ? 30 : 16 }));
      const title = ws.addRow([csvSafe(`Tiến độ học tập: ${d.course.title} (${d.course.code}) - xuất ngày ${todayVn().split('-').reverse().join('/')}`)]);
      title.font = { bold: true, size: 14 };
      title.commit();
      const h = ws.addRow(header.map((v) => csvSafe(String(v))));
      h.font = { bold: true, color: { argb: 'FFFFFFFF' } };
      h.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
      h.alignment = { vertical: 'middle', wrapText: true };
      h.commit();
      for (const l of lines) {
        const row = ws.addRow(l.map((v: unknown, i: number) => (i === 5 || i === 6 ? dateOf(v as string | null) : typeof v === 'string' ? csvSafe(v) : v)));
        row.getCell(6).numFmt = 'dd/mm/yyyy';
        row.getCell(7).numFmt = 'dd/mm/yyyy';
        row.commit();
      }
      ws.commit();
      await wb.commit();
      await done;
      body = Buffer.concat(chunks);
    }
    await this.audit.record(null, actor, {
      action: 'export.course_progress', entityType: 'course', entityId: courseId, summary: `Xuất tiến độ khóa học ${d.course.title} (${format.toUpperCase()}, ${lines.length} người)`,
      details: { format, rows: lines.length, unitId: q.unitId ?? null, status: q.status ?? null },
    });
    return { fileName: `${base}.${format}`, body };
  }

  async staffLearning(actor: Actor, staffId: string): Promise<StaffLearningDto> {
    const [s] = await this.dataSource.query(`SELECT unit_id FROM staff_members WHERE id = $1`, [staffId]);
    if (!s || !(await this.access.inScope(actor, s.unit_id))) throw notFound();
    const enrolments = await this.dataSource.query(`${ENROLMENT_SELECT} WHERE e.staff_id = $1 ORDER BY e.enrolled_at DESC, e.id`, [staffId]);
    const completions = await this.dataSource.query(
      // approved ones only (pending or rejected external ones count nowhere); external ones may have no course
      `SELECT k.*, coalesce(k.title, c.title) AS course_title FROM completions k LEFT JOIN courses c ON c.id = k.course_id
        WHERE k.staff_id = $1 AND k.status = 'approved' ORDER BY k.completed_at DESC, k.id`,
      [staffId],
    );
    const years = await this.dataSource.query(
      // training_hours = approved completions + attended hours of standalone classes (attendance migration)
      `SELECT extract(year FROM at AT TIME ZONE 'Asia/Ho_Chi_Minh')::int AS year, sum(hours)::float AS hours
         FROM training_hours WHERE staff_id = $1 GROUP BY 1 ORDER BY 1 DESC`,
      [staffId],
    );
    return { enrolments: enrolments.map(toEnrolmentDto), completions: completions.map(toCompletionDto), hoursByYear: years };
  }
}
