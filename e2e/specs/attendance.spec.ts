import { APIRequestContext, Browser, expect as baseExpect, Page, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { apiAs, DEMO_PASSWORD, expectAccessible, loginAs, rnd, screenshot } from '../support/fixtures';

test.use({ actionTimeout: 30_000 });
// a long scenario on a shared 2-core machine: generous waits, each one still fails when the thing never happens
const expect = baseExpect.configure({ timeout: 30_000 });

/** Vietnam local calendar values of an instant (UTC+7, no daylight saving). */
const vn = (ms: number) => {
  const iso = new Date(ms + 7 * 3600_000).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
};
const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const dmy = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
const WEEKDAY = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];

async function pickTreeUnit(page: Page, label: string, search: string, title: string) {
  const box = page.getByLabel(label, { exact: true });
  await box.click();
  await box.fill(search);
  await page.getByRole('tree').getByText(title, { exact: true }).first().click();
}

/** Picks an option of an antd Select found by its label, typing `search` first when given. */
async function pickOption(page: Page, label: string, option: string | RegExp, search?: string) {
  const box = page.getByLabel(label, { exact: true });
  await box.click();
  if (search) await box.fill(search);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
}

type Session = { id: string; date: string; startTime: string; startsAt: string; endsAt: string; hours: number };
type MarkRow = { rosterId: string; fullName: string; status: string | null; lateMinutes: number | null; source: string | null };

async function marksOf(api: APIRequestContext, sessionId: string): Promise<{ items: MarkRow[]; counts: Record<string, number> }> {
  const res = await api.get(`/api/sessions/${sessionId}/marks`);
  expect(res.status()).toBe(200);
  return res.json();
}

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

