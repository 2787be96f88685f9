import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { OrgAccessService } from '../../common/access/org-access.service';
import { Actor } from '../../common/auth/permissions';
import { AppError, fieldError, notFound } from '../../common/errors/app-error';
import { Page } from '../../common/http/dto';
import { likeEscape, uniqueViolation } from '../../common/http/params';
import { todayVn } from '../../common/text/dates';
import { fold } from '../../common/text/vietnamese';
import { AuditService } from '../audit/audit.service';
import { EnrolmentsService } from '../courses/enrolments.service';
import { VI_ORDER } from '../staff/staff.service';
import {
  figureParams, FIGURES_SELECT, FigureRow, judge, monthEnds, peopleCte, TargetRule, toFigures, addMonths,
} from './target-figures';
import {
  AsOfQueryDto, BreakdownQueryDto, CreateTargetDto, TargetBreakdownDto, TargetEnrolDto, TargetEnrolResultDto, TargetPeopleQueryDto,
  TargetPersonDto, TargetResponseDto, TargetSummaryDto, TargetTrendDto, UpdateTargetDto,
} from './targets.dto';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Row = any;

const CATEGORY_VI: Record<string, string> = {
  cadre: 'Cán bộ', civil_servant: 'Công chức', public_employee: 'Viên chức', contract_worker: 'Người lao động hợp đồng',
  armed_forces: 'Lực lượng vũ trang', citizen: 'Người dân',
};
const DT_ROLE_VI: Record<string, string> = { dedicated: 'Chuyên trách', concurrent: 'Kiêm nhiệm', none: 'Không' };

const TARGET_SELECT = `SELECT t.*, u.name AS unit_name FROM targets t JOIN org_units u ON u.id = t.unit_id`;

export const toTargetDto = (r: Row): TargetResponseDto => ({
  id: r.id, code: r.code, name: r.name, policyRef: r.policy_ref, description: r.description, unitId: r.unit_id, unitName: r.unit_name,
  categories: r.categories, dtRoles: r.dt_roles, courseIds: r.course_ids, courseMode: r.course_mode, courseTags: r.course_tags,
  externalSources: r.external_sources, classIds: r.class_ids, validityYears: r.validity_years, targetShare: Number(r.target_share),
  startDate: String(r.start_date), deadline: String(r.deadline), milestones: r.milestones ?? [], active: r.active,
  createdAt: new Date(r.created_at).toISOString(), updatedAt: new Date(r.updated_at).toISOString(),
});

