import { Injectable, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { PassThrough } from 'node:stream';
import { DataSource, QueryRunner } from 'typeorm';
import { OrgAccessService } from '../../common/access/org-access.service';
import { Actor } from '../../common/auth/permissions';
import { fieldError, notFound } from '../../common/errors/app-error';
import { todayVn } from '../../common/text/dates';
import { AuditService } from '../audit/audit.service';
import { COMPLETION_SCORE_SQL } from '../courses/course-common';
import { VI_ORDER } from '../staff/staff.service';
import { peopleCte } from '../targets/target-figures';
import { CATEGORY_VI, DT_ROLE_VI, TargetsService } from '../targets/targets.service';
import { CompletionsExportQueryDto, TargetPeopleExportQueryDto } from './exports.dto';
import { csvWriter, GENDER_VI, HrRow, HrWriter, LEAVE_VI, SOURCE_VI, xlsxWriter } from './hr-sheet';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Row = any;
export type ExportFormat = 'xlsx' | 'csv';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const FETCH = 2000;
const vnDateOf = (col: string) => `to_char(${col} AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD')`;
const slug = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D')
  .replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase().slice(0, 60);
const vn = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

/**
 * HR lists streamed from a server-side cursor inside one REPEATABLE READ READ ONLY transaction: the rows are read
 * 2,000 at a time and written to the response as they come, so memory does not grow with the list.
 */
@Injectable()
export class ExportsService {
  private readonly log = new Logger('Exports');

  constructor(
    private readonly dataSource: DataSource,
    private readonly access: OrgAccessService,
    private readonly audit: AuditService,
    private readonly targets: TargetsService,
  ) {}

  async targetPeople(actor: Actor, q: TargetPeopleExportQueryDto, format: ExportFormat, reply: FastifyReply): Promise<void> {
    const qr = await this.open();
    try {
      const plan = await this.targets.plan(actor, q.targetId, q.unitId, q.asOf, qr.manager);
      const group = q.groupByUnit === true;
      const sql = `WITH ${peopleCte(plan.withClasses)}
        SELECT s.full_name, s.birth_year, s.gender, s.position, o.name AS unit_name, j.unit_id, j.category, j.dt_role, j.status, j.leave_kind,
          j.trained, j.trained_source, coalesce(c.completed_on::text, ${vnDateOf('c.completed_at')}) AS completed_on,
          ${vnDateOf('j.trained_at')} AS trained_on,
          coalesce(co.title, c.title) AS course_title, c.hours,
          ${COMPLETION_SCORE_SQL('c')} AS score,
          en.title AS open_title, en.due_date AS open_due,
          count(*) OVER (PARTITION BY j.unit_id) AS group_count
        FROM judged j
        JOIN staff_members s ON s.id = j.staff_id
        JOIN org_units o ON o.id = j.unit_id
        LEFT JOIN completions c ON c.id = j.completion_id
        LEFT JOIN courses co ON co.id = c.course_id
        LEFT JOIN LATERAL (
          SELECT co2.title, e.due_date FROM enrolments e JOIN courses co2 ON co2.id = e.course_id
          WHERE NOT j.trained AND e.staff_id = j.staff_id AND e.course_id = ANY($12::uuid[]) AND e.status IN ('enrolled','in_progress')
          ORDER BY e.enrolled_at DESC LIMIT 1
        ) en ON true
        WHERE ($11::boolean IS NULL OR j.trained = $11::boolean)
        ORDER BY ${group ? 'o.name COLLATE vi_vn, j.unit_id, ' : ''}${VI_ORDER}`;
      const params = [...plan.params, q.trained ?? null, plan.courseIds];
      const which = q.trained === false ? 'Danh sách chưa được bồi dưỡng' : q.trained === true ? 'Danh sách đã được bồi dưỡng' : 'Danh sách đối tượng';
      const title = `${which} – ${plan.target.name}${plan.target.policy_ref ? ` (${plan.target.policy_ref})` : ''}`;
      const file = `${slug(q.trained === false ? 'chua-boi-duong' : q.trained === true ? 'da-boi-duong' : 'doi-tuong')}-${slug(plan.target.code)}-${plan.asOf}`;
      // the list has one row per person of the population (the other joins never drop or repeat one): counted with the
      // counting form of the CTE instead of running the whole list twice
      const count = {
        sql: `WITH ${peopleCte(plan.withClasses, true)} SELECT count(*)::int AS n FROM judged j WHERE ($11::boolean IS NULL OR j.trained = $11::boolean)`,
        params: [...plan.params, q.trained ?? null],
      };
      await this.stream(qr, actor, reply, format, {
        sql, params, count, group, title, asOf: plan.asOf, sheetName: q.trained === false ? 'Chưa bồi dưỡng' : 'Danh sách', fileName: file,
        audit: {
          action: 'export.target_people', entityType: 'target', entityId: plan.target.id,
          summary: `Xuất ${which.toLowerCase()} của chỉ tiêu ${plan.target.code} tính đến ${vn(plan.asOf)}`,
          details: { targetId: plan.target.id, trained: q.trained ?? null, unitId: q.unitId ?? null, asOf: plan.asOf, groupByUnit: group },
        },
        toRow: (r) => ({
          fullName: r.full_name, birthYear: r.birth_year, gender: r.gender ? GENDER_VI[r.gender] ?? r.gender : null, position: r.position,
          unit: r.unit_name, category: CATEGORY_VI[r.category] ?? r.category, dtRole: DT_ROLE_VI[r.dt_role] ?? r.dt_role,
          course: r.trained ? (r.course_title ?? (r.trained_source === 'attendance' ? 'Dự lớp học' : null)) : null,
          completedOn: r.trained ? (r.completed_on ?? r.trained_on) : null,
          score: r.score === null || r.score === undefined ? null : Number(r.score),
          hours: r.trained && r.hours !== null && r.hours !== undefined ? Number(r.hours) : null,
          source: r.trained ? SOURCE_VI[r.trained_source] ?? r.trained_source : null,
          note: [
            r.status === 'on_leave' ? LEAVE_VI[r.leave_kind] ?? 'Nghỉ dài hạn' : null,
            !r.trained && r.open_title ? `Đã ghi danh: ${r.open_title}${r.open_due ? ` (hạn ${vn(String(r.open_due))})` : ''}` : null,
          ].filter(Boolean).join('; ') || null,
        }),
      });
    } catch (e) {
      await this.close(qr);
      throw e;
    }
  }

  async completions(actor: Actor, q: CompletionsExportQueryDto, format: ExportFormat, reply: FastifyReply): Promise<void> {
    const today = todayVn();
    const to = q.to ?? today;
    if (q.from && q.from > to) throw fieldError('from', 'Ngày bắt đầu phải trước ngày kết thúc', 'The start date must be before the end date');
    if (to > today) throw fieldError('to', 'Ngày kết thúc không được ở tương lai', 'The end date cannot be in the future');
    const qr = await this.open();
    try {
      const m = qr.manager;
      const scope = await this.access.scopeUnitIds(actor, m);
      let units: string[] | null = scope;
      let unitName: string | null = null;
      if (q.unitId) {
        const [u] = await m.query(`SELECT name FROM org_units WHERE id = $1`, [q.unitId]);
        if (!u || (scope && !scope.includes(q.unitId))) throw notFound();
        unitName = u.name;
        units = await this.access.subtreeIds(q.unitId, m);
      }
      let course: Row = null;
      if (q.courseId) {
        [course] = await m.query(`SELECT id, code, title FROM courses WHERE id = $1`, [q.courseId]);
        if (!course) throw notFound();
      }
      const group = q.groupByUnit === true;
      const sql = `
        SELECT s.full_name, s.birth_year, s.gender, s.position, o.name AS unit_name, s.unit_id, s.category, s.dt_role,
          coalesce(co.title, c.title) AS course_title, coalesce(c.completed_on::text, ${vnDateOf('c.completed_at')}) AS completed_on,
          ${COMPLETION_SCORE_SQL('c')} AS score,
          c.hours, c.source, c.provider, c.certificate_no,
          count(*) OVER (PARTITION BY s.unit_id) AS group_count
        FROM completions c
        JOIN staff_members s ON s.id = c.staff_id
        JOIN org_units o ON o.id = s.unit_id
        LEFT JOIN courses co ON co.id = c.course_id
        WHERE c.status = 'approved'
          AND ($1::uuid[] IS NULL OR s.unit_id = ANY($1::uuid[]))
          AND ($2::uuid IS NULL OR c.course_id = $2::uuid)
          AND ($3::date IS NULL OR c.completed_at >= ($3::date::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'))
          AND c.completed_at < (($4::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')
          AND ($5::text IS NULL OR c.source = $5::text)
        ORDER BY ${group ? 'o.name COLLATE vi_vn, s.unit_id, ' : ''}${VI_ORDER}, c.completed_at`;
      const params = [units, q.courseId ?? null, q.from ?? null, to, q.source ?? null];
      const title = `Danh sách hoàn thành bồi dưỡng${course ? ` – ${course.title}` : ''}${unitName ? ` – ${unitName}` : ''}${q.from ? ` từ ${vn(q.from)}` : ''}`;
      await this.stream(qr, actor, reply, format, {
        sql, params, group, title, asOf: to, sheetName: 'Hoàn thành',
        fileName: `hoan-thanh${course ? `-${slug(course.code)}` : ''}${unitName ? `-${slug(unitName)}` : ''}-${to}`,
        audit: {
          action: 'export.completions', entityType: course ? 'course' : 'org_unit', entityId: course?.id ?? q.unitId ?? null,
          summary: `Xuất ${title.charAt(0).toLowerCase()}${title.slice(1)} đến ${vn(to)}`,
          details: { courseId: q.courseId ?? null, unitId: q.unitId ?? null, from: q.from ?? null, to, source: q.source ?? null, groupByUnit: group },
        },
        toRow: (r) => ({
          fullName: r.full_name, birthYear: r.birth_year, gender: r.gender ? GENDER_VI[r.gender] ?? r.gender : null, position: r.position,
          unit: r.unit_name, category: CATEGORY_VI[r.category] ?? r.category, dtRole: DT_ROLE_VI[r.dt_role] ?? r.dt_role,
          course: r.course_title, completedOn: r.completed_on, score: r.score === null ? null : Number(r.score), hours: Number(r.hours),
          source: SOURCE_VI[r.source] ?? r.source,
          note: [r.source !== 'internal' ? r.provider : null, r.certificate_no ? `GCN số ${r.certificate_no}` : null].filter(Boolean).join('; ') || null,
        }),
      });
    } catch (e) {
      await this.close(qr);
      throw e;
    }
  }

  // ------------------------------------------------------------------ plumbing

  private async open(): Promise<QueryRunner> {
    const qr = this.dataSource.createQueryRunner();
    await qr.connect();
    await qr.startTransaction('REPEATABLE READ');
    await qr.query('SET TRANSACTION READ ONLY');
    // the cursor is read to the end: plan for the whole list, not for the first rows (PostgreSQL's default for cursors);
    // JIT compilation and per-worker hash tables cost more than they save here (see TargetsService.readOnly)
    await qr.query('SET LOCAL cursor_tuple_fraction = 1; SET LOCAL jit = off; SET LOCAL max_parallel_workers_per_gather = 0');
    return qr;
  }

  private async close(qr: QueryRunner, ok = false): Promise<void> {
    try {
      if (qr.isTransactionActive) await (ok ? qr.commitTransaction() : qr.rollbackTransaction());
    } catch {
      /* the connection may be gone with the client */
    } finally {
      await qr.release().catch(() => undefined);
    }
  }

  /**
   * Counts the rows, records the audit event, sends the headers, then pumps the cursor into the writer.
   * The answer carries X-Export-Rows so the SPA can show progress.
   */
  private async stream(
    qr: QueryRunner, actor: Actor, reply: FastifyReply, format: ExportFormat,
    o: {
      sql: string; params: unknown[]; group: boolean; title: string; asOf: string; sheetName: string; fileName: string;
      /** a cheaper statement giving the same row count (`n`), when there is one */
      count?: { sql: string; params: unknown[] };
      audit: { action: string; entityType: string; entityId: string | null; summary: string; details: Record<string, unknown> };
      toRow: (r: Row) => HrRow;
    },
  ): Promise<void> {
    const [{ n }] = o.count
      ? await qr.query(o.count.sql, o.count.params)
      : await qr.query(`SELECT count(*)::int AS n FROM (${o.sql}) x`, o.params);
    await qr.query(`DECLARE hr_export NO SCROLL CURSOR FOR ${o.sql}`, o.params);
    await this.audit.record(null, actor, { ...o.audit, summary: `${o.audit.summary} (${format.toUpperCase()}, ${n} dòng)`, details: { ...o.audit.details, format, rows: n } });
    const out = new PassThrough({ highWaterMark: 64 * 1024 });
    const writer: HrWriter = format === 'xlsx' ? xlsxWriter(out, o) : csvWriter(out, o);
    const name = `${o.fileName}.${format}`;
    reply
      .type(format === 'xlsx' ? XLSX_TYPE : 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`)
      .header('x-export-rows', String(n))
      .header('cache-control', 'no-store');
    let aborted = false;
    reply.raw.on('close', () => { if (!reply.raw.writableFinished) aborted = true; });
    const pump = (async () => {
      let unit: string | null = null;
      try {
        for (;;) {
          if (aborted) break;
          const rows: Row[] = await qr.query(`FETCH ${FETCH} FROM hr_export`);
          for (const r of rows) {
            if (o.group && r.unit_id !== unit) {
              unit = r.unit_id;
              await writer.group(r.unit_name, Number(r.group_count));
            }
            await writer.row(o.toRow(r));
          }
          if (rows.length < FETCH) break;
        }
        if (aborted) out.destroy();
        else await writer.end();
        await this.close(qr, true);
      } catch (e) {
        this.log.error(`export failed: ${(e as Error).message}`);
        out.destroy(e as Error);
        await this.close(qr);
      }
    })();
    reply.send(out);
    await pump;
  }
}
