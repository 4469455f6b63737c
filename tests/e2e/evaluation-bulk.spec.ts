/**
 * Registrations in bulk and years before Circular 124 through the UI (issue 14 items 2 and 4):
 * 1,000 registrations of a year imported from Excel on the board, a selection of the board
 * registered with one date and one plan, and a 2015 registration recorded and counted on the 2015
 * board (which says plainly that no rule set covers that year) and on the period screen. Each checks the screen and the database.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { test, expect, type DbReader } from './support/fixtures';
import { apiOf, setupGiaVien } from './support/api';
import { EvaluationPage } from './pages/EvaluationPage';
import { PeriodPage } from './pages/PeriodPage';

const unitId = (db: DbReader, name: string) =>
  db.get<{ id: string }>('SELECT id FROM units WHERE name = ? AND deleted_at IS NULL', name)!.id;
const registrations = (db: DbReader, year: number) =>
  db.get<{ n: number }>('SELECT COUNT(*) AS n FROM evaluation_registrations WHERE year = ? AND deleted_at IS NULL', year)!.n;

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
});

test('1,000 registrations of 2026 imported from Excel on the board: preview, all written, counted', async ({ host, db, page }) => {
  test.setTimeout(600_000);
  await setupGiaVien(host);
  const api = apiOf(host);
  const communes = db.all<{ id: string; name: string }>(
    "SELECT id, name FROM units WHERE level = 'xa' AND deleted_at IS NULL ORDER BY name",
  );
  // 1,000 residential areas spread over the communes; the same names recur under each commune.
  const paths: string[] = [];
  for (let i = 0; i < 1000; i++) {
    const c = communes[i % communes.length]!;
    const name = `Thôn ${Math.floor(i / communes.length) + 1}`;
    await api.call('units.create', { parentId: c.id, name, kind: 'thon', code: null, validFrom: '2020-01-01' });
    paths.push(`${c.name} / ${name}`);
  }
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Đăng ký phấn đấu');
  ws.addRow(['Năm', 'Đơn vị, cơ quan, tổ chức', 'Ngày đăng ký', 'Số kế hoạch', 'Ngày kế hoạch', 'Số hộ đăng ký']);
  paths.forEach((p, i) => ws.addRow([2026, p, '16/02/2026', '02/KH-UBND', '05/02/2026', 100 + (i % 50)]));
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'antq-reg-')), 'dang-ky-2026.xlsx');
  await wb.xlsx.writeFile(file);

  await page.goto(host.url);
  const ev = new EvaluationPage(page);
  await ev.open();
  await ev.selectYear(2026);
  await expect(ev.counts()).toContainText('0/1.000 khu dân cư đã đăng ký phấn đấu');
  const preview = await ev.chooseRegistrationsFile(file);
  await expect(preview).toContainText('1000 dòng mới, 0 dòng cập nhật, 0 dòng không đổi, 0 dòng lỗi');
  await expect(preview).toContainText('Xã Gia Hòa / Thôn 1 – năm 2026');
  await page.screenshot({ path: 'screenshots/evaluation-registrations-import-preview-1366x768.png' });
  await preview.getByRole('button', { name: 'Ghi dữ liệu' }).click();
  await expect(preview).toBeHidden({ timeout: 300_000 });
  await expect(ev.counts()).toContainText('1.000/1.000 khu dân cư đã đăng ký phấn đấu (100,0%)', { timeout: 120_000 });
  expect(registrations(db, 2026)).toBe(1000);
  expect(db.get<{ n: number }>('SELECT SUM(households_registered) AS n FROM evaluation_registrations WHERE year = 2026')!.n).toBe(
    Array.from({ length: 1000 }, (_, i) => 100 + (i % 50)).reduce((a, b) => a + b, 0),
  );
});

test('a selection of the board registered with one date and one plan; rows patched, nothing reloaded', async ({ host, db, page }) => {
  await setupGiaVien(host);
  const api = apiOf(host);
  const hoa = unitId(db, 'Xã Gia Hòa');
  for (const name of ['Thôn Bắc', 'Thôn Nam', 'Thôn Đoài']) {
    await api.call('units.create', { parentId: hoa, name, kind: 'thon', code: null, validFrom: '2020-01-01' });
  }
  await page.goto(host.url);
  const ev = new EvaluationPage(page);
  await ev.open();
  await ev.selectYear(2026);
  await ev.category('Khu dân cư');
  await ev.selectAllVisible();
  await expect(ev.selectionBar()).toContainText('Đã chọn 3 đơn vị chưa đăng ký');
  await page.screenshot({ path: 'screenshots/evaluation-board-selection-1366x768.png' });
  // No whole-board request after the change: only the rows it moved come back.
  const boardCalls: string[] = [];
  page.on('request', (r) => {
    if (/\/api\/evaluation\.board$/.test(new URL(r.url()).pathname)) boardCalls.push(r.url());
  });
  await ev.registerSelected({ registeredOn: '20/02/2026', planNumber: '07/KH-UBND', planDate: '10/02/2026' });
  await expect(page.getByText('Đã ghi nhận đăng ký cho 3 đơn vị.')).toBeVisible();
  for (const name of ['Thôn Bắc', 'Thôn Nam', 'Thôn Đoài']) await expect(ev.row(name)).toContainText('Đã đăng ký');
  await expect(ev.counts()).toContainText('3/3 khu dân cư đã đăng ký phấn đấu (100,0%)');
  await expect(ev.selectionBar()).toBeHidden();
  expect(boardCalls).toEqual([]);
  const rows = db.all<{ registered_on: string; plan_number: string }>(
    'SELECT registered_on, plan_number FROM evaluation_registrations WHERE year = 2026 AND deleted_at IS NULL',
  );
  expect(rows).toEqual(Array.from({ length: 3 }, () => ({ registered_on: '2026-02-20', plan_number: '07/KH-UBND' })));
  expect(db.get<{ n: number }>("SELECT COUNT(*) AS n FROM evaluation_history WHERE action = 'register'")!.n).toBe(3);
});

test('a 2015 registration recorded in the drawer and counted on the 2015 board, which says there is no rule set', async ({
  host,
  db,
  page,
}) => {
  await setupGiaVien(host);
  await apiOf(host).call('units.create', {
    parentId: unitId(db, 'Xã Gia Hòa'),
    name: 'Thôn Cũ',
    kind: 'thon',
    code: null,
    validFrom: '2010-01-01',
  });
  await page.goto(host.url);
  const ev = new EvaluationPage(page);
  await ev.open();
  await ev.selectYear(2015);
  await expect(ev.ruleSetNote()).toContainText(
    'Năm 2015 chưa có bộ tiêu chí trong ứng dụng (trước 10/02/2022 áp dụng Thông tư 23/2012/TT-BCA)',
  );
  await ev.category('Khu dân cư');
  await expect(ev.row('Thôn Cũ')).toContainText('Không đánh giá');
  const d = await ev.openSubject('Thôn Cũ');
  await expect(d.getByRole('note').filter({ hasText: 'Năm 2015 chưa có bộ tiêu chí trong ứng dụng' })).toBeVisible();
  await ev.register({ registeredOn: '12/02/2015', householdsRegistered: '132' });
  await ev.closeSubject();
  await expect(ev.row('Thôn Cũ')).toContainText('Đã đăng ký');
  await expect(ev.counts()).toContainText('1/1 khu dân cư đã đăng ký phấn đấu (100,0%)');
  await page.screenshot({ path: 'screenshots/evaluation-board-2015-1366x768.png' });
  const reg = db.get<{ year: number; registered_on: string; households_registered: number }>(
    'SELECT year, registered_on, households_registered FROM evaluation_registrations WHERE subject_id = ?',
    unitId(db, 'Thôn Cũ'),
  );
  expect(reg).toEqual({ year: 2015, registered_on: '2015-02-12', households_registered: 132 });

  // Counted on the period screen too: 2015 chosen as a custom period, one area registered with its households.
  const p = new PeriodPage(page);
  await p.open();
  await p.preset('Tùy chọn');
  await p.period('01/01/2015', '31/12/2015');
  const figures = p.registrations();
  await expect(figures.sentence()).toContainText(
    'Năm 2015, đăng ký xây dựng đạt tiêu chuẩn "An toàn về an ninh, trật tự": 1/1 khu dân cư với 132 hộ gia đình',
  );
  expect(await figures.row('Khu dân cư')).toEqual(['1', '1/1 (100,0%)', 'thiếu dữ liệu']);
  await expect(figures.households()).toHaveText('132');
});
