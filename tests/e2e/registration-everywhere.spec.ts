/**
 * Registrations among the key figures of "Tổng quan" and on the meeting deck (issue 14, finished by
 * h14-finish): 2015 registrations (a year without a rule set) of two residential areas, one with its
 * households, and of a commune are shown on the dashboard as x/y per kind with the households and
 * the report's sentence, and on a slide of their own; the evaluation slide of 2015 says "không đánh
 * giá", never 0/y. The screen agrees with the database. Screenshots: the dashboard at 1366×768, the
 * slides at 1366×768 and at a projector's 1920×1080.
 */
import { test, expect } from './support/fixtures';
import { apiOf, setupGiaVien } from './support/api';
import type { RunningHost } from './support/host';
import { registrationInput } from '../support/evaluation-inputs';
import { DashboardPage } from './pages/DashboardPage';
import { SlidesPage } from './pages/SlidesPage';

async function arrange2015(host: RunningHost): Promise<void> {
  const api = apiOf(host);
  await setupGiaVien(host);
  const commune = (await api.call('units.list', { includeEnded: false })).find((u) => u.name === 'Xã Gia Hòa')!;
  const area = (name: string) =>
    api.call('units.create', { parentId: commune.id, name, kind: 'thon', code: null, validFrom: '2010-01-01' });
  const dong = await area('Thôn Đông');
  const tay = await area('Thôn Tây');
  await area('Thôn Nam');
  const register = (id: string, householdsRegistered: number | null = null) =>
    api.result('evaluation.register', registrationInput('unit', id, 2015, { registeredOn: '2015-03-10', householdsRegistered }));
  await register(dong.id, 215);
  await register(tay.id);
  await register(commune.id);
}

test('2015 registrations among the dashboard’s key figures and on their own slide; the 2015 evaluation slide says "không đánh giá"', async ({
  page,
  host,
  db,
}) => {
  test.setTimeout(150_000);
  await arrange2015(host);
  expect(db.all('SELECT households_registered AS h FROM evaluation_registrations WHERE year = 2015 ORDER BY h')).toEqual([
    { h: null },
    { h: null },
    { h: 215 },
  ]);
  const communes = db.get<{ n: number }>(
    "SELECT count(*) AS n FROM units WHERE kind IN ('xa', 'phuong', 'thi_tran') AND deleted_at IS NULL AND (valid_from IS NULL OR valid_from <= '2015-11-20') AND (valid_to IS NULL OR valid_to >= '2015-11-20')",
  )!.n;
  const sentence =
    'Năm 2015, đăng ký xây dựng đạt tiêu chuẩn "An toàn về an ninh, trật tự": 2/3 khu dân cư với 215 hộ gia đình ' +
    `(1 khu dân cư chưa ghi số hộ đăng ký: thiếu dữ liệu); 1/${communes} xã, phường, thị trấn.`;

  // The dashboard: one tile per kind, the households, the sentence.
  await page.goto(host.url);
  const d = new DashboardPage(page);
  await d.open();
  await d.year(2015);
  const block = page.getByRole('region', { name: 'Đăng ký xây dựng "An toàn về ANTT" năm 2015', exact: true });
  const tile = (group: string) => block.locator(`[data-testid="registration-tile"][data-group="${group}"]`);
  await expect(tile('khu_dan_cu').getByTestId('registration-value')).toHaveText('2/3');
  await expect(tile('khu_dan_cu')).toContainText('đăng ký (66,7%)');
  await expect(tile('khu_dan_cu')).toContainText('Công nhận: thiếu dữ liệu');
  await expect(tile('khu_dan_cu')).toContainText('215 hộ gia đình đăng ký (1 khu dân cư chưa ghi số hộ)');
  await expect(tile('xa').getByTestId('registration-value')).toHaveText(`1/${communes}`);
  await expect(block.getByTestId('dashboard-registration-sentence')).toHaveText(sentence);
  await page.screenshot({ path: 'screenshots/dashboard-registrations-1366x768.png' });

  // A year with none recorded: "thiếu dữ liệu", never 0/3.
  await d.year(2016);
  const block2016 = page.getByRole('region', { name: 'Đăng ký xây dựng "An toàn về ANTT" năm 2016', exact: true });
  await expect(block2016.locator('[data-group="khu_dan_cu"]').getByTestId('registration-value')).toHaveText('thiếu dữ liệu');

  // The deck of 2015: the registration slide, then the evaluation slide that evaluates nothing.
  const s = new SlidesPage(page);
  await s.open();
  await s.year(2015);
  await expect(s.row('Đăng ký, công nhận "An toàn về ANTT"')).toBeVisible();
  await s.start();
  for (let i = 1; i < 7; i++) await s.press('ArrowRight');
  await expect(s.slide.getByTestId('slide-title')).toHaveText('Đăng ký xây dựng "An toàn về an ninh, trật tự" năm 2015');
  const rows = s.slide.getByTestId('evaluation-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('Khu dân cư');
  await expect(rows.nth(0)).toContainText('2/3');
  await expect(rows.nth(0)).toContainText('215 hộ gia đình đăng ký');
  await expect(s.slide.getByTestId('slide-note')).toHaveText(sentence);
  await page.screenshot({ path: 'screenshots/slide-registrations-1366x768.png' });
  await s.press('ArrowRight');
  await expect(s.slide.getByTestId('slide-title')).toHaveText('Kết quả xây dựng "An toàn về an ninh, trật tự" năm 2015');
  const evalRows = s.slide.getByTestId('evaluation-row');
  await expect(evalRows.first()).toContainText('không đánh giá');
  await expect(evalRows.first()).toContainText('Đăng ký: 2/3 · Công nhận: thiếu dữ liệu');
  await expect(s.slide).not.toContainText('0,0%');
  await expect(s.slide.getByTestId('slide-note')).toContainText('Năm 2015 chưa có bộ tiêu chí trong ứng dụng');
  await page.screenshot({ path: 'screenshots/slide-evaluation-2015-1366x768.png' });

  // On a projector: the stage at its own size.
  await page.setViewportSize({ width: 1920, height: 1080 });
  await expect(s.presenter.getByTestId('stage')).toHaveAttribute('data-scale', '1.0000');
  await page.screenshot({ path: 'screenshots/slide-evaluation-2015-1920x1080.png' });
  await s.press('ArrowLeft');
  await expect(s.slide.getByTestId('slide-note')).toHaveText(sentence);
  await page.screenshot({ path: 'screenshots/slide-registrations-1920x1080.png' });
});
