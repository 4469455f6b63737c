import { test, expect, readDb } from './support/fixtures';
import { newDataDir, startHost } from './support/host';
import { postApi } from './support/api';
import { SetupPage } from './pages/SetupPage';
import { UnitsPage } from './pages/UnitsPage';

test('closing and reopening the app on the same data directory keeps everything', async ({ page }) => {
  const dataDir = newDataDir();
  const first = await startHost(dataDir);
  try {
    const setup = new SetupPage(page);
    await setup.open(first.url);
    await setup.chooseLevel(/Công an cấp xã/);
    await setup.pick('Tỉnh, thành phố', 'lao cai', /Tỉnh Lào Cai/);
    await setup.pick('Xã, phường, đặc khu', 'sa pa', /^Phường Sa Pa/);
    await setup.submit();
    const units = new UnitsPage(page);
    await units.select('Phường Sa Pa');
    await units.addChild({ name: 'Tổ dân phố số 5', kind: 'Tổ dân phố', validFrom: '01/07/2025' });
    await units.expectNoDialog();
  } finally {
    await first.stop();
  }

  const second = await startHost(dataDir);
  try {
    await page.goto(second.url);
    await expect(page.getByTestId('office-name')).toHaveText('Công an phường Sa Pa');
    const units = new UnitsPage(page);
    await units.select('Tổ dân phố số 5');
    await expect(units.detailField('Hoạt động từ')).toContainText('01/07/2025');
    const rows = readDb(dataDir).all<{ name: string }>('SELECT name FROM units ORDER BY name');
    expect(rows.map((r) => r.name)).toEqual(['Phường Sa Pa', 'Tổ dân phố số 5']);
  } finally {
    await second.stop();
  }
});

test('the page and the API refuse a caller without the launch token', async ({ page, host }) => {
  const origin = new URL(host.url).origin;
  const res = await page.goto(`${origin}/`);
  expect(res?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: 'Không có quyền truy cập' })).toBeVisible();
  const api = await postApi(host, 'office.get', {}, { token: null });
  expect(api.status).toBe(403);
  expect(await api.json()).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'Không có quyền thực hiện yêu cầu này.' } });
});
