/**
 * Long evaluation work on screen (issue 16 item 3): on a district with 12.000 incidents (loaded
 * through activities.saveMany), the board's load and freezing the year show "Đang đánh giá n/N đối
 * tượng" with a bar and "Hủy" while the backend works, and the freeze completes with every subject
 * written once. Cancelling (nothing written) is tested in the backend (evaluation-jobs.test.ts),
 * where the moment of the cancel can be chosen.
 */
import { test, expect } from './support/fixtures';
import { apiOf, setupGiaVien } from './support/api';
import { EvaluationPage } from './pages/EvaluationPage';
import { loadHeavyIncidents } from '../support/long-task';

const COUNT_LABEL = /^Đang đánh giá [\d.]+\/[\d.]+ đối tượng$/;

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
});

test('the board load and freezing a year show their progress by subject, then the freeze completes', async ({ host, db, page }) => {
  test.setTimeout(600_000);
  await setupGiaVien(host);
  const api = apiOf(host);
  const communes = db.all<{ id: string }>("SELECT id FROM units WHERE level = 'xa' AND deleted_at IS NULL ORDER BY name");
  await loadHeavyIncidents(
    api,
    communes.map((c) => c.id),
    2025,
  );

  await page.goto(host.url);
  const ev = new EvaluationPage(page);
  await ev.open();
  await ev.selectYear(2025);
  // The board's load shows how far the evaluation got.
  const boardTask = ev.longTask();
  await expect(boardTask.getByTestId('long-task-label')).toHaveText(COUNT_LABEL, { timeout: 120_000 });
  await expect(boardTask.getByRole('button', { name: 'Hủy' })).toBeVisible();
  await expect(ev.counts()).toContainText('xã', { timeout: 300_000 });
  await expect(boardTask).toBeHidden();

  await page.getByRole('button', { name: 'Chốt kết quả năm' }).click();
  const fd = ev.dialog('Chốt kết quả năm 2025');
  await fd.getByRole('textbox', { name: 'Người chốt kết quả' }).fill('Phạm Văn Dũng');
  await fd.getByRole('button', { name: 'Chốt kết quả' }).click();
  const task = ev.longTask(fd);
  await expect(task.getByTestId('long-task-label')).toHaveText(COUNT_LABEL, { timeout: 120_000 });
  await expect(task.getByRole('progressbar')).toHaveAttribute('aria-valuemax', '100');
  await expect(task.getByRole('button', { name: 'Hủy' })).toBeEnabled();
  await page.screenshot({ path: 'screenshots/evaluation-freeze-progress-1366x768.png' });
  await expect(fd).toBeHidden({ timeout: 300_000 });
  await expect(page.getByText(/^Đã chốt kết quả năm 2025 của [\d.]+ đối tượng\.$/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Mở chốt' })).toBeVisible({ timeout: 300_000 });

  const subjects = db.get<{ n: number }>('SELECT subjects AS n FROM evaluation_freezes WHERE unfrozen_at IS NULL')!.n;
  expect(subjects).toBeGreaterThan(0);
  expect(db.get<{ n: number }>('SELECT COUNT(*) AS n FROM evaluation_frozen_results')!.n).toBe(subjects);
  // Each criterion text once, in the freeze's list.
  expect(db.get<{ ok: number }>('SELECT rule_texts IS NOT NULL AS ok FROM evaluation_freezes')).toEqual({ ok: 1 });
});
