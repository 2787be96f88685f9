/**
 * Shared helpers for the integration specs (org units, staff, imports, bad input).
 * Every helper creates its own data with unique codes, so specs never depend on each other.
 */
import * as ExcelJS from 'exceljs';
import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { call, DEMO_PASSWORD, login, multipart } from '../helpers';
import { STAFF_SHEET_COLUMNS } from '../../src/modules/staff/import/staff-sheet';

export type App = NestFastifyApplication;
type Res = Awaited<ReturnType<typeof call>>;

/** A short random suffix, unique per call. */
export function rnd(n = 4): string {
  return randomBytes(n).toString('hex');
}

/** today's date in Vietnam, as the server dates changes */
export const todayIso = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());

/** Asserts the common error body: statusCode, code, message, requestId, no stack trace. */
export function expectError(res: Res, status: number, code?: string): void {
  if (res.status !== status) {
    throw new Error(`expected ${status}${code ? ' ' + code : ''}, got ${res.status}: ${res.raw.body.slice(0, 500)}`);
  }
  expect(res.body).toEqual(expect.objectContaining({ statusCode: status, message: expect.any(String), requestId: expect.any(String) }));
  expect(typeof res.body.code).toBe('string');
  if (code) expect(res.body.code).toBe(code);
  expect(res.body.message.length).toBeGreaterThan(0);
  const raw = res.raw.body;
  expect(raw).not.toMatch(/\bstack\b/i);
  expect(raw).not.toMatch(/at \S+ \(.*:\d+:\d+\)/);
  expect(raw).not.toMatch(/node_modules|\/src\/|QueryFailedError|TypeError/);
}

/** Asserts a 2xx status and returns the body, failing with the error body when it is not. */
export function ok<T = any>(res: Res, status = 200): T { // eslint-disable-line @typescript-eslint/no-explicit-any
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${res.raw.body.slice(0, 800)}`);
  return res.body as T;
}

export interface Tokens { admin: string; manager: string; trainer: string; learner: string }

export async function demoTokens(app: App): Promise<Tokens> {
  const [admin, manager, trainer, learner] = await Promise.all(['admin', 'manager', 'trainer', 'learner'].map((n) => login(app, n)));
  return { admin, manager, trainer, learner };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Unit = { id: string; code: string; name: string; type: string; parentId: string | null; aliases: string[]; validFrom: string | null; validTo: string | null; [k: string]: any };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Staff = { id: string; staffCode: string | null; fullName: string; givenName: string; familyName: string; middleName: string; unitId: string; [k: string]: any };

/** All units visible to the admin, with closed ones. */
export async function allUnits(app: App, adminToken: string): Promise<Unit[]> {
  return ok(await call(app, { url: '/api/org-units?includeClosed=true', token: adminToken })).items;
}

export async function unitByCode(app: App, adminToken: string, code: string): Promise<Unit> {
  const u = (await allUnits(app, adminToken)).find((x) => x.code === code);
  if (!u) throw new Error(`no unit ${code}`);
  return u;
}

/** The demo ward "Phường Đăk Bla" (code 23302), the scope of the demo manager and trainer. */
export async function ward(app: App, adminToken: string): Promise<Unit> {
  return unitByCode(app, adminToken, '23302');
}

export async function createUnit(
  app: App,
  token: string,
  parentId: string,
  extra: Partial<{ code: string; name: string; type: string; validFrom: string; aliases: string[] }> = {},
): Promise<Unit> {
  const s = rnd();
  const body = { code: `T-${s}`, name: `Đơn vị thử ${s}`, type: 'specialized_office', parentId, ...extra };
  return ok(await call(app, { method: 'POST', url: '/api/org-units', token, body }), 201);
}

export async function createStaff(app: App, token: string, unitId: string, extra: Record<string, unknown> = {}): Promise<Staff> {
  const body = { familyName: 'Nguyễn', middleName: 'Văn', givenName: `Thử${rnd(2)}`, unitId, category: 'civil_servant', ...extra };
  return ok(await call(app, { method: 'POST', url: '/api/staff', token, body }), 201);
}

/** Creates a user as admin and signs in as them. */
export async function createUser(
  app: App,
  adminToken: string,
  roles: string[],
  scopeUnitId: string | null,
): Promise<{ id: string; username: string; token: string }> {
  const username = `u-${rnd()}`;
  const password = `${DEMO_PASSWORD}-x`;
  const user = ok(await call(app, {
    method: 'POST', url: '/api/users', token: adminToken,
    body: { username, displayName: `Người dùng ${username}`, password, roles, scopeUnitId },
  }), 201);
  const token = await login(app, username, password);
  return { id: user.id, username, token };
}

/** Audit events of one entity (newest first), read as admin. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function auditFor(app: App, adminToken: string, entityId: string, action?: string): Promise<any[]> {
  const qs = new URLSearchParams({ entityId, pageSize: '200' });
  if (action) qs.set('action', action);
  return ok(await call(app, { url: `/api/audit-events?${qs}`, token: adminToken })).items;
}

// ---------------------------------------------------------------------------------------------
// Spreadsheets
// ---------------------------------------------------------------------------------------------

export type SheetRow = Partial<Record<(typeof STAFF_SHEET_COLUMNS)[number]['key'], string | number>>;

/** The template's Vietnamese headers, in template order. */
export const TEMPLATE_HEADERS = STAFF_SHEET_COLUMNS.map((c) => c.header);

/** An XLSX with the template's header row (row 1) and the given data rows (row 2…). */
export async function buildXlsx(rows: SheetRow[], sheetName = 'Danh sách'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  ws.addRow(TEMPLATE_HEADERS);
  for (const r of rows) ws.addRow(STAFF_SHEET_COLUMNS.map((c) => (r[c.key] === undefined ? null : r[c.key])));
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}

/** A CSV with the template headers; `;` delimiter and UTF-8 BOM by default. */
export function buildCsv(rows: SheetRow[], delimiter = ';', bom = true): Buffer {
  const esc = (v: unknown) => {
    const s = v === undefined || v === null ? '' : String(v);
    return /[";\n,]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [TEMPLATE_HEADERS.map(esc).join(delimiter), ...rows.map((r) => STAFF_SHEET_COLUMNS.map((c) => esc(r[c.key])).join(delimiter))];
  const text = lines.join('\r\n') + '\r\n';
  return Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]);
}

export async function upload(app: App, token: string, fileName: string, buf: Buffer, contentType?: string) {
  const mp = multipart(fileName, buf, 'file', contentType);
  return call(app, { method: 'POST', url: '/api/staff/imports', token, payload: mp.payload, headers: mp.headers });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function importRows(app: App, token: string, id: string, filter = 'all', pageSize = 200): Promise<{ items: any[]; total: number }> {
  return ok(await call(app, { url: `/api/staff/imports/${id}/rows?filter=${filter}&pageSize=${pageSize}`, token }));
}

/** People whose name or code matches q, as admin (whole roster). */
export async function searchStaff(app: App, token: string, q: string, extra = ''): Promise<{ items: Staff[]; total: number }> {
  return ok(await call(app, { url: `/api/staff?q=${encodeURIComponent(q)}&pageSize=200${extra}`, token }));
}
