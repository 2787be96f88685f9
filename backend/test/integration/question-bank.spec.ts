/**
 * Question bank: banks and categories in the org-unit scope, questions with immutable versions, diacritic-insensitive
 * search, the learner preview, import (upload → preview → commit / cancel) and export with round trips.
 */
import * as ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { call, startTestApp, TestApp } from '../helpers';
import { auditFor, createUnit, createUser, demoTokens, expectError, ok, rnd, Tokens, Unit, ward } from './fixtures';
import { parseQuestionXlsx } from '../../src/modules/questions/formats';
import { DEMO_BANK_NAME, findDemoQuestionBank } from '../../src/database/seed/question-seed';

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any
const CORPORA = path.resolve(__dirname, '../corpora');

/** multipart/form-data with text fields and one file */
function form(fields: Record<string, string>, file?: { name: string; content: Buffer; field?: string }) {
  const boundary = `----qb${rnd()}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
    parts.push(file.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('question bank', () => {
  let t: TestApp;
  let tok: Tokens;
  let wardUnit: Unit;
  let unitA: Unit;
  let unitB: Unit;
  let trainerA: string; // a trainer scoped to unit A

  beforeAll(async () => {
    t = await startTestApp();
    tok = await demoTokens(t.app);
    wardUnit = await ward(t.app, tok.admin);
    unitA = await createUnit(t.app, tok.admin, wardUnit.id);
    unitB = await createUnit(t.app, tok.admin, wardUnit.id);
    trainerA = (await createUser(t.app, tok.admin, ['trainer'], unitA.id)).token;
  });
  afterAll(async () => { await t.close(); });

  const req = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, token: string, body?: unknown) => call(t.app, { method, url, token, body });
  const newBank = async (token: string, ownerUnitId: string, name = `Ngân hàng thử ${rnd(2)}`) => {
    const bank = ok(await req('POST', '/api/question-banks', token, { name, ownerUnitId, description: 'Dùng cho kiểm thử' }), 201);
    const cats = ok(await req('GET', `/api/question-banks/${bank.id}/categories`, token)).items;
    return { ...bank, rootId: cats[0].id as string };
  };
  const newCategory = async (token: string, bankId: string, name: string, parentId?: string) =>
    ok(await req('POST', `/api/question-banks/${bankId}/categories`, token, { name, parentId }), 201);
  const sc = (categoryId: string, title: string, extra: Record<string, unknown> = {}) => ({
    categoryId, type: 'single_choice', title, text: `<p>${title}?</p>`,
    data: { answers: [{ text: 'Đúng', fraction: 1, feedback: 'Chính xác' }, { text: 'Sai', fraction: 0, feedback: '' }], generalFeedback: '<p>Giải thích</p>' },
    ...extra,
  });
  const upload = (token: string, bankId: string, fields: Record<string, string>, file?: { name: string; content: Buffer; field?: string }) => {
    const f = form(fields, file);
    return call(t.app, { method: 'POST', url: `/api/question-banks/${bankId}/imports`, token, payload: f.payload, headers: f.headers });
  };
  const countQuestions = async (bankId: string) =>
    Number((await t.ds.query(`SELECT count(*) AS n FROM questions WHERE bank_id = $1`, [bankId]))[0].n);
  const allQuestions = async (token: string, bankId: string, extra = '') =>
    ok(await req('GET', `/api/question-banks/${bankId}/questions?pageSize=200${extra}`, token)).items as Any[];

  // ------------------------------------------------------------------ demo data

  it('seeds the demo bank of the ward with nested categories and every type', async () => {
    const demo = await findDemoQuestionBank(t.ds.manager);
    expect(demo).not.toBeNull();
    const bank = ok(await req('GET', `/api/question-banks/${demo!.bankId}`, tok.trainer));
    expect(bank).toMatchObject({ name: DEMO_BANK_NAME, ownerUnitId: wardUnit.id, ownerUnitName: wardUnit.name });
    expect(bank.questionCount).toBeGreaterThanOrEqual(30);
    const cats = ok(await req('GET', `/api/question-banks/${demo!.bankId}/categories`, tok.trainer)).items;
    expect(cats.map((c: Any) => c.name)).toEqual(expect.arrayContaining(['Mặc định', 'Nghị quyết 57-NQ/TW', 'Kỹ năng số cơ bản', 'Dịch vụ công trực tuyến', 'An toàn thông tin', 'Truyền thông số']));
    const online = cats.find((c: Any) => c.name === 'Dịch vụ công trực tuyến');
    expect(cats.find((c: Any) => c.id === online.parentId).name).toBe('Kỹ năng số cơ bản');
    const items = await allQuestions(tok.trainer, demo!.bankId);
    const types = new Map<string, number>();
    for (const q of items) types.set(q.type, (types.get(q.type) ?? 0) + 1);
    for (const type of ['single_choice', 'multiple_choice', 'true_false', 'short_answer', 'numeric', 'matching', 'ordering', 'missing_word', 'essay', 'description']) {
      expect([type, (types.get(type) ?? 0) >= 3]).toEqual([type, true]);
    }
    // Vietnamese stored with diacritics, NFC
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM question_versions v JOIN questions q ON q.id = v.question_id WHERE q.bank_id = $1 AND NOT (v.text IS NFC NORMALIZED)`, [demo!.bankId]);
    expect(n).toBe(0);
    expect(items.map((q: Any) => q.title)).toContain('Cơ quan ban hành Nghị quyết 57-NQ/TW');
  });

  // ------------------------------------------------------------------ banks and categories

  it('creates, reads, lists, updates and deletes a bank; audits every change', async () => {
    const name = `Ngân hàng Kỹ năng số ${rnd(2)}`;
    const bank = await newBank(tok.trainer, wardUnit.id, name);
    expect(bank).toMatchObject({ name, ownerUnitId: wardUnit.id, ownerUnitName: wardUnit.name, description: 'Dùng cho kiểm thử', questionCount: 0 });
    const cats = ok(await req('GET', `/api/question-banks/${bank.id}/categories`, tok.trainer)).items;
    expect(cats).toEqual([{ id: bank.rootId, bankId: bank.id, parentId: null, name: 'Mặc định', position: 0, questionCount: 0 }]);
    const list = ok(await req('GET', `/api/question-banks?q=${encodeURIComponent(name.toLowerCase().replace('ngân hàng', 'ngan hang').replace('kỹ năng số', 'ky nang so'))}`, tok.manager));
    expect(list.items.map((b: Any) => b.id)).toEqual([bank.id]);
    const upd = ok(await req('PATCH', `/api/question-banks/${bank.id}`, tok.trainer, { description: 'Mô tả mới', ownerUnitId: unitA.id }));
    expect(upd).toMatchObject({ description: 'Mô tả mới', ownerUnitId: unitA.id });
    ok(await req('POST', `/api/question-banks/${bank.id}/questions`, tok.trainer, sc(bank.rootId, 'Câu hỏi giữ ngân hàng')), 201);
    expectError(await req('DELETE', `/api/question-banks/${bank.id}`, tok.trainer), 409, 'BANK_NOT_EMPTY');
    const empty = await newBank(tok.trainer, wardUnit.id);
    await newCategory(tok.trainer, empty.id, 'Con', empty.rootId);
    expect((await req('DELETE', `/api/question-banks/${empty.id}`, tok.trainer)).status).toBe(204);
    expectError(await req('GET', `/api/question-banks/${empty.id}`, tok.trainer), 404, 'NOT_FOUND');
    const audit = await auditFor(t.app, tok.admin, bank.id);
    expect(audit.map((a: Any) => a.action)).toEqual(expect.arrayContaining(['question_bank.created', 'question_bank.updated']));
    expect((await auditFor(t.app, tok.admin, empty.id)).map((a: Any) => a.action)).toContain('question_bank.deleted');
    // bad input names the field
    const bad = await req('POST', '/api/question-banks', tok.trainer, { name: '', ownerUnitId: 'x' });
    expectError(bad, 400, 'VALIDATION_FAILED');
    expect(Object.keys(bad.body.fields)).toEqual(expect.arrayContaining(['name']));
  });

  it('keeps banks of another unit out of scope (404), refuses foreign owner units (400)', async () => {
    const foreign = await newBank(tok.admin, unitB.id);
    const q = ok(await req('POST', `/api/question-banks/${foreign.id}/questions`, tok.admin, sc(foreign.rootId, 'Câu hỏi đơn vị B')), 201);
    const own = await newBank(trainerA, unitA.id);
    for (const [method, url, body] of [
      ['GET', `/api/question-banks/${foreign.id}`],
      ['PATCH', `/api/question-banks/${foreign.id}`, { name: 'x' }],
      ['DELETE', `/api/question-banks/${foreign.id}`],
      ['GET', `/api/question-banks/${foreign.id}/categories`],
      ['POST', `/api/question-banks/${foreign.id}/categories`, { name: 'x' }],
      ['PATCH', `/api/question-categories/${foreign.rootId}`, { name: 'x' }],
      ['DELETE', `/api/question-categories/${foreign.rootId}`],
      ['GET', `/api/question-banks/${foreign.id}/questions`],
      ['POST', `/api/question-banks/${foreign.id}/questions`, sc(foreign.rootId, 'x')],
      ['GET', `/api/questions/${q.id}`],
      ['PUT', `/api/questions/${q.id}`, sc(foreign.rootId, 'x')],
      ['DELETE', `/api/questions/${q.id}`],
      ['GET', `/api/questions/${q.id}/versions`],
      ['GET', `/api/questions/${q.id}/versions/1`],
      ['GET', `/api/questions/${q.id}/preview`],
      ['GET', `/api/question-banks/${foreign.id}/export?format=gift`],
    ] as [Any, string, unknown?][]) {
      expectError(await req(method, url, trainerA, body), 404, 'NOT_FOUND');
    }
    const f = form({ format: 'gift', categoryId: foreign.rootId }, { name: 'a.gift', content: Buffer.from('Câu {T}') });
    expectError(await call(t.app, { method: 'POST', url: `/api/question-banks/${foreign.id}/imports`, token: trainerA, payload: f.payload, headers: f.headers }), 404, 'NOT_FOUND');
    const imp = ok(await upload(tok.admin, foreign.id, { format: 'gift', categoryId: foreign.rootId }, { name: 'a.gift', content: Buffer.from('Câu hỏi {T}') }), 201);
    for (const url of [`/api/question-imports/${imp.id}`]) expectError(await req('GET', url, trainerA), 404, 'NOT_FOUND');
    expectError(await req('POST', `/api/question-imports/${imp.id}/commit`, trainerA, {}), 404, 'NOT_FOUND');
    expectError(await req('POST', `/api/question-imports/${imp.id}/cancel`, trainerA, {}), 404, 'NOT_FOUND');
    expect(await countQuestions(foreign.id)).toBe(1);
    // the list shows only banks in scope; a foreign owner unit is refused by name
    const list = ok(await req('GET', '/api/question-banks?pageSize=200', trainerA));
    expect(list.items.map((b: Any) => b.id)).toContain(own.id);
    expect(list.items.map((b: Any) => b.id)).not.toContain(foreign.id);
    expect(list.items.every((b: Any) => b.ownerUnitId === unitA.id)).toBe(true);
    const res = await req('POST', '/api/question-banks', trainerA, { name: 'Ngân hàng lạ', ownerUnitId: unitB.id });
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(res.body.fields).toHaveProperty('ownerUnitId');
    expectError(await req('PATCH', `/api/question-banks/${own.id}`, trainerA, { ownerUnitId: unitB.id }), 400, 'VALIDATION_FAILED');
    // a category of another bank is refused in a question and as a parent
    const r1 = await req('POST', `/api/question-banks/${own.id}/questions`, trainerA, sc(foreign.rootId, 'x'));
    expectError(r1, 400, 'VALIDATION_FAILED');
    expect(r1.body.fields).toHaveProperty('categoryId');
    const r2 = await req('POST', `/api/question-banks/${own.id}/categories`, trainerA, { name: 'x', parentId: foreign.rootId });
    expect(r2.body.fields).toHaveProperty('parentId');
    // the learner may not manage questions at all
    expectError(await req('GET', '/api/question-banks', tok.learner), 403, 'FORBIDDEN');
  });

  it('nests categories, refuses duplicates, cycles and deleting non-empty ones', async () => {
    const bank = await newBank(tok.trainer, wardUnit.id);
    const a = await newCategory(tok.trainer, bank.id, 'An toàn thông tin', bank.rootId);
    const b = await newCategory(tok.trainer, bank.id, 'Mật khẩu', a.id);
    expect(b).toMatchObject({ parentId: a.id, name: 'Mật khẩu', position: 0 });
    expectError(await req('POST', `/api/question-banks/${bank.id}/categories`, tok.trainer, { name: 'AN TOÀN THÔNG TIN', parentId: bank.rootId }), 409, 'CATEGORY_NAME_TAKEN');
    ok(await req('POST', `/api/question-banks/${bank.id}/categories`, tok.trainer, { name: 'An toàn thông tin' }), 201); // another level is fine
    const cyc = await req('PATCH', `/api/question-categories/${a.id}`, tok.trainer, { parentId: b.id });
    expectError(cyc, 400, 'VALIDATION_FAILED');
    expect(cyc.body.fields).toHaveProperty('parentId');
    const renamed = ok(await req('PATCH', `/api/question-categories/${b.id}`, tok.trainer, { name: 'Mật khẩu mạnh', parentId: bank.rootId }));
    expect(renamed).toMatchObject({ name: 'Mật khẩu mạnh', parentId: bank.rootId });
    ok(await req('POST', `/api/question-banks/${bank.id}/questions`, tok.trainer, sc(b.id, 'Câu trong danh mục')), 201);
    expectError(await req('DELETE', `/api/question-categories/${b.id}`, tok.trainer), 409, 'CATEGORY_NOT_EMPTY');
    await newCategory(tok.trainer, bank.id, 'Con của A', a.id);
    expectError(await req('DELETE', `/api/question-categories/${a.id}`, tok.trainer), 409, 'CATEGORY_NOT_EMPTY');
    const leaf = await newCategory(tok.trainer, bank.id, 'Trống', bank.rootId);
    expect((await req('DELETE', `/api/question-categories/${leaf.id}`, tok.trainer)).status).toBe(204);
    // a category whose questions were deleted can go; the deleted questions move (attempts may still use them)
    const c = await newCategory(tok.trainer, bank.id, 'Tạm', bank.rootId);
    const q = ok(await req('POST', `/api/question-banks/${bank.id}/questions`, tok.trainer, sc(c.id, 'Câu sẽ xóa')), 201);
    expect((await req('DELETE', `/api/questions/${q.id}`, tok.trainer)).status).toBe(204);
    expect((await req('DELETE', `/api/question-categories/${c.id}`, tok.trainer)).status).toBe(204);
    const [moved] = await t.ds.query(`SELECT category_id, deleted_at FROM questions WHERE id = $1`, [q.id]);
    expect(moved.deleted_at).not.toBeNull();
    expect(moved.category_id).not.toBe(c.id);
  });

  // ------------------------------------------------------------------ questions

  it('creates a question with sanitised rich text and refuses invalid data naming the fields', async () => {
    const bank = await newBank(tok.trainer, wardUnit.id);
    const created = ok(await req('POST', `/api/question-banks/${bank.id}/questions`, tok.trainer, {
      categoryId: bank.rootId, type: 'multiple_choice', title: 'Mật khẩu an toàn', defaultMark: 2, tags: ['mật khẩu', 'An toàn'],
      text: '<p onclick="alert(1)">Chọn các đặc điểm <img src="data:image/png;base64,iVBORw0KGgo=" alt="hình"><script>x()</script></p>',
      data: {
        answers: [
          { text: 'Dài từ 12 ký tự', fraction: 0.5, feedback: '<b>Đúng</b>' }, { text: 'Có chữ số và ký tự đặc biệt', fraction: 0.5, feedback: '' },
          { text: 'Là ngày sinh', fraction: -1, feedback: 'Dễ đoán' },
        ],
        generalFeedback: '<p>Mật khẩu mạnh</p>',
      },
    }), 201);
    expect(created).toMatchObject({
      bankId: bank.id, categoryId: bank.rootId, type: 'multiple_choice', version: 1, currentVersion: 1, defaultMark: 2, tags: ['mật khẩu', 'An toàn'], usedInAttempts: 0,
      text: '<p>Chọn các đặc điểm <img src="data:image/png;base64,iVBORw0KGgo=" alt="hình"></p>',
    });
    expect(created.data.answers.map((a: Any) => a.fraction)).toEqual([0.5, 0.5, -1]);
    expect(ok(await req('GET', `/api/questions/${created.id}`, tok.manager))).toEqual(created);

    const bad = async (body: Record<string, unknown>, fields: string[]) => {
      const res = await req('POST', `/api/question-banks/${bank.id}/questions`, tok.trainer, { categoryId: bank.rootId, title: 'Câu lỗi', text: '<p>Nội dung</p>', ...body });
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(Object.keys(res.body.fields).sort()).toEqual(fields.sort());
      return res;
    };
    await bad({ type: 'single_choice', data: { answers: [{ text: 'A', fraction: 1 }] } }, ['data.answers']);
    await bad({ type: 'single_choice', data: { answers: [{ text: 'A', fraction: 1 }, { text: 'B', fraction: 1 }] } }, ['data.answers']);
    await bad({ type: 'multiple_choice', data: { answers: [{ text: 'A', fraction: 0.5 }, { text: 'B', fraction: 0.25 }] } }, ['data.answers']);
    await bad({ type: 'matching', data: { pairs: [{ left: 'A', right: '1' }] } }, ['data.pairs']);
    await bad({ type: 'numeric', data: { numeric: [{ value: 'abc' }], answers: [{ fraction: 1 }] } }, ['data.numeric.0.value']);
    await bad({ type: 'missing_word', text: '<p>Hai ___ chỗ ___ trống</p>', data: { baseType: 'short_answer', answers: [{ text: 'x', fraction: 1 }] } }, ['text']);
    await bad({ type: 'essay', defaultMark: -1, data: {} }, ['defaultMark']);
    const cloze = await bad({ type: 'cloze', data: {} }, ['type']);
    expect(cloze.body.fields.type).toMatch(/cloze/i);
    const noData = await req('POST', `/api/question-banks/${bank.id}/questions`, tok.trainer, { categoryId: bank.rootId, type: 'essay', title: 'x', text: 'x' });
    expectError(noData, 400, 'VALIDATION_FAILED');
    expect(noData.body.fields).toHaveProperty('data');
    expect(await countQuestions(bank.id)).toBe(1);
  });

  it('every edit is a new version; older versions stay unchanged and cannot be updated', async () => {
    const bank = await newBank(tok.trainer, wardUnit.id);
    const other = await newCategory(tok.trainer, bank.id, 'Danh mục khác', bank.rootId);
    const v1 = ok(await req('POST', `/api/question-banks/${bank.id}/questions`, tok.trainer, sc(bank.rootId, 'Phiên bản đầu')), 201);
    const v2 = ok(await req('PUT', `/api/questions/${v1.id}`, tok.manager, {
      categoryId: other.id, type: 'true_false', title: 'Phiên bản hai', text: '<p>Nghị quyết 57 do Bộ Chính trị ban hành.</p>', tags: ['NQ57'],
      data: { correctAnswer: true },
    }));
    expect(v2).toMatchObject({ id: v1.id, version: 2, currentVersion: 2, type: 'true_false', title: 'Phiên bản hai', categoryId: other.id, tags: ['NQ57'] });
    expect(v2.versionId).not.toBe(v1.versionId);
    const old = ok(await req('GET', `/api/questions/${v1.id}/versions/1`, tok.trainer));
    expect({ ...old, currentVersion: undefined, updatedAt: undefined, categoryId: undefined, tags: undefined })
      .toEqual({ ...v1, currentVersion: undefined, updatedAt: undefined, categoryId: undefined, tags: undefined });
    const versions = ok(await req('GET', `/api/questions/${v1.id}/versions`, tok.trainer)).items;
    expect(versions.map((v: Any) => [v.version, v.title, v.type])).toEqual([[2, 'Phiên bản hai', 'true_false'], [1, 'Phiên bản đầu', 'single_choice']]);
    expect(versions[0].createdBy).toBe('Cán bộ quản lý đào tạo');
    expectError(await req('GET', `/api/questions/${v1.id}/versions/3`, tok.trainer), 404, 'NOT_FOUND');
    expectError(await req('GET', `/api/questions/${v1.id}/versions/abc`, tok.trainer), 400, 'VALIDATION_FAILED');
    // the database refuses to change a version in place
    await expect(t.ds.query(`UPDATE question_versions SET title = 'sửa lén' WHERE id = $1`, [v1.versionId])).rejects.toThrow(/immutable/);
    const [row] = await t.ds.query(`SELECT title, data FROM question_versions WHERE id = $1`, [v1.versionId]);
    expect(row.title).toBe('Phiên bản đầu');
    expect(row.data.answers[0].text).toBe('Đúng');
    expect((await auditFor(t.app, tok.admin, v1.id)).map((a: Any) => a.action)).toEqual(expect.arrayContaining(['question.created', 'question.updated']));
    // a bad edit writes nothing
    expectError(await req('PUT', `/api/questions/${v1.id}`, tok.trainer, { ...sc(bank.rootId, 'x'), data: { answers: [] } }), 400, 'VALIDATION_FAILED');
    expect(ok(await req('GET', `/api/questions/${v1.id}`, tok.trainer)).version).toBe(2);
    // two edits at the same moment: both kept, as versions 3 and 4
    const both = await Promise.all([0, 1].map((i) => req('PUT', `/api/questions/${v1.id}`, tok.trainer, sc(bank.rootId, `Sửa đồng thời ${i}`))));
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    expect(both.map((r) => r.body.version).sort()).toEqual([3, 4]);
    // soft delete: gone from the bank, versions kept
    expect((await req('DELETE', `/api/questions/${v1.id}`, tok.trainer)).status).toBe(204);
    expectError(await req('GET', `/api/questions/${v1.id}`, tok.trainer), 404, 'NOT_FOUND');
    expect(await allQuestions(tok.trainer, bank.id)).toEqual([]);
    expect(Number((await t.ds.query(`SELECT count(*) AS n FROM question_versions WHERE question_id = $1`, [v1.id]))[0].n)).toBe(4);
    // a bank whose questions were all deleted can be deleted
    expect((await req('DELETE', `/api/question-banks/${bank.id}`, tok.trainer)).status).toBe(204);
    expect(Number((await t.ds.query(`SELECT count(*) AS n FROM question_versions WHERE question_id = $1`, [v1.id]))[0].n)).toBe(0);
  });

  it('searches without diacritics, by tag, type and category subtree', async () => {
    const bank = await newBank(tok.trainer, wardUnit.id);
    const sec = await newCategory(tok.trainer, bank.id, 'An toàn', bank.rootId);
    const sub = await newCategory(tok.trainer, bank.id, 'Mật khẩu', sec.id);
    const q1 = ok(await req('POST', `/api/question-banks/${bank.id}/questions`, tok.trainer, sc(sec.id, 'An toàn thông tin khi dùng Wi-Fi', { tags: ['Wi-Fi'] })), 201);
    const q2 = ok(await req('POST', `/api/question-banks/${bank.id}/questions`, tok.trainer, {
      categoryId: sub.id, type: 'short_answer', title: 'Xác thực hai yếu tố', text: '<p>Cơ chế <b>đăng nhập</b> bằng mật khẩu và mã OTP?</p>', tags: ['mật khẩu'],
      data: { answers: [{ text: 'xác thực hai yếu tố', fraction: 1 }], ignoreDiacritics: true },
    }), 201);
    const q3 = ok(await req('POST', `/api/question-banks/${bank.id}/questions`, tok.trainer, sc(bank.rootId, 'Đăk Bla là phường của tỉnh nào')), 201);
    const ids = async (qs: string) => (await allQuestions(tok.trainer, bank.id, qs)).map((x: Any) => x.id).sort();
    expect(await ids(`&q=${encodeURIComponent('an toan thong tin')}`)).toEqual([q1.id]);
    expect(await ids(`&q=${encodeURIComponent('AN TOÀN thông'.normalize('NFD'))}`)).toEqual([q1.id]);
    expect(await ids(`&q=${encodeURIComponent('dang nhap otp')}`)).toEqual([q2.id]); // words from the text, in any order
    expect(await ids(`&q=${encodeURIComponent('dak bla')}`)).toEqual([q3.id]);
    expect(await ids(`&q=${encodeURIComponent('mat khau')}`)).toEqual([q2.id]); // the tag
    expect(await ids(`&q=${encodeURIComponent('100%_')}`)).toEqual([]);
    expect(await ids(`&tag=${encodeURIComponent('mật khẩu')}`)).toEqual([q2.id]);
    expect(await ids('&type=short_answer')).toEqual([q2.id]);
    expect(await ids(`&categoryId=${sec.id}`)).toEqual([q1.id]);
    expect(await ids(`&categoryId=${sec.id}&includeSubcategories=true`)).toEqual([q1.id, q2.id].sort());
    const item = (await allQuestions(tok.trainer, bank.id, `&categoryId=${sub.id}`))[0];
    expect(item).toMatchObject({ id: q2.id, categoryId: sub.id, type: 'short_answer', version: 1, defaultMark: 1, textPreview: 'Cơ chế đăng nhập bằng mật khẩu và mã OTP?' });
    expectError(await req('GET', `/api/question-banks/${bank.id}/questions?type=poll`, tok.trainer), 400, 'VALIDATION_FAILED');
    // after an edit the search follows the new version
    ok(await req('PUT', `/api/questions/${q1.id}`, tok.trainer, sc(sec.id, 'Sao lưu dữ liệu định kỳ')));
    expect(await ids(`&q=${encodeURIComponent('an toan thong tin')}`)).toEqual([]);
    expect(await ids(`&q=${encodeURIComponent('sao luu')}`)).toEqual([q1.id]);
  });

  it('previews a question as a learner: no fractions, feedback or correct answers', async () => {
    const demo = (await findDemoQuestionBank(t.ds.manager))!;
    const items = await allQuestions(tok.trainer, demo.bankId);
    for (const type of ['single_choice', 'multiple_choice', 'true_false', 'short_answer', 'numeric', 'matching', 'ordering', 'missing_word', 'essay', 'description']) {
      const item = items.find((x: Any) => x.type === type);
      const full = ok(await req('GET', `/api/questions/${item.id}`, tok.trainer));
      const p = ok(await req('GET', `/api/questions/${item.id}/preview`, tok.trainer));
      expect(p).toMatchObject({ slot: 1, type, text: full.text, mark: type === 'description' ? 0 : full.defaultMark });
      const json = JSON.stringify(p);
      for (const k of ['"fraction":', '"feedback":', '"generalFeedback":', '"correctAnswer":', '"numeric":', '"tolerance":', '"pairs":', '"answers":']) expect(json).not.toContain(k);
      for (const a of full.data.answers) if (a.feedback) expect(json).not.toContain(a.feedback);
      if (type === 'short_answer' || type === 'numeric') for (const a of full.data.answers) expect(json).not.toContain(`"${a.text}"`);
      if (type === 'single_choice') {
        expect(p.options).toHaveLength(full.data.answers.length);
        for (const o of p.options) expect(o.key).toMatch(/^[A-Za-z0-9_-]{12,}$/);
      }
      if (type === 'ordering') expect(p.items.map((i: Any) => i.text)).not.toEqual(full.data.pairs.map((x: Any) => x.left));
    }
  });

  // ------------------------------------------------------------------ import

  it('imports the Vietnamese GIFT corpus file: preview writes nothing, commit creates questions and categories', async () => {
    const bank = await newBank(tok.trainer, wardUnit.id);
    const file = readFileSync(path.join(CORPORA, 'gift/synthetic/vietnamese_sample.gift'));
    const prev = ok(await upload(tok.trainer, bank.id, { format: 'gift', categoryId: bank.rootId }, { name: 'vietnamese_sample.gift', content: file }), 201);
    expect(prev).toMatchObject({ bankId: bank.id, categoryId: bank.rootId, format: 'gift', fileName: 'vietnamese_sample.gift', status: 'preview', errors: [] });
    expect(prev.counts.questions).toBe(prev.questions.length);
    expect(prev.questions.length).toBeGreaterThanOrEqual(7);
    const first = prev.questions[0];
    expect(first).toMatchObject({ index: 1, type: 'single_choice', title: 'Thủ đô', category: 'Địa lý Việt Nam', line: expect.any(Number), warnings: [] });
    expect(first.data.answers[0]).toMatchObject({ text: 'Hà Nội', fraction: 1, feedback: 'Chính xác!' });
    expect(JSON.stringify(first.preview)).not.toContain('Chính xác!');
    expect(prev.questions.map((q: Any) => q.type)).toEqual(expect.arrayContaining(['true_false', 'missing_word', 'numeric', 'matching', 'multiple_choice', 'essay']));
    expect(await countQuestions(bank.id)).toBe(0);
    expect(ok(await req('GET', `/api/question-imports/${prev.id}`, tok.trainer))).toEqual(prev);

    // two commits at once: one imports, the other is refused; nothing is imported twice
    const [r1, r2] = await Promise.all([0, 1].map(() => req('POST', `/api/question-imports/${prev.id}/commit`, tok.trainer, {})));
    expect([r1.status, r2.status].sort()).toEqual([200, 409]);
    const res = (r1.status === 200 ? r1 : r2).body;
    expectError(r1.status === 200 ? r2 : r1, 409, 'IMPORT_NOT_PENDING');
    expect(res).toEqual({ created: prev.questions.length, categoriesCreated: 1 });
    expect(await countQuestions(bank.id)).toBe(prev.questions.length);
    const cats = ok(await req('GET', `/api/question-banks/${bank.id}/categories`, tok.trainer)).items;
    const geo = cats.find((c: Any) => c.name === 'Địa lý Việt Nam');
    expect(geo).toMatchObject({ parentId: bank.rootId, questionCount: prev.questions.length });
    const stored = await allQuestions(tok.trainer, bank.id, `&q=${encodeURIComponent('thu do')}`);
    expect(stored.map((q: Any) => q.title)).toContain('Thủ đô');
    expectError(await req('POST', `/api/question-imports/${prev.id}/commit`, tok.trainer, {}), 409, 'IMPORT_NOT_PENDING');
    expectError(await req('POST', `/api/question-imports/${prev.id}/cancel`, tok.trainer, {}), 409, 'IMPORT_NOT_PENDING');
    expect(await countQuestions(bank.id)).toBe(prev.questions.length);
    expect((await auditFor(t.app, tok.admin, prev.id)).map((a: Any) => a.action)).toEqual(expect.arrayContaining(['question.import_previewed', 'question.import_committed']));
  });

  it('imports the Excel template (Vietnamese, every type) and an inline sheet; row errors are named', async () => {
    const tpl = await call(t.app, { url: '/api/question-imports/template.xlsx', token: tok.trainer });
    expect(tpl.status).toBe(200);
    expect(tpl.headers['content-type']).toContain('spreadsheetml');
    expect(String(tpl.headers['content-disposition'])).toContain('.xlsx');
    const tplBuf = tpl.raw.rawPayload;
    const parsedTpl = await parseQuestionXlsx(tplBuf);
    expect(parsedTpl.errors).toEqual([]);
    const bank = await newBank(tok.trainer, wardUnit.id);
    const prev = ok(await upload(tok.trainer, bank.id, { format: 'xlsx', categoryId: bank.rootId }, { name: 'mẫu câu hỏi.xlsx', content: tplBuf }), 201);
    expect(prev.errors).toEqual([]);
    expect(prev.fileName).toBe('mẫu câu hỏi.xlsx');
    expect(new Set(prev.questions.map((q: Any) => q.type)).size).toBe(10);
    expect(prev.questions[0]).toMatchObject({ row: 2, category: 'Ví dụ/Địa lý', tags: ['địa lý', 'ví dụ'] });
    const res = ok(await req('POST', `/api/question-imports/${prev.id}/commit`, tok.trainer, {}));
    expect(res).toEqual({ created: 10, categoriesCreated: 4 }); // Ví dụ, Địa lý, Lịch sử, Chuyển đổi số

    // an inline sheet, format taken from the extension, with a bad row
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Câu hỏi');
    ws.addRow(['Loại câu hỏi', 'Nội dung câu hỏi', 'Phương án A', 'Phương án B', 'Phương án C', 'Đáp án đúng', 'Điểm', 'Danh mục']);
    ws.addRow(['Một đáp án', 'Ứng dụng định danh điện tử quốc gia là gì?', 'VNeID', 'Zalo', 'Facebook', 'A', 1, 'Dịch vụ công']);
    ws.addRow(['Trắc nghiệm lạ', 'Câu có loại sai', 'x', 'y', '', 'A', 1, '']);
    ws.addRow(['Nhiều đáp án', 'Chọn các biện pháp bảo vệ tài khoản', 'Xác thực hai yếu tố', 'Đổi mật khẩu định kỳ', 'Chia sẻ mật khẩu', 'A, B', 2, '']);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const bad = ok(await upload(tok.trainer, bank.id, { categoryId: bank.rootId }, { name: 'cau-hoi.xlsx', content: buf }), 201);
    expect(bad.format).toBe('xlsx');
    expect(bad.questions.map((q: Any) => q.row)).toEqual([2, 4]);
    expect(bad.errors).toEqual([expect.objectContaining({ row: 3, code: 'xlsx_type', messageVi: expect.stringContaining('Dòng 3') })]);
    expect(bad.questions[1].data.answers.map((a: Any) => a.fraction)).toEqual([0.5, 0.5, 0]);
    const before = await countQuestions(bank.id);
    expectError(await req('POST', `/api/question-imports/${bad.id}/commit`, tok.trainer, {}), 409, 'IMPORT_HAS_ERRORS');
    expect(await countQuestions(bank.id)).toBe(before);
  });

  it('cancel leaves nothing; a malformed GIFT / XML / Excel file names the line or row and cannot be committed', async () => {
    const bank = await newBank(tok.trainer, wardUnit.id);
    const good = Buffer.from('::Câu 1:: Hà Nội là thủ đô của Việt Nam. {T}\n\n::Câu 2:: Chọn đáp án đúng {=Đúng ~Sai}\n');
    const prev = ok(await upload(tok.trainer, bank.id, { format: 'gift', categoryId: bank.rootId }, { name: 'a.gift', content: good }), 201);
    expect(prev.counts).toEqual({ questions: 2, errors: 0, warnings: 0 });
    expect((await req('POST', `/api/question-imports/${prev.id}/cancel`, tok.trainer, {})).status).toBe(204);
    expectError(await req('POST', `/api/question-imports/${prev.id}/commit`, tok.trainer, {}), 409, 'IMPORT_NOT_PENDING');
    expect(ok(await req('GET', `/api/question-imports/${prev.id}`, tok.trainer)).status).toBe('cancelled');
    expect(await countQuestions(bank.id)).toBe(0);
    expect((await auditFor(t.app, tok.admin, prev.id)).map((a: Any) => a.action)).toContain('question.import_cancelled');

    // GIFT: a missing brace on line 4, the questions around it are fine
    const gift = Buffer.from('::Tốt:: Câu đúng {T}\n\n\n::Hỏng:: Thiếu ngoặc {=a ~b\n\n::Tốt 2:: Câu sai {F}\n');
    const g = ok(await upload(tok.trainer, bank.id, { format: 'gift', categoryId: bank.rootId }, { name: 'hong.gift', content: gift }), 201);
    expect(g.errors).toEqual([expect.objectContaining({ line: 4, code: 'braceerror', message: expect.any(String), messageVi: expect.any(String) })]);
    expect(g.questions.map((q: Any) => q.line)).toEqual([1, 6]);
    expectError(await req('POST', `/api/question-imports/${g.id}/commit`, tok.trainer, {}), 409, 'IMPORT_HAS_ERRORS');
    // the corpus' malformed files
    const corpus = ok(await upload(tok.trainer, bank.id, { format: 'gift', categoryId: bank.rootId }, { name: 'm.gift', content: readFileSync(path.join(CORPORA, 'gift/malformed/missing_close_brace.gift')) }), 201);
    expect(corpus.errors).toEqual([expect.objectContaining({ line: 1, code: 'braceerror' })]);

    // Moodle XML: broken markup
    const xml = Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n  <question type="truefalse">\n    <name><text>Câu</text></name>\n    <questiontext><text>Đúng không?</text>\n  </question>\n</quiz>\n');
    const x = ok(await upload(tok.trainer, bank.id, { format: 'moodlexml', categoryId: bank.rootId }, { name: 'hong.xml', content: xml }), 201);
    expect(x.errors.length).toBeGreaterThan(0);
    expect(x.errors[0].line).toEqual(expect.any(Number));
    expectError(await req('POST', `/api/question-imports/${x.id}/commit`, tok.trainer, {}), 409, 'IMPORT_HAS_ERRORS');

    // not a workbook
    const notXlsx = ok(await upload(tok.trainer, bank.id, { format: 'xlsx', categoryId: bank.rootId }, { name: 'a.xlsx', content: Buffer.from('không phải excel') }), 201);
    expect(notXlsx.errors).toEqual([expect.objectContaining({ code: 'xlsx_unreadable' })]);
    // a file in a legacy code page (not UTF-8)
    const latin = ok(await upload(tok.trainer, bank.id, { format: 'gift', categoryId: bank.rootId }, { name: 'cp1258.gift', content: Buffer.from([0x43, 0xe2, 0x75, 0x20, 0x7b, 0x54, 0x7d]) }), 201);
    expect(latin.errors).toEqual([expect.objectContaining({ code: 'not_utf8', messageVi: expect.stringContaining('UTF-8') })]);
    expect(await countQuestions(bank.id)).toBe(0);

    // bad uploads
    const noFile = await upload(tok.trainer, bank.id, { format: 'gift', categoryId: bank.rootId });
    expectError(noFile, 400, 'VALIDATION_FAILED');
    expect(noFile.body.fields).toHaveProperty('file');
    const empty = await upload(tok.trainer, bank.id, { format: 'gift', categoryId: bank.rootId }, { name: 'a.gift', content: Buffer.alloc(0) });
    expect(empty.body.fields).toHaveProperty('file');
    const badFormat = await upload(tok.trainer, bank.id, { format: 'docx', categoryId: bank.rootId }, { name: 'a.docx', content: good });
    expectError(badFormat, 400, 'VALIDATION_FAILED');
    expect(badFormat.body.fields).toHaveProperty('format');
    const unknownExt = await upload(tok.trainer, bank.id, { categoryId: bank.rootId }, { name: 'a.doc', content: good });
    expect(unknownExt.body.fields).toHaveProperty('format');
    const noCategory = await upload(tok.trainer, bank.id, { format: 'gift' }, { name: 'a.gift', content: good });
    expect(noCategory.body.fields).toHaveProperty('categoryId');
    const badCategory = await upload(tok.trainer, bank.id, { format: 'gift', categoryId: 'abc' }, { name: 'a.gift', content: good });
    expect(badCategory.body.fields).toHaveProperty('categoryId');
    expectError(await req('POST', `/api/question-banks/${bank.id}/imports`, tok.trainer, { format: 'gift' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect(await countQuestions(bank.id)).toBe(0);
  });

  it('reads UTF-8 with BOM and NFD as NFC, flags legacy-font text, rejects cloze per question', async () => {
    const bank = await newBank(tok.trainer, wardUnit.id);
    const nfd = '::Quê hương:: Thủ đô của Việt Nam là gì? {=Hà Nội ~Huế ~Đà Nẵng}\n\n::Cũ:: Thñ ®« cña ViÖt Nam lµ g×? {=Hµ Néi ~HuÕ}\n'.normalize('NFD');
    const buf = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(nfd, 'utf8')]);
    const prev = ok(await upload(tok.trainer, bank.id, { format: 'gift', categoryId: bank.rootId }, { name: 'bom-nfd.gift', content: buf }), 201);
    expect(prev.errors).toEqual([]);
    expect(prev.questions[0]).toMatchObject({ title: 'Quê hương', text: 'Thủ đô của Việt Nam là gì?', warnings: [] });
    expect(prev.questions[0].title).toBe('Quê hương'.normalize('NFC'));
    expect(prev.questions[1].warnings).toEqual([expect.objectContaining({ code: 'legacy_font', font: 'tcvn3', messageVi: expect.stringContaining('TCVN3') })]);
    expect(prev.counts.warnings).toBe(1);
    ok(await req('POST', `/api/question-imports/${prev.id}/commit`, tok.trainer, {}));
    const rows = await t.ds.query(
      `SELECT v.title, v.text, v.data, v.title IS NFC NORMALIZED AND v.text IS NFC NORMALIZED AND v.data::text IS NFC NORMALIZED AS nfc
         FROM question_versions v JOIN questions q ON q.id = v.question_id WHERE q.bank_id = $1 ORDER BY v.title`,
      [bank.id],
    );
    expect(rows.every((r: Any) => r.nfc)).toBe(true);
    expect(rows.find((r: Any) => r.title === 'Quê hương').data.answers[0].text).toBe('Hà Nội'.normalize('NFC'));

    const xml = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="cloze">
    <name><text>Câu nhúng</text></name>
    <questiontext format="html"><text>Thủ đô là {1:SHORTANSWER:=Hà Nội}</text></questiontext>
  </question>
  <question type="truefalse">
    <name><text>Đúng sai</text></name>
    <questiontext format="html"><text>Việt Nam có 34 tỉnh, thành phố từ 01/7/2025.</text></questiontext>
    <answer fraction="100"><text>true</text></answer>
    <answer fraction="0"><text>false</text></answer>
  </question>
</quiz>
`);
    const c = ok(await upload(tok.trainer, bank.id, { format: 'moodlexml', categoryId: bank.rootId }, { name: 'cloze.xml', content: xml }), 201);
    expect(c.errors).toEqual([expect.objectContaining({ code: 'unsupported_type', line: 3, question: 'Câu nhúng', messageVi: expect.stringContaining('cloze') })]);
    expect(c.questions.map((q: Any) => q.title)).toEqual(['Đúng sai']);
    const before = await countQuestions(bank.id);
    expectError(await req('POST', `/api/question-imports/${c.id}/commit`, tok.trainer, {}), 409, 'IMPORT_HAS_ERRORS');
    expect(await countQuestions(bank.id)).toBe(before);
  });

  // ------------------------------------------------------------------ export

  it('exports a category (audited) and import(export(x)) gives back the same questions', async () => {
    const demo = (await findDemoQuestionBank(t.ds.manager))!;
    const full = async (bankId: string, categoryId: string) => {
      const items = await allQuestions(tok.trainer, bankId, `&categoryId=${categoryId}&includeSubcategories=true`);
      const out = [];
      for (const it of items) {
        const q = ok(await req('GET', `/api/questions/${it.id}`, tok.trainer));
        out.push({ type: q.type, title: q.title, text: q.text, defaultMark: q.defaultMark, tags: q.tags, data: q.data });
      }
      return out.sort((a, b) => a.title.localeCompare(b.title, 'vi'));
    };
    const original = await full(demo.bankId, demo.categoryIds.skills);
    expect(original.length).toBeGreaterThanOrEqual(10);
    const types = new Set(original.map((q) => q.type));
    expect(types.size).toBeGreaterThanOrEqual(7);

    for (const format of ['moodlexml', 'xlsx', 'gift'] as const) {
      const res = await call(t.app, { url: `/api/question-banks/${demo.bankId}/export?format=${format}&categoryId=${demo.categoryIds.skills}`, token: tok.trainer });
      expect(res.status).toBe(200);
      expect(String(res.headers['content-disposition'])).toMatch(/attachment; filename="ngan-hang-cau-hoi-chuyen-doi-so-ky-nang-so-co-ban\.(xml|xlsx|gift\.txt)"; filename\*=UTF-8''/);
      const skipped = Number(res.headers['x-skipped-questions']);
      expect(skipped).toBe(format === 'gift' ? original.filter((q) => q.type === 'ordering').length : 0);
      const bank = await newBank(tok.trainer, wardUnit.id);
      const name = format === 'gift' ? 'xuat.gift.txt' : format === 'xlsx' ? 'xuat.xlsx' : 'xuat.xml';
      const prev = ok(await upload(tok.trainer, bank.id, { format, categoryId: bank.rootId }, { name, content: res.raw.rawPayload }), 201);
      expect(prev.errors).toEqual([]);
      ok(await req('POST', `/api/question-imports/${prev.id}/commit`, tok.trainer, {}));
      const cats = ok(await req('GET', `/api/question-banks/${bank.id}/categories`, tok.trainer)).items;
      expect(cats.find((c: Any) => c.name === 'Dịch vụ công trực tuyến')?.parentId).toBe(bank.rootId);
      const back = await full(bank.id, bank.rootId);
      // what each format cannot carry: GIFT has no ordering questions and no marks; ignoreDiacritics is ours only;
      // Moodle XML writes a numeric range as value ± tolerance; GIFT and Excel have no essay options
      const comparable = (list: Any[]) => list
        .filter((q) => !(format === 'gift' && q.type === 'ordering'))
        .map((q) => {
          const data = { ...q.data };
          delete data.ignoreDiacritics;
          if (format === 'moodlexml' && data.numeric.length) {
            data.numeric = data.numeric.map((e: Any) => ('min' in e ? { value: (e.min + e.max) / 2, tolerance: (e.max - e.min) / 2 } : e));
            data.answers = data.answers.map((a: Any) => ({ ...a, text: undefined }));
          }
          if (format !== 'moodlexml' && data.essay) data.essay = {};
          return { ...q, data, defaultMark: format === 'gift' ? 1 : q.defaultMark };
        });
      expect(comparable(back)).toEqual(comparable(original));
    }
    const audit = await auditFor(t.app, tok.admin, demo.bankId, 'question_bank.exported');
    expect(audit.length).toBeGreaterThanOrEqual(3);
    expect(audit[0].details).toMatchObject({ categoryId: demo.categoryIds.skills });
    expectError(await req('GET', `/api/question-banks/${demo.bankId}/export?format=pdf`, tok.trainer), 400, 'VALIDATION_FAILED');
    const other = await newBank(tok.trainer, wardUnit.id);
    const wrongCat = await req('GET', `/api/question-banks/${demo.bankId}/export?format=gift&categoryId=${other.rootId}`, tok.trainer);
    expectError(wrongCat, 400, 'VALIDATION_FAILED');
    expect(wrongCat.body.fields).toHaveProperty('categoryId');
  });

  it('exports a whole bank with its category paths', async () => {
    const bank = await newBank(tok.trainer, wardUnit.id, 'Ngân hàng xuất');
    const cat = await newCategory(tok.trainer, bank.id, 'Phần 1/Bài 2', bank.rootId);
    ok(await req('POST', `/api/question-banks/${bank.id}/questions`, tok.trainer, sc(cat.id, 'Câu trong phần 1')), 201);
    ok(await req('POST', `/api/question-banks/${bank.id}/questions`, tok.trainer, sc(bank.rootId, 'Câu ở gốc')), 201);
    const res = await call(t.app, { url: `/api/question-banks/${bank.id}/export?format=gift`, token: tok.manager });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toBeUndefined(); // not JSON
    const text = res.raw.body;
    expect(text).toContain('$CATEGORY: Mặc định/Phần 1//Bài 2');
    expect(text).toContain('::Câu trong phần 1::');
    expect(text).toContain('::Câu ở gốc::');
  });
});
