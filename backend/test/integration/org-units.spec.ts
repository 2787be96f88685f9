import { randomUUID } from 'node:crypto';
import { call, startTestApp, TestApp } from '../helpers';
import {
  auditFor, createStaff, createUnit, createUser, demoTokens, expectError, ok, rnd, todayIso, Tokens, Unit, ward,
} from './fixtures';

describe('org units', () => {
  let t: TestApp;
  let tok: Tokens;
  let wardUnit: Unit;

  beforeAll(async () => {
    t = await startTestApp();
    tok = await demoTokens(t.app);
    wardUnit = await ward(t.app, tok.admin);
  });
  afterAll(async () => { await t.close(); });

  /** A fresh unit A under the ward with a child B, a sibling C, and a manager whose scope is A. */
  async function scopedTree() {
    const a = await createUnit(t.app, tok.admin, wardUnit.id);
    const b = await createUnit(t.app, tok.admin, a.id, { type: 'residential_group' });
    const c = await createUnit(t.app, tok.admin, wardUnit.id);
    const mgr = await createUser(t.app, tok.admin, ['manager'], a.id);
    return { a, b, c, mgr };
  }

  it('a manager scoped to a sub-unit lists exactly that sub-unit and its descendants', async () => {
    const { a, b, mgr } = await scopedTree();
    const res = ok(await call(t.app, { url: '/api/org-units', token: mgr.token }));
    expect(res.items.map((u: Unit) => u.id).sort()).toEqual([a.id, b.id].sort());
    expect(res.total).toBe(2);
    expect(res.page).toBe(1);
  });

  it('the demo manager lists the ward subtree and nothing above or beside it', async () => {
    const all = ok(await call(t.app, { url: '/api/org-units', token: tok.admin })).items as Unit[];
    const mine = ok(await call(t.app, { url: '/api/org-units', token: tok.manager })).items as Unit[];
    const byId = new Map(all.map((u) => [u.id, u]));
    const inWard = (u: Unit): boolean => {
      for (let cur: Unit | undefined = u; cur; cur = cur.parentId ? byId.get(cur.parentId) : undefined) if (cur.id === wardUnit.id) return true;
      return false;
    };
    expect(mine.map((u) => u.id)).toContain(wardUnit.id);
    for (const u of mine) expect(inWard(u)).toBe(true);
    const outside = all.filter((u) => !inWard(u));
    expect(outside.length).toBeGreaterThan(0); // e.g. the province and the provincial department
    for (const u of outside) expect(mine.map((m) => m.id)).not.toContain(u.id);
  });

  it('a manager creates a child unit inside their scope (201, full OrgUnit body)', async () => {
    const code = `C-${rnd()}`;
    const res = await call(t.app, {
      method: 'POST', url: '/api/org-units', token: tok.manager,
      body: { code, name: '  Tổ dân phố   thử  ', type: 'residential_group', parentId: wardUnit.id, aliases: ['TDP thử', ' '], validFrom: '2025-07-01' },
    });
    const u = ok(res, 201);
    expect(u).toEqual({
      id: expect.any(String), code, name: 'Tổ dân phố thử', type: 'residential_group', parentId: wardUnit.id,
      aliases: ['TDP thử'], validFrom: expect.stringMatching(/^2025-07-01/), validTo: null, // exact format: see 'dates come back as…'
      external: false, listedInPlan: true, activeStaffCount: 0,
    });
    const got = ok(await call(t.app, { url: `/api/org-units/${u.id}`, token: tok.manager }));
    expect(got).toEqual(u);
    const events = await auditFor(t.app, tok.admin, u.id, 'org_unit.created');
    expect(events).toHaveLength(1);
  });

  it('a duplicate unit code (any letter case) answers 409 UNIT_CODE_TAKEN naming fields.code', async () => {
    const u = await createUnit(t.app, tok.admin, wardUnit.id);
    for (const code of [u.code, u.code.toLowerCase()]) {
      const res = await call(t.app, { method: 'POST', url: '/api/org-units', token: tok.manager, body: { code, name: 'Trùng mã', type: 'specialized_office', parentId: wardUnit.id } });
      expectError(res, 409, 'UNIT_CODE_TAKEN');
      expect(res.body.fields).toEqual({ code: 'Mã đơn vị đã tồn tại' });
    }
    // renaming another unit to the taken code is refused the same way
    const other = await createUnit(t.app, tok.admin, wardUnit.id);
    const res = await call(t.app, { method: 'PATCH', url: `/api/org-units/${other.id}`, token: tok.manager, body: { code: u.code } });
    expectError(res, 409, 'UNIT_CODE_TAKEN');
    expect(res.body.fields.code).toBeTruthy();
  });

  it('an unknown parentId answers 400 naming fields.parentId', async () => {
    const res = await call(t.app, { method: 'POST', url: '/api/org-units', token: tok.admin, body: { code: `X-${rnd()}`, name: 'Mồ côi', type: 'specialized_office', parentId: randomUUID() } });
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(Object.keys(res.body.fields)).toEqual(['parentId']);
  });

  it('a manager cannot create a unit under a parent outside their scope (400 fields.parentId, nothing written)', async () => {
    const { c, mgr } = await scopedTree();
    const code = `O-${rnd()}`;
    const res = await call(t.app, { method: 'POST', url: '/api/org-units', token: mgr.token, body: { code, name: 'Ngoài phạm vi', type: 'specialized_office', parentId: c.id } });
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(Object.keys(res.body.fields)).toEqual(['parentId']);
    const all = ok(await call(t.app, { url: '/api/org-units?includeClosed=true', token: tok.admin })).items as Unit[];
    expect(all.find((u) => u.code === code)).toBeUndefined();
  });

  it('a trainer cannot create or change units (403)', async () => {
    const res = await call(t.app, { method: 'POST', url: '/api/org-units', token: tok.trainer, body: { code: `TR-${rnd()}`, name: 'x', type: 'specialized_office', parentId: wardUnit.id } });
    expectError(res, 403, 'FORBIDDEN');
    const u = await createUnit(t.app, tok.admin, wardUnit.id);
    expectError(await call(t.app, { method: 'PATCH', url: `/api/org-units/${u.id}`, token: tok.trainer, body: { name: 'x' } }), 403, 'FORBIDDEN');
    expectError(await call(t.app, { method: 'POST', url: `/api/org-units/${u.id}/close`, token: tok.trainer, body: { validTo: todayIso() } }), 403, 'FORBIDDEN');
    expectError(await call(t.app, { url: '/api/org-units', token: tok.learner }), 403, 'FORBIDDEN');
  });

  it('renaming keeps the old name in aliases and writes an org_unit.renamed audit event', async () => {
    const u = await createUnit(t.app, tok.admin, wardUnit.id, { name: `Phòng Cũ ${rnd()}`, aliases: ['Phòng C'] });
    const newName = `Phòng Mới ${rnd()}`;
    const res = ok(await call(t.app, { method: 'PATCH', url: `/api/org-units/${u.id}`, token: tok.manager, body: { name: newName } }));
    expect(res.name).toBe(newName);
    expect(res.aliases).toEqual(['Phòng C', u.name]);
    const events = await auditFor(t.app, tok.admin, u.id);
    const renamed = events.filter((e) => e.action === 'org_unit.renamed');
    expect(renamed).toHaveLength(1);
    expect(renamed[0]).toEqual(expect.objectContaining({ entityType: 'org_unit', entityId: u.id, actorUsername: 'manager' }));
    expect(renamed[0].summary).toContain(u.name);
    expect(renamed[0].summary).toContain(newName);
    // a change without a new name is an ordinary update
    ok(await call(t.app, { method: 'PATCH', url: `/api/org-units/${u.id}`, token: tok.manager, body: { listedInPlan: false } }));
    const after = await auditFor(t.app, tok.admin, u.id);
    expect(after.filter((e) => e.action === 'org_unit.renamed')).toHaveLength(1);
    expect(after.filter((e) => e.action === 'org_unit.updated')).toHaveLength(1);
  });

  it('the unit is still found by its old name after a rename (search_text includes the alias)', async () => {
    const old = `Ban Thử Nghiệm ${rnd()}`;
    const u = await createUnit(t.app, tok.admin, wardUnit.id, { name: old });
    ok(await call(t.app, { method: 'PATCH', url: `/api/org-units/${u.id}`, token: tok.admin, body: { name: `Ban Khác ${rnd()}` } }));
    const [row] = await t.ds.query(`SELECT search_text FROM org_units WHERE id = $1`, [u.id]);
    expect(row.search_text).toContain(old.toLowerCase().replace('ử', 'u').replace('ệ', 'e'));
  });

  it('a unit cannot be moved under itself or its own descendant (400 UNIT_CYCLE naming fields.parentId)', async () => {
    const a = await createUnit(t.app, tok.admin, wardUnit.id);
    const b = await createUnit(t.app, tok.admin, a.id);
    const c = await createUnit(t.app, tok.admin, b.id);
    for (const parentId of [b.id, c.id, a.id]) {
      const res = await call(t.app, { method: 'PATCH', url: `/api/org-units/${a.id}`, token: tok.manager, body: { parentId } });
      expectError(res, 400, 'UNIT_CYCLE');
      expect(res.body.fields.parentId).toBe('Không thể chuyển đơn vị vào chính nó hoặc đơn vị cấp dưới của nó');
    }
    const got = ok(await call(t.app, { url: `/api/org-units/${a.id}`, token: tok.admin }));
    expect(got.parentId).toBe(wardUnit.id);
    // moving the other way round is fine
    const moved = ok(await call(t.app, { method: 'PATCH', url: `/api/org-units/${c.id}`, token: tok.manager, body: { parentId: a.id } }));
    expect(moved.parentId).toBe(a.id);
  });

  it('closing answers 409 UNIT_NOT_EMPTY while an active person works there, 200 once they have left', async () => {
    const u = await createUnit(t.app, tok.admin, wardUnit.id);
    const p = await createStaff(t.app, tok.admin, u.id);
    const before = ok(await call(t.app, { url: `/api/org-units/${u.id}`, token: tok.admin }));
    expect(before.activeStaffCount).toBe(1);
    const refused = await call(t.app, { method: 'POST', url: `/api/org-units/${u.id}/close`, token: tok.manager, body: { validTo: todayIso() } });
    expectError(refused, 409, 'UNIT_NOT_EMPTY');
    expect(ok(await call(t.app, { url: `/api/org-units/${u.id}`, token: tok.admin })).validTo).toBeNull();

    ok(await call(t.app, { method: 'PATCH', url: `/api/staff/${p.id}`, token: tok.manager, body: { status: 'left' } }));
    const closed = ok(await call(t.app, { method: 'POST', url: `/api/org-units/${u.id}/close`, token: tok.manager, body: { validTo: todayIso(), reason: 'Sáp nhập' } }));
    expect(String(closed.validTo).slice(0, 10)).toBe(todayIso()); // exact format: see 'dates come back as…'
    expect(closed.activeStaffCount).toBe(0);
    const events = await auditFor(t.app, tok.admin, u.id, 'org_unit.closed');
    expect(events).toHaveLength(1);
    expect(events[0].details).toEqual({ validTo: todayIso(), reason: 'Sáp nhập' });
    expect(refused.body.message).toBe('Không thể giải thể đơn vị còn đơn vị trực thuộc đang hoạt động hoặc còn người đang công tác');
    // closing twice
    expectError(await call(t.app, { method: 'POST', url: `/api/org-units/${u.id}/close`, token: tok.manager, body: { validTo: todayIso() } }), 409, 'UNIT_CLOSED');
  });

  it('closing answers 409 UNIT_NOT_EMPTY while an open sub-unit exists, 200 after the sub-unit is closed', async () => {
    const u = await createUnit(t.app, tok.admin, wardUnit.id);
    const child = await createUnit(t.app, tok.admin, u.id);
    expectError(await call(t.app, { method: 'POST', url: `/api/org-units/${u.id}/close`, token: tok.manager, body: { validTo: todayIso() } }), 409, 'UNIT_NOT_EMPTY');
    ok(await call(t.app, { method: 'POST', url: `/api/org-units/${child.id}/close`, token: tok.manager, body: { validTo: todayIso() } }));
    const closed = ok(await call(t.app, { method: 'POST', url: `/api/org-units/${u.id}/close`, token: tok.manager, body: { validTo: todayIso() } }));
    expect(String(closed.validTo).slice(0, 10)).toBe(todayIso()); // exact format: see 'dates come back as…'
  });

  it('closed units are hidden from the list unless includeClosed=true', async () => {
    const u = await createUnit(t.app, tok.admin, wardUnit.id);
    ok(await call(t.app, { method: 'POST', url: `/api/org-units/${u.id}/close`, token: tok.admin, body: { validTo: todayIso() } }));
    const open = ok(await call(t.app, { url: '/api/org-units', token: tok.manager })).items as Unit[];
    expect(open.map((x) => x.id)).not.toContain(u.id);
    const withClosed = ok(await call(t.app, { url: '/api/org-units?includeClosed=true', token: tok.manager })).items as Unit[];
    expect(String(withClosed.find((x) => x.id === u.id)?.validTo).slice(0, 10)).toBe(todayIso());
    const explicitFalse = ok(await call(t.app, { url: '/api/org-units?includeClosed=false', token: tok.manager })).items as Unit[];
    expect(explicitFalse.map((x) => x.id)).not.toContain(u.id);
    // a closed unit cannot take new sub-units or people
    const sub = await call(t.app, { method: 'POST', url: '/api/org-units', token: tok.admin, body: { code: `S-${rnd()}`, name: 'Con', type: 'specialized_office', parentId: u.id } });
    expectError(sub, 400, 'VALIDATION_FAILED');
    expect(Object.keys(sub.body.fields)).toEqual(['parentId']);
    const person = await call(t.app, { method: 'POST', url: '/api/staff', token: tok.admin, body: { givenName: 'An', unitId: u.id, category: 'citizen' } });
    expectError(person, 400, 'VALIDATION_FAILED');
    expect(Object.keys(person.body.fields)).toEqual(['unitId']);
  });

  it('a closing date before the founding date answers 400 naming fields.validTo', async () => {
    const u = await createUnit(t.app, tok.admin, wardUnit.id, { validFrom: '2025-07-01' });
    const res = await call(t.app, { method: 'POST', url: `/api/org-units/${u.id}/close`, token: tok.admin, body: { validTo: '2025-01-01' } });
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(Object.keys(res.body.fields)).toEqual(['validTo']);
    expect(ok(await call(t.app, { url: `/api/org-units/${u.id}`, token: tok.admin })).validTo).toBeNull();
  });

  it('dates come back as plain YYYY-MM-DD strings', async () => {
    const u = await createUnit(t.app, tok.admin, wardUnit.id, { validFrom: '2025-07-01' });
    expect(u.validFrom).toBe('2025-07-01');
    const listed = (ok(await call(t.app, { url: '/api/org-units', token: tok.admin })).items as Unit[]).find((x) => x.id === u.id);
    expect(listed?.validFrom).toBe('2025-07-01');
    expect(wardUnit.validFrom === null || /^\d{4}-\d{2}-\d{2}$/.test(wardUnit.validFrom)).toBe(true);
  });

  it('moving the founding date of a closed unit after its closing date answers 400 naming fields.validFrom', async () => {
    const u = await createUnit(t.app, tok.admin, wardUnit.id, { validFrom: '2025-07-01' });
    ok(await call(t.app, { method: 'POST', url: `/api/org-units/${u.id}/close`, token: tok.admin, body: { validTo: '2025-08-01' } }));
    const res = await call(t.app, { method: 'PATCH', url: `/api/org-units/${u.id}`, token: tok.admin, body: { validFrom: '2025-09-01' } });
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(Object.keys(res.body.fields)).toEqual(['validFrom']);
  });

  it('a unit outside the caller\'s scope answers 404 for GET, PATCH and close (never 403)', async () => {
    const { c, mgr } = await scopedTree();
    for (const req of [
      { method: 'GET' as const, url: `/api/org-units/${c.id}` },
      { method: 'PATCH' as const, url: `/api/org-units/${c.id}`, body: { name: 'Đổi tên' } },
      { method: 'POST' as const, url: `/api/org-units/${c.id}/close`, body: { validTo: todayIso() } },
    ]) {
      expectError(await call(t.app, { ...req, token: mgr.token }), 404, 'NOT_FOUND');
    }
    // the unit was left untouched
    const got = ok(await call(t.app, { url: `/api/org-units/${c.id}`, token: tok.admin }));
    expect(got.name).toBe(c.name);
    expect(got.validTo).toBeNull();
    // and an id that does not exist at all answers the same
    expectError(await call(t.app, { url: `/api/org-units/${randomUUID()}`, token: tok.admin }), 404, 'NOT_FOUND');
  });

  it('a manager cannot close or move their own scope root (403)', async () => {
    const { a, c, mgr } = await scopedTree();
    const del = await call(t.app, { method: 'POST', url: `/api/org-units/${a.id}/close`, token: mgr.token, body: { validTo: todayIso() } });
    expectError(del, 403, 'FORBIDDEN');
    expectError(await call(t.app, { method: 'POST', url: `/api/org-units/${wardUnit.id}/close`, token: tok.manager, body: { validTo: todayIso() } }), 403, 'FORBIDDEN');
    const move = await call(t.app, { method: 'PATCH', url: `/api/org-units/${a.id}`, token: mgr.token, body: { parentId: c.id } });
    expect([403, 400]).toContain(move.status); // either way the root stays where it is
    expect(ok(await call(t.app, { url: `/api/org-units/${a.id}`, token: tok.admin })).parentId).toBe(wardUnit.id);
    // the manager may still rename their own root
    const renamed = ok(await call(t.app, { method: 'PATCH', url: `/api/org-units/${a.id}`, token: mgr.token, body: { name: `Gốc ${rnd()}` } }));
    expect(renamed.aliases).toContain(a.name);
  });

  it('a manager cannot move a unit of their scope under a unit outside it (400 fields.parentId)', async () => {
    const { b, c, mgr } = await scopedTree();
    const res = await call(t.app, { method: 'PATCH', url: `/api/org-units/${b.id}`, token: mgr.token, body: { parentId: c.id } });
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(Object.keys(res.body.fields)).toEqual(['parentId']);
  });
});
