/**
 * Units across time, end to end: yearly figures (detail panel, office grid, Excel), merge and
 * split in the UI, the guided 2025 step, the roll-up by the units of a year or of today, and the
 * tree of a past year after a rename. Each flow checks the screen and the SQLite file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { test, expect, type DbReader } from './support/fixtures';
import type { RunningHost } from './support/host';
import { apiOf, setupGiaVien } from './support/api';
import { UnitHistoryPage } from './pages/UnitsPage';

interface UnitRow {
  id: string;
  name: string;
  code: string | null;
  parent_id: string | null;
  valid_from: string | null;
  valid_to: string | null;
}

const unitByName = (db: DbReader, name: string, active = true) =>
  db.get<UnitRow>(`SELECT * FROM units WHERE name = ? AND deleted_at IS NULL AND valid_to IS ${active ? '' : 'NOT '}NULL`, name);
const stat = (db: DbReader, unitId: string, year: number) =>
  db.get<{ households: number | null; residents: number | null; trong_diem: number }>(
    'SELECT households, residents, trong_diem FROM unit_year_stats WHERE unit_id = ? AND year = ?',
    unitId,
    year,
  );
const count = (db: DbReader, sql: string, ...p: unknown[]) => Number(db.get<{ n: number }>(sql, ...p)?.n);

async function seed2022(host: RunningHost, db: DbReader): Promise<void> {
  const rows = [
    ['Xã Gia Hưng', 1200, 4500],
    ['Xã Liên Sơn', 800, 3100],
    ['Xã Gia Phú', 650, 2400],
  ] as const;
  const r = await apiOf(host).result('unitStats.upsert', {
    rows: rows.map(([name, households, residents]) => ({
      unitId: unitByName(db, name)!.id,
      year: 2022,
      households,
      residents,
      trongDiem: false,
    })),
  });
  expect(r.ok).toBe(true);
}

test.beforeEach(async ({ host, page }) => {
  await setupGiaVien(host);
  await page.goto(host.url);
});

test('yearly figures and area type in the unit detail panel', async ({ page, db }) => {
  const units = new UnitHistoryPage(page);
  await units.select('Xã Gia Hòa');
  await units.editYear(2024, '1.250', '4830', true);
  await expect(units.yearRow(2024)).toContainText('1.250');
  await expect(units.yearRow(2024)).toContainText('4.830');
  await expect(units.yearRow(2024)).toContainText('Có');
  const hoa = unitByName(db, 'Xã Gia Hòa')!;
  expect(stat(db, hoa.id, 2024)).toEqual({ households: 1250, residents: 4830, trong_diem: 1 });

  // Fewer residents than households is refused; what was typed stays in the row.
  await units.editYear(2023, '900', '800');
  await expect(page.getByRole('alert').filter({ hasText: 'Số nhân khẩu (800) không được nhỏ hơn số hộ (900)' }).first()).toBeVisible();
  await expect(units.yearTable().getByRole('textbox', { name: 'Số hộ' })).toHaveValue('900');
  expect(stat(db, hoa.id, 2023)).toBeUndefined();

  await units.choose('Loại địa bàn', 'Nông thôn');
  await expect(page.getByText('Đã lưu loại địa bàn.')).toBeVisible();
  expect(db.get('SELECT area_type FROM unit_attributes WHERE unit_id = ?', hoa.id)).toEqual({ area_type: 'nong_thon' });
});

test('office grid: type figures with the keyboard, see totals, a bad row writes nothing until fixed', async ({ page, db }) => {
  const units = new UnitHistoryPage(page);
  await units.openTab('Số liệu theo năm');
  await units.choose('Năm', '2024');
  await expect(units.grid().getByRole('row')).toHaveCount(18 + 2);
  await units.gridCell('Số hộ', 'Xã Gia Hòa').click();
  await page.keyboard.type('1200');
  await page.keyboard.press('Enter');
  // Enter moved to the next row's households cell.
  await expect(units.gridCell('Số hộ', 'Xã Gia Hưng')).toBeFocused();
  await page.keyboard.type('800');
  await units.gridCell('Số nhân khẩu', 'Xã Gia Hòa').fill('4500');
  await units.gridCell('Số nhân khẩu', 'Xã Gia Hưng').fill('700');
  await units.gridFlag('Xã Gia Hưng').check();
  await expect(units.gridTotals()).toContainText('2.000');
  await expect(units.gridTotals()).toContainText('5.200');
  await units.saveGrid();
  await expect(
    page.getByRole('alert').filter({ hasText: 'Xã Gia Hưng, năm 2024: Số nhân khẩu (700) không được nhỏ hơn số hộ (800)' }),
  ).toBeVisible();
  await expect(units.gridCell('Số nhân khẩu', 'Xã Gia Hưng')).toHaveAttribute('aria-invalid', 'true');
  expect(count(db, 'SELECT count(*) AS n FROM unit_year_stats')).toBe(0);

  await units.gridCell('Số nhân khẩu', 'Xã Gia Hưng').fill('3.100');
  await units.saveGrid();
  await expect(page.getByText('Đã lưu: 2 dòng mới, 0 dòng cập nhật.')).toBeVisible();
  await expect(units.gridCell('Số hộ', 'Xã Gia Hòa')).toHaveValue('1.200');
  expect(stat(db, unitByName(db, 'Xã Gia Hòa')!.id, 2024)).toEqual({ households: 1200, residents: 4500, trong_diem: 0 });
  expect(stat(db, unitByName(db, 'Xã Gia Hưng')!.id, 2024)).toEqual({ households: 800, residents: 3100, trong_diem: 1 });

  // Filters: only the communes flagged trọng điểm.
  await units.choose('Lọc', 'Trọng điểm, phức tạp về ANTT');
  await expect(units.grid().getByRole('row')).toHaveCount(1 + 2);
  await expect(units.gridCell('Số hộ', 'Xã Gia Hưng')).toBeVisible();
});

async function writeXlsx(rows: (string | number)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Số hộ, nhân khẩu');
  ws.addRow(['Năm', 'Đơn vị', 'Số hộ', 'Số nhân khẩu', 'Xã trọng điểm, phức tạp về ANTT']);
  for (const r of rows) ws.addRow(r);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'antq-stats-xlsx-')), 'so-ho.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

test('Excel import of yearly figures: a bad row blocks everything; the same file again adds nothing', async ({ page, db }) => {
  const units = new UnitHistoryPage(page);
  await units.openTab('Số liệu theo năm');
  const good = [2023, '14467', 1500, 5900, 'Không'];
  const bad = await writeXlsx([good, [2023, 'Xã Gia Hưng', 900, 800, 'Có']]);
  await page.getByLabel('Chọn tệp Excel').setInputFiles(bad);
  let d = page.getByRole('dialog');
  await expect(d).toContainText('1 dòng mới, 0 dòng cập nhật, 0 dòng không đổi, 1 dòng lỗi');
  await expect(d).toContainText('Số nhân khẩu (800) không được nhỏ hơn số hộ (900)');
  await expect(d.getByRole('button', { name: 'Ghi dữ liệu' })).toBeDisabled();
  expect(count(db, 'SELECT count(*) AS n FROM unit_year_stats')).toBe(0);
  await d.getByRole('button', { name: 'Đóng' }).click();

  const fixed = await writeXlsx([good, [2023, 'Xã Gia Hưng', 900, 3000, 'Có']]);
  await page.getByLabel('Chọn tệp Excel').setInputFiles(fixed);
  d = page.getByRole('dialog');
  await expect(d).toContainText('2 dòng mới, 0 dòng cập nhật, 0 dòng không đổi, 0 dòng lỗi');
  await d.getByRole('button', { name: 'Ghi dữ liệu' }).click();
  await expect(page.getByText('Đã ghi: 2 bản ghi mới, 0 bản ghi cập nhật.')).toBeVisible();
  expect(stat(db, unitByName(db, 'Xã Gia Hưng')!.id, 2023)).toEqual({ households: 900, residents: 3000, trong_diem: 1 });
  expect(count(db, 'SELECT count(*) AS n FROM unit_year_stats')).toBe(2);

  await page.getByLabel('Chọn tệp Excel').setInputFiles(fixed);
  d = page.getByRole('dialog');
  await expect(d).toContainText('0 dòng mới, 0 dòng cập nhật, 2 dòng không đổi, 0 dòng lỗi');
  await expect(d.getByRole('button', { name: 'Ghi dữ liệu' })).toBeDisabled();
  expect(count(db, 'SELECT count(*) AS n FROM unit_year_stats')).toBe(2);
});

test('merge three communes in the UI; a refused merge changes nothing', async ({ page, db }) => {
  const units = new UnitHistoryPage(page);
  await units.select('Xã Gia Hưng');
  // The code of an active commune that stays is refused, in Vietnamese, and nothing is written.
  await units.merge({
    with: ['Xã Liên Sơn', 'Xã Gia Phú'],
    date: '01/07/2025',
    reason: 'Nghị quyết số 1674/NQ-UBTVQH15',
    name: 'Xã Gia Hưng',
    code: '14467',
  });
  await units.expectDialogError('Mã "14467" đã được dùng cho "Xã Gia Hòa" trong cùng đơn vị cấp trên.');
  expect(count(db, 'SELECT count(*) AS n FROM unit_lineage')).toBe(0);
  expect(count(db, 'SELECT count(*) AS n FROM units WHERE valid_to IS NOT NULL')).toBe(0);
  await units.dialog().getByRole('textbox', { name: 'Mã' }).fill('14482');
  await units.dialog().getByRole('button', { name: 'Hợp nhất', exact: true }).click();
  await units.expectNoDialog();

  await expect(units.detailTitle()).toHaveText('Xã Gia Hưng');
  await expect(units.detailField('Hoạt động từ')).toContainText('01/07/2025');
  await expect(units.lineage()).toContainText('Xã Liên Sơn');
  await expect(units.lineage()).toContainText('Xã Gia Phú');
  const successor = unitByName(db, 'Xã Gia Hưng')!;
  expect(successor).toMatchObject({ code: '14482', valid_from: '2025-07-01', valid_to: null });
  const ended = db.all<{ name: string; valid_to: string }>('SELECT name, valid_to FROM units WHERE valid_to IS NOT NULL ORDER BY name');
  expect(ended).toEqual([
    { name: 'Xã Gia Hưng', valid_to: '2025-06-30' },
    { name: 'Xã Gia Phú', valid_to: '2025-06-30' },
    { name: 'Xã Liên Sơn', valid_to: '2025-06-30' },
  ]);
  expect(db.all('SELECT successor_id, is_primary FROM unit_lineage')).toEqual(Array(3).fill({ successor_id: successor.id, is_primary: 1 }));
});

test('split a commune: residential areas go to the successor chosen for each', async ({ page, host, db }) => {
  const hoa = unitByName(db, 'Xã Gia Hòa')!;
  await apiOf(host).result('units.create', { parentId: hoa.id, name: 'Thôn Bắc', kind: 'thon', code: null, validFrom: '2020-01-01' });
  await apiOf(host).result('units.create', { parentId: hoa.id, name: 'Thôn Nam', kind: 'thon', code: null, validFrom: '2020-01-01' });
  await page.reload();
  const units = new UnitHistoryPage(page);
  await units.select('Xã Gia Hòa');
  await units.action('Chia tách');
  const d = units.dialog();
  await units.fillDate('Ngày có hiệu lực', '01/01/2026');
  await d.getByRole('textbox', { name: 'Lý do, căn cứ' }).fill('Chia tách theo quyết định');
  await d.getByRole('group', { name: 'Đơn vị mới 1' }).getByRole('textbox', { name: 'Tên đơn vị' }).fill('Xã Gia Hòa Bắc');
  await d.getByRole('group', { name: 'Đơn vị mới 2' }).getByRole('textbox', { name: 'Tên đơn vị' }).fill('Xã Gia Hòa Nam');
  await d.getByRole('group', { name: 'Đơn vị mới 2' }).getByRole('radio', { name: 'Kế thừa chính' }).check();
  await units.choose('Chuyển "Thôn Bắc" về', 'Xã Gia Hòa Bắc', d);
  await d.getByRole('button', { name: 'Chia tách', exact: true }).click();
  await units.expectDialogError('Hãy chọn đơn vị mới cho "Thôn Nam".');
  expect(count(db, 'SELECT count(*) AS n FROM unit_lineage')).toBe(0);
  await units.choose('Chuyển "Thôn Nam" về', 'Xã Gia Hòa Nam', d);
  await d.getByRole('button', { name: 'Chia tách', exact: true }).click();
  await units.expectNoDialog();

  await expect(units.detailTitle()).toHaveText('Xã Gia Hòa Bắc');
  const bac = unitByName(db, 'Xã Gia Hòa Bắc')!;
  const nam = unitByName(db, 'Xã Gia Hòa Nam')!;
  expect(unitByName(db, 'Xã Gia Hòa', false)?.valid_to).toBe('2025-12-31');
  expect(unitByName(db, 'Thôn Bắc')?.parent_id).toBe(bac.id);
  expect(unitByName(db, 'Thôn Nam')?.parent_id).toBe(nam.id);
  expect(db.all('SELECT successor_id, kind, is_primary FROM unit_lineage ORDER BY is_primary')).toEqual([
    { successor_id: bac.id, kind: 'split', is_primary: 0 },
    { successor_id: nam.id, kind: 'split', is_primary: 1 },
  ]);
});

test("acceptance: a 2022 figure of three communes merged in 2025 shows under their successor by today's units, and under the three originals by 2022's units", async ({
  page,
  host,
  db,
}) => {
  await seed2022(host, db);
  const units = new UnitHistoryPage(page);
  await units.openTab('Sắp xếp ĐVHC 2025');
  const group = units.reorgGroup('Xã Gia Hưng');
  await expect(group.getByRole('checkbox', { name: 'Xã Liên Sơn' })).toBeChecked();
  await expect(group.getByRole('checkbox', { name: 'Xã Gia Phú' })).toBeChecked();
  await expect(group.getByRole('textbox', { name: 'Mã' })).toHaveValue('14482');
  await expect(units.reorgGroup('Phường Tây Hoa Lư')).toContainText(
    'Còn gồm (ngoài phạm vi của cơ quan): Xã Phúc Sơn, Phường Ninh Giang, Xã Trường Yên, Xã Ninh Hòa.',
  );
  await units.applyReorg();
  await expect(page.getByRole('status')).toContainText('Đã áp dụng: 7 xã mới, 0 xã giữ nguyên; 18 xã cũ kết thúc');
  await expect(page.getByText('Không còn xã nào theo danh mục trước năm 2025 cần sắp xếp.')).toBeVisible();
  const successor = unitByName(db, 'Xã Gia Hưng')!;
  expect(successor.valid_from).toBe('2025-07-01');
  expect(count(db, 'SELECT count(*) AS n FROM unit_lineage WHERE successor_id = ?', successor.id)).toBe(3);
  expect(count(db, "SELECT count(*) AS n FROM units WHERE level = 'xa' AND valid_to = '2025-06-30'")).toBe(18);

  await units.openTab('Tổng hợp theo đơn vị');
  await units.choose('Năm của số liệu', '2022');
  await page.getByText('Đơn vị hiện nay', { exact: true }).click();
  await expect(units.rollupRow('Xã Gia Hưng')).toContainText('2.650');
  await expect(units.rollupRow('Xã Gia Hưng')).toContainText('10.000');
  await expect(units.rollupRow('Xã Gia Hưng')).toContainText('Xã Gia Hưng, Xã Gia Phú, Xã Liên Sơn');
  await expect(units.rollupRow('Xã Liên Sơn')).toHaveCount(0);
  await expect(units.rollupTable().getByRole('row')).toHaveCount(7 + 2);

  await page.getByText('Đơn vị của năm 2022', { exact: true }).click();
  await expect(units.rollupTable().getByRole('row')).toHaveCount(18 + 2);
  for (const [name, households] of [
    ['Xã Gia Hưng', '1.200'],
    ['Xã Liên Sơn', '800'],
    ['Xã Gia Phú', '650'],
  ] as const) {
    await expect(units.rollupRow(name)).toContainText(households);
    await expect(units.rollupRow(name)).toContainText('Huyện Gia Viễn');
  }
  await expect(units.rollupRow('Xã Gia Viễn')).toHaveCount(0);
  await expect(units.rollupTable().getByRole('row', { name: 'Tổng cộng' })).toContainText('2.650');
});

test('the guided 2025 step can be corrected: skip a group, untick a commune, rename a successor', async ({ page, db }) => {
  const units = new UnitHistoryPage(page);
  await units.openTab('Sắp xếp ĐVHC 2025');
  for (const name of ['Phường Tây Hoa Lư', 'Xã Đại Hoàng', 'Xã Gia Phong', 'Xã Gia Trấn', 'Xã Gia Vân', 'Xã Gia Viễn']) {
    await units.reorgGroup(name).getByRole('checkbox', { name: 'Áp dụng nhóm này' }).uncheck();
  }
  const group = units.reorgGroup('Xã Gia Hưng');
  await group.getByRole('checkbox', { name: 'Xã Liên Sơn' }).uncheck();
  await group.getByRole('textbox', { name: 'Tên xã mới' }).fill('Xã Gia Hưng Mới');
  await expect(page.getByRole('button', { name: 'Áp dụng 1 nhóm' })).toBeVisible();
  await units.applyReorg();
  await expect(page.getByRole('status')).toContainText('Đã áp dụng: 1 xã mới, 0 xã giữ nguyên; 2 xã cũ kết thúc');
  expect(unitByName(db, 'Xã Gia Hưng Mới')).toMatchObject({ code: '14482', valid_from: '2025-07-01' });
  expect(unitByName(db, 'Xã Liên Sơn')?.valid_to).toBeNull();
  expect(count(db, "SELECT count(*) AS n FROM units WHERE valid_to = '2025-06-30'")).toBe(2);
  // The rest is proposed again; Liên Sơn now merges into the commune that exists.
  await expect(units.reorgGroup('Xã Gia Hưng Mới')).toContainText('Xã mới "Xã Gia Hưng Mới" đã có trong dữ liệu');
  await expect(units.reorgGroup('Xã Gia Hưng Mới').getByRole('checkbox', { name: 'Xã Liên Sơn' })).toBeChecked();
});

test('the tree of a report year shows the 2023 names after a rename in 2026', async ({ page, db }) => {
  const units = new UnitHistoryPage(page);
  await units.select('Xã Gia Hòa');
  await units.action('Sửa thông tin');
  await units.dialog().getByRole('textbox', { name: 'Tên đơn vị' }).fill('Xã Gia Hòa Mới');
  await units.save();
  await units.expectNoDialog();
  await expect(units.node('Xã Gia Hòa Mới')).toBeVisible();
  const hoa = unitByName(db, 'Xã Gia Hòa Mới')!;
  expect(db.all('SELECT name, valid_from, valid_to FROM unit_names WHERE unit_id = ?', hoa.id)).toEqual([
    { name: 'Xã Gia Hòa', valid_from: null, valid_to: '2026-11-21' },
  ]);

  await units.viewTreeAs('Năm 2023');
  await expect(page.getByText('Cây đơn vị như tại ngày 31/12/2023', { exact: false })).toBeVisible();
  await expect(units.node('Xã Gia Hòa')).toBeVisible();
  await expect(units.node('Xã Gia Hòa Mới')).toHaveCount(0);
  await units.node('Xã Gia Hòa').click();
  await expect(units.detailTitle()).toHaveText('Xã Gia Hòa Mới');
  await expect(page.getByText('Tên tại thời điểm đang xem: Xã Gia Hòa', { exact: true })).toBeVisible();

  await units.viewTreeAs('Hiện nay');
  await expect(units.node('Xã Gia Hòa Mới')).toBeVisible();
  await expect(units.node('Xã Gia Hòa')).toHaveCount(0);
});
