/**
 * The propaganda list at scale (issue 16: no list sends more than a screen plus a page). 24.000
 * sessions saved through the API's entry-grid method, then the screen: first rows, at most 200 rows
 * in the DOM, the count and the totals row of the whole list, scrolling deep, sorting by a column
 * both ways, and search with and without diacritics — each step checked against the database.
 */
import { test, expect, type Page } from '@playwright/test';
import { apiOf, setupGiaVien } from './support/api';
import { newDataDir, startHost, type RunningHost } from './support/host';
import { readDb } from './support/fixtures';
import { ActivitiesPage } from './pages/ActivitiesPage';

const SESSIONS = 24_000;
const ROW_HEIGHT = 36;
const TOPICS = ['Phòng chống ma túy', 'An toàn giao thông', 'Phòng chống tội phạm', 'Phòng cháy chữa cháy', 'Tố giác tội phạm'];
/** The one session the searches look for: no other topic holds "khuat" or "uoc". */
const WANTED = 'Khuất Thị Ước kể chuyện an ninh';

let host: RunningHost;
let dataDir: string;

test.describe.configure({ mode: 'serial', timeout: 300_000 });

test.beforeAll(async () => {
  dataDir = newDataDir();
  host = await startHost(dataDir);
  await setupGiaVien(host);
  const api = apiOf(host);
  const communes = (await api.call('units.list', { includeEnded: false })).filter((u) => u.level === 'xa');
  const record = (i: number) => ({
    // Every day of 2026 up to the host's fixed today (22/11), many sessions a day.
    date: new Date(Date.UTC(2026, 0, 1 + (i % 325))).toISOString().slice(0, 10),
    unitId: communes[i % communes.length]!.id,
    organizationId: null,
    purpose: 'tuyen_truyen' as const,
    form: 'truc_tiep' as const,
    topic: i === 12_345 ? WANTED : `${TOPICS[i % TOPICS.length]} đợt ${i}`,
    venue: null,
    attendance: 10 + (i % 90),
    leaflets: i % 7,
    loudspeakerMinutes: 0,
    posts: 0,
    newsletters: 0,
    commitments: 0,
    note: null,
  });
  for (let start = 0; start < SESSIONS; start += 5000) {
    const records = Array.from({ length: Math.min(5000, SESSIONS - start) }, (_, k) => record(start + k));
    await api.call('activities.saveMany', { kind: 'propaganda', records });
  }
});

test.afterAll(async () => {
  await host?.stop();
});

const ITEM = 'buổi tuyên truyền';

async function scrollTo(ap: ActivitiesPage, top: number): Promise<void> {
  await ap
    .table(ITEM)
    .locator('[role=rowgroup]')
    .nth(1)
    .evaluate((el, y) => (el.scrollTop = y), top);
}

const firstTopic = async (page: Page, ap: ActivitiesPage) =>
  (await ap.rows(ITEM).first().locator('[role=cell][data-col=topic]').innerText()).trim();

test('24.000 propaganda sessions: first rows, a bounded DOM, totals, scrolling, sort and search, all from SQL', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const db = readDb(dataDir);
  const live = 'FROM propaganda_sessions WHERE deleted_at IS NULL';
  const sums = db.get<{ n: number; attendance: number; leaflets: number }>(
    `SELECT count(*) AS n, sum(attendance) AS attendance, sum(leaflets) AS leaflets ${live}`,
  )!;
  expect(sums.n).toBe(SESSIONS);

  await page.goto(host.url);
  const ap = new ActivitiesPage(page);
  await ap.open();
  await ap.tab('Tuyên truyền');
  await expect(ap.rows(ITEM).first()).toBeVisible();
  await expect(ap.count()).toContainText('24.000');
  await expect(ap.table(ITEM)).toHaveAttribute('aria-rowcount', String(SESSIONS + 2));
  await expect(ap.totals(ITEM)).toContainText(sums.attendance.toLocaleString('vi-VN'));
  await expect(ap.totals(ITEM)).toContainText(sums.leaflets.toLocaleString('vi-VN'));
  expect(await ap.rows(ITEM).count()).toBeLessThanOrEqual(200);
  // Newest first: the first row is of the latest date in the database.
  const newest = db.get<{ d: string }>(`SELECT max(date) AS d ${live}`)!.d;
  await expect(ap.rows(ITEM).first()).toContainText(newest.split('-').reverse().join('/'));
  await page.screenshot({ path: 'screenshots/activities-propaganda-24000-1366x768.png' });

  // Deep in the list: the row there is the database's row at that place in the list's order.
  const target = 15_000;
  await scrollTo(ap, target * ROW_HEIGHT);
  const deep = ap.table(ITEM).locator(`[role=row][aria-rowindex="${target + 2}"]`);
  await expect(deep).toBeVisible();
  const deepDate = db.get<{ date: string }>(`SELECT date ${live} ORDER BY date DESC LIMIT 1 OFFSET ?`, target)!.date;
  await expect(deep).toContainText(deepDate.split('-').reverse().join('/'));
  expect(await ap.rows(ITEM).count()).toBeLessThanOrEqual(200);

  // Sort by attendance: up (the smallest first), then down (the largest first).
  await scrollTo(ap, 0);
  const header = ap.table(ITEM).getByRole('columnheader', { name: 'Lượt người' });
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  const min = db.get<{ v: number }>(`SELECT min(attendance) AS v ${live}`)!.v;
  const max = db.get<{ v: number }>(`SELECT max(attendance) AS v ${live}`)!.v;
  const firstAttendance = async () => (await ap.rows(ITEM).first().locator('[role=cell][data-col=attendance]').innerText()).trim();
  await expect.poll(firstAttendance).toBe(String(min));
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  await expect.poll(firstAttendance).toBe(String(max));
  expect(await ap.rows(ITEM).count()).toBeLessThanOrEqual(200);

  // Search with and without diacritics finds the one session; the count and totals follow.
  const wanted = db.get<{ attendance: number }>(`SELECT attendance ${live} AND topic = ?`, WANTED)!;
  for (const typed of ['khuat thi uoc', 'Khuất Thị Ước', 'KHUAT uoc']) {
    await ap.search(typed);
    await expect(ap.rows(ITEM)).toHaveCount(1);
    expect(await firstTopic(page, ap)).toBe(WANTED);
    await expect(ap.count()).toContainText('1 ');
    await expect(ap.totals(ITEM)).toContainText(String(wanted.attendance));
  }
  await ap.search('');
  await expect(ap.count()).toContainText('24.000');
});
