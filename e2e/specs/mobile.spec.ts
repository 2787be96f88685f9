import { expect, test } from '@playwright/test';
import { expectAccessible, loginAs, screenshot } from '../support/fixtures';

test('on a 360 px phone the menu opens in a drawer and the people list fits', async ({ page }) => {
  await loginAs(page, 'manager');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);
  await page.getByRole('button', { name: /menu/i }).click();
  await page.getByRole('menuitem', { name: 'Nhân sự' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const overflowList = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflowList).toBeLessThanOrEqual(1);
  await expectAccessible(page, 'people list on a phone');
  await screenshot(page, 'staff-list-phone');
});
