/**
 * The organisations list at a province's size (issue 16: no list sends more than a screen plus a
 * page): 8.000 organisations written into the data folder's database between two starts of the host
 * (with the repository's own search key), then the screen reads organizations.page: first rows, at
 * most 200 rows in the DOM, the whole list's totals (count and eligible), scrolling deep, sort by
 * name both ways, the eligibility filter, search with and without diacritics, and a delete seen at
 * once. Each step checks the database too.
 */
import { test, expect, type Page } from '@playwright/test';
import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { CO_QUAN_SUB_KINDS, CO_SO_GIAO_DUC_SUB_KINDS, orgEligibility, type OrgKind } from '../../shared/domain/organizations';
import { compareVietnamese } from '../../shared/lib/text';
import { orgSearchKey } from '../../electron/backend/repos/organizations.repo';
import { setupGiaVien, apiOf } from './support/api';
import { newDataDir, startHost, type RunningHost } from './support/host';
import { readDb } from './support/fixtures';
import { OrganizationsPage } from './pages/OrganizationsPage';

const ORGS = 8_000;
const ROW_HEIGHT = 36;
const PREFIX = ['Công ty', 'Trường', 'Ủy ban', 'Hợp tác xã', 'Đài', 'Chi cục', 'Ban', 'Bệnh viện', 'Âu Lạc', 'Ân Thi'];
const PLACE = ['Gia Hòa', 'Gia Hưng', 'Đông Nam', 'Yên Mô', 'Ánh Dương', 'Bình Minh', 'Sông Đáy', 'Tràng An'];
const WANTED = 'Xí nghiệp Khuất Ước';

interface Seeded {
  id: string;
  name: string;
  kind: OrgKind;
  subKind: string;
  insured: number | null;
}

let host: RunningHost;
let dataDir: string;
let seeded: Seeded[];

function orgOf(i: number): Seeded {
  const kind: OrgKind = (['co_quan', 'doanh_nghiep', 'co_so_giao_duc'] as const)[i % 3]!;
  const subKind =
    kind === 'co_quan'
      ? CO_QUAN_SUB_KINDS[i % CO_QUAN_SUB_KINDS.length]!
      : kind === 'doanh_nghiep'
        ? 'tu_nhan'
        : CO_SO_GIAO_DUC_SUB_KINDS[i % 9]!;
  const name = i === ORGS - 1 ? WANTED : `${PREFIX[i % PREFIX.length]} ${PLACE[Math.floor(i / PREFIX.length) % PLACE.length]} số ${i + 1}`;
  // Enterprises: every third has no insured-employee figure (incomplete), the rest are small or not.
  const insured = kind !== 'doanh_nghiep' ? null : i % 9 === 1 ? null : (i % 400) + 5;
  return { id: `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`, name, kind, subKind, insured };
}

test.describe.configure({ mode: 'serial', timeout: 240_000 });

test.beforeAll(async () => {
  dataDir = newDataDir();
  const first = await startHost(dataDir);
  await setupGiaVien(first);
  const communes = (await apiOf(first).call('units.list', { includeEnded: false })).filter((u) => u.level === 'xa');
  await first.stop();
  seeded = Array.from({ length: ORGS }, (_, i) => orgOf(i));
  const db = new BetterSqlite3(path.join(dataDir, 'antq.db'));
  const insert = db.prepare(
    `INSERT INTO organizations (id, name, name_folded, kind, sub_kind, is_armed_forces, unit_id, managing_level, bca_monitored,
       has_party_org, has_security_force, sub_unit_count, sector_group, insured_employees, revenue_billion, capital_billion,
       tax_code, address, valid_from, valid_to, end_reason, created_at, updated_at, deleted_at)
     VALUES (?, ?, ?, ?, ?, 0, ?, 'huyen', 0, 1, 1, 3, ?, ?, ?, ?, NULL, NULL, '2015-01-01', NULL, NULL, ?, ?, NULL)`,
  );
  const at = '2026-11-20T03:00:00.000Z';
  db.transaction(() => {
    seeded.forEach((o, i) => {
      const dn = o.kind === 'doanh_nghiep';
      const sector = dn ? 'nong_lam_thuy_san_cong_nghiep_xay_dung' : null;
      insert.run(
        o.id,
        o.name,
        orgSearchKey(o.name, null),
        o.kind,
        o.subKind,
        communes[i % communes.length]!.id,
        sector,
        o.insured,
        dn ? 50 : null,
        dn ? 20 : null,
        at,
        at,
      );
    });
  })();
  db.close();
  host = await startHost(dataDir);
});

test.afterAll(async () => {
  await host?.stop();
});

const scroller = (orgs: OrganizationsPage) => orgs.table().locator('[role=rowgroup]').nth(1);
const firstName = async (orgs: OrganizationsPage) => (await orgs.rows().first().locator('[role=cell]').first().innerText()).trim();

function eligibleOf(o: Seeded): boolean {
  return orgEligibility({
    kind: o.kind,
    subKind: o.subKind,
    isArmedForces: false,
    sectorGroup: o.kind === 'doanh_nghiep' ? 'nong_lam_thuy_san_cong_nghiep_xay_dung' : null,
    insuredEmployees: o.insured,
    revenueBillion: o.kind === 'doanh_nghiep' ? 50 : null,
    capitalBillion: o.kind === 'doanh_nghiep' ? 20 : null,
  }).eligible;
}

async function expectBoundedDom(page: Page, orgs: OrganizationsPage): Promise<void> {
  expect(await orgs.rows().count()).toBeLessThanOrEqual(200);
  expect(await page.locator('[role=row]').count()).toBeLessThanOrEqual(200);
}

