/**
 * Authorization matrix: every route in the OpenAPI document x every role x in-scope / out-of-scope.
 * A route added without an entry here makes this suite fail.
 */
import ExcelJS from 'exceljs';
import { randomBytes } from 'node:crypto';
import { call, login, multipart, startTestApp, TestApp } from '../helpers';
import { multipartForm, pdf, png } from '../file-samples';

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
  const renewalCourseA = once(() => newCourse(unitA, true, { certificateValidityMonths: 12, renewalLeadDays: 30 }));
  const renewalCourseB = once(() => newCourse(unitB, true, { certificateValidityMonths: 12, renewalLeadDays: 30 }));
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

  const TARGET_ROLES: Role[] = ['manager', 'admin'];
  const targetBody = (unitId: string) => ({
    code: `CT-${rnd()}`, name: 'Chỉ tiêu kiểm thử', unitId, targetShare: 100, startDate: '2025-01-01', deadline: '2030-12-31',
    dtRoles: ['dedicated', 'concurrent'], courseTags: ['digital_communication'],
  });
  const targetIn = async (unitId: string) =>
    (await call(t.app, { method: 'POST', url: '/api/targets', token: adminToken, body: targetBody(unitId) })).body.id as string;
  // ---- course files and external completions (docs/api-courses.md, part 2)
  const form = (fields: Record<string, string | undefined>, file?: { field: string; name: string; content: Buffer }) => {
    const m = multipartForm(fields, file);
    return { payload: m.payload, headers: m.headers };
  };
  const coverPut = (courseId: string): Req => ({ method: 'PUT', url: `/api/courses/${courseId}/cover`, ...form({}, { field: 'file', name: 'bia.png', content: png() }) });
  const withCover = async <T extends { id: string }>(c: T) => { await call(t.app, { ...coverPut(c.id), token: adminToken }); return c; };
  const coveredSelf = once(async () => withCover(await selfCourse()));
  const coveredB = once(async () => withCover(await courseB()));
  const attachmentIn = async (c: { id: string; itemId: string }) => {
    const res = await call(t.app, { method: 'POST', url: `/api/courses/${c.id}/items/${c.itemId}/attachments`, token: adminToken, ...form({}, { field: 'file', name: 'tai-lieu.pdf', content: pdf() }) });
    if (res.status !== 201) throw new Error(`attachment setup failed ${res.status} ${JSON.stringify(res.body)}`);
    return `/api/courses/${c.id}/items/${c.itemId}/attachments/${res.body.id}`;
  };
  const selfAttachment = once(async () => attachmentIn(await selfCourse()));
  const attachmentB = once(async () => attachmentIn(await courseB()));
  const externalForm = (staffId?: string) => form(
    { staffId, source: 'bdhvs', title: `Kỹ năng số cơ bản ${rnd()}`, provider: 'binhdanhocvuso.gov.vn', completedOn: '2025-10-01', hours: '2' },
    { field: 'evidence', name: 'giay-chung-nhan.pdf', content: pdf() },
  );
  const externalFor = async (staffId: string | undefined, token = adminToken) => {
    const res = await call(t.app, { method: 'POST', url: '/api/external-completions', token, ...externalForm(staffId) });
    if (res.status !== 201) throw new Error(`external completion setup failed ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  const codedPersonA = once(async () => {
    const code = `EC-${rnd()}`;
    await call(t.app, { method: 'POST', url: '/api/staff', token: adminToken, body: { staffCode: code, familyName: 'Phan', middleName: 'Văn', givenName: `Ka${rnd()}`, unitId: unitA, category: 'civil_servant' } });
    return code;
  });
  const completionSheet = async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Danh sách');
    ws.addRow(['STT', 'Mã nhân sự hoặc Họ và tên', 'Năm sinh', 'Đơn vị', 'Nguồn', 'Nội dung bồi dưỡng', 'Đơn vị tổ chức', 'Ngày hoàn thành', 'Số giờ', 'Số giấy chứng nhận']);
    ws.addRow([1, await codedPersonA(), null, null, 'bdhvs', `Kỹ năng số ${rnd()}`, 'binhdanhocvuso.gov.vn', '01/10/2025', 3, null]);
    return Buffer.from(await wb.xlsx.writeBuffer());
  };
  const completionImportUpload = async (): Promise<Req> => ({ method: 'POST', url: '/api/external-completions/imports', ...form({}, { field: 'file', name: 'ket-qua.xlsx', content: await completionSheet() }) });
  const newCompletionImport = async (token: string) => {
    const res = await call(t.app, { ...(await completionImportUpload()), token });
    if (res.status !== 201) throw new Error(`completion import setup failed ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  // ---- question bank (docs/api-quizzes.md, "Question bank")
  const QB_ROLES: Role[] = ['trainer', 'manager', 'admin'];
  const newQBank = async (unitId: string) => {
    const b = (await call(t.app, { method: 'POST', url: '/api/question-banks', token: adminToken, body: { name: `Ngân hàng ma trận ${rnd()}`, ownerUnitId: unitId } })).body;
    const cats = (await call(t.app, { url: `/api/question-banks/${b.id}/categories`, token: adminToken })).body.items;
    return { id: b.id as string, name: b.name as string, rootId: cats[0].id as string };
  };
  const qBankA = once(() => newQBank(unitA));
  const qBankB = once(() => newQBank(unitB));
  const questionBody = (categoryId: string) => ({ categoryId, type: 'true_false', title: 'Câu hỏi ma trận', text: '<p>Hà Nội là thủ đô của Việt Nam.</p>', data: { correctAnswer: true } });
  const newQuestion = async (bank: { id: string; rootId: string }) =>
    (await call(t.app, { method: 'POST', url: `/api/question-banks/${bank.id}/questions`, token: adminToken, body: questionBody(bank.rootId) })).body.id as string;
  const questionA = once(async () => newQuestion(await qBankA()));
  const questionB = once(async () => newQuestion(await qBankB()));
  const newQCategory = async (bank: { id: string; rootId: string }) =>
    (await call(t.app, { method: 'POST', url: `/api/question-banks/${bank.id}/categories`, token: adminToken, body: { name: `Danh mục ${rnd()}`, parentId: bank.rootId } })).body.id as string;
  const giftUpload = (bank: { id: string; rootId: string }): Req => ({
    method: 'POST', url: `/api/question-banks/${bank.id}/imports`,
    ...form({ format: 'gift', categoryId: bank.rootId }, { field: 'file', name: 'cau-hoi.gift', content: Buffer.from('::Thủ đô:: Hà Nội là thủ đô của Việt Nam. {T}\n') }),
  });
  const newQImport = async (bank: { id: string; rootId: string }) => {
    const res = await call(t.app, { ...giftUpload(bank), token: adminToken });
    if (res.status !== 201) throw new Error(`question import setup failed ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  // a ward inside unitA: reports are made for a ward, and the scoped roles of the matrix are scoped to unitA
  let wardInA: Promise<string> | null = null;
  const reportWard = () => (wardInA ??= call(t.app, {
    method: 'POST', url: '/api/org-units', token: adminToken, body: { code: `W-${rnd()}`, name: `Phường thử ${rnd()}`, type: 'ward', parentId: unitA },
  }).then((r) => r.body.id as string));
  const reportBody = async (extra: Record<string, unknown> = {}) => ({ unitId: await reportWard(), periodLabel: 'Năm 2026', periodStart: '2025-12-16', cutOff: '2026-06-15', ...extra });
  const reportIn = async (extra: Record<string, unknown> = {}) =>
    (await call(t.app, { method: 'POST', url: '/api/reports', token: adminToken, body: await reportBody(extra) })).body.id as string;
  // ---- attendance: classes owned by unitA (in scope) and unitB (out of scope), created by the admin
  const ATT_ROLES: Role[] = ['trainer', 'manager', 'admin'];
  const attPhone = () => `09${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  const newClassIn = async (unitId: string, extra: Record<string, unknown> = {}) => {
    const res = await call(t.app, { method: 'POST', url: '/api/classes', token: adminToken, body: { code: `LOP-${rnd()}`, title: `Lớp học tập số ${rnd()}`, classType: 'digital_learning_class', ownerUnitId: unitId, ...extra } });
    if (res.status !== 201) throw new Error(`class setup failed ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  const classA = once(() => newClassIn(unitA));
  const classB = once(() => newClassIn(unitB));
  const newSessionIn = async (unitId: string) => {
    const res = await call(t.app, { method: 'POST', url: `/api/classes/${await newClassIn(unitId)}/sessions`, token: adminToken, body: { date: '2031-06-07', startTime: '19:00', endTime: '20:30' } });
    return res.body.id as string;
  };
  const postponedIn = async (unitId: string) => {
    const id = await newSessionIn(unitId);
    await call(t.app, { method: 'POST', url: `/api/sessions/${id}/postpone`, token: adminToken, body: { reason: 'Mưa bão' } });
    return id;
  };
  /** a class with one resident and a session that started a minute ago (its check-in window is open) */
  const liveIn = async (unitId: string) => {
    const classId = await newClassIn(unitId, { checkIn: { deviceCooldownMinutes: 0 } });
    const [s] = await t.ds.query(`INSERT INTO class_sessions (class_id, starts_at, ends_at) VALUES ($1, now() - interval '1 minute', now() + interval '89 minutes') RETURNING id`, [classId]);
    const resident = { fullName: `Người dân ${rnd()}`, phone: attPhone() };
    const r = await call(t.app, { method: 'POST', url: `/api/classes/${classId}/roster`, token: adminToken, body: { residents: [resident] } });
    return { classId, sessionId: s.id as string, rosterId: r.body.added[0].id as string, residentId: r.body.added[0].residentId as string, resident };
  };
  const liveA = once(() => liveIn(unitA));
  const liveB = once(() => liveIn(unitB));
  const screenToken = async (sessionId: string) => (await call(t.app, { url: `/api/sessions/${sessionId}/check-in-screen`, token: adminToken })).body.token as string;
  const markBody = (rosterId: string) => ({ marks: [{ rosterId, status: 'present', markedAt: new Date().toISOString() }] });
  const rosterXlsx = async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Danh sách lớp');
    ws.addRow(['Họ và tên', 'Số điện thoại', 'Năm sinh']);
    ws.addRow(['Nguyễn Thị Lài', attPhone(), 1958]);
    return Buffer.from(await wb.xlsx.writeBuffer());
  };
  const attClass = (method: Req['method'], path: string, body?: unknown, fresh = false): Pick<RouteSpec, 'allowed' | 'inScope' | 'outOfScope' | 'outStatus'> => ({
    allowed: ATT_ROLES,
    inScope: async () => ({ method, url: `/api/classes/${fresh ? await newClassIn(unitA) : await classA()}${path}`, body }),
    outOfScope: async () => ({ method, url: `/api/classes/${fresh ? await newClassIn(unitB) : await classB()}${path}`, body }), outStatus: 404,
  });
  const attSession = (method: Req['method'], path: string, make: (unitId: string) => Promise<string>, body?: unknown): RouteSpec => ({
    allowed: ATT_ROLES,
    inScope: async () => ({ method, url: `/api/sessions/${await make(unitA)}${path}`, body }),
    outOfScope: async () => ({ method, url: `/api/sessions/${await make(unitB)}${path}`, body }), outStatus: 404,
  });
  const liveSession = async (unitId: string) => (unitId === unitA ? await liveA() : await liveB()).sessionId;
  // ---- quizzes and attempts (docs/api-quizzes.md, "Quizzes" and "Attempts"): quizzes owned by unitA / unitB, one question each
  const QUIZ_ROLES: Role[] = ['trainer', 'manager', 'admin'];
  const newQuiz = async (unitId: string, opts: { slots?: boolean; publish?: boolean } = {}) => {
    const res = await call(t.app, { method: 'POST', url: '/api/quizzes', token: adminToken, body: { title: `Bài kiểm tra ma trận ${rnd()}`, ownerUnitId: unitId } });
    if (res.status !== 201) throw new Error(`quiz setup failed ${res.status} ${JSON.stringify(res.body)}`);
    const questionId = unitId === unitA ? await questionA() : await questionB();
    if (opts.slots !== false) await call(t.app, { method: 'PUT', url: `/api/quizzes/${res.body.id}/slots`, token: adminToken, body: { slots: [{ kind: 'fixed', questionId }] } });
    if (opts.publish !== false && opts.slots !== false) await call(t.app, { method: 'POST', url: `/api/quizzes/${res.body.id}/publish`, token: adminToken, body: {} });
    return { id: res.body.id as string, title: res.body.title as string };
  };
  const quizA = once(() => newQuiz(unitA));
  const quizB = once(() => newQuiz(unitB));
  /** an attempt of the caller (the learner's for anon) on a fresh quiz of `unitId`, submitted when asked */
  const attemptOf = async (role: Role, unitId = unitA, submitted = false) => {
    const who: Role = role === 'anon' ? 'learner' : role;
    await linked(who);
    const quiz = await newQuiz(unitId);
    const at = await call(t.app, { method: 'POST', url: `/api/me/quizzes/${quiz.id}/attempts`, token: tokens[who], body: {} });
    if (at.status !== 201) throw new Error(`attempt setup failed ${at.status} ${JSON.stringify(at.body)}`);
    if (submitted) await call(t.app, { method: 'POST', url: `/api/me/attempts/${at.body.id}/submit`, token: tokens[who], body: {} });
    return { id: at.body.id as string, quizId: quiz.id, key: at.body.questions[0].options[0].key as string };
  };
  const overrideIn = async (quiz: { id: string }, unitId: string) => {
    const res = await call(t.app, { method: 'POST', url: `/api/quizzes/${quiz.id}/overrides`, token: adminToken, body: { staffId: await newPerson(unitId), extraMinutes: 5 } });
    return res.body.id as string;
  };
  /** a person of the unit (or the learner's own linked person) who completed course A: with a certificate (issued), or its certificate revoked (issue=false) */
  const certIn = async (unit: string, issued = true) => {
    let staffId: string;
    if (unit === 'own') {
      await linked('learner');
      staffId = (await call(t.app, { url: '/api/auth/me', token: tokens.learner })).body.staffId;
    } else staffId = await newPerson(unit);
    const courseId = (await courseA()).id;
    const [done] = await t.ds.query(
      `INSERT INTO completions (staff_id, course_id, course_version, completed_at, hours, rule) VALUES ($1, $2, 1, now(), 2, 'all_required_items') RETURNING id`,
      [staffId, courseId],
    );
    const [cert] = await t.ds.query(`SELECT id, code FROM certificates WHERE completion_id = $1`, [done.id]);
    if (!issued) await t.ds.query(`UPDATE certificates SET status = 'revoked', revoked_at = now(), revoke_reason = 'x' WHERE id = $1`, [cert.id]);
    return { id: cert.id as string, code: cert.code as string, staffId, courseId };
  };
  const zipCourse = async (unit: string) => {
    const [c] = await t.ds.query(
      `INSERT INTO courses (code, title, owner_unit_id, target_group, delivery_mode, duration_hours, status) VALUES ($1, 'Khóa có giấy chứng nhận', $2, 'cbccvc', 'self_paced', 2, 'published') RETURNING id`,
      [`Z-${rnd()}`, unit],
    );
    await t.ds.query(`INSERT INTO completions (staff_id, course_id, course_version, completed_at, hours, rule) VALUES ($1, $2, 1, now(), 2, 'all_required_items')`, [await newPerson(unit), c.id]);
    return c.id as string;
  };
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
    'POST /api/courses/{id}/renewals': {
      // a course with a re-enrolment lead time (without one the run answers 409); nobody due: { renewed: 0, alreadyRenewed: 0 }
      allowed: COURSE_ROLES,
      inScope: async () => ({ method: 'POST', url: `/api/courses/${(await renewalCourseA()).id}/renewals`, body: {} }),
      outOfScope: async () => ({ method: 'POST', url: `/api/courses/${(await renewalCourseB()).id}/renewals`, body: {} }), outStatus: 404,
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
    // ---- targets (manager, admin; scoped by the target's unit)
    'GET /api/targets': { allowed: TARGET_ROLES, inScope: async () => ({ method: 'GET', url: '/api/targets' }) },
    'POST /api/targets': {
      allowed: TARGET_ROLES,
      inScope: async () => ({ method: 'POST', url: '/api/targets', body: targetBody(unitA) }),
      outOfScope: async () => ({ method: 'POST', url: '/api/targets', body: targetBody(unitB) }), outStatus: 404,
    },
    'GET /api/targets/{id}': {
      allowed: TARGET_ROLES,
      inScope: async () => ({ method: 'GET', url: `/api/targets/${await targetIn(unitA)}` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/targets/${await targetIn(unitB)}` }), outStatus: 404,
    },
    'PATCH /api/targets/{id}': {
      allowed: TARGET_ROLES,
      inScope: async () => ({ method: 'PATCH', url: `/api/targets/${await targetIn(unitA)}`, body: { name: 'Chỉ tiêu đã sửa' } }),
      outOfScope: async () => ({ method: 'PATCH', url: `/api/targets/${await targetIn(unitB)}`, body: { name: 'Chỉ tiêu đã sửa' } }), outStatus: 404,
    },
    ...Object.fromEntries(['summary', 'trend', 'breakdown?by=unit', 'people'].map((p) => [`GET /api/targets/{id}/${p.split('?')[0]}`, {
      allowed: TARGET_ROLES,
      inScope: async () => ({ method: 'GET' as const, url: `/api/targets/${await targetIn(unitA)}/${p}` }),
      outOfScope: async () => ({ method: 'GET' as const, url: `/api/targets/${await targetIn(unitB)}/${p}` }), outStatus: 404,
    }])),
    'POST /api/targets/{id}/enrol': {
      allowed: TARGET_ROLES,
      inScope: async () => ({ method: 'POST', url: `/api/targets/${await targetIn(unitA)}/enrol`, body: { courseId: (await courseA()).id } }),
      outOfScope: async () => ({ method: 'POST', url: `/api/targets/${await targetIn(unitB)}/enrol`, body: { courseId: (await courseB()).id } }), outStatus: 404,
    },
    ...Object.fromEntries(['xlsx', 'csv'].map((f) => [`GET /api/exports/target-people.${f}`, {
      allowed: TARGET_ROLES,
      inScope: async () => ({ method: 'GET' as const, url: `/api/exports/target-people.${f}?targetId=${await targetIn(unitA)}&trained=false` }),
      outOfScope: async () => ({ method: 'GET' as const, url: `/api/exports/target-people.${f}?targetId=${await targetIn(unitB)}` }), outStatus: 404,
    }])),
    ...Object.fromEntries(['xlsx', 'csv'].map((f) => [`GET /api/exports/completions.${f}`, {
      allowed: COURSE_ROLES,
      inScope: async () => ({ method: 'GET' as const, url: `/api/exports/completions.${f}?unitId=${unitA}` }),
      outOfScope: async () => ({ method: 'GET' as const, url: `/api/exports/completions.${f}?unitId=${unitB}` }), outStatus: 404,
    }])),
    // ---- course covers, lesson attachments, reminders, trainer picker
    'PUT /api/courses/{id}/cover': {
      allowed: COURSE_ROLES,
      inScope: async () => coverPut((await courseA()).id),
      outOfScope: async () => coverPut((await courseB()).id), outStatus: 404,
    },
    'DELETE /api/courses/{id}/cover': {
      allowed: COURSE_ROLES,
      inScope: async () => ({ method: 'DELETE', url: `/api/courses/${(await withCover(await newCourse(unitA))).id}/cover` }),
      outOfScope: async () => ({ method: 'DELETE', url: `/api/courses/${(await withCover(await newCourse(unitB))).id}/cover` }), outStatus: 404,
    },
    'GET /api/courses/{id}/cover': {
      allowed: SIGNED_IN, // in scope, enrolled, or in the catalogue
      inScope: async () => ({ method: 'GET', url: `/api/courses/${(await coveredSelf()).id}/cover` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/courses/${(await coveredB()).id}/cover` }), outStatus: 404,
    },
    'POST /api/courses/{id}/items/{itemId}/attachments': {
      allowed: COURSE_ROLES,
      inScope: async () => { const c = await courseA(); return { method: 'POST', url: `/api/courses/${c.id}/items/${c.itemId}/attachments`, ...form({}, { field: 'file', name: 'a.pdf', content: pdf() }) }; },
      outOfScope: async () => { const c = await courseB(); return { method: 'POST', url: `/api/courses/${c.id}/items/${c.itemId}/attachments`, ...form({}, { field: 'file', name: 'a.pdf', content: pdf() }) }; },
      outStatus: 404,
    },
    'DELETE /api/courses/{id}/items/{itemId}/attachments/{attachmentId}': {
      allowed: COURSE_ROLES,
      inScope: async () => ({ method: 'DELETE', url: await attachmentIn(await courseA()) }),
      outOfScope: async () => ({ method: 'DELETE', url: await attachmentIn(await courseB()) }), outStatus: 404,
    },
    'GET /api/courses/{id}/items/{itemId}/attachments/{attachmentId}': {
      allowed: SIGNED_IN, // course staff in scope, or the enrolled learner when the item is unlocked
      inScope: async (role) => { await linked(role); return { method: 'GET', url: await selfAttachment() }; },
      outOfScope: async () => ({ method: 'GET', url: await attachmentB() }), outStatus: 404,
    },
    'GET /api/courses/{id}/reminders': {
      allowed: COURSE_ROLES,
      inScope: async () => ({ method: 'GET', url: `/api/courses/${(await courseA()).id}/reminders` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/courses/${(await courseB()).id}/reminders` }), outStatus: 404,
    },
    'GET /api/courses/{id}/reminders.xlsx': {
      allowed: COURSE_ROLES,
      inScope: async () => ({ method: 'GET', url: `/api/courses/${(await courseA()).id}/reminders.xlsx?withinDays=30` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/courses/${(await courseB()).id}/reminders.xlsx` }), outStatus: 404,
    },
    'GET /api/courses/trainer-options': { allowed: COURSE_ROLES, inScope: async () => ({ method: 'GET', url: '/api/courses/trainer-options?q=th' }) },
    // ---- external completions
    'GET /api/external-completions': {
      allowed: COURSE_ROLES,
      inScope: async () => ({ method: 'GET', url: `/api/external-completions?unitId=${unitA}` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/external-completions?unitId=${unitB}` }), outStatus: 200,
    },
    'POST /api/external-completions': {
      allowed: SIGNED_IN, // a learner for their own linked person; staff for people in scope
      inScope: async (role) => ({ method: 'POST', url: '/api/external-completions', ...externalForm(role === 'learner' ? undefined : personA) }),
      outOfScope: async () => ({ method: 'POST', url: '/api/external-completions', ...externalForm(personB) }), outStatus: 404,
    },
    'GET /api/me/external-completions': { allowed: SIGNED_IN, inScope: async () => ({ method: 'GET', url: '/api/me/external-completions' }) },
    'GET /api/external-completions/{id}/evidence': {
      allowed: SIGNED_IN, // the owner, or staff with the person in scope
      inScope: async (role) => ({ method: 'GET', url: `/api/external-completions/${role === 'learner' ? await externalFor(undefined, tokens.learner as string) : await externalFor(personA)}/evidence` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/external-completions/${await externalFor(personB)}/evidence` }), outStatus: 404,
    },
    'POST /api/external-completions/{id}/approve': {
      allowed: ['manager', 'admin'],
      inScope: async () => ({ method: 'POST', url: `/api/external-completions/${await externalFor(personA)}/approve`, body: {} }),
      outOfScope: async () => ({ method: 'POST', url: `/api/external-completions/${await externalFor(personB)}/approve`, body: {} }), outStatus: 404,
    },
    'POST /api/external-completions/{id}/reject': {
      allowed: ['manager', 'admin'],
      inScope: async () => ({ method: 'POST', url: `/api/external-completions/${await externalFor(personA)}/reject`, body: { note: 'Không đọc được giấy chứng nhận' } }),
      outOfScope: async () => ({ method: 'POST', url: `/api/external-completions/${await externalFor(personB)}/reject`, body: { note: 'Không rõ' } }), outStatus: 404,
    },
    'GET /api/external-completions/template.xlsx': { allowed: COURSE_ROLES, inScope: async () => ({ method: 'GET', url: '/api/external-completions/template.xlsx' }) },
    'POST /api/external-completions/imports': { allowed: ['manager', 'admin'], inScope: completionImportUpload },
    'POST /api/external-completions/imports/{id}/commit': {
      allowed: ['manager', 'admin'], // the user who uploaded it only
      inScope: async (role) => ({ method: 'POST', url: `/api/external-completions/imports/${await newCompletionImport(role === 'admin' ? adminToken : (tokens.manager as string))}/commit`, body: {} }),
      outOfScope: async () => ({ method: 'POST', url: `/api/external-completions/imports/${await newCompletionImport(adminToken)}/commit`, body: {} }), outStatus: 404,
    },
    'POST /api/external-completions/imports/{id}/cancel': {
      allowed: ['manager', 'admin'],
      inScope: async (role) => ({ method: 'POST', url: `/api/external-completions/imports/${await newCompletionImport(role === 'admin' ? adminToken : (tokens.manager as string))}/cancel`, body: {} }),
      outOfScope: async () => ({ method: 'POST', url: `/api/external-completions/imports/${await newCompletionImport(adminToken)}/cancel`, body: {} }), outStatus: 404,
    },
    'GET /api/question-banks': {
      allowed: QB_ROLES,
      inScope: async () => ({ method: 'GET', url: '/api/question-banks' }),
      outOfScope: async () => ({ method: 'GET', url: `/api/question-banks?q=${encodeURIComponent((await qBankB()).name)}` }), outStatus: 200,
    },
    'POST /api/question-banks': {
      allowed: QB_ROLES,
      inScope: async () => ({ method: 'POST', url: '/api/question-banks', body: { name: `Ngân hàng ${rnd()}`, ownerUnitId: unitA } }),
      outOfScope: async () => ({ method: 'POST', url: '/api/question-banks', body: { name: `Ngân hàng ${rnd()}`, ownerUnitId: unitB } }), outStatus: 400,
    },
    'GET /api/question-banks/{id}': {
      allowed: QB_ROLES,
      inScope: async () => ({ method: 'GET', url: `/api/question-banks/${(await qBankA()).id}` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/question-banks/${(await qBankB()).id}` }), outStatus: 404,
    },
    'PATCH /api/question-banks/{id}': {
      allowed: QB_ROLES,
      inScope: async () => ({ method: 'PATCH', url: `/api/question-banks/${(await qBankA()).id}`, body: { description: `Mô tả ${rnd()}` } }),
      outOfScope: async () => ({ method: 'PATCH', url: `/api/question-banks/${(await qBankB()).id}`, body: { description: `Mô tả ${rnd()}` } }), outStatus: 404,
    },
    'DELETE /api/question-banks/{id}': {
      allowed: QB_ROLES,
      inScope: async () => ({ method: 'DELETE', url: `/api/question-banks/${(await newQBank(unitA)).id}` }),
      outOfScope: async () => ({ method: 'DELETE', url: `/api/question-banks/${(await newQBank(unitB)).id}` }), outStatus: 404,
    },
    'GET /api/question-banks/{id}/categories': {
      allowed: QB_ROLES,
      inScope: async () => ({ method: 'GET', url: `/api/question-banks/${(await qBankA()).id}/categories` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/question-banks/${(await qBankB()).id}/categories` }), outStatus: 404,
    },
    'POST /api/question-banks/{id}/categories': {
      allowed: QB_ROLES,
      inScope: async () => ({ method: 'POST', url: `/api/question-banks/${(await qBankA()).id}/categories`, body: { name: `Danh mục ${rnd()}` } }),
      outOfScope: async () => ({ method: 'POST', url: `/api/question-banks/${(await qBankB()).id}/categories`, body: { name: `Danh mục ${rnd()}` } }), outStatus: 404,
    },
    'PATCH /api/question-categories/{id}': {
      allowed: QB_ROLES,
      inScope: async () => ({ method: 'PATCH', url: `/api/question-categories/${await newQCategory(await qBankA())}`, body: { name: `Đổi tên ${rnd()}` } }),
      outOfScope: async () => ({ method: 'PATCH', url: `/api/question-categories/${await newQCategory(await qBankB())}`, body: { name: `Đổi tên ${rnd()}` } }), outStatus: 404,
    },
    'DELETE /api/question-categories/{id}': {
      allowed: QB_ROLES,
      inScope: async () => ({ method: 'DELETE', url: `/api/question-categories/${await newQCategory(await qBankA())}` }),
      outOfScope: async () => ({ method: 'DELETE', url: `/api/question-categories/${await newQCategory(await qBankB())}` }), outStatus: 404,
    },
    'GET /api/question-banks/{id}/export': {
      allowed: QB_ROLES,
      inScope: async () => ({ method: 'GET', url: `/api/question-banks/${(await qBankA()).id}/export?format=gift` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/question-banks/${(await qBankB()).id}/export?format=xlsx` }), outStatus: 404,
    },
    'GET /api/question-banks/{id}/questions': {
      allowed: QB_ROLES,
      inScope: async () => ({ method: 'GET', url: `/api/question-banks/${(await qBankA()).id}/questions` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/question-banks/${(await qBankB()).id}/questions` }), outStatus: 404,
    },
    'POST /api/question-banks/{id}/questions': {
      allowed: QB_ROLES,
      inScope: async () => { const b = await qBankA(); return { method: 'POST', url: `/api/question-banks/${b.id}/questions`, body: questionBody(b.rootId) }; },
      outOfScope: async () => { const b = await qBankB(); return { method: 'POST', url: `/api/question-banks/${b.id}/questions`, body: questionBody(b.rootId) }; }, outStatus: 404,
    },
    'GET /api/questions/{id}': {
      allowed: QB_ROLES,
      inScope: async () => ({ method: 'GET', url: `/api/questions/${await questionA()}` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/questions/${await questionB()}` }), outStatus: 404,
    },
    'PUT /api/questions/{id}': {
      allowed: QB_ROLES,
      inScope: async () => ({ method: 'PUT', url: `/api/questions/${await questionA()}`, body: questionBody((await qBankA()).rootId) }),
      outOfScope: async () => ({ method: 'PUT', url: `/api/questions/${await questionB()}`, body: questionBody((await qBankB()).rootId) }), outStatus: 404,
    },
    'DELETE /api/questions/{id}': {
      allowed: QB_ROLES,
      inScope: async () => ({ method: 'DELETE', url: `/api/questions/${await newQuestion(await qBankA())}` }),
      outOfScope: async () => ({ method: 'DELETE', url: `/api/questions/${await newQuestion(await qBankB())}` }), outStatus: 404,
    },
    'GET /api/questions/{id}/versions': {
      allowed: QB_ROLES,
      inScope: async () => ({ method: 'GET', url: `/api/questions/${await questionA()}/versions` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/questions/${await questionB()}/versions` }), outStatus: 404,
    },
    'GET /api/questions/{id}/versions/{version}': {
      allowed: QB_ROLES,
      inScope: async () => ({ method: 'GET', url: `/api/questions/${await questionA()}/versions/1` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/questions/${await questionB()}/versions/1` }), outStatus: 404,
    },
    'GET /api/questions/{id}/preview': {
      allowed: QB_ROLES,
      inScope: async () => ({ method: 'GET', url: `/api/questions/${await questionA()}/preview` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/questions/${await questionB()}/preview` }), outStatus: 404,
    },
    'GET /api/question-imports/template.xlsx': { allowed: QB_ROLES, inScope: async () => ({ method: 'GET', url: '/api/question-imports/template.xlsx' }) },
    'POST /api/question-banks/{id}/imports': {
      allowed: QB_ROLES,
      inScope: async () => giftUpload(await qBankA()),
      outOfScope: async () => giftUpload(await qBankB()), outStatus: 404,
    },
    'GET /api/question-imports/{id}': {
      allowed: QB_ROLES,
      inScope: async () => ({ method: 'GET', url: `/api/question-imports/${await newQImport(await qBankA())}` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/question-imports/${await newQImport(await qBankB())}` }), outStatus: 404,
    },
    'POST /api/question-imports/{id}/commit': {
      allowed: QB_ROLES,
      inScope: async () => ({ method: 'POST', url: `/api/question-imports/${await newQImport(await qBankA())}/commit`, body: {} }),
      outOfScope: async () => ({ method: 'POST', url: `/api/question-imports/${await newQImport(await qBankB())}/commit`, body: {} }), outStatus: 404,
    },
    'POST /api/question-imports/{id}/cancel': {
      allowed: QB_ROLES,
      inScope: async () => ({ method: 'POST', url: `/api/question-imports/${await newQImport(await qBankA())}/cancel`, body: {} }),
      outOfScope: async () => ({ method: 'POST', url: `/api/question-imports/${await newQImport(await qBankB())}/cancel`, body: {} }), outStatus: 404,
    },
    // ---- semi-annual reports (scoped by the reporting ward: unitB's scoped users do not see the ward's reports)
    'GET /api/report-periods': { allowed: TARGET_ROLES, inScope: async () => ({ method: 'GET', url: '/api/report-periods' }) },
    'GET /api/reports': { allowed: TARGET_ROLES, inScope: async () => ({ method: 'GET', url: '/api/reports' }) },
    'POST /api/reports': {
      allowed: TARGET_ROLES,
      inScope: async () => ({ method: 'POST', url: '/api/reports', body: await reportBody() }),
      outOfScope: async () => ({ method: 'POST', url: '/api/reports', body: { ...(await reportBody()), unitId: wardId } }), outStatus: 404,
    },
    'GET /api/reports/{id}': {
      allowed: TARGET_ROLES, inScope: async () => ({ method: 'GET', url: `/api/reports/${await reportIn()}` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/reports/${await reportIn({ unitId: wardId })}` }), outStatus: 404,
    },
    'PATCH /api/reports/{id}': {
      allowed: TARGET_ROLES, inScope: async () => ({ method: 'PATCH', url: `/api/reports/${await reportIn()}`, body: { signerName: 'Nguyễn Văn An' } }),
    },
    'POST /api/reports/{id}/submit': {
      allowed: TARGET_ROLES, inScope: async () => ({ method: 'POST', url: `/api/reports/${await reportIn({ docNumber: '1/BC-UBND' })}/submit`, body: {} }),
    },
    'POST /api/reports/{id}/revise': {
      allowed: TARGET_ROLES,
      inScope: async () => {
        const id = await reportIn({ docNumber: '2/BC-UBND' });
        await call(t.app, { method: 'POST', url: `/api/reports/${id}/submit`, token: adminToken, body: {} });
        return { method: 'POST', url: `/api/reports/${id}/revise`, body: {} };
      },
    },
    'GET /api/reports/{id}/report.pdf': { allowed: TARGET_ROLES, inScope: async () => ({ method: 'GET', url: `/api/reports/${await reportIn()}/report.pdf` }) },
    'GET /api/reports/{id}/report.xlsx': { allowed: TARGET_ROLES, inScope: async () => ({ method: 'GET', url: `/api/reports/${await reportIn()}/report.xlsx` }) },
    // ---- certificates (scoped by the holder's unit; the public verification needs no login)
    'GET /api/certificates': {
      allowed: COURSE_ROLES, inScope: async () => ({ method: 'GET', url: `/api/certificates?staffId=${(await certIn(unitA)).staffId}` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/certificates?staffId=${(await certIn(unitB)).staffId}` }), outStatus: 200,
    },
    'POST /api/certificates': {
      allowed: TARGET_ROLES,
      inScope: async () => { const c = await certIn(unitA, false); return { method: 'POST', url: '/api/certificates', body: { staffId: c.staffId, courseId: c.courseId } }; },
      outOfScope: async () => { const c = await certIn(unitB, false); return { method: 'POST', url: '/api/certificates', body: { staffId: c.staffId, courseId: c.courseId } }; }, outStatus: 404,
    },
    'GET /api/certificate-settings': { allowed: TARGET_ROLES, inScope: async () => ({ method: 'GET', url: '/api/certificate-settings' }) },
    'PUT /api/certificate-settings': {
      allowed: TARGET_ROLES,
      inScope: async () => ({ method: 'PUT', url: '/api/certificate-settings', body: { issuerName: 'ỦY BAN NHÂN DÂN PHƯỜNG ĐĂK BLA', signerTitle: 'CHỦ TỊCH', signerName: '', place: 'Đăk Bla' } }),
    },
    'GET /api/me/certificates': { allowed: SIGNED_IN, inScope: async () => ({ method: 'GET', url: '/api/me/certificates' }) },
    'GET /api/certificates/{id}': {
      allowed: COURSE_ROLES, inScope: async () => ({ method: 'GET', url: `/api/certificates/${(await certIn(unitA)).id}` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/certificates/${(await certIn(unitB)).id}` }), outStatus: 404,
    },
    'GET /api/certificates/{id}/certificate.pdf': {
      // learners reach only their own (tested in certificates.spec); here: staff of the holder's scope
      allowed: SIGNED_IN,
      inScope: async (role) => ({ method: 'GET', url: `/api/certificates/${(await certIn(role === 'learner' ? 'own' : unitA)).id}/certificate.pdf` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/certificates/${(await certIn(unitB)).id}/certificate.pdf` }), outStatus: 404,
    },
    'POST /api/certificates/{id}/revoke': {
      allowed: TARGET_ROLES, inScope: async () => ({ method: 'POST', url: `/api/certificates/${(await certIn(unitA)).id}/revoke`, body: { reason: 'Kiểm thử' } }),
      outOfScope: async () => ({ method: 'POST', url: `/api/certificates/${(await certIn(unitB)).id}/revoke`, body: { reason: 'Kiểm thử' } }), outStatus: 404,
    },
    'POST /api/certificates/{id}/reissue': {
      allowed: TARGET_ROLES, inScope: async () => ({ method: 'POST', url: `/api/certificates/${(await certIn(unitA)).id}/reissue`, body: { reason: 'Kiểm thử' } }),
      outOfScope: async () => ({ method: 'POST', url: `/api/certificates/${(await certIn(unitB)).id}/reissue`, body: { reason: 'Kiểm thử' } }), outStatus: 404,
    },
    'GET /api/courses/{id}/certificates.zip': {
      // a course of its own with one certificate: the ZIP renders every PDF, and course A collects many in this suite
      allowed: COURSE_ROLES, inScope: async () => ({ method: 'GET', url: `/api/courses/${await zipCourse(unitA)}/certificates.zip` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/courses/${await zipCourse(unitB)}/certificates.zip` }), outStatus: 404,
    },
    'GET /api/verify/{code}': { allowed: 'public', inScope: async () => ({ method: 'GET', url: `/api/verify/${(await certIn(unitA)).code}` }) },
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
    // ---- attendance
    'GET /api/classes': {
      allowed: ATT_ROLES,
      inScope: async () => ({ method: 'GET', url: `/api/classes?unitId=${unitA}` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/classes?unitId=${unitB}` }), outStatus: 200,
    },
    'POST /api/classes': {
      allowed: ATT_ROLES,
      inScope: async () => ({ method: 'POST', url: '/api/classes', body: { code: `LOP-${rnd()}`, title: 'Lớp mới', classType: 'workshop', ownerUnitId: unitA } }),
      outOfScope: async () => ({ method: 'POST', url: '/api/classes', body: { code: `LOP-${rnd()}`, title: 'Lớp mới', classType: 'workshop', ownerUnitId: unitB } }), outStatus: 400,
    },
    'GET /api/classes/{id}': attClass('GET', ''),
    'PATCH /api/classes/{id}': attClass('PATCH', '', { description: 'Mô tả lớp' }),
    'POST /api/classes/{id}/status': attClass('POST', '/status', { status: 'enrolling' }, true),
    'GET /api/classes/{id}/sessions': attClass('GET', '/sessions'),
    'POST /api/classes/{id}/sessions': attClass('POST', '/sessions', { date: '2031-06-14', startTime: '19:00', endTime: '20:30' }),
    'POST /api/classes/{id}/sessions/series': attClass('POST', '/sessions/series', { startDate: '2031-06-01', until: '2031-06-30', weekdays: [6], startTime: '19:00', endTime: '20:30' }),
    'GET /api/classes/{id}/roster': attClass('GET', '/roster'),
    'POST /api/classes/{id}/roster': {
      allowed: ATT_ROLES,
      inScope: async () => ({ method: 'POST', url: `/api/classes/${await classA()}/roster`, body: { residents: [{ fullName: `Người dân ${rnd()}`, phone: attPhone() }] } }),
      outOfScope: async () => ({ method: 'POST', url: `/api/classes/${await classB()}/roster`, body: { residents: [{ fullName: `Người dân ${rnd()}`, phone: attPhone() }] } }), outStatus: 404,
    },
    'DELETE /api/classes/{id}/roster/{rosterId}': {
      allowed: ATT_ROLES,
      inScope: async () => { const l = await liveIn(unitA); return { method: 'DELETE', url: `/api/classes/${l.classId}/roster/${l.rosterId}` }; },
      outOfScope: async () => { const l = await liveIn(unitB); return { method: 'DELETE', url: `/api/classes/${l.classId}/roster/${l.rosterId}` }; }, outStatus: 404,
    },
    'POST /api/classes/{id}/roster/import': {
      allowed: ATT_ROLES,
      inScope: async () => { const m = multipart('lop.xlsx', await rosterXlsx()); return { method: 'POST', url: `/api/classes/${await classA()}/roster/import?dryRun=true`, payload: m.payload, headers: m.headers }; },
      outOfScope: async () => { const m = multipart('lop.xlsx', await rosterXlsx()); return { method: 'POST', url: `/api/classes/${await classB()}/roster/import?dryRun=true`, payload: m.payload, headers: m.headers }; }, outStatus: 404,
    },
    'GET /api/classes/{id}/report': attClass('GET', '/report'),
    'GET /api/classes/{id}/report.xlsx': attClass('GET', '/report.xlsx'),
    'GET /api/classes/{id}/report.csv': attClass('GET', '/report.csv'),
    'PATCH /api/sessions/{id}': attSession('PATCH', '', newSessionIn, { topic: 'Nội dung mới' }),
    'POST /api/sessions/{id}/postpone': attSession('POST', '/postpone', newSessionIn, { reason: 'Mưa bão' }),
    'POST /api/sessions/{id}/cancel': attSession('POST', '/cancel', newSessionIn, { reason: 'Trùng lịch' }),
    'POST /api/sessions/{id}/make-up': attSession('POST', '/make-up', postponedIn, { date: '2031-06-21', startTime: '19:00', endTime: '20:30' }),
    'GET /api/sessions/{id}/marks': attSession('GET', '/marks', liveSession),
    'PUT /api/sessions/{id}/marks': {
      allowed: ATT_ROLES,
      inScope: async () => { const l = await liveA(); return { method: 'PUT', url: `/api/sessions/${l.sessionId}/marks`, body: markBody(l.rosterId) }; },
      outOfScope: async () => { const l = await liveB(); return { method: 'PUT', url: `/api/sessions/${l.sessionId}/marks`, body: markBody(l.rosterId) }; }, outStatus: 404,
    },
    'PUT /api/sessions/{id}/paper-marks': {
      allowed: ATT_ROLES,
      inScope: async () => { const l = await liveA(); return { method: 'PUT', url: `/api/sessions/${l.sessionId}/paper-marks`, body: markBody(l.rosterId) }; },
      outOfScope: async () => { const l = await liveB(); return { method: 'PUT', url: `/api/sessions/${l.sessionId}/paper-marks`, body: markBody(l.rosterId) }; }, outStatus: 404,
    },
    'GET /api/sessions/{id}/marks/history': attSession('GET', '/marks/history', liveSession),
    'GET /api/sessions/{id}/sign-in-sheet.pdf': attSession('GET', '/sign-in-sheet.pdf', liveSession),
    'GET /api/sessions/{id}/check-in-screen': attSession('GET', '/check-in-screen', liveSession),
    'GET /api/sessions/{id}/check-ins': attSession('GET', '/check-ins', liveSession),
    'POST /api/check-in/resolve': {
      allowed: 'public',
      inScope: async () => ({ method: 'POST', url: '/api/check-in/resolve', body: { token: await screenToken((await liveA()).sessionId) } }),
    },
    'POST /api/check-in': {
      allowed: 'public',
      // a fresh session and resident per call: a signed-in caller who sends resident details checks that resident in
      inScope: async () => { const l = await liveIn(unitA); return { method: 'POST', url: '/api/check-in', body: { token: await screenToken(l.sessionId), resident: l.resident } }; },
    },
    'GET /api/residents': {
      allowed: ATT_ROLES,
      inScope: async () => { await liveA(); return { method: 'GET', url: `/api/residents?unitId=${unitA}` }; },
      outOfScope: async () => { await liveB(); return { method: 'GET', url: `/api/residents?unitId=${unitB}` }; }, outStatus: 200,
    },
    'GET /api/attendance/staff/{id}': {
      allowed: ATT_ROLES,
      inScope: async () => ({ method: 'GET', url: `/api/attendance/staff/${personA}` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/attendance/staff/${personB}` }), outStatus: 404,
    },
    'GET /api/attendance/residents/{id}': {
      allowed: ATT_ROLES,
      inScope: async () => ({ method: 'GET', url: `/api/attendance/residents/${(await liveA()).residentId}` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/attendance/residents/${(await liveB()).residentId}` }), outStatus: 404,
    },
    'GET /api/attendance/units/{id}': {
      allowed: ATT_ROLES,
      inScope: async () => ({ method: 'GET', url: `/api/attendance/units/${unitA}` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/attendance/units/${unitB}` }), outStatus: 404,
    },
    'GET /api/attendance/units/{id}/report.xlsx': {
      allowed: ATT_ROLES,
      inScope: async () => ({ method: 'GET', url: `/api/attendance/units/${unitA}/report.xlsx` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/attendance/units/${unitB}/report.xlsx` }), outStatus: 404,
    },
    'GET /api/attendance/units/{id}/report.csv': {
      allowed: ATT_ROLES,
      inScope: async () => ({ method: 'GET', url: `/api/attendance/units/${unitA}/report.csv` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/attendance/units/${unitB}/report.csv` }), outStatus: 404,
    },
    // ---- quizzes (trainer side)
    'GET /api/quizzes': {
      allowed: QUIZ_ROLES,
      inScope: async () => ({ method: 'GET', url: '/api/quizzes' }),
      outOfScope: async () => ({ method: 'GET', url: `/api/quizzes?q=${encodeURIComponent((await quizB()).title)}` }), outStatus: 200,
    },
    'POST /api/quizzes': {
      allowed: QUIZ_ROLES,
      inScope: async () => ({ method: 'POST', url: '/api/quizzes', body: { title: 'Bài kiểm tra mới', ownerUnitId: unitA } }),
      outOfScope: async () => ({ method: 'POST', url: '/api/quizzes', body: { title: 'Bài kiểm tra ngoài', ownerUnitId: unitB } }), outStatus: 400,
    },
    'GET /api/quizzes/{id}': {
      allowed: QUIZ_ROLES,
      inScope: async () => ({ method: 'GET', url: `/api/quizzes/${(await quizA()).id}` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/quizzes/${(await quizB()).id}` }), outStatus: 404,
    },
    'PATCH /api/quizzes/{id}': {
      allowed: QUIZ_ROLES,
      inScope: async () => ({ method: 'PATCH', url: `/api/quizzes/${(await quizA()).id}`, body: { description: `<p>${rnd()}</p>` } }),
      outOfScope: async () => ({ method: 'PATCH', url: `/api/quizzes/${(await quizB()).id}`, body: { description: `<p>${rnd()}</p>` } }), outStatus: 404,
    },
    'GET /api/quizzes/{id}/slots': {
      allowed: QUIZ_ROLES,
      inScope: async () => ({ method: 'GET', url: `/api/quizzes/${(await quizA()).id}/slots` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/quizzes/${(await quizB()).id}/slots` }), outStatus: 404,
    },
    'PUT /api/quizzes/{id}/slots': {
      allowed: QUIZ_ROLES,
      inScope: async () => ({ method: 'PUT', url: `/api/quizzes/${(await newQuiz(unitA, { slots: false })).id}/slots`, body: { slots: [{ kind: 'fixed', questionId: await questionA() }] } }),
      outOfScope: async () => ({ method: 'PUT', url: `/api/quizzes/${(await newQuiz(unitB, { slots: false })).id}/slots`, body: { slots: [{ kind: 'fixed', questionId: await questionB() }] } }), outStatus: 404,
    },
    'POST /api/quizzes/{id}/publish': {
      allowed: QUIZ_ROLES,
      inScope: async () => ({ method: 'POST', url: `/api/quizzes/${(await newQuiz(unitA, { publish: false })).id}/publish`, body: {} }),
      outOfScope: async () => ({ method: 'POST', url: `/api/quizzes/${(await newQuiz(unitB, { publish: false })).id}/publish`, body: {} }), outStatus: 404,
    },
    'GET /api/quizzes/{id}/overrides': {
      allowed: QUIZ_ROLES,
      inScope: async () => ({ method: 'GET', url: `/api/quizzes/${(await quizA()).id}/overrides` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/quizzes/${(await quizB()).id}/overrides` }), outStatus: 404,
    },
    'POST /api/quizzes/{id}/overrides': {
      allowed: QUIZ_ROLES,
      inScope: async () => ({ method: 'POST', url: `/api/quizzes/${(await quizA()).id}/overrides`, body: { staffId: personA, extraMinutes: 10 } }),
      outOfScope: async () => ({ method: 'POST', url: `/api/quizzes/${(await quizB()).id}/overrides`, body: { staffId: personB, extraMinutes: 10 } }), outStatus: 404,
    },
    'DELETE /api/quiz-overrides/{id}': {
      allowed: QUIZ_ROLES,
      inScope: async () => ({ method: 'DELETE', url: `/api/quiz-overrides/${await overrideIn(await quizA(), unitA)}` }),
      outOfScope: async () => ({ method: 'DELETE', url: `/api/quiz-overrides/${await overrideIn(await quizB(), unitB)}` }), outStatus: 404,
    },
    'GET /api/quizzes/{id}/attempts': {
      allowed: QUIZ_ROLES,
      inScope: async () => ({ method: 'GET', url: `/api/quizzes/${(await quizA()).id}/attempts` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/quizzes/${(await quizB()).id}/attempts` }), outStatus: 404,
    },
    'GET /api/quizzes/{id}/grading-queue': {
      allowed: QUIZ_ROLES,
      inScope: async () => ({ method: 'GET', url: `/api/quizzes/${(await quizA()).id}/grading-queue` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/quizzes/${(await quizB()).id}/grading-queue` }), outStatus: 404,
    },
    'POST /api/quizzes/{id}/regrade': {
      allowed: QUIZ_ROLES,
      inScope: async () => ({ method: 'POST', url: `/api/quizzes/${(await quizA()).id}/regrade`, body: {} }),
      outOfScope: async () => ({ method: 'POST', url: `/api/quizzes/${(await quizB()).id}/regrade`, body: {} }), outStatus: 404,
    },
    'GET /api/quizzes/{id}/statistics': {
      allowed: QUIZ_ROLES,
      inScope: async () => ({ method: 'GET', url: `/api/quizzes/${(await quizA()).id}/statistics` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/quizzes/${(await quizB()).id}/statistics` }), outStatus: 404,
    },
    'GET /api/quizzes/{id}/export': {
      allowed: QUIZ_ROLES,
      inScope: async () => ({ method: 'GET', url: `/api/quizzes/${(await quizA()).id}/export?format=gift` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/quizzes/${(await quizB()).id}/export?format=gift` }), outStatus: 404,
    },
    'POST /api/attempts/{id}/slots/{slot}/grade': {
      allowed: QUIZ_ROLES,
      inScope: async () => ({ method: 'POST', url: `/api/attempts/${(await attemptOf('learner', unitA, true)).id}/slots/1/grade`, body: { mark: 1, comment: 'Chấm lại' } }),
      outOfScope: async () => ({ method: 'POST', url: `/api/attempts/${(await attemptOf('learner', unitB, true)).id}/slots/1/grade`, body: { mark: 1 } }), outStatus: 404,
    },
    // ---- attempts (learner side: any signed-in user with a linked person; their own attempts only)
    'GET /api/me/quizzes/{quizId}': {
      allowed: SIGNED_IN,
      inScope: async (role) => { await linked(role === 'anon' ? 'learner' : role); return { method: 'GET', url: `/api/me/quizzes/${(await quizA()).id}` }; },
    },
    'POST /api/me/quizzes/{quizId}/attempts': {
      allowed: SIGNED_IN,
      inScope: async (role) => { await linked(role === 'anon' ? 'learner' : role); return { method: 'POST', url: `/api/me/quizzes/${(await newQuiz(unitA)).id}/attempts`, body: {} }; },
    },
    'GET /api/me/attempts/{id}': { allowed: SIGNED_IN, inScope: async (role) => ({ method: 'GET', url: `/api/me/attempts/${(await attemptOf(role)).id}` }) },
    'PUT /api/me/attempts/{id}/answers/{slot}': {
      allowed: SIGNED_IN,
      inScope: async (role) => { const a = await attemptOf(role); return { method: 'PUT', url: `/api/me/attempts/${a.id}/answers/1`, body: { response: { choice: a.key }, seq: 1 } }; },
    },
    'POST /api/me/attempts/{id}/page': { allowed: SIGNED_IN, inScope: async (role) => ({ method: 'POST', url: `/api/me/attempts/${(await attemptOf(role)).id}/page`, body: { page: 1 } }) },
    'POST /api/me/attempts/{id}/submit': { allowed: SIGNED_IN, inScope: async (role) => ({ method: 'POST', url: `/api/me/attempts/${(await attemptOf(role)).id}/submit`, body: {} }) },
    'GET /api/me/attempts/{id}/review': { allowed: SIGNED_IN, inScope: async (role) => ({ method: 'GET', url: `/api/me/attempts/${(await attemptOf(role, unitA, true)).id}/review` }) },
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
