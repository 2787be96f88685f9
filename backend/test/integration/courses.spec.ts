import * as ExcelJS from 'exceljs';
import { call, startTestApp, TestApp } from '../helpers';
import {
  auditFor, buildXlsx, createStaff, createUnit, createUser, demoTokens, expectError, ok, rnd, todayIso, Tokens, Unit, upload, ward,
} from './fixtures';

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('courses, enrolment and learning', () => {
  let t: TestApp;
  let tok: Tokens;
  let wardUnit: Unit;

  beforeAll(async () => {
    t = await startTestApp();
    tok = await demoTokens(t.app);
    wardUnit = await ward(t.app, tok.admin);
  });
  afterAll(async () => { await t.close(); });

  const req = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, token: string, body?: unknown) => call(t.app, { method, url, token, body });
  const newCourse = async (token: string, ownerUnitId: string, extra: Record<string, unknown> = {}) =>
    ok(await req('POST', '/api/courses', token, {
      code: `KH-${rnd()}`, title: `Khóa học thử ${rnd(2)}`, ownerUnitId, targetGroup: 'cbccvc', deliveryMode: 'self_paced', durationHours: 1.5, ...extra,
    }), 201);
  const lesson = (title: string, extra: Record<string, unknown> = {}) => ({ type: 'lesson', title, bodyHtml: `<p>${title}</p>`, ...extra });
  const saveOutline = (token: string, courseId: string, sections: unknown[]) => req('PUT', `/api/courses/${courseId}/outline`, token, { sections });
  /** A published course with one section of three required lessons (sequential unless told). */
  const publishedCourse = async (extra: Record<string, unknown> = {}) => {
    const c = await newCourse(tok.manager, wardUnit.id, { sequential: true, ...extra });
    const o = ok(await saveOutline(tok.manager, c.id, [{ title: 'Phần 1', items: [lesson('Bài 1'), lesson('Bài 2'), lesson('Bài 3')] }]));
    ok(await req('POST', `/api/courses/${c.id}/publish`, tok.manager));
    return { course: c, items: o.sections[0].items.map((i: Any) => i.id) as string[] };
  };
  /** A fresh learner account linked to a fresh person of the ward. */
  const newLearner = async (unitId = wardUnit.id) => {
    const person = await createStaff(t.app, tok.admin, unitId);
    const u = await createUser(t.app, tok.admin, ['learner'], null);
    ok(await req('PATCH', `/api/users/${u.id}`, tok.admin, { staffId: person.id }));
    return { person, token: u.token };
  };

  // ------------------------------------------------------------------ courses

  it('creates, reads, lists and updates a course; sanitises the description; codes are unique', async () => {
    const c = await newCourse(tok.trainer, wardUnit.id, {
      description: '<p onclick="x()">Giới thiệu <script>alert(1)</script><b>ngắn</b></p>', tags: ['2.1', 'digital_communication'], enrolKey: 'bi-mat-123',
    });
    expect(c).toEqual(expect.objectContaining({
      status: 'draft', version: 1, ownerUnitId: wardUnit.id, ownerUnitName: wardUnit.name, durationHours: 1.5, hasEnrolKey: true,
      description: '<p>Giới thiệu <b>ngắn</b></p>', tags: ['2.1', 'digital_communication'], enrolledCount: 0, completedCount: 0, publishedAt: null,
    }));
    expect(ok(await req('GET', `/api/courses/${c.id}`, tok.manager)).code).toBe(c.code);
    const list = ok(await req('GET', `/api/courses?q=${encodeURIComponent(c.code.toLowerCase())}`, tok.trainer));
    expect(list.items.map((x: Any) => x.id)).toEqual([c.id]);
    const byTitle = ok(await req('GET', `/api/courses?q=${encodeURIComponent('khoa hoc thu')}&status=draft&tag=2.1&pageSize=200`, tok.admin));
    expect(byTitle.items.map((x: Any) => x.id)).toContain(c.id);
    const upd = ok(await req('PATCH', `/api/courses/${c.id}`, tok.manager, { title: 'Tên mới', enrolKey: null, durationHours: 8 }));
    expect(upd).toEqual(expect.objectContaining({ title: 'Tên mới', hasEnrolKey: false, durationHours: 8 }));
    expectError(await req('POST', '/api/courses', tok.manager, {
      code: c.code.toUpperCase(), title: 'Trùng', ownerUnitId: wardUnit.id, targetGroup: 'cbccvc', deliveryMode: 'blended', durationHours: 2,
    }), 409, 'COURSE_CODE_TAKEN');
    expectError(await req('POST', '/api/courses', tok.manager, { code: 'X', title: 'Y', ownerUnitId: wardUnit.id, targetGroup: 'nobody', deliveryMode: 'blended', durationHours: 2 }), 400, 'VALIDATION_FAILED');
    expect((await auditFor(t.app, tok.admin, c.id)).map((a) => a.action)).toEqual(expect.arrayContaining(['course.created', 'course.updated']));
  });

  it('a trainer scoped to a sub-unit sees only courses owned inside it (404 outside), and cannot create one outside', async () => {
    const a = await createUnit(t.app, tok.admin, wardUnit.id);
    const b = await createUnit(t.app, tok.admin, wardUnit.id);
    const scoped = await createUser(t.app, tok.admin, ['trainer'], a.id);
    const inA = await newCourse(scoped.token, a.id);
    const inB = await newCourse(tok.admin, b.id);
    expect(ok(await req('GET', `/api/courses/${inA.id}`, scoped.token)).id).toBe(inA.id);
    expectError(await req('GET', `/api/courses/${inB.id}`, scoped.token), 404, 'NOT_FOUND');
    expectError(await req('PATCH', `/api/courses/${inB.id}`, scoped.token, { title: 'x' }), 404, 'NOT_FOUND');
    expectError(await req('GET', `/api/courses/${inB.id}/outline`, scoped.token), 404, 'NOT_FOUND');
    const ids = ok(await req('GET', '/api/courses?pageSize=200', scoped.token)).items.map((x: Any) => x.id);
    expect(ids).toContain(inA.id);
    expect(ids).not.toContain(inB.id);
    const out = await req('POST', '/api/courses', scoped.token, { code: `Z-${rnd()}`, title: 'Ngoài', ownerUnitId: b.id, targetGroup: 'cbccvc', deliveryMode: 'blended', durationHours: 2 });
    expectError(out, 400, 'VALIDATION_FAILED');
    expect(out.body.fields).toHaveProperty('ownerUnitId');
    expectError(await req('GET', '/api/courses', tok.learner), 403, 'FORBIDDEN');
  });

  it('saves the outline in order, keeps ids, reorders, removes, and sanitises lesson HTML', async () => {
    const c = await newCourse(tok.manager, wardUnit.id);
    const o1 = ok(await saveOutline(tok.manager, c.id, [
      { title: 'Phần 1', items: [
        lesson('Bài A', { bodyHtml: '<h2>Tiêu đề</h2><script>alert(1)</script><img src="x.png" onerror="alert(1)"><a href="javascript:alert(1)">liên kết</a><table><tr><td>Ô</td></tr></table>' }),
        { type: 'quiz', title: 'Kiểm tra', minScore: 80 },
      ] },
      { title: 'Phần 2', items: [{ type: 'attendance', title: 'Điểm danh', minShare: 75, required: false }] },
    ]));
    expect(o1.version).toBe(1);
    expect(o1.sections.map((s: Any) => s.title)).toEqual(['Phần 1', 'Phần 2']);
    const [a, q] = o1.sections[0].items;
    expect(a.bodyHtml).toBe('<h2>Tiêu đề</h2><img src="x.png"><a>liên kết</a><table><tr><td>Ô</td></tr></table>');
    expect(a.bodyHtml).not.toMatch(/script|onerror|javascript/);
    expect(a).toEqual(expect.objectContaining({ type: 'lesson', required: true, isFinal: false, completionRule: 'opened_to_end' }));
    expect(q).toEqual(expect.objectContaining({ type: 'quiz', minScore: 80 }));
    expect(q).not.toHaveProperty('bodyHtml');
    const att = o1.sections[1].items[0];

    // reorder sections and items, move the attendance item, drop the quiz, add a lesson
    const o2 = ok(await saveOutline(tok.manager, c.id, [
      { id: o1.sections[1].id, title: 'Phần 2 (đổi tên)', items: [lesson('Bài mới'), { id: a.id, type: 'lesson', title: 'Bài A', bodyHtml: a.bodyHtml }] },
      { id: o1.sections[0].id, title: 'Phần 1', items: [{ id: att.id, type: 'attendance', title: 'Điểm danh', minShare: 75 }] },
    ]));
    expect(o2.sections.map((s: Any) => s.id)).toEqual([o1.sections[1].id, o1.sections[0].id]);
    expect(o2.sections[0].items.map((i: Any) => i.title)).toEqual(['Bài mới', 'Bài A']);
    expect(o2.sections[0].items[1].id).toBe(a.id);
    expect(o2.sections[1].items.map((i: Any) => i.id)).toEqual([att.id]);
    expect(ok(await req('GET', `/api/courses/${c.id}/outline`, tok.trainer))).toEqual(o2);
    // an id of another course is refused
    const other = await newCourse(tok.manager, wardUnit.id);
    const o3 = ok(await saveOutline(tok.manager, other.id, [{ title: 'X', items: [lesson('Y')] }]));
    expectError(await saveOutline(tok.manager, c.id, [{ id: o3.sections[0].id, title: 'X', items: [] }]), 400, 'VALIDATION_FAILED');
    expectError(await saveOutline(tok.manager, c.id, [{ title: 'X', items: [{ ...lesson('a'), isFinal: true }, { ...lesson('b'), isFinal: true }] }]), 400, 'VALIDATION_FAILED');
  });

  it('publishes only with a required item; a saved outline of a published course bumps the version; archive freezes; duplicate copies', async () => {
    const c = await newCourse(tok.manager, wardUnit.id);
    expectError(await req('POST', `/api/courses/${c.id}/publish`, tok.manager), 400, 'VALIDATION_FAILED');
    ok(await saveOutline(tok.manager, c.id, [{ title: 'Phần 1', items: [lesson('Bài 1', { required: false })] }]));
    expectError(await req('POST', `/api/courses/${c.id}/publish`, tok.manager), 400, 'VALIDATION_FAILED');
    const o = ok(await saveOutline(tok.manager, c.id, [{ title: 'Phần 1', items: [lesson('Bài 1')] }]));
    expect(o.version).toBe(1);
    const pub = ok(await req('POST', `/api/courses/${c.id}/publish`, tok.manager));
    expect(pub).toEqual(expect.objectContaining({ status: 'published', version: 1, publishedAt: expect.any(String) }));
    const o2 = ok(await saveOutline(tok.manager, c.id, [{ id: o.sections[0].id, title: 'Phần 1', items: [{ ...lesson('Bài 1'), id: o.sections[0].items[0].id }, lesson('Bài 2')] }]));
    expect(o2.version).toBe(2);
    expect(ok(await req('GET', `/api/courses/${c.id}`, tok.manager)).version).toBe(2);

    const dup = ok(await req('POST', `/api/courses/${c.id}/duplicate`, tok.manager, { code: `DUP-${rnd()}`, title: 'Bản sao' }), 201);
    expect(dup).toEqual(expect.objectContaining({ status: 'draft', version: 1, title: 'Bản sao', durationHours: 1.5 }));
    const dupOutline = ok(await req('GET', `/api/courses/${dup.id}/outline`, tok.manager));
    expect(dupOutline.sections[0].items.map((i: Any) => i.title)).toEqual(['Bài 1', 'Bài 2']);
    expect(dupOutline.sections[0].items[0].id).not.toBe(o2.sections[0].items[0].id);

    expect(ok(await req('POST', `/api/courses/${c.id}/archive`, tok.manager)).status).toBe('archived');
    expectError(await req('PATCH', `/api/courses/${c.id}`, tok.manager, { title: 'x' }), 409, 'COURSE_ARCHIVED');
    expectError(await saveOutline(tok.manager, c.id, []), 409, 'COURSE_ARCHIVED');
    expect((await auditFor(t.app, tok.admin, c.id)).map((a) => a.action)).toEqual(expect.arrayContaining(['course.published', 'course.outline_saved', 'course.archived']));
  });

  // ------------------------------------------------------------------ enrolments

  it('enrols by staffIds, unitIds and filter; counts those already enrolled; lists in Vietnamese order', async () => {
    const { course } = await publishedCourse();
    const u = await createUnit(t.app, tok.admin, wardUnit.id);
    const sub = await createUnit(t.app, tok.admin, u.id);
    const an = await createStaff(t.app, tok.admin, u.id, { familyName: 'Trần', middleName: 'Văn', givenName: 'An', dtRole: 'dedicated' });
    const binh = await createStaff(t.app, tok.admin, sub.id, { familyName: 'Lê', middleName: 'Thị', givenName: 'Bình', category: 'public_employee' });
    const anh = await createStaff(t.app, tok.admin, u.id, { familyName: 'Nguyễn', middleName: '', givenName: 'Ánh', dtRole: 'concurrent' });
    const r1 = ok(await req('POST', `/api/courses/${course.id}/enrolments`, tok.manager, { staffIds: [an.id], dueDate: '2030-06-30' }));
    expect(r1).toEqual({ enrolled: 1, alreadyEnrolled: 0 });
    const r2 = ok(await req('POST', `/api/courses/${course.id}/enrolments`, tok.manager, { filter: { unitId: u.id, dtRoles: ['dedicated', 'concurrent'] } }));
    expect(r2).toEqual({ enrolled: 1, alreadyEnrolled: 1 });
    const r3 = ok(await req('POST', `/api/courses/${course.id}/enrolments`, tok.manager, { unitIds: [u.id] }));
    expect(r3).toEqual({ enrolled: 1, alreadyEnrolled: 2 });
    const list = ok(await req('GET', `/api/courses/${course.id}/enrolments?unitId=${u.id}`, tok.trainer));
    expect(list.items.map((e: Any) => e.fullName)).toEqual(['Trần Văn An', 'Nguyễn Ánh', 'Lê Thị Bình']);
    expect(list.items[0]).toEqual(expect.objectContaining({
      staffId: an.id, source: 'manual', status: 'enrolled', dueDate: '2030-06-30', progress: 0, noLongerMatches: false, courseTitle: course.title, unitName: u.name,
    }));
    expect(ok(await req('GET', `/api/courses/${course.id}/enrolments?q=binh`, tok.trainer)).items.map((e: Any) => e.staffId)).toEqual([binh.id]);
    expect(ok(await req('GET', `/api/courses/${course.id}`, tok.manager)).enrolledCount).toBe(3);
    void anh;

    // withdraw and exempt need a reason
    const eAn = list.items[0];
    expectError(await req('POST', `/api/enrolments/${eAn.id}/withdraw`, tok.manager, {}), 400, 'VALIDATION_FAILED');
    const w = ok(await req('POST', `/api/enrolments/${eAn.id}/withdraw`, tok.manager, { reason: 'Chuyển công tác' }));
    expect(w).toEqual(expect.objectContaining({ status: 'withdrawn', reason: 'Chuyển công tác' }));
    const x = ok(await req('POST', `/api/enrolments/${list.items[1].id}/exempt`, tok.manager, { reason: 'Đã có chứng chỉ tương đương' }));
    expect(x.status).toBe('exempted');
    expect((await auditFor(t.app, tok.admin, eAn.id)).map((a) => a.action)).toContain('enrolment.withdrawn');
  });

  it('refuses people outside the scope (404), a past due date and an empty request (400)', async () => {
    const a = await createUnit(t.app, tok.admin, wardUnit.id);
    const b = await createUnit(t.app, tok.admin, wardUnit.id);
    const mgr = await createUser(t.app, tok.admin, ['manager'], a.id);
    const c = await newCourse(mgr.token, a.id);
    const pa = await createStaff(t.app, tok.admin, a.id);
    const pb = await createStaff(t.app, tok.admin, b.id);
    expectError(await req('POST', `/api/courses/${c.id}/enrolments`, mgr.token, { staffIds: [pa.id, pb.id] }), 404, 'NOT_FOUND');
    expectError(await req('POST', `/api/courses/${c.id}/enrolments`, mgr.token, { unitIds: [b.id] }), 404, 'NOT_FOUND');
    expectError(await req('POST', `/api/courses/${c.id}/enrolments`, mgr.token, { filter: { unitId: b.id, dtRoles: ['none'] } }), 404, 'NOT_FOUND');
    const yesterday = new Date(Date.parse(`${todayIso()}T00:00:00Z`) - 86400000).toISOString().slice(0, 10);
    const past = await req('POST', `/api/courses/${c.id}/enrolments`, mgr.token, { staffIds: [pa.id], dueDate: yesterday });
    expectError(past, 400, 'VALIDATION_FAILED');
    expect(past.body.fields).toHaveProperty('dueDate');
    expectError(await req('POST', `/api/courses/${c.id}/enrolments`, mgr.token, {}), 400, 'VALIDATION_FAILED');
    expect(ok(await req('POST', `/api/courses/${c.id}/enrolments`, mgr.token, { staffIds: [pa.id], dueDate: todayIso() }))).toEqual({ enrolled: 1, alreadyEnrolled: 0 });
    // the admin enrols the outsider; the scoped manager does not see them and cannot withdraw them
    ok(await req('POST', `/api/courses/${c.id}/enrolments`, tok.admin, { staffIds: [pb.id] }));
    const seen = ok(await req('GET', `/api/courses/${c.id}/enrolments`, mgr.token)).items.map((e: Any) => e.staffId);
    expect(seen).toEqual([pa.id]);
    const all = ok(await req('GET', `/api/courses/${c.id}/enrolments`, tok.admin)).items;
    const eb = all.find((e: Any) => e.staffId === pb.id);
    expectError(await req('POST', `/api/enrolments/${eb.id}/withdraw`, mgr.token, { reason: 'x' }), 404, 'NOT_FOUND');
    expectError(await req('GET', `/api/staff/${pb.id}/learning`, mgr.token), 404, 'NOT_FOUND');
  });

  // ------------------------------------------------------------------ rules

  it('rules: an empty filter is refused; a rule enrols who matches now, later-created and later-imported people, and flags who stops matching', async () => {
    const { course } = await publishedCourse();
    const u = await createUnit(t.app, tok.admin, wardUnit.id);
    const now1 = await createStaff(t.app, tok.admin, u.id, { dtRole: 'dedicated' });
    const none = await createStaff(t.app, tok.admin, u.id, { dtRole: 'none' });
    const empty = await req('POST', `/api/courses/${course.id}/enrolment-rules`, tok.manager, { unitId: u.id, categories: [], dtRoles: [] });
    expectError(empty, 400, 'VALIDATION_FAILED');
    expect(empty.body.fields).toHaveProperty('categories');
    const rule = ok(await req('POST', `/api/courses/${course.id}/enrolment-rules`, tok.manager, { unitId: u.id, dtRoles: ['dedicated', 'concurrent'], dueDate: '2030-12-31' }), 201);
    expect(rule).toEqual(expect.objectContaining({ courseId: course.id, unitId: u.id, unitName: u.name, categories: [], dtRoles: ['dedicated', 'concurrent'], dueDate: '2030-12-31', active: true, matchedCount: 1 }));
    const enrolled = async () => ok(await req('GET', `/api/courses/${course.id}/enrolments?unitId=${u.id}&pageSize=200`, tok.admin)).items as Any[];
    expect((await enrolled()).map((e) => e.staffId)).toEqual([now1.id]);
    expect((await enrolled())[0]).toEqual(expect.objectContaining({ source: 'rule', ruleId: rule.id, dueDate: '2030-12-31' }));

    // created later through the API, in a sub-unit
    const sub = await createUnit(t.app, tok.admin, u.id);
    const later = await createStaff(t.app, tok.manager, sub.id, { dtRole: 'concurrent' });
    expect((await enrolled()).map((e) => e.staffId)).toContain(later.id);

    // imported later
    const s = rnd();
    const buf = await buildXlsx([{ staffCode: `rule-${s}`, familyName: 'Phạm', middleName: 'Văn', givenName: `Nhập${s}`, unitCode: u.code, category: 'Công chức', dtRole: 'Chuyên trách', status: 'Đang công tác' }]);
    const sum = ok(await upload(t.app, tok.manager, 'ds.xlsx', buf), 201);
    expect(sum.errorRows).toBe(0);
    ok(await req('POST', `/api/staff/imports/${sum.id}/commit`, tok.manager));
    const imported = (await enrolled()).find((e) => e.fullName === `Phạm Văn Nhập${s}`);
    expect(imported).toEqual(expect.objectContaining({ source: 'rule', status: 'enrolled' }));

    // a changed person: none -> dedicated is enrolled; dedicated -> none keeps the enrolment, flagged
    ok(await req('PATCH', `/api/staff/${none.id}`, tok.manager, { dtRole: 'dedicated' }));
    expect((await enrolled()).map((e) => e.staffId)).toContain(none.id);
    ok(await req('PATCH', `/api/staff/${now1.id}`, tok.manager, { dtRole: 'none' }));
    const flagged = (await enrolled()).find((e) => e.staffId === now1.id);
    expect(flagged).toEqual(expect.objectContaining({ noLongerMatches: true, status: 'enrolled' }));
    ok(await req('PATCH', `/api/staff/${now1.id}`, tok.manager, { dtRole: 'concurrent' }));
    expect((await enrolled()).find((e) => e.staffId === now1.id).noLongerMatches).toBe(false);

    const rules = ok(await req('GET', `/api/courses/${course.id}/enrolment-rules`, tok.trainer));
    expect(rules.items).toEqual([expect.objectContaining({ id: rule.id, matchedCount: 4 })]);
    // deactivated: enrolments stay, new people are not enrolled
    expect((await req('DELETE', `/api/enrolment-rules/${rule.id}`, tok.manager)).status).toBe(204);
    const after = await createStaff(t.app, tok.admin, u.id, { dtRole: 'dedicated' });
    const list = await enrolled();
    expect(list.map((e) => e.staffId)).not.toContain(after.id);
    expect(list).toHaveLength(4);
    expect(ok(await req('GET', `/api/courses/${course.id}/enrolment-rules`, tok.trainer)).items[0].active).toBe(false);
  });

  // ------------------------------------------------------------------ learner

  it('the learner plays a sequential course: locks, 409 ITEM_LOCKED, completion recorded once with hours', async () => {
    const { course, items } = await publishedCourse({ durationHours: 1.5 });
    const l = await newLearner();
    expectError(await req('GET', `/api/me/learning/${course.id}`, l.token), 404, 'NOT_FOUND');
    expectError(await req('POST', `/api/me/learning/${course.id}/items/${items[0]}/progress`, l.token, { event: 'opened' }), 404, 'NOT_FOUND');
    ok(await req('POST', `/api/courses/${course.id}/enrolments`, tok.manager, { staffIds: [l.person.id], dueDate: todayIso() }));

    const mine = ok(await req('GET', '/api/me/learning', l.token));
    const card = mine.items.find((i: Any) => i.courseId === course.id);
    expect(card).toEqual(expect.objectContaining({ status: 'enrolled', progress: 0, nextItemId: items[0], durationHours: 1.5, sequential: true, dueSoon: true, overdue: false }));
    expect(ok(await req('GET', '/api/me/learning?filter=due_soon', l.token)).items.map((i: Any) => i.courseId)).toContain(course.id);

    const p0 = ok(await req('GET', `/api/me/learning/${course.id}`, l.token));
    expect(p0.sections[0].items.map((i: Any) => i.status)).toEqual(['not_started', 'locked', 'locked']);
    expect(p0.sections[0].items[1].lockReason).toBe('previous_required_incomplete');
    expect(p0.resumeItemId).toBe(items[0]);
    expect(p0.course.id).toBe(course.id);

    const progress = (itemId: string, body: Record<string, unknown>) => req('POST', `/api/me/learning/${course.id}/items/${itemId}/progress`, l.token, body);
    ok(await progress(items[0], { event: 'opened' }));
    const p1 = ok(await progress(items[0], { event: 'completed' }));
    expect(p1.sections[0].items.map((i: Any) => i.status)).toEqual(['completed', 'not_started', 'locked']);
    expect(p1.enrolment).toEqual(expect.objectContaining({ status: 'in_progress', progress: 33, nextItemId: items[1] }));
    expectError(await progress(items[2], { event: 'completed' }), 409, 'ITEM_LOCKED');
    ok(await progress(items[1], { event: 'completed' }));
    const done = ok(await progress(items[2], { event: 'completed' }));
    expect(done.enrolment).toEqual(expect.objectContaining({ status: 'completed', progress: 100, completedAt: expect.any(String) }));

    // again: nothing new is recorded
    ok(await progress(items[2], { event: 'completed' }));
    const learning = ok(await req('GET', `/api/staff/${l.person.id}/learning`, tok.trainer));
    expect(learning.completions).toEqual([expect.objectContaining({
      staffId: l.person.id, courseId: course.id, courseTitle: course.title, courseVersion: 1, hours: 1.5, rule: 'all_required_items', source: 'internal', status: 'approved',
    })]);
    expect(learning.hoursByYear).toEqual([{ year: Number(todayIso().slice(0, 4)), hours: 1.5 }]);
    expect(learning.enrolments).toEqual([expect.objectContaining({ courseId: course.id, status: 'completed', progress: 100 })]);
    expect(ok(await req('GET', '/api/me/learning', l.token)).hoursThisYear).toBe(1.5);
    expect(ok(await req('GET', '/api/me/learning?filter=completed', l.token)).items.map((i: Any) => i.courseId)).toEqual([course.id]);
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM completions WHERE staff_id = $1`, [l.person.id]);
    expect(n).toBe(1);

    // the progress table
    const table = ok(await req('GET', `/api/courses/${course.id}/progress`, tok.trainer));
    expect(table.columns).toEqual(items.map((id, i) => ({ itemId: id, title: `Bài ${i + 1}`, sectionTitle: 'Phần 1' })));
    const row = table.items.find((r: Any) => r.enrolment.staffId === l.person.id);
    expect(row.enrolment).toEqual(expect.objectContaining({ status: 'completed', progress: 100 }));
    expect(row.items.map((i: Any) => i.status)).toEqual(['completed', 'completed', 'completed']);
    expect(ok(await req('GET', `/api/courses/${course.id}`, tok.trainer)).completedCount).toBe(1);

    // an item with progress cannot be removed; a completed enrolment cannot be withdrawn
    const o = ok(await req('GET', `/api/courses/${course.id}/outline`, tok.manager));
    expectError(await saveOutline(tok.manager, course.id, [{ id: o.sections[0].id, title: 'Phần 1', items: o.sections[0].items.slice(1) }]), 409, 'ITEM_HAS_PROGRESS');
    expectError(await req('POST', `/api/enrolments/${row.enrolment.id}/withdraw`, tok.manager, { reason: 'x' }), 409, 'ENROLMENT_COMPLETED');
    expect((await auditFor(t.app, tok.admin, row.enrolment.id, 'course.completed'))).toHaveLength(1);
  });

  it('the final item opens only after minProgressBeforeFinal; quiz items need the score', async () => {
    const c = await newCourse(tok.manager, wardUnit.id, { sequential: false, minProgressBeforeFinal: 100, passMark: 60 });
    const o = ok(await saveOutline(tok.manager, c.id, [{ title: 'P', items: [lesson('L1'), lesson('L2', { required: false }), { type: 'quiz', title: 'Cuối khóa', isFinal: true }] }]));
    ok(await req('POST', `/api/courses/${c.id}/publish`, tok.manager));
    const [l1, l2, quiz] = o.sections[0].items.map((i: Any) => i.id);
    const l = await newLearner();
    ok(await req('POST', `/api/courses/${c.id}/enrolments`, tok.manager, { staffIds: [l.person.id] }));
    const p = ok(await req('GET', `/api/me/learning/${c.id}`, l.token));
    expect(p.sections[0].items.map((i: Any) => [i.status, i.lockReason])).toEqual([['not_started', null], ['not_started', null], ['locked', 'min_progress_before_final']]);
    const ev = (item: string, body: Record<string, unknown>) => req('POST', `/api/me/learning/${c.id}/items/${item}/progress`, l.token, body);
    expectError(await ev(quiz, { event: 'completed', score: 90 }), 409, 'ITEM_LOCKED');
    ok(await ev(l1, { event: 'completed' }));
    expectError(await ev(quiz, { event: 'completed' }), 400, 'VALIDATION_FAILED');
    const failed = ok(await ev(quiz, { event: 'completed', score: 40 }));
    expect(failed.sections[0].items[2]).toEqual(expect.objectContaining({ status: 'in_progress', score: 40 }));
    expect(failed.enrolment.status).toBe('in_progress');
    const passed = ok(await ev(quiz, { event: 'completed', score: 75 }));
    expect(passed.enrolment.status).toBe('completed');
    void l2;
  });

  it('progress on an item of another course is 404; an exempted learner cannot record progress (409); withdrawn hides the course', async () => {
    const a = await publishedCourse();
    const b = await publishedCourse();
    const l = await newLearner();
    ok(await req('POST', `/api/courses/${a.course.id}/enrolments`, tok.manager, { staffIds: [l.person.id] }));
    expectError(await req('POST', `/api/me/learning/${a.course.id}/items/${b.items[0]}/progress`, l.token, { event: 'opened' }), 404, 'NOT_FOUND');
    expectError(await req('POST', `/api/me/learning/${a.course.id}/items/${a.items[0]}/progress`, l.token, { event: 'finished' }), 400, 'VALIDATION_FAILED');
    const [e] = ok(await req('GET', `/api/staff/${l.person.id}/learning`, tok.manager)).enrolments;
    ok(await req('POST', `/api/enrolments/${e.id}/exempt`, tok.manager, { reason: 'Đã có chứng chỉ' }));
    expectError(await req('POST', `/api/me/learning/${a.course.id}/items/${a.items[0]}/progress`, l.token, { event: 'opened' }), 409, 'ENROLMENT_CLOSED');
    ok(await req('POST', `/api/courses/${b.course.id}/enrolments`, tok.manager, { staffIds: [l.person.id] }));
    const [eb] = ok(await req('GET', `/api/courses/${b.course.id}/enrolments?q=${encodeURIComponent(l.person.givenName)}`, tok.manager)).items;
    ok(await req('POST', `/api/enrolments/${eb.id}/withdraw`, tok.manager, { reason: 'Nghỉ việc' }));
    expectError(await req('GET', `/api/me/learning/${b.course.id}`, l.token), 404, 'NOT_FOUND');
    expect(ok(await req('GET', '/api/me/learning', l.token)).items.map((i: Any) => i.courseId)).toEqual([a.course.id]);
  });

  it('a person who leaves keeps the rule enrolment, flagged as no longer matching', async () => {
    const { course } = await publishedCourse();
    const u = await createUnit(t.app, tok.admin, wardUnit.id);
    const p = await createStaff(t.app, tok.admin, u.id, { category: 'cadre' });
    ok(await req('POST', `/api/courses/${course.id}/enrolment-rules`, tok.manager, { unitId: u.id, categories: ['cadre'] }), 201);
    ok(await req('PATCH', `/api/staff/${p.id}`, tok.manager, { status: 'left' }));
    const [e] = ok(await req('GET', `/api/courses/${course.id}/enrolments?unitId=${u.id}`, tok.manager)).items;
    expect(e).toEqual(expect.objectContaining({ staffId: p.id, source: 'rule', noLongerMatches: true }));
  });

  // ------------------------------------------------------------------ exports

  it('exports the progress table as XLSX (title row, header) and CSV (BOM, formulas neutralised), audited', async () => {
    const { course } = await publishedCourse();
    const evil = await createStaff(t.app, tok.admin, wardUnit.id, { familyName: '', middleName: '', givenName: '=1+1' });
    const normal = await createStaff(t.app, tok.admin, wardUnit.id, { familyName: 'Đỗ', middleName: 'Thị', givenName: 'Hạnh' });
    ok(await req('POST', `/api/courses/${course.id}/enrolments`, tok.manager, { staffIds: [evil.id, normal.id], dueDate: '2030-01-15' }));

    const x = await req('GET', `/api/courses/${course.id}/progress.xlsx`, tok.trainer);
    expect(x.status).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    expect(String(x.headers['content-disposition'])).toMatch(/^attachment; filename=".+\.xlsx"/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.raw.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(String(ws.getRow(1).getCell(1).value)).toContain(course.title);
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual(['STT', 'Họ và tên', 'Đơn vị', 'Trạng thái', 'Tiến độ (%)', 'Hạn hoàn thành', 'Ngày hoàn thành', 'Bài 1', 'Bài 2', 'Bài 3']);
    const names = [3, 4].map((r) => ws.getRow(r).getCell(2).value);
    expect(names).toEqual(expect.arrayContaining(["'=1+1", 'Đỗ Thị Hạnh']));
    const dueCell = ws.getRow(3).getCell(6).value;
    expect(dueCell).toBeInstanceOf(Date);
    expect((dueCell as Date).toISOString().slice(0, 10)).toBe('2030-01-15');

    const c = await req('GET', `/api/courses/${course.id}/progress.csv`, tok.trainer);
    expect(c.status).toBe(200);
    expect(c.headers['content-type']).toContain('text/csv');
    const buf = c.raw.rawPayload;
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = buf.subarray(3).toString('utf8');
    expect(text.split('\r\n')[0]).toBe('STT;Họ và tên;Đơn vị;Trạng thái;Tiến độ (%);Hạn hoàn thành;Ngày hoàn thành;Bài 1;Bài 2;Bài 3');
    expect(text).toContain(";'=1+1;");
    expect(text).not.toMatch(/;=1\+1/);
    expect(text).toContain('Đỗ Thị Hạnh');
    const audits = await auditFor(t.app, tok.admin, course.id, 'export.course_progress');
    expect(audits.map((a) => a.details.format).sort()).toEqual(['csv', 'xlsx']);
    expectError(await req('GET', `/api/courses/${course.id}/progress.csv`, tok.learner), 403, 'FORBIDDEN');
  });

  // ------------------------------------------------------------------ catalogue

  it('the catalogue lists published self-enrol courses; self-enrolment checks the key', async () => {
    const open = await newCourse(tok.manager, wardUnit.id, { selfEnrol: true, title: `Tự học mở ${rnd(2)}` });
    const keyed = await newCourse(tok.manager, wardUnit.id, { selfEnrol: true, enrolKey: 'khoa-bi-mat' });
    for (const c of [open, keyed]) {
      ok(await saveOutline(tok.manager, c.id, [{ title: 'P', items: [lesson('L')] }]));
      ok(await req('POST', `/api/courses/${c.id}/publish`, tok.manager));
    }
    const closed = await newCourse(tok.manager, wardUnit.id, { selfEnrol: false });
    const l = await newLearner();
    const cat = ok(await req('GET', '/api/catalogue?pageSize=200', l.token));
    const ids = cat.items.map((c: Any) => c.id);
    expect(ids).toEqual(expect.arrayContaining([open.id, keyed.id]));
    expect(ids).not.toContain(closed.id);
    expect(cat.items.find((c: Any) => c.id === keyed.id).hasEnrolKey).toBe(true);
    expect(ok(await req('GET', '/api/catalogue', tok.learner)).items.map((c: Any) => c.title)).toContain('Phổ biến, quán triệt Nghị quyết 57-NQ/TW');

    const e = ok(await req('POST', `/api/catalogue/${open.id}/enrol`, l.token, {}), 201);
    expect(e).toEqual(expect.objectContaining({ courseId: open.id, source: 'self', status: 'enrolled', staffId: l.person.id }));
    expectError(await req('POST', `/api/catalogue/${keyed.id}/enrol`, l.token, {}), 403, 'WRONG_ENROL_KEY');
    expectError(await req('POST', `/api/catalogue/${keyed.id}/enrol`, l.token, { enrolKey: 'sai' }), 403, 'WRONG_ENROL_KEY');
    expect(ok(await req('POST', `/api/catalogue/${keyed.id}/enrol`, l.token, { enrolKey: 'khoa-bi-mat' }), 201).courseId).toBe(keyed.id);
    expectError(await req('POST', `/api/catalogue/${closed.id}/enrol`, l.token, {}), 404, 'NOT_FOUND');
    // a user with no linked person
    expectError(await req('POST', `/api/catalogue/${open.id}/enrol`, tok.trainer, {}), 403, 'FORBIDDEN');
    expect(ok(await req('GET', '/api/me/learning', tok.trainer))).toEqual({ items: [], hoursThisYear: 0 });
  });

  it('the demo seed: the learner has the digital communication course from the ward rule, first lesson complete', async () => {
    const mine = ok(await req('GET', '/api/me/learning', tok.learner));
    const card = mine.items.find((i: Any) => i.courseTitle === 'Kỹ năng truyền thông số cho cán bộ chuyên trách');
    expect(card).toEqual(expect.objectContaining({ source: 'rule', status: 'in_progress', dueDate: '2030-12-31', durationHours: 8, sequential: true }));
    expect(card.progress).toBeGreaterThan(0);
    const p = ok(await req('GET', `/api/me/learning/${card.courseId}`, tok.learner));
    const flat = p.sections.flatMap((s: Any) => s.items);
    expect(flat[0].status).toBe('completed');
    expect(flat[1].status).not.toBe('locked');
    expect(flat[2].status).toBe('locked');
    expect(flat[0].bodyHtml).toContain('<h2>');
    const course = ok(await req('GET', `/api/courses/${card.courseId}`, tok.manager));
    expect(course).toEqual(expect.objectContaining({ status: 'published', tags: expect.arrayContaining(['digital_communication']), ownerUnitId: wardUnit.id }));
  });
});
