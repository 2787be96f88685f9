import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, Role } from '../../common/auth/permissions';
import { AppError, notFound } from '../../common/errors/app-error';
import { Page } from '../../common/http/dto';
import { likeEscape, uniqueViolation } from '../../common/http/params';
import { fold } from '../../common/text/vietnamese';
import { AuditService } from '../audit/audit.service';
import { hashPassword } from '../auth/auth.service';
import { CreateUserDto, ListUsersQueryDto, UpdateUserDto, UserResponseDto } from './users.dto';

const SELECT = `SELECT u.id, u.username, u.email, u.display_name, u.roles, u.scope_unit_id, ou.name AS scope_unit_name,
  u.staff_id, u.is_active, u.last_login_at, u.created_at FROM users u LEFT JOIN org_units ou ON ou.id = u.scope_unit_id`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const toDto = (r: any): UserResponseDto => ({
  id: r.id,
  username: r.username,
  email: r.email,
  displayName: r.display_name,
  roles: r.roles,
  scopeUnitId: r.scope_unit_id,
  scopeUnitName: r.scope_unit_name,
  staffId: r.staff_id,
  isActive: r.is_active,
  lastLoginAt: r.last_login_at ? new Date(r.last_login_at).toISOString() : null,
  createdAt: new Date(r.created_at).toISOString(),
});

const scopedRoles = (roles: Role[]) => roles.some((r) => r === 'manager' || r === 'trainer') && !roles.includes('admin');

@Injectable()
export class UsersService {
  constructor(private readonly dataSource: DataSource, private readonly audit: AuditService) {}

