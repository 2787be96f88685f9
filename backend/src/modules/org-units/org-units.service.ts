import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { OrgAccessService } from '../../common/access/org-access.service';
import { Actor } from '../../common/auth/permissions';
import { AppError, fieldError, notFound } from '../../common/errors/app-error';
import { Page } from '../../common/http/dto';
import { uniqueViolation } from '../../common/http/params';
import { fold } from '../../common/text/vietnamese';
import { todayVn } from '../../common/text/dates';
import { AuditService } from '../audit/audit.service';
import { CloseOrgUnitDto, CreateOrgUnitDto, OrgUnitResponseDto, UpdateOrgUnitDto } from './org-units.dto';

const SELECT = `SELECT o.*, (SELECT count(*)::int FROM staff_members s WHERE s.unit_id = o.id AND s.status <> 'left') AS active_staff_count FROM org_units o`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const toDto = (r: any): OrgUnitResponseDto => ({
  id: r.id,
  code: r.code,
  name: r.name,
  type: r.type,
  parentId: r.parent_id,
  aliases: r.aliases ?? [],
  validFrom: r.valid_from,
  validTo: r.valid_to,
  external: r.external,
  listedInPlan: r.listed_in_plan,
  activeStaffCount: r.active_staff_count ?? 0,
});

export const unitSearchText = (name: string, code: string, aliases: string[]) => fold([name, code, ...aliases].join(' | '));

