/**
 * The mass organisations tab read by pages (issue 16: no list sends more than a screen plus a page).
 * 450 organisations are created through the API, then the screen: first rows, at most 200 rows in
 * the DOM, the backend's totals (count and members), sort by members through the header, search
 * without diacritics, and a deletion seen at once. Each step checks the database too.
 */
import { test, expect, type Page } from '@playwright/test';
import { BUILT_IN_KINDS } from '../../shared/domain/mass-orgs';
import { compareVietnamese } from '../../shared/lib/text';
import { apiOf, setupGiaVien } from './support/api';
import { newDataDir, startHost, type RunningHost } from './support/host';
import { readDb } from './support/fixtures';
import { MassOrgsPage } from './pages/MassOrgsPage';

const ORGS = 450;
const ROW_HEIGHT = 36;
let host: RunningHost;
let dataDir: string;
const names: string[] = [];
let members = 0;
let biggest = '';

test.describe.configure({ mode: 'serial', timeout: 300_000 });

test.beforeAll(async () => {
  dataDir = newDataDir();
  host = await startHost(dataDir);
  await setupGiaVien(host);
  const api = apiOf(host);
  const communes = (await api.call('units.list', { includeEnded: false })).filter((u) => u.level === 'xa');
  const kinds = BUILT_IN_KINDS.filter((k) => k.code === 'to_tu_quan' || k.code === 'cau_lac_bo').map((k) => k.id);
  for (let i = 0; i < ORGS; i++) {
    const name = `${i % 2 === 0 ? 'Tổ tự quản' : 'Câu lạc bộ'} ${['Đồng Tâm', 'Ánh Dương', 'Hòa Bình', 'Ấp Mới', 'Bình An'][i % 5]} số ${i + 1}`;
    const o = await api.call('massOrgs.create', {
      kindId: kinds[i % 2]!,
      unitId: communes[i % communes.length]!.id,
      name,
      decisionIssuer: null,
      decisionNumber: null,
      decisionDate: null,
      validFrom: '2024-07-01',
      note: null,
    });
    names.push(name);
    const count = i % 150 === 7 ? 3 : 0;
    for (let m = 0; m < count; m++) {
      await api.call('members.create', {
        massOrgId: o.id,
        fullName: `Nguyễn Văn Thành viên ${i}-${m}`,
        gender: 'nam',
        birthYear: 1980 + m,
        ethnicity: 'Kinh',
        phone: '',
        role: 'to_vien',
        joinedOn: '2024-07-01',
        note: '',
      });
    }
    members += count;
    if (count > 0 && biggest === '') biggest = name;
  }
});

test.afterAll(async () => {
  await host?.stop();
});

const scroller = (mo: MassOrgsPage) => mo.orgsTable().locator('[role=rowgroup]').nth(1);
const firstName = async (mo: MassOrgsPage) => (await mo.rows(mo.orgsTable()).first().locator('[role=cell]').first().innerText()).trim();
const domRows = (page: Page) => page.locator('[role=row][aria-rowindex]').count();

test('450 organisations: pages, backend totals, sort, search and a deletion', async ({ page }) => {
  const db = readDb(dataDir);
  expect(db.get<{ n: number }>('SELECT count(*) AS n FROM mass_orgs WHERE deleted_at IS NULL')!.n).toBe(ORGS);
  const sorted = [...names].sort(compareVietnamese);
  await page.goto(host.url);
  const mo = new MassOrgsPage(page);
  await mo.open();
  const table = mo.orgsTable();
  await expect(mo.rows(table).first()).toBeVisible();
  await expect(mo.totals(table)).toContainText(`Tổng cộng: ${ORGS} tổ chức`);
  await expect(mo.totals(table)).toContainText(String(members));
  await expect(table).toHaveAttribute('aria-rowcount', String(ORGS + 2));
  expect(await firstName(mo)).toBe(sorted[0]);
  expect(await domRows(page)).toBeLessThanOrEqual(200);
  await page.screenshot({ path: 'screenshots/mass-orgs-paged-1366x768.png' });

  // Deep in the list: the page there is read, the DOM stays small.
  const target = 321;
  await scroller(mo).evaluate((el, top) => (el.scrollTop = top), target * ROW_HEIGHT);
  const deep = table.locator(`[role=row][aria-rowindex="${target + 2}"]`);
  await expect(deep).toBeVisible();
  expect((await deep.locator('[role=cell]').first().innerText()).trim()).toBe(sorted[target]);
  expect(await domRows(page)).toBeLessThanOrEqual(200);

  // Sort by members, descending (two clicks): an organisation with members first.
  const header = table.getByRole('button', { name: 'Thành viên' });
  await header.click();
  await header.click();
  await expect(table.getByRole('columnheader', { name: 'Thành viên' })).toHaveAttribute('aria-sort', 'descending');
  await scroller(mo).evaluate((el) => (el.scrollTop = 0));
  await expect.poll(() => firstName(mo)).toBe(biggest);
  await header.click();

  // Search without diacritics finds the same rows as with them.
  await mo.search('anh duong');
  const wanted = names.filter((n) => n.includes('Ánh Dương')).length;
  await expect(mo.totals(table)).toContainText(`Tổng cộng: ${wanted} tổ chức`);
  await mo.search('Ánh Dương');
  await expect(mo.totals(table)).toContainText(`Tổng cộng: ${wanted} tổ chức`);

  // A deletion through the API is seen by the next read of the list.
  const gone = (
    await apiOf(host).call('massOrgs.page', {
      search: 'anh duong',
      unitId: null,
      kind: null,
      status: null,
      year: 2026,
      page: { offset: 0, limit: 1, sort: 'name', dir: 'asc' },
    })
  ).rows[0]!;
  await apiOf(host).call('massOrgs.delete', { id: gone.id });
  expect(db.get<{ n: number }>('SELECT count(*) AS n FROM mass_orgs WHERE deleted_at IS NULL')!.n).toBe(ORGS - 1);
  // A new screen (the list another person's write changed is read again when the screen opens).
  await page.reload();
  await mo.open();
  await mo.search('anh duong');
  await expect(mo.totals(table)).toContainText(`Tổng cộng: ${wanted - 1} tổ chức`);
  await expect(table.getByRole('cell', { name: gone.name, exact: true })).toHaveCount(0);
});
