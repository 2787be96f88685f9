import AxeBuilder from '@axe-core/playwright';
import { APIRequestContext, expect, Page, request } from '@playwright/test';
import ExcelJS from 'exceljs';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const DEMO_PASSWORD = 'e2e-demo-password';
export const SCREENSHOTS = path.resolve(__dirname, '../../docs/screenshots');

export async function loginAs(page: Page, login: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('Tên đăng nhập hoặc email').fill(login);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByRole('button', { name: 'Đăng xuất' })).toBeVisible();
}

/** A new account must change its initial password before anything else. */
export async function changeInitialPassword(page: Page, oldPassword: string, newPassword: string) {
  await expect(page.getByRole('heading', { name: 'Đổi mật khẩu', level: 1 })).toBeVisible();
  await expect(page.getByText('Bạn cần đổi mật khẩu trước khi tiếp tục sử dụng hệ thống.')).toBeVisible();
  await page.getByLabel('Mật khẩu hiện tại').fill(oldPassword);
  await page.getByLabel('Mật khẩu mới', { exact: true }).fill(newPassword);
  await page.getByLabel('Nhập lại mật khẩu mới').fill(newPassword);
  await page.getByRole('button', { name: /Đổi mật khẩu|Lưu/ }).last().click();
  await expect(page.getByText('Bạn cần đổi mật khẩu trước khi tiếp tục sử dụng hệ thống.')).toHaveCount(0);
}

/** An API client signed in with a bearer token, for seeding through the real API. */
export async function apiAs(baseURL: string, login: string, password = DEMO_PASSWORD): Promise<APIRequestContext> {
  const anon = await request.newContext({ baseURL });
  const res = await anon.post('/api/auth/login', { data: { login, password } });
  expect(res.status()).toBe(200);
  const { token } = await res.json();
  await anon.dispose();
  return request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
}

/** No serious or critical accessibility violation (axe-core, WCAG 2.1 A/AA rules). */
export async function expectAccessible(page: Page, label: string) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${label}: ${v.id} (${v.impact}) ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
}

export async function screenshot(page: Page, name: string) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: false });
}

export async function xlsx(rows: (string | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Danh sách');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const rnd = () => Math.random().toString(36).slice(2, 8);