  async list(query: ListUsersQueryDto): Promise<Page<UserResponseDto>> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const params: unknown[] = [];
    let where = '';
    if (query.q) {
      params.push(`%${likeEscape(fold(query.q))}%`);
      where = `WHERE (u.username LIKE $1 OR lower(coalesce(u.email, '')) LIKE $1 OR vn_fold(u.display_name) LIKE $1)`;
    }
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM users u ${where}`, params);
    const rows = await this.dataSource.query(
      `${SELECT} ${where} ORDER BY u.username LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      params,
    );
    return { items: rows.map(toDto), total, page, pageSize };
  }

  async get(id: string, tx?: EntityManager): Promise<UserResponseDto> {
    const [row] = await (tx ?? this.dataSource.manager).query(`${SELECT} WHERE u.id = $1`, [id]);
    if (!row) throw notFound();
    return toDto(row);
  }

  private async checkRefs(tx: EntityManager, scopeUnitId: string | null | undefined, staffId: string | null | undefined) {
    if (scopeUnitId) {
      const [u] = await tx.query(`SELECT id FROM org_units WHERE id = $1`, [scopeUnitId]);
      if (!u) throw new AppError(400, 'VALIDATION_FAILED', {}, { scopeUnitId: { vi: 'Đơn vị không tồn tại', en: 'Unknown unit' } });
    }
    if (staffId) {
      const [s] = await tx.query(`SELECT id FROM staff_members WHERE id = $1`, [staffId]);
      if (!s) throw new AppError(400, 'VALIDATION_FAILED', {}, { staffId: { vi: 'Không tìm thấy người này', en: 'Unknown person' } });
    }
  }

  private mapUnique(e: unknown): never {
    const c = uniqueViolation(e);
    if (c === 'uq_users_username') throw new AppError(409, 'USERNAME_TAKEN', {}, { username: { vi: 'Tên đăng nhập đã được dùng', en: 'Username taken' } });
    if (c === 'uq_users_email') throw new AppError(409, 'EMAIL_TAKEN', {}, { email: { vi: 'Email đã được dùng', en: 'Email already used' } });
    if (c === 'uq_users_staff') throw new AppError(409, 'STAFF_ALREADY_LINKED', {}, { staffId: { vi: 'Người này đã có tài khoản', en: 'This person already has an account' } });
    throw e;
  }

  async create(actor: Actor, dto: CreateUserDto): Promise<UserResponseDto> {
    if (scopedRoles(dto.roles) && !dto.scopeUnitId) {
      throw new AppError(400, 'VALIDATION_FAILED', {}, { scopeUnitId: { vi: 'Giảng viên và cán bộ quản lý phải được gán đơn vị phụ trách', en: 'Trainers and managers need a scope unit' } });
    }
    const hash = await hashPassword(dto.password);
    try {
      return await this.dataSource.transaction(async (tx) => {
        await this.checkRefs(tx, dto.scopeUnitId, dto.staffId);
        const [{ id }] = await tx.query(
          `INSERT INTO users (username, email, display_name, password_hash, roles, scope_unit_id, staff_id, must_change_password)
           VALUES ($1, $2, $3, $4, $5, $6, $7, true) RETURNING id`,
          [dto.username, dto.email?.toLowerCase() ?? null, dto.displayName, hash, dto.roles, dto.scopeUnitId ?? null, dto.staffId ?? null],
        );
        await this.audit.record(tx, actor, {
          action: 'user.created', entityType: 'user', entityId: id, summary: `Tạo tài khoản ${dto.username}`,
          details: { roles: dto.roles, scopeUnitId: dto.scopeUnitId ?? null },
        });
        return this.get(id, tx);
      });
    } catch (e) {
      return this.mapUnique(e);
    }
  }

  async update(actor: Actor, id: string, dto: UpdateUserDto): Promise<UserResponseDto> {
    try {
      return await this.dataSource.transaction(async (tx) => {
        const [cur] = await tx.query(`SELECT * FROM users WHERE id = $1 FOR UPDATE`, [id]);
        if (!cur) throw notFound();
        const roles: Role[] = dto.roles ?? cur.roles;
        const scope = dto.scopeUnitId !== undefined ? dto.scopeUnitId : cur.scope_unit_id;
        if (scopedRoles(roles) && !scope) {
          throw new AppError(400, 'VALIDATION_FAILED', {}, { scopeUnitId: { vi: 'Giảng viên và cán bộ quản lý phải được gán đơn vị phụ trách', en: 'Trainers and managers need a scope unit' } });
        }
        const losingAdmin = cur.roles.includes('admin') && (!roles.includes('admin') || dto.isActive === false);
        if (losingAdmin) {
          const [{ n }] = await tx.query(`SELECT count(*)::int AS n FROM users WHERE 'admin' = ANY(roles) AND is_active AND id <> $1`, [id]);
          if (n === 0) throw new AppError(409, 'LAST_ADMIN');
        }
        await this.checkRefs(tx, dto.scopeUnitId, dto.staffId);
        await tx.query(
          `UPDATE users SET display_name = $2, email = $3, roles = $4, scope_unit_id = $5, staff_id = $6, is_active = $7, updated_at = now() WHERE id = $1`,
          [
            id,
            dto.displayName ?? cur.display_name,
            dto.email !== undefined ? dto.email?.toLowerCase() ?? null : cur.email,
            roles,
            scope,
            dto.staffId !== undefined ? dto.staffId : cur.staff_id,
            dto.isActive ?? cur.is_active,
          ],
        );
        if (dto.isActive === false) await tx.query(`UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [id]);
        const changes: Record<string, unknown> = {};
        for (const k of Object.keys(dto) as (keyof UpdateUserDto)[]) changes[k] = dto[k];
        const roleChange = dto.roles && JSON.stringify([...dto.roles].sort()) !== JSON.stringify([...cur.roles].sort());
        await this.audit.record(tx, actor, {
          action: roleChange ? 'user.roles_changed' : 'user.updated',
          entityType: 'user', entityId: id,
          summary: roleChange ? `Đổi vai trò ${cur.username}: ${cur.roles.join(',')} → ${roles.join(',')}` : `Sửa tài khoản ${cur.username}`,
          details: { before: { roles: cur.roles, scopeUnitId: cur.scope_unit_id, isActive: cur.is_active }, changes },
        });
        return this.get(id, tx);
      });
    } catch (e) {
      return this.mapUnique(e);
    }
  }

  async resetPassword(actor: Actor, id: string, newPassword: string): Promise<void> {
    const hash = await hashPassword(newPassword);
    await this.dataSource.transaction(async (tx) => {
      const [cur] = await tx.query(`SELECT username FROM users WHERE id = $1`, [id]);
      if (!cur) throw notFound();
      await tx.query(`UPDATE users SET password_hash = $2, must_change_password = true, updated_at = now() WHERE id = $1`, [id, hash]);
      await tx.query(`UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [id]);
      await this.audit.record(tx, actor, { action: 'user.password_reset', entityType: 'user', entityId: id, summary: `Đặt lại mật khẩu cho ${cur.username}` });
    });
  }
}
