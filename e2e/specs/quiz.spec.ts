import { APIRequestContext, Browser, expect, Locator, Page, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { apiAs, changeInitialPassword, expectAccessible, loginAs, rnd, screenshot } from '../support/fixtures';

test.use({ actionTimeout: 60_000 });

const GIFT = `// Ngân hàng câu hỏi an toàn thông tin cho cán bộ phường (UTF-8, tiếng Việt có dấu)
$CATEGORY: An toàn thông tin

::Mật khẩu mạnh::Mật khẩu nào dưới đây an toàn nhất cho tài khoản công vụ?{
=Tr@ngSen!2026-Phường
~123456
~ngày sinh của bạn
~matkhau
}

::Xác thực hai yếu tố::Xác thực hai yếu tố giúp bảo vệ tài khoản công vụ khi bị lộ mật khẩu.{T}

::Tệp đính kèm lạ::Nên mở ngay tệp đính kèm lạ trong thư điện tử để kiểm tra nội dung.{F}

::Wi-Fi công cộng::Khi dùng Wi-Fi công cộng, cán bộ nên làm gì?{
=Dùng mạng riêng ảo (VPN) của cơ quan
~Đăng nhập hệ thống văn bản điều hành như bình thường
~Tắt tường lửa để kết nối nhanh hơn
}

$CATEGORY: Tự luận

::Tự luận bảo vệ dữ liệu::Hãy nêu hai biện pháp bảo vệ dữ liệu cá nhân của người dân khi tiếp nhận hồ sơ trực tuyến.{}
`;

async function excelQuestions(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Câu hỏi');
  ws.addRow(['Loại câu hỏi', 'Nội dung câu hỏi', 'Phương án A', 'Phương án B', 'Phương án C', 'Phương án D', 'Đáp án đúng', 'Điểm', 'Phản hồi', 'Danh mục', 'Thẻ']);
  ws.addRow(['Một đáp án', 'Nghị quyết 57-NQ/TW do cơ quan nào ban hành?', 'Quốc hội', 'Bộ Chính trị', 'Chính phủ', 'Ban Bí thư', 'B', 1, 'Bộ Chính trị ban hành ngày 22/12/2024.', 'Nghị quyết 57', 'nq57']);
  ws.addRow(['Nhiều đáp án', 'Nghị quyết 57 xác định đột phá trong những lĩnh vực nào?', 'Khoa học, công nghệ', 'Đổi mới sáng tạo', 'Xuất khẩu lao động', 'Chuyển đổi số quốc gia', 'A, B, D', 1, '', 'Nghị quyết 57', 'nq57']);
  ws.addRow(['Đúng/Sai', 'Nghị quyết 57-NQ/TW được ban hành ngày 22/12/2024.', '', '', '', '', 'Đúng', 1, '', 'Nghị quyết 57', 'nq57']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** axe on the page with the pointer parked away (a hovered primary button is lighter than at rest). */
async function accessible(page: Page, label: string) {
  const size = page.viewportSize();
  await page.mouse.move((size?.width ?? 800) / 2, 8); // the empty middle of the header
  await expectAccessible(page, label);
}

async function pickTreeUnit(page: Page, label: string, search: string, title: string) {
  const box = page.getByLabel(label, { exact: true });
  await box.click();
  await box.fill(search);
  await page.getByRole('tree').getByText(title, { exact: true }).first().click();
}

/** Picks an option of an antd Select / TreeSelect opened from the field with this label inside `scope`. */
async function pickOption(page: Page, scope: Page | Locator, label: string, option: string | RegExp, search?: string) {
  // a required field's name starts with antd's "*"
  const name = new RegExp(`^(\\* )?${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  const box = scope.getByRole('combobox', { name });
  await box.click();
  if (search) await box.fill(search);
  await page.locator('.ant-select-dropdown:visible, .ant-select-tree-list:visible').getByText(option).first().click();
}

async function importFile(page: Page, bankId: string, categoryId: string, format: 'GIFT' | 'Excel', file: { name: string; mimeType: string; buffer: Buffer }, count: number) {
  await page.goto(`/question-banks/${bankId}/import?category=${categoryId}`);
  // antd draws its own circle over the native input
  await page.getByRole('radio', { name: new RegExp(`^${format} \\(`) }).check({ force: true });
  await expect(page.getByRole('radio', { name: new RegExp(`^${format} \\(`) })).toBeChecked();
  await page.locator('input[type=file]').first().setInputFiles(file);
  const commit = page.getByRole('button', { name: `Nhập ${count} câu hỏi` });
  await expect(commit).toBeEnabled({ timeout: 30_000 });
  await commit.click();
  await expect(page.getByText(`Đã nhập ${count} câu hỏi`)).toBeVisible();
}

/** Answers every question on the current page: the first option, or a Vietnamese sentence in a text field. */
async function answerPage(page: Page): Promise<Locator[]> {
  const regions = await page.getByRole('region', { name: /^Câu \d+/ }).all();
  for (const q of regions) {
    const radio = q.getByRole('radio');
    const box = q.getByRole('checkbox');
    const text = q.getByRole('textbox');
    if (await radio.count()) await radio.first().check();
    else if (await box.count()) await box.first().check();
    else if (await text.count()) await text.first().fill('Không chia sẻ mật khẩu; chỉ lưu hồ sơ trên hệ thống của phường, mã hóa khi gửi.');
  }
  return regions;
}

async function newLearner(admin: APIRequestContext, manager: APIRequestContext, tag: string, exclude: string) {
  const staff = (await (await manager.get('/api/staff?status=active&pageSize=100')).json()).items as { id: string; fullName: string; hasAccount: boolean }[];
  const person = staff.find((s) => !s.hasAccount && s.id !== exclude)!;
  const password = `Tam-thoi-${tag}-2026`;
  const res = await admin.post('/api/users', {
    data: { username: `hocvien-${tag}`, displayName: person.fullName, password, roles: ['learner'], staffId: person.id },
  });
  expect(res.status()).toBe(201);
  return { username: `hocvien-${tag}`, password, staffId: person.id, fullName: person.fullName };
}

test('a trainer imports GIFT and Excel questions, builds a timed quiz with random questions in a course; a learner answers offline and submits; a second learner is submitted at the deadline; the trainer grades the essay and sees the statistics', async ({ page, baseURL, browser }) => {
  test.setTimeout(900_000);
  const tag = rnd();
  const trainerApi = await apiAs(baseURL as string, 'trainer');
  const managerApi = await apiAs(baseURL as string, 'manager');
  const adminApi = await apiAs(baseURL as string, 'admin');
  const learnerApi = await apiAs(baseURL as string, 'learner');
  const ward = (await (await trainerApi.get('/api/auth/me')).json()).scopeUnitId as string;

  // ---- the trainer imports a GIFT file and an Excel file into a new bank (the bank UI of features/questions)
  await loginAs(page, 'trainer');
  const bank = await (await trainerApi.post('/api/question-banks', { data: { name: `Ngân hàng kiểm tra ${tag}`, ownerUnitId: ward } })).json();
  const root = (await (await trainerApi.get(`/api/question-banks/${bank.id}/categories`)).json()).items[0];
  await importFile(page, bank.id, root.id, 'GIFT', { name: 'an-toan-thong-tin.gift.txt', mimeType: 'text/plain', buffer: Buffer.from(GIFT, 'utf8') }, 5);
  await importFile(
    page,
    bank.id,
    root.id,
    'Excel',
    { name: 'nghi-quyet-57.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await excelQuestions() },
    3,
  );
  const cats = (await (await trainerApi.get(`/api/question-banks/${bank.id}/categories`)).json()).items as { name: string; questionCount: number }[];
  expect(cats.map((c) => [c.name, c.questionCount]).sort()).toEqual([['An toàn thông tin', 4], ['Mặc định', 0], ['Nghị quyết 57', 3], ['Tự luận', 1]]);

  // ---- a timed quiz with random questions (and one fixed essay)
  const quizTitle = `Kiểm tra an toàn thông tin ${tag}`;
  await page.goto('/quizzes');
  await page.getByRole('button', { name: 'Tạo bài kiểm tra' }).click();
  await page.getByLabel('Tên bài kiểm tra').fill(quizTitle);
  await pickTreeUnit(page, 'Đơn vị phụ trách', 'dak bla', 'Phường Đăk Bla (23302)');
  await page.getByLabel('Giới hạn thời gian (phút)').fill('15');
  await page.getByLabel('Số câu mỗi trang').fill('2');
  await accessible(page, 'quiz form');
  // validation before the server: no pass mark
  await page.getByLabel('Điểm đạt (%)').fill('');
  await page.getByRole('button', { name: 'Tạo bài kiểm tra' }).last().click();
  await expect(page.getByText('Vui lòng nhập giá trị')).toBeVisible();
  await page.getByLabel('Điểm đạt (%)').fill('60');
  await page.getByRole('button', { name: 'Tạo bài kiểm tra' }).last().click();
  // (durable states rather than toasts, which a slow machine may miss)
  await expect(page.getByRole('tab', { name: 'Câu hỏi', selected: true })).toBeVisible();
  const quizId = new URL(page.url()).pathname.split('/').pop() as string;

  for (const [category, count] of [
    [/^An toàn thông tin/, '3'],
    [/^Nghị quyết 57/, '2'],
  ] as const) {
    await page.getByRole('button', { name: 'Thêm câu hỏi ngẫu nhiên' }).click();
    const dialog = page.getByRole('dialog', { name: 'Thêm câu hỏi ngẫu nhiên' });
    await pickOption(page, dialog, 'Ngân hàng câu hỏi', new RegExp(`Ngân hàng kiểm tra ${tag}`));
    await pickOption(page, dialog, 'Danh mục', category);
    await dialog.getByLabel('Số câu').fill(count);
    await dialog.getByRole('button', { name: 'Thêm' }).click();
    await expect(dialog).toBeHidden();
  }
  await page.getByRole('button', { name: 'Thêm câu hỏi từ ngân hàng' }).click();
  const picker = page.getByRole('dialog', { name: 'Chọn câu hỏi từ ngân hàng' });
  await pickOption(page, picker, 'Ngân hàng câu hỏi', new RegExp(`Ngân hàng kiểm tra ${tag}`));
  // diacritic-insensitive search on the server
  await picker.getByLabel('Tìm câu hỏi (gõ có dấu hoặc không dấu)…').fill('tu luan bao ve');
  await picker.getByRole('checkbox', { name: 'Chọn câu hỏi “Tự luận bảo vệ dữ liệu”' }).check();
  await picker.getByRole('button', { name: 'Thêm 1 câu đã chọn' }).click();
  // the essay goes first by keyboard: its drag handle and ArrowUp twice
  const handle = page.getByRole('button', { name: /^Di chuyển mục 3: Tự luận bảo vệ dữ liệu/ });
  await handle.focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(page.getByRole('button', { name: /^Di chuyển mục 1: Tự luận bảo vệ dữ liệu/ })).toBeFocused();
  await expect(page.getByText('Số câu mỗi lượt làm')).toBeVisible();
  await accessible(page, 'quiz slots');
  await page.getByRole('button', { name: 'Lưu danh sách câu hỏi' }).click();
  // the saved list comes back from the server with how many questions each random slot can draw from now
  await expect(page.getByText('hiện có 4 câu phù hợp')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Lưu danh sách câu hỏi' })).toBeDisabled();
  await screenshot(page, 'quiz-builder');
  const slots = (await (await trainerApi.get(`/api/quizzes/${quizId}/slots`)).json()).slots;
  expect(slots.map((s: { kind: string; count?: number }) => [s.kind, s.count ?? null])).toEqual([['fixed', null], ['random', 3], ['random', 2]]);

  await page.getByRole('button', { name: 'Phát hành' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Phát hành' }).click();
  await expect(page.getByText('Đã phát hành', { exact: true })).toBeVisible();

  // ---- the quiz becomes the final item of a course (outline builder's quiz picker)
  const course = await (
    await trainerApi.post('/api/courses', {
      data: { code: `KT-${tag}`.toUpperCase(), title: `An toàn thông tin cho cán bộ ${tag}`, ownerUnitId: ward, targetGroup: 'cbccvc', deliveryMode: 'self_paced', durationHours: 2 },
    })
  ).json();
  await page.goto(`/courses/${course.id}/outline`);
  await page.getByRole('button', { name: 'Thêm chương' }).click();
  await page.getByLabel('Tên chương 1').fill('Kiểm tra cuối khóa');
  await page.getByRole('button', { name: 'Thêm bài (Kiểm tra cuối khóa)' }).click();
  await page.getByLabel('Tên bài').fill('Bài kiểm tra an toàn thông tin');
  await pickOption(page, page, 'Loại nội dung', 'Bài kiểm tra');
  await pickOption(page, page, 'Bài kiểm tra', quizTitle, `an toan thong tin ${tag}`);
  await page.getByRole('button', { name: 'Lưu nội dung' }).click();
  await expect(page.getByText('Có thay đổi chưa lưu')).toHaveCount(0);
  const outline = await (await trainerApi.get(`/api/courses/${course.id}/outline`)).json();
  expect(outline.sections[0].items[0]).toMatchObject({ type: 'quiz', quizId });
  expect((await trainerApi.post(`/api/courses/${course.id}/publish`, { data: {} })).status()).toBe(200);

  const learner1 = await (await learnerApi.get('/api/auth/me')).json();
  const learner2 = await newLearner(adminApi, managerApi, tag, learner1.staffId);
  const enrol = await trainerApi.post(`/api/courses/${course.id}/enrolments`, { data: { staffIds: [learner1.staffId, learner2.staffId] } });
  expect(enrol.status()).toBe(200);
  const learner1Name = (await (await trainerApi.get(`/api/staff/${learner1.staffId}`)).json()).fullName as string;
  await page.getByRole('button', { name: 'Đăng xuất' }).click();

  // ---- learner 1 starts from "Học tập của tôi", answers, loses the network, keeps answering, comes back, reloads, submits
  const context = page.context();
  await loginAs(page, 'learner');
  await page.goto(`/learning/${course.id}`);
  await page.getByRole('button', { name: 'Vào bài kiểm tra' }).click();
  await expect(page).toHaveURL(new RegExp(`/learning/quizzes/${quizId}\\?course=${course.id}`));
  await expect(page.getByRole('heading', { level: 1, name: quizTitle })).toBeVisible();
  await expect(page.getByText('15 phút').first()).toBeVisible();
  await accessible(page, 'quiz start page');
  await page.getByRole('button', { name: 'Bắt đầu làm bài' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Bắt đầu làm bài' }).click();
  await expect(page).toHaveURL(/\/learning\/attempts\//);
  const attemptId = new URL(page.url()).pathname.split('/').pop() as string;
  await expect(page.getByRole('timer')).toHaveText(/^1[45]:\d\d$/);

  // page 1 online: saved
  for (const q of await answerPage(page)) await expect(q.getByText('Đã lưu')).toBeVisible();
  await accessible(page, 'attempt player');

  // pages 2 and 3 offline: kept on the device
  await context.setOffline(true);
  await page.getByRole('button', { name: 'Trang sau' }).click();
  for (const q of await answerPage(page)) await expect(q.getByText('Ngoại tuyến – sẽ gửi lại')).toBeVisible();
  await expect(page.getByText('Mất kết nối mạng', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Trang sau' }).click();
  const offlinePage3 = await answerPage(page);
  for (const q of offlinePage3) await expect(q.getByText('Ngoại tuyến – sẽ gửi lại')).toBeVisible();
  await page.getByRole('button', { name: 'Gắn cờ' }).first().click();
  await screenshot(page, 'quiz-offline');
  const server = await (await learnerApi.get(`/api/me/attempts/${attemptId}`)).json();
  expect(server.answers).toHaveLength(2);

  // back online: everything is sent; then a reload shows the server's state
  await context.setOffline(false);
  for (const q of offlinePage3) await expect(q.getByText('Đã lưu')).toBeVisible({ timeout: 45_000 });
  await expect.poll(async () => (await (await learnerApi.get(`/api/me/attempts/${attemptId}`)).json()).answers.length, { timeout: 45_000 }).toBe(6);
  await page.reload();
  await expect(page.getByText('Đã trả lời 6/6 câu')).toBeVisible();
  await expect(page.getByRole('button', { name: /: đã trả lời, đã gắn cờ/ })).toHaveCount(1);

  await page.getByRole('button', { name: 'Nộp bài' }).first().click();
  const confirm = page.getByRole('dialog', { name: 'Nộp bài?' });
  await expect(confirm.getByText('Bạn đã trả lời cả 6 câu.')).toBeVisible();
  await expect(confirm.getByText('Có 1 câu bạn đã gắn cờ để xem lại.')).toBeVisible();
  await confirm.getByRole('button', { name: 'Nộp bài' }).click();
  await expect(page.getByText('Đã nộp bài')).toBeVisible();
  await expect(page.getByText('Bài có câu tự luận đang chờ giảng viên chấm')).toBeVisible();
  const submitted = await (await learnerApi.get(`/api/me/attempts/${attemptId}`)).json();
  expect(submitted.status).toBe('needs_grading');
  // every answer is graded, the essay waits for the trainer
  expect(submitted.result.perQuestion.map((q: { state: string }) => q.state).sort()).toEqual(
    expect.arrayContaining(['needs_grading']),
  );
  expect(submitted.result.perQuestion.filter((q: { state: string }) => q.state === 'unanswered')).toEqual([]);

  // ---- learner 2, on a 360 px phone, is closed out at the deadline (a personal closing time 75 s away)
  const phone = await (browser as Browser).newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const p2 = await phone.newPage();
  await loginAs(p2, learner2.username, learner2.password);
  await changeInitialPassword(p2, learner2.password, `Mat-khau-moi-${tag}-2026`);
  await p2.goto(`/learning/quizzes/${quizId}?course=${course.id}`);
  await expect(p2.getByRole('button', { name: 'Bắt đầu làm bài' })).toBeEnabled();
  const now = (await (await learnerApi.get(`/api/me/attempts/${attemptId}`)).json()).serverNow as string;
  const closeAt = new Date(Date.parse(now) + 75_000).toISOString();
  const ov = await trainerApi.post(`/api/quizzes/${quizId}/overrides`, { data: { staffId: learner2.staffId, closeAt } });
  expect(ov.status()).toBe(201);
  await p2.getByRole('button', { name: 'Bắt đầu làm bài' }).click();
  await p2.getByRole('dialog').getByRole('button', { name: 'Bắt đầu làm bài' }).click();
  await expect(p2.getByRole('timer')).toHaveText(/^0[01]:\d\d$/);
  // one answer only (question 2 of page 1); the essay stays empty
  const second = p2.getByRole('region', { name: /^Câu 2\b/ });
  await second.getByRole('radio').first().check();
  await expect(second.getByText('Đã lưu')).toBeVisible();
  expect(await p2.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
  await screenshot(p2, 'quiz-player-phone');
  await expect(p2.getByText('Đã nộp bài')).toBeVisible({ timeout: 150_000 });
  await phone.close();

  // ---- the trainer grades the essay and sees the statistics
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await loginAs(page, 'trainer');
  await page.goto(`/quizzes/${quizId}?tab=attempts`);
  await expect(page.getByRole('cell', { name: new RegExp(learner2.fullName) })).toBeVisible();
  await page.getByRole('tab', { name: 'Chấm tự luận' }).click();
  const item = page.locator('.ant-card', { hasText: learner1Name }).filter({ hasText: 'Tự luận bảo vệ dữ liệu' });
  await expect(item.getByText('Không chia sẻ mật khẩu; chỉ lưu hồ sơ trên hệ thống của phường')).toBeVisible();
  await item.getByLabel(/Điểm \(tối đa 1\)/).fill('2');
  await item.getByRole('button', { name: 'Lưu điểm' }).click();
  await expect(item.getByText('Điểm phải từ 0 đến 1')).toBeVisible();
  await item.getByLabel(/Điểm \(tối đa 1\)/).fill('0.75');
  await item.getByLabel('Nhận xét (không bắt buộc)').fill('Nêu đúng hai biện pháp; cần nói rõ hơn về mã hóa.');
  await accessible(page, 'grading queue');
  await item.getByRole('button', { name: 'Lưu điểm' }).click();
  await expect(item).toHaveCount(0);
  const graded = await (await learnerApi.get(`/api/me/attempts/${attemptId}`)).json();
  expect(graded.status).toBe('graded');
  expect(graded.result.perQuestion.every((q: { state: string }) => ['correct', 'partial', 'wrong', 'graded'].includes(q.state))).toBe(true);

  await page.getByRole('tab', { name: 'Thống kê' }).click();
  await expect(page.getByRole('heading', { name: 'Phân bố điểm' })).toBeVisible();
  const stats = await (await trainerApi.get(`/api/quizzes/${quizId}/statistics`)).json();
  expect(stats.attempts).toBe(2);
  await expect(page.locator('.ant-statistic', { hasText: 'Số lượt làm' })).toContainText('2');
  await expect(page.getByRole('img', { name: 'Phân bố điểm' })).toBeVisible();
  await accessible(page, 'quiz statistics');
  await screenshot(page, 'quiz-statistics');
});
