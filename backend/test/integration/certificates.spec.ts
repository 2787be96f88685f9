/**
 * Certificates: issued automatically with every internal course completion (whatever path records it), manually by a
 * manager, revoked and reissued with a reason (audited), verified publicly without login, bulk-downloaded as a ZIP.
 */
import { call, login, startTestApp, TestApp, DEMO_PASSWORD } from '../helpers';
import { auditFor, createStaff, createUser, demoTokens, expectError, ok, rnd, Tokens, ward } from './fixtures';

describe('certificates', () => {
  let t: TestApp;
  let tok: Tokens;
  let wardId: string;
  let courseId: string;

  const newCourse = async (validityMonths: number | null = null) =>
    (await t.ds.query(
      `INSERT INTO courses (code, title, owner_unit_id, target_group, delivery_mode, duration_hours, status, tags, certificate_validity_months)
       VALUES ($1, 'Kỹ năng truyền thông số nâng cao', $2, 'cbccvc', 'self_paced', 12, 'published', '{digital_communication}', $3) RETURNING id`,
      [`GCN-${rnd()}`, wardId, validityMonths],
    ))[0].id as string;
  const complete = async (staffId: string, course: string, at = new Date()) =>
    (await t.ds.query(
      `INSERT INTO completions (staff_id, course_id, course_version, completed_at, hours, rule) VALUES ($1, $2, 1, $3, 12, 'all_required_items') RETURNING id`,
      [staffId, course, at],
    ))[0].id as string;

  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: process.env.TEST_LOG ?? 'silent' });
    tok = await demoTokens(t.app);
    wardId = (await ward(t.app, tok.admin)).id;
    courseId = await newCourse();
  });
  afterAll(async () => t?.close());

  it('a completion issues a certificate with a register number and a public code; the public page shows only name, course and dates', async () => {
    const p = await createStaff(t.app, tok.admin, wardId, { familyName: 'Nguyễn', middleName: 'Thị', givenName: 'Ánh', birthYear: 1990 });
    await complete(p.id, courseId);
    const list = ok(await call(t.app, { url: `/api/certificates?staffId=${p.id}`, token: tok.manager }));
    expect(list.total).toBe(1);
    const c = list.items[0];
    expect(c).toMatchObject({ fullName: 'Nguyễn Thị Ánh', courseTitle: 'Kỹ năng truyền thông số nâng cao', hours: 12, state: 'valid', kind: 'auto' });
    expect(c.registerNo).toMatch(/^\d{4}\/\d{4}\/GCN$/);
    expect(c.code).toMatch(/^[A-Z2-9]{12}$/);
    expect(c.verifyUrl).toMatch(new RegExp(`/verify/${c.code}$`));
    const v = await call(t.app, { url: `/api/verify/${c.code}` });
    expect(v.status).toBe(200);
    expect(Object.keys(v.body).sort()).toEqual(['completedOn', 'courseTitle', 'expiresOn', 'fullName', 'issuerName', 'registerNo', 'state']);
    expect(v.body.state).toBe('valid');
    expect(v.raw.body).not.toContain('1990');
    // lower case works too (typed by hand)
    expect((await call(t.app, { url: `/api/verify/${c.code.toLowerCase()}` })).status).toBe(200);
    // numbers come from one register: two more completions get the next two numbers
    const q = await createStaff(t.app, tok.admin, wardId);
    await complete(q.id, courseId);
    const next = ok(await call(t.app, { url: `/api/certificates?staffId=${q.id}`, token: tok.manager })).items[0];
    const n = (s: string) => Number(s.slice(0, 4));
    expect(n(next.registerNo)).toBeGreaterThan(n(c.registerNo));
  });

  it('a forged or malformed code is a plain not-found; no login needed', async () => {
    const forged = await call(t.app, { url: '/api/verify/ABCDEFGHJKLM' });
    expectError(forged, 404, 'NOT_FOUND');
    expect(Object.keys(forged.body).sort()).toEqual(['code', 'message', 'requestId', 'statusCode']);
    expectError(await call(t.app, { url: '/api/verify/ABC' }), 404);
    expect((await call(t.app, { url: '/api/verify/abc!%3Cscript%3E' })).status).toBeGreaterThanOrEqual(400);
  });

  it('revoke and reissue with a reason, audited; the verification page follows', async () => {
    const p = await createStaff(t.app, tok.admin, wardId);
    await complete(p.id, courseId);
    const c = ok(await call(t.app, { url: `/api/certificates?staffId=${p.id}`, token: tok.manager })).items[0];
    expectError(await call(t.app, { method: 'POST', url: `/api/certificates/${c.id}/revoke`, token: tok.manager, body: {} }), 400);
    expectError(await call(t.app, { method: 'POST', url: `/api/certificates/${c.id}/revoke`, token: tok.trainer, body: { reason: 'Sai tên' } }), 403);
    const r = ok(await call(t.app, { method: 'POST', url: `/api/certificates/${c.id}/revoke`, token: tok.manager, body: { reason: 'Ghi sai họ tên' } }));
    expect(r.state).toBe('revoked');
    expect((await call(t.app, { url: `/api/verify/${c.code}` })).body.state).toBe('revoked');
    expectError(await call(t.app, { method: 'POST', url: `/api/certificates/${c.id}/revoke`, token: tok.manager, body: { reason: 'Lần nữa' } }), 409, 'CERTIFICATE_REVOKED');
    const again = ok(await call(t.app, { method: 'POST', url: `/api/certificates/${c.id}/reissue`, token: tok.manager, body: { reason: 'Đã sửa họ tên' } }), 201);
    expect(again).toMatchObject({ state: 'valid', kind: 'reissue', replacesId: c.id });
    expect(again.code).not.toBe(c.code);
    expect(ok(await call(t.app, { url: `/api/certificates/${c.id}`, token: tok.manager })).replacedById).toBe(again.id);
    expectError(await call(t.app, { method: 'POST', url: `/api/certificates/${c.id}/reissue`, token: tok.manager, body: { reason: 'Lần nữa' } }), 409, 'CERTIFICATE_REPLACED');
    expect(await auditFor(t.app, tok.admin, c.id, 'certificate.revoked')).toHaveLength(1);
    expect(await auditFor(t.app, tok.admin, again.id, 'certificate.reissued')).toHaveLength(1);
  });

  it('a certificate past the course validity is expired; manual issue needs a completion and only one valid per completion', async () => {
    const shortCourse = await newCourse(6);
    const p = await createStaff(t.app, tok.admin, wardId);
    await complete(p.id, shortCourse, new Date(Date.now() - 220 * 86400000));
    const c = ok(await call(t.app, { url: `/api/certificates?staffId=${p.id}`, token: tok.manager })).items[0];
    expect(c.state).toBe('expired');
    expect(c.expiresOn).not.toBeNull();
    expect((await call(t.app, { url: `/api/verify/${c.code}` })).body.state).toBe('expired');

    const other = await createStaff(t.app, tok.admin, wardId);
    expectError(await call(t.app, { method: 'POST', url: '/api/certificates', token: tok.manager, body: { staffId: other.id, courseId } }), 409, 'COURSE_NOT_COMPLETED');
    await complete(other.id, courseId);
    expectError(await call(t.app, { method: 'POST', url: '/api/certificates', token: tok.manager, body: { staffId: other.id, courseId } }), 409, 'CERTIFICATE_EXISTS');
    const first = ok(await call(t.app, { url: `/api/certificates?staffId=${other.id}`, token: tok.manager })).items[0];
    ok(await call(t.app, { method: 'POST', url: `/api/certificates/${first.id}/revoke`, token: tok.manager, body: { reason: 'Cấp nhầm' } }));
    const manual = ok(await call(t.app, { method: 'POST', url: '/api/certificates', token: tok.manager, body: { staffId: other.id, courseId } }), 201);
    expect(manual.kind).toBe('manual');
  });

  it('the learner downloads their own PDF; others are 404; the course ZIP holds every valid certificate in scope', async () => {
    const p = await createStaff(t.app, tok.admin, wardId, { familyName: 'Lê', middleName: 'Văn', givenName: 'Đạt' });
    const user = await createUser(t.app, tok.admin, ['learner'], null);
    ok(await call(t.app, { method: 'PATCH', url: `/api/users/${user.id}`, token: tok.admin, body: { staffId: p.id } }));
    await complete(p.id, courseId);
    const token = await login(t.app, user.username, `${DEMO_PASSWORD}-x`);
    const mine = ok(await call(t.app, { url: '/api/me/certificates', token }));
    expect(mine.items).toHaveLength(1);
    const pdf = await call(t.app, { url: `/api/certificates/${mine.items[0].id}/certificate.pdf`, token });
    expect(pdf.status).toBe(200);
    expect(pdf.raw.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expectError(await call(t.app, { url: `/api/certificates/${mine.items[0].id}/certificate.pdf`, token: tok.learner }), 404);
    expectError(await call(t.app, { url: `/api/certificates/${mine.items[0].id}`, token }), 403);

    const zip = await call(t.app, { url: `/api/courses/${courseId}/certificates.zip`, token: tok.manager });
    expect(zip.status).toBe(200);
    expect(zip.raw.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const valid = ok(await call(t.app, { url: `/api/certificates?courseId=${courseId}&state=valid&pageSize=200`, token: tok.manager })).total;
    expect(Number(zip.headers['x-export-rows'])).toBe(valid);
    expect((zip.raw.rawPayload.toString('latin1').match(/PK\x01\x02/g) ?? []).length).toBe(valid);
    expect(await auditFor(t.app, tok.admin, courseId, 'export.certificates')).toHaveLength(1);
  });
});
