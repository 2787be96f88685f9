import { expect as baseExpect, test } from '@playwright/test';
import jsQR from 'jsqr';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PNG } from 'pngjs';
import { apiAs, expectAccessible, loginAs, rnd, screenshot, xlsx } from '../support/fixtures';

test.use({ actionTimeout: 30_000 });
// pages of figures computed on the server, on a shared machine: more patience than the default 10 s
const expect = baseExpect.configure({ timeout: 45_000 });

const pad = (n: number) => String(n).padStart(2, '0');
/** A day `days` from now, in Viet Nam, as dd/mm/yyyy and yyyy-mm-dd. */
function dayFromNow(days: number) {
  const d = new Date(Date.now() + 7 * 3600_000 + days * 86_400_000);
  const [y, m, dd] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
  return { vn: `${pad(dd)}/${pad(m)}/${y}`, iso: `${y}-${pad(m)}-${pad(dd)}` };
}

/** What a real spreadsheet reader sees: LibreOffice converts the XLSX to CSV (UTF-8). */
function xlsxToCsvWithLibreOffice(file: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dakbla-lo-'));
  const profile = path.join(dir, 'profile');
  execFileSync(
    'soffice',
    [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1', '--outdir', dir, file],
    { stdio: 'pipe', timeout: 300_000 },
  );
  const csv = fs.readdirSync(dir).find((f) => f.endsWith('.csv'));
  if (!csv) throw new Error('LibreOffice produced no CSV');
  return fs.readFileSync(path.join(dir, csv), 'utf8');
}

test('a manager follows the targets: dashboard and chart, drill-down, enrolment of the untrained, HR export, semi-annual report submitted and printed', async ({ page, baseURL }) => {
  test.setTimeout(600_000);
  const tag = rnd();
  const api = await apiAs(baseURL as string, 'manager');

  // a civil servant recruited today in the culture and society office: not briefed on Resolution 57 yet
  const newcomer = `Phan Thị Hiền${tag}`;
  const file = await xlsx([
    ['Mã cán bộ', 'Họ', 'Chữ đệm', 'Tên', 'Năm sinh', 'Giới tính', 'Mã đơn vị', 'Loại cán bộ', 'Vai trò CĐS'],
    [`NQ-${tag}`, 'Phan', 'Thị', `Hiền${tag}`, 1998, 'Nữ', 'PVHXH', 'Công chức', 'Không'],
  ]);
  const up = await api.post('/api/staff/imports', {
    multipart: { file: { name: 'tuyen-dung.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file } },
  });
  expect(up.status()).toBe(201);
  expect((await api.post(`/api/staff/imports/${(await up.json()).id}/commit`)).status()).toBe(200);

  const targets = (await (await api.get('/api/targets')).json()).items as { id: string; code: string; name: string; courseIds: string[] }[];
  const nq57 = targets.find((t) => t.code === 'NQ57-2025');
  expect(nq57).toBeTruthy();
  const units = (await (await api.get('/api/org-units')).json()) as { id: string; code: string; name: string }[] | { items: { id: string; code: string; name: string }[] };
  const unitList = Array.isArray(units) ? units : units.items;
  const office = unitList.find((u) => u.code === 'PVHXH') as { id: string; name: string };
  const ubnd = unitList.find((u) => u.code === 'UBND') as { id: string; name: string };

  // ---- the dashboard is the manager's home page, with a chart per target
  await loginAs(page, 'manager');
  await expect(page.getByRole('heading', { level: 1, name: 'Theo dõi thực hiện chỉ tiêu' })).toBeVisible();
  for (const t of targets) {
    const chart = page.getByRole('img', { name: `Biểu đồ lũy kế tỷ lệ đã bồi dưỡng theo tháng: ${t.name}` });
    await expect(chart).toBeVisible();
  }
  const firstCard = page.locator('.ant-card', { has: page.getByRole('heading', { level: 2, name: nq57!.name }) });
  await expect(firstCard.locator('[data-series="actual"] circle').first()).toBeVisible();
  await expect(firstCard.getByText(/Đạt|Đúng tiến độ|Có nguy cơ chậm|Chậm tiến độ/).first()).toBeVisible();
  await expect(page.getByText(/Số liệu tính đến ngày \d{2}\/\d{2}\/\d{4}/).first()).toBeVisible();
  await expectAccessible(page, 'targets dashboard');
  await screenshot(page, 'dashboard');

  // the same figures as of a past day
  await page.goto('/?asOf=2025-06-30');
  await expect(page.getByText('Số liệu tính đến ngày 30/06/2025')).toBeVisible();
  const past = await (await api.get(`/api/targets/${nq57!.id}/summary?asOf=2025-06-30`)).json();
  const pastCard = page.locator('.ant-card', { has: page.getByRole('heading', { level: 2, name: nq57!.name }) });
  await expect(pastCard.locator('.ant-statistic', { hasText: 'Tỷ lệ đạt' })).toContainText(`${String(past.share).replace('.', ',')}%`);

  // on a 360 px phone the cards stack and nothing overflows sideways
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/');
  await expect(page.getByRole('img', { name: `Biểu đồ lũy kế tỷ lệ đã bồi dưỡng theo tháng: ${nq57!.name}` })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await screenshot(page, 'dashboard-phone');
  await page.setViewportSize({ width: 1366, height: 860 });

  // ---- drill down: the ward, then its People's Committee, then the office
  await page.goto('/');
  // (wait for the cards to finish loading, so the link stops moving)
  for (const t of targets) await expect(page.getByRole('img', { name: `Biểu đồ lũy kế tỷ lệ đã bồi dưỡng theo tháng: ${t.name}` })).toBeVisible();
  await page.getByRole('link', { name: `Xem chi tiết chỉ tiêu “${nq57!.name}”` }).click();
  await expect(page.getByRole('heading', { level: 1, name: nq57!.name })).toBeVisible();
  await expect(page.getByRole('img', { name: 'Tỷ lệ đã bồi dưỡng theo đơn vị trực thuộc Phường Đăk Bla' })).toBeVisible();
  await page.getByRole('button', { name: `Xem ${ubnd.name} và các đơn vị trực thuộc` }).click();
  const bars = page.getByRole('img', { name: `Tỷ lệ đã bồi dưỡng theo đơn vị trực thuộc ${ubnd.name}` });
  await expect(bars).toBeVisible();
  await expect(bars.locator(`[data-bar="${office.id}"]`)).toBeVisible();
  await page.getByRole('heading', { name: 'Phân tích kết quả' }).scrollIntoViewIfNeeded();
  await screenshot(page, 'target-detail');
  await page.getByRole('button', { name: `Xem ${office.name}`, exact: true }).click();
  const crumbs = page.getByRole('navigation', { name: 'Đơn vị đang xem' });
  await expect(crumbs.getByText(office.name)).toHaveAttribute('aria-current', 'location');
  await expect(crumbs.getByRole('button', { name: ubnd.name })).toBeVisible();
  await expect(page.getByRole('heading', { name: `Kết quả của ${office.name}` })).toBeVisible();

  // the untrained of the office, as the API counts them
  const untrained = await (await api.get(`/api/targets/${nq57!.id}/people?trained=false&unitId=${office.id}&pageSize=200`)).json();
  expect(untrained.items.map((p: { fullName: string }) => p.fullName)).toContain(newcomer);
  const people = page.locator('.ant-card', { has: page.getByRole('heading', { name: `Danh sách đối tượng: ${office.name}` }) });
  await expect(people.getByRole('link', { name: newcomer })).toBeVisible();
  await expect(people.getByText(`Tổng số ${untrained.total}`)).toBeVisible();
  // diacritic-free search finds the newcomer
  await people.getByLabel('Tìm theo họ tên (gõ có dấu hoặc không dấu)').fill(`phan thi hien${tag}`);
  await expect(people.getByRole('link', { name: newcomer })).toBeVisible();
  await expect(people.getByText('Tổng số 1')).toBeVisible();
  await people.getByLabel('Tìm theo họ tên (gõ có dấu hoặc không dấu)').fill('');
  await expectAccessible(page, 'target detail');

  // ---- enrol the untrained of the office in the briefing course, with a due date
  const due = dayFromNow(45);
  await page.getByRole('button', { name: 'Ghi danh những người chưa đạt' }).click();
  const dialog = page.getByRole('dialog', { name: 'Ghi danh những người chưa đạt' });
  await expect(dialog.getByText(`Hôm nay có ${untrained.total} người thuộc đối tượng của ${office.name} chưa được bồi dưỡng.`)).toBeVisible();
  await expect(dialog.getByText('Phổ biến, quán triệt Nghị quyết 57-NQ/TW (NQ57-01)')).toBeVisible(); // the target's course by default
  const dueInput = dialog.getByLabel('Hạn hoàn thành');
  await dueInput.click();
  await dueInput.fill(due.vn);
  await dueInput.press('Enter');
  await dialog.getByRole('button', { name: 'Tiếp tục' }).click();
  await expect(dialog.getByText(`Ghi danh ${untrained.total} người chưa được bồi dưỡng của ${office.name} vào khóa “Phổ biến, quán triệt Nghị quyết 57-NQ/TW”?`)).toBeVisible();
  await expect(dialog.getByText(due.vn)).toBeVisible();
  await dialog.getByRole('button', { name: 'Xác nhận ghi danh' }).click();
  await expect(dialog.getByText(/^Đã ghi danh \d+ người$/)).toBeVisible();
  const result = (await dialog.getByText(/^Trong \d+ người chưa được bồi dưỡng/).textContent()) as string;
  const [, n, enrolled, already] = /Trong (\d+) người chưa được bồi dưỡng: (\d+) người vừa được ghi danh, (\d+) người đã được ghi danh từ trước\./.exec(result) ?? [];
  expect(Number(n)).toBe(untrained.total);
  expect(Number(enrolled)).toBeGreaterThanOrEqual(1); // the newcomer at least
  expect(Number(enrolled) + Number(already)).toBe(untrained.total);
  await dialog.getByRole('button', { name: 'Đóng' }).last().click(); // the footer's, not the × in the corner
  const courseId = nq57!.courseIds[0];
  const enrolment = (await (await api.get(`/api/courses/${courseId}/enrolments?q=${encodeURIComponent(`hien${tag}`)}`)).json()).items;
  expect(enrolment.map((e: { fullName: string; dueDate: string }) => [e.fullName, e.dueDate])).toEqual([[newcomer, due.iso]]);
  // the list now shows the newcomer's enrolment
  const row = people.getByRole('row', { name: new RegExp(newcomer) });
  await expect(row.getByText('Phổ biến, quán triệt Nghị quyết 57-NQ/TW')).toBeVisible();

  // ---- the "not yet trained" list for HR, XLSX, opened by LibreOffice
  const exportsCard = page.locator('.ant-card', { has: page.getByRole('heading', { name: 'Xuất danh sách cho tổ chức cán bộ' }) });
  await expect(exportsCard.getByRole('radio', { name: 'Người chưa bồi dưỡng' })).toBeChecked();
  const [download] = await Promise.all([page.waitForEvent('download'), exportsCard.getByRole('button', { name: 'Tải Excel (XLSX)' }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  await expect(exportsCard.getByText(`Gồm ${untrained.total} dòng.`)).toBeVisible();
  const xlsxPath = path.join(os.tmpdir(), `dakbla-untrained-${tag}.xlsx`);
  await download.saveAs(xlsxPath);
  const csv = xlsxToCsvWithLibreOffice(xlsxPath);
  expect(csv).toContain(newcomer);
  for (const p of untrained.items as { fullName: string }[]) expect(csv).toContain(p.fullName);
  expect(csv).toContain('Họ và tên');
  expect(csv.normalize('NFC')).toBe(csv); // stored and exported NFC

  // ---- the semi-annual report: generated, submitted (then locked), printed
  const year = Number(dayFromNow(0).iso.slice(0, 4));
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('menuitem', { name: 'Báo cáo', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Báo cáo định kỳ' })).toBeVisible();
  await page.getByRole('button', { name: 'Lập báo cáo' }).click();
  const create = page.getByRole('dialog', { name: 'Lập báo cáo kết quả thực hiện Nghị quyết 57-NQ/TW' });
  await create.getByLabel('Kỳ báo cáo').click();
  await page.locator(`.ant-select-item-option[title="6 tháng đầu năm ${year} (chốt số liệu ngày 15/06/${year})"]`).click();
  await create.getByRole('button', { name: 'Lập báo cáo' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Báo cáo 6 tháng đầu năm ${year}` })).toBeVisible();
  await expect(page.getByText(`Số liệu tính đến ngày 15/06/${year}`).first()).toBeVisible();
  await expect(page.getByRole('heading', { name: /Biểu 01\./ })).toBeVisible();
  const docNumber = `${tag.slice(0, 4)}/BC-UBND`;
  await page.getByLabel('Số văn bản').fill(docNumber);
  await page.getByLabel('II. Kết quả thực hiện').fill('Phường đã tổ chức quán triệt Nghị quyết 57-NQ/TW cho toàn thể cán bộ, công chức, viên chức.');
  await page.getByLabel('Họ tên người ký').fill('Nguyễn Văn Định');
  await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
  const confirm = page.getByRole('dialog', { name: 'Gửi báo cáo?' });
  await expect(confirm.getByText('Sau khi gửi, báo cáo bị khóa; muốn sửa phải lập bản điều chỉnh.')).toBeVisible();
  await confirm.getByRole('button', { name: 'Gửi và khóa báo cáo' }).click();
  await expect(page.getByText(/Báo cáo đã gửi lúc .* và đã bị khóa\./)).toBeVisible();
  await expect(page.getByLabel('Số văn bản')).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Lập bản điều chỉnh' })).toBeVisible();
  await expectAccessible(page, 'submitted report');
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'report');
  const reportId = page.url().split('/reports/')[1];
  const stored = await (await api.get(`/api/reports/${reportId}`)).json();
  expect(stored).toMatchObject({ status: 'submitted', docNumber, version: 1 });

  const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải PDF' }).click()]);
  const pdfPath = path.join(os.tmpdir(), `dakbla-report-${tag}.pdf`);
  await pdf.saveAs(pdfPath);
  expect(fs.readFileSync(pdfPath).subarray(0, 5).toString()).toBe('%PDF-');
  // page 1 rendered to an image, and its text
  const png = path.join(os.tmpdir(), `dakbla-report-${tag}`);
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdfPath, png], { timeout: 60_000 });
  expect(fs.statSync(`${png}.png`).size).toBeGreaterThan(5_000);
  const text = execFileSync('pdftotext', ['-f', '1', '-l', '1', '-layout', pdfPath, '-'], { timeout: 60_000 }).toString('utf8');
  expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
  expect(text).toContain('BÁO CÁO');
  expect(text).toContain(docNumber);
  await api.dispose();
});

/** The QR code on page 1 of a PDF, as a phone would read it from the printed page: rendered at 150 dpi, then decoded. */
function qrOfPdf(pdfPath: string): string {
  const out = `${pdfPath}-page1`;
  execFileSync('pdftoppm', ['-png', '-r', '150', '-f', '1', '-l', '1', '-singlefile', pdfPath, out], { timeout: 60_000 });
  const png = PNG.sync.read(fs.readFileSync(`${out}.png`));
  const code = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
  if (!code) throw new Error('no QR code found on page 1 of the certificate');
  return code.data;
}

test('a certificate printed from the register carries a QR code that opens the public verification page without signing in', async ({ page, baseURL, browser }) => {
  test.setTimeout(300_000);
  const tag = rnd();
  const api = await apiAs(baseURL as string, 'manager');
  const valid = (await (await api.get('/api/certificates?state=valid&pageSize=5')).json()).items as { id: string; registerNo: string; fullName: string; courseTitle: string; code: string }[];
  expect(valid.length).toBeGreaterThan(0); // the demo seed's completions issued them
  const cert = valid[0];

  await loginAs(page, 'manager');
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('menuitem', { name: 'Giấy chứng nhận', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Giấy chứng nhận' })).toBeVisible();
  await page.getByLabel('Lọc theo tình trạng').click();
  await page.locator('.ant-select-dropdown:visible').getByText('Còn hiệu lực', { exact: true }).click();
  const download = page.getByRole('button', { name: `Tải PDF giấy chứng nhận số ${cert.registerNo}` });
  await expect(download).toBeVisible();
  await expectAccessible(page, 'certificate register');
  await screenshot(page, 'certificates');
  const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
  expect(file.suggestedFilename()).toMatch(/^giay-chung-nhan-\d{4}-\d{4}\.pdf$/); // year and register number
  const pdfPath = path.join(os.tmpdir(), `dakbla-certificate-${tag}.pdf`);
  await file.saveAs(pdfPath);
  const text = execFileSync('pdftotext', ['-f', '1', '-l', '1', pdfPath, '-'], { timeout: 60_000 }).toString('utf8');
  expect(text).toContain('GIẤY CHỨNG NHẬN');
  expect(text.replace(/\s+/g, ' ')).toContain(cert.fullName);

  // the QR code of the printed page, opened by someone who has no account
  const url = qrOfPdf(pdfPath);
  expect(url).toBe(`${baseURL}/verify/${cert.code}`);
  const stranger = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'vi-VN' });
  const phone = await stranger.newPage();
  await phone.goto(url);
  await expect(phone.getByRole('heading', { level: 1, name: 'Xác minh giấy chứng nhận' })).toBeVisible();
  await expect(phone.getByText('Giấy chứng nhận hợp lệ')).toBeVisible();
  await expect(phone.getByText(cert.fullName, { exact: true })).toBeVisible();
  await expect(phone.getByText(cert.courseTitle, { exact: true })).toBeVisible();
  await expect(phone.getByRole('button', { name: 'Đăng xuất' })).toHaveCount(0);
  await expectAccessible(phone, 'public verification');
  await screenshot(phone, 'certificate-verify-phone');
  // a made-up code is not found
  await phone.goto(`${baseURL}/verify/ABCDEFGHJKMN`);
  await expect(phone.getByText(/Không tìm thấy/)).toBeVisible();
  await stranger.close();
  await api.dispose();
});
