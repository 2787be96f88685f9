import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { OrgAccessService } from '../../common/access/org-access.service';
import { Actor } from '../../common/auth/permissions';
import { AppError, fieldError, notFound } from '../../common/errors/app-error';
import { Page } from '../../common/http/dto';
import { likeEscape, uniqueViolation } from '../../common/http/params';
import { buildFullName, fold, normalizePhone } from '../../common/text/vietnamese';
import { todayVn } from '../../common/text/dates';
import { AuditService } from '../audit/audit.service';
import { applyEnrolmentRules } from '../courses/enrolment-rules';
import {
  CreateStaffDto, ListStaffQueryDto, StaffHistoryEntryDto, StaffResponseDto, UpdateStaffDto,
} from './staff.dto';
import { changedFields, HistoryDateError, insertStaff, rowToData, StaffData, updateStaff } from './staff.writer';

const SELECT = `SELECT s.*, o.name AS unit_name, EXISTS (SELECT 1 FROM users u WHERE u.staff_id = s.id) AS has_account
  FROM staff_members s JOIN org_units o ON o.id = s.unit_id`;

/** Vietnamese list order: given name, family name, middle name (ICU vi collation). */
/** Text searches count their matches exactly up to this many; beyond it the page says "more than". */
export const SEARCH_COUNT_CAP = 5000;

export const VI_ORDER = `s.given_name COLLATE vi_vn, s.family_name COLLATE vi_vn, s.middle_name COLLATE vi_vn, s.id`;

