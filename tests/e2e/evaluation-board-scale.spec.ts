/**
 * The evaluation board read by pages (issue 16 item 2: no list sends more than a screen plus a page):
 * 3.000 organisations written into the data folder's database between two starts of the host, then
 * the board reads evaluation.boardPage: first rows, at most 200 rows in the DOM, the whole filter's
 * total, scrolling deep, the category filter, sort by name both ways, search with and without
 * diacritics, and a row chosen and registered, seen at once on the screen and in the database. The
 * whole board (evaluation.board) is never sent to the screen, and no answer is bigger than a few pages.
 */
import { test, expect, type Page } from '@playwright/test';
import { CO_QUAN_SUB_KINDS } from '../../shared/domain/organizations';
import { compareVietnamese, matchesQuery } from '../../shared/lib/text';
import { boardSearchText } from '../../shared/domain/evaluation-board';
import type { BoardRowDto } from '../../shared/ipc/contracts/evaluation.contract';
import { setupGiaVien, apiOf } from './support/api';
import { newDataDir, startHost, type RunningHost } from './support/host';
import { readDb } from './support/fixtures';
import { writeAgencies } from './support/agencies';
import { EvaluationPage } from './pages/EvaluationPage';

const ORGS = 3_000;
const ROW_HEIGHT = 36;
const PLACE = ['Gia Hòa', 'Gia Hưng', 'Đông Nam', 'Yên Mô', 'Ánh Dương', 'Bình Minh', 'Sông Đáy', 'Tràng An'];
const WANTED = 'Chi cục Khuất Ước';

let host: RunningHost;
let dataDir: string;
let board: BoardRowDto[];

test.describe.configure({ mode: 'serial', timeout: 300_000 });

test.beforeAll(async () => {
  dataDir = newDataDir();
  const first = await startHost(dataDir);
  await setupGiaVien(first);
  const communes = (await apiOf(first).call('units.list', { includeEnded: false })).filter((u) => u.level === 'xa');
  await first.stop();
  writeAgencies(dataDir, ORGS, (i) => ({
    name: i === ORGS - 1 ? WANTED : `Cơ quan ${PLACE[i % PLACE.length]} số ${i + 1}`,
    subKind: CO_QUAN_SUB_KINDS[i % CO_QUAN_SUB_KINDS.length]!,
    unitId: communes[i % communes.length]!.id,
  }));
  host = await startHost(dataDir);
  // The whole board through the contract (what the screen's pages must add up to).
  board = (await apiOf(host).call('evaluation.board', { year: 2026, category: null, unitId: null })).rows;
});

test.afterAll(async () => {
  await host?.stop();
});

async function expectBoundedDom(page: Page, ev: EvaluationPage): Promise<void> {
  expect(await ev.rows().count()).toBeLessThanOrEqual(200);
  expect(await page.locator('[role=row]').count()).toBeLessThanOrEqual(200);
}

const vi = (n: number) => n.toLocaleString('vi-VN');

