import { expect, test } from '@playwright/test';
import { apiAs, changeInitialPassword, expectAccessible, loginAs, rnd, screenshot } from '../support/fixtures';

test('a diacritic-free search finds the person', async ({ page, baseURL }) => {
  const api = await apiAs(baseURL as string, 'admin');
  const ward = (await (await api.get('/api/org-units')).json()).items.find((u: { code: string }) => u.code === '23302');
  const given = `Tuyết${rnd()}`;
  const created = await api.post('/api/staff', { data: { familyName: 'Đặng', middleName: 'Thị Ánh', givenName: given, unitId: ward.id, category: 'civil_servant' } });
  expect(created.status()).toBe(201);
  await loginAs(page, 'manager');
  await page.getByRole('navigation').getByRole('menuitem', { name: 'Nhân sự' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const folded = `dang thi anh ${given.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()}`;
  await page.getByLabel('Tìm kiếm').fill(folded);
  await expect(page.getByRole('cell', { name: `Đặng Thị Ánh ${given}` })).toBeVisible();
  await expectAccessible(page, 'people list');
  await page.getByLabel('Tìm kiếm').fill('');
  await expect(page.getByRole('row')).not.toHaveCount(1);
  await screenshot(page, 'staff-list');
  await page.getByLabel('Tìm kiếm').fill(folded);
  await page.getByRole('link', { name: `Đặng Thị Ánh ${given}` }).click();
  await expect(page.getByRole('heading', { name: `Đặng Thị Ánh ${given}` })).toBeVisible();
  await expectAccessible(page, 'person detail');
  await screenshot(page, 'staff-detail');
});

test('a manager of one unit cannot open a person of another unit', async ({ page, baseURL }) => {
  const api = await apiAs(baseURL as string, 'admin');
  const ward = (await (await api.get('/api/org-units')).json()).items.find((u: { code: string }) => u.code === '23302');
  const mk = async (name: string) => (await (await api.post('/api/org-units', { data: { code: `E2E-${rnd()}`, name, type: 'specialized_office', parentId: ward.id } })).json()).id as string;
  const unitA = await mk(`Phòng thử A ${rnd()}`);
  const unitB = await mk(`Phòng thử B ${rnd()}`);
  const other = await (await api.post('/api/staff', { data: { familyName: 'Lê', middleName: 'Văn', givenName: 'Bảo', unitId: unitB, category: 'civil_servant' } })).json();
  const username = `ql-${rnd()}`;
  expect((await api.post('/api/users', { data: { username, displayName: 'Quản lý phòng A', password: 'mat-khau-e2e-123', roles: ['manager'], scopeUnitId: unitA } })).status()).toBe(201);
  await loginAs(page, username, 'mat-khau-e2e-123');
  await expect(page.getByRole('heading', { name: 'Đổi mật khẩu', level: 1 })).toBeVisible();
  await expectAccessible(page, 'change password');
  await changeInitialPassword(page, 'mat-khau-e2e-123', 'mat-khau-moi-e2e-456');
  // the manager sees the people of their unit, and the other unit's person answers "not found"
  await page.goto(`/staff/${other.id}`);
  await expect(page.getByRole('heading', { name: 'Không tìm thấy trang' })).toBeVisible();
  await expect(page.getByText('Lê Văn Bảo')).toHaveCount(0);
});

test('a manager edits a person: a bad mobile number is refused on the form, a good one is saved', async ({ page, baseURL }) => {
  const api = await apiAs(baseURL as string, 'admin');
  const ward = (await (await api.get('/api/org-units')).json()).items.find((u: { code: string }) => u.code === '23302');
  const given = `Linh${rnd()}`;
  const p = await (await api.post('/api/staff', { data: { familyName: 'Rơ Mah', givenName: given, unitId: ward.id, category: 'public_employee' } })).json();
  await loginAs(page, 'manager');
  await page.goto(`/staff/${p.id}/edit`);
  await expect(page.getByLabel('Số điện thoại')).toBeVisible();
  await expectAccessible(page, 'person form');
  await screenshot(page, 'staff-edit');
  await page.getByLabel('Số điện thoại').fill('0912 345 67');
  await page.getByRole('button', { name: /Lưu/ }).click();
  await expect(page.getByText('Số di động gồm 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09')).toBeVisible();
  await page.getByLabel('Số điện thoại').fill('0912345678');
  await page.getByRole('button', { name: /Lưu/ }).click();
  await expect(page.getByRole('heading', { name: `Rơ Mah ${given}` })).toBeVisible();
  await expect(page.getByText('0912345678')).toBeVisible();
});
