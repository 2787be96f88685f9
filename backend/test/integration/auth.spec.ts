import { randomBytes } from 'node:crypto';
import { call, DEMO_PASSWORD, login, startTestApp, TestApp } from '../helpers';

const rnd = () => randomBytes(3).toString('hex');

describe('identity and sessions', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_FAILURES_PER_IP: '20' });
    admin = await login(t.app, 'admin');
  });
  afterAll(async () => { await t.close(); });

  const newUser = async (roles = ['learner']) => {
    const username = `auth-${rnd()}`;
    const res = await call(t.app, { method: 'POST', url: '/api/users', token: admin, body: { username, email: `${username}@dakbla.example`, displayName: 'Nguyễn Thị Hoa', password: 'mat-khau-ban-dau-1', roles } });
    expect(res.status).toBe(201);
    return { username, id: res.body.id as string, password: 'mat-khau-ban-dau-1' };
  };
  // every failing attempt below comes from its own address, so the per-IP counter of one test does not leak into another
  const ip = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

  it('logs in by username or by email (any case), sets an httpOnly SameSite cookie and returns a bearer token', async () => {
    const u = await newUser();
    const byName = await call(t.app, { method: 'POST', url: '/api/auth/login', body: { login: u.username, password: u.password } });
    expect(byName.status).toBe(200);
    expect(byName.body.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(byName.body.user).toMatchObject({ username: u.username, roles: ['learner'], mustChangePassword: true });
    const cookie = String(byName.headers['set-cookie']);
    expect(cookie).toMatch(/^sid=[A-Za-z0-9_-]+;/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    const byEmail = await call(t.app, { method: 'POST', url: '/api/auth/login', body: { login: `${u.username.toUpperCase()}@DAKBLA.EXAMPLE`, password: u.password } });
    expect(byEmail.status).toBe(200);
    // the cookie alone authenticates the SPA
    const sid = cookie.split(';')[0];
    const me = await call(t.app, { url: '/api/auth/me', headers: { cookie: sid } });
    expect(me.status).toBe(200);
    expect(me.body.username).toBe(u.username);
  });

  it('answers one generic message whether the account exists or the password is wrong', async () => {
    const u = await newUser();
    const wrong = await call(t.app, { method: 'POST', url: '/api/auth/login', body: { login: u.username, password: 'sai-mat-khau' }, remoteAddress: ip() });
    const unknown = await call(t.app, { method: 'POST', url: '/api/auth/login', body: { login: `khong-co-${rnd()}`, password: 'sai-mat-khau' }, remoteAddress: ip() });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
    expect(unknown.body.message).toBe(wrong.body.message);
    expect(wrong.body.message).toBe('Tên đăng nhập hoặc mật khẩu không đúng');
  });

  it('after 5 failures for one login name, the 6th attempt answers 429 with Retry-After, even with the right password', async () => {
    const u = await newUser();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await call(t.app, { method: 'POST', url: '/api/auth/login', body: { login: u.username, password: `sai-${i}` }, remoteAddress: ip() })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const sixth = await call(t.app, { method: 'POST', url: '/api/auth/login', body: { login: u.username, password: u.password }, remoteAddress: ip() });
    expect(sixth.status).toBe(429);
    expect(sixth.body.code).toBe('TOO_MANY_ATTEMPTS');
    const retry = Number(sixth.headers['retry-after']);
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(15 * 60);
    expect(sixth.body.message).toContain(String(retry));
  });

  it('throttles unknown login names the same way (the answer reveals nothing)', async () => {
    const name = `nobody-${rnd()}`;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await call(t.app, { method: 'POST', url: '/api/auth/login', body: { login: name, password: 'x' }, remoteAddress: ip() })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('a successful login resets the count for that login name', async () => {
    const u = await newUser();
    for (let i = 0; i < 4; i++) await call(t.app, { method: 'POST', url: '/api/auth/login', body: { login: u.username, password: 'sai' }, remoteAddress: ip() });
    expect((await call(t.app, { method: 'POST', url: '/api/auth/login', body: { login: u.username, password: u.password } })).status).toBe(200);
    for (let i = 0; i < 4; i++) {
      expect((await call(t.app, { method: 'POST', url: '/api/auth/login', body: { login: u.username, password: 'sai' }, remoteAddress: ip() })).status).toBe(401);
    }
  });

  it('one address that fails many times over many names is throttled too', async () => {
    const addr = ip();
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await call(t.app, { method: 'POST', url: '/api/auth/login', body: { login: `spray-${rnd()}`, password: 'x' }, remoteAddress: addr })).status);
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses[20]).toBe(429);
    // another address is not affected
    expect((await call(t.app, { method: 'POST', url: '/api/auth/login', body: { login: 'learner', password: DEMO_PASSWORD }, remoteAddress: ip() })).status).toBe(200);
  });

  it('logout invalidates the session on the server', async () => {
    const token = await login(t.app, 'learner');
    expect((await call(t.app, { url: '/api/auth/me', token })).status).toBe(200);
    expect((await call(t.app, { method: 'POST', url: '/api/auth/logout', token })).status).toBe(204);
    const after = await call(t.app, { url: '/api/auth/me', token });
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('UNAUTHENTICATED');
  });

  it('a forged token, a malformed header and an expired session all answer 401', async () => {
    expect((await call(t.app, { url: '/api/auth/me', token: 'forged-token-' + rnd() })).status).toBe(401);
    expect((await call(t.app, { url: '/api/auth/me', headers: { authorization: 'Basic abc' } })).status).toBe(401);
    expect((await call(t.app, { url: '/api/auth/me', headers: { cookie: 'sid=' + 'x'.repeat(500) } })).status).toBe(401);
    const idle = await login(t.app, 'learner');
    const absolute = await login(t.app, 'learner');
    await t.ds.query(`UPDATE sessions SET last_seen_at = now() - interval '2 hours' WHERE token_hash = sha256($1::bytea)`, [Buffer.from(idle)]);
    await t.ds.query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE token_hash = sha256($1::bytea)`, [Buffer.from(absolute)]);
    expect((await call(t.app, { url: '/api/auth/me', token: idle })).status).toBe(401);
    expect((await call(t.app, { url: '/api/auth/me', token: absolute })).status).toBe(401);
  });

  it('password change needs the old password, ends the other sessions and keeps this one', async () => {
    const u = await newUser();
    const a = await login(t.app, u.username, u.password);
    const b = await login(t.app, u.username, u.password);
    const wrong = await call(t.app, { method: 'POST', url: '/api/auth/change-password', token: a, body: { oldPassword: 'khong-dung', newPassword: 'mat-khau-moi-12345' } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.fields.oldPassword).toBe('Mật khẩu hiện tại không đúng');
    const short = await call(t.app, { method: 'POST', url: '/api/auth/change-password', token: a, body: { oldPassword: u.password, newPassword: 'ngan' } });
    expect(short.status).toBe(400);
    expect(short.body.fields.newPassword).toBe('Tối thiểu 10 ký tự');
    const ok = await call(t.app, { method: 'POST', url: '/api/auth/change-password', token: a, body: { oldPassword: u.password, newPassword: 'mat-khau-moi-12345' } });
    expect(ok.status).toBe(204);
    expect((await call(t.app, { url: '/api/auth/me', token: a })).body.mustChangePassword).toBe(false);
    expect((await call(t.app, { url: '/api/auth/me', token: b })).status).toBe(401);
    await login(t.app, u.username, 'mat-khau-moi-12345');
  });

  it('an admin password reset ends the sessions and requires a change at next login; it is audited', async () => {
    const u = await newUser();
    const s = await login(t.app, u.username, u.password);
    expect((await call(t.app, { method: 'POST', url: `/api/users/${u.id}/reset-password`, token: admin, body: { newPassword: 'dat-lai-mat-khau-1' } })).status).toBe(204);
    expect((await call(t.app, { url: '/api/auth/me', token: s })).status).toBe(401);
    const res = await call(t.app, { method: 'POST', url: '/api/auth/login', body: { login: u.username, password: 'dat-lai-mat-khau-1' } });
    expect(res.body.user.mustChangePassword).toBe(true);
    const audit = await call(t.app, { url: `/api/audit-events?entityId=${u.id}&action=user.password_reset`, token: admin });
    expect(audit.body.total).toBe(1);
  });

  it('a deactivated account cannot sign in and its sessions end; the last admin cannot be demoted', async () => {
    const u = await newUser();
    const s = await login(t.app, u.username, u.password);
    expect((await call(t.app, { method: 'PATCH', url: `/api/users/${u.id}`, token: admin, body: { isActive: false } })).status).toBe(200);
    expect((await call(t.app, { url: '/api/auth/me', token: s })).status).toBe(401);
    expect((await call(t.app, { method: 'POST', url: '/api/auth/login', body: { login: u.username, password: u.password }, remoteAddress: ip() })).status).toBe(401);
    const admins: { id: string }[] = await t.ds.query(`SELECT id FROM users WHERE 'admin' = ANY(roles) AND is_active`);
    if (admins.length === 1) {
      const res = await call(t.app, { method: 'PATCH', url: `/api/users/${admins[0].id}`, token: admin, body: { roles: ['learner'] } });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('LAST_ADMIN');
    }
  });

  it('role changes are audited with the before and after roles; trainers and managers need a scope unit', async () => {
    const u = await newUser();
    const noScope = await call(t.app, { method: 'PATCH', url: `/api/users/${u.id}`, token: admin, body: { roles: ['manager'] } });
    expect(noScope.status).toBe(400);
    expect(noScope.body.fields).toHaveProperty('scopeUnitId');
    const units = await call(t.app, { url: '/api/org-units', token: admin });
    const ward = units.body.items.find((x: { code: string }) => x.code === '23302');
    const ok = await call(t.app, { method: 'PATCH', url: `/api/users/${u.id}`, token: admin, body: { roles: ['manager', 'learner'], scopeUnitId: ward.id } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ roles: ['manager', 'learner'], scopeUnitId: ward.id, scopeUnitName: 'Phường Đăk Bla' });
    const audit = await call(t.app, { url: `/api/audit-events?entityId=${u.id}&action=user.roles_changed`, token: admin });
    expect(audit.body.items[0].details.before.roles).toEqual(['learner']);
  });

  it('usernames and emails are unique (409 naming the field)', async () => {
    const u = await newUser();
    const dup = await call(t.app, { method: 'POST', url: '/api/users', token: admin, body: { username: u.username, displayName: 'x', password: 'mat-khau-dai-12', roles: ['learner'] } });
    expect(dup.status).toBe(409);
    expect(dup.body.fields).toHaveProperty('username');
    const dupMail = await call(t.app, { method: 'POST', url: '/api/users', token: admin, body: { username: `o-${rnd()}`, email: `${u.username}@DAKBLA.example`, displayName: 'x', password: 'mat-khau-dai-12', roles: ['learner'] } });
    expect(dupMail.status).toBe(409);
    expect(dupMail.body.fields).toHaveProperty('email');
    const bad = await call(t.app, { method: 'POST', url: '/api/users', token: admin, body: { username: 'Có Dấu', displayName: 'x', password: 'mat-khau-dai-12', roles: ['root'] } });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fields).sort()).toEqual(['roles', 'username']);
  });

  it('logins and failed logins are in the audit log, which is append-only', async () => {
    const name = `audit-${rnd()}`;
    await call(t.app, { method: 'POST', url: '/api/auth/login', body: { login: name, password: 'x' }, remoteAddress: ip() });
    const res = await call(t.app, { url: '/api/audit-events?action=auth.login_failed&pageSize=50', token: admin });
    expect(res.body.items.some((e: { details: { login: string } }) => e.details.login === name)).toBe(true);
    await expect(t.ds.query(`UPDATE audit_events SET summary = 'x'`)).rejects.toThrow(/append-only/);
    await expect(t.ds.query(`DELETE FROM audit_events`)).rejects.toThrow(/append-only/);
  });
});
