import { expect, test } from '@playwright/test';
import { expectAccessible, loginAs, screenshot } from '../support/fixtures';

test('org-unit tree, user accounts and the audit log are accessible to an admin', async ({ page }) => {
  await loginAs(page, 'admin');
  await page.getByRole('navigation').getByRole('menuitem', { name: 'Đơn vị' }).click();
  await expect(page.getByText('Phường Đăk Bla').first()).toBeVisible();
  await expectAccessible(page, 'org units');
  await screenshot(page, 'org-units');
  await page.getByRole('navigation').getByRole('menuitem', { name: 'Tài khoản' }).click();
  await expect(page.getByRole('cell', { name: 'manager', exact: true })).toBeVisible();
  await expectAccessible(page, 'users');
  await page.getByRole('navigation').getByRole('menuitem', { name: 'Nhật ký hệ thống' }).click();
  await expect(page.getByText(/Đăng nhập: admin/).first()).toBeVisible();
  await expectAccessible(page, 'audit');
  await screenshot(page, 'audit');
});
