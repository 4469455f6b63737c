/**
 * The office-wide members list at scale (issue 16: no list sends more than a screen plus a page).
 * 20.000 members are written into the data folder's database between two starts of the host (the
 * organisations through the API, the members with the app's own derived name columns), then the
 * screen: first rows, at most 200 rows in the DOM, the total, search with and without diacritics,
 * sort by name both ways, scrolling deep into the list, and an edit seen at once. Each step checks
 * the database too.
 */
import { test, expect, type Page } from '@playwright/test';
import BetterSqlite3 from 'better-sqlite3';
import path from 'node:path';
import { BUILT_IN_KINDS } from '../../shared/domain/mass-orgs';
import { compareVietnamese } from '../../shared/lib/text';
import { vietnameseSortKey } from '../../shared/lib/sort-key';
import { memberNameKey } from '../../electron/backend/repos/mass-org-members.repo';
import { apiOf, setupGiaVien } from './support/api';
import { newDataDir, startHost, type RunningHost } from './support/host';
import { readDb } from './support/fixtures';
import { MassOrgsPage } from './pages/MassOrgsPage';

const MEMBERS = 20_000;
const ROW_HEIGHT = 36;
const HO = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Đinh', 'Âu', 'Mai'];
const DEM = ['Văn', 'Thị', 'Đức', 'Minh', 'Quang', 'Hữu', 'Thu', 'Ngọc', 'Hồng', 'Xuân'];
const TEN = ['An', 'Bình', 'Cường', 'Dũng', 'Đạt', 'Giang', 'Hải', 'Hà', 'Hạnh', 'Lan', 'Long', 'Nam', 'Phong', 'Sơn', 'Thảo', 'Yến'];
/** The one member the searches look for: no other name holds both "khuat" and "uoc". */
const WANTED = 'Khuất Thị Ước';

let host: RunningHost;
let dataDir: string;
let names: string[];

/** Deterministic names (no generator to repeat): the i-th combination of the lists, plus a number of them made rarer. */
function nameOf(i: number): string {
  const ho = HO[i % HO.length]!;
  const dem = DEM[Math.floor(i / HO.length) % DEM.length]!;
  const ten = TEN[Math.floor(i / (HO.length * DEM.length)) % TEN.length]!;
  const extra = Math.floor(i / (HO.length * DEM.length * TEN.length));
  return extra === 0 ? `${ho} ${dem} ${ten}` : `${ho} ${dem} ${ten} ${TEN[extra % TEN.length]}`;
}

test.describe.configure({ mode: 'serial', timeout: 240_000 });

test.beforeAll(async () => {
  dataDir = newDataDir();
  const first = await startHost(dataDir);
  await setupGiaVien(first);
  const api = apiOf(first);
  const communes = (await api.call('units.list', { includeEnded: false })).filter((u) => u.level === 'xa');
  const kind = BUILT_IN_KINDS.find((k) => k.code === 'to_hoa_giai')!.id;
  const orgs: string[] = [];
  for (const [i, c] of communes.entries()) {
    const o = await api.call('massOrgs.create', {
      kindId: kind,
      unitId: c.id,
      name: `Tổ hòa giải ${c.name.replace(/^Xã /, 'xã ')} số ${i + 1}`,
      decisionIssuer: null,
      decisionNumber: null,
      decisionDate: null,
      validFrom: '2024-07-01',
      note: null,
    });
    orgs.push(o.id);
  }
  await first.stop();

  // The members, written as the repository writes them (its own name key and sort key).
  names = Array.from({ length: MEMBERS - 1 }, (_, i) => nameOf(i));
  names.push(WANTED);
  const db = new BetterSqlite3(path.join(dataDir, 'antq.db'));
  const insert = db.prepare(
    `INSERT INTO mass_org_members (id, mass_org_id, full_name, full_name_folded, full_name_sort, gender, birth_year, ethnicity,
       phone, role, joined_on, left_on, left_reason, left_with_org, note, created_at, updated_at, deleted_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'Kinh', NULL, 'to_vien', '2024-07-01', NULL, NULL, 0, NULL, ?, ?, NULL)`,
  );
  const at = '2026-11-20T03:00:00.000Z';
  db.transaction(() => {
    names.forEach((name, i) => {
      const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
      const gender = name.includes(' Thị ') ? 'nu' : 'nam';
      // The birth year keeps the natural key (organisation, name, birth year) unique.
      insert.run(id, orgs[i % orgs.length], name, memberNameKey(name), vietnameseSortKey(name), gender, 1950 + (i % 50), at, at);
    });
  })();
  db.close();
  host = await startHost(dataDir);
});

test.afterAll(async () => {
  await host?.stop();
});

const membersTable = (page: Page) => page.getByRole('table', { name: 'Danh sách thành viên' });
const dataRows = (page: Page) => membersTable(page).locator('[role=row][aria-rowindex]');
const firstName = async (page: Page) => (await dataRows(page).first().locator('[role=cell]').first().innerText()).trim();