/** A separate browser (another person's phone); signed in through the login API when `login` is given (its cookie). */
async function newPage(browser: Browser, baseURL: string, options: Parameters<Browser['newContext']>[0] = {}, login?: string) {
  const context = await browser.newContext({ baseURL, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', ...options });
  if (login) {
    const res = await context.request.post('/api/auth/login', { data: { login, password: DEMO_PASSWORD } });
    expect(res.status()).toBe(200);
  }
  return { context, page: await context.newPage() };
}

test('attendance: a class with a weekly series, a roster of staff and residents, rotating-QR check-in, offline marking on a phone, the PDF sheet, the matrix and the course completion', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(900_000);
  const base = baseURL as string;
  const tag = rnd();
  const trainerApi = await apiAs(base, 'trainer');
  const learnerApi = await apiAs(base, 'learner');
  const trainerMe = await (await trainerApi.get('/api/auth/me')).json();
  const learnerMe = await (await learnerApi.get('/api/auth/me')).json();
  expect(learnerMe.staffId).toBeTruthy();
  const learnerStaff = await (await trainerApi.get(`/api/staff/${learnerMe.staffId}`)).json();

  // a published course whose only required item is the class attendance, complete at 75 %
  const courseCode = `DD-${tag}`.toUpperCase();
  const course = await (
    await trainerApi.post('/api/courses', {
      data: { code: courseCode, title: `Kỹ năng số cơ bản ${tag}`, ownerUnitId: trainerMe.scopeUnitId, targetGroup: 'cbccvc', deliveryMode: 'in_person', durationHours: 6 },
    })
  ).json();
  expect(course.id).toBeTruthy();
  const outline = await trainerApi.put(`/api/courses/${course.id}/outline`, {
    data: { sections: [{ title: 'Học trên lớp', items: [{ type: 'attendance', title: 'Tham dự lớp học', required: true, minShare: 75 }] }] },
  });
  expect(outline.status()).toBe(200);
  expect((await trainerApi.post(`/api/courses/${course.id}/publish`, { data: {} })).status()).toBe(200);

  // five staff of the trainer's scope (the demo learner's person among them) and three residents
  const staffList = (await (await trainerApi.get('/api/staff?status=active&pageSize=100')).json()).items as { id: string; fullName: string }[];
  const counts = new Map<string, number>();
  for (const s of staffList) counts.set(s.fullName, (counts.get(s.fullName) ?? 0) + 1);
  const others = staffList.filter((s) => s.id !== learnerStaff.id && counts.get(s.fullName) === 1 && s.fullName !== learnerStaff.fullName).slice(0, 4);
  expect(others).toHaveLength(4);
  const staff = [learnerStaff as { id: string; fullName: string }, ...others];
  const phone = () => `09${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  const residents = [
    { fullName: `Y Bhăm Êban ${tag}`, phone: phone(), birthYear: 1958 },
    { fullName: `Rơ Mah H'Linh ${tag}`, phone: phone(), birthYear: 1962 },
    { fullName: `Nguyễn Thị Ánh Tuyết ${tag}`, phone: phone(), birthYear: 1970 },
  ];

  // session times around now (Vietnam time), so that checking in is possible during the test
  const now = Date.now();
  const today = vn(now).date;
  const startTime = vn(now - 10 * 60_000).date === today ? vn(now - 10 * 60_000).time : '00:00';
  const endTime = vn(now + 60 * 60_000).date === today ? vn(now + 60 * 60_000).time : '23:59';
  const firstDate = addDays(today, -21);

  // 1. the trainer creates the class in the SPA
  await loginAs(page, 'trainer');
  await page.getByRole('navigation').getByRole('menuitem', { name: 'Lớp học', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Lớp học' })).toBeVisible();
  await page.getByRole('button', { name: 'Tạo lớp học' }).click();
  const classCode = `BDHVS-${tag}`.toUpperCase();
  const classTitle = `Lớp "Bình dân học vụ số" ${tag}`;
  await page.getByLabel('Mã lớp').fill(classCode);
  await page.getByLabel('Tên lớp').fill(classTitle);
  await pickOption(page, 'Loại lớp', 'Lớp của khóa học');
  await pickOption(page, 'Khóa học', courseCode, courseCode);
  await pickOption(page, 'Nội dung điểm danh của khóa học', 'Tham dự lớp học');
  await pickTreeUnit(page, 'Đơn vị phụ trách', 'dak bla', 'Phường Đăk Bla (23302)');
  await page.getByLabel('Tên địa điểm').fill('Nhà văn hóa tổ dân phố 3');
  await page.getByLabel('Đóng điểm danh sau giờ bắt đầu').fill('600');
  // a 30-second step: long enough for a phone on a busy test machine, short enough to see a code expire
  await page.getByLabel('Mã QR đổi sau mỗi').fill('30');
  await expectAccessible(page, 'class form');
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: classTitle })).toBeVisible();
  const classId = new URL(page.url()).pathname.split('/')[2];

  // 2. a weekly series of four sessions, the last one today
  await expect(page.getByRole('tab', { name: 'Buổi học', selected: true })).toBeVisible();
  await page.getByRole('button', { name: 'Tạo chuỗi buổi học' }).click();
  const seriesDialog = page.getByRole('dialog');
  await seriesDialog.getByLabel('Từ ngày').first().fill(firstDate);
  await seriesDialog.getByLabel('Đến ngày').first().fill(today);
  const weekday = WEEKDAY[new Date(`${today}T00:00:00Z`).getUTCDay()];
  await seriesDialog.getByRole('checkbox', { name: weekday }).check();
  await seriesDialog.getByLabel('Giờ bắt đầu').first().fill(startTime);
  await seriesDialog.getByLabel('Giờ kết thúc').first().fill(endTime);
  await seriesDialog.getByLabel('Chủ đề').fill('Dùng VNeID và dịch vụ công trực tuyến');
  await expect(seriesDialog.getByText(/Sẽ tạo 4 buổi/)).toBeVisible();
  await seriesDialog.getByRole('button', { name: 'Tạo 4 buổi học' }).click();
  await expect(page.getByRole('button', { name: /^Điểm danh buổi / })).toHaveCount(4);
  const sessions = ((await (await trainerApi.get(`/api/classes/${classId}/sessions`)).json()).items as Session[]);
  expect(sessions.map((s) => s.date)).toEqual([firstDate, addDays(firstDate, 7), addDays(firstDate, 14), today]);
  const [s1, s2, s3, s4] = sessions;
  await expectAccessible(page, 'sessions');

  // 3. the roster: five staff found by search, three residents by name, phone and birth year
  await page.getByRole('tab', { name: 'Danh sách học viên' }).click();
  await page.getByRole('button', { name: 'Thêm cán bộ' }).click();
  const staffDialog = page.getByRole('dialog');
  for (const s of staff) {
    await staffDialog.getByLabel('Tìm cán bộ theo tên, mã, đơn vị…').fill(s.fullName);
    await staffDialog.getByRole('checkbox', { name: `Chọn ${s.fullName}`, exact: true }).first().check();
  }
  await staffDialog.getByRole('button', { name: 'Thêm 5 người' }).click();
  await expect(staffDialog).toBeHidden();
  for (const s of staff) await expect(page.getByRole('cell', { name: s.fullName, exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Thêm người dân' }).click();
  const resDialog = page.getByRole('dialog');
  for (const [i, r] of residents.entries()) {
    if (i > 0) await resDialog.getByRole('button', { name: 'Thêm dòng' }).click();
    await resDialog.getByLabel(`Họ và tên (người ${i + 1})`).fill(r.fullName);
    await resDialog.getByLabel('Số điện thoại').nth(i).fill(r.phone);
    await resDialog.getByLabel('Năm sinh').nth(i).fill(String(r.birthYear));
  }
  await resDialog.getByRole('button', { name: 'Thêm vào lớp' }).click();
  await expect(resDialog.getByText('Đã thêm 3 người vào lớp')).toBeVisible();
  await resDialog.getByRole('button', { name: 'Đóng' }).first().click();
  await expect(resDialog).toBeHidden();
  for (const r of residents) await expect(page.getByRole('cell', { name: r.fullName, exact: true })).toBeVisible();
  await expectAccessible(page, 'roster');
  await screenshot(page, 'attendance-roster');
  const roster = (await (await trainerApi.get(`/api/classes/${classId}/roster`)).json()).items as { id: string; fullName: string; kind: string }[];
  expect(roster).toHaveLength(8);
  expect(roster.filter((r) => r.kind === 'resident')).toHaveLength(3);
  const rosterId = (name: string) => roster.find((r) => r.fullName === name)!.id;

  // 4. the QR screen of today's session
  await page.getByRole('tab', { name: 'Buổi học' }).click();
  await page.getByRole('button', { name: `Màn hình QR buổi ${dmy(today)} ${s4.startTime}` }).click();
  await expect(page).toHaveURL(new RegExp(`/sessions/${s4.id}/check-in-screen`));
  const qr = page.locator('[data-check-in-url]');
  await expect(page.getByRole('img', { name: /Mã QR điểm danh/ })).toBeVisible();
  await expect(page.getByTestId('check-in-code')).toHaveText(/^\d{3} \d{3}$/);
  const qrUrl = async () => (await qr.getAttribute('data-check-in-url')) as string;
  const oldUrl = await qrUrl();
  const oldUrlAt = Date.now();
  expect(oldUrl).toMatch(/\/check-in\?t=/);
  await expectAccessible(page, 'check-in screen');
  await screenshot(page, 'attendance-qr-screen');
  // the code rotates
  await expect.poll(qrUrl, { timeout: 70_000 }).not.toBe(oldUrl);
  /** the token the screen shows right now (the API the screen polls), as the phone's camera would read it */
  const liveUrl = async () => `${base}${(await (await trainerApi.get(`/api/sessions/${s4.id}/check-in-screen`)).json()).path}`;

  // 4a. a signed-in learner scans the live code: checked in at once
  const learner = await newPage(browser, base, PHONE, 'learner');
  await learner.page.goto('/learning'); // the app is in the phone's cache before the scan
  await expect(learner.page.getByRole('button', { name: 'Đăng xuất' })).toBeVisible();
  await learner.page.goto(await liveUrl());
  await expect(learner.page.getByText(`Đã điểm danh: ${learnerStaff.fullName}`)).toBeVisible();
  await learner.context.close();

  // 4b. a resident without an account: name and phone once
  const resident = await newPage(browser, base, PHONE);
  await resident.page.goto('/check-in'); // the app is in the phone's cache before the scan
  await expect(resident.page.getByLabel('Mã điểm danh')).toBeVisible();
  await resident.page.goto(await liveUrl());
  await expect(resident.page.getByText(classTitle)).toBeVisible();
  await resident.page.getByLabel('Họ và tên').fill(residents[0].fullName);
  await resident.page.getByLabel('Số điện thoại').fill(residents[0].phone);
  await expectAccessible(resident.page, 'public check-in');
  await screenshot(resident.page, 'attendance-check-in-phone');
  await resident.page.getByRole('button', { name: 'Điểm danh' }).click();
  await expect(resident.page.getByText(`Đã điểm danh: ${residents[0].fullName}`)).toBeVisible();
  expect(await resident.page.evaluate(() => localStorage.getItem('dakbla.checkin.device'))).toMatch(/^[A-Za-z0-9_-]{43}$/);
  await resident.context.close();

  // the trainer's screen lists both check-ins
  const live = page.getByRole('list', { name: 'Đã điểm danh' });
  await expect(live.getByText(learnerStaff.fullName)).toBeVisible({ timeout: 15_000 });
  await expect(live.getByText(residents[0].fullName)).toBeVisible();
  let marks = await marksOf(trainerApi, s4.id);
  expect(marks.items.filter((m) => m.source === 'qr').map((m) => m.fullName).sort()).toEqual([learnerStaff.fullName, residents[0].fullName].sort());

  // 5. the trainer marks the rest on a phone, offline, then reconnects
  const phonePage = await newPage(browser, base, PHONE, 'trainer');
  await phonePage.page.goto(`/sessions/${s4.id}/mark`);
  await expect(phonePage.page.getByRole('button', { name: 'Có mặt tất cả (6 người chưa điểm danh)' })).toBeVisible();
  await expectAccessible(phonePage.page, 'marking page');
  await phonePage.context.setOffline(true);
  await expect(phonePage.page.getByText(/Mất kết nối mạng/)).toBeVisible();
  await phonePage.page.getByRole('button', { name: 'Có mặt tất cả (6 người chưa điểm danh)' }).click();
  // an exception: one staff person was absent after all (search without diacritics)
  const absent = others[3].fullName;
  const folded = absent.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
  await phonePage.page.getByRole('searchbox', { name: 'Tìm tên (gõ không dấu cũng được)' }).fill(folded);
  await phonePage.page.getByRole('button', { name: `${absent}: Có mặt. Bấm để điểm danh` }).click();
  await phonePage.page.getByRole('dialog').getByRole('button', { name: 'Vắng không phép' }).click();
  await expect(phonePage.page.getByText('6 điểm danh chưa đồng bộ')).toBeVisible();
  await screenshot(phonePage.page, 'attendance-marking-offline');
  // nothing reached the server yet
  marks = await marksOf(trainerApi, s4.id);
  expect(marks.counts.unmarked).toBe(6);
  await phonePage.context.setOffline(false);
  await expect(phonePage.page.getByText('Đã đồng bộ tất cả điểm danh')).toBeVisible({ timeout: 20_000 });
  marks = await marksOf(trainerApi, s4.id);
  expect(marks.counts.unmarked).toBe(0);
  expect(marks.counts.unexcused).toBe(1);
  expect(marks.items.find((m) => m.fullName === absent)?.status).toBe('unexcused');
  expect(marks.counts.present + marks.counts.late).toBe(7);
  await phonePage.context.close();

  // 5b. a shared screenshot of an expired code is refused, with the reason in Vietnamese
  // only the current and the previous 30-second step are accepted
  await page.waitForTimeout(Math.max(0, oldUrlAt + 65_000 - Date.now()));
  const late = await newPage(browser, base);
  await late.page.goto(oldUrl);
  await expect(late.page.getByText(/Mã điểm danh đã hết hạn/)).toBeVisible();
  await expect(late.page.getByLabel('Mã điểm danh')).toBeVisible();
  await late.context.close();

  // 6. the paper sign-in sheet: PDF with Vietnamese names, then typed back in for the first session
  const pdf = await page.request.get(`/api/sessions/${s1.id}/sign-in-sheet.pdf`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toContain('application/pdf');
  const pdfFile = path.join(os.tmpdir(), `sheet-${tag}.pdf`);
  fs.writeFileSync(pdfFile, await pdf.body());
  const text = execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' }).normalize('NFC');
  for (const name of [learnerStaff.fullName, ...residents.map((r) => r.fullName)]) expect(text).toContain(name);
  expect(text).toContain('Ký tên');
  fs.rmSync(pdfFile, { force: true });

  await page.goto(`/classes/${classId}?tab=sessions`);
  await expect(page.getByRole('link', { name: `Phiếu ký tên (PDF) buổi ${dmy(s1.date)} ${s1.startTime}` })).toHaveAttribute('href', `/api/sessions/${s1.id}/sign-in-sheet.pdf`);
  await page.getByRole('button', { name: `Nhập phiếu giấy buổi ${dmy(s1.date)} ${s1.startTime}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nhập phiếu điểm danh giấy' })).toBeVisible();
  // keyboard first: one key per person, the cursor moves down by itself
  const codes = page.getByRole('textbox', { name: /^Mã điểm danh của / });
  await codes.first().focus();
  for (let i = 0; i < roster.length; i++) {
    await page.keyboard.press('c');
    await expect(codes.nth(i)).toHaveValue('C');
  }
  // the third resident was absent without leave that day
  await page.getByLabel(`Mã điểm danh của ${residents[2].fullName}`).fill('K');
  await expectAccessible(page, 'paper entry');
  await page.getByRole('button', { name: 'Lưu 8 dòng' }).click();
  await expect(page.getByText('Đã lưu', { exact: true })).toHaveCount(8);
  marks = await marksOf(trainerApi, s1.id);
  expect(marks.counts).toMatchObject({ present: 7, unexcused: 1, unmarked: 0 });

  // sessions 2 and 3 through the API: everyone there, except the learner missing session 3
  const markedAt = new Date().toISOString();
  for (const [s, absentees] of [
    [s2, [] as string[]],
    [s3, [learnerStaff.fullName]],
  ] as const) {
    const res = await trainerApi.put(`/api/sessions/${s.id}/paper-marks`, {
      data: { marks: roster.map((r) => ({ rosterId: r.id, status: absentees.includes(r.fullName) ? 'unexcused' : 'present', markedAt })) },
    });
    expect(res.status()).toBe(200);
    expect((await res.json()).errors).toBe(0);
  }

  // 7. the matrix, the hours and the XLSX export
  const report = await (await trainerApi.get(`/api/classes/${classId}/report`)).json();
  const row = (name: string) => report.rows.find((r: { fullName: string }) => r.fullName === name);
  // hours = session length × weight (present and late weigh 1); every session of the series is as long
  const h = (Date.parse(s1.endsAt) - Date.parse(s1.startsAt)) / 3_600_000;
  expect(report.sessions).toHaveLength(4);
  expect(row(learnerStaff.fullName)).toMatchObject({ attendedSessions: 3, share: 75 });
  expect(row(learnerStaff.fullName).hours).toBeCloseTo(3 * h, 1);
  expect(row(residents[2].fullName)).toMatchObject({ attendedSessions: 3, share: 75 });
  expect(row(absent)).toMatchObject({ attendedSessions: 3 });
  expect(row(residents[1].fullName)).toMatchObject({ attendedSessions: 4, share: 100 });
  expect(row(residents[1].fullName).hours).toBeCloseTo(4 * h, 1);
  expect(row(learnerStaff.fullName).cells.map((c: { status: string }) => c.status)).toEqual([
    'present',
    'present',
    'unexcused',
    expect.stringMatching(/^(present|late)$/),
  ]);
  expect(rosterId(learnerStaff.fullName)).toBe(row(learnerStaff.fullName).rosterId);

  await page.goto(`/classes/${classId}?tab=report`);
  await expect(page.getByRole('cell', { name: new RegExp(residents[1].fullName) })).toBeVisible();
  await expectAccessible(page, 'class report');
  await screenshot(page, 'attendance-matrix');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Xuất Excel' }).click()]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(await download.path()));
  const sheet = wb.worksheets[0];
  const lines: string[][] = [];
  sheet.eachRow((r) => lines.push((r.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)))));
  const header = lines.find((l) => l.includes('Họ và tên'))!;
  expect(header).toEqual(expect.arrayContaining(['Số buổi tham dự', 'Số giờ học']));
  const xRow = lines.find((l) => l.includes(learnerStaff.fullName))!;
  expect(Number(xRow[header.indexOf('Số buổi tham dự')])).toBe(3);
  expect(Number(xRow[header.indexOf('Số giờ học')])).toBeCloseTo(3 * h, 1);
  expect(Number(xRow[header.indexOf('Tỷ lệ cả lớp học (%)')])).toBe(75);
  expect(xRow[header.indexOf(`${dmy(s3.date)} ${s3.startTime}`)]).toBe('Vắng không phép');
  const rRow = lines.find((l) => l.includes(residents[1].fullName))!;
  expect(Number(rRow[header.indexOf('Số giờ học')])).toBeCloseTo(4 * h, 1);

  // 8. the learner who attended 3 of 4 sessions completed the course (rule: 75 %)
  const learning = await (await learnerApi.get('/api/me/learning')).json();
  const mine = learning.items.find((i: { courseId: string }) => i.courseId === course.id);
  expect(mine).toMatchObject({ status: 'completed' });
  const record = await (await trainerApi.get(`/api/staff/${learnerStaff.id}/learning`)).json();
  expect(record.completions.some((c: { courseId: string }) => c.courseId === course.id)).toBe(true);
});
