/**
 * The dashboard of "Tổng quan" on the fixtures that reproduce the Sa Pa seed pages (models, and
 * three years of propaganda and tips): the key figures of 2022 on screen against the database and
 * the period figures, the change from 2021, the charts drawn (bars in solid colours, the years
 * without data named), the commune ranking in the database's order, and the click-through to the
 * filtered records. An office without records shows gaps, never zeros. Screenshots at 1366×768
 * and 1920×1080.
 */
import { test, expect } from './support/fixtures';
import { apiOf, setupGiaVien } from './support/api';
import type { RunningHost } from './support/host';
import type { Method } from '../../shared/ipc/contract';
import { DashboardPage } from './pages/DashboardPage';
import { ActivitiesPage } from './pages/ActivitiesPage';
import { loadSaPa } from '../fixtures/sapa';
import { loadSaPaActivities, type Call } from '../fixtures/activity-seeds';

const callOf =
  (host: RunningHost): Call =>
  (m, i) =>
    apiOf(host).result(m as Method, i);

const vi = (n: number) => n.toLocaleString('vi-VN');
const PUBLICATIONS = "('ban_tin', 'mang_xa_hoi', 'bao_dai')";

test('Sa Pa 2022: key figures against the database, charts, ranking and the records behind them', async ({ page, host, db }) => {
  test.setTimeout(180_000);
  await loadSaPa(host);
  await loadSaPaActivities(callOf(host));
  const d = new DashboardPage(page);
  await page.goto(host.url);
  await d.open();
  await d.year(2022);

  // Key figures: what the database holds for 2022, and 2021 beside it.
  const sessions = (y: number) =>
    db.get<{ n: number; people: number }>(
      `SELECT count(*) AS n, sum(attendance) AS people FROM propaganda_sessions
       WHERE deleted_at IS NULL AND form NOT IN ${PUBLICATIONS} AND date BETWEEN ? AND ?`,
      `${y}-01-01`,
      `${y}-12-31`,
    )!;
  const tips = (y: number) =>
    db.get<{ n: number; valuable: number }>(
      'SELECT count(*) AS n, sum(valuable) AS valuable FROM tips WHERE deleted_at IS NULL AND received_on BETWEEN ? AND ?',
      `${y}-01-01`,
      `${y}-12-31`,
    )!;
  const [s22, s21, t22, t21] = [sessions(2022), sessions(2021), tips(2022), tips(2021)];
  expect(s22.n).toBeGreaterThan(150);
  await expect(d.keyValue('propaganda.sessions')).toHaveText(vi(s22.n));
  await expect(d.keyValue('propaganda.attendance')).toHaveText(vi(s22.people));
  await expect(d.keyValue('tips.total')).toHaveText(vi(t22.n));
  await expect(d.keyValue('tips.valuable')).toHaveText(vi(t22.valuable));
  const diff = s22.n - s21.n;
  await expect(d.keyChange('propaganda.sessions')).toContainText(`Năm 2021: ${vi(s21.n)}`);
  await expect(d.keyChange('propaganda.sessions')).toContainText(
    diff === 0 ? 'bằng năm trước' : `${diff > 0 ? 'tăng' : 'giảm'} ${vi(Math.abs(diff))}`,
  );
  await expect(d.keyChange('tips.total')).toContainText(`Năm 2021: ${vi(t21.n)}`);
  // Model sites as "Số liệu theo kỳ" counts them (HD22); no incident statistics were entered.
  const period = await apiOf(host).call('period.figures', { from: '2022-01-01', to: '2022-12-31', unitId: null });
  await expect(d.keyValue('models.sites')).toHaveText(vi(period.registry.current.models.sites));
  await expect(d.keyValue('incidents.crimes')).toHaveText('thiếu dữ liệu');
  await expect(d.keyChange('incidents.crimes')).toHaveText('Năm 2021: thiếu dữ liệu');

  // Charts: bars drawn in solid colours; 2018 and 2019 have no records and are named as gaps.
  const propaganda = d.chart('Tuyên truyền, vận động');
  await expect(d.bars('Tuyên truyền, vận động')).toHaveCount(6); // 2020–2022 × sessions and attendance
  await expect(propaganda.getByTestId('chart-missing')).toHaveText('Năm 2018, 2019: thiếu dữ liệu.');
  await expect(d.bars('Nguồn tin của quần chúng')).toHaveCount(6);
  await expect(d.bars('Tội phạm, tệ nạn, vụ việc theo nhóm')).toHaveCount(0);
  await expect(d.chart('Tội phạm, tệ nạn, vụ việc theo nhóm').getByTestId('chart-missing')).toHaveText(
    'Năm 2018, 2019, 2020, 2021, 2022: thiếu dữ liệu.',
  );
  expect(await d.bars('Mô hình và điểm mô hình').count()).toBeGreaterThan(0);
  const fills = await d.bars('Tuyên truyền, vận động').evaluateAll((els) => els.map((e) => getComputedStyle(e).fill));
  expect(new Set(fills)).toEqual(new Set(['rgb(24, 100, 171)', 'rgb(217, 72, 15)']));
  // The axes in Vietnamese number format (thousands with a dot).
  await expect(propaganda.locator('svg.recharts-surface').first()).toContainText(/\d\.\d{3}/);

  await page.screenshot({ path: 'screenshots/dashboard-1366x768.png' });
  await d.chart('Mô hình và điểm mô hình').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'screenshots/dashboard-1366x768-charts.png' });
  await d.ranking().scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'screenshots/dashboard-1366x768-ranking.png' });

  // Ranking on tips: the database's counts per commune, highest first.
  await d.rankOn('Nguồn tin tiếp nhận');
  const perUnit = db.all<{ name: string; n: number }>(
    `SELECT u.name AS name, count(*) AS n FROM tips t JOIN units u ON u.id = t.unit_id
     WHERE t.deleted_at IS NULL AND t.received_on BETWEEN '2022-01-01' AND '2022-12-31' GROUP BY u.id`,
  );
  const shown = await d.rankingTexts();
  expect(shown).toHaveLength(16);
  const byName = new Map(perUnit.map((r) => [r.name, r.n]));
  const values = shown.map((r) => Number(r.value.replace(/\./g, '')));
  expect(shown.map((r) => byName.get(r.name))).toEqual(values);
  expect([...values].sort((a, b) => b - a)).toEqual(values);
  expect(shown[0]!.rank).toBe('1');
  expect(values.reduce((a, v) => a + v, 0)).toBe(t22.n);

  // A ranking row opens the commune's tips of 2022.
  const top = shown[0]!;
  await d.rankingRows().first().click();
  const acts = new ActivitiesPage(page);
  await expect(page.getByRole('heading', { name: 'Hoạt động phong trào' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Nguồn tin' })).toHaveAttribute('aria-selected', 'true');
  const panel = page.getByRole('tabpanel', { name: 'Nguồn tin' });
  await expect(panel.getByRole('textbox', { name: 'Từ ngày' })).toHaveValue('01/01/2022');
  await expect(panel.getByRole('textbox', { name: 'Đến ngày' })).toHaveValue('31/12/2022');
  await expect(panel.getByRole('combobox', { name: 'Đơn vị', exact: true })).toHaveValue(new RegExp(`${top.name}$`));
  await expect(acts.count()).toHaveText(`${vi(byName.get(top.name)!)} nguồn tin`);

  // A key figure opens the office's propaganda records of the year (sessions and publications alike).
  await d.open();
  await d.year(2022);
  await d.keyFigure('propaganda.sessions').click();
  await expect(page.getByRole('tab', { name: 'Tuyên truyền' })).toHaveAttribute('aria-selected', 'true');
  const all = db.get<{ n: number }>(
    "SELECT count(*) AS n FROM propaganda_sessions WHERE deleted_at IS NULL AND date BETWEEN '2022-01-01' AND '2022-12-31'",
  )!;
  await expect(acts.count()).toHaveText(new RegExp(`^${vi(all.n).replace('.', '\\.')} `));
  await expect(page.getByRole('tabpanel', { name: 'Tuyên truyền' }).getByRole('combobox', { name: 'Đơn vị', exact: true })).toHaveValue('');

  // A bar opens the records of its year: the first tips bar is 2020.
  await d.open();
  await d.year(2022);
  await d.bars('Nguồn tin của quần chúng').first().click();
  const tipsPanel = page.getByRole('tabpanel', { name: 'Nguồn tin' });
  await expect(tipsPanel.getByRole('textbox', { name: 'Từ ngày' })).toHaveValue('01/01/2020');
  await expect(acts.count()).toHaveText(`${vi(tips(2020).n)} nguồn tin`);

  // Model sites open the models registry on the year.
  await d.open();
  await d.year(2022);
  await d.keyFigure('models.sites').click();
  await expect(page.getByRole('heading', { name: 'Mô hình, điển hình', level: 2 })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Năm' })).toHaveValue('2022');

  // Residential areas recognised open the evaluation board on the year and the category.
  await d.open();
  await d.year(2022);
  await d.keyFigure('recognised.khu_dan_cu').click();
  await expect(page.getByRole('heading', { name: 'Đánh giá, công nhận', level: 2 })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Năm đánh giá' })).toHaveValue('2022');
  await expect(page.getByRole('radio', { name: 'Khu dân cư' })).toBeChecked();

  await page.setViewportSize({ width: 1920, height: 1080 });
  await d.open();
  await d.year(2022);
  await expect(d.bars('Tuyên truyền, vận động')).toHaveCount(6);
  await page.screenshot({ path: 'screenshots/dashboard-1920x1080.png' });
});

test('an office without records shows gaps, never zeros', async ({ page, host }) => {
  await setupGiaVien(host);
  const d = new DashboardPage(page);
  await page.goto(host.url);
  await d.open();
  await d.year(2022);
  for (const key of ['propaganda.sessions', 'tips.total', 'incidents.crimes', 'models.sites', 'massOrgs.organizations']) {
    await expect(d.keyValue(key)).toHaveText('thiếu dữ liệu');
    await expect(d.keyChange(key)).toHaveText('Năm 2021: thiếu dữ liệu');
  }
  await expect(page.locator('[data-testid="dashboard-chart"]')).toHaveCount(6);
  await expect(page.locator('[data-testid="dashboard-chart"] svg .recharts-bar-rectangle path')).toHaveCount(0);
  for (const missing of await page.getByTestId('chart-missing').all()) {
    await expect(missing).toHaveText('Năm 2018, 2019, 2020, 2021, 2022: thiếu dữ liệu.');
  }
  await expect(page.getByTestId('ranking-empty')).toHaveText('Năm này chưa có dữ liệu của chỉ tiêu đã chọn.');
});