@Injectable()
export class OrgUnitsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: OrgAccessService,
    private readonly audit: AuditService,
  ) {}

  async list(actor: Actor, includeClosed: boolean): Promise<Page<OrgUnitResponseDto>> {
    const scope = await this.access.scopeUnitIds(actor);
    const params: unknown[] = [];
    const conds: string[] = [];
    if (scope) {
      params.push(scope);
      conds.push(`o.id = ANY($${params.length})`);
    }
    if (!includeClosed) {
      params.push(todayVn());
      conds.push(`(o.valid_to IS NULL OR o.valid_to > $${params.length}::date)`);
    }
    const rows = await this.dataSource.query(
      `${SELECT} ${conds.length ? 'WHERE ' + conds.join(' AND ') : ''} ORDER BY o.name COLLATE vi_vn, o.id`,
      params,
    );
    return { items: rows.map(toDto), total: rows.length, page: 1, pageSize: Math.max(rows.length, 1) };
  }

  async get(actor: Actor, id: string, tx?: EntityManager): Promise<OrgUnitResponseDto> {
    const [row] = await (tx ?? this.dataSource.manager).query(`${SELECT} WHERE o.id = $1`, [id]);
    if (!row) throw notFound();
    await this.access.assertUnitInScope(actor, id, tx);
    return toDto(row);
  }

  private async assertParent(actor: Actor, tx: EntityManager, parentId: string): Promise<void> {
    const [p] = await tx.query(`SELECT id, valid_to FROM org_units WHERE id = $1`, [parentId]);
    if (!p || !(await this.access.inScope(actor, parentId, tx))) {
      throw fieldError('parentId', 'Đơn vị cấp trên không tồn tại hoặc ngoài phạm vi quản lý', 'The parent unit does not exist or is outside your scope');
    }
    if (p.valid_to && p.valid_to <= todayVn()) {
      throw fieldError('parentId', 'Đơn vị cấp trên đã ngừng hoạt động', 'The parent unit is closed');
    }
  }

  private mapUnique(e: unknown): never {
    if (uniqueViolation(e) === 'uq_org_units_code') {
      throw new AppError(409, 'UNIT_CODE_TAKEN', {}, { code: { vi: 'Mã đơn vị đã tồn tại', en: 'This unit code already exists' } });
    }
    throw e;
  }

  async create(actor: Actor, dto: CreateOrgUnitDto): Promise<OrgUnitResponseDto> {
    try {
      return await this.dataSource.transaction(async (tx) => {
        await this.assertParent(actor, tx, dto.parentId);
        const aliases = dto.aliases ?? [];
        const [{ id }] = await tx.query(
          `INSERT INTO org_units (code, name, type, parent_id, aliases, search_text, valid_from, external, listed_in_plan)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
          [dto.code, dto.name, dto.type, dto.parentId, aliases, unitSearchText(dto.name, dto.code, aliases), dto.validFrom ?? null, dto.external ?? false, dto.listedInPlan ?? true],
        );
        await this.audit.record(tx, actor, {
          action: 'org_unit.created', entityType: 'org_unit', entityId: id, summary: `Tạo đơn vị ${dto.name}`,
          details: { code: dto.code, type: dto.type, parentId: dto.parentId },
        });
        return this.get(actor, id, tx);
      });
    } catch (e) {
      return this.mapUnique(e);
    }
  }

  async update(actor: Actor, id: string, dto: UpdateOrgUnitDto): Promise<OrgUnitResponseDto> {
    try {
      return await this.dataSource.transaction(async (tx) => {
        const [cur] = await tx.query(`SELECT * FROM org_units WHERE id = $1 FOR UPDATE`, [id]);
        if (!cur || !(await this.access.inScope(actor, id, tx))) throw notFound();
        if (dto.parentId !== undefined && dto.parentId !== cur.parent_id) {
          // the manager's own scope root cannot be moved by them; and no cycles
          if (actor.scopeUnitId === id && !actor.roles.includes('admin')) throw new AppError(403, 'FORBIDDEN');
          await this.assertParent(actor, tx, dto.parentId);
          const subtree = await this.access.subtreeIds(id, tx);
          if (subtree.includes(dto.parentId)) throw new AppError(400, 'UNIT_CYCLE', {}, { parentId: { vi: '', en: '' } });
        }
        const next = {
          code: dto.code ?? cur.code,
          name: dto.name ?? cur.name,
          type: dto.type ?? cur.type,
          parentId: dto.parentId ?? cur.parent_id,
          aliases: dto.aliases ?? cur.aliases,
          validFrom: dto.validFrom !== undefined ? dto.validFrom : cur.valid_from,
          listedInPlan: dto.listedInPlan ?? cur.listed_in_plan,
        };
        if (next.validFrom && cur.valid_to && next.validFrom > cur.valid_to) {
          throw fieldError('validFrom', 'Ngày thành lập phải trước ngày ngừng hoạt động', 'The founding date must be before the closing date');
        }
        // a renamed unit keeps its old name as an alias, so old spreadsheets and searches still find it
        if (next.name !== cur.name && !next.aliases.includes(cur.name)) next.aliases = [...next.aliases, cur.name];
        await tx.query(
          `UPDATE org_units SET code = $2, name = $3, type = $4, parent_id = $5, aliases = $6, search_text = $7, valid_from = $8,
             listed_in_plan = $9, updated_at = now() WHERE id = $1`,
          [id, next.code, next.name, next.type, next.parentId, next.aliases, unitSearchText(next.name, next.code, next.aliases), next.validFrom, next.listedInPlan],
        );
        const before: Record<string, unknown> = {};
        for (const k of Object.keys(dto)) before[k] = { code: cur.code, name: cur.name, type: cur.type, parentId: cur.parent_id, aliases: cur.aliases, validFrom: cur.valid_from, listedInPlan: cur.listed_in_plan }[k];
        await this.audit.record(tx, actor, {
          action: next.name !== cur.name ? 'org_unit.renamed' : 'org_unit.updated',
          entityType: 'org_unit', entityId: id,
          summary: next.name !== cur.name ? `Đổi tên đơn vị ${cur.name} → ${next.name}` : `Sửa đơn vị ${cur.name}`,
          details: { before, after: dto },
        });
        return this.get(actor, id, tx);
      });
    } catch (e) {
      return this.mapUnique(e);
    }
  }

  /** Units are closed (valid_to), never deleted, because people and records refer to them. */
  async close(actor: Actor, id: string, dto: CloseOrgUnitDto): Promise<OrgUnitResponseDto> {
    return this.dataSource.transaction(async (tx) => {
      const [cur] = await tx.query(`SELECT * FROM org_units WHERE id = $1 FOR UPDATE`, [id]);
      if (!cur || !(await this.access.inScope(actor, id, tx))) throw notFound();
      if (actor.scopeUnitId === id && !actor.roles.includes('admin')) throw new AppError(403, 'FORBIDDEN');
      if (cur.valid_to) throw new AppError(409, 'UNIT_CLOSED');
      if (cur.valid_from && dto.validTo < cur.valid_from) {
        throw fieldError('validTo', 'Ngày ngừng hoạt động phải sau ngày thành lập', 'The closing date must be after the founding date');
      }
      const [{ children, people }] = await tx.query(
        `SELECT (SELECT count(*)::int FROM org_units WHERE parent_id = $1 AND (valid_to IS NULL OR valid_to > $2)) AS children,
                (SELECT count(*)::int FROM staff_members WHERE unit_id = $1 AND status <> 'left') AS people`,
        [id, dto.validTo],
      );
      if (children > 0 || people > 0) throw new AppError(409, 'UNIT_NOT_EMPTY', { children, people });
      await tx.query(`UPDATE org_units SET valid_to = $2, updated_at = now() WHERE id = $1`, [id, dto.validTo]);
      await this.audit.record(tx, actor, {
        action: 'org_unit.closed', entityType: 'org_unit', entityId: id, summary: `Ngừng hoạt động đơn vị ${cur.name} từ ${dto.validTo}`,
        details: { validTo: dto.validTo, reason: dto.reason ?? null },
      });
      return this.get(actor, id, tx);
    });
  }
}
