import { randomUUID } from 'node:crypto';
import { call, startTestApp, TestApp } from '../helpers';
import { createStaff, createUnit, demoTokens, expectError, ok, rnd, Tokens, Unit, ward } from './fixtures';

/** Every answer in this file goes through here: no 500 ever, and every error has the common body. */
describe('bad input', () => {
  let t: TestApp;
  let tok: Tokens;
  let wardUnit: Unit;
  let unit: Unit;
  const seen: { status: number; url: string }[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    tok = await demoTokens(t.app);
    wardUnit = await ward(t.app, tok.admin);
    unit = await createUnit(t.app, tok.admin, wardUnit.id);
  });
  afterAll(async () => { await t.close(); });

  async function req(o: Parameters<typeof call>[1]) {
    const res = await call(t.app, o);
    seen.push({ status: res.status, url: `${o.method ?? 'GET'} ${o.url}` });
    expect([res.status, o.url]).not.toEqual([500, o.url]);
    if (res.status >= 400) {
      expect(res.headers['content-type']).toContain('application/json');
      expectError(res, res.status);
      expect(Object.keys(res.body).sort()).toEqual(expect.arrayContaining(['code', 'message', 'requestId', 'statusCode']));
      for (const k of Object.keys(res.body)) expect(['statusCode', 'code', 'message', 'fields', 'requestId']).toContain(k);
      expect(res.body.requestId).toBe(res.headers['x-request-id']);
    }
    return res;
  }
  const postJson = (url: string, payload: string, headers: Record<string, string> = {}) =>
    req({ method: 'POST', url, token: tok.manager, payload, headers: { 'content-type': 'application/json', ...headers } });
  const newStaff = (extra: Record<string, unknown>) =>
    req({ method: 'POST', url: '/api/staff', token: tok.manager, body: { givenName: 'An', unitId: unit.id, category: 'citizen', ...extra } });

  // ------------------------------------------------------------------ body syntax

  it('a malformed JSON body answers 400 MALFORMED_JSON', async () => {
    for (const payload of ['{"givenName": ', '{givenName: "An"}', "{'a': 1}", '{"a":1}}', '\u0000']) {
      const res = await postJson('/api/staff', payload);
      expectError(res, 400, 'MALFORMED_JSON');
      expect(res.body.message).toBe('Nội dung JSON không đúng cú pháp');
      expect(res.body.fields).toBeUndefined();
    }
    const en = await postJson('/api/staff', '{', { 'accept-language': 'en' });
    expectError(en, 400, 'MALFORMED_JSON');
    expect(en.body.message).toBe('The request body is not valid JSON');
  });

  it('an empty body declared as JSON answers 400 MALFORMED_JSON', async () => {
    expectError(await postJson('/api/org-units', ''), 400, 'MALFORMED_JSON');
  });

  it('a JSON body that is not an object (null, array, string, number) answers 400, never 500', async () => {
    for (const payload of ['null', '[]', '[{"givenName":"An"}]', '"An"', '42', 'true']) {
      const res = await postJson('/api/staff', payload);
      expect([payload, res.status]).toEqual([payload, 400]);
    }
  });

  it('a __proto__ key in the body is refused with 400 and pollutes nothing', async () => {
    const res = await postJson('/api/staff', `{"givenName":"An","unitId":"${unit.id}","category":"citizen","__proto__":{"isAdmin":true}}`);
    expect(res.status).toBe(400);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('a body declared as something other than JSON answers 415', async () => {
    const res = await req({ method: 'POST', url: '/api/staff', token: tok.manager, payload: 'givenName=An', headers: { 'content-type': 'text/csv' } });
    expectError(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
    const xml = await req({ method: 'POST', url: '/api/org-units', token: tok.manager, payload: '<unit/>', headers: { 'content-type': 'application/xml' } });
    expectError(xml, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('a body over 1 MB answers 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await postJson('/api/staff', JSON.stringify({ givenName: 'An', note: 'x'.repeat(1024 * 1024 + 10) }));
    expectError(res, 413, 'PAYLOAD_TOO_LARGE');
    expect(res.body.message).toBe('Dữ liệu gửi lên quá lớn');
  });

  // ------------------------------------------------------------------ body fields

  it('an unknown field answers 400 naming it with "Trường này không được phép"', async () => {
    const res = await newStaff({ salary: 1000 });
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(res.body.message).toBe('Dữ liệu không hợp lệ');
    expect(res.body.fields).toEqual({ salary: 'Trường này không được phép' });
    const unitRes = await req({ method: 'PATCH', url: `/api/org-units/${unit.id}`, token: tok.manager, body: { id: randomUUID() } });
    expectError(unitRes, 400, 'VALIDATION_FAILED');
    expect(unitRes.body.fields).toEqual({ id: 'Trường này không được phép' });
    // derived fields cannot be written either
    const derived = await newStaff({ hasAccount: true, unitName: 'x' });
    expect(derived.body.fields).toEqual({ hasAccount: 'Trường này không được phép', unitName: 'Trường này không được phép' });
  });

  it('wrongly typed fields answer 400 naming each field', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ givenName: 123 }, 'givenName', 'Phải là chuỗi ký tự'],
      [{ givenName: ['An'] }, 'givenName', 'Phải là chuỗi ký tự'],
      [{ givenName: { vi: 'An' } }, 'givenName', 'Phải là chuỗi ký tự'],
      [{ isLeadership: 'true' }, 'isLeadership', 'Phải là true hoặc false'],
      [{ isLeadership: 1 }, 'isLeadership', 'Phải là true hoặc false'],
      [{ birthYear: '1990' }, 'birthYear', 'Phải là số nguyên'],
      [{ birthYear: 1990.5 }, 'birthYear', 'Phải là số nguyên'],
      [{ birthYear: 1800 }, 'birthYear', 'Không được nhỏ hơn 1900'],
      [{ unitId: 5 }, 'unitId', 'Mã định danh không hợp lệ'],
      [{ unitId: 'phong-vh' }, 'unitId', 'Mã định danh không hợp lệ'],
      [{ category: 'boss' }, 'category', 'Giá trị không hợp lệ; cho phép: cadre, civil_servant, public_employee, contract_worker, armed_forces, citizen'],
      [{ statusSince: '2025-02-30' }, 'statusSince', 'Ngày không hợp lệ (định dạng YYYY-MM-DD)'],
      [{ statusSince: '01/07/2025' }, 'statusSince', 'Ngày không hợp lệ (định dạng YYYY-MM-DD)'],
      [{ email: 'khong-phai-email' }, 'email', 'Email không hợp lệ'],
      [{ givenName: 'A'.repeat(81) }, 'givenName', 'Tối đa 80 ký tự'],
      [{ givenName: '   ' }, 'givenName', 'Tối thiểu 1 ký tự'],
    ];
    for (const [extra, field, message] of cases) {
      const res = await newStaff(extra);
      expectError(res, 400, 'VALIDATION_FAILED');
      expect([JSON.stringify(extra), res.body.fields]).toEqual([JSON.stringify(extra), { [field]: message }]);
    }
    const orgWrong = await req({ method: 'POST', url: '/api/org-units', token: tok.manager, body: { code: 7, name: 'x', type: 'ward', parentId: wardUnit.id, aliases: 'TDP' } });
    expectError(orgWrong, 400, 'VALIDATION_FAILED');
    expect(Object.keys(orgWrong.body.fields).sort()).toEqual(['aliases', 'code']);
    expect(orgWrong.body.fields.code).toBe('Phải là chuỗi ký tự');
  });

  it('a string where a list is expected is reported as "must be a list"', async () => {
    const res = await req({ method: 'POST', url: '/api/org-units', token: tok.manager, body: { code: `L-${rnd()}`, name: 'x', type: 'ward', parentId: wardUnit.id, aliases: 'TDP' } });
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(res.body.fields).toEqual({ aliases: 'Phải là danh sách' });
  });

  it('a missing required field answers 400 naming it', async () => {
    const res = await req({ method: 'POST', url: '/api/staff', token: tok.manager, body: {} });
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(Object.keys(res.body.fields).sort()).toEqual(['category', 'givenName', 'unitId']);
  });

  it('Accept-Language: en gives English messages (code, message and fields)', async () => {
    const res = await req({ method: 'POST', url: '/api/staff', token: tok.manager, headers: { 'accept-language': 'en-US,en;q=0.9,vi;q=0.5' }, body: { givenName: 5, unitId: unit.id, category: 'citizen', salary: 1 } });
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(res.body.message).toBe('Invalid data');
    expect(res.body.fields).toEqual({ givenName: 'Must be text', salary: 'This field is not allowed' });
    const nf = await req({ url: `/api/staff/${randomUUID()}`, token: tok.manager, headers: { 'accept-language': 'en' } });
    expectError(nf, 404, 'NOT_FOUND');
    expect(nf.body.message).toBe('Not found');
    const svc = await req({ method: 'POST', url: '/api/staff', token: tok.manager, headers: { 'accept-language': 'en' }, body: { givenName: 'An', unitId: randomUUID(), category: 'citizen' } });
    expectError(svc, 400, 'VALIDATION_FAILED');
    expect(svc.body.fields).toEqual({ unitId: 'Unknown unit or outside your scope' });
    const anon = await req({ url: '/api/staff', headers: { 'accept-language': 'en' } });
    expectError(anon, 401, 'UNAUTHENTICATED');
    expect(anon.body.message).toBe('You are not signed in or your session has expired');
    // an unsupported language falls back to Vietnamese
    const fr = await req({ url: `/api/staff/${randomUUID()}`, token: tok.manager, headers: { 'accept-language': 'fr-FR' } });
    expect(fr.body.message).toBe('Không tìm thấy');
  });

  // ------------------------------------------------------------------ path and query

  it('an invalid UUID in the path answers 400 naming fields.id', async () => {
    for (const url of ['/api/staff/123', '/api/staff/not-a-uuid/history', '/api/org-units/%27%20OR%201=1--', '/api/staff/imports/abc', '/api/staff/imports/abc/rows']) {
      const res = await req({ url, token: tok.admin });
      expectError(res, 400, 'VALIDATION_FAILED');
      expect([url, res.body.fields]).toEqual([url, { id: 'Mã định danh không hợp lệ' }]);
    }
    const patch = await req({ method: 'PATCH', url: '/api/staff/xyz', token: tok.admin, body: { position: 'x' } });
    expect(patch.body.fields).toEqual({ id: 'Mã định danh không hợp lệ' });
  });

  it('paging parameters out of range answer 400 naming the parameter', async () => {
    const cases: [string, string][] = [
      ['pageSize=500', 'pageSize'], ['pageSize=0', 'pageSize'], ['pageSize=abc', 'pageSize'], ['page=0', 'page'],
      ['page=-1', 'page'], ['page=1.5', 'page'], ['page=', 'page'], ['pageSize=1&pageSize=2', 'pageSize'],
    ];
    for (const [qs, field] of cases) {
      const res = await req({ url: `/api/staff?${qs}`, token: tok.manager });
      expectError(res, 400, 'VALIDATION_FAILED');
      expect([qs, Object.keys(res.body.fields)]).toEqual([qs, [field]]);
    }
    expect(ok(await req({ url: '/api/staff?page=1&pageSize=200', token: tok.manager })).pageSize).toBe(200);
    const audit = await req({ url: '/api/audit-events?pageSize=201', token: tok.admin });
    expectError(audit, 400, 'VALIDATION_FAILED');
    expect(Object.keys(audit.body.fields)).toEqual(['pageSize']);
  });

  it('an unknown query parameter answers 400 naming it', async () => {
    for (const url of ['/api/staff?sort=name', '/api/org-units?foo=1', '/api/staff?unitID=x', '/api/audit-events?actor=admin']) {
      const res = await req({ url, token: tok.admin });
      expectError(res, 400, 'VALIDATION_FAILED');
      const name = new URL(url, 'http://x').searchParams.keys().next().value as string;
      expect([url, res.body.fields]).toEqual([url, { [name]: 'Trường này không được phép' }]);
    }
    const closed = await req({ url: '/api/org-units?includeClosed=yes', token: tok.admin });
    expectError(closed, 400, 'VALIDATION_FAILED');
    expect(Object.keys(closed.body.fields)).toEqual(['includeClosed']);
    const longQ = await req({ url: `/api/staff?q=${'a'.repeat(101)}`, token: tok.admin });
    expectError(longQ, 400, 'VALIDATION_FAILED');
    expect(Object.keys(longQ.body.fields)).toEqual(['q']);
  });

  it('a route that does not exist answers a JSON 404 ROUTE_NOT_FOUND in the caller\'s language', async () => {
    for (const [method, url] of [['GET', '/api/nope'], ['POST', '/api/nope'], ['DELETE', `/api/staff/${randomUUID()}`], ['GET', '/api']] as const) {
      const res = await req({ method, url, token: tok.admin });
      expectError(res, 404, 'ROUTE_NOT_FOUND');
      expect([method, url, res.body.message]).toEqual([method, url, 'Không có địa chỉ API này']);
    }
    for (const [method, url] of [['GET', '/api/nope'], ['POST', '/api/nope']] as const) {
      const en = await req({ method, url, token: tok.admin, headers: { 'accept-language': 'en' } });
      expectError(en, 404, 'ROUTE_NOT_FOUND');
      expect([method, url, en.body.message]).toEqual([method, url, 'No such API route']);
    }
  });

  // ------------------------------------------------------------------ text content

  it('SQL metacharacters and emoji in names are stored and returned unchanged', async () => {
    const sql = "O'Brien; DROP TABLE staff_members;--";
    const a = ok(await newStaff({ familyName: '', middleName: '', givenName: sql, position: "'; DELETE FROM users; --", note: 'Robert\'); DROP TABLE org_units;-- 100% _x_' }), 201);
    expect(a.givenName).toBe(sql);
    expect(a.fullName).toBe(sql);
    expect(a.position).toBe("'; DELETE FROM users; --");
    const b = ok(await newStaff({ familyName: 'Hà', middleName: '', givenName: '😀', note: 'Ghi chú 🇻🇳 ñ 中文' }), 201);
    expect(b.fullName).toBe('Hà 😀');
    expect(b.note).toBe('Ghi chú 🇻🇳 ñ 中文');
    for (const p of [a, b]) {
      const got = ok(await req({ url: `/api/staff/${p.id}`, token: tok.manager }));
      expect(got).toEqual(p);
    }
    const found = ok(await req({ url: `/api/staff?q=${encodeURIComponent("o'brien; drop")}&unitId=${unit.id}`, token: tok.manager }));
    expect(found.items.map((x: { id: string }) => x.id)).toEqual([a.id]);
    const pct = ok(await req({ url: `/api/staff?q=${encodeURIComponent('%')}&unitId=${unit.id}`, token: tok.manager }));
    expect(pct.total).toBe(0);
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM staff_members WHERE id = ANY($1::uuid[])`, [[a.id, b.id]]);
    expect(n).toBe(2);
    const u = ok(await req({ method: 'POST', url: '/api/org-units', token: tok.manager, body: { code: `Q'-${rnd()}`, name: "Tổ \"A\"; DROP TABLE org_units;-- 🏠", type: 'residential_group', parentId: wardUnit.id } }), 201);
    expect(u.name).toBe("Tổ \"A\"; DROP TABLE org_units;-- 🏠");
  });

  it('NFD input is stored NFC (in the answer and in the database)', async () => {
    const nfd = 'Nguyễn'.normalize('NFD');
    expect(nfd).not.toBe('Nguyễn'.normalize('NFC'));
    const p = ok(await newStaff({ familyName: nfd, middleName: 'Thị Ánh'.normalize('NFD'), givenName: 'Tuyết'.normalize('NFD'), position: 'Phó Chủ tịch'.normalize('NFD') }), 201);
    expect(p.familyName).toBe('Nguyễn'.normalize('NFC'));
    expect(p.fullName).toBe('Nguyễn Thị Ánh Tuyết'.normalize('NFC'));
    expect(p.position).toBe('Phó Chủ tịch'.normalize('NFC'));
    const [row] = await t.ds.query(
      `SELECT full_name IS NFC NORMALIZED AS full, family_name IS NFC NORMALIZED AS family, given_name IS NFC NORMALIZED AS given,
              position IS NFC NORMALIZED AS pos, full_name = $2 AS same FROM staff_members WHERE id = $1`,
      [p.id, 'Nguyễn Thị Ánh Tuyết'.normalize('NFC')],
    );
    expect(row).toEqual({ full: true, family: true, given: true, pos: true, same: true });
    const u = ok(await req({ method: 'POST', url: '/api/org-units', token: tok.manager, body: { code: `N-${rnd()}`, name: 'Phòng Văn hóa'.normalize('NFD'), type: 'specialized_office', parentId: wardUnit.id, aliases: ['Phòng VHXH'.normalize('NFD')] } }), 201);
    expect(u.name).toBe('Phòng Văn hóa'.normalize('NFC'));
    expect(u.aliases).toEqual(['Phòng VHXH'.normalize('NFC')]);
    const [urow] = await t.ds.query(`SELECT name IS NFC NORMALIZED AS ok FROM org_units WHERE id = $1`, [u.id]);
    expect(urow.ok).toBe(true);
  });

  it('control characters in names answer 400 naming the field', async () => {
    for (const [field, value] of [['givenName', 'An\u0007'], ['familyName', 'Lê\u0000'], ['middleName', '\u001bVăn'], ['givenName', 'Bình\u007f'], ['givenName', 'Hoa\u0085']] as const) {
      const res = await newStaff({ [field]: value });
      expectError(res, 400, 'VALIDATION_FAILED');
      expect([field, JSON.stringify(value), res.body.fields]).toEqual([field, JSON.stringify(value), { [field]: 'Không được chứa ký tự điều khiển' }]);
    }
    const unitRes = await req({ method: 'POST', url: '/api/org-units', token: tok.manager, body: { code: `K-${rnd()}`, name: 'Tổ\u0008 1', type: 'residential_group', parentId: wardUnit.id } });
    expectError(unitRes, 400, 'VALIDATION_FAILED');
    expect(unitRes.body.fields).toEqual({ name: 'Không được chứa ký tự điều khiển' });
    const alias = await req({ method: 'POST', url: '/api/org-units', token: tok.manager, body: { code: `K-${rnd()}`, name: 'Tổ 1', type: 'residential_group', parentId: wardUnit.id, aliases: ['ok', 'x\u0001'] } });
    expectError(alias, 400, 'VALIDATION_FAILED');
    expect(Object.keys(alias.body.fields)).toEqual(['aliases']);
  });

  it('surrounding and repeated whitespace in names is trimmed and collapsed; zero-width characters are dropped', async () => {
    const p = ok(await newStaff({ familyName: '  Trần ', middleName: 'Thị\u00a0\u00a0Thu', givenName: '\u200bHà\ufeff ' }), 201);
    expect(p.familyName).toBe('Trần');
    expect(p.middleName).toBe('Thị Thu');
    expect(p.givenName).toBe('Hà');
    expect(p.fullName).toBe('Trần Thị Thu Hà');
  });

  it('no request in this file answered 500', () => {
    expect(seen.length).toBeGreaterThan(50);
    expect(seen.filter((s) => s.status >= 500)).toEqual([]);
  });

  it('the helper people survive: the staff table still exists after the injection attempts', async () => {
    const p = await createStaff(t.app, tok.manager, unit.id);
    expect(ok(await req({ url: `/api/staff/${p.id}`, token: tok.manager })).id).toBe(p.id);
  });
});
