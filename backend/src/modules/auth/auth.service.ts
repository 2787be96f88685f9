import { Inject, Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Actor, Role } from '../../common/auth/permissions';
import { AppError } from '../../common/errors/app-error';
import { fold } from '../../common/text/vietnamese';
import { APP_CONFIG, AppConfig } from '../../config/env';
import { AuditService } from '../audit/audit.service';

export const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, ARGON2_OPTIONS);
}

const sha256 = (s: string) => createHash('sha256').update(s).digest();

/** A fixed hash so that unknown logins cost the same time as known ones. */
let dummyHash: Promise<string> | null = null;

export interface MeDto {
  id: string;
  username: string;
  email: string | null;
  displayName: string;
  roles: Role[];
  scopeUnitId: string | null;
  scopeUnitName: string | null;
  staffId: string | null;
  mustChangePassword: boolean;
}

interface UserRow {
  id: string;
  username: string;
  email: string | null;
  display_name: string;
  password_hash: string;
  roles: Role[];
  scope_unit_id: string | null;
  scope_unit_name: string | null;
  staff_id: string | null;
  is_active: boolean;
  must_change_password: boolean;
}

const toMe = (u: UserRow): MeDto => ({
  id: u.id,
  username: u.username,
  email: u.email,
  displayName: u.display_name,
  roles: u.roles,
  scopeUnitId: u.scope_unit_id,
  scopeUnitName: u.scope_unit_name,
  staffId: u.staff_id,
  mustChangePassword: u.must_change_password,
});

const USER_SELECT = `SELECT u.*, ou.name AS scope_unit_name FROM users u LEFT JOIN org_units ou ON ou.id = u.scope_unit_id`;

/**
 * Sessions live in PostgreSQL (opaque random token, only its SHA-256 stored), so any number of app
 * instances can serve the same users. Login throttling counters live there too.
 */
