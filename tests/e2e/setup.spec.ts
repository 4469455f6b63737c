import { test, expect } from './support/fixtures';
import { SetupPage } from './pages/SetupPage';

test('a commune office is set up from the post-2025 catalogue', async ({ page, host, db }) => {
  const setup = new SetupPage(page);
  await setup.open(host.url);
  await setup.chooseLevel(/Công an cấp xã/);
  await setup.pick('Tỉnh, thành phố', 'lao cai', /Tỉnh Lào Cai/);
  await setup.pick('Xã, phường, đặc khu', 'sa pa', /^Phường Sa Pa/);
  await expect(setup.officeName()).toHaveValue('Công an phường Sa Pa');
  await expect(setup.officeCode()).toHaveValue('03006');
  await setup.submit();

  await expect(page.getByTestId('office-name')).toHaveText('Công an phường Sa Pa');
  await expect(page.getByRole('treeitem', { name: 'Phường Sa Pa' })).toBeVisible();

  const office = db.get<{ level: string; era: string; code: string; name: string }>('SELECT level, era, code, name FROM office');
  expect(office).toEqual({ level: 'xa', era: 'sau_2025', code: '03006', name: 'Công an phường Sa Pa' });
  const units = db.all<{ name: string; code: string; valid_from: string; parent_id: string | null }>(
    'SELECT name, code, valid_from, parent_id FROM units',
  );
  expect(units).toEqual([{ name: 'Phường Sa Pa', code: '03006', valid_from: '2025-07-01', parent_id: null }]);
});

test('a district office is set up from the pre-2025 catalogue with its communes', async ({ page, host, db }) => {
  const setup = new SetupPage(page);
  await setup.open(host.url);
  await setup.chooseLevel(/Công an cấp huyện/);
  await setup.pick('Tỉnh, thành phố', 'ninh binh', /Tỉnh Ninh Bình/);
  await setup.pick(/Huyện, quận/, 'gia vien', /Huyện Gia Viễn/);
  await expect(setup.officeName()).toHaveValue('Công an huyện Gia Viễn');
  await setup.submit();

  await expect(page.getByTestId('office-name')).toHaveText('Công an huyện Gia Viễn');
  const communes = db.all<{ name: string; code: string }>("SELECT name, code FROM units WHERE level = 'xa' ORDER BY code");
  // The shipped pre-2025 catalogue lists 18 communes and one township under Gia Viễn (code 373).
  expect(communes).toHaveLength(18);
  expect(communes[0]).toEqual({ name: 'Thị trấn Thịnh Vượng', code: '14464' });
  expect(communes.map((c) => c.name)).toContain('Xã Gia Hòa');
  // Every commune shows in the tree under the district, in Vietnamese order.
  const tree = page.getByRole('tree', { name: 'Cây đơn vị' });
  await expect(tree.getByRole('treeitem', { name: 'Xã Gia Hòa' })).toBeVisible();
  const shown = await tree.getByRole('treeitem').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  expect(shown[0]).toBe('Huyện Gia Viễn');
  const names = shown.slice(1) as string[];
  expect(names).toEqual([...names].sort(new Intl.Collator('vi', { numeric: true }).compare));
});

test('a provincial office gets every commune of its province', async ({ page, host, db }) => {
  const setup = new SetupPage(page);
  await setup.open(host.url);
  await setup.chooseLevel(/Công an cấp tỉnh/);
  await setup.pick('Tỉnh, thành phố', 'ninh binh', /Tỉnh Ninh Bình/);
  await setup.submit();
  await expect(page.getByTestId('office-name')).toContainText('Ninh Bình');
  const count = db.get<{ n: number }>("SELECT count(*) AS n FROM units WHERE level = 'xa'")!.n;
  expect(count).toBeGreaterThan(100);
});

test('set-up refuses to finish without the required choices, and writes nothing', async ({ page, host, db }) => {
  const setup = new SetupPage(page);
  await setup.open(host.url);
  await setup.submit();
  await expect(page.getByText('Vui lòng chọn').first()).toBeVisible();
  expect(db.get<{ n: number }>('SELECT count(*) AS n FROM units')!.n).toBe(0);
  expect(db.get<{ n: number }>('SELECT count(*) AS n FROM office')!.n).toBe(0);
});
