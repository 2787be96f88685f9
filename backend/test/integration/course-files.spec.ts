import * as ExcelJS from 'exceljs';
import { docx, exe, jpeg, multipartForm, pdf, png, pptx, webp, zip } from '../file-samples';
import { call, startTestApp, TestApp } from '../helpers';
import { auditFor, createStaff, createUnit, createUser, demoTokens, expectError, ok, rnd, todayIso, Tokens, Unit, ward } from './fixtures';

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any
const MB = 1024 * 1024;

describe('course files: cover images, lesson attachments; reminders; trainer picker', () => {
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
  const send = (method: 'PUT' | 'POST', url: string, token: string, name: string, content: Buffer, field = 'file') => {
    const m = multipartForm({}, { field, name, content });
    return call(t.app, { method, url, token, payload: m.payload, headers: m.headers });
  };
  const lesson = (title: string) => ({ type: 'lesson', title, bodyHtml: `<p>${title}</p>` });
  /** A course of the ward with one section: lessons L1, L2 (sequential) and a quiz. */
  const newCourse = async (extra: Record<string, unknown> = {}, publish = true) => {
    const c = ok(await req('POST', '/api/courses', tok.manager, {
      code: `TL-${rnd()}`, title: `Khóa có tệp ${rnd(2)}`, ownerUnitId: wardUnit.id, targetGroup: 'cbccvc', deliveryMode: 'self_paced', durationHours: 2, sequential: true, ...extra,
    }), 201);
    const o = ok(await req('PUT', `/api/courses/${c.id}/outline`, tok.manager, { sections: [{ title: 'Phần 1', items: [lesson('Bài 1'), lesson('Bài 2'), { type: 'quiz', title: 'Kiểm tra', minScore: 50 }] }] }));
    if (publish) ok(await req('POST', `/api/courses/${c.id}/publish`, tok.manager));
    const [l1, l2, quiz] = o.sections[0].items.map((i: Any) => i.id);
    return { course: c, sectionId: o.sections[0].id as string, l1, l2, quiz };
  };
  const newLearner = async (unitId = wardUnit.id) => {
    const person = await createStaff(t.app, tok.admin, unitId);
    const u = await createUser(t.app, tok.admin, ['learner'], null);
    ok(await req('PATCH', `/api/users/${u.id}`, tok.admin, { staffId: person.id }));
    return { person, token: u.token };
  };
  const fileCount = async () => (await t.ds.query(`SELECT count(*)::int AS n FROM stored_files`))[0].n as number;

  // ------------------------------------------------------------------ cover

  it('sets, serves, replaces and removes a course cover; the download has the stored type and safe headers', async () => {
    const { course } = await newCourse({}, false);
    expect(course.coverUrl).toBeNull();
    const set = ok(await send('PUT', `/api/courses/${course.id}/cover`, tok.trainer, 'Ảnh bìa.png', png()));
    expect(set.coverUrl).toMatch(new RegExp(`^/api/courses/${course.id}/cover\\?v=[0-9a-f]{8}$`));
    expect(ok(await req('GET', `/api/courses/${course.id}`, tok.manager)).coverUrl).toBe(set.coverUrl);

    const img = await call(t.app, { url: set.coverUrl, token: tok.manager });
    expect(img.status).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
    expect(img.headers['content-disposition']).toBe(`inline; filename="Anh bia.png"; filename*=UTF-8''%E1%BA%A2nh%20b%C3%ACa.png`);
    expect(img.headers['x-content-type-options']).toBe('nosniff');
    expect(img.headers['cache-control']).toBe('private');
    expect(img.raw.rawPayload.equals(png())).toBe(true);
    const [stored] = await t.ds.query(`SELECT f.size, f.mime_type, f.purpose, encode(f.sha256, 'hex') AS sha, f.file_name FROM courses c JOIN stored_files f ON f.id = c.cover_file_id WHERE c.id = $1`, [course.id]);
    expect(stored).toEqual({ size: png().length, mime_type: 'image/png', purpose: 'cover', sha: require('node:crypto').createHash('sha256').update(png()).digest('hex'), file_name: 'Ảnh bìa.png' });

    const before = await fileCount();
    const replaced = ok(await send('PUT', `/api/courses/${course.id}/cover`, tok.manager, 'bia.jpg', jpeg()));
    expect(replaced.coverUrl).not.toBe(set.coverUrl);
    expect(await fileCount()).toBe(before); // the old image is gone
    expect((await call(t.app, { url: replaced.coverUrl, token: tok.trainer })).headers['content-type']).toBe('image/jpeg');
    ok(await send('PUT', `/api/courses/${course.id}/cover`, tok.manager, 'bia.webp', webp()));

    const removed = ok(await req('DELETE', `/api/courses/${course.id}/cover`, tok.manager));
    expect(removed.coverUrl).toBeNull();
    expect(await fileCount()).toBe(before - 1);
    expectError(await req('GET', `/api/courses/${course.id}/cover`, tok.manager), 404, 'NOT_FOUND');
    expect(ok(await req('DELETE', `/api/courses/${course.id}/cover`, tok.manager)).coverUrl).toBeNull(); // nothing to remove: still fine
    const actions = (await auditFor(t.app, tok.admin, course.id)).map((a) => a.action);
    expect(actions.filter((a) => a === 'course.cover_set')).toHaveLength(3);
    expect(actions.filter((a) => a === 'course.cover_removed')).toHaveLength(1);
  });

  it('refuses a bad cover with a clear 4xx and writes nothing: program renamed .png, PDF, too large, wrong name, not multipart, no file', async () => {
    const { course } = await newCourse({}, false);
    const before = await fileCount();
    const url = `/api/courses/${course.id}/cover`;
    const exeRes = await send('PUT', url, tok.manager, 'bia.png', exe());
    expectError(exeRes, 415, 'FILE_TYPE_NOT_ALLOWED');
    expect(exeRes.body.fields.file).toMatch(/chương trình/);
    expectError(await send('PUT', url, tok.manager, 'bia.pdf', pdf()), 415, 'FILE_TYPE_NOT_ALLOWED');
    expectError(await send('PUT', url, tok.manager, 'bia.png', jpeg()), 415, 'FILE_TYPE_NOT_ALLOWED');
    const big = await send('PUT', url, tok.manager, 'bia.png', Buffer.concat([png(), Buffer.alloc(2 * MB)]));
    expectError(big, 413, 'FILE_TOO_LARGE');
    expect(big.body.message).toContain('2 MB');
    expect(big.body.fields.file).toContain('2 MB');
    const en = await call(t.app, { method: 'PUT', url, token: tok.manager, ...(() => { const m = multipartForm({}, { field: 'file', name: 'bia.png', content: Buffer.concat([png(), Buffer.alloc(3 * MB)]) }); return { payload: m.payload, headers: { ...m.headers, 'accept-language': 'en' } }; })() });
    expect(en.body.message).toBe('The file is larger than the 2 MB limit');
    expectError(await req('PUT', url, tok.manager, { file: 'x' }), 415);
    expectError(await send('PUT', url, tok.manager, 'bia.png', png(), 'image'), 400, 'VALIDATION_FAILED');
    expectError(await send('PUT', url, tok.manager, 'bia.png', Buffer.alloc(0)), 400, 'VALIDATION_FAILED');
    expect(await fileCount()).toBe(before);
    expect(ok(await req('GET', `/api/courses/${course.id}`, tok.manager)).coverUrl).toBeNull();
  });

  it('covers: only staff in scope change them; learners see them when enrolled or when the course is in the catalogue', async () => {
    const a = await createUnit(t.app, tok.admin, wardUnit.id);
    const b = await createUnit(t.app, tok.admin, wardUnit.id);
    const trainerA = await createUser(t.app, tok.admin, ['trainer'], a.id);
    const { course } = await newCourse();
    ok(await send('PUT', `/api/courses/${course.id}/cover`, tok.manager, 'bia.png', png()));
    expectError(await send('PUT', `/api/courses/${course.id}/cover`, tok.learner, 'bia.png', png()), 403, 'FORBIDDEN');
    expectError(await send('PUT', `/api/courses/${course.id}/cover`, trainerA.token, 'bia.png', png()), 404, 'NOT_FOUND');
    expectError(await req('DELETE', `/api/courses/${course.id}/cover`, trainerA.token), 404, 'NOT_FOUND');
    expectError(await req('GET', `/api/courses/${course.id}/cover`, trainerA.token), 404, 'NOT_FOUND');
    expectError(await call(t.app, { url: `/api/courses/${course.id}/cover` }), 401, 'UNAUTHENTICATED');

    const learner = await newLearner(b.id);
    expectError(await req('GET', `/api/courses/${course.id}/cover`, learner.token), 404, 'NOT_FOUND');
    ok(await req('POST', `/api/courses/${course.id}/enrolments`, tok.manager, { staffIds: [learner.person.id] }));
    expect((await req('GET', `/api/courses/${course.id}/cover`, learner.token)).status).toBe(200);
    expect(ok(await req('GET', `/api/me/learning/${course.id}`, learner.token)).course.coverUrl).toMatch(/\/cover\?v=/);

    const open = (await newCourse({ selfEnrol: true })).course;
    ok(await send('PUT', `/api/courses/${open.id}/cover`, tok.manager, 'bia.png', png()));
    const other = await newLearner(b.id);
    expect((await req('GET', `/api/courses/${open.id}/cover`, other.token)).status).toBe(200);
    const cat = ok(await req('GET', `/api/catalogue?q=${encodeURIComponent(open.code)}`, other.token));
    expect(cat.items[0].coverUrl).toMatch(/\/cover\?v=/);

    ok(await req('POST', `/api/courses/${course.id}/archive`, tok.manager));
    expectError(await send('PUT', `/api/courses/${course.id}/cover`, tok.manager, 'bia.png', png()), 409, 'COURSE_ARCHIVED');
  });

  // ------------------------------------------------------------------ attachments

  it('attaches files to a lesson, shows them in the outline and the player, keeps them across outline saves, and deletes them', async () => {
    const { course, sectionId, l1, l2, quiz } = await newCourse({}, false);
    const base = `/api/courses/${course.id}/items/${l1}/attachments`;
    const a1 = ok(await send('POST', base, tok.trainer, 'Tài liệu bài 1.pdf', pdf()), 201);
    expect(a1).toEqual({ id: expect.any(String), fileName: 'Tài liệu bài 1.pdf', mimeType: 'application/pdf', size: pdf().length, uploadedAt: expect.any(String) });
    const a2 = ok(await send('POST', base, tok.manager, 'Bài giảng.docx', docx()), 201);
    const a3 = ok(await send('POST', base, tok.manager, 'Trình chiếu.pptx', pptx()), 201);
    expect(a2.mimeType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(a3.mimeType).toBe('application/vnd.openxmlformats-officedocument.presentationml.presentation');

    let outline = ok(await req('GET', `/api/courses/${course.id}/outline`, tok.trainer));
    expect(outline.sections[0].items[0].attachments.map((a: Any) => a.id)).toEqual([a1.id, a2.id, a3.id]);
    expect(outline.sections[0].items[1].attachments).toEqual([]);
    expect(outline.sections[0].items[2].attachments).toBeUndefined(); // quizzes have none

    const dl = await req('GET', `${base}/${a2.id}`, tok.trainer);
    expect(dl.status).toBe(200);
    expect(dl.headers['content-type']).toBe(a2.mimeType);
    expect(dl.headers['content-disposition']).toBe(`attachment; filename="Bai giang.docx"; filename*=UTF-8''B%C3%A0i%20gi%E1%BA%A3ng.docx`);
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(dl.raw.rawPayload.equals(docx())).toBe(true);

    // saving the outline with the lesson's id keeps its files, even when renamed and moved
    outline = ok(await req('PUT', `/api/courses/${course.id}/outline`, tok.manager, { sections: [
      { id: sectionId, title: 'Phần 1', items: [{ id: l2, ...lesson('Bài 2') }, { id: l1, ...lesson('Bài 1 (sửa)') }, { id: quiz, type: 'quiz', title: 'Kiểm tra' }] },
    ] }));
    expect(outline.sections[0].items[1]).toEqual(expect.objectContaining({ id: l1, title: 'Bài 1 (sửa)' }));
    expect(outline.sections[0].items[1].attachments.map((a: Any) => a.id)).toEqual([a1.id, a2.id, a3.id]);

    // an outline read from GET can be sent back as it is (attachments are ignored on input, and kept)
    const roundTrip = ok(await req('PUT', `/api/courses/${course.id}/outline`, tok.manager, { sections: outline.sections }));
    expect(roundTrip.sections[0].items[1].attachments.map((a: Any) => a.id)).toEqual([a1.id, a2.id, a3.id]);

    // deleting one
    const before = await fileCount();
    expect((await req('DELETE', `${base}/${a1.id}`, tok.manager)).status).toBe(204);
    expect(await fileCount()).toBe(before - 1);
    expectError(await req('GET', `${base}/${a1.id}`, tok.manager), 404, 'NOT_FOUND');
    expectError(await req('DELETE', `${base}/${a1.id}`, tok.manager), 404, 'NOT_FOUND');
    // the same attachment through another item or course is not found
    expectError(await req('GET', `/api/courses/${course.id}/items/${l2}/attachments/${a2.id}`, tok.manager), 404, 'NOT_FOUND');

    // removing the lesson from the outline removes its files
    ok(await req('PUT', `/api/courses/${course.id}/outline`, tok.manager, { sections: [{ id: sectionId, title: 'Phần 1', items: [{ id: l2, ...lesson('Bài 2') }] }] }));
    expect(await fileCount()).toBe(before - 3);
    const actions = (await auditFor(t.app, tok.admin, course.id)).map((a) => a.action);
    expect(actions.filter((a) => a === 'course.attachment_added')).toHaveLength(3);
    expect(actions).toContain('course.attachment_removed');
  });

  it('refuses bad attachments: program renamed .pdf, ZIP named .docx, DOCX named .pptx, WebP, too large, the 11th file, a quiz item', async () => {
    const { course, l1, quiz } = await newCourse({}, false);
    const base = `/api/courses/${course.id}/items/${l1}/attachments`;
    const before = await fileCount();
    expectError(await send('POST', base, tok.manager, 'giay-moi.pdf', exe()), 415, 'FILE_TYPE_NOT_ALLOWED');
    expectError(await send('POST', base, tok.manager, 'setup.exe', pdf()), 415, 'FILE_TYPE_NOT_ALLOWED');
    expectError(await send('POST', base, tok.manager, 'tai-lieu.docx', zip({ 'a.txt': 'xin chào' })), 415, 'FILE_TYPE_NOT_ALLOWED');
    const misnamed = await send('POST', base, tok.manager, 'slide.pptx', docx());
    expectError(misnamed, 415, 'FILE_TYPE_NOT_ALLOWED');
    expect(misnamed.body.fields.file).toMatch(/\.pptx.*DOCX/);
    expectError(await send('POST', base, tok.manager, 'anh.webp', webp()), 415, 'FILE_TYPE_NOT_ALLOWED');
    const big = await send('POST', base, tok.manager, 'lon.pdf', Buffer.concat([pdf(), Buffer.alloc(10 * MB)]));
    expectError(big, 413, 'FILE_TOO_LARGE');
    expect(big.body.message).toContain('10 MB');
    const onQuiz = await send('POST', `/api/courses/${course.id}/items/${quiz}/attachments`, tok.manager, 'a.pdf', pdf());
    expectError(onQuiz, 400, 'VALIDATION_FAILED');
    expect(onQuiz.body.fields).toHaveProperty('itemId');
    expectError(await send('POST', `/api/courses/${course.id}/items/${course.id}/attachments`, tok.manager, 'a.pdf', pdf()), 404, 'NOT_FOUND');
    expectError(await send('POST', `/api/courses/${course.id}/items/not-a-uuid/attachments`, tok.manager, 'a.pdf', pdf()), 400, 'VALIDATION_FAILED');
    expect(await fileCount()).toBe(before);

    for (let i = 1; i <= 10; i++) ok(await send('POST', base, tok.manager, `Phần ${i}.pdf`, pdf(`Phan ${i}`)), 201);
    const eleventh = await send('POST', base, tok.manager, 'Phần 11.pdf', pdf());
    expectError(eleventh, 409, 'TOO_MANY_ATTACHMENTS');
    expect(eleventh.body.message).toContain('10');
    expect(await fileCount()).toBe(before + 10);

    expectError(await send('POST', base, tok.learner, 'a.pdf', pdf()), 403, 'FORBIDDEN');
    const a = await createUnit(t.app, tok.admin, wardUnit.id);
    const outsider = await createUser(t.app, tok.admin, ['trainer'], a.id);
    expectError(await send('POST', base, outsider.token, 'a.pdf', pdf()), 404, 'NOT_FOUND');
  });

  it('learners download an attachment only when enrolled and the lesson is unlocked', async () => {
    const { course, l1, l2 } = await newCourse();
    const att1 = ok(await send('POST', `/api/courses/${course.id}/items/${l1}/attachments`, tok.manager, 'Bài 1.pdf', pdf()), 201);
    const att2 = ok(await send('POST', `/api/courses/${course.id}/items/${l2}/attachments`, tok.manager, 'Bài 2.pdf', pdf('Bai 2')), 201);
    const url1 = `/api/courses/${course.id}/items/${l1}/attachments/${att1.id}`;
    const url2 = `/api/courses/${course.id}/items/${l2}/attachments/${att2.id}`;
    const learner = await newLearner();
    expectError(await req('GET', url1, learner.token), 404, 'NOT_FOUND');
    ok(await req('POST', `/api/courses/${course.id}/enrolments`, tok.manager, { staffIds: [learner.person.id] }));

    const player = ok(await req('GET', `/api/me/learning/${course.id}`, learner.token));
    const items = player.sections[0].items;
    expect(items[0].attachments).toEqual([expect.objectContaining({ id: att1.id, fileName: 'Bài 1.pdf' })]);
    expect(items[1]).toEqual(expect.objectContaining({ status: 'locked', attachments: [expect.objectContaining({ id: att2.id })] }));

    const dl = await req('GET', url1, learner.token);
    expect(dl.status).toBe(200);
    expect(dl.raw.rawPayload.equals(pdf())).toBe(true);
    expectError(await req('GET', url2, learner.token), 409, 'ITEM_LOCKED');
    ok(await req('POST', `/api/me/learning/${course.id}/items/${l1}/progress`, learner.token, { event: 'completed' }));
    expect((await req('GET', url2, learner.token)).status).toBe(200);

    // a withdrawn learner no longer can
    const e = ok(await req('GET', `/api/courses/${course.id}/enrolments?q=${encodeURIComponent(learner.person.fullName)}`, tok.manager)).items[0];
    ok(await req('POST', `/api/enrolments/${e.id}/withdraw`, tok.manager, { reason: 'Chuyển công tác' }));
    expectError(await req('GET', url1, learner.token), 404, 'NOT_FOUND');
    expectError(await req('DELETE', url1, learner.token), 403, 'FORBIDDEN');
  });

  // ------------------------------------------------------------------ reminders

  it('lists people to remind (overdue first, then due soon; Vietnamese order), scoped, and exports them as an audited XLSX', async () => {
    const u = await createUnit(t.app, tok.admin, wardUnit.id);
    const { course, l1 } = await newCourse();
    const mk = (given: string, extra: Record<string, unknown> = {}) => createStaff(t.app, tok.admin, u.id, { familyName: 'Lê', middleName: 'Văn', givenName: given, ...extra });
    const an = await mk('Ân', { email: `an.${rnd()}@dakbla.gov.vn`, phone: '0912345678' });
    const anh = await mk('Anh');
    const bich = await mk('Bích');
    const later = await mk('Cường');
    const done = await mk('Dũng');
    const nodue = await mk('Hà');
    ok(await req('POST', `/api/courses/${course.id}/enrolments`, tok.manager, { staffIds: [an.id, anh.id, bich.id, later.id, done.id, nodue.id] }));
    const day = (n: number) => { const d = new Date(`${todayIso()}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + n); return d.toISOString().slice(0, 10); };
    const setDue = (id: string, due: string | null) => t.ds.query(`UPDATE enrolments SET due_date = $3 WHERE course_id = $1 AND staff_id = $2`, [course.id, id, due]);
    await setDue(an.id, day(-3));
    await setDue(anh.id, day(-3));
    await setDue(bich.id, day(-10));
    await setDue(later.id, day(20));
    await setDue(done.id, day(-5));
    await setDue(nodue.id, null);
    await t.ds.query(`UPDATE enrolments SET status = 'completed', completed_at = now() WHERE course_id = $1 AND staff_id = $2`, [course.id, done.id]);

    const r = ok(await req('GET', `/api/courses/${course.id}/reminders`, tok.manager));
    const mine = r.items.filter((i: Any) => i.enrolment.unitId === u.id);
    // Ân and Anh have the same due date: "Anh" < "Ân" in Vietnamese order (a < â)
    expect(mine.map((i: Any) => [i.enrolment.fullName, i.daysOverdue])).toEqual([['Lê Văn Bích', 10], ['Lê Văn Anh', 3], ['Lê Văn Ân', 3]]);
    expect(mine[2]).toEqual(expect.objectContaining({ email: an.email, phone: '0912345678' }));
    expect(mine[0].enrolment).toEqual(expect.objectContaining({ staffId: bich.id, status: 'enrolled', dueDate: day(-10), progress: 0 }));
    const wide = ok(await req('GET', `/api/courses/${course.id}/reminders?withinDays=30`, tok.manager)).items.filter((i: Any) => i.enrolment.unitId === u.id);
    expect(wide.map((i: Any) => [i.enrolment.fullName, i.daysOverdue])).toEqual([['Lê Văn Bích', 10], ['Lê Văn Anh', 3], ['Lê Văn Ân', 3], ['Lê Văn Cường', -20]]);

    // starting a lesson keeps one on the list (in progress)
    const learner = await createUser(t.app, tok.admin, ['learner'], null);
    ok(await req('PATCH', `/api/users/${learner.id}`, tok.admin, { staffId: bich.id }));
    ok(await req('POST', `/api/me/learning/${course.id}/items/${l1}/progress`, learner.token, { event: 'opened' }));
    expect(ok(await req('GET', `/api/courses/${course.id}/reminders`, tok.manager)).items.find((i: Any) => i.enrolment.staffId === bich.id).enrolment.status).toBe('in_progress');

    // a trainer scoped elsewhere: the course is out of scope
    const other = await createUnit(t.app, tok.admin, wardUnit.id);
    const outsider = await createUser(t.app, tok.admin, ['trainer'], other.id);
    expectError(await req('GET', `/api/courses/${course.id}/reminders`, outsider.token), 404, 'NOT_FOUND');
    expectError(await req('GET', `/api/courses/${course.id}/reminders.xlsx`, outsider.token), 404, 'NOT_FOUND');
    expectError(await req('GET', `/api/courses/${course.id}/reminders`, tok.learner), 403, 'FORBIDDEN');
    expectError(await req('GET', `/api/courses/${course.id}/reminders?withinDays=-1`, tok.manager), 400, 'VALIDATION_FAILED');
    expectError(await req('GET', `/api/courses/${course.id}/reminders?withinDays=abc`, tok.manager), 400, 'VALIDATION_FAILED');

    const x = await req('GET', `/api/courses/${course.id}/reminders.xlsx?withinDays=30`, tok.manager);
    expect(x.status).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    expect(x.headers['content-disposition']).toMatch(/^attachment; filename="nhac-hoc-/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.raw.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(String(ws.getCell('A1').value)).toContain(course.title);
    expect(ws.getRow(2).values).toEqual(expect.arrayContaining(['Họ và tên', 'Email', 'Hạn hoàn thành', 'Số ngày quá hạn']));
    const names: string[] = [];
    ws.eachRow((row, n) => { if (n > 2) names.push(String(row.getCell(2).value)); });
    expect(names.filter((n) => n.startsWith('Lê Văn'))).toEqual(['Lê Văn Bích', 'Lê Văn Anh', 'Lê Văn Ân', 'Lê Văn Cường']);
    const bichRow = ws.getRow(3);
    expect(bichRow.getCell(6).value).toEqual(new Date(`${day(-10)}T00:00:00Z`));
    expect(bichRow.getCell(7).value).toBe(10);
    const audit = await auditFor(t.app, tok.admin, course.id, 'export.course_reminders');
    expect(audit[0].details).toEqual(expect.objectContaining({ format: 'xlsx', withinDays: 30 }));
  });

  // ------------------------------------------------------------------ trainer picker

  it('offers trainers and managers of the caller\'s scope, diacritic-insensitive, and is not read as a course id', async () => {
    const a = await createUnit(t.app, tok.admin, wardUnit.id);
    const b = await createUnit(t.app, tok.admin, wardUnit.id);
    const tag = rnd(3);
    const mkUser = async (displayName: string, roles: string[], scopeUnitId: string | null) => ok(await req('POST', '/api/users', tok.admin, {
      username: `gv-${tag}-${rnd(2)}`, displayName, password: 'mat-khau-dai-12', roles, scopeUnitId,
    }), 201);
    const hoa = await mkUser(`Đặng Thị Hoà ${tag}`, ['trainer'], a.id);
    const mgr = await mkUser(`Phạm Quốc Đạt ${tag}`, ['manager', 'learner'], b.id);
    const learnerOnly = await mkUser(`Học Viên ${tag}`, ['learner'], null);
    const scopedA = await createUser(t.app, tok.admin, ['trainer'], a.id);

    const all = ok(await req('GET', `/api/courses/trainer-options?q=${tag}`, tok.admin)).items;
    expect(all.map((u: Any) => u.id).sort()).toEqual([hoa.id, mgr.id].sort());
    expect(all.find((u: Any) => u.id === hoa.id)).toEqual({ id: hoa.id, username: hoa.username, displayName: `Đặng Thị Hoà ${tag}`, unitName: a.name });
    expect(all.map((u: Any) => u.id)).not.toContain(learnerOnly.id);
    expect(ok(await req('GET', `/api/courses/trainer-options?q=${encodeURIComponent(`dang thi hoa ${tag}`)}`, tok.manager)).items.map((u: Any) => u.id)).toEqual([hoa.id]);
    expect(ok(await req('GET', `/api/courses/trainer-options?q=${encodeURIComponent(`ĐẠT ${tag}`)}`, tok.trainer)).items.map((u: Any) => u.id)).toEqual([mgr.id]);
    // a trainer scoped to unit A sees A's people only
    expect(ok(await req('GET', `/api/courses/trainer-options?q=${tag}`, scopedA.token)).items.map((u: Any) => u.id)).toEqual([hoa.id]);
    expect(ok(await req('GET', '/api/courses/trainer-options', tok.admin)).items.length).toBeLessThanOrEqual(50);
    expectError(await req('GET', '/api/courses/trainer-options', tok.learner), 403, 'FORBIDDEN');
    expectError(await req('GET', `/api/courses/trainer-options?q=${'x'.repeat(101)}`, tok.manager), 400, 'VALIDATION_FAILED');
  });
});
