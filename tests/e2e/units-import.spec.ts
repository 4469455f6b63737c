/**
 * Units in bulk (issue 14 item 1): a province's 2,000 residential areas under 150 communes imported
 * in one go through the tree screen's Excel buttons; a bad row shown and nothing written; the add
 * dialog keeping its parent, kind and start date for the next unit. No time is asserted here (the
 * benchmark bench/units-import.bench.mjs prints it).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from './support/fixtures';
import { apiOf, setupGiaVien } from './support/api';
import { UnitsPage } from './pages/UnitsPage';
import { EMPTY_PROVINCE_SETUP, provinceSheet, unitSheet, unitSheetBase64 } from '../support/units-xlsx';

const tempFile = (name: string) => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'antq-units-import-')), name);

test('a province imports 2,000 residential areas under 150 communes in one file', async ({ page, host, db }) => {
  test.setTimeout(240_000);
  const api = apiOf(host);
  await api.call('office.setup', EMPTY_PROVINCE_SETUP);
  const root = (await api.call('units.list', { includeEnded: false })).find((u) => u.parentId === null)!;
  const sheet = provinceSheet(root.name);
  // The communes come from a previous import of the same sheet.
  expect(await api.call('xlsx.commit', { registry: 'units', fileBase64: await unitSheetBase64(sheet.communes) })).toMatchObject({
    created: 150,
  });
  const file = tempFile('khu-dan-cu.xlsx');
  fs.writeFileSync(file, await unitSheet(sheet.areas));

  await page.goto(host.url);
  const units = new UnitsPage(page);
  const template = await units.downloadTemplate(path.dirname(file));
  expect(template.name).toBe('Đơn vị và khu dân cư - mẫu nhập.xlsx');
  expect(fs.readFileSync(template.file).subarray(0, 2).toString()).toBe('PK');

  const d = await units.importExcel(file);
  await expect(d.getByText('2000 dòng mới, 0 dòng cập nhật, 0 dòng không đổi, 0 dòng lỗi')).toBeVisible();
  await expect(units.previewRow(d, 2)).toContainText('Thôn 1 (Phường An Lợi) – năm 2025');
  await page.screenshot({ path: 'screenshots/units-import-preview-1366x768.png' });
  await units.commitImport(d);
  await expect(page.getByText('Đã ghi: 2000 bản ghi mới, 0 bản ghi cập nhật.')).toBeVisible();

  await units.expand('Phường An Lợi');
  await units.select('Thôn 1');
  await expect(units.detailField('Hoạt động từ')).toHaveText('Không rõ');

  expect(db.get("SELECT count(*) AS n FROM units WHERE level = 'khu_dan_cu' AND deleted_at IS NULL")).toEqual({ n: 2000 });
  expect(db.get("SELECT count(*) AS n FROM units WHERE level = 'khu_dan_cu' AND valid_from IS NULL")).toEqual({ n: 286 });
  expect(db.get("SELECT count(*) AS n FROM units WHERE level = 'khu_dan_cu' AND kind = 'xom'")).toEqual({
    n: [...sheet.kinds.values()].filter((k) => k === 'xom').length,
  });
  expect(db.get('SELECT count(*) AS n, sum(households) AS h FROM unit_year_stats WHERE year = 2025')).toEqual({
    n: 2000,
    h: sheet.areas.reduce((s, r) => s + Number(r.households), 0),
  });
  const thon1 = db.get<{ parent: string; kind: string; valid_from: string | null }>(
    "SELECT p.name AS parent, u.kind, u.valid_from FROM units u JOIN units p ON p.id = u.parent_id WHERE u.name = 'Thôn 1' AND p.name = 'Phường An Lợi'",
  );
  expect(thon1).toEqual({ parent: 'Phường An Lợi', kind: 'thon', valid_from: null });

  // The same file again: nothing new.
  const again = await units.importExcel(file);
  await expect(again.getByText('0 dòng mới, 0 dòng cập nhật, 2000 dòng không đổi, 0 dòng lỗi')).toBeVisible();
  await expect(again.getByRole('button', { name: 'Ghi dữ liệu' })).toBeDisabled();
});

test('a bad or ambiguous row is shown with its row and column, and nothing is written', async ({ page, host, db }) => {
  await setupGiaVien(host);
  const file = tempFile('loi.xlsx');
  fs.writeFileSync(
    file,
    await unitSheet([
      { parent: 'Xã Gia Hòa', name: 'Xóm 1' },
      { parent: 'Xã Gia Hoa', name: 'Xóm 2' },
      { parent: 'Xã Gia Hưng', name: 'Xóm 3', year: 2025, households: 50, residents: 20 },
    ]),
  );
  const before = db.get('SELECT count(*) AS n FROM units');
  await page.goto(host.url);
  const units = new UnitsPage(page);
  await expect(page.getByRole('button', { name: 'Nhập từ Excel' })).toBeVisible();
  await page.screenshot({ path: 'screenshots/units-tree-excel-1366x768.png' });
  const d = await units.importExcel(file);
  await expect(d.getByText('1 dòng mới, 0 dòng cập nhật, 0 dòng không đổi, 2 dòng lỗi')).toBeVisible();
  await expect(units.previewRow(d, 3).getByRole('cell').last()).toHaveText(
    'Cột "Đơn vị cấp trên": không tìm thấy đơn vị "Xã Gia Hoa" (tên phải ghi đúng dấu). Có phải: "Xã Gia Hòa"?',
  );
  await expect(units.previewRow(d, 4)).toContainText('Cột "Số nhân khẩu"');
  await page.screenshot({ path: 'screenshots/units-import-errors-1366x768.png' });
  await expect(d.getByRole('button', { name: 'Ghi dữ liệu' })).toBeDisabled();
  expect(db.get('SELECT count(*) AS n FROM units')).toEqual(before);
});

test('the add dialog keeps the parent, kind and start date for the next unit', async ({ page, host, db }) => {
  await setupGiaVien(host);
  await page.goto(host.url);
  const units = new UnitsPage(page);
  await units.select('Xã Gia Hòa');
  await units.action('Thêm đơn vị trực thuộc');
  await units.addAndContinue({ name: 'Xóm Bến', kind: 'Xóm', validFrom: '01/01/2001' });
  await expect(page.getByText('Đã thêm "Xóm Bến".', { exact: false })).toBeVisible();
  const d = units.dialog();
  await expect(d).toBeVisible();
  await expect(d.getByRole('textbox', { name: 'Tên đơn vị' })).toHaveValue('');
  await expect(d.getByRole('textbox', { name: 'Tên đơn vị' })).toBeFocused();
  await expect(d.getByRole('textbox', { name: 'Hoạt động từ' })).toHaveValue('01/01/2001');
  await expect(d.getByRole('combobox', { name: 'Loại' })).toHaveValue('Xóm');
  await d.getByRole('textbox', { name: 'Tên đơn vị' }).fill('Xóm Chợ');
  await page.screenshot({ path: 'screenshots/units-add-next-1366x768.png' });
  await units.save();
  await units.expectNoDialog();
  await expect(units.node('Xóm Bến')).toBeVisible();
  await expect(units.node('Xóm Chợ')).toBeVisible();

  const rows = db.all<{ name: string; kind: string; valid_from: string; parent: string }>(
    "SELECT u.name, u.kind, u.valid_from, p.name AS parent FROM units u JOIN units p ON p.id = u.parent_id WHERE u.name LIKE 'Xóm %' ORDER BY u.name",
  );
  expect(rows).toEqual([
    { name: 'Xóm Bến', kind: 'xom', valid_from: '2001-01-01', parent: 'Xã Gia Hòa' },
    { name: 'Xóm Chợ', kind: 'xom', valid_from: '2001-01-01', parent: 'Xã Gia Hòa' },
  ]);
});
