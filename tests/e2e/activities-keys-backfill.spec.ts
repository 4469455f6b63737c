/**
 * The first open after the upgrade that added the lists' stored keys (migration 0025; issue 16
 * item 3): the keys are computed after the app is up, in chunks, and the list says so while they
 * are ("Đang chuẩn bị thứ tự sắp xếp…", rows done of rows to do), shows its rows in the right order
 * meanwhile, and the message goes away when they are done. The host is started with a slow backfill
 * (ANTQ_TEST_LIST_KEYS=slow: one row per chunk) so the screen can be seen while it runs.
 */
import { test, expect } from '@playwright/test';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { apiOf, setupGiaVien } from './support/api';
import { newDataDir, startHost, type RunningHost } from './support/host';
import { ActivitiesPage } from './pages/ActivitiesPage';

const SESSIONS = 300;
const ITEM = 'buổi tuyên truyền';
const TOPICS = ['Ấp Đông an toàn', 'an ninh trật tự', 'Bà Rịa', 'ba lần', 'Đào tạo', 'Ước mơ', 'Ở Gia Hòa'];

let host: RunningHost | null = null;
test.afterAll(async () => {
  await host?.stop();
});

test.describe.configure({ timeout: 240_000 });

test('keys computed after the open: the list shows the progress, its rows stay in order', async ({ page }) => {
  const dataDir = newDataDir();
  host = await startHost(dataDir);
  await setupGiaVien(host);
  const api = apiOf(host);
  const communes = (await api.call('units.list', { includeEnded: false })).filter((u) => u.level === 'xa');
  const records = Array.from({ length: SESSIONS }, (_, i) => ({
    // Ten days, many sessions a day: the order within a day is the unit's name, then the topic.
    date: `2026-11-${String(10 + (i % 10)).padStart(2, '0')}`,
    unitId: communes[i % communes.length]!.id,
    organizationId: null,
    purpose: 'tuyen_truyen' as const,
    form: 'truc_tiep' as const,
    topic: `${TOPICS[i % TOPICS.length]} ${i}`,
    venue: null,
    attendance: 10 + i,
    leaflets: 0,
    loudspeakerMinutes: 0,
    posts: 0,
    newsletters: 0,
    commitments: 0,
    note: null,
  }));
  await api.call('activities.saveMany', { kind: 'propaganda', records });
  await host.stop();
  host = null;
  // The file as the upgrade to 0025 leaves it: no key computed yet.
  const db = new BetterSqlite3(path.join(dataDir, 'antq.db'));
  db.exec('UPDATE units SET sort_key = NULL');
  db.exec('UPDATE propaganda_sessions SET sort_unit = NULL, sort_title = NULL, search_folded = NULL');
  db.close();

  host = await startHost(dataDir, { env: { ANTQ_TEST_LIST_KEYS: 'slow' } });
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(host.url);
  const ap = new ActivitiesPage(page);
  await ap.open();
  await ap.tab('Tuyên truyền');
  const status = page.getByRole('status').filter({ hasText: 'Đang chuẩn bị thứ tự sắp xếp và tìm kiếm sau khi nâng cấp' });
  await expect(status).toBeVisible();
  await expect(status).toContainText('bản ghi');
  await page.screenshot({ path: 'screenshots/activities-keys-backfill-1366x768.png' });
  await expect(ap.count()).toContainText('300');
  const topics = async () => (await ap.rows(ITEM).locator('[role=cell][data-col=topic]').allInnerTexts()).slice(0, 12).map((s) => s.trim());
  const during = await topics();
  expect(during.length).toBe(12);
  // A search while the keys are missing finds what it finds once they are stored.
  const wanted = records.filter((r) => r.topic.startsWith('Bà Rịa')).length;
  await ap.search('ba ria');
  await expect(ap.count()).toContainText(`${wanted} `);
  await expect(status).toBeVisible();
  await ap.search('');
  await expect(ap.count()).toContainText('300');

  await expect(status).toBeHidden({ timeout: 200_000 });
  // The same rows in the same order, now from the stored keys (a reload of the tab asks again).
  await page.reload();
  await ap.open();
  await ap.tab('Tuyên truyền');
  await expect(ap.rows(ITEM).first()).toBeVisible();
  await expect(status).toBeHidden();
  expect(await topics()).toEqual(during);
  await ap.search('ba ria');
  await expect(ap.count()).toContainText(`${wanted} `);
});
