import { createAdmin } from '../../src/cli/create-admin';
import { call, startTestApp, TestApp } from '../helpers';

describe('create-admin (production install without demo data)', () => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp(); });
  afterAll(async () => { await t.close(); });

  it('creates an administrator who can sign in, must change the password, and is audited', async () => {
    const username = `qtv-${Date.now().toString(36)}`;
    const r = await createAdmin(t.ds, { username, password: 'mat-khau-tam-123', email: null, displayName: 'Quản trị viên' });
    expect(r.inserted).toBe(true);
    const login = await call(t.app, { method: 'POST', url: '/api/auth/login', body: { login: username, password: 'mat-khau-tam-123' } });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ roles: ['admin'], mustChangePassword: true });
    const [audit] = await t.ds.query(`SELECT action FROM audit_events WHERE entity_id = $1`, [r.id]);
    expect(audit.action).toBe('user.admin_created_cli');
  });

  it('run again for an existing username, it resets the password, re-enables the account and keeps its other roles', async () => {
    const username = `qtv2-${Date.now().toString(36)}`;
    const first = await createAdmin(t.ds, { username, password: 'mat-khau-tam-123', email: null, displayName: 'x' });
    await t.ds.query(`UPDATE users SET is_active = false, roles = ARRAY['learner'] WHERE id = $1`, [first.id]);
    const again = await createAdmin(t.ds, { username, password: 'mat-khau-khac-456', email: null, displayName: 'x' });
    expect(again).toEqual({ id: first.id, inserted: false });
    const [u] = await t.ds.query(`SELECT roles, is_active FROM users WHERE id = $1`, [first.id]);
    expect(u.is_active).toBe(true);
    expect([...u.roles].sort()).toEqual(['admin', 'learner']);
    expect((await call(t.app, { method: 'POST', url: '/api/auth/login', body: { login: username, password: 'mat-khau-khac-456' } })).status).toBe(200);
  });
});
