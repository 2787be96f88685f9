import { expect, test } from '@playwright/test';
import { expectAccessible, loginAs, rnd, screenshot, xlsx } from '../support/fixtures';

const HEADER = ['Mã cán bộ', 'Họ', 'Chữ đệm', 'Tên', 'Giới tính', 'Năm sinh', 'Số điện thoại', 'Mã đơn vị', 'Chức vụ', 'Loại cán bộ', 'Vai trò CĐS'];

test('a manager imports a staff XLSX: one bad row is shown, then the fixed file is committed', async ({ page }) => {
  const tag = rnd();
  const rows = [
    [`IMP-${tag}-1`, 'Nguyễn', 'Thị', `Hạnh${tag}`, 'Nữ', 1990, '0905123456', 'PVHXH', 'Chuyên viên', 'Công chức', 'Kiêm nhiệm'],
    [`IMP-${tag}-2`, 'Võ', 'Văn', `Tâm${tag}`, 'Nam', 1985, '12345', 'PVHXH', 'Chuyên viên', 'Công chức', 'Không'],
    [`IMP-${tag}-3`, 'Huỳnh', 'Ngọc', `Lan${tag}`, 'Nữ', 1995, '0935123456', 'PVHXH', 'Văn thư', 'Người lao động', 'Không'],
  ];
  await loginAs(page, 'manager');
  await page.getByRole('navigation').getByRole('menuitem', { name: 'Nhập danh sách' }).click();
  await expectAccessible(page, 'import upload');
  await screenshot(page, 'import-upload');
  await page.locator('input[type=file]').setInputFiles({ name: 'danh-sach.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await xlsx([HEADER, ...rows]) });
  // the bad phone of row 3 (spreadsheet row numbers, header = row 1) is shown, and committing is blocked
  await expect(page.getByText(/Số điện thoại không hợp lệ: "12345"/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Nhập vào hệ thống' })).toBeDisabled();
  await expectAccessible(page, 'import preview');
  await screenshot(page, 'import-preview');

  rows[1][6] = '0905654321';
  await page.locator('input[type=file]').setInputFiles({ name: 'danh-sach-da-sua.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await xlsx([HEADER, ...rows]) });
  await expect(page.getByRole('button', { name: 'Nhập vào hệ thống' })).toBeEnabled();
  await page.getByRole('button', { name: 'Nhập vào hệ thống' }).click();
  await expect(page.getByRole('heading', { name: 'Đã nhập xong danh sách' })).toBeVisible({ timeout: 30_000 });
  await screenshot(page, 'import-result');

  await page.getByRole('navigation').getByRole('menuitem', { name: 'Nhân sự' }).click();
  await page.getByLabel('Tìm kiếm').fill(`vo van tam${tag}`);
  await expect(page.getByRole('cell', { name: `Võ Văn Tâm${tag}` })).toBeVisible();
});
