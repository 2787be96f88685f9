/**
 * Authorization matrix: every route in the OpenAPI document x every role x in-scope / out-of-scope.
 * A route added without an entry here makes this suite fail.
 */
import ExcelJS from 'exceljs';
import { randomBytes } from 'node:crypto';
import { call, login, multipart, startTestApp, TestApp } from '../helpers';

type Role = 'anon' | 'learner' | 'trainer' | 'manager' | 'admin';
const ROLES: Role[] = ['anon', 'learner', 'trainer', 'manager', 'admin'];

interface Req { method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'; url: string; body?: unknown; payload?: Buffer; headers?: Record<string, string> }
interface RouteSpec {
  /** roles allowed past the guard */
  allowed: Role[] | 'public';
  /** request on a record inside the caller's scope (fresh records per call when it mutates) */
  inScope: (role: Role) => Promise<Req>;
  /** request on a record outside the scope of the scoped roles (trainer, manager); admin is unscoped */
  outOfScope?: (role: Role) => Promise<Req>;
  /** status expected out of scope (404: record hidden; 400: a referenced id is refused; 200: filtered list) */
  outStatus?: number;
}

const rnd = () => randomBytes(3).toString('hex');

describe('authorization matrix', () => {
  let t: TestApp;
  const tokens = {} as Record<Role, string | undefined>;
  let wardId: string;
  let unitA: string; // the trainer's and manager's scope
  let unitB: string; // a sibling, outside their scope
  let personA: string;
  let personB: string;
  let adminToken: string;

  const newUnit = async (parentId: string) =>
    (await call(t.app, { method: 'POST', url: '/api/org-units', token: adminToken, body: { code: `M-${rnd()}`, name: `Đơn vị kiểm thử ${rnd()}`, type: 'specialized_office', parentId } })).body.id as string;
  const newPerson = async (unitId: string) =>
    (await call(t.app, { method: 'POST', url: '/api/staff', token: adminToken, body: { familyName: 'Trần', middleName: 'Văn', givenName: `Ma${rnd()}`, unitId, category: 'civil_servant' } })).body.id as string;
  const xlsx = async (unitCode: string) => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Danh sách');
    ws.addRow(['Mã cán bộ', 'Họ', 'Chữ đệm', 'Tên', 'Mã đơn vị', 'Loại cán bộ']);
    ws.addRow([`MX-${rnd()}`, 'Lê', 'Thị', 'Hoa', unitCode, 'Công chức']);
    return Buffer.from(await wb.xlsx.writeBuffer());
  };
  const newImport = async (token: string, unitCode: string) => {
    const m = multipart('ds.xlsx', await xlsx(unitCode));
    const res = await call(t.app, { method: 'POST', url: '/api/staff/imports', token, payload: m.payload, headers: m.headers });
    if (res.status !== 201) throw new Error(`import setup failed ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  let codeA: string;
  let codeB: string;

  beforeAll(async () => {
    t = await startTestApp();
    adminToken = await login(t.app, 'admin');
    const units = await call(t.app, { url: '/api/org-units', token: adminToken });
    wardId = units.body.items.find((u: { code: string }) => u.code === '23302').id;
    unitA = await newUnit(wardId);
    unitB = await newUnit(wardId);
    codeA = (await call(t.app, { url: `/api/org-units/${unitA}`, token: adminToken })).body.code;
    codeB = (await call(t.app, { url: `/api/org-units/${unitB}`, token: adminToken })).body.code;
    personA = await newPerson(unitA);
    personB = await newPerson(unitB);
    for (const role of ['trainer', 'manager'] as const) {
      const username = `${role}-${rnd()}`;
      const res = await call(t.app, { method: 'POST', url: '/api/users', token: adminToken, body: { username, displayName: `Thử ${role}`, password: 'mat-khau-dai-12', roles: [role], scopeUnitId: unitA } });
      expect(res.status).toBe(201);
      tokens[role] = await login(t.app, username, 'mat-khau-dai-12');
    }
    tokens.learner = await login(t.app, 'learner');
    tokens.admin = adminToken;
  });
  afterAll(async () => { await t.close(); });

  const freshToken = async (role: Role) => {
    if (role === 'anon') return undefined;
    if (role === 'learner' || role === 'admin') return login(t.app, role);
    const username = `${role}-${rnd()}`;
    await call(t.app, { method: 'POST', url: '/api/users', token: adminToken, body: { username, displayName: 'x', password: 'mat-khau-dai-12', roles: [role], scopeUnitId: unitA } });
    return login(t.app, username, 'mat-khau-dai-12');
  };

  // ---- courses: records owned by unitA (in scope) and unitB (out of scope), created by the admin
  const once = <T>(f: () => Promise<T>) => { let p: Promise<T> | null = null; return () => (p ??= f()); };
  const newCourse = async (unitId: string, publish = false, extra: Record<string, unknown> = {}) => {
    const c = await call(t.app, { method: 'POST', url: '/api/courses', token: adminToken, body: { code: `C-${rnd()}`, title: `Khóa học ${rnd()}`, ownerUnitId: unitId, targetGroup: 'cbccvc', deliveryMode: 'self_paced', durationHours: 2, ...extra } });
    if (c.status !== 201) throw new Error(`course setup failed ${c.status} ${JSON.stringify(c.body)}`);
    const o = await call(t.app, { method: 'PUT', url: `/api/courses/${c.body.id}/outline`, token: adminToken, body: { sections: [{ title: 'Phần 1', items: [{ type: 'lesson', title: 'Bài 1', bodyHtml: '<p>Nội dung</p>' }] }] } });
    if (publish) await call(t.app, { method: 'POST', url: `/api/courses/${c.body.id}/publish`, token: adminToken });
    return { id: c.body.id as string, itemId: o.body.sections[0].items[0].id as string };
  };
  const courseA = once(() => newCourse(unitA, true));
  const courseB = once(() => newCourse(unitB, true));
  const selfCourse = once(() => newCourse(unitA, true, { selfEnrol: true }));
  const enrolmentIn = async (unitId: string) => {
    const person = await newPerson(unitId);
    const c = await courseA();
    await call(t.app, { method: 'POST', url: `/api/courses/${c.id}/enrolments`, token: adminToken, body: { staffIds: [person] } });
    const list = await call(t.app, { url: `/api/staff/${person}/learning`, token: adminToken });
    return list.body.enrolments[0].id as string;
  };
  const ruleIn = async (courseId: string, unitId: string) =>
    (await call(t.app, { method: 'POST', url: `/api/courses/${courseId}/enrolment-rules`, token: adminToken, body: { unitId, categories: ['armed_forces'] } })).body.id as string;
  /** the caller's linked person (created and linked for accounts without one), enrolled in the self-enrol course */
  const linkedRole = new Map<Role, Promise<void>>();
  const linked = (role: Role) => {
    if (role === 'anon') return Promise.resolve();
    if (!linkedRole.has(role)) {
      linkedRole.set(role, (async () => {
        const me = (await call(t.app, { url: '/api/auth/me', token: tokens[role] })).body;
        let staffId = me.staffId as string | null;
        if (!staffId) {
          staffId = await newPerson(unitA);
          await call(t.app, { method: 'PATCH', url: `/api/users/${me.id}`, token: adminToken, body: { staffId } });
        }
        await call(t.app, { method: 'POST', url: `/api/courses/${(await selfCourse()).id}/enrolments`, token: adminToken, body: { staffIds: [staffId] } });
      })());
    }
    return linkedRole.get(role) as Promise<void>;
  };
  const COURSE_ROLES: Role[] = ['trainer', 'manager', 'admin'];
  const SIGNED_IN: Role[] = ['learner', 'trainer', 'manager', 'admin'];

  const ROUTES: Record<string, RouteSpec> = {
    'GET /api/health': { allowed: 'public', inScope: async () => ({ method: 'GET', url: '/api/health' }) },
    'POST /api/auth/login': { allowed: 'public', inScope: async () => ({ method: 'POST', url: '/api/auth/login', body: { login: 'learner', password: 'demo-password-2026' } }) },
    'POST /api/auth/logout': { allowed: ['learner', 'trainer', 'manager', 'admin'], inScope: async () => ({ method: 'POST', url: '/api/auth/logout' }) },
    'GET /api/auth/me': { allowed: ['learner', 'trainer', 'manager', 'admin'], inScope: async () => ({ method: 'GET', url: '/api/auth/me' }) },
    'POST /api/auth/change-password': {
      allowed: ['learner', 'trainer', 'manager', 'admin'],
      // a wrong old password proves the caller got past the guard without changing anything
      inScope: async () => ({ method: 'POST', url: '/api/auth/change-password', body: { oldPassword: 'not-the-password', newPassword: 'another-password-1' } }),
    },
    'GET /api/users': { allowed: ['admin'], inScope: async () => ({ method: 'GET', url: '/api/users' }) },
    'POST /api/users': { allowed: ['admin'], inScope: async () => ({ method: 'POST', url: '/api/users', body: { username: `u-${rnd()}`, displayName: 'Người dùng', password: 'mat-khau-dai-12', roles: ['learner'] } }) },
    'GET /api/users/{id}': { allowed: ['admin'], inScope: async () => ({ method: 'GET', url: `/api/users/${(await call(t.app, { url: '/api/auth/me', token: tokens.learner })).body.id}` }) },
    'PATCH /api/users/{id}': { allowed: ['admin'], inScope: async () => ({ method: 'PATCH', url: `/api/users/${(await call(t.app, { url: '/api/auth/me', token: tokens.learner })).body.id}`, body: { displayName: 'Học viên demo' } }) },
    'POST /api/users/{id}/reset-password': {
      allowed: ['admin'],
      inScope: async () => {
        const res = await call(t.app, { method: 'POST', url: '/api/users', token: adminToken, body: { username: `r-${rnd()}`, displayName: 'x', password: 'mat-khau-dai-12', roles: ['learner'] } });
        return { method: 'POST', url: `/api/users/${res.body.id}/reset-password`, body: { newPassword: 'mat-khau-moi-123' } };
      },
    },
    'GET /api/org-units': { allowed: ['trainer', 'manager', 'admin'], inScope: async () => ({ method: 'GET', url: '/api/org-units' }) },
    'GET /api/org-units/{id}': {
      allowed: ['trainer', 'manager', 'admin'],
      inScope: async () => ({ method: 'GET', url: `/api/org-units/${unitA}` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/org-units/${unitB}` }), outStatus: 404,
    },
    'POST /api/org-units': {
      allowed: ['manager', 'admin'],
      inScope: async () => ({ method: 'POST', url: '/api/org-units', body: { code: `N-${rnd()}`, name: 'Tổ mới', type: 'residential_group', parentId: unitA } }),
      outOfScope: async () => ({ method: 'POST', url: '/api/org-units', body: { code: `N-${rnd()}`, name: 'Tổ mới', type: 'residential_group', parentId: unitB } }), outStatus: 400,
    },
    'PATCH /api/org-units/{id}': {
      allowed: ['manager', 'admin'],
      inScope: async () => ({ method: 'PATCH', url: `/api/org-units/${await newUnit(unitA)}`, body: { name: `Đổi tên ${rnd()}` } }),
      outOfScope: async () => ({ method: 'PATCH', url: `/api/org-units/${await newUnit(unitB)}`, body: { name: `Đổi tên ${rnd()}` } }), outStatus: 404,
    },
    'POST /api/org-units/{id}/close': {
      allowed: ['manager', 'admin'],
      inScope: async () => ({ method: 'POST', url: `/api/org-units/${await newUnit(unitA)}/close`, body: { validTo: '2026-12-31' } }),
      outOfScope: async () => ({ method: 'POST', url: `/api/org-units/${await newUnit(unitB)}/close`, body: { validTo: '2026-12-31' } }), outStatus: 404,
    },
    'GET /api/staff': {
      allowed: ['trainer', 'manager', 'admin'],
      inScope: async () => ({ method: 'GET', url: `/api/staff?unitId=${unitA}` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/staff?unitId=${unitB}` }), outStatus: 200,
    },
    'POST /api/staff': {
      allowed: ['manager', 'admin'],
      inScope: async () => ({ method: 'POST', url: '/api/staff', body: { givenName: 'Hùng', middleName: 'A', unitId: unitA, category: 'citizen' } }),
      outOfScope: async () => ({ method: 'POST', url: '/api/staff', body: { givenName: 'Hùng', middleName: 'A', unitId: unitB, category: 'citizen' } }), outStatus: 400,
    },
    'GET /api/staff/{id}': {
      allowed: ['trainer', 'manager', 'admin'],
      inScope: async () => ({ method: 'GET', url: `/api/staff/${personA}` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/staff/${personB}` }), outStatus: 404,
    },
    'PATCH /api/staff/{id}': {
      allowed: ['manager', 'admin'],
      inScope: async () => ({ method: 'PATCH', url: `/api/staff/${personA}`, body: { position: `Chuyên viên ${rnd()}` } }),
      outOfScope: async () => ({ method: 'PATCH', url: `/api/staff/${personB}`, body: { position: 'Chuyên viên' } }), outStatus: 404,
    },
    'GET /api/staff/{id}/history': {
      allowed: ['trainer', 'manager', 'admin'],
      inScope: async () => ({ method: 'GET', url: `/api/staff/${personA}/history` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/staff/${personB}/history` }), outStatus: 404,
    },
    'GET /api/staff/imports/template': { allowed: ['manager', 'admin'], inScope: async () => ({ method: 'GET', url: '/api/staff/imports/template' }) },
    'POST /api/staff/imports': {
      allowed: ['manager', 'admin'],
      inScope: async () => { const m = multipart('a.xlsx', await xlsx(codeA)); return { method: 'POST', url: '/api/staff/imports', payload: m.payload, headers: m.headers }; },
    },
    'GET /api/staff/imports/{id}': {
      allowed: ['manager', 'admin'],
      inScope: async (role) => ({ method: 'GET', url: `/api/staff/imports/${await newImport(role === 'admin' ? adminToken : (tokens.manager as string), codeA)}` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/staff/imports/${await newImport(adminToken, codeB)}` }), outStatus: 404,
    },
    'GET /api/staff/imports/{id}/rows': {
      allowed: ['manager', 'admin'],
      inScope: async (role) => ({ method: 'GET', url: `/api/staff/imports/${await newImport(role === 'admin' ? adminToken : (tokens.manager as string), codeA)}/rows` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/staff/imports/${await newImport(adminToken, codeB)}/rows` }), outStatus: 404,
    },
    'POST /api/staff/imports/{id}/commit': {
      allowed: ['manager', 'admin'],
      inScope: async (role) => ({ method: 'POST', url: `/api/staff/imports/${await newImport(role === 'admin' ? adminToken : (tokens.manager as string), codeA)}/commit` }),
      outOfScope: async () => ({ method: 'POST', url: `/api/staff/imports/${await newImport(adminToken, codeB)}/commit` }), outStatus: 404,
    },
    'POST /api/staff/imports/{id}/cancel': {
      allowed: ['manager', 'admin'],
      inScope: async (role) => ({ method: 'POST', url: `/api/staff/imports/${await newImport(role === 'admin' ? adminToken : (tokens.manager as string), codeA)}/cancel` }),
      outOfScope: async () => ({ method: 'POST', url: `/api/staff/imports/${await newImport(adminToken, codeB)}/cancel` }), outStatus: 404,
    },
    'GET /api/audit-events': { allowed: ['admin'], inScope: async () => ({ method: 'GET', url: '/api/audit-events' }) },
    'GET /api/courses': { allowed: COURSE_ROLES, inScope: async () => ({ method: 'GET', url: '/api/courses' }) },
    'POST /api/courses': {
      allowed: COURSE_ROLES,
      inScope: async () => ({ method: 'POST', url: '/api/courses', body: { code: `N-${rnd()}`, title: 'Khóa mới', ownerUnitId: unitA, targetGroup: 'cbccvc', deliveryMode: 'blended', durationHours: 1 } }),
      outOfScope: async () => ({ method: 'POST', url: '/api/courses', body: { code: `N-${rnd()}`, title: 'Khóa mới', ownerUnitId: unitB, targetGroup: 'cbccvc', deliveryMode: 'blended', durationHours: 1 } }), outStatus: 400,
    },
    'GET /api/courses/{id}': {
      allowed: COURSE_ROLES,
      inScope: async () => ({ method: 'GET', url: `/api/courses/${(await courseA()).id}` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/courses/${(await courseB()).id}` }), outStatus: 404,
    },
    'PATCH /api/courses/{id}': {
      allowed: COURSE_ROLES,
      inScope: async () => ({ method: 'PATCH', url: `/api/courses/${(await courseA()).id}`, body: { description: `<p>${rnd()}</p>` } }),
      outOfScope: async () => ({ method: 'PATCH', url: `/api/courses/${(await courseB()).id}`, body: { description: 'x' } }), outStatus: 404,
    },
    'GET /api/courses/{id}/outline': {
      allowed: COURSE_ROLES,
      inScope: async () => ({ method: 'GET', url: `/api/courses/${(await courseA()).id}/outline` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/courses/${(await courseB()).id}/outline` }), outStatus: 404,
    },
    'PUT /api/courses/{id}/outline': {
      allowed: COURSE_ROLES,
      inScope: async () => ({ method: 'PUT', url: `/api/courses/${(await newCourse(unitA)).id}/outline`, body: { sections: [{ title: 'P', items: [{ type: 'lesson', title: 'L' }] }] } }),
      outOfScope: async () => ({ method: 'PUT', url: `/api/courses/${(await newCourse(unitB)).id}/outline`, body: { sections: [] } }), outStatus: 404,
    },
    'POST /api/courses/{id}/publish': {
      allowed: COURSE_ROLES,
      inScope: async () => ({ method: 'POST', url: `/api/courses/${(await newCourse(unitA)).id}/publish` }),
      outOfScope: async () => ({ method: 'POST', url: `/api/courses/${(await newCourse(unitB)).id}/publish` }), outStatus: 404,
    },
    'POST /api/courses/{id}/archive': {
      allowed: COURSE_ROLES,
      inScope: async () => ({ method: 'POST', url: `/api/courses/${(await newCourse(unitA)).id}/archive` }),
      outOfScope: async () => ({ method: 'POST', url: `/api/courses/${(await newCourse(unitB)).id}/archive` }), outStatus: 404,
    },
    'POST /api/courses/{id}/duplicate': {
      allowed: COURSE_ROLES,
      inScope: async () => ({ method: 'POST', url: `/api/courses/${(await courseA()).id}/duplicate`, body: { code: `D-${rnd()}`, title: 'Bản sao' } }),
      outOfScope: async () => ({ method: 'POST', url: `/api/courses/${(await courseB()).id}/duplicate`, body: { code: `D-${rnd()}`, title: 'Bản sao' } }), outStatus: 404,
    },
    'GET /api/courses/{id}/enrolments': {
      allowed: COURSE_ROLES,
      inScope: async () => ({ method: 'GET', url: `/api/courses/${(await courseA()).id}/enrolments` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/courses/${(await courseB()).id}/enrolments` }), outStatus: 404,
    },
    'POST /api/courses/{id}/enrolments': {
      allowed: COURSE_ROLES,
      inScope: async () => ({ method: 'POST', url: `/api/courses/${(await courseA()).id}/enrolments`, body: { staffIds: [personA] } }),
      outOfScope: async () => ({ method: 'POST', url: `/api/courses/${(await courseA()).id}/enrolments`, body: { staffIds: [personB] } }), outStatus: 404,
    },
    'POST /api/enrolments/{id}/withdraw': {
      allowed: COURSE_ROLES,
      inScope: async () => ({ method: 'POST', url: `/api/enrolments/${await enrolmentIn(unitA)}/withdraw`, body: { reason: 'Chuyển công tác' } }),
      outOfScope: async () => ({ method: 'POST', url: `/api/enrolments/${await enrolmentIn(unitB)}/withdraw`, body: { reason: 'Chuyển công tác' } }), outStatus: 404,
    },
    'POST /api/enrolments/{id}/exempt': {
      allowed: COURSE_ROLES,
      inScope: async () => ({ method: 'POST', url: `/api/enrolments/${await enrolmentIn(unitA)}/exempt`, body: { reason: 'Đã học' } }),
      outOfScope: async () => ({ method: 'POST', url: `/api/enrolments/${await enrolmentIn(unitB)}/exempt`, body: { reason: 'Đã học' } }), outStatus: 404,
    },
    'GET /api/courses/{id}/enrolment-rules': {
      allowed: COURSE_ROLES,
      inScope: async () => ({ method: 'GET', url: `/api/courses/${(await courseA()).id}/enrolment-rules` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/courses/${(await courseB()).id}/enrolment-rules` }), outStatus: 404,
    },
    'POST /api/courses/{id}/enrolment-rules': {
      allowed: COURSE_ROLES,
      inScope: async () => ({ method: 'POST', url: `/api/courses/${(await courseA()).id}/enrolment-rules`, body: { unitId: unitA, categories: ['armed_forces'] } }),
      outOfScope: async () => ({ method: 'POST', url: `/api/courses/${(await courseB()).id}/enrolment-rules`, body: { unitId: unitB, categories: ['armed_forces'] } }), outStatus: 404,
    },
    'DELETE /api/enrolment-rules/{id}': {
      allowed: COURSE_ROLES,
      inScope: async () => ({ method: 'DELETE', url: `/api/enrolment-rules/${await ruleIn((await courseA()).id, unitA)}` }),
      outOfScope: async () => ({ method: 'DELETE', url: `/api/enrolment-rules/${await ruleIn((await courseB()).id, unitB)}` }), outStatus: 404,
    },
    'GET /api/courses/{id}/progress': {
      allowed: COURSE_ROLES,
      inScope: async () => ({ method: 'GET', url: `/api/courses/${(await courseA()).id}/progress` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/courses/${(await courseB()).id}/progress` }), outStatus: 404,
    },
    'GET /api/courses/{id}/progress.xlsx': {
      allowed: COURSE_ROLES,
      inScope: async () => ({ method: 'GET', url: `/api/courses/${(await courseA()).id}/progress.xlsx` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/courses/${(await courseB()).id}/progress.xlsx` }), outStatus: 404,
    },
    'GET /api/courses/{id}/progress.csv': {
      allowed: COURSE_ROLES,
      inScope: async () => ({ method: 'GET', url: `/api/courses/${(await courseA()).id}/progress.csv` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/courses/${(await courseB()).id}/progress.csv` }), outStatus: 404,
    },
    'GET /api/staff/{id}/learning': {
      allowed: COURSE_ROLES,
      inScope: async () => ({ method: 'GET', url: `/api/staff/${personA}/learning` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/staff/${personB}/learning` }), outStatus: 404,
    },
    'GET /api/catalogue': { allowed: SIGNED_IN, inScope: async () => ({ method: 'GET', url: '/api/catalogue' }) },
    'POST /api/catalogue/{courseId}/enrol': {
      allowed: SIGNED_IN,
      inScope: async (role) => { await linked(role); return { method: 'POST', url: `/api/catalogue/${(await selfCourse()).id}/enrol`, body: {} }; },
    },
    'GET /api/me/learning': { allowed: SIGNED_IN, inScope: async () => ({ method: 'GET', url: '/api/me/learning' }) },
    'GET /api/me/learning/{courseId}': {
      allowed: SIGNED_IN,
      inScope: async (role) => { await linked(role); return { method: 'GET', url: `/api/me/learning/${(await selfCourse()).id}` }; },
    },
    'POST /api/me/learning/{courseId}/items/{itemId}/progress': {
      allowed: SIGNED_IN,
      inScope: async (role) => {
        await linked(role);
        const c = await selfCourse();
        return { method: 'POST', url: `/api/me/learning/${c.id}/items/${c.itemId}/progress`, body: { event: 'opened' } };
      },
    },
  };

  it('every route of the OpenAPI document has an entry in the matrix, and no entry is stale', async () => {
    const doc = await call(t.app, { url: '/api/docs-json' });
    expect(doc.status).toBe(200);
    const documented: string[] = [];
    for (const [p, ops] of Object.entries(doc.body.paths as Record<string, Record<string, unknown>>)) {
      for (const m of Object.keys(ops)) documented.push(`${m.toUpperCase()} ${p}`);
    }
    expect(documented.sort()).toEqual(Object.keys(ROUTES).sort());
  });

  const expectedFor = (spec: RouteSpec, role: Role): 'ok' | 401 | 403 => {
    if (spec.allowed === 'public') return 'ok';
    if (role === 'anon') return 401;
    return spec.allowed.includes(role) ? 'ok' : 403;
  };

  for (const [route, spec] of Object.entries(ROUTES)) {
    for (const role of ROLES) {
      it(`${route} as ${role}`, async () => {
        // logout ends the session it is called with: give it its own
        const token = route === 'POST /api/auth/logout' ? await freshToken(role) : tokens[role];
        const expected = expectedFor(spec, role);
        const req = await spec.inScope(role);
        const res = await call(t.app, { ...req, token });
        if (expected === 'ok') {
          const okStatus = route === 'POST /api/auth/change-password' ? 400 : undefined;
          if (okStatus) {
            expect(res.status).toBe(okStatus);
            expect(res.body.fields).toHaveProperty('oldPassword');
          } else {
            expect({ status: res.status, body: res.status >= 300 ? res.body : undefined }).toEqual({ status: expect.any(Number), body: undefined });
            expect(res.status).toBeGreaterThanOrEqual(200);
            expect(res.status).toBeLessThan(300);
          }
        } else {
          expect(res.status).toBe(expected);
          expect(res.body.code).toBe(expected === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN');
        }
        if (spec.outOfScope && expected === 'ok' && role !== 'admin' && role !== 'anon') {
          const out = await call(t.app, { ...(await spec.outOfScope(role)), token });
          expect(out.status).toBe(spec.outStatus);
          if (spec.outStatus === 200) expect(out.body.items).toEqual([]);
          if (spec.outStatus === 404) expect(out.body.code).toBe('NOT_FOUND');
        }
        if (spec.outOfScope && role === 'admin') {
          // admins are not scoped: the "out of scope" record is theirs to use
          const out = await call(t.app, { ...(await spec.outOfScope(role)), token });
          expect(out.status).toBeLessThan(300);
        }
      });
    }
  }
});