@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private loginKey(login: string): string {
    return fold(login).slice(0, 254);
  }

  /** Seconds until another attempt is allowed, or 0. */
  private async retryAfter(key: string, ip: string | null): Promise<number> {
    const win = this.config.loginWindowMinutes;
    const [row] = await this.dataSource.query(
      `SELECT
         (SELECT count(*) FROM login_failures WHERE login_key = $1 AND at > now() - make_interval(mins => $3))::int AS by_key,
         (SELECT min(at) FROM (SELECT at FROM login_failures WHERE login_key = $1 AND at > now() - make_interval(mins => $3)
             ORDER BY at DESC LIMIT $4) k) AS key_oldest,
         (SELECT count(*) FROM login_failures WHERE ip = $2 AND at > now() - make_interval(mins => $3))::int AS by_ip,
         (SELECT min(at) FROM (SELECT at FROM login_failures WHERE ip = $2 AND at > now() - make_interval(mins => $3)
             ORDER BY at DESC LIMIT $5) i) AS ip_oldest,
         now() AS now`,
      [key, ip, win, this.config.loginMaxFailuresPerName, this.config.loginMaxFailuresPerIp],
    );
    const waits: number[] = [];
    const windowMs = win * 60_000;
    const now = new Date(row.now).getTime();
    if (row.by_key >= this.config.loginMaxFailuresPerName && row.key_oldest) {
      waits.push(new Date(row.key_oldest).getTime() + windowMs - now);
    }
    if (ip && row.by_ip >= this.config.loginMaxFailuresPerIp && row.ip_oldest) {
      waits.push(new Date(row.ip_oldest).getTime() + windowMs - now);
    }
    return waits.length ? Math.max(1, Math.ceil(Math.max(...waits) / 1000)) : 0;
  }

  private tooMany(seconds: number): AppError {
    return new AppError(429, 'TOO_MANY_ATTEMPTS', { seconds }, undefined, { 'Retry-After': String(seconds) });
  }

  async login(login: string, password: string, meta: { ip: string | null; requestId: string; userAgent: string }) {
    const key = this.loginKey(login);
    const wait = await this.retryAfter(key, meta.ip);
    if (wait > 0) throw this.tooMany(wait);

    const [user]: UserRow[] = await this.dataSource.query(
      `${USER_SELECT} WHERE u.username = lower($1) OR lower(u.email) = lower($1) LIMIT 1`,
      [login],
    );
    dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
    const ok = user
      ? await argon2.verify(user.password_hash, password).catch(() => false)
      : await argon2.verify(await dummyHash, password).catch(() => false);

    if (!user || !ok || !user.is_active) {
      await this.dataSource.query(`INSERT INTO login_failures (login_key, ip) VALUES ($1, $2)`, [key, meta.ip]);
      await this.audit.record(null, null, {
        action: 'auth.login_failed',
        entityType: 'user',
        entityId: user?.id ?? null,
        summary: `Đăng nhập thất bại: ${login.slice(0, 100)}`,
        details: { login: login.slice(0, 100), reason: !user ? 'unknown_login' : !ok ? 'wrong_password' : 'inactive' },
      }, { ip: meta.ip, requestId: meta.requestId, username: login.slice(0, 100) });
      // the attempt after the limit is answered 429 before any password is checked
      throw new AppError(401, 'INVALID_CREDENTIALS');
    }

    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.sessionAbsoluteHours * 3600_000);
    await this.dataSource.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO sessions (token_hash, user_id, expires_at, ip, user_agent) VALUES ($1, $2, $3, $4, $5)`,
        [sha256(token), user.id, expiresAt, meta.ip, meta.userAgent],
      );
      await tx.query(`DELETE FROM login_failures WHERE login_key = $1`, [key]);
      await tx.query(`UPDATE users SET last_login_at = now() WHERE id = $1`, [user.id]);
      await this.audit.record(tx, null, {
        action: 'auth.login', entityType: 'user', entityId: user.id, summary: `Đăng nhập: ${user.username}`,
      }, { ip: meta.ip, requestId: meta.requestId, username: user.username });
    });
    return { token, expiresAt: expiresAt.toISOString(), user: toMe(user) };
  }

  /** Resolves a token to the actor, enforcing idle and absolute expiry. */
  async authenticate(token: string, meta: { ip: string | null; requestId: string }): Promise<Actor | null> {
    if (!token || token.length > 100) return null;
    const rows = await this.dataSource.query(
      `SELECT s.id AS session_id, s.last_seen_at, u.id, u.username, u.roles, u.scope_unit_id
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now()
          AND s.last_seen_at > now() - make_interval(mins => $2) AND u.is_active`,
      [sha256(token), this.config.sessionIdleMinutes],
    );
    const row = rows[0];
    if (!row) return null;
    // refresh the idle clock at most once a minute, so reads stay cheap
    if (Date.now() - new Date(row.last_seen_at).getTime() > 60_000) {
      await this.dataSource.query(`UPDATE sessions SET last_seen_at = now() WHERE id = $1`, [row.session_id]);
    }
    return {
      userId: row.id,
      username: row.username,
      roles: row.roles,
      scopeUnitId: row.scope_unit_id,
      sessionId: row.session_id,
      ip: meta.ip,
      requestId: meta.requestId,
    };
  }

  async logout(actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await tx.query(`UPDATE sessions SET revoked_at = now() WHERE id = $1`, [actor.sessionId]);
      await this.audit.record(tx, actor, { action: 'auth.logout', entityType: 'user', entityId: actor.userId, summary: `Đăng xuất: ${actor.username}` });
    });
  }

  async me(actor: Actor): Promise<MeDto> {
    const [user]: UserRow[] = await this.dataSource.query(`${USER_SELECT} WHERE u.id = $1`, [actor.userId]);
    if (!user) throw new AppError(401, 'UNAUTHENTICATED');
    return toMe(user);
  }

  async changePassword(actor: Actor, oldPassword: string, newPassword: string): Promise<void> {
    const [user]: UserRow[] = await this.dataSource.query(`SELECT * FROM users WHERE id = $1`, [actor.userId]);
    if (!user || !(await argon2.verify(user.password_hash, oldPassword).catch(() => false))) {
      throw new AppError(400, 'VALIDATION_FAILED', {}, { oldPassword: { vi: 'Mật khẩu hiện tại không đúng', en: 'The current password is wrong' } });
    }
    if (oldPassword === newPassword) {
      throw new AppError(400, 'VALIDATION_FAILED', {}, { newPassword: { vi: 'Mật khẩu mới phải khác mật khẩu cũ', en: 'The new password must differ from the old one' } });
    }
    const hash = await hashPassword(newPassword);
    await this.dataSource.transaction(async (tx) => {
      await tx.query(`UPDATE users SET password_hash = $2, must_change_password = false, updated_at = now() WHERE id = $1`, [actor.userId, hash]);
      // other sessions of this user end; this one stays
      await tx.query(`UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND id <> $2 AND revoked_at IS NULL`, [actor.userId, actor.sessionId]);
      await this.audit.record(tx, actor, { action: 'auth.password_changed', entityType: 'user', entityId: actor.userId, summary: `Đổi mật khẩu: ${actor.username}` });
    });
  }
}