test('20.000 members: first rows, a bounded DOM, the total, search, sort and scrolling, all from SQL', async ({ page }) => {
  const db = readDb(dataDir);
  expect(db.get<{ n: number }>('SELECT count(*) AS n FROM mass_org_members WHERE deleted_at IS NULL')!.n).toBe(MEMBERS);
  const sorted = [...names].sort(compareVietnamese);

  await page.goto(host.url);
  const mo = new MassOrgsPage(page);
  await mo.open();
  const clicked = Date.now();
  await mo.tab('Thành viên');
  await expect(dataRows(page).first()).toBeVisible();
  const firstRowsMs = Date.now() - clicked;
  // The totals row counts the whole list, not what is loaded.
  await expect(mo.totals(membersTable(page))).toContainText('Tổng cộng: 20.000 thành viên');
  const women = names.filter((n) => n.includes(' Thị ')).length;
  await expect(mo.totals(membersTable(page))).toContainText(`${women.toLocaleString('vi-VN')} nữ`);
  await expect(membersTable(page)).toHaveAttribute('aria-rowcount', String(MEMBERS + 2));
  expect(await dataRows(page).count()).toBeLessThanOrEqual(200);
  // Vietnamese order (Ă, Â after A; Đ after D), as the screen sorted before.
  expect(compareVietnamese(await firstName(page), sorted[0]!)).toBe(0);
  await expect(page.getByLabel('Số thành viên trong danh sách')).toHaveText('Danh sách có 20.000 thành viên (tải dần khi cuộn)');
  await page.screenshot({ path: 'screenshots/members-list-20000-1366x768.png' });
  console.log(`members-scale: first rows ${firstRowsMs} ms after the click (${MEMBERS} members)`);

  // Scrolling far down reads the pages there; the DOM stays small.
  const target = 12_345;
  await membersTable(page)
    .locator('[role=rowgroup]')
    .nth(1)
    .evaluate((el, top) => (el.scrollTop = top), target * ROW_HEIGHT);
  const deep = membersTable(page).locator(`[role=row][aria-rowindex="${target + 2}"]`);
  await expect(deep).toBeVisible();
  const deepName = (await deep.locator('[role=cell]').first().innerText()).trim();
  expect(compareVietnamese(deepName, sorted[target]!)).toBe(0);
  expect(await dataRows(page).count()).toBeLessThanOrEqual(200);

  // Sort by name: ascending, then descending (the last name in Vietnamese order comes first).
  const nameHeader = membersTable(page).getByRole('button', { name: 'Họ và tên' });
  await nameHeader.click();
  await expect(membersTable(page).getByRole('columnheader', { name: 'Họ và tên' })).toHaveAttribute('aria-sort', 'ascending');
  await nameHeader.click();
  await expect(membersTable(page).getByRole('columnheader', { name: 'Họ và tên' })).toHaveAttribute('aria-sort', 'descending');
  await membersTable(page)
    .locator('[role=rowgroup]')
    .nth(1)
    .evaluate((el) => (el.scrollTop = 0));
  await expect.poll(async () => compareVietnamese(await firstName(page), sorted[sorted.length - 1]!)).toBe(0);
  expect(await dataRows(page).count()).toBeLessThanOrEqual(200);

  // Search with and without diacritics finds the one member; the total follows.
  for (const typed of ['khuat thi uoc', 'Khuất Thị Ước', 'KHUAT uoc']) {
    await mo.search(typed);
    await expect(dataRows(page)).toHaveCount(1);
    await expect(dataRows(page).first()).toContainText(WANTED);
    await expect(mo.totals(membersTable(page))).toContainText('Tổng cộng: 1 thành viên');
  }
  const wanted = db.get<{ id: string; full_name_folded: string }>(
    'SELECT id, full_name_folded FROM mass_org_members WHERE full_name = ?',
    WANTED,
  )!;
  expect(wanted.full_name_folded).toBe('khuat thi uoc');

  // An edit shows at once: the pages read before are dropped and read again.
  const m = await mo.openMember(membersTable(page), WANTED);
  await m.getByRole('textbox', { name: 'Họ và tên' }).fill('Khuất Thị Ước Mơ');
  await m.getByRole('button', { name: 'Lưu' }).click();
  await expect(m.getByRole('textbox', { name: 'Họ và tên' })).toHaveValue('Khuất Thị Ước Mơ');
  await page.keyboard.press('Escape');
  await mo.expectNoDialog();
  await expect(dataRows(page).first()).toContainText('Khuất Thị Ước Mơ');
  expect(db.get('SELECT full_name, full_name_folded FROM mass_org_members WHERE id = ?', wanted.id)).toEqual({
    full_name: 'Khuất Thị Ước Mơ',
    full_name_folded: 'khuat thi uoc mo',
  });
  await mo.search('uoc mo');
  await expect(dataRows(page)).toHaveCount(1);
  await mo.search('');
  await expect(mo.totals(membersTable(page))).toContainText('Tổng cộng: 20.000 thành viên');
});
