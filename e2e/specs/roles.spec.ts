import { expect, test } from '@playwright/test';
import { expectAccessible, loginAs, screenshot } from '../support/fixtures';

const NAV: Record<string, { visible: string[]; hidden: string[] }> = {
  learner: { visible: ['Trang chủ', 'Học tập của tôi', 'Khóa học mở', 'Đổi mật khẩu'], hidden: ['Khóa học', 'Bài kiểm tra', 'Đơn vị', 'Nhân sự', 'Nhập danh sách', 'Tài khoản', 'Nhật ký hệ thống'] },
  trainer: { visible: ['Trang chủ', 'Học tập của tôi', 'Khóa học mở', 'Khóa học', 'Bài kiểm tra', 'Đơn vị', 'Nhân sự', 'Đổi mật khẩu'], hidden: ['Nhập danh sách', 'Tài khoản', 'Nhật ký hệ thống'] },
  manager: { visible: ['Trang chủ', 'Học tập của tôi', 'Khóa học mở', 'Khóa học', 'Bài kiểm tra', 'Đơn vị', 'Nhân sự', 'Nhập danh sách', 'Đổi mật khẩu'], hidden: ['Tài khoản', 'Nhật ký hệ thống'] },
  admin: { visible: ['Trang chủ', 'Học tập của tôi', 'Khóa học mở', 'Khóa học', 'Bài kiểm tra', 'Đơn vị', 'Nhân sự', 'Nhập danh sách', 'Tài khoản', 'Nhật ký hệ thống', 'Đổi mật khẩu'], hidden: [] },
};

test('the login page is in Vietnamese and accessible', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  await expect(page.getByRole('button', { name: 'Đăng nhập' })).toBeVisible();
  await expectAccessible(page, 'login');
  await screenshot(page, 'login');
});

test('a wrong password shows the generic message', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Tên đăng nhập hoặc email').fill('manager');
  await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByText('Tên đăng nhập hoặc mật khẩu không đúng')).toBeVisible();
});

for (const [role, nav] of Object.entries(NAV)) {
  test(`${role} logs in and sees the navigation of the role`, async ({ page }) => {
    await loginAs(page, role);
    const menu = page.getByRole('navigation');
    for (const item of nav.visible) await expect(menu.getByRole('menuitem', { name: item, exact: true })).toBeVisible();
    for (const item of nav.hidden) await expect(menu.getByRole('menuitem', { name: item, exact: true })).toHaveCount(0);
    await expectAccessible(page, `home as ${role}`);
    if (role === 'manager') await screenshot(page, 'home-manager');
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await expect(page.getByRole('button', { name: 'Đăng nhập' })).toBeVisible();
  });
}

test('the language switch turns the interface into English and back', async ({ page }) => {
  await loginAs(page, 'manager');
  await page.getByLabel('Ngôn ngữ / Language').click();
  await page.getByText('English', { exact: true }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await page.getByLabel('Ngôn ngữ / Language').click();
  await page.getByText('Tiếng Việt', { exact: true }).click();
  await expect(page.getByRole('button', { name: 'Đăng xuất' })).toBeVisible();
});
