import * as ExcelJS from 'exceljs';
import { randomBytes } from 'node:crypto';
import { call, startTestApp, TestApp } from '../helpers';
import {
  auditFor, buildCsv, buildXlsx, createStaff, createUnit, createUser, demoTokens, expectError, importRows, ok, rnd, searchStaff, todayIso,
  SheetRow, Staff, TEMPLATE_HEADERS, Tokens, Unit, upload, ward,
} from './fixtures';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('staff imports', () => {
  let t: TestApp;
  let tok: Tokens;
  let wardUnit: Unit;

  beforeAll(async () => {
    t = await startTestApp();
    tok = await demoTokens(t.app);
    wardUnit = await ward(t.app, tok.admin);
  });
  afterAll(async () => { await t.close(); });

  /** A valid template row for person i of batch s in unit u. */
  const good = (s: string, i: number, u: Unit, extra: SheetRow = {}): SheetRow => ({
    staffCode: `imp-${s}-${i}`, familyName: 'Nguyễn', middleName: 'Thị', givenName: `Hoa${i}`, gender: 'Nữ', birthYear: 1980 + (i % 20),
    email: `hoa${i}.${s}@dakbla.example`, phone: `09${String(10000000 + i).slice(-8)}`, unitCode: u.code, unitName: u.name,
    position: 'Chuyên viên', category: 'Công chức', dtRole: 'Không', status: 'Đang công tác', ...extra,
  });

  const byCode = async (prefix: string, token = tok.admin) => searchStaff(t.app, token, prefix);

  // ------------------------------------------------------------------ template

  it('the template downloads as an XLSX whose header row parses back to the template columns, and a filled-in copy imports', async () => {
    const res = await call(t.app, { url: '/api/staff/imports/template', token: tok.manager });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain(XLSX_TYPE);
    expect(String(res.headers['content-disposition'])).toMatch(/^attachment; filename="[^"]+\.xlsx"/);
    const buf = res.raw.rawPayload;
    expect(buf.subarray(0, 2).toString('latin1')).toBe('PK');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('Danh sách');
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(TEMPLATE_HEADERS);
    expect(wb.worksheets.map((w) => w.name)).toContain('Hướng dẫn');

    // fill the template in: overwrite the example row with a real person of a real unit
    const u = await createUnit(t.app, tok.admin, wardUnit.id);
    const s = rnd();
    const row = good(s, 1, u);
    const keys = ['staffCode', 'familyName', 'middleName', 'givenName', 'fullName', 'gender', 'birthYear', 'email', 'phone', 'unitCode', 'unitName', 'position', 'category', 'dtRole', 'status'] as const;
    keys.forEach((k, i) => { ws.getRow(2).getCell(i + 1).value = (row[k] ?? null) as ExcelJS.CellValue; });
    const filled = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const sum = ok(await upload(t.app, tok.manager, 'mau-da-dien.xlsx', filled), 201);
    expect(sum).toEqual(expect.objectContaining({ fileName: 'mau-da-dien.xlsx', status: 'previewed', totalRows: 1, validRows: 1, errorRows: 0, createCount: 1 }));
    const rows = await importRows(t.app, tok.manager, sum.id);
    expect(rows.items[0]).toEqual(expect.objectContaining({ rowNumber: 2, action: 'create', errors: [] }));
    expect(rows.items[0].data).toEqual(expect.objectContaining({ staffCode: `imp-${s}-1`, fullName: 'Nguyễn Thị Hoa1', unitCode: u.code }));
  });

  it('only managers and admins may use imports (trainer and learner 403)', async () => {
    const buf = await buildXlsx([]);
    for (const token of [tok.trainer, tok.learner]) {
      expectError(await call(t.app, { url: '/api/staff/imports/template', token }), 403, 'FORBIDDEN');
      expectError(await upload(t.app, token, 'a.xlsx', buf), 403, 'FORBIDDEN');
    }
    expectError(await upload(t.app, '', 'a.xlsx', buf), 401, 'UNAUTHENTICATED');
  });

  // ------------------------------------------------------------------ preview, errors, commit

  it('a file with bad rows previews every problem by row number and field, and its commit is refused with nothing written', async () => {
    const u = await createUnit(t.app, tok.admin, wardUnit.id);
    const s = rnd();
    // someone already on the roster without a code or email
    await createStaff(t.app, tok.admin, u.id, { familyName: 'Đỗ', middleName: 'Thị', givenName: `Trùng${s}`, birthYear: 1990 });
    const file = await buildXlsx([
      good(s, 1, u), // row 2
      good(s, 2, u, { unitCode: `KHONG-CO-${s}` }), // row 3
      good(s, 3, u, { phone: '12345' }), // row 4
      { staffCode: `imp-${s}-4`, fullName: 'NguyÔn V¨n A', unitCode: u.code, category: 'Công chức' }, // row 5: TCVN3 text
      good(s, 5, u, { staffCode: `imp-${s}-1`, email: `khac.${s}@dakbla.example` }), // row 6: same code as row 2
      { familyName: 'Đỗ', middleName: 'Thị', givenName: `Trùng${s}`, birthYear: 1990, unitCode: u.code, category: 'Công chức' }, // row 7
    ]);
    const sum = ok(await upload(t.app, tok.manager, `loi-${s}.xlsx`, file), 201);
    expect(sum).toEqual(expect.objectContaining({
      status: 'previewed', totalRows: 6, validRows: 1, errorRows: 5, createCount: 1, updateCount: 0, unchangedCount: 0, processedRows: 0, committedAt: null,
    }));

    const errs = await importRows(t.app, tok.manager, sum.id, 'errors');
    expect(errs.total).toBe(5);
    const byRow = Object.fromEntries(errs.items.map((r) => [r.rowNumber, r]));
    expect(Object.keys(byRow).map(Number)).toEqual([3, 4, 5, 6, 7]);
    for (const r of errs.items) expect(r.action).toBe('error');
    const fields = (n: number) => byRow[n].errors.map((e: { field: string }) => e.field);
    expect(fields(3)).toEqual(['unitCode']);
    expect(byRow[3].errors[0].message).toContain(`KHONG-CO-${s}`);
    expect(fields(4)).toEqual(['phone']);
    expect(byRow[4].errors[0].message).toContain('12345');
    expect(fields(5)).toContain('fullName');
    expect(byRow[5].errors.find((e: { field: string }) => e.field === 'fullName').message).toContain('TCVN3');
    expect(fields(6)).toEqual(['staffCode']);
    expect(byRow[6].errors[0].message).toBe('Trùng mã cán bộ với dòng 2');
    expect(fields(7)).toEqual(['fullName']);
    expect(byRow[7].errors[0].message).toContain('trùng với người đã có');

    const all = await importRows(t.app, tok.manager, sum.id);
    expect(all.items.map((r) => [r.rowNumber, r.action])).toEqual([[2, 'create'], [3, 'error'], [4, 'error'], [5, 'error'], [6, 'error'], [7, 'error']]);

    const commit = await call(t.app, { method: 'POST', url: `/api/staff/imports/${sum.id}/commit`, token: tok.manager });
    expectError(commit, 409, 'IMPORT_HAS_ERRORS');
    expect(ok(await call(t.app, { url: `/api/staff/imports/${sum.id}`, token: tok.manager })).status).toBe('previewed');
    expect((await byCode(`imp-${s}`)).total).toBe(0);
    expect((await searchStaff(t.app, tok.admin, `trung${s}`)).total).toBe(1); // the existing person is still alone
  });

  it('error messages of the preview follow Accept-Language', async () => {
    const u = await createUnit(t.app, tok.admin, wardUnit.id);
    const s = rnd();
    const mp = await buildXlsx([good(s, 1, u, { phone: '12345' })]);
    const { multipart } = await import('../helpers');
    const body = multipart('en.xlsx', mp);
    const sum = ok(await call(t.app, { method: 'POST', url: '/api/staff/imports', token: tok.manager, payload: body.payload, headers: { ...body.headers, 'accept-language': 'en' } }), 201);
    const errs = await importRows(t.app, tok.manager, sum.id, 'errors');
    expect(errs.items[0].errors[0]).toEqual({ field: 'phone', message: 'Invalid mobile number "12345"' });
  });

  it('the fixed file commits (200) with its counts, the people become searchable, and both steps are audited', async () => {
    const u = await createUnit(t.app, tok.admin, wardUnit.id);
    const s = rnd();
    const rows = [
      good(s, 1, u), good(s, 2, u), good(s, 3, u, { phone: '+84 912 345 678' }),
      { staffCode: `imp-${s}-4`, fullName: 'Nguyễn Văn A', unitCode: u.code, category: 'Công chức' },
      good(s, 5, u, { dtRole: 'Chuyên trách', status: 'Nghỉ thai sản', category: 'Viên chức' }),
    ];
    const sum = ok(await upload(t.app, tok.manager, `dung-${s}.xlsx`, await buildXlsx(rows)), 201);
    expect(sum).toEqual(expect.objectContaining({ totalRows: 5, validRows: 5, errorRows: 0, createCount: 5 }));
    const done = ok(await call(t.app, { method: 'POST', url: `/api/staff/imports/${sum.id}/commit`, token: tok.manager }));
    expect(done).toEqual(expect.objectContaining({ id: sum.id, status: 'committed', createCount: 5, updateCount: 0, totalRows: 5, processedRows: 5, message: null }));
    expect(done.committedAt).toEqual(expect.any(String));

    const found = await byCode(`imp-${s}`);
    expect(found.total).toBe(5);
    const p3 = found.items.find((p) => p.staffCode === `imp-${s}-3`) as Staff;
    expect(p3).toEqual(expect.objectContaining({ fullName: 'Nguyễn Thị Hoa3', phone: '0912345678', unitId: u.id, gender: 'female', category: 'civil_servant', status: 'active' }));
    const p5 = found.items.find((p) => p.staffCode === `imp-${s}-5`) as Staff;
    expect(p5).toEqual(expect.objectContaining({ dtRole: 'dedicated', status: 'on_leave', leaveKind: 'maternity_leave', category: 'public_employee' }));
    const a = await searchStaff(t.app, tok.manager, 'nguyen van a', `&unitId=${u.id}`);
    expect(a.items.map((p) => p.staffCode)).toEqual([`imp-${s}-4`]);
    expect(a.items[0]).toEqual(expect.objectContaining({ familyName: 'Nguyễn', middleName: 'Văn', givenName: 'A' }));

    const actions = (await auditFor(t.app, tok.admin, sum.id)).map((e) => e.action).sort();
    expect(actions).toEqual(['staff.import_committed', 'staff.import_previewed']);
    // committing twice is refused
    expectError(await call(t.app, { method: 'POST', url: `/api/staff/imports/${sum.id}/commit`, token: tok.manager }), 409, 'IMPORT_NOT_PREVIEWED');
  });

  it('re-uploading the same file finds every row unchanged (upsert keyed on staff code); one changed cell is one update', async () => {
    const u = await createUnit(t.app, tok.admin, wardUnit.id);
    const s = rnd();
    const rows = [good(s, 1, u), good(s, 2, u), good(s, 3, u)];
    const file = await buildXlsx(rows);
    const first = ok(await upload(t.app, tok.manager, 'lan1.xlsx', file), 201);
    ok(await call(t.app, { method: 'POST', url: `/api/staff/imports/${first.id}/commit`, token: tok.manager }));

    const again = ok(await upload(t.app, tok.manager, 'lan2.xlsx', file), 201);
    expect(again).toEqual(expect.objectContaining({ totalRows: 3, errorRows: 0, createCount: 0, updateCount: 0, unchangedCount: 3 }));
    expect((await importRows(t.app, tok.manager, again.id)).items.map((r) => r.action)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    const same = ok(await call(t.app, { method: 'POST', url: `/api/staff/imports/${again.id}/commit`, token: tok.manager }));
    expect(same.status).toBe('committed');
    expect((await byCode(`imp-${s}`)).total).toBe(3);

    rows[1] = { ...rows[1], position: 'Phó Trưởng phòng', staffCode: String(rows[1].staffCode).toUpperCase() };
    const changed = ok(await upload(t.app, tok.manager, 'lan3.xlsx', await buildXlsx(rows)), 201);
    expect(changed).toEqual(expect.objectContaining({ totalRows: 3, errorRows: 0, createCount: 0, updateCount: 1, unchangedCount: 2 }));
    expect((await importRows(t.app, tok.manager, changed.id)).items.map((r) => r.action)).toEqual(['unchanged', 'update', 'unchanged']);
    const done = ok(await call(t.app, { method: 'POST', url: `/api/staff/imports/${changed.id}/commit`, token: tok.manager }));
    expect(done).toEqual(expect.objectContaining({ status: 'committed', updateCount: 1 }));
    const p2 = (await byCode(`imp-${s}-2`)).items[0];
    expect(p2.position).toBe('Phó Trưởng phòng');
    expect(p2.staffCode).toBe(`imp-${s}-2`.toUpperCase()); // the code's spelling follows the file
    expect((await byCode(`imp-${s}`)).total).toBe(3);
  });

  it('a status change in a re-imported file updates the person and opens a history period dated today', async () => {
    const u = await createUnit(t.app, tok.admin, wardUnit.id);
    const s = rnd();
    const rows = [good(s, 1, u)];
    const first = ok(await upload(t.app, tok.manager, 'a.xlsx', await buildXlsx(rows)), 201);
    ok(await call(t.app, { method: 'POST', url: `/api/staff/imports/${first.id}/commit`, token: tok.manager }));
    const p = (await byCode(`imp-${s}-1`)).items[0];
    // date the first period in the past so the change opens a second one
    await t.ds.query(`UPDATE staff_history SET valid_from = '2025-07-01' WHERE staff_id = $1`, [p.id]);
    await t.ds.query(`UPDATE staff_members SET status_since = '2025-07-01' WHERE id = $1`, [p.id]);
    const second = ok(await upload(t.app, tok.manager, 'b.xlsx', await buildXlsx([{ ...rows[0], status: 'Đi học dài hạn' }])), 201);
    expect(second.updateCount).toBe(1);
    ok(await call(t.app, { method: 'POST', url: `/api/staff/imports/${second.id}/commit`, token: tok.manager }));
    const after = ok(await call(t.app, { url: `/api/staff/${p.id}`, token: tok.manager }));
    const today = todayIso();
    expect(after).toEqual(expect.objectContaining({ status: 'on_leave', leaveKind: 'long_term_study', statusSince: today }));
    const h = ok(await call(t.app, { url: `/api/staff/${p.id}/history`, token: tok.manager })).items;
    expect(h.map((x: { validFrom: string; validTo: string | null; status: string }) => [x.validFrom, x.validTo, x.status])).toEqual([
      [today, null, 'on_leave'], ['2025-07-01', today, 'active'],
    ]);
  });

  it('a cancelled import answers 200 and can no longer be committed (409)', async () => {
    const u = await createUnit(t.app, tok.admin, wardUnit.id);
    const s = rnd();
    const sum = ok(await upload(t.app, tok.manager, 'huy.xlsx', await buildXlsx([good(s, 1, u), good(s, 2, u)])), 201);
    const cancelled = ok(await call(t.app, { method: 'POST', url: `/api/staff/imports/${sum.id}/cancel`, token: tok.manager }));
    expect(cancelled).toEqual(expect.objectContaining({ id: sum.id, status: 'cancelled' }));
    expectError(await call(t.app, { method: 'POST', url: `/api/staff/imports/${sum.id}/commit`, token: tok.manager }), 409, 'IMPORT_NOT_PREVIEWED');
    expectError(await call(t.app, { method: 'POST', url: `/api/staff/imports/${sum.id}/cancel`, token: tok.manager }), 409, 'IMPORT_NOT_PREVIEWED');
    expect(ok(await call(t.app, { url: `/api/staff/imports/${sum.id}`, token: tok.manager })).status).toBe('cancelled');
    expect((await byCode(`imp-${s}`)).total).toBe(0);
    expect((await auditFor(t.app, tok.admin, sum.id)).map((e) => e.action)).toContain('staff.import_cancelled');
  });

  // ------------------------------------------------------------------ formats

  it('a UTF-8 CSV with a BOM and ";" delimiters imports like an XLSX', async () => {
    const u = await createUnit(t.app, tok.admin, wardUnit.id);
    const s = rnd();
    const csv = buildCsv([
      good(s, 1, u, { familyName: 'Rơ Mah', middleName: '', givenName: 'H’Linh', position: 'Chuyên viên; kiêm thủ quỹ' }),
      good(s, 2, u, { familyName: 'Trần'.normalize('NFD'), middleName: 'Đức', givenName: 'Anh' }),
    ]);
    expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const sum = ok(await upload(t.app, tok.manager, 'danh-sach.csv', csv, 'text/csv'), 201);
    expect(sum).toEqual(expect.objectContaining({ totalRows: 2, errorRows: 0, createCount: 2 }));
    ok(await call(t.app, { method: 'POST', url: `/api/staff/imports/${sum.id}/commit`, token: tok.manager }));
    const p1 = (await byCode(`imp-${s}-1`)).items[0];
    expect(p1).toEqual(expect.objectContaining({ familyName: 'Rơ Mah', givenName: "H'Linh", fullName: "Rơ Mah H'Linh", position: 'Chuyên viên; kiêm thủ quỹ' }));
    const p2 = (await byCode(`imp-${s}-2`)).items[0];
    expect(p2.fullName).toBe('Trần Đức Anh');
    const [row] = await t.ds.query(`SELECT full_name IS NFC NORMALIZED AS nfc FROM staff_members WHERE id = $1`, [p2.id]);
    expect(row.nfc).toBe(true);
  });

  it('a PNG, a PDF, random bytes or a fake .xlsx answer 415 UNSUPPORTED_FILE naming fields.file', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(512)]);
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n');
    const cases: [string, Buffer][] = [['anh.png', png], ['ds.pdf', pdf], ['du-lieu.bin', randomBytes(4096)], ['danh-sach.xlsx', randomBytes(4096)], ['anh-doi-ten.xlsx', png]];
    for (const [name, buf] of cases) {
      const res = await upload(t.app, tok.manager, name, buf);
      expectError(res, 415, 'UNSUPPORTED_FILE');
      expect(Object.keys(res.body.fields)).toEqual(['file']);
      expect(res.body.fields.file.length).toBeGreaterThan(10);
    }
  });

  it('a POST that is not multipart answers 415 naming fields.file', async () => {
    const json = await call(t.app, { method: 'POST', url: '/api/staff/imports', token: tok.manager, body: { file: 'x' } });
    expectError(json, 415);
    expect(Object.keys(json.body.fields)).toEqual(['file']);
    const text = await call(t.app, { method: 'POST', url: '/api/staff/imports', token: tok.manager, payload: 'Họ và tên;Đơn vị\n', headers: { 'content-type': 'text/csv' } });
    expectError(text, 415);
    const none = await call(t.app, { method: 'POST', url: '/api/staff/imports', token: tok.manager });
    expectError(none, 415);
  });

  it('a multipart request without a "file" part, or with an empty file, answers 400 naming fields.file', async () => {
    const { multipart } = await import('../helpers');
    const wrong = multipart('a.xlsx', await buildXlsx([]), 'upload');
    const r1 = await call(t.app, { method: 'POST', url: '/api/staff/imports', token: tok.manager, payload: wrong.payload, headers: wrong.headers });
    expectError(r1, 400, 'VALIDATION_FAILED');
    expect(Object.keys(r1.body.fields)).toEqual(['file']);
    const r2 = await upload(t.app, tok.manager, 'rong.csv', Buffer.alloc(0));
    expectError(r2, 400, 'VALIDATION_FAILED');
    expect(Object.keys(r2.body.fields)).toEqual(['file']);
    // a spreadsheet without a recognisable header
    const r3 = await upload(t.app, tok.manager, 'x.csv', Buffer.from('a;b;c\n1;2;3\n'));
    expectError(r3, 400, 'VALIDATION_FAILED');
    expect(Object.keys(r3.body.fields)).toEqual(['file']);
  });

  it('a file over 10 MB answers 413 PAYLOAD_TOO_LARGE', async () => {
    const big = Buffer.concat([Buffer.from('Họ và tên;Đơn vị;Ghi chú\n'), Buffer.alloc(10 * 1024 * 1024 + 1024, 0x61)]);
    const res = await upload(t.app, tok.manager, 'qua-lon.csv', big);
    expectError(res, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('a 2 MB file (over the 1 MB JSON body limit, under the 10 MB upload limit) is accepted', async () => {
    const u = await createUnit(t.app, tok.admin, wardUnit.id);
    const s = rnd();
    const note = 'x'.repeat(1000);
    const lines = ['Mã cán bộ;Họ và tên;Mã đơn vị;Loại cán bộ;Ghi chú'];
    for (let i = 1; i <= 2100; i++) lines.push(`imp-${s}-${i};Lê Văn Hai${i};${u.code};Công chức;${note}`);
    const buf = Buffer.from(lines.join('\n'), 'utf8');
    expect(buf.length).toBeGreaterThan(2 * 1024 * 1024);
    const sum = ok(await upload(t.app, tok.manager, 'hai-mb.csv', buf), 201);
    expect(sum).toEqual(expect.objectContaining({ totalRows: 2100, errorRows: 0 }));
  });

  // ------------------------------------------------------------------ scope

  it('a manager importing a row for a unit outside their scope gets a row error, not a write', async () => {
    const a = await createUnit(t.app, tok.admin, wardUnit.id);
    const c = await createUnit(t.app, tok.admin, wardUnit.id);
    const mgr = await createUser(t.app, tok.admin, ['manager'], a.id);
    const s = rnd();
    const sum = ok(await upload(t.app, mgr.token, 'pham-vi.xlsx', await buildXlsx([good(s, 1, a), good(s, 2, c)])), 201);
    expect(sum).toEqual(expect.objectContaining({ totalRows: 2, errorRows: 1, createCount: 1 }));
    const errs = await importRows(t.app, mgr.token, sum.id, 'errors');
    expect(errs.items).toHaveLength(1);
    expect(errs.items[0].rowNumber).toBe(3);
    expect(errs.items[0].errors).toEqual([{ field: 'unitCode', message: 'Đơn vị ngoài phạm vi quản lý của bạn' }]);
    expectError(await call(t.app, { method: 'POST', url: `/api/staff/imports/${sum.id}/commit`, token: mgr.token }), 409, 'IMPORT_HAS_ERRORS');
    expect((await byCode(`imp-${s}`)).total).toBe(0);
  });

  it('a manager cannot update, through an import, a person outside their scope who holds the same staff code', async () => {
    const a = await createUnit(t.app, tok.admin, wardUnit.id);
    const c = await createUnit(t.app, tok.admin, wardUnit.id);
    const mgr = await createUser(t.app, tok.admin, ['manager'], a.id);
    const s = rnd();
    const outsider = await createStaff(t.app, tok.admin, c.id, { staffCode: `imp-${s}-1` });
    const sum = ok(await upload(t.app, mgr.token, 'cuop.xlsx', await buildXlsx([good(s, 1, a)])), 201);
    expect(sum.errorRows).toBe(1);
    expect((await importRows(t.app, mgr.token, sum.id, 'errors')).items[0].errors.map((e: { field: string }) => e.field)).toEqual(['staffCode']);
    expect(ok(await call(t.app, { url: `/api/staff/${outsider.id}`, token: tok.admin })).unitId).toBe(c.id);
  });

  it('another manager cannot see, read, commit or cancel someone else\'s import (404); an admin can read it', async () => {
    const u = await createUnit(t.app, tok.admin, wardUnit.id);
    const other = await createUser(t.app, tok.admin, ['manager'], wardUnit.id);
    const s = rnd();
    const sum = ok(await upload(t.app, tok.manager, 'cua-toi.xlsx', await buildXlsx([good(s, 1, u)])), 201);
    for (const req of [
      { url: `/api/staff/imports/${sum.id}` },
      { url: `/api/staff/imports/${sum.id}/rows` },
      { method: 'POST' as const, url: `/api/staff/imports/${sum.id}/commit` },
      { method: 'POST' as const, url: `/api/staff/imports/${sum.id}/cancel` },
    ]) {
      expectError(await call(t.app, { ...req, token: other.token }), 404, 'NOT_FOUND');
    }
    expect(ok(await call(t.app, { url: `/api/staff/imports/${sum.id}`, token: tok.admin })).status).toBe('previewed');
    expect(ok(await call(t.app, { url: `/api/staff/imports/${sum.id}`, token: tok.manager })).status).toBe('previewed');
    expect((await byCode(`imp-${s}`)).total).toBe(0);
  });

  // ------------------------------------------------------------------ volume

  const bigRows = (s: string, u: Unit, n: number) => {
    const rows: SheetRow[] = [];
    for (let i = 1; i <= n; i++) {
      rows.push({
        staffCode: `big-${s}-${i}`, familyName: 'Phạm', middleName: 'Văn', givenName: `Số${i}`, birthYear: 1970 + (i % 30),
        phone: `08${String(10000000 + i).slice(-8)}`, unitCode: u.code, category: 'Viên chức', status: 'Đang công tác',
      });
    }
    return rows;
  };

  it('a 10,000-row XLSX with one bad row reports exactly that row and its commit is refused, writing no one', async () => {
    const u = await createUnit(t.app, tok.admin, wardUnit.id);
    const s = rnd();
    const rows = bigRows(s, u, 10_000);
    rows[4999] = { ...rows[4999], phone: '0123' }; // spreadsheet row 5001
    const file = await buildXlsx(rows);
    const started = Date.now();
    const sum = ok(await upload(t.app, tok.manager, 'muoi-nghin-loi.xlsx', file), 201);
    console.log(`10,000-row preview (${(file.length / 1024).toFixed(0)} KB): ${Date.now() - started} ms`);
    expect(sum).toEqual(expect.objectContaining({ totalRows: 10_000, errorRows: 1, validRows: 9_999, createCount: 9_999 }));
    const errs = await importRows(t.app, tok.manager, sum.id, 'errors');
    expect(errs.total).toBe(1);
    expect(errs.items[0].rowNumber).toBe(5001);
    expect(errs.items[0].errors.map((e: { field: string }) => e.field)).toEqual(['phone']);
    expectError(await call(t.app, { method: 'POST', url: `/api/staff/imports/${sum.id}/commit`, token: tok.manager }), 409, 'IMPORT_HAS_ERRORS');
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM staff_members WHERE staff_code LIKE $1`, [`big-${s}-%`]);
    expect(n).toBe(0);
  }, 120_000);

  it('10,000 valid rows commit in one go (well under a minute) with processedRows = totalRows', async () => {
    const u = await createUnit(t.app, tok.admin, wardUnit.id);
    const s = rnd();
    const file = await buildXlsx(bigRows(s, u, 10_000));
    const sum = ok(await upload(t.app, tok.manager, 'muoi-nghin.xlsx', file), 201);
    expect(sum).toEqual(expect.objectContaining({ totalRows: 10_000, errorRows: 0, createCount: 10_000 }));
    const started = Date.now();
    const done = ok(await call(t.app, { method: 'POST', url: `/api/staff/imports/${sum.id}/commit`, token: tok.manager }));
    const ms = Date.now() - started;
    console.log(`10,000-row commit: ${ms} ms`);
    expect(ms).toBeLessThan(60_000);
    expect(done).toEqual(expect.objectContaining({ status: 'committed', createCount: 10_000, totalRows: 10_000, processedRows: 10_000 }));
    const [{ n, h }] = await t.ds.query(
      `SELECT count(*)::int AS n, (SELECT count(*)::int FROM staff_history sh JOIN staff_members sm ON sm.id = sh.staff_id WHERE sm.staff_code LIKE $1) AS h
         FROM staff_members WHERE staff_code LIKE $1`,
      [`big-${s}-%`],
    );
    expect(n).toBe(10_000);
    expect(h).toBe(10_000);
    const listed = ok(await call(t.app, { url: `/api/staff?unitId=${u.id}&pageSize=1`, token: tok.manager }));
    expect(listed.total).toBe(10_000);
  }, 180_000);
});
