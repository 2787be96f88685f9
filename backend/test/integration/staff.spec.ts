import { randomUUID } from 'node:crypto';
import { call, startTestApp, TestApp } from '../helpers';
import {
  auditFor, createStaff, createUnit, createUser, demoTokens, expectError, ok, rnd, searchStaff, Staff, todayIso, Tokens, Unit, ward,
} from './fixtures';

describe('staff', () => {
  let t: TestApp;
  let tok: Tokens;
  let wardUnit: Unit;

  beforeAll(async () => {
    t = await startTestApp();
    tok = await demoTokens(t.app);
    wardUnit = await ward(t.app, tok.admin);
  });
  afterAll(async () => { await t.close(); });

  const freshUnit = (parentId = wardUnit.id) => createUnit(t.app, tok.admin, parentId);
  const list = async (qs: string, token = tok.manager) => ok(await call(t.app, { url: `/api/staff?${qs}`, token }));

  // ------------------------------------------------------------------ create

  it('creates a person from separate name parts and builds fullName from them', async () => {
    const u = await freshUnit();
    const code = `cb-${rnd()}`;
    const res = await call(t.app, {
      method: 'POST', url: '/api/staff', token: tok.manager,
      body: {
        staffCode: code, familyName: 'Nguyễn', middleName: 'Thị Mỹ', givenName: 'Hạnh', gender: 'female', birthYear: 1985,
        email: `Hanh.${code}@DakBla.example`, unitId: u.id, position: 'Chuyên viên', category: 'civil_servant', dtRole: 'concurrent',
        isLeadership: false, statusSince: '2025-07-01',
      },
    });
    const p = ok(res, 201);
    expect(p).toEqual(expect.objectContaining({
      staffCode: code, familyName: 'Nguyễn', middleName: 'Thị Mỹ', givenName: 'Hạnh', fullName: 'Nguyễn Thị Mỹ Hạnh', gender: 'female',
      birthYear: 1985, email: `hanh.${code}@dakbla.example`, phone: null, unitId: u.id, unitName: u.name, position: 'Chuyên viên',
      category: 'civil_servant', dtRole: 'concurrent', isLeadership: false, communityDigitalTeamId: null, status: 'active',
      leaveKind: null, statusSince: '2025-07-01', note: null, hasAccount: false,
    }));
    expect(new Date(p.createdAt).toISOString()).toBe(p.createdAt);
    expect(ok(await call(t.app, { url: `/api/staff/${p.id}`, token: tok.trainer }))).toEqual(p);
    expect(await auditFor(t.app, tok.admin, p.id, 'staff.created')).toHaveLength(1);
  });

  it('a highland name without a family name ("A Hùng") is stored with an empty family name', async () => {
    const u = await freshUnit();
    const p = await createStaff(t.app, tok.manager, u.id, { familyName: undefined, middleName: 'A', givenName: 'Hùng' });
    expect(p.familyName).toBe('');
    expect(p.middleName).toBe('A');
    expect(p.givenName).toBe('Hùng');
    expect(p.fullName).toBe('A Hùng');
    const p2 = await createStaff(t.app, tok.manager, u.id, { familyName: '', middleName: '', givenName: 'Hùng' });
    expect(p2.fullName).toBe('Hùng');
  });

  it('a two-word Jrai family name with a typographic apostrophe ("Rơ Mah H’Linh") is stored with a plain apostrophe', async () => {
    const u = await freshUnit();
    const p = await createStaff(t.app, tok.manager, u.id, { familyName: 'Rơ Mah', middleName: '', givenName: 'H’Linh' });
    expect(p.familyName).toBe('Rơ Mah');
    expect(p.middleName).toBe('');
    expect(p.givenName).toBe("H'Linh");
    expect(p.fullName).toBe("Rơ Mah H'Linh");
    const found = await searchStaff(t.app, tok.manager, "ro mah h'linh", `&unitId=${u.id}`);
    expect(found.items.map((x) => x.id)).toEqual([p.id]);
  });

  it('an explicit fullName is kept as given', async () => {
    const u = await freshUnit();
    const p = await createStaff(t.app, tok.manager, u.id, { familyName: 'Lê', middleName: 'Văn', givenName: 'Tám', fullName: 'Lê Văn Tám (Tám Lửa)' });
    expect(p.fullName).toBe('Lê Văn Tám (Tám Lửa)');
  });

  it('a phone in international form ("+84 912 345 678") is stored as 0912345678; a legacy 11-digit number is rewritten', async () => {
    const u = await freshUnit();
    const p = await createStaff(t.app, tok.manager, u.id, { phone: '+84 912 345 678' });
    expect(p.phone).toBe('0912345678');
    const q = await createStaff(t.app, tok.manager, u.id, { phone: '0168.123.4567' });
    expect(q.phone).toBe('0381234567');
    const patched = ok(await call(t.app, { method: 'PATCH', url: `/api/staff/${p.id}`, token: tok.manager, body: { phone: '+84 (0)98-765-4321' } }));
    expect(patched.phone).toBe('0987654321');
    const cleared = ok(await call(t.app, { method: 'PATCH', url: `/api/staff/${p.id}`, token: tok.manager, body: { phone: null } }));
    expect(cleared.phone).toBeNull();
  });

  it('a phone that is not a Vietnamese mobile answers 400 naming fields.phone', async () => {
    const u = await freshUnit();
    for (const phone of ['0212345678', '12345', '+1 650 555 0100', '09123456789', 'không có']) {
      const res = await call(t.app, { method: 'POST', url: '/api/staff', token: tok.manager, body: { givenName: 'An', unitId: u.id, category: 'citizen', phone } });
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(Object.keys(res.body.fields)).toEqual(['phone']);
      expect(res.body.fields.phone).toContain('Số điện thoại di động không hợp lệ');
    }
    expect((await list(`unitId=${u.id}`)).total).toBe(0);
  });

  it('an email already used by another person (any letter case) answers 409 EMAIL_TAKEN naming fields.email', async () => {
    const u = await freshUnit();
    const email = `trung.${rnd()}@dakbla.example`;
    await createStaff(t.app, tok.manager, u.id, { email });
    const res = await call(t.app, { method: 'POST', url: '/api/staff', token: tok.manager, body: { givenName: 'Trùng', unitId: u.id, category: 'citizen', email: email.toUpperCase() } });
    expectError(res, 409, 'EMAIL_TAKEN');
    expect(res.body.fields).toEqual({ email: 'Email đã được dùng cho người khác' });
    const other = await createStaff(t.app, tok.manager, u.id);
    const patch = await call(t.app, { method: 'PATCH', url: `/api/staff/${other.id}`, token: tok.manager, body: { email } });
    expectError(patch, 409, 'EMAIL_TAKEN');
  });

  it('a staff code already used (any letter case) answers 409 STAFF_CODE_TAKEN naming fields.staffCode', async () => {
    const u = await freshUnit();
    const code = `CB-${rnd()}`;
    await createStaff(t.app, tok.manager, u.id, { staffCode: code });
    const res = await call(t.app, { method: 'POST', url: '/api/staff', token: tok.manager, body: { givenName: 'Trùng', unitId: u.id, category: 'citizen', staffCode: code.toLowerCase() } });
    expectError(res, 409, 'STAFF_CODE_TAKEN');
    expect(Object.keys(res.body.fields)).toEqual(['staffCode']);
  });

  it('a manager cannot create a person in a unit outside their scope (400 fields.unitId)', async () => {
    const a = await freshUnit();
    const c = await freshUnit();
    const mgr = await createUser(t.app, tok.admin, ['manager'], a.id);
    const res = await call(t.app, { method: 'POST', url: '/api/staff', token: mgr.token, body: { givenName: 'Ngoài', unitId: c.id, category: 'citizen' } });
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(Object.keys(res.body.fields)).toEqual(['unitId']);
    expect((await list(`unitId=${c.id}`, tok.admin)).total).toBe(0);
  });

  // ------------------------------------------------------------------ list order and search

  it('lists people in Vietnamese order: given name (Anh < Ánh < Ăn < Ân < Dũng < Đức), then family, then middle name', async () => {
    const u = await freshUnit();
    const people: [string, string, string][] = [
      ['Trần', 'Văn', 'Đức'], ['Lê', 'Văn', 'Dũng'], ['Phạm', 'Thị', 'Ân'], ['Võ', 'Văn', 'Ăn'], ['Hồ', 'Thị', 'Ánh'],
      ['Trần', 'Thị', 'Anh'], ['Đặng', 'Thị', 'Anh'], ['Đặng', 'Minh', 'Anh'], ['Bùi', 'Văn', 'Anh'], ['', 'Y', 'Ánh'],
    ];
    for (const [familyName, middleName, givenName] of people) await createStaff(t.app, tok.manager, u.id, { familyName, middleName, givenName });
    const res = await list(`unitId=${u.id}&pageSize=50`);
    expect(res.items.map((p: Staff) => p.fullName)).toEqual([
      'Bùi Văn Anh', 'Đặng Minh Anh', 'Đặng Thị Anh', 'Trần Thị Anh', // Anh: family B < Đ < T, then middle M < T
      'Y Ánh', 'Hồ Thị Ánh', // empty family name first
      'Võ Văn Ăn', 'Phạm Thị Ân', 'Lê Văn Dũng', 'Trần Văn Đức',
    ]);
  });

  it('search ignores diacritics, letter case, Unicode normalisation form and word order', async () => {
    const u = await freshUnit();
    const a = await createStaff(t.app, tok.manager, u.id, { familyName: 'Nguyễn', middleName: 'Văn', givenName: 'A' });
    const b = await createStaff(t.app, tok.manager, u.id, { familyName: 'Y', middleName: '', givenName: 'Đăk' });
    await createStaff(t.app, tok.manager, u.id, { familyName: 'Trần', middleName: 'Thị', givenName: 'Bình' });
    const ids = async (q: string) => (await searchStaff(t.app, tok.manager, q, `&unitId=${u.id}`)).items.map((p) => p.id);
    for (const q of ['nguyen van a', 'Nguyễn Văn A', 'NGUYỄN VĂN A', 'NGUYEN VAN A', 'Nguyễn Văn A'.normalize('NFD'), 'a nguyen', '  van   NGUYEN  ', 'nguyễn']) {
      expect([q, await ids(q)]).toEqual([q, [a.id]]);
    }
    for (const q of ['dak', 'Đăk', 'DAK', 'y dak', 'đak']) expect([q, await ids(q)]).toEqual([q, [b.id]]);
    expect(await ids('nguyen binh')).toEqual([]);
    expect(await ids('%')).toEqual([]);
    expect(await ids('_')).toEqual([]);
  });

  it('search also finds a person by staff code and by exact email', async () => {
    const u = await freshUnit();
    const code = `ma-${rnd()}`;
    const email = `tim.${rnd()}@dakbla.example`;
    const p = await createStaff(t.app, tok.manager, u.id, { staffCode: code, email });
    expect((await searchStaff(t.app, tok.manager, code.toUpperCase())).items.map((x) => x.id)).toEqual([p.id]);
    expect((await searchStaff(t.app, tok.manager, email.toUpperCase())).items.map((x) => x.id)).toEqual([p.id]);
  });

  it('a query with diacritics ranks exact matches first ("Tuấn" before "Tuân"); without diacritics the usual order holds', async () => {
    const u = await freshUnit();
    const tuan = await createStaff(t.app, tok.manager, u.id, { familyName: 'Trần', middleName: 'Văn', givenName: 'Tuân' });
    const tuaan = await createStaff(t.app, tok.manager, u.id, { familyName: 'Trần', middleName: 'Văn', givenName: 'Tuấn' });
    const ids = async (q: string) => (await searchStaff(t.app, tok.manager, q, `&unitId=${u.id}`)).items.map((p) => p.id);
    expect(await ids('Tuấn')).toEqual([tuaan.id, tuan.id]);
    expect(await ids('TUẤN')).toEqual([tuaan.id, tuan.id]);
    expect(await ids('tuan')).toEqual([tuan.id, tuaan.id]);
    expect(await ids('Tuân')).toEqual([tuan.id, tuaan.id]);
  });

  it('a query typed in NFD ranks exactly like its NFC form (query strings are NFC-normalised too)', async () => {
    const u = await freshUnit();
    const tuan = await createStaff(t.app, tok.manager, u.id, { familyName: 'Trần', middleName: 'Văn', givenName: 'Tuân' });
    const tuaan = await createStaff(t.app, tok.manager, u.id, { familyName: 'Trần', middleName: 'Văn', givenName: 'Tuấn' });
    const ids = async (q: string) => (await searchStaff(t.app, tok.manager, q, `&unitId=${u.id}`)).items.map((p) => p.id);
    expect(await ids('Tuấn'.normalize('NFD'))).toEqual([tuaan.id, tuan.id]);
  });

  it('filters by category, dtRole and status, and unitId includes the whole sub-tree', async () => {
    const parent = await freshUnit();
    const child = await freshUnit(parent.id);
    const grandChild = await freshUnit(child.id);
    const a = await createStaff(t.app, tok.manager, parent.id, { category: 'cadre', dtRole: 'dedicated' });
    const b = await createStaff(t.app, tok.manager, child.id, { category: 'public_employee', dtRole: 'concurrent' });
    const c = await createStaff(t.app, tok.manager, grandChild.id, { category: 'public_employee', status: 'on_leave', leaveKind: 'long_term_study' });
    const ids = async (qs: string) => (await list(qs)).items.map((p: Staff) => p.id).sort();
    expect(await ids(`unitId=${parent.id}`)).toEqual([a.id, b.id, c.id].sort());
    expect(await ids(`unitId=${child.id}`)).toEqual([b.id, c.id].sort());
    expect(await ids(`unitId=${parent.id}&category=public_employee`)).toEqual([b.id, c.id].sort());
    expect(await ids(`unitId=${parent.id}&dtRole=dedicated`)).toEqual([a.id]);
    expect(await ids(`unitId=${parent.id}&dtRole=none`)).toEqual([c.id]);
    expect(await ids(`unitId=${parent.id}&status=on_leave`)).toEqual([c.id]);
    expect(await ids(`unitId=${parent.id}&status=active&category=public_employee`)).toEqual([b.id]);
    expect(await ids(`unitId=${parent.id}&status=left`)).toEqual([]);
    const bad = await call(t.app, { url: `/api/staff?category=boss`, token: tok.manager });
    expectError(bad, 400, 'VALIDATION_FAILED');
    expect(bad.body.fields.category).toContain('cadre');
  });

  it('pages report total, page and pageSize and walk the whole list without gaps or repeats', async () => {
    const u = await freshUnit();
    for (const g of ['Bảy', 'Ba', 'Hai', 'Một', 'Năm']) await createStaff(t.app, tok.manager, u.id, { givenName: g });
    const all = await list(`unitId=${u.id}`);
    expect(all).toEqual(expect.objectContaining({ total: 5, page: 1, pageSize: 20 }));
    const seen: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const res = await list(`unitId=${u.id}&page=${page}&pageSize=2`);
      expect(res).toEqual(expect.objectContaining({ total: 5, page, pageSize: 2 }));
      expect(res.items).toHaveLength(page < 3 ? 2 : 1);
      seen.push(...res.items.map((p: Staff) => p.id));
    }
    expect(seen).toEqual(all.items.map((p: Staff) => p.id));
    const beyond = await list(`unitId=${u.id}&page=4&pageSize=2`);
    expect(beyond).toEqual({ items: [], total: 5, page: 4, pageSize: 2 });
  });

  // ------------------------------------------------------------------ status and history

  it('setting status on_leave without leaveKind answers 400 naming fields.leaveKind', async () => {
    const u = await freshUnit();
    const p = await createStaff(t.app, tok.manager, u.id);
    const res = await call(t.app, { method: 'PATCH', url: `/api/staff/${p.id}`, token: tok.manager, body: { status: 'on_leave' } });
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(res.body.fields).toEqual({ leaveKind: 'Chọn loại nghỉ' });
    expect(ok(await call(t.app, { url: `/api/staff/${p.id}`, token: tok.manager })).status).toBe('active');
    const created = await call(t.app, { method: 'POST', url: '/api/staff', token: tok.manager, body: { givenName: 'Nghỉ', unitId: u.id, category: 'citizen', status: 'on_leave' } });
    expectError(created, 400, 'VALIDATION_FAILED');
    expect(Object.keys(created.body.fields)).toEqual(['leaveKind']);
  });

  it('a dated status change closes the open history period and opens a new one', async () => {
    const u = await freshUnit();
    const p = await createStaff(t.app, tok.manager, u.id, { statusSince: '2025-01-01' });
    const patched = ok(await call(t.app, {
      method: 'PATCH', url: `/api/staff/${p.id}`, token: tok.manager,
      body: { status: 'on_leave', leaveKind: 'maternity_leave', statusSince: '2025-06-01' },
    }));
    expect(patched).toEqual(expect.objectContaining({ status: 'on_leave', leaveKind: 'maternity_leave', statusSince: '2025-06-01' }));
    const h = ok(await call(t.app, { url: `/api/staff/${p.id}/history`, token: tok.trainer }));
    expect(h.items).toEqual([
      { validFrom: '2025-06-01', validTo: null, unitId: u.id, unitName: u.name, category: 'civil_servant', dtRole: 'none', status: 'on_leave', leaveKind: 'maternity_leave' },
      { validFrom: '2025-01-01', validTo: '2025-06-01', unitId: u.id, unitName: u.name, category: 'civil_servant', dtRole: 'none', status: 'active', leaveKind: null },
    ]);
    // back to work later: leaveKind is cleared, a third period opens
    const back = ok(await call(t.app, { method: 'PATCH', url: `/api/staff/${p.id}`, token: tok.manager, body: { status: 'active', statusSince: '2025-12-01' } }));
    expect(back).toEqual(expect.objectContaining({ status: 'active', leaveKind: null, statusSince: '2025-12-01' }));
    const h2 = ok(await call(t.app, { url: `/api/staff/${p.id}/history`, token: tok.manager }));
    expect(h2.items.map((x: { validFrom: string; validTo: string | null }) => [x.validFrom, x.validTo])).toEqual([
      ['2025-12-01', null], ['2025-06-01', '2025-12-01'], ['2025-01-01', '2025-06-01'],
    ]);
    const ev = await auditFor(t.app, tok.admin, p.id, 'staff.updated');
    expect(ev).toHaveLength(2);
  });

  it('a move to another unit is dated like a status change and shows in the history', async () => {
    const u1 = await freshUnit();
    const u2 = await freshUnit();
    const p = await createStaff(t.app, tok.manager, u1.id, { statusSince: '2025-01-01' });
    const moved = ok(await call(t.app, { method: 'PATCH', url: `/api/staff/${p.id}`, token: tok.manager, body: { unitId: u2.id, statusSince: '2025-09-01' } }));
    expect(moved.unitId).toBe(u2.id);
    expect(moved.unitName).toBe(u2.name);
    const h = ok(await call(t.app, { url: `/api/staff/${p.id}/history`, token: tok.manager }));
    expect(h.items.map((x: { unitId: string; validFrom: string; validTo: string | null }) => [x.unitId, x.validFrom, x.validTo])).toEqual([
      [u2.id, '2025-09-01', null], [u1.id, '2025-01-01', '2025-09-01'],
    ]);
  });

  it('a statusSince before the last change answers 400 naming fields.statusSince and changes nothing', async () => {
    const u = await freshUnit();
    const p = await createStaff(t.app, tok.manager, u.id, { statusSince: '2025-01-01' });
    ok(await call(t.app, { method: 'PATCH', url: `/api/staff/${p.id}`, token: tok.manager, body: { status: 'on_leave', leaveKind: 'other', statusSince: '2025-06-01' } }));
    const res = await call(t.app, { method: 'PATCH', url: `/api/staff/${p.id}`, token: tok.manager, body: { status: 'active', statusSince: '2025-03-01' } });
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(Object.keys(res.body.fields)).toEqual(['statusSince']);
    expect(res.body.fields.statusSince).toContain('2025-06-01');
    const now = ok(await call(t.app, { url: `/api/staff/${p.id}`, token: tok.manager }));
    expect(now).toEqual(expect.objectContaining({ status: 'on_leave', leaveKind: 'other', statusSince: '2025-06-01' }));
    expect(ok(await call(t.app, { url: `/api/staff/${p.id}/history`, token: tok.manager })).items).toHaveLength(2);
  });

  it('editing name parts rebuilds fullName and leaves the history alone', async () => {
    const u = await freshUnit();
    const p = await createStaff(t.app, tok.manager, u.id, { familyName: 'Lê', middleName: 'Thị', givenName: 'Hoa' });
    const res = ok(await call(t.app, { method: 'PATCH', url: `/api/staff/${p.id}`, token: tok.manager, body: { middleName: 'Thị Kim' } }));
    expect(res.fullName).toBe('Lê Thị Kim Hoa');
    expect(ok(await call(t.app, { url: `/api/staff/${p.id}/history`, token: tok.manager })).items).toHaveLength(1);
  });

  it('a status change without statusSince is dated today', async () => {
    const u = await freshUnit();
    const p = await createStaff(t.app, tok.manager, u.id, { statusSince: '2025-01-01' });
    const res = ok(await call(t.app, { method: 'PATCH', url: `/api/staff/${p.id}`, token: tok.manager, body: { status: 'left' } }));
    expect(res.statusSince).toBe(todayIso());
    const h = ok(await call(t.app, { url: `/api/staff/${p.id}/history`, token: tok.manager }));
    expect(h.items[0]).toEqual(expect.objectContaining({ validFrom: todayIso(), validTo: null, status: 'left' }));
    expect(h.items[1]).toEqual(expect.objectContaining({ validFrom: '2025-01-01', validTo: todayIso(), status: 'active' }));
  });

  it('dates stay plain YYYY-MM-DD and do not drift when unrelated fields are edited (also run with TZ=Asia/Ho_Chi_Minh)', async () => {
    // The deployment runs at UTC+7; `TZ=Asia/Ho_Chi_Minh npx jest …` exercises that case (Jest sandboxes process.env, so it cannot be set here).
    const u = await freshUnit();
    const p = await createStaff(t.app, tok.manager, u.id, { statusSince: '2025-07-01' });
    expect(p.statusSince).toBe('2025-07-01');
    expect(ok(await call(t.app, { url: `/api/staff/${p.id}`, token: tok.manager })).statusSince).toBe('2025-07-01');
    // editing an unrelated field must not move the stored date
    ok(await call(t.app, { method: 'PATCH', url: `/api/staff/${p.id}`, token: tok.manager, body: { position: 'Văn thư' } }));
    ok(await call(t.app, { method: 'PATCH', url: `/api/staff/${p.id}`, token: tok.manager, body: { position: 'Thủ quỹ' } }));
    const [row] = await t.ds.query(`SELECT status_since::text AS d FROM staff_members WHERE id = $1`, [p.id]);
    expect(row.d).toBe('2025-07-01');
    ok(await call(t.app, { method: 'PATCH', url: `/api/staff/${p.id}`, token: tok.manager, body: { status: 'left', statusSince: '2025-09-01' } }));
    const h = ok(await call(t.app, { url: `/api/staff/${p.id}/history`, token: tok.manager })).items;
    expect(h.map((x: { validFrom: string; validTo: string | null }) => [x.validFrom, x.validTo])).toEqual([['2025-09-01', null], ['2025-07-01', '2025-09-01']]);
    const unit = ok(await call(t.app, { url: `/api/org-units/${wardUnit.id}`, token: tok.manager }));
    expect(unit.validFrom).toBe('2025-07-01');
  });

  // ------------------------------------------------------------------ access

  it('a manager gets 404 for a person outside their unit subtree (GET, PATCH, history) and never sees them in lists', async () => {
    const a = await freshUnit();
    const c = await freshUnit();
    const mgr = await createUser(t.app, tok.admin, ['manager'], a.id);
    const inside = await createStaff(t.app, tok.admin, a.id, { familyName: 'Phạm', middleName: 'Văn', givenName: `Trong${rnd(2)}` });
    const outside = await createStaff(t.app, tok.admin, c.id, { familyName: 'Phạm', middleName: 'Văn', givenName: `Ngoai${rnd(2)}` });
    expectError(await call(t.app, { url: `/api/staff/${outside.id}`, token: mgr.token }), 404, 'NOT_FOUND');
    expectError(await call(t.app, { method: 'PATCH', url: `/api/staff/${outside.id}`, token: mgr.token, body: { position: 'x' } }), 404, 'NOT_FOUND');
    expectError(await call(t.app, { url: `/api/staff/${outside.id}/history`, token: mgr.token }), 404, 'NOT_FOUND');
    expect(ok(await call(t.app, { url: `/api/staff/${outside.id}`, token: tok.admin })).position).toBeNull();
    expect(ok(await call(t.app, { url: `/api/staff/${inside.id}`, token: mgr.token })).id).toBe(inside.id);
    expect((await list(`unitId=${c.id}`, mgr.token))).toEqual({ items: [], total: 0, page: 1, pageSize: 20 });
    const all = await list('pageSize=200', mgr.token);
    expect(all.items.map((p: Staff) => p.id)).toEqual([inside.id]);
    expect(all.total).toBe(1);
    expect((await searchStaff(t.app, mgr.token, outside.givenName)).total).toBe(0);
  });

  it('a manager cannot move a person of their scope to a unit outside it (400 fields.unitId)', async () => {
    const a = await freshUnit();
    const c = await freshUnit();
    const mgr = await createUser(t.app, tok.admin, ['manager'], a.id);
    const p = await createStaff(t.app, tok.admin, a.id);
    const res = await call(t.app, { method: 'PATCH', url: `/api/staff/${p.id}`, token: mgr.token, body: { unitId: c.id } });
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(Object.keys(res.body.fields)).toEqual(['unitId']);
  });

  it('a trainer can read people but cannot create or change them (403)', async () => {
    const u = await freshUnit();
    const p = await createStaff(t.app, tok.manager, u.id);
    expect(ok(await call(t.app, { url: `/api/staff/${p.id}`, token: tok.trainer })).id).toBe(p.id);
    expectError(await call(t.app, { method: 'PATCH', url: `/api/staff/${p.id}`, token: tok.trainer, body: { position: 'Trưởng phòng' } }), 403, 'FORBIDDEN');
    expectError(await call(t.app, { method: 'POST', url: '/api/staff', token: tok.trainer, body: { givenName: 'An', unitId: u.id, category: 'citizen' } }), 403, 'FORBIDDEN');
    expect(ok(await call(t.app, { url: `/api/staff/${p.id}`, token: tok.manager })).position).toBeNull();
  });

  it('a learner gets 403 on every staff route, and an anonymous caller 401', async () => {
    const u = await freshUnit();
    const p = await createStaff(t.app, tok.manager, u.id);
    for (const req of [
      { url: '/api/staff' }, { url: `/api/staff/${p.id}` }, { url: `/api/staff/${p.id}/history` },
      { method: 'PATCH' as const, url: `/api/staff/${p.id}`, body: { position: 'x' } },
      { method: 'POST' as const, url: '/api/staff', body: { givenName: 'An', unitId: u.id, category: 'citizen' } },
    ]) {
      expectError(await call(t.app, { ...req, token: tok.learner }), 403, 'FORBIDDEN');
      expectError(await call(t.app, req), 401, 'UNAUTHENTICATED');
    }
  });

  it('an unknown person id answers 404', async () => {
    expectError(await call(t.app, { url: `/api/staff/${randomUUID()}`, token: tok.admin }), 404, 'NOT_FOUND');
    expectError(await call(t.app, { method: 'PATCH', url: `/api/staff/${randomUUID()}`, token: tok.admin, body: { position: 'x' } }), 404, 'NOT_FOUND');
    expectError(await call(t.app, { url: `/api/staff/${randomUUID()}/history`, token: tok.admin }), 404, 'NOT_FOUND');
  });
});