test('the board of 3.000 organisations by pages: bounded DOM, total, deep scroll, category, sort, search, a registration', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const organisations = board.filter((r) => r.category === 'co_quan_doanh_nghiep');
  expect(organisations.length).toBeGreaterThan(2_000);
  // What the screen asks: pages, never the whole board; every answer a few pages at most.
  const whole: string[] = [];
  const sizes: number[] = [];
  page.on('response', (r) => {
    const method = new URL(r.url()).pathname.split('/').pop();
    if (method === 'evaluation.board') whole.push(r.url());
    if (method === 'evaluation.boardPage') void r.body().then((b) => sizes.push(b.length));
  });

  await page.goto(host.url);
  const ev = new EvaluationPage(page);
  await ev.open();
  await ev.selectYear(2026);
  await expect(ev.totals()).toContainText(`Tổng cộng: ${vi(board.length)}`);
  await expect(ev.table()).toHaveAttribute('aria-rowcount', String(board.length + 2));
  await expect(ev.counts()).toContainText(`0/${vi(organisations.length)} cơ quan, doanh nghiệp đã đăng ký phấn đấu`);
  expect(await ev.firstName()).toBe(board[0]!.name);
  await expectBoundedDom(page, ev);
  await page.screenshot({ path: 'screenshots/evaluation-board-pages-3000-1366x768.png' });

  // Deep in the board: the page there is read, the DOM stays small.
  const target = 2_345;
  await ev.scroller().evaluate((el, top) => (el.scrollTop = top), target * ROW_HEIGHT);
  const deep = ev.table().locator(`[role=row][aria-rowindex="${target + 2}"]`);
  await expect(deep).toBeVisible();
  expect((await deep.locator('[role=cell][data-col="name"]').innerText()).trim()).toBe(board[target]!.name);
  await expectBoundedDom(page, ev);

  // The category: the total is the category's, the counts stay the scope's.
  await ev.scroller().evaluate((el) => (el.scrollTop = 0));
  await ev.category('Cơ quan, doanh nghiệp');
  await expect(ev.totals()).toContainText(`Tổng cộng: ${vi(organisations.length)}`);
  await expect(ev.table()).toHaveAttribute('aria-rowcount', String(organisations.length + 2));

  // Sort by name, descending then ascending, done in the backend.
  const names = organisations.map((r) => r.name).sort(compareVietnamese);
  const header = ev.table().getByRole('button', { name: 'Tên' });
  await header.click();
  await expect(ev.table().getByRole('columnheader', { name: 'Tên' })).toHaveAttribute('aria-sort', 'ascending');
  await expect.poll(() => ev.firstName()).toBe(names[0]);
  await header.click();
  await expect(ev.table().getByRole('columnheader', { name: 'Tên' })).toHaveAttribute('aria-sort', 'descending');
  await expect.poll(() => ev.firstName()).toBe(names[names.length - 1]);
  await header.click();

  // Search with and without diacritics.
  for (const typed of ['khuat uoc', 'Khuất Ước', 'CHI CUC khuat']) {
    await ev.search(typed);
    await expect(ev.rows()).toHaveCount(1);
    await expect(ev.row(WANTED)).toContainText('Chưa đăng ký');
    await expect(ev.totals()).toContainText('Tổng cộng: 1');
  }

  // Chosen and registered: the page and the counts are asked again, the database holds it.
  await ev.selectRow(WANTED);
  await expect(ev.selectionBar()).toContainText('Đã chọn 1 đơn vị chưa đăng ký');
  await ev.registerSelected({ registeredOn: '20/02/2026', planNumber: '07/KH-UBND', planDate: '10/02/2026' });
  await expect(ev.row(WANTED)).toContainText('Đã đăng ký');
  await expect(ev.counts()).toContainText(`1/${vi(organisations.length)} cơ quan, doanh nghiệp đã đăng ký phấn đấu`);
  const db = readDb(dataDir);
  expect(
    db.get<{ registered_on: string; plan_number: string }>(
      'SELECT registered_on, plan_number FROM evaluation_registrations WHERE subject_id = ? AND year = 2026 AND deleted_at IS NULL',
      `00000000-0000-4000-9000-${String(ORGS - 1).padStart(12, '0')}`,
    ),
  ).toEqual({ registered_on: '2026-02-20', plan_number: '07/KH-UBND' });
  await ev.search('');
  await expect(ev.totals()).toContainText(`Tổng cộng: ${vi(organisations.length)}`);

  // Every unregistered row of a filter, beyond the pages read: the offer says how many before the click.
  const wantedId = `00000000-0000-4000-9000-${String(ORGS - 1).padStart(12, '0')}`;
  const open = organisations.filter((r) => r.subjectId !== wantedId);
  await expect(ev.chooseAllOfFilter()).toHaveText(`Chọn cả ${vi(open.length)} đơn vị chưa đăng ký theo bộ lọc`);
  const TYPED = 'gia hoa';
  const matching = open.filter((r) => matchesQuery(boardSearchText(r), TYPED));
  expect(matching.length).toBeGreaterThan(300);
  await ev.search(TYPED);
  await expect(ev.totals()).toContainText(`Tổng cộng: ${vi(matching.length)}`);
  await expect(ev.chooseAllOfFilter()).toHaveText(`Chọn cả ${vi(matching.length)} đơn vị chưa đăng ký theo bộ lọc`);
  await page.screenshot({ path: 'screenshots/evaluation-board-choose-all-offer-1366x768.png' });
  await ev.chooseAllOfFilter().click();
  await expect(ev.selectionBar()).toContainText(`Đã chọn ${vi(matching.length)} đơn vị chưa đăng ký`);
  await expect(ev.chooseAllOfFilter()).toHaveCount(0);
  await page.screenshot({ path: 'screenshots/evaluation-board-choose-all-chosen-1366x768.png' });
  await ev.registerSelected({ registeredOn: '21/02/2026', planNumber: '12/KH-UBND', planDate: '11/02/2026' });
  await expect(ev.counts()).toContainText(
    `${vi(matching.length + 1)}/${vi(organisations.length)} cơ quan, doanh nghiệp đã đăng ký phấn đấu`,
  );
  await expect(ev.selectionBar()).toHaveCount(0);
  await expect(ev.chooseAllOfFilter()).toHaveCount(0);
  await expect(ev.rows().first()).toContainText('Đã đăng ký');
  expect(
    db
      .all<{ subject_id: string }>(
        "SELECT subject_id FROM evaluation_registrations WHERE year = 2026 AND deleted_at IS NULL AND plan_number = '12/KH-UBND' AND registered_on = '2026-02-21' ORDER BY subject_id",
      )
      .map((r) => r.subject_id),
  ).toEqual(matching.map((r) => r.subjectId).sort());
  // The rows outside the search are left as they were.
  expect(db.get<{ n: number }>('SELECT count(*) AS n FROM evaluation_registrations WHERE year = 2026 AND deleted_at IS NULL')).toEqual({
    n: matching.length + 1,
  });
  await ev.search('');
  await expect(ev.chooseAllOfFilter()).toHaveText(`Chọn cả ${vi(open.length - matching.length)} đơn vị chưa đăng ký theo bộ lọc`);

  expect(whole).toEqual([]);
  expect(sizes.length).toBeGreaterThan(3);
  // A page of 100 rows is ~50 KB of JSON; the whole board of these 3.000 subjects is ~1.5 MB.
  expect(Math.max(...sizes)).toBeLessThan(150_000);
  console.log(`evaluation-board-scale: ${sizes.length} pages, largest ${vi(Math.max(...sizes))} bytes`);
});