const isoDate = (d: unknown): string => String(d);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const toStaffDto = (r: any): StaffResponseDto => ({
  id: r.id,
  staffCode: r.staff_code,
  familyName: r.family_name,
  middleName: r.middle_name,
  givenName: r.given_name,
  fullName: r.full_name,
  gender: r.gender,
  birthYear: r.birth_year,
  email: r.email,
  phone: r.phone,
  unitId: r.unit_id,
  unitName: r.unit_name,
  position: r.position,
  category: r.category,
  dtRole: r.dt_role,
  isLeadership: r.is_leadership,
  communityDigitalTeamId: r.community_digital_team_id,
  status: r.status,
  leaveKind: r.leave_kind,
  statusSince: isoDate(r.status_since),
  note: r.note,
  hasAccount: r.has_account,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

@Injectable()
export class StaffService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: OrgAccessService,
    private readonly audit: AuditService,
  ) {}

  async list(actor: Actor, q: ListStaffQueryDto): Promise<Page<StaffResponseDto>> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    const params: unknown[] = [];
    const where: string[] = [];
    const add = (sql: (p: string) => string, v: unknown) => {
      params.push(v);
      where.push(sql(`$${params.length}`));
    };
    const scope = await this.access.scopeUnitIds(actor);
    if (scope) add((p) => `s.unit_id = ANY(${p}::uuid[])`, scope);
    if (q.unitId) {
      if (scope && !scope.includes(q.unitId)) return { items: [], total: 0, page, pageSize };
      add((p) => `s.unit_id = ANY(${p}::uuid[])`, await this.access.subtreeIds(q.unitId));
    }
    if (q.category) add((p) => `s.category = ${p}`, q.category);
    if (q.dtRole) add((p) => `s.dt_role = ${p}`, q.dtRole);
    if (q.status) add((p) => `s.status = ${p}`, q.status);
    if (q.q) {
      const words = fold(q.q).split(' ').filter(Boolean).slice(0, 8);
      const wordConds = words.map((w) => {
        params.push(`%${likeEscape(w)}%`);
        return `s.search_text LIKE $${params.length}`;
      });
      if (q.q.includes('@')) {
        params.push(q.q.toLowerCase());
        where.push(`(lower(s.email) = $${params.length} OR (${wordConds.join(' AND ')}))`);
      } else if (wordConds.length) {
        where.push(`(${wordConds.join(' AND ')})`);
      }
    }
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const offset = (page - 1) * pageSize;
    if (!q.q) {
      // no text: an exact count, and a walk of the (unit, Vietnamese order) index that stops after one page
      const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM staff_members s ${whereSql}`, params);
      const rows = total
        ? await this.dataSource.query(`${SELECT} ${whereSql} ORDER BY ${VI_ORDER} LIMIT ${pageSize} OFFSET ${offset}`, params)
        : [];
      return { items: rows.map(toStaffDto), total, page, pageSize };
    }
    // Text search, one pass: take up to CAP+1 matches from the trigram index, count them and sort them.
    // MATERIALIZED stops the planner from walking the order index and filtering row by row, which is
    // slow when the matches sort late (a given name such as "tuấn": they all sit under T).
    const pageParams = [...params];
    let rank = '';
    if (fold(q.q) !== q.q.toLowerCase()) {
      // typed with diacritics: exact matches first ("Tuấn" before "Tuân")
      pageParams.push(`%${likeEscape(q.q.toLowerCase())}%`);
      rank = `(lower(s.full_name) LIKE $${pageParams.length}) DESC, `;
    }
    const rows = await this.dataSource.query(
      `WITH m AS MATERIALIZED (
         SELECT s.id, s.given_name, s.family_name, s.middle_name, s.full_name FROM staff_members s ${whereSql} LIMIT ${SEARCH_COUNT_CAP + 1}),
       c AS (SELECT count(*)::int AS n FROM m),
       p AS (SELECT s.id FROM m s ORDER BY ${rank}${VI_ORDER} LIMIT ${pageSize} OFFSET ${offset})
       SELECT x.*, c.n AS match_count FROM c LEFT JOIN LATERAL (
         ${SELECT} JOIN p ON p.id = s.id) x ON c.n <= ${SEARCH_COUNT_CAP}
       ORDER BY ${rank.replace(/s\./g, 'x.')}x.given_name COLLATE vi_vn, x.family_name COLLATE vi_vn, x.middle_name COLLATE vi_vn, x.id`,
      pageParams,
    );
    const n: number = rows[0]?.match_count ?? 0;
    if (n > SEARCH_COUNT_CAP) {
      // a broad query ("nguyen": 40% of a roster): matches are dense, so walking the Vietnamese-order index finds
      // a page at once; the total is reported as capped instead of counting every match on every keystroke
      const broad = await this.dataSource.query(`${SELECT} ${whereSql} ORDER BY ${VI_ORDER} LIMIT ${pageSize} OFFSET ${offset}`, params);
      return { items: broad.map(toStaffDto), total: SEARCH_COUNT_CAP, page, pageSize, totalCapped: true };
    }
    const items = rows.filter((r: { id: string | null }) => r.id).map(toStaffDto);
    return { items, total: n, page, pageSize };
  }

  private async loadRow(actor: Actor, id: string, tx?: EntityManager, lock = false) {
    const [row] = await (tx ?? this.dataSource.manager).query(
      `${SELECT} WHERE s.id = $1 ${lock ? 'FOR UPDATE OF s' : ''}`,
      [id],
    );
    if (!row || !(await this.access.inScope(actor, row.unit_id, tx))) throw notFound();
    return row;
  }

  async get(actor: Actor, id: string): Promise<StaffResponseDto> {
    return toStaffDto(await this.loadRow(actor, id));
  }

  async history(actor: Actor, id: string): Promise<{ items: StaffHistoryEntryDto[] }> {
    await this.loadRow(actor, id);
    const rows = await this.dataSource.query(
      `SELECT h.*, o.name AS unit_name FROM staff_history h JOIN org_units o ON o.id = h.unit_id
        WHERE h.staff_id = $1 ORDER BY h.valid_from DESC, h.id DESC`,
      [id],
    );
    return {
      items: rows.map((r: Record<string, unknown>) => ({
        validFrom: isoDate(r.valid_from),
        validTo: r.valid_to ? isoDate(r.valid_to) : null,
        unitId: r.unit_id as string,
        unitName: r.unit_name as string,
        category: r.category,
        dtRole: r.dt_role,
        status: r.status,
        leaveKind: r.leave_kind ?? null,
      })) as StaffHistoryEntryDto[],
    };
  }

  /** Checks the references and cross-field rules shared by create and update. */
  private async validate(actor: Actor, tx: EntityManager, d: StaffData): Promise<void> {
    const [unit] = await tx.query(`SELECT id, valid_to FROM org_units WHERE id = $1`, [d.unitId]);
    if (!unit || !(await this.access.inScope(actor, d.unitId, tx))) {
      throw fieldError('unitId', 'Đơn vị không tồn tại hoặc ngoài phạm vi quản lý', 'Unknown unit or outside your scope');
    }
    if (unit.valid_to && isoDate(unit.valid_to) <= todayVn()) {
      throw fieldError('unitId', 'Đơn vị đã ngừng hoạt động', 'The unit is closed');
    }
    if (d.communityDigitalTeamId) {
      const [team] = await tx.query(`SELECT type FROM org_units WHERE id = $1`, [d.communityDigitalTeamId]);
      if (!team || team.type !== 'community_digital_team') {
        throw fieldError('communityDigitalTeamId', 'Không phải Tổ công nghệ số cộng đồng', 'Not a community digital team');
      }
    }
    if (d.status === 'on_leave' && !d.leaveKind) throw fieldError('leaveKind', 'Chọn loại nghỉ', 'Choose the kind of leave');
    if (d.status !== 'on_leave') d.leaveKind = null;
  }

  private mapUnique(e: unknown): never {
    const c = uniqueViolation(e);
    if (c === 'uq_staff_code') throw new AppError(409, 'STAFF_CODE_TAKEN', {}, { staffCode: { vi: 'Mã cán bộ đã tồn tại', en: 'This staff code already exists' } });
    if (c === 'uq_staff_email') throw new AppError(409, 'EMAIL_TAKEN', {}, { email: { vi: 'Email đã được dùng cho người khác', en: 'This email belongs to someone else' } });
    if (e instanceof HistoryDateError) {
      throw fieldError('statusSince', `Ngày hiệu lực không được trước lần thay đổi gần nhất (${e.lastChange})`, `The effective date cannot be before the last change (${e.lastChange})`);
    }
    throw e;
  }

  async create(actor: Actor, dto: CreateStaffDto): Promise<StaffResponseDto> {
    const familyName = dto.familyName ?? '';
    const middleName = dto.middleName ?? '';
    const data: StaffData = {
      staffCode: dto.staffCode ?? null,
      familyName,
      middleName,
      givenName: dto.givenName,
      fullName: dto.fullName ?? buildFullName(familyName, middleName, dto.givenName),
      gender: dto.gender ?? null,
      birthYear: dto.birthYear ?? null,
      email: dto.email ? dto.email.toLowerCase() : null,
      phone: dto.phone ? (normalizePhone(dto.phone) as { ok: true; value: string }).value : null,
      unitId: dto.unitId,
      position: dto.position ?? null,
      category: dto.category,
      dtRole: dto.dtRole ?? 'none',
      isLeadership: dto.isLeadership ?? false,
      communityDigitalTeamId: dto.communityDigitalTeamId ?? null,
      status: dto.status ?? 'active',
      leaveKind: dto.leaveKind ?? null,
      statusSince: dto.statusSince ?? todayVn(),
      note: dto.note ?? null,
    };
    try {
      return await this.dataSource.transaction(async (tx) => {
        await this.validate(actor, tx, data);
        const [id] = await insertStaff(tx, [data], actor.userId);
        await applyEnrolmentRules(tx, { staffIds: [id], actorId: actor.userId });
        await this.audit.record(tx, actor, {
          action: 'staff.created', entityType: 'staff', entityId: id, summary: `Thêm người: ${data.fullName}`,
          details: { unitId: data.unitId, category: data.category, dtRole: data.dtRole },
        });
        return toStaffDto(await this.loadRow(actor, id, tx));
      });
    } catch (e) {
      return this.mapUnique(e);
    }
  }

  async update(actor: Actor, id: string, dto: UpdateStaffDto): Promise<StaffResponseDto> {
    try {
      return await this.dataSource.transaction(async (tx) => {
        const row = await this.loadRow(actor, id, tx, true);
        const cur = rowToData(row);
        cur.statusSince = isoDate(row.status_since);
        const next: StaffData = { ...cur };
        for (const [k, v] of Object.entries(dto)) {
          if (v !== undefined && k !== 'statusSince') (next as unknown as Record<string, unknown>)[k] = v;
        }
        if (dto.email !== undefined) next.email = dto.email ? dto.email.toLowerCase() : null;
        if (dto.phone !== undefined) next.phone = dto.phone ? (normalizePhone(dto.phone) as { ok: true; value: string }).value : null;
        const partsChanged = dto.familyName !== undefined || dto.middleName !== undefined || dto.givenName !== undefined;
        if (partsChanged && dto.fullName === undefined) next.fullName = buildFullName(next.familyName, next.middleName, next.givenName);
        if (dto.status && dto.status !== 'on_leave' && dto.leaveKind === undefined) next.leaveKind = null;
        await this.validate(actor, tx, next);
        const changed = changedFields(cur, next);
        if (changed.length) {
          await updateStaff(tx, id, cur, next, dto.statusSince, actor.userId);
          await applyEnrolmentRules(tx, { staffIds: [id], actorId: actor.userId });
          const before: Record<string, unknown> = {};
          const after: Record<string, unknown> = {};
          for (const k of changed) {
            before[k] = cur[k];
            after[k] = next[k];
          }
          await this.audit.record(tx, actor, {
            action: 'staff.updated', entityType: 'staff', entityId: id, summary: `Sửa thông tin: ${next.fullName}`,
            details: { fields: changed, before, after, effective: dto.statusSince ?? null },
          });
        }
        return toStaffDto(await this.loadRow(actor, id, tx));
      });
    } catch (e) {
      return this.mapUnique(e);
    }
  }
}
