import { expect, Locator, Page, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import * as fs from 'node:fs';
import { apiAs, expectAccessible, loginAs, rnd, screenshot, xlsx } from '../support/fixtures';

async function pickTreeUnit(page: Page, label: string, search: string, title: string, scope: Page | Locator = page) {
  const box = scope.getByLabel(label, { exact: true });
  await box.click();
  await box.fill(search);
  await page.getByRole('tree').getByText(title, { exact: true }).first().click();
}

test.use({ actionTimeout: 15_000 });

async function addItem(page: Page, sectionTitle: string, itemTitle: string) {
  await page.getByRole('button', { name: `Thêm bài (${sectionTitle})` }).click();
  // a new item opens its editor at once
  const field = page.getByLabel('Tên bài');
  if (!(await field.isVisible())) await page.getByRole('button', { name: 'Sửa bài “Bài mới”' }).click();
  await field.fill(itemTitle);
  await page.getByRole('button', { name: `Sửa bài “${itemTitle}”` }).click();
}

test('a trainer builds and publishes a sequential course; a rule enrols DT staff, including one imported later; a learner completes it in order', async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  const tag = rnd();
  const code = `E2E-${tag}`.toUpperCase();
  const title = `Truyền thông số chuyên sâu ${tag}`;

  // the trainer creates the course
  await loginAs(page, 'trainer');
  await page.getByRole('navigation').getByRole('menuitem', { name: 'Khóa học', exact: true }).click();
  await page.getByRole('button', { name: 'Tạo khóa học' }).click();
  await page.getByLabel('Mã khóa học').fill(code);
  await page.getByLabel('Tên khóa học').fill(title);
  await pickTreeUnit(page, 'Đơn vị phụ trách', 'dak bla', 'Phường Đăk Bla (23302)');
  await page.getByLabel('Số giờ').fill('6');
  // sequential mode is the default, as on the national platform
  const sequential = page.getByRole('switch', { name: /Học tuần tự/ });
  if (!(await sequential.isChecked())) await sequential.click();
  await expect(sequential).toBeChecked();
  await expectAccessible(page, 'course form');
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(page.getByRole('heading', { name: title })).toBeVisible();

  // two sections, four lessons
  await page.getByRole('button', { name: 'Soạn nội dung' }).click();
  const sections = [
    { name: 'Chương 1. Nền tảng', items: ['Bài 1. Truyền thông số là gì', 'Bài 2. Kênh chính thống của phường'] },
    { name: 'Chương 2. Thực hành', items: ['Bài 3. Viết tin trên cổng thông tin', 'Bài 4. Trả lời phản ánh của người dân'] },
  ];
  for (const [n, s] of sections.entries()) {
    await page.getByRole('button', { name: 'Thêm chương' }).click();
    await page.getByLabel(`Tên chương ${n + 1}`).fill(s.name);
    for (const item of s.items) await addItem(page, s.name, item);
  }
  await expectAccessible(page, 'outline builder');
  await page.getByRole('button', { name: 'Lưu nội dung' }).click();
  await expect(page.getByText('Đã lưu nội dung khóa học')).toBeVisible();
  await screenshot(page, 'course-builder');

  const trainerApi = await apiAs(baseURL as string, 'trainer');
  const course = (await (await trainerApi.get(`/api/courses?q=${encodeURIComponent(code)}`)).json()).items[0];
  expect(course).toMatchObject({ code, sequential: true, durationHours: 6 });
  await page.goto(`/courses/${course.id}`);
  await page.getByRole('button', { name: 'Xuất bản' }).click();
  // the confirmation's own "Xuất bản" button
  await expect(page.getByText('Xuất bản khóa học này?')).toBeVisible();
  await page.getByRole('button', { name: 'Xuất bản', exact: true }).last().click();
  await expect(page.getByText('Đã xuất bản khóa học')).toBeVisible();

  // a rule: every dedicated and concurrent DT officer of the ward
  await page.getByRole('tab', { name: 'Quy tắc ghi danh' }).click();
  await page.getByRole('button', { name: 'Thêm quy tắc' }).click();
  const dialog = page.getByRole('dialog');
  await pickTreeUnit(page, 'Đơn vị', 'dak bla', 'Phường Đăk Bla (23302)', dialog);
  await dialog.getByLabel('Vai trò CĐS').click();
  await page.locator('.ant-select-item-option[title="Chuyên trách"]').click();
  await page.locator('.ant-select-item-option[title="Kiêm nhiệm"]').click();
  await dialog.getByText('Thêm quy tắc').first().click(); // close the dropdown
  await dialog.getByRole('button', { name: /Lưu|Thêm|OK/ }).last().click();
  await expect(page.getByText('Đã thêm quy tắc')).toBeVisible();
  const enrolled = (await (await trainerApi.get(`/api/courses/${course.id}/enrolments?pageSize=50`)).json());
  expect(enrolled.total).toBe(10); // the seed's 2 dedicated + 8 concurrent DT staff

  // a person imported afterwards as "kiêm nhiệm" is enrolled by the rule
  const managerApi = await apiAs(baseURL as string, 'manager');
  const file = await xlsx([
    ['Mã cán bộ', 'Họ', 'Chữ đệm', 'Tên', 'Mã đơn vị', 'Loại cán bộ', 'Vai trò CĐS'],
    [`KN-${tag}`, 'Phan', 'Thị', `Hiền${tag}`, 'PVHXH', 'Công chức', 'Kiêm nhiệm'],
  ]);
  const up = await managerApi.post('/api/staff/imports', { multipart: { file: { name: 'kiem-nhiem.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file } } });
  expect(up.status()).toBe(201);
  const imp = await up.json();
  expect((await managerApi.post(`/api/staff/imports/${imp.id}/commit`)).status()).toBe(200);
  const after = await (await trainerApi.get(`/api/courses/${course.id}/enrolments?q=${encodeURIComponent(`hien${tag}`)}`)).json();
  expect(after.items.map((e: { fullName: string; source: string }) => [e.fullName, e.source])).toEqual([[`Phan Thị Hiền${tag}`, 'rule']]);

  // the learner (a kiêm nhiệm officer) learns in order
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await loginAs(page, 'learner');
  await page.getByRole('navigation').getByRole('menuitem', { name: 'Học tập của tôi' }).click();
  const card = page.getByText(title);
  await expect(card).toBeVisible();
  await expectAccessible(page, 'my learning');
  await screenshot(page, 'my-learning');
  const courseCard = page.locator('.ant-card', { hasText: title });
  await courseCard.getByRole('button', { name: /Tiếp tục học|Bắt đầu học/ }).or(courseCard.getByRole('link', { name: /Tiếp tục học|Bắt đầu học/ })).first().click();
  await expect(page).toHaveURL(new RegExp(`/learning/${course.id}`));
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Bài 3. Viết tin trên cổng thông tin (chưa mở khóa)' })).toBeDisabled();
  // the server refuses too
  const learnerApi = await apiAs(baseURL as string, 'learner');
  const player = await (await learnerApi.get(`/api/me/learning/${course.id}`)).json();
  const items = player.sections.flatMap((s: { items: { id: string; title: string }[] }) => s.items);
  const locked = await learnerApi.post(`/api/me/learning/${course.id}/items/${items[2].id}/progress`, { data: { event: 'completed' } });
  expect(locked.status()).toBe(409);
  expect((await locked.json()).code).toBe('ITEM_LOCKED');

  for (const item of sections.flatMap((s) => s.items)) {
    await page.getByRole('button', { name: new RegExp(`^${item.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }).first().click();
    await page.getByRole('button', { name: 'Đánh dấu đã hoàn thành' }).click();
    await expect(page.getByRole('button', { name: `${item} (đã hoàn thành)` })).toBeVisible();
  }
  await expectAccessible(page, 'course player');
  await screenshot(page, 'course-player');

  // the completion and its hours are on the learner's record
  const me = await (await learnerApi.get('/api/auth/me')).json();
  const record = await (await trainerApi.get(`/api/staff/${me.staffId}/learning`)).json();
  const completion = record.completions.find((c: { courseId: string }) => c.courseId === course.id);
  expect(completion).toMatchObject({ hours: 6, source: 'internal' });
  expect(record.hoursByYear.find((h: { year: number }) => h.year === new Date().getFullYear()).hours).toBeGreaterThanOrEqual(6);

  // and in the trainer's progress table and its XLSX export
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await loginAs(page, 'trainer');
  await page.goto(`/courses/${course.id}`);
  await page.getByRole('tab', { name: 'Tiến độ' }).click();
  await expect(page.getByRole('cell', { name: new RegExp(me.displayName) }).first()).toBeVisible();
  await expectAccessible(page, 'progress table');
  await screenshot(page, 'course-progress');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Xuất Excel' }).click()]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(await download.path()));
  const rows: string[] = [];
  wb.worksheets[0].eachRow((r) => rows.push(r.values ? JSON.stringify(r.values) : ''));
  expect(rows.some((r) => r.includes(me.displayName) && /Hoàn thành|completed/i.test(r))).toBe(true);
});
