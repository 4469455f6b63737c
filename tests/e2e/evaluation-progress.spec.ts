/**
 * Long evaluation work on screen (issue 16 item 3): on a district with 12.000 incidents (loaded
 * through activities.saveMany) and 60.000 organisations (written into the data folder's database
 * between two starts of the host, as the other scale specs do), the board's load and freezing the
 * year show "Đang đánh giá n/N đối tượng" with a bar and "Hủy" while the backend works, and the
 * freeze completes with every subject written once. Cancelling (nothing written) is tested in the
 * backend (evaluation-jobs.test.ts), where the moment of the cancel can be chosen.
 *
 * Why so many subjects: the screen polls the job every 250 ms and Playwright looks at the label
 * every 500 ms at most, so the count must stay on screen for well over a second on a fast machine.
 * The evaluation costs a few hundredths of a millisecond per organisation (issue 16: facts without
 * sources, incident tables built once); incidents per commune no longer make it long, subjects do.
 */
import { test, expect } from '@playwright/test';
import { CO_QUAN_SUB_KINDS } from '../../shared/domain/organizations';
import { apiOf, setupGiaVien } from './support/api';
import { newDataDir, startHost, type RunningHost } from './support/host';
import { readDb } from './support/fixtures';
import { writeAgencies } from './support/agencies';
import { EvaluationPage } from './pages/EvaluationPage';
import { loadHeavyIncidents } from '../support/long-task';

const ORGS = 60_000;

/** Gia Viễn with the heavy incidents of 2024–2025 and ORGS organisations spread over its communes. */
async function heavyDistrict(dataDir: string): Promise<void> {
  const first = await startHost(dataDir);
  await setupGiaVien(first);
  const api = apiOf(first);
  const communes = (await api.call('units.list', { includeEnded: false })).filter((u) => u.level === 'xa').map((c) => c.id);
  await loadHeavyIncidents(api, communes, 2025);
  await first.stop();
  writeAgencies(dataDir, ORGS, (i) => ({
    name: `Cơ quan số ${i + 1}`,
    subKind: CO_QUAN_SUB_KINDS[i % CO_QUAN_SUB_KINDS.length]!,
    unitId: communes[i % communes.length]!,
  }));
}

const COUNT_LABEL = /^Đang đánh giá [\d.]+\/[\d.]+ đối tượng$/;

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
});

let host: RunningHost | undefined;
test.afterEach(async () => {
  await host?.stop();
  host = undefined;
});

test('the board load and freezing a year show their progress by subject, then the freeze completes', async ({ page }) => {
  test.setTimeout(600_000);
  const dataDir = newDataDir();
  await heavyDistrict(dataDir);
  host = await startHost(dataDir);
  const db = readDb(dataDir);

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