@Injectable()
export class TargetsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: OrgAccessService,
    private readonly audit: AuditService,
    private readonly enrolments: EnrolmentsService,
  ) {}

  // ------------------------------------------------------------------ definitions

  async list(actor: Actor): Promise<{ items: TargetResponseDto[] }> {
    const scope = await this.access.scopeUnitIds(actor);
    const rows: Row[] = await this.dataSource.query(
      `${TARGET_SELECT} WHERE t.active ORDER BY t.deadline, t.code`,
    );
    // a scoped user sees the targets whose population overlaps their scope: the target unit is in scope, or their scope is inside it
    const visible = [];
    for (const r of rows) if (await this.overlapUnits(actor, r.unit_id, scope)) visible.push(toTargetDto(r));
    return { items: visible };
  }

  async get(actor: Actor, id: string): Promise<TargetResponseDto> {
    return toTargetDto(await this.load(actor, id));
  }

  async create(actor: Actor, dto: CreateTargetDto): Promise<TargetResponseDto> {
    this.checkRule(dto, true);
    return this.dataSource.transaction(async (tx) => {
      await this.access.assertUnitInScope(actor, dto.unitId, tx);
      await this.checkRefs(tx, dto);
      let row: Row;
      try {
        [row] = await tx.query(
          `INSERT INTO targets (code, name, policy_ref, description, unit_id, categories, dt_roles, course_ids, course_mode, course_tags,
             external_sources, class_ids, validity_years, target_share, start_date, deadline, milestones, created_by)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18) RETURNING id`,
          [dto.code.trim(), dto.name.trim(), dto.policyRef ?? '', dto.description ?? '', dto.unitId, dto.categories ?? [], dto.dtRoles ?? [],
            dto.courseIds ?? [], dto.courseMode ?? 'any', dto.courseTags ?? [], dto.externalSources ?? [], dto.classIds ?? [],
            dto.validityYears ?? null, dto.targetShare, dto.startDate, dto.deadline, JSON.stringify(dto.milestones ?? []), actor.userId],
        );
      } catch (e) {
        if (uniqueViolation(e)) throw new AppError(409, 'TARGET_CODE_TAKEN', {}, { code: { vi: 'Mã chỉ tiêu đã được dùng', en: 'This target code is already used' } });
        throw e;
      }
      await this.audit.record(tx, actor, { action: 'target.created', entityType: 'target', entityId: row.id, summary: `Tạo chỉ tiêu: ${dto.name}`, details: { ...dto } });
      const [full] = await tx.query(`${TARGET_SELECT} WHERE t.id = $1`, [row.id]);
      return toTargetDto(full);
    });
  }

  async update(actor: Actor, id: string, dto: UpdateTargetDto): Promise<TargetResponseDto> {
    return this.dataSource.transaction(async (tx) => {
      const cur = await this.load(actor, id, tx, true);
      const merged = {
        unitId: dto.unitId ?? cur.unit_id, categories: dto.categories ?? cur.categories, dtRoles: dto.dtRoles ?? cur.dt_roles,
        courseIds: dto.courseIds ?? cur.course_ids, courseTags: dto.courseTags ?? cur.course_tags,
        externalSources: dto.externalSources ?? cur.external_sources, classIds: dto.classIds ?? cur.class_ids,
        startDate: dto.startDate ?? String(cur.start_date), deadline: dto.deadline ?? String(cur.deadline),
        milestones: dto.milestones ?? cur.milestones,
      };
      this.checkRule(merged, false);
      if (dto.unitId) await this.access.assertUnitInScope(actor, dto.unitId, tx);
      await this.checkRefs(tx, merged);
      try {
        await tx.query(
          `UPDATE targets SET code = coalesce($2, code), name = coalesce($3, name), policy_ref = coalesce($4, policy_ref),
             description = coalesce($5, description), unit_id = $6, categories = $7, dt_roles = $8, course_ids = $9,
             course_mode = coalesce($10, course_mode), course_tags = $11, external_sources = $12, class_ids = $13,
             validity_years = CASE WHEN $14::boolean THEN $15::smallint ELSE validity_years END,
             target_share = coalesce($16, target_share), start_date = $17, deadline = $18, milestones = $19,
             active = coalesce($20, active), updated_at = now()
           WHERE id = $1`,
          [id, dto.code?.trim() ?? null, dto.name?.trim() ?? null, dto.policyRef ?? null, dto.description ?? null, merged.unitId,
            merged.categories, merged.dtRoles, merged.courseIds, dto.courseMode ?? null, merged.courseTags, merged.externalSources,
            merged.classIds, dto.validityYears !== undefined, dto.validityYears ?? null, dto.targetShare ?? null, merged.startDate,
            merged.deadline, JSON.stringify(merged.milestones), dto.active ?? null],
        );
      } catch (e) {
        if (uniqueViolation(e)) throw new AppError(409, 'TARGET_CODE_TAKEN', {}, { code: { vi: 'Mã chỉ tiêu đã được dùng', en: 'This target code is already used' } });
        throw e;
      }
      await this.audit.record(tx, actor, { action: 'target.updated', entityType: 'target', entityId: id, summary: `Sửa chỉ tiêu: ${cur.name}`, details: { ...dto } });
      const [full] = await tx.query(`${TARGET_SELECT} WHERE t.id = $1`, [id]);
      return toTargetDto(full);
    });
  }

  private checkRule(
    d: { categories?: string[]; dtRoles?: string[]; courseIds?: string[]; courseTags?: string[]; externalSources?: string[]; classIds?: string[];
      startDate?: string; deadline?: string; milestones?: { date: string }[] },
    creating: boolean,
  ) {
    if (!(d.categories?.length || d.dtRoles?.length)) {
      throw fieldError('categories', 'Chọn ít nhất một loại cán bộ hoặc vai trò chuyển đổi số cho đối tượng của chỉ tiêu',
        'Choose at least one staff category or DT role for the target population');
    }
    if (!(d.courseIds?.length || d.courseTags?.length || d.externalSources?.length || d.classIds?.length)) {
      throw fieldError('courseIds', 'Chọn điều kiện tính là đã được bồi dưỡng: khóa học, thẻ chủ đề, nguồn bên ngoài hoặc lớp học',
        'Choose what counts as trained: courses, topic tags, external sources or classes');
    }
    if (d.startDate && d.deadline && d.deadline <= d.startDate) {
      throw fieldError('deadline', 'Hạn hoàn thành phải sau ngày bắt đầu', 'The deadline must be after the start date');
    }
    for (const [i, m] of (d.milestones ?? []).entries()) {
      if (d.deadline && m.date > d.deadline) throw fieldError(`milestones[${i}].date`, 'Mốc phải trước hạn hoàn thành', 'A milestone must be before the deadline');
    }
    void creating;
  }

  private async checkRefs(tx: EntityManager, d: { unitId?: string; courseIds?: string[] }) {
    if (d.unitId) {
      const [u] = await tx.query(`SELECT 1 FROM org_units WHERE id = $1`, [d.unitId]);
      if (!u) throw notFound();
    }
    if (d.courseIds?.length) {
      const rows = await tx.query(`SELECT id FROM courses WHERE id = ANY($1::uuid[])`, [d.courseIds]);
      if (rows.length !== d.courseIds.length) throw fieldError('courseIds', 'Có khóa học không tồn tại', 'A course does not exist');
    }
  }

  private async load(actor: Actor, id: string, tx?: EntityManager, forUpdate = false): Promise<Row> {
    const runner = tx ?? this.dataSource.manager;
    const [row] = await runner.query(`${TARGET_SELECT} WHERE t.id = $1 ${forUpdate ? 'FOR UPDATE OF t' : ''}`, [id]);
    if (!row) throw notFound();
    const scope = await this.access.scopeUnitIds(actor, tx);
    if (!(await this.overlapUnits(actor, row.unit_id, scope, tx))) throw notFound();
    return row;
  }

  /** A scoped user may see a target when its unit is in their scope or their scope unit lies inside the target's subtree. */
  private async overlapUnits(actor: Actor, unitId: string, scope: string[] | null, tx?: EntityManager): Promise<boolean> {
    if (scope === null) return true;
    if (scope.includes(unitId)) return true;
    if (!actor.scopeUnitId) return false;
    const sub = await this.access.subtreeIds(unitId, tx);
    return sub.includes(actor.scopeUnitId);
  }

  // ------------------------------------------------------------------ figures

  private checkAsOf(asOf?: string): string {
    const today = todayVn();
    if (!asOf) return today;
    if (asOf > today) throw fieldError('asOf', 'Ngày tính số liệu không được ở tương lai', 'The as-of date cannot be in the future');
    return asOf;
  }

  /** The units measured: the target subtree ∩ the caller's scope ∩ the optional unit filter. */
  private async units(actor: Actor, target: Row, unitId: string | undefined, tx?: EntityManager): Promise<string[]> {
    let ids = await this.access.subtreeIds(target.unit_id, tx);
    const scope = await this.access.scopeUnitIds(actor, tx);
    if (scope) ids = ids.filter((u) => scope.includes(u));
    if (unitId) {
      if (!ids.includes(unitId)) throw notFound();
      const sub = new Set(await this.access.subtreeIds(unitId, tx));
      ids = ids.filter((u) => sub.has(u));
    }
    return ids;
  }

  private async taggedCourses(runner: EntityManager, target: Row): Promise<string[]> {
    if (!target.course_tags.length) return [];
    const rows = await runner.query(`SELECT id FROM courses WHERE tags && $1::text[]`, [target.course_tags]);
    return rows.map((r: Row) => r.id);
  }

  private async figures(runner: EntityManager, target: Row, unitIds: string[], asOf: string, tagged: string[]) {
    const [r] = await runner.query(
      `WITH ${peopleCte(target.class_ids.length > 0, true)} SELECT ${FIGURES_SELECT} FROM judged`,
      figureParams(target as TargetRule, unitIds, asOf, tagged),
    );
    return r as FigureRow;
  }

  /** What an export of the target's people needs: the target, the units measured and the positional parameters. */
  async plan(actor: Actor, id: string, unitId: string | undefined, asOfRaw: string | undefined, tx: EntityManager) {
    const asOf = this.checkAsOf(asOfRaw);
    const target = await this.load(actor, id, tx);
    const units = await this.units(actor, target, unitId, tx);
    const tagged = await this.taggedCourses(tx, target);
    return {
      asOf, target, units, params: figureParams(target as TargetRule, units, asOf, tagged), withClasses: target.class_ids.length > 0,
      courseIds: [...new Set([...target.course_ids, ...tagged])] as string[],
    };
  }

  async summary(actor: Actor, id: string, q: AsOfQueryDto): Promise<TargetSummaryDto> {
    const asOf = this.checkAsOf(q.asOf);
    return this.readOnly(async (tx) => {
      const target = await this.load(actor, id, tx);
      const units = await this.units(actor, target, q.unitId, tx);
      const tagged = await this.taggedCourses(tx, target);
      const now = toFigures(await this.figures(tx, target, units, asOf, tagged), Number(target.target_share));
      // pace: people trained per month over the last three months (a trained count, not a share: the population moves)
      const before = addMonths(asOf, -3) < String(target.start_date) ? String(target.start_date) : addMonths(asOf, -3);
      const then = toFigures(await this.figures(tx, target, units, before, tagged), Number(target.target_share));
      const span = Math.max(1, (new Date(asOf).getTime() - new Date(before).getTime()) / (30.436875 * 86400000));
      const pace = before < asOf ? Math.max(0, (now.trained - then.trained) / span) : 0;
      const j = judge({ share: now.share, targetShare: Number(target.target_share), toTrain: now.toTrain, asOf, deadline: String(target.deadline), pacePerMonth: pace });
      return { targetId: id, asOf, targetShare: Number(target.target_share), deadline: String(target.deadline), ...now, ...j };
    });
  }

  async trend(actor: Actor, id: string, q: AsOfQueryDto): Promise<TargetTrendDto> {
    const asOf = this.checkAsOf(q.asOf);
    return this.readOnly(async (tx) => {
      const target = await this.load(actor, id, tx);
      const units = await this.units(actor, target, q.unitId, tx);
      const tagged = await this.taggedCourses(tx, target);
      const start = String(target.start_date);
      const dates = asOf < start ? [asOf] : monthEnds(start, asOf);
      // at most 60 points: older months are thinned so the chart stays cheap for long plans
      const step = Math.ceil(dates.length / 60);
      const picked = dates.filter((_, i) => i % step === 0 || i === dates.length - 1);
      const points = [];
      for (const d of picked) {
        const f = toFigures(await this.figures(tx, target, units, d, tagged), Number(target.target_share));
        points.push({ date: d, population: f.population, trained: f.trained, share: f.share });
      }
      const last = points[points.length - 1];
      const back = points.length >= 4 ? points[points.length - 4] : points[0];
      const span = Math.max(1, (new Date(last.date).getTime() - new Date(back.date).getTime()) / (30.436875 * 86400000));
      const pace = last === back ? 0 : Math.max(0, (last.trained - back.trained) / span);
      const projection = [];
      const deadline = String(target.deadline);
      if (pace > 0 && last.date < deadline) {
        const ends = monthEnds(last.date, deadline).slice(1);
        let i = 0;
        for (const d of ends) {
          i += 1;
          const trained = Math.min(last.population, Math.round(last.trained + pace * i));
          projection.push({ date: d, population: last.population, trained, share: last.population ? Math.round((trained / last.population) * 1000) / 10 : 0 });
          if (trained >= last.population) break;
        }
      }
      return { points, projection, milestones: target.milestones ?? [] };
    });
  }

  async breakdown(actor: Actor, id: string, q: BreakdownQueryDto): Promise<TargetBreakdownDto> {
    const asOf = this.checkAsOf(q.asOf);
    return this.readOnly(async (tx) => {
      const target = await this.load(actor, id, tx);
      const units = await this.units(actor, target, q.unitId, tx);
      const tagged = await this.taggedCourses(tx, target);
      const share = Number(target.target_share);
      const params = figureParams(target as TargetRule, units, asOf, tagged);
      const cte = peopleCte(target.class_ids.length > 0, true);
      const total = toFigures(await this.figures(tx, target, units, asOf, tagged), share);
      if (q.by === 'category' || q.by === 'dtRole') {
        const col = q.by === 'category' ? 'category' : 'dt_role';
        const rows = await tx.query(`WITH ${cte} SELECT ${col} AS key, ${FIGURES_SELECT} FROM judged GROUP BY ${col} ORDER BY ${col}`, params);
        const labels = q.by === 'category' ? CATEGORY_VI : DT_ROLE_VI;
        return {
          by: q.by, asOf, parentUnitId: null, total,
          rows: rows.map((r: Row) => ({ key: r.key, label: labels[r.key] ?? r.key, hasChildren: false, direct: false, ...toFigures(r, share) })),
        };
      }
      // by unit: the children of the parent (the filter unit, else the target unit, else the caller's scope root), each with its subtree
      const scope = await this.access.scopeUnitIds(actor, tx);
      let parent = q.unitId ?? target.unit_id;
      if (scope && !scope.includes(parent) && actor.scopeUnitId) parent = actor.scopeUnitId;
      const rows = await tx.query(
        `WITH RECURSIVE tree AS (
           SELECT id, id AS top FROM org_units WHERE parent_id = $11::uuid AND id = ANY($1::uuid[])
           UNION ALL SELECT u.id, tree.top FROM org_units u JOIN tree ON u.parent_id = tree.id WHERE u.id = ANY($1::uuid[])
         ), ${cte},
         per AS (SELECT coalesce(tree.top, $11::uuid) AS key, j.* FROM judged j LEFT JOIN tree ON tree.id = j.unit_id)
         SELECT k.key, o.name AS label, k.key = $11::uuid AS direct,
           EXISTS (SELECT 1 FROM org_units c WHERE c.parent_id = k.key AND c.id = ANY($1::uuid[])) AND k.key <> $11::uuid AS has_children,
           coalesce(f.population, 0)::int AS population, coalesce(f.trained, 0)::int AS trained,
           coalesce(f.on_leave, 0)::int AS on_leave, coalesce(f.on_leave_trained, 0)::int AS on_leave_trained
         FROM (SELECT DISTINCT top AS key FROM tree WHERE top = id UNION SELECT $11::uuid) k
         JOIN org_units o ON o.id = k.key
         LEFT JOIN (SELECT key, ${FIGURES_SELECT} FROM per GROUP BY key) f ON f.key = k.key
         ORDER BY k.key = $11::uuid, o.name COLLATE vi_vn`,
        [...params, parent],
      );
      return {
        by: 'unit', asOf, parentUnitId: parent, total,
        rows: rows
          .filter((r: Row) => !(r.direct && r.population === 0))
          .map((r: Row) => ({
            key: r.key, label: r.direct ? `${r.label} (trực thuộc)` : r.label, hasChildren: r.has_children, direct: r.direct, ...toFigures(r, share),
          })),
      };
    });
  }

  async people(actor: Actor, id: string, q: TargetPeopleQueryDto): Promise<Page<TargetPersonDto>> {
    const asOf = this.checkAsOf(q.asOf);
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    return this.readOnly(async (tx) => {
      const target = await this.load(actor, id, tx);
      const units = await this.units(actor, target, q.unitId, tx);
      const tagged = await this.taggedCourses(tx, target);
      const params = figureParams(target as TargetRule, units, asOf, tagged);
      const courseIds = [...new Set([...target.course_ids, ...tagged])];
      const where = [`($11::boolean IS NULL OR j.trained = $11::boolean)`];
      const extra: unknown[] = [q.trained ?? null, courseIds, pageSize, (page - 1) * pageSize];
      if (q.q?.trim()) {
        extra.push(`%${likeEscape(fold(q.q.trim()))}%`);
        where.push(`s.search_text LIKE $15`);
      }
      const rows = await tx.query(
        `WITH ${peopleCte(target.class_ids.length > 0)}
         SELECT j.staff_id, s.full_name, s.birth_year, s.gender, s.position, j.unit_id, o.name AS unit_name, j.category, j.dt_role,
           j.status, j.leave_kind, j.trained, j.trained_at, j.trained_source, count(*) OVER () AS total,
           e.course_id AS e_course_id, e.title AS e_title, e.status AS e_status, e.due_date AS e_due, e.progress AS e_progress
         FROM judged j
         JOIN staff_members s ON s.id = j.staff_id
         JOIN org_units o ON o.id = j.unit_id
         LEFT JOIN LATERAL (
           SELECT en.course_id, co.title, en.status, en.due_date,
             (SELECT CASE WHEN count(*) = 0 THEN 0 ELSE round(100.0 * count(ip.item_id) FILTER (WHERE ip.status = 'completed') / count(*)) END
              FROM course_items ci LEFT JOIN item_progress ip ON ip.item_id = ci.id AND ip.enrolment_id = en.id
              WHERE ci.course_id = en.course_id AND ci.required)::int AS progress
           FROM enrolments en JOIN courses co ON co.id = en.course_id
           WHERE en.staff_id = j.staff_id AND en.course_id = ANY($12::uuid[]) AND en.status IN ('enrolled','in_progress','completed')
           ORDER BY en.status = 'completed', en.enrolled_at DESC LIMIT 1
         ) e ON true
         WHERE ${where.join(' AND ')}
         ORDER BY ${VI_ORDER}
         LIMIT $13 OFFSET $14`,
        [...params, ...extra],
      );
      return {
        items: rows.map((r: Row) => ({
          staffId: r.staff_id, fullName: r.full_name, birthYear: r.birth_year, gender: r.gender, position: r.position,
          unitId: r.unit_id, unitName: r.unit_name, category: r.category, dtRole: r.dt_role, status: r.status, leaveKind: r.leave_kind,
          trained: r.trained, trainedAt: r.trained_at ? new Date(r.trained_at).toISOString() : null, trainedBy: null,
          trainedSource: r.trained_source ?? null,
          enrolmentCourseId: r.e_course_id ?? null, enrolmentCourseTitle: r.e_title ?? null, enrolmentStatus: r.e_status ?? null,
          enrolmentDueDate: r.e_due ? String(r.e_due) : null, enrolmentProgress: r.e_progress ?? null,
        })),
        total: rows.length ? Number(rows[0].total) : 0,
        page,
        pageSize,
      };
    });
  }

  /** Enrol the people of the population not yet trained today (optionally of one unit subtree) in a course. */
  async enrolUntrained(actor: Actor, id: string, dto: TargetEnrolDto): Promise<TargetEnrolResultDto> {
    const asOf = todayVn();
    const ids: string[] = await this.readOnly(async (tx) => {
      const target = await this.load(actor, id, tx);
      const units = await this.units(actor, target, dto.unitId, tx);
      const tagged = await this.taggedCourses(tx, target);
      const rows = await tx.query(
        `WITH ${peopleCte(target.class_ids.length > 0, true)} SELECT staff_id FROM judged WHERE NOT trained`,
        figureParams(target as TargetRule, units, asOf, tagged),
      );
      return rows.map((r: Row) => r.staff_id);
    });
    if (!ids.length) return { untrained: 0, enrolled: 0, alreadyEnrolled: 0 };
    const res = await this.enrolments.enrol(actor, dto.courseId, { staffIds: ids, dueDate: dto.dueDate ?? undefined });
    return { untrained: ids.length, ...res };
  }

  /** Figures from one consistent snapshot of the database. */
  private readOnly<T>(fn: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('REPEATABLE READ', async (tx) => {
      await tx.query('SET TRANSACTION READ ONLY');
      // the figures are hash joins over the whole population: a parallel plan builds every hash table once per worker
      // (twice the CPU on a 2-core server for no gain), and JIT compilation costs more than it saves at this size
      await tx.query('SET LOCAL max_parallel_workers_per_gather = 0; SET LOCAL jit = off');
      return fn(tx);
    });
  }
}

export { CATEGORY_VI, DT_ROLE_VI };
