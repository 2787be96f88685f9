import { call, login, startTestApp, TestApp } from '../helpers';

describe('smoke', () => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp(); });
  afterAll(async () => { await t.close(); });

  it('health answers with the database up', async () => {
    const res = await call(t.app, { url: '/api/health' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', database: 'up' });
  });

  it('admin logs in and lists people', async () => {
    const token = await login(t.app, 'admin');
    const res = await call(t.app, { url: '/api/staff?q=nguyen&pageSize=5', token });
    expect(res.status).toBe(200);
    expect(res.body.total).toBeGreaterThan(0);
  });
});
