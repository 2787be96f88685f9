import * as ExcelJS from 'exceljs';
import { docx, exe, jpeg, multipartForm, pdf, png } from '../file-samples';
import { call, startTestApp, TestApp } from '../helpers';
import { auditFor, createStaff, createUnit, createUser, demoTokens, expectError, ok, rnd, todayIso, Tokens, Unit, ward } from './fixtures';

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any
const MB = 1024 * 1024;

describe('external completions (BDHVS, provincial programmes): evidence, review, hours ledger, import', () => {
  let t: TestApp;
  let tok: Tokens;
  let wardUnit: Unit;
  const year = Number(todayIso().slice(0, 4));
  const day = (n: number) => { const d = new Date(`${todayIso()}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + n); return d.toISOString().slice(0, 10); };
  /** a date of this year in the past (today on 1 January) */
  const thisYear = () => (day(-1).startsWith(String(year)) ? day(-1) : todayIso());
  const dmy = (iso: string) => iso.split('-').reverse().join('/');

  beforeAll(async () => {
    t = await startTestApp();
    tok = await demoTokens(t.app);
    wardUnit = await ward(t.app, tok.admin);
  });
  afterAll(async () => { await t.close(); });

  const req = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, token: string, body?: unknown) => call(t.app, { method, url, token, body });
  const fields = (extra: Record<string, string | number | undefined> = {}) => ({
    source: 'bdhvs', title: `Kỹ năng số cơ bản ${rnd(2)}`, provider: 'binhdanhocvuso.gov.vn', completedOn: thisYear(), hours: '4', ...extra,
  });
  const submit = (token: string, f: Record<string, string | number | undefined>, file: { name: string; content: Buffer } | null = { name: 'Giấy chứng nhận.pdf', content: pdf() }, lang?: string) => {
    const m = multipartForm(f, file ? { field: 'evidence', ...file } : undefined);
    return call(t.app, { method: 'POST', url: '/api/external-completions', token, payload: m.payload, headers: { ...m.headers, ...(lang ? { 'accept-language': lang } : {}) } });
  };
  const newLearner = async (unitId = wardUnit.id, extra: Record<string, unknown> = {}) => {
    const person = await createStaff(t.app, tok.admin, unitId, extra);
    const u = await createUser(t.app, tok.admin, ['learner'], null);
    ok(await req('PATCH', `/api/users/${u.id}`, tok.admin, { staffId: person.id }));
    return { person, token: u.token, userId: u.id };
  };
  const counts = async () => (await t.ds.query(`SELECT (SELECT count(*) FROM completions)::int AS completions, (SELECT count(*) FROM stored_files)::int AS files`))[0];
  const hoursOf = (learning: Any) => learning.hoursByYear.find((h: Any) => h.year === year)?.hours ?? 0;

  it('a learner submits their own with evidence; pending counts nowhere; an approved one counts in the hours ledger with its source', async () => {
    const l = await newLearner();
    const c = ok(await submit(l.token, fields({ title: 'Bảo vệ dữ liệu cá nhân', hours: '1,5', certificateNo: 'BDHVS-2025-001', tags: '2.1, resolution_57' })), 201);
    expect(c).toEqual(expect.objectContaining({
      staffId: l.person.id, fullName: l.person.fullName, unitId: wardUnit.id, unitName: wardUnit.name, source: 'bdhvs', status: 'pending', rule: 'external_bdhvs',
      courseId: null, courseVersion: null, title: 'Bảo vệ dữ liệu cá nhân', courseTitle: 'Bảo vệ dữ liệu cá nhân', provider: 'binhdanhocvuso.gov.vn',
      completedOn: thisYear(), hours: 1.5, certificateNo: 'BDHVS-2025-001', tags: ['2.1', 'resolution_57'],
      evidence: { fileName: 'Giấy chứng nhận.pdf', mimeType: 'application/pdf', size: pdf().length },
      reviewedBy: null, reviewedAt: null, reviewNote: null, importId: null,
    }));
    expect(c.submittedAt).toEqual(expect.any(String));
    expect(ok(await req('GET', '/api/me/external-completions', l.token)).items.map((x: Any) => x.id)).toEqual([c.id]);

    // pending: nowhere in the ledger
    let learning = ok(await req('GET', `/api/staff/${l.person.id}/learning`, tok.manager));
    expect(learning.completions).toEqual([]);
    expect(hoursOf(learning)).toBe(0);
    expect(ok(await req('GET', '/api/me/learning', l.token)).hoursThisYear).toBe(0);

    // the evidence: the owner and staff in scope; not another learner
    const ev = await req('GET', `/api/external-completions/${c.id}/evidence`, l.token);
    expect(ev.status).toBe(200);
    expect(ev.headers['content-type']).toBe('application/pdf');
    expect(ev.headers['content-disposition']).toBe(`attachment; filename="Giay chung nhan.pdf"; filename*=UTF-8''Gi%E1%BA%A5y%20ch%E1%BB%A9ng%20nh%E1%BA%ADn.pdf`);
    expect(ev.raw.rawPayload.equals(pdf())).toBe(true);
    expect((await req('GET', `/api/external-completions/${c.id}/evidence`, tok.manager)).status).toBe(200);
    expect((await req('GET', `/api/external-completions/${c.id}/evidence`, tok.trainer)).status).toBe(200);
    const other = await newLearner();
    expectError(await req('GET', `/api/external-completions/${c.id}/evidence`, other.token), 404, 'NOT_FOUND');

    // approval by the manager
    const a = ok(await req('POST', `/api/external-completions/${c.id}/approve`, tok.manager, { note: 'Đã đối chiếu giấy chứng nhận' }));
    expect(a).toEqual(expect.objectContaining({ status: 'approved', reviewNote: 'Đã đối chiếu giấy chứng nhận', reviewedBy: expect.any(String), reviewedByName: expect.any(String), reviewedAt: expect.any(String) }));
    learning = ok(await req('GET', `/api/staff/${l.person.id}/learning`, tok.manager));
    expect(learning.completions).toEqual([expect.objectContaining({ id: c.id, source: 'bdhvs', status: 'approved', hours: 1.5, courseId: null, courseTitle: 'Bảo vệ dữ liệu cá nhân', rule: 'external_bdhvs' })]);
    expect(hoursOf(learning)).toBe(1.5);
    expect(ok(await req('GET', '/api/me/learning', l.token)).hoursThisYear).toBe(1.5);

    // reviewed once
    expectError(await req('POST', `/api/external-completions/${c.id}/approve`, tok.manager, {}), 409, 'COMPLETION_ALREADY_REVIEWED');
    expectError(await req('POST', `/api/external-completions/${c.id}/reject`, tok.admin, { note: 'Sai' }), 409, 'COMPLETION_ALREADY_REVIEWED');
    const actions = (await auditFor(t.app, tok.admin, c.id)).map((x) => x.action);
    expect(actions).toEqual(expect.arrayContaining(['external_completion.created', 'external_completion.approved']));
  });

  it('approving one that stands for a course completes the enrolment (rule external_<source>), creating it when missing', async () => {
    const course = ok(await req('POST', '/api/courses', tok.manager, {
      code: `EX-${rnd()}`, title: `Chuyển đổi số cơ bản ${rnd(2)}`, ownerUnitId: wardUnit.id, targetGroup: 'cbccvc', deliveryMode: 'self_paced', durationHours: 3,
    }), 201);
    ok(await req('PUT', `/api/courses/${course.id}/outline`, tok.manager, { sections: [{ title: 'P', items: [{ type: 'lesson', title: 'Bài 1' }, { type: 'lesson', title: 'Bài 2' }] }] }));
    ok(await req('POST', `/api/courses/${course.id}/publish`, tok.manager));
    const enrolled = await newLearner();
    ok(await req('POST', `/api/courses/${course.id}/enrolments`, tok.manager, { staffIds: [enrolled.person.id] }));

    // the learner: enrolled, so the course may be named; the title defaults to the course title
    const c1 = ok(await submit(enrolled.token, fields({ courseId: course.id, title: undefined, source: 'provincial_program', provider: 'Sở KH&CN tỉnh Quảng Ngãi', hours: 6 })), 201);
    expect(c1).toEqual(expect.objectContaining({ courseId: course.id, title: course.title, courseTitle: course.title, status: 'pending' }));
    expect(ok(await req('GET', `/api/me/learning/${course.id}`, enrolled.token)).enrolment.status).toBe('enrolled');
    ok(await req('POST', `/api/external-completions/${c1.id}/approve`, tok.manager, {}));
    const player = ok(await req('GET', `/api/me/learning/${course.id}`, enrolled.token));
    expect(player.enrolment).toEqual(expect.objectContaining({ status: 'completed', progress: 100 }));
    const learning = ok(await req('GET', `/api/staff/${enrolled.person.id}/learning`, tok.manager));
    expect(learning.completions).toEqual([expect.objectContaining({ id: c1.id, courseId: course.id, source: 'provincial_program', rule: 'external_provincial_program', hours: 6 })]);
    expect(learning.enrolments[0]).toEqual(expect.objectContaining({ courseId: course.id, status: 'completed' }));

    // staff submit for someone not enrolled: approval creates the enrolment, completed
    const notEnrolled = await createStaff(t.app, tok.admin, wardUnit.id);
    const c2 = ok(await submit(tok.trainer, fields({ staffId: notEnrolled.id, courseId: course.id })), 201);
    expect(ok(await req('GET', `/api/staff/${notEnrolled.id}/learning`, tok.manager)).enrolments).toEqual([]);
    ok(await req('POST', `/api/external-completions/${c2.id}/approve`, tok.admin, {}));
    const l2 = ok(await req('GET', `/api/staff/${notEnrolled.id}/learning`, tok.manager));
    expect(l2.enrolments).toEqual([expect.objectContaining({ courseId: course.id, status: 'completed', source: 'manual' })]);
    expect(hoursOf(l2)).toBe(4);
    expect(ok(await req('GET', `/api/courses/${course.id}`, tok.manager)).completedCount).toBe(2);
    expect((await auditFor(t.app, tok.admin, l2.enrolments[0].id)).map((x) => x.action)).toContain('course.completed');

    // a draft course, or one the learner cannot see, cannot be named
    const draft = ok(await req('POST', '/api/courses', tok.manager, { code: `DR-${rnd()}`, title: 'Nháp', ownerUnitId: wardUnit.id, targetGroup: 'cbccvc', deliveryMode: 'self_paced', durationHours: 1 }), 201);
    const bad = await submit(enrolled.token, fields({ courseId: draft.id }));
    expectError(bad, 400, 'VALIDATION_FAILED');
    expect(bad.body.fields).toHaveProperty('courseId');
  });

  it('a rejected one counts nowhere, needs a reason, and the same training may be sent again', async () => {
    const l = await newLearner();
    const f = fields();
    const c = ok(await submit(l.token, f), 201);
    expectError(await submit(l.token, f), 409, 'COMPLETION_DUPLICATE');
    const noNote = await req('POST', `/api/external-completions/${c.id}/reject`, tok.manager, {});
    expectError(noNote, 400, 'VALIDATION_FAILED');
    expect(noNote.body.fields).toHaveProperty('note');
    const r = ok(await req('POST', `/api/external-completions/${c.id}/reject`, tok.manager, { note: 'Giấy chứng nhận không rõ' }));
    expect(r).toEqual(expect.objectContaining({ status: 'rejected', reviewNote: 'Giấy chứng nhận không rõ' }));
    const learning = ok(await req('GET', `/api/staff/${l.person.id}/learning`, tok.manager));
    expect(learning.completions).toEqual([]);
    expect(hoursOf(learning)).toBe(0);
    expect(ok(await req('GET', '/api/me/learning', l.token)).hoursThisYear).toBe(0);
    expect(ok(await req('GET', '/api/me/external-completions', l.token)).items[0].status).toBe('rejected');
    ok(await submit(l.token, f), 201);
    expect((await auditFor(t.app, tok.admin, c.id)).map((x) => x.action)).toContain('external_completion.rejected');
  });

  it('refuses bad submissions with a 4xx naming the field, writing nothing', async () => {
    const l = await newLearner();
    const before = await counts();
    const exeRes = await submit(l.token, fields(), { name: 'chung-nhan.pdf', content: exe() });
    expectError(exeRes, 415, 'FILE_TYPE_NOT_ALLOWED');
    expect(exeRes.body.fields).toHaveProperty('evidence');
    expectError(await submit(l.token, fields(), { name: 'chung-nhan.docx', content: docx() }), 415, 'FILE_TYPE_NOT_ALLOWED');
    expectError(await submit(l.token, fields(), { name: 'chung-nhan.png', content: jpeg() }), 415, 'FILE_TYPE_NOT_ALLOWED');
    const big = await submit(l.token, fields(), { name: 'chung-nhan.pdf', content: Buffer.concat([pdf(), Buffer.alloc(5 * MB)]) });
    expectError(big, 413, 'FILE_TOO_LARGE');
    expect(big.body.fields.evidence).toContain('5 MB');
    const noFile = await submit(l.token, fields(), null);
    expectError(noFile, 400, 'VALIDATION_FAILED');
    expect(noFile.body.fields).toHaveProperty('evidence');
    const wrongField = multipartForm(fields(), { field: 'file', name: 'a.pdf', content: pdf() });
    expectError(await call(t.app, { method: 'POST', url: '/api/external-completions', token: l.token, payload: wrongField.payload, headers: wrongField.headers }), 400, 'VALIDATION_FAILED');
    expectError(await req('POST', '/api/external-completions', l.token, fields()), 415);

    const field = async (f: Record<string, string | number | undefined>, name: string, lang?: string) => {
      const res = await submit(l.token, f, undefined, lang);
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(Object.keys(res.body.fields)).toEqual([name]);
      return res.body.fields[name] as string;
    };
    expect(await field(fields({ completedOn: day(1) }), 'completedOn')).toMatch(/tương lai/);
    expect(await field(fields({ completedOn: day(1) }), 'completedOn', 'en')).toMatch(/future/);
    await field(fields({ completedOn: '2025-02-30' }), 'completedOn');
    await field(fields({ completedOn: '1970-01-01' }), 'completedOn');
    expect(await field(fields({ hours: 0 }), 'hours')).toMatch(/lớn hơn 0/);
    await field(fields({ hours: 501 }), 'hours');
    await field(fields({ hours: '-2' }), 'hours');
    await field(fields({ hours: 'bốn' }), 'hours');
    await field(fields({ hours: '1.555' }), 'hours');
    await field(fields({ source: 'internal' }), 'source');
    await field(fields({ provider: undefined }), 'provider');
    await field(fields({ title: undefined }), 'title');
    await field(fields({ title: 'x'.repeat(301) }), 'title');
    await field(fields({ tags: 'Có Dấu' }), 'tags');
    await field(fields({ staffId: 'khong-phai-uuid' }), 'staffId');
    await field(fields({ surprise: '1' }), 'surprise');
    expect(await counts()).toEqual(before);
  });

  it('scope: a learner cannot submit for someone else, staff only for people in scope (404 outside); only managers and admins review', async () => {
    const a = await createUnit(t.app, tok.admin, wardUnit.id);
    const b = await createUnit(t.app, tok.admin, wardUnit.id);
    const trainerA = await createUser(t.app, tok.admin, ['trainer'], a.id);
    const managerA = await createUser(t.app, tok.admin, ['manager'], a.id);
    const inA = await createStaff(t.app, tok.admin, a.id);
    const inB = await createStaff(t.app, tok.admin, b.id);
    const before = await counts();
    expectError(await submit(trainerA.token, fields({ staffId: inB.id })), 404, 'NOT_FOUND');
    expectError(await submit(tok.learner, fields({ staffId: inA.id })), 404, 'NOT_FOUND');
    expectError(await submit(trainerA.token, fields({ staffId: '00000000-0000-4000-8000-000000000000' })), 404, 'NOT_FOUND');
    const unlinked = await submit(trainerA.token, fields());
    expectError(unlinked, 400, 'VALIDATION_FAILED');
    expect(unlinked.body.fields).toHaveProperty('staffId');
    expect(await counts()).toEqual(before);

    const cA = ok(await submit(trainerA.token, fields({ staffId: inA.id, source: 'provincial_program' })), 201);
    const cB = ok(await submit(tok.admin, fields({ staffId: inB.id })), 201);
    expectError(await req('POST', `/api/external-completions/${cA.id}/approve`, tok.learner, {}), 403, 'FORBIDDEN');
    expectError(await req('POST', `/api/external-completions/${cA.id}/approve`, trainerA.token, {}), 403, 'FORBIDDEN');
    expectError(await req('POST', `/api/external-completions/${cA.id}/reject`, tok.learner, { note: 'x' }), 403, 'FORBIDDEN');
    expectError(await req('POST', `/api/external-completions/${cB.id}/approve`, managerA.token, {}), 404, 'NOT_FOUND');
    expectError(await req('GET', `/api/external-completions/${cB.id}/evidence`, trainerA.token), 404, 'NOT_FOUND');
    expectError(await req('GET', '/api/external-completions', tok.learner), 403, 'FORBIDDEN');
    ok(await req('POST', `/api/external-completions/${cA.id}/approve`, managerA.token, {}));

    // the list: the caller's people only; filters by status, source, unit, and name / title without diacritics
    const listA = ok(await req('GET', '/api/external-completions?pageSize=200', trainerA.token));
    expect(listA.items.map((x: Any) => x.id)).toEqual([cA.id]);
    expect(ok(await req('GET', `/api/external-completions?unitId=${b.id}`, trainerA.token))).toEqual(expect.objectContaining({ items: [], total: 0 }));
    const byUnit = ok(await req('GET', `/api/external-completions?unitId=${b.id}&status=pending&source=bdhvs`, tok.manager));
    expect(byUnit.items.map((x: Any) => x.id)).toEqual([cB.id]);
    expect(ok(await req('GET', `/api/external-completions?unitId=${b.id}&status=approved`, tok.manager)).total).toBe(0);
    const q = encodeURIComponent(`${inB.fullName}`.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase());
    expect(ok(await req('GET', `/api/external-completions?q=${q}&unitId=${b.id}`, tok.admin)).items.map((x: Any) => x.id)).toEqual([cB.id]);
    expect(ok(await req('GET', `/api/external-completions?q=${encodeURIComponent('ky nang so co ban')}&unitId=${a.id}`, tok.admin)).items.map((x: Any) => x.id)).toEqual([cA.id]);
    expectError(await req('GET', '/api/external-completions?status=done', tok.manager), 400, 'VALIDATION_FAILED');
  });

  // ------------------------------------------------------------------ import

  const HEADERS = ['STT', 'Mã nhân sự hoặc Họ và tên', 'Năm sinh', 'Đơn vị', 'Nguồn', 'Nội dung bồi dưỡng', 'Đơn vị tổ chức', 'Ngày hoàn thành', 'Số giờ', 'Số giấy chứng nhận'];
  const sheet = async (rows: unknown[][], headerRow = HEADERS) => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Danh sách');
    ws.addRow(['DANH SÁCH CÁN BỘ HOÀN THÀNH BỒI DƯỠNG']);
    ws.addRow(headerRow);
    rows.forEach((r) => ws.addRow(r));
    return Buffer.from(await wb.xlsx.writeBuffer());
  };
  const upload = (token: string, buf: Buffer, name = 'ket-qua.xlsx', lang?: string) => {
    const m = multipartForm({}, { field: 'file', name, content: buf });
    return call(t.app, { method: 'POST', url: '/api/external-completions/imports', token, payload: m.payload, headers: { ...m.headers, ...(lang ? { 'accept-language': lang } : {}) } });
  };

  it('serves the template with Vietnamese headers and an example row; it reads back as a file to import', async () => {
    const res = await req('GET', '/api/external-completions/template.xlsx', tok.trainer);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''m%E1%BA%ABu`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Danh sách') as ExcelJS.Worksheet;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    expect(ws.getRow(2).getCell(5).value).toBe('Bình dân học vụ số');
    expect(wb.getWorksheet('Hướng dẫn')).toBeTruthy();
    const preview = ok(await upload(tok.manager, res.raw.rawPayload), 201);
    expect(preview.rows).toEqual([expect.objectContaining({ row: 2, status: 'error' })]); // the example person is not on the roster
    expectError(await req('GET', '/api/external-completions/template.xlsx', tok.learner), 403, 'FORBIDDEN');
  });

  it('previews an import (code, name + birth year, unit when ambiguous); refuses the commit while a row has an error and writes nothing', async () => {
    const u = await createUnit(t.app, tok.admin, wardUnit.id);
    const u2 = await createUnit(t.app, tok.admin, wardUnit.id);
    const code = `NV-${rnd()}`;
    const byCode = await createStaff(t.app, tok.admin, u.id, { staffCode: code, givenName: `Mã${rnd(2)}` });
    const given = `Hạnh${rnd(2)}`;
    const byName = await createStaff(t.app, tok.admin, u.id, { familyName: 'Nguyễn', middleName: 'Thị Mỹ', givenName: given, birthYear: 1990 });
    const twinA = await createStaff(t.app, tok.admin, u.id, { familyName: 'Trần', middleName: 'Văn', givenName: `Song${given}`, birthYear: 1985 });
    await createStaff(t.app, tok.admin, u2.id, { familyName: 'Trần', middleName: 'Văn', givenName: `Song${given}`, birthYear: 1985 });
    const existing = ok(await submit(tok.admin, fields({ staffId: byCode.id, title: 'An toàn thông tin', completedOn: '2025-09-01' })), 201);
    const outsider = await createStaff(t.app, tok.admin, (await unitOutsideWard()).id, { staffCode: `OUT-${rnd()}` });
    const folded = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');

    const rows = [
      [1, code, null, null, 'Bình dân học vụ số', 'Kỹ năng số cơ bản', 'binhdanhocvuso.gov.vn', new Date(Date.UTC(2025, 8, 15)), 4, 'GCN-1'],
      [2, folded(`nguyen thi my ${given}`).toUpperCase(), 1990, null, 'Chuong trinh cua tinh', 'Chuyển đổi số trong cơ quan nhà nước', 'Sở KH&CN tỉnh Quảng Ngãi', '20/10/2025', '7,5', null],
      [3, `Trần Văn Song${given}`, 1985, null, 'bdhvs', 'Kỹ năng số cơ bản', 'binhdanhocvuso.gov.vn', '01/10/2025', 4, null], // ambiguous
      [4, `Trần Văn Song${given}`, 1985, u.name, 'bdhvs', 'Kỹ năng số cơ bản', 'binhdanhocvuso.gov.vn', '01/10/2025', 4, null], // unit decides
      [5, 'Người Không Có', 1970, null, 'bdhvs', 'Kỹ năng số cơ bản', 'binhdanhocvuso.gov.vn', '01/10/2025', 4, null],
      [6, code, null, null, 'bdhvs', 'Ngày mai', 'binhdanhocvuso.gov.vn', day(2).split('-').reverse().join('/'), 4, null],
      [7, code, null, null, 'bdhvs', 'Quá nhiều giờ', 'binhdanhocvuso.gov.vn', '01/10/2025', 600, null],
      [8, code, null, null, 'Tự học', 'Nguồn lạ', 'binhdanhocvuso.gov.vn', '01/10/2025', 4, null],
      [9, code, null, null, 'bdhvs', 'AN TOAN THONG TIN', 'binhdanhocvuso.gov.vn', '01/09/2025', 4, null], // already recorded
      [10, code, null, null, 'bdhvs', 'Kỹ năng số cơ bản', 'binhdanhocvuso.gov.vn', '15/09/2025', 4, null], // same as row 1
      [11, outsider.staffCode, null, null, 'bdhvs', 'Ngoài phạm vi', 'binhdanhocvuso.gov.vn', '01/10/2025', 4, null],
      [12, 'Nguyễn Văn A', null, null, 'bdhvs', 'Không năm sinh', 'binhdanhocvuso.gov.vn', '01/10/2025', 4, null],
      [13, code, null, null, 'bdhvs', null, null, '31/02/2025', null, null],
    ];
    const before = await counts();
    const p = ok(await upload(tok.manager, await sheet(rows)), 201);
    const byRow = new Map(p.rows.map((r: Any) => [r.row, r]));
    const row = (n: number) => byRow.get(n + 2) as Any; // title row + header row
    expect(row(1)).toEqual(expect.objectContaining({ staffId: byCode.id, fullName: byCode.fullName, status: 'ok', errors: [] }));
    expect(row(1).data).toEqual(expect.objectContaining({ source: 'bdhvs', completedOn: '2025-09-15', hours: 4, certificateNo: 'GCN-1', unitName: u.name }));
    expect(row(2)).toEqual(expect.objectContaining({ staffId: byName.id, status: 'ok' }));
    expect(row(2).data).toEqual(expect.objectContaining({ source: 'provincial_program', completedOn: '2025-10-20', hours: 7.5 }));
    expect(row(3)).toEqual(expect.objectContaining({ status: 'error' }));
    expect(row(3).errors[0]).toEqual({ field: 'person', message: expect.stringMatching(/Có 2 người/) });
    expect(row(4)).toEqual(expect.objectContaining({ staffId: twinA.id, status: 'ok' }));
    expect(row(5).errors[0].message).toMatch(/Không tìm thấy/);
    expect(row(6).errors).toEqual([{ field: 'completedOn', message: expect.stringMatching(/tương lai/) }]);
    expect(row(7).errors).toEqual([{ field: 'hours', message: expect.stringMatching(/500/) }]);
    expect(row(8).errors).toEqual([{ field: 'source', message: expect.stringMatching(/Tự học/) }]);
    expect(row(9)).toEqual(expect.objectContaining({ status: 'duplicate', errors: [] }));
    expect(row(10)).toEqual(expect.objectContaining({ status: 'duplicate', errors: [] }));
    expect(row(11).errors[0].field).toBe('person'); // out of the manager's scope: not found
    expect(row(12).errors).toEqual([{ field: 'birthYear', message: expect.stringMatching(/năm sinh/) }]);
    expect(row(13).errors.map((e: Any) => e.field).sort()).toEqual(['completedOn', 'hours', 'provider', 'title']);
    expect(p).toEqual(expect.objectContaining({ okCount: 3, duplicateCount: 2, errorCount: 8 }));
    expect(p.rows).toHaveLength(13);

    const enPreview = ok(await upload(tok.manager, await sheet([rows[5]]), 'x.xlsx', 'en'), 201);
    expect(enPreview.rows[0].errors[0].message).toMatch(/future/);

    expectError(await req('POST', `/api/external-completions/imports/${p.id}/commit`, tok.manager, {}), 409, 'IMPORT_HAS_ERRORS');
    expect(await counts()).toEqual(before);
    expect(existing.status).toBe('pending');
  });

  it('commits a clean import: rows approved with the importer as reviewer, counted in the ledger, duplicates skipped, audited; once only', async () => {
    const u = await createUnit(t.app, tok.admin, wardUnit.id);
    const code = `NV-${rnd()}`;
    const p1 = await createStaff(t.app, tok.admin, u.id, { staffCode: code });
    const p2 = await createStaff(t.app, tok.admin, u.id, { familyName: 'Đỗ', middleName: 'Thị', givenName: `Lan${rnd(2)}`, birthYear: 1979 });
    ok(await submit(tok.admin, fields({ staffId: p1.id, title: 'Đã có', completedOn: '2025-03-01' })), 201);
    const file = await sheet([
      [1, code, null, null, 'bdhvs', 'Kỹ năng số cơ bản', 'binhdanhocvuso.gov.vn', dmy(thisYear()), 4, 'GCN-9'],
      [2, p2.fullName, 1979, null, 'Chương trình của tỉnh', 'Ứng dụng AI trong hành chính', 'Sở Nội vụ', dmy(thisYear()), 2.5, null],
      [3, code, null, null, 'bdhvs', 'Đã có', 'binhdanhocvuso.gov.vn', '01/03/2025', 4, null],
    ]);
    const p = ok(await upload(tok.manager, file), 201);
    expect(p).toEqual(expect.objectContaining({ okCount: 2, duplicateCount: 1, errorCount: 0 }));
    const rowsBefore = (await counts()).completions;

    // only the importer commits it; trainers and learners cannot import at all
    const otherManager = await createUser(t.app, tok.admin, ['manager'], wardUnit.id);
    expectError(await req('POST', `/api/external-completions/imports/${p.id}/commit`, otherManager.token, {}), 404, 'NOT_FOUND');
    expectError(await upload(tok.trainer, file), 403, 'FORBIDDEN');
    expectError(await upload(tok.learner, file), 403, 'FORBIDDEN');
    expectError(await req('POST', `/api/external-completions/imports/${p.id}/commit`, tok.learner, {}), 403, 'FORBIDDEN');

    const res = ok(await req('POST', `/api/external-completions/imports/${p.id}/commit`, tok.manager, {}));
    expect(res).toEqual({ created: 2 });
    expect((await counts()).completions).toBe(rowsBefore + 2);
    expectError(await req('POST', `/api/external-completions/imports/${p.id}/commit`, tok.manager, {}), 409, 'IMPORT_NOT_PREVIEWED');
    expectError(await req('POST', `/api/external-completions/imports/${p.id}/cancel`, tok.manager, {}), 409, 'IMPORT_NOT_PREVIEWED');

    const l1 = ok(await req('GET', `/api/staff/${p1.id}/learning`, tok.manager));
    expect(l1.completions).toEqual([expect.objectContaining({ source: 'bdhvs', status: 'approved', hours: 4, courseTitle: 'Kỹ năng số cơ bản' })]); // the pending "Đã có" is not counted
    expect(hoursOf(l1)).toBe(4);
    const l2 = ok(await req('GET', `/api/staff/${p2.id}/learning`, tok.manager));
    expect(hoursOf(l2)).toBe(2.5);
    const listed = ok(await req('GET', `/api/external-completions?unitId=${u.id}&status=approved`, tok.manager)).items;
    expect(listed).toHaveLength(2);
    expect(listed.every((x: Any) => x.importId === p.id && x.reviewedBy && x.evidence === null)).toBe(true);
    const audit = await auditFor(t.app, tok.admin, p.id, 'external_completion.imported');
    expect(audit[0].details).toEqual(expect.objectContaining({ created: 2, skippedDuplicates: 1 }));

    // cancel: 204, then no commit
    const q = ok(await upload(tok.manager, await sheet([[1, code, null, null, 'bdhvs', 'Khác', 'x', dmy(thisYear()), 1, null]])), 201);
    expect((await req('POST', `/api/external-completions/imports/${q.id}/cancel`, tok.manager, {})).status).toBe(204);
    expectError(await req('POST', `/api/external-completions/imports/${q.id}/commit`, tok.manager, {}), 409, 'IMPORT_NOT_PREVIEWED');
  });

  it('refuses a commit when a person has left the importer\'s scope since the preview, writing nothing', async () => {
    const a = await createUnit(t.app, tok.admin, wardUnit.id);
    const b = await createUnit(t.app, tok.admin, wardUnit.id);
    const managerA = await createUser(t.app, tok.admin, ['manager'], a.id);
    const code = `NV-${rnd()}`;
    const p1 = await createStaff(t.app, tok.admin, a.id, { staffCode: code });
    const p = ok(await upload(managerA.token, await sheet([[1, code, null, null, 'bdhvs', 'Kỹ năng số', 'binhdanhocvuso.gov.vn', dmy(thisYear()), 2, null]])), 201);
    expect(p.okCount).toBe(1);
    ok(await req('PATCH', `/api/staff/${p1.id}`, tok.admin, { unitId: b.id }));
    const before = await counts();
    const res = await req('POST', `/api/external-completions/imports/${p.id}/commit`, managerA.token, {});
    expectError(res, 409, 'IMPORT_HAS_ERRORS');
    expect(res.body.fields.file).toMatch(/phạm vi/);
    expect(await counts()).toEqual(before);
  });

  it('refuses files that are not the spreadsheet: not XLSX, no header, missing columns, no rows', async () => {
    expectError(await upload(tok.manager, pdf(), 'ket-qua.xlsx'), 415, 'FILE_TYPE_NOT_ALLOWED');
    expectError(await upload(tok.manager, Buffer.from('Họ và tên;Số giờ\nA;1\n'), 'ket-qua.csv'), 415, 'FILE_TYPE_NOT_ALLOWED');
    expectError(await upload(tok.manager, png(), 'ket-qua.png'), 415, 'FILE_TYPE_NOT_ALLOWED');
    const noHeader = await upload(tok.manager, await sheet([[1, 2, 3]], ['a', 'b', 'c']));
    expectError(noHeader, 400, 'VALIDATION_FAILED');
    expect(noHeader.body.fields.file).toMatch(/tiêu đề/);
    const missing = await upload(tok.manager, await sheet([['x', 'y']], ['Họ và tên', 'Nội dung bồi dưỡng', 'Năm sinh']));
    expectError(missing, 400, 'VALIDATION_FAILED');
    expect(missing.body.fields.file).toMatch(/Thiếu cột: Nguồn, Đơn vị tổ chức, Ngày hoàn thành, Số giờ/);
    const empty = await upload(tok.manager, await sheet([]));
    expectError(empty, 400, 'VALIDATION_FAILED');
    expect(empty.body.fields.file).toMatch(/không có dòng/);
  });

  // a unit outside the ward (the demo manager's scope)
  async function unitOutsideWard(): Promise<Unit> {
    const units = ok(await req('GET', '/api/org-units', tok.admin)).items as Unit[];
    const wardId = wardUnit.id;
    const parentOfWard = wardUnit.parentId;
    const outside = units.find((x) => x.id !== wardId && x.parentId === parentOfWard && x.id !== parentOfWard);
    if (outside) return outside;
    return createUnit(t.app, tok.admin, parentOfWard as string);
  }
});