test('8.000 organisations: first rows, a bounded DOM, totals, scrolling, sort, filter, search and delete from the backend', async ({
  page,
}) => {
  const db = readDb(dataDir);
  expect(db.get<{ n: number }>('SELECT count(*) AS n FROM organizations WHERE deleted_at IS NULL')!.n).toBe(ORGS);
  const sorted = seeded.map((o) => o.name).sort(compareVietnamese);
  const eligible = seeded.filter(eligibleOf).length;
  expect(eligible).toBeGreaterThan(0);
  expect(eligible).toBeLessThan(ORGS);

  await page.goto(host.url);
  const orgs = new OrganizationsPage(page);
  const clicked = Date.now();
  await orgs.open();
  await expect(orgs.rows().first()).toBeVisible();
  console.log(`organizations-scale: first rows ${Date.now() - clicked} ms after the click (${ORGS} organisations)`);
  await expect(orgs.totals()).toContainText('Tổng cộng: 8.000');
  await expect(orgs.totals()).toContainText(`${eligible.toLocaleString('vi-VN')} thuộc diện`);
  await expect(orgs.table()).toHaveAttribute('aria-rowcount', String(ORGS + 2));
  expect(compareVietnamese(await firstName(orgs), sorted[0]!)).toBe(0);
  await expectBoundedDom(page, orgs);
  await page.screenshot({ path: 'screenshots/organizations-list-8000-1366x768.png' });

  // Deep in the list: the pages there are read, the DOM stays small.
  const target = 5_432;
  await scroller(orgs).evaluate((el, top) => (el.scrollTop = top), target * ROW_HEIGHT);
  const deep = orgs.table().locator(`[role=row][aria-rowindex="${target + 2}"]`);
  await expect(deep).toBeVisible();
  expect((await deep.locator('[role=cell]').first().innerText()).trim()).toBe(sorted[target]);
  await expectBoundedDom(page, orgs);

  // Sort by name descending: the last name in Vietnamese order comes first.
  const header = orgs.table().getByRole('button', { name: 'Tên' });
  await header.click();
  await header.click();
  await expect(orgs.table().getByRole('columnheader', { name: 'Tên' })).toHaveAttribute('aria-sort', 'descending');
  await scroller(orgs).evaluate((el) => (el.scrollTop = 0));
  await expect.poll(() => firstName(orgs)).toBe(sorted[sorted.length - 1]);
  await header.click();

  // The eligibility filter (computed in TypeScript, kept per data generation in the backend).
  await orgs.filterStatus('Thuộc diện áp dụng TT124');
  await expect(orgs.totals()).toContainText(`Tổng cộng: ${eligible.toLocaleString('vi-VN')}`);
  await expect(orgs.table()).toHaveAttribute('aria-rowcount', String(eligible + 2));
  await expectBoundedDom(page, orgs);
  await orgs.clearFilters();
  await expect(orgs.totals()).toContainText('Tổng cộng: 8.000');

  // Search with and without diacritics.
  for (const typed of ['khuat uoc', 'Khuất Ước', 'XI NGHIEP khuat']) {
    await orgs.search(typed);
    await expect(orgs.rows()).toHaveCount(1);
    await expect(orgs.rows().first()).toContainText(WANTED);
    await expect(orgs.totals()).toContainText('Tổng cộng: 1');
  }

  // A delete shows at once (the backend's rows of this generation are dropped).
  const drawer = await orgs.openRow(WANTED);
  await orgs.action(drawer, 'Xóa (nhập nhầm)');
  await orgs.dialog('Xóa bản ghi nhập nhầm?').getByRole('button', { name: 'Xóa', exact: true }).click();
  await orgs.expectNoDialog();
  await expect(orgs.rows()).toHaveCount(0);
  expect(db.get<{ deleted_at: string | null }>('SELECT deleted_at FROM organizations WHERE name = ?', WANTED)!.deleted_at).not.toBeNull();
  await orgs.search('');
  await expect(orgs.totals()).toContainText('Tổng cộng: 7.999');
});

test('"Xuất Excel" of 7.999 organisations shows its progress panel with "Hủy" while the file is made, then saves it', async ({ page }) => {
  await page.goto(host.url);
  const orgs = new OrganizationsPage(page);
  await orgs.open();
  await expect(orgs.totals()).toContainText('Tổng cộng: 7.999');
  const downloading = page.waitForEvent('download', { timeout: 120_000 });
  await page.getByRole('button', { name: 'Xuất Excel' }).click();
  // The export is a job of the backend (issue 16: the host never blocks): its panel shows at once, with
  // "Hủy". The phase labels it reads ("Đang đọc các dòng cần xuất", "Đã ghi n/N dòng vào tệp Excel",
  // "Đang nén tệp Excel") are sampled every 250 ms; in three full-suite runs the 1–3 s export of these
  // rows ended before a sample came back, so they are asserted where no sampling decides:
  // tests/unit/backend/xlsx-export-yields.test.ts (the job reports each phase while the host turns).
  const progress = page.getByTestId('export-progress');
  await expect(progress.getByRole('button', { name: 'Hủy' })).toBeVisible();
  await expect(progress.getByTestId('long-task-label')).toBeVisible();
  await page.screenshot({ path: 'screenshots/organizations-export-progress-1366x768.png' });
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const file = await download.path();
  expect(fs.statSync(file).size).toBeGreaterThan(100_000);
  await expect(progress).toHaveCount(0);
  // Nothing written by an export: the database still holds the 7.999 live organisations.
  expect(readDb(dataDir).get<{ n: number }>('SELECT count(*) AS n FROM organizations WHERE deleted_at IS NULL')!.n).toBe(ORGS - 1);
});
