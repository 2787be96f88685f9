import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import * as fs from 'node:fs';
import { apiAs, expectAccessible, loginAs, rnd, screenshot, xlsx } from '../support/fixtures';

test.use({ actionTimeout: 30_000 });
// pages that load several lists at once; the machine running the suite is shared and sometimes slow
const LOAD = { timeout: 60_000 };

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A minimal one-page PDF (the server checks the content, not the name). */
function pdf(text = 'Giay chung nhan'): Buffer {
  const stream = `BT /F1 12 Tf 10 50 Td (${text}) Tj ET`;
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** dd/mm/yyyy of a day some days ago, in Vietnam. */
function daysAgo(n: number): { vn: string; iso: string; year: number } {
  const d = new Date(Date.now() + 7 * 3600_000 - n * 86_400_000);
  const iso = d.toISOString().slice(0, 10);
  const [y, m, day] = iso.split('-');
  return { vn: `${day}/${m}/${y}`, iso, year: Number(y) };
}

test('a learner records a BDHVS completion with a PDF; the manager approves it; it is on the person’s record with its hours and source', async ({ page, baseURL }) => {
  test.setTimeout(300_000);
  const tag = rnd();
  const title = `Kỹ năng số cơ bản cho cán bộ ${tag}`;
  const date = daysAgo(20);

  // the learner records it
  await loginAs(page, 'learner');
  await page.getByRole('navigation').getByRole('menuitem', { name: 'Kết quả học tập bên ngoài' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Kết quả học tập bên ngoài' })).toBeVisible(LOAD);
  await page.getByText('Nền tảng Bình dân học vụ số', { exact: true }).click();
  await expect(page.getByRole('radio', { name: 'Nền tảng Bình dân học vụ số' })).toBeChecked();
  await page.getByLabel('Nội dung bồi dưỡng').fill(title);
  await expect(page.getByLabel('Đơn vị tổ chức')).toHaveValue('binhdanhocvuso.gov.vn');
  await page.getByLabel('Ngày hoàn thành').fill(date.vn);
  await page.getByLabel('Ngày hoàn thành').press('Enter');
  await page.getByLabel('Số giờ').fill('6');
  await page.getByLabel('Số giấy chứng nhận').fill(`BDHVS-${tag}`);
  // the evidence is required
  await page.getByRole('button', { name: 'Gửi để duyệt' }).click();
  await expect(page.getByText('Vui lòng chọn tệp minh chứng')).toBeVisible();
  await page.locator('input[type=file]').setInputFiles({ name: 'giấy chứng nhận.pdf', mimeType: 'application/pdf', buffer: pdf() });
  await expect(page.getByText('giấy chứng nhận.pdf')).toBeVisible();
  await page.mouse.move(1360, 850); // an empty corner: no button or link left in its hover colour for the contrast check
  await expectAccessible(page, 'external learning form');
  await page.getByRole('button', { name: 'Gửi để duyệt' }).click();
  await expect(page.getByText('Đã gửi kết quả, đang chờ duyệt')).toBeVisible(LOAD);
  const mine = page.getByRole('row', { name: new RegExp(escapeRe(title)) });
  await expect(mine).toContainText('Chờ duyệt', LOAD);
  await expect(mine).toContainText('Bình dân học vụ số');
  await screenshot(page, 'external-learning');
  // on a phone the page does not scroll sideways (the table scrolls inside its own box)
  await page.setViewportSize({ width: 360, height: 740 });
  await expect(page.getByLabel('Nội dung bồi dưỡng')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.setViewportSize({ width: 1366, height: 860 });

  const learnerApi = await apiAs(baseURL as string, 'learner');
  const me = await (await learnerApi.get('/api/auth/me')).json();
  expect(me.staffId).toBeTruthy();
  // pending: it counts nowhere yet
  const managerApi = await apiAs(baseURL as string, 'manager');
  const before = await (await managerApi.get(`/api/staff/${me.staffId}/learning`)).json();
  const hoursBefore = before.hoursByYear.find((h: { year: number }) => h.year === date.year)?.hours ?? 0;

  // the manager opens the evidence and approves it
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await loginAs(page, 'manager');
  await page.getByRole('navigation').getByRole('menuitem', { name: 'Duyệt kết quả bên ngoài' }).click();
  await page.getByLabel('Tìm theo tên cán bộ hoặc nội dung').fill(tag);
  const row = page.getByRole('row', { name: new RegExp(escapeRe(title)) });
  await expect(row).toContainText('Chờ duyệt', LOAD);
  await expect(row).toContainText('6');
  await expectAccessible(page, 'external review');
  await screenshot(page, 'external-review');
  const evidenceHref = await row.getByRole('link', { name: /Mở minh chứng/ }).getAttribute('href');
  const evidence = await page.request.get(evidenceHref as string);
  expect(evidence.status()).toBe(200);
  expect(evidence.headers()['content-type']).toContain('application/pdf');
  expect(evidence.headers()['x-content-type-options']).toBe('nosniff');
  expect((await evidence.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');

  await row.getByRole('button', { name: new RegExp(`^Duyệt kết quả “${escapeRe(title)}”`) }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(title);
  await dialog.getByLabel('Ghi chú (không bắt buộc)').fill('Đã đối chiếu giấy chứng nhận');
  await dialog.getByRole('button', { name: 'Duyệt', exact: true }).click();
  await expect(page.getByText(/^Đã duyệt kết quả của /)).toBeVisible();

  // the person's record shows it, with its source and hours
  await page.goto(`/staff/${me.staffId}`);
  await expect(page.getByRole('heading', { name: 'Quá trình bồi dưỡng' })).toBeVisible(LOAD);
  const record = page.getByRole('row', { name: new RegExp(escapeRe(title)) });
  await expect(record).toContainText('Bình dân học vụ số');
  await expect(record).toContainText('Đã duyệt');
  await expect(record.getByRole('cell').nth(3)).toHaveText(date.vn);
  await expect(record.getByRole('cell').nth(4)).toHaveText('6');
  await expectAccessible(page, 'staff training record');
  await screenshot(page, 'staff-training-record');
  const after = await (await managerApi.get(`/api/staff/${me.staffId}/learning`)).json();
  expect(after.completions.find((c: { courseTitle: string }) => c.courseTitle === title)).toMatchObject({ source: 'bdhvs', status: 'approved', hours: 6 });
  expect(after.hoursByYear.find((h: { year: number }) => h.year === date.year).hours).toBeCloseTo(hoursBefore + 6);
});

test('a manager imports external completions: a bad row is shown by row and column and blocks the commit until the file is fixed', async ({ page, baseURL }) => {
  test.setTimeout(300_000);
  const tag = rnd();
  const date = daysAgo(40);
  const managerApi = await apiAs(baseURL as string, 'manager');
  const people = (await (await managerApi.get('/api/staff?status=active&pageSize=50')).json()).items.filter((s: { staffCode: string | null }) => s.staffCode);
  expect(people.length).toBeGreaterThanOrEqual(2);
  const [a, b] = people;

  await loginAs(page, 'manager');
  await page.getByRole('navigation').getByRole('menuitem', { name: 'Nhập kết quả bên ngoài' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nhập kết quả bên ngoài' })).toBeVisible(LOAD);
  await expectAccessible(page, 'external import upload');

  // the template has the Vietnamese headers
  const [template] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Tải file mẫu/ }).click()]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(await template.path()));
  const headers = JSON.stringify(wb.worksheets[0].getRow(1).values);
  for (const h of ['Mã nhân sự hoặc Họ và tên', 'Nguồn', 'Nội dung bồi dưỡng', 'Đơn vị tổ chức', 'Ngày hoàn thành', 'Số giờ', 'Số giấy chứng nhận']) {
    expect(headers).toContain(h);
  }

  const header = ['STT', 'Mã nhân sự hoặc Họ và tên', 'Năm sinh', 'Đơn vị', 'Nguồn', 'Nội dung bồi dưỡng', 'Đơn vị tổ chức', 'Ngày hoàn thành', 'Số giờ', 'Số giấy chứng nhận'];
  const rows: (string | number | null)[][] = [
    [1, a.staffCode, null, null, 'Bình dân học vụ số', `Chuyển đổi số cơ bản ${tag}`, 'binhdanhocvuso.gov.vn', date.vn, 4, `GCN-${tag}-1`],
    [2, b.staffCode, null, null, 'Chương trình của tỉnh', `Kỹ năng truyền thông số ${tag}`, 'Sở Khoa học và Công nghệ tỉnh Quảng Ngãi', date.vn, 0, `GCN-${tag}-2`],
  ];
  await page.locator('input[type=file]').setInputFiles({ name: 'ket-qua-ngoai.xlsx', mimeType: XLSX, buffer: await xlsx([header, ...rows]) });
  // spreadsheet row 3 (header = row 1): the hours
  await expect(page.getByText(/Dòng 3, cột “Số giờ”: Số giờ "0"/)).toBeVisible(LOAD);
  await expect(page.getByRole('button', { name: 'Nhập vào hệ thống' })).toBeDisabled();
  await expect(page.getByText('Có 1 dòng lỗi nên chưa thể nhập. Hãy sửa file và tải lên lại.')).toBeVisible();
  await expectAccessible(page, 'external import preview');
  await screenshot(page, 'external-import-preview');

  rows[1][8] = 8;
  await page.locator('input[type=file]').setInputFiles({ name: 'ket-qua-ngoai-da-sua.xlsx', mimeType: XLSX, buffer: await xlsx([header, ...rows]) });
  await expect(page.getByRole('button', { name: 'Nhập vào hệ thống' })).toBeEnabled(LOAD);
  await expect(page.getByText(/Dòng 3, cột/)).toHaveCount(0);
  await page.getByRole('button', { name: 'Nhập vào hệ thống' }).click();
  await expect(page.getByRole('heading', { name: 'Đã ghi nhận 2 kết quả' })).toBeVisible(LOAD);

  // imported results are approved and count on the person's record
  const record = await (await managerApi.get(`/api/staff/${b.id}/learning`)).json();
  expect(record.completions.find((c: { courseTitle: string }) => c.courseTitle === `Kỹ năng truyền thông số ${tag}`)).toMatchObject({
    source: 'provincial_program',
    status: 'approved',
    hours: 8,
  });
  await page.goto(`/staff/${b.id}`);
  await expect(page.getByRole('heading', { name: 'Quá trình bồi dưỡng' })).toBeVisible(LOAD);
  const row = page.getByRole('row', { name: new RegExp(`Kỹ năng truyền thông số ${tag}`) });
  await expect(row).toContainText('Chương trình của tỉnh', { timeout: 30_000 });
  await expect(row).toContainText('Đã duyệt');
});
