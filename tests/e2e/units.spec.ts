import { test, expect } from './support/fixtures';
import { apiOf, setupGiaVien } from './support/api';
import { UnitsPage } from './pages/UnitsPage';
import { BUILT_IN_KINDS } from '../../shared/domain/mass-orgs';

interface UnitRow {
  id: string;
  name: string;
  code: string | null;
  parent_id: string | null;
  valid_from: string | null;
  valid_to: string | null;
  end_reason: string | null;
  kind: string;
}

const unitByName = (db: { get: <T>(sql: string, ...p: unknown[]) => T | undefined }, name: string) =>
  db.get<UnitRow>('SELECT * FROM units WHERE name = ? AND deleted_at IS NULL', name);

test.beforeEach(async ({ host, page }) => {
  await setupGiaVien(host);
  await page.goto(host.url);
});

test('add a residential area under a commune', async ({ page, db }) => {
  const units = new UnitsPage(page);
  await units.select('Xã Gia Hòa');
  await units.addChild({ name: 'Thôn 3', kind: 'Thôn', code: '', validFrom: '01/07/2025' });
  await units.expectNoDialog();

  await expect(units.detailTitle()).toHaveText('Thôn 3');
  await expect(units.detailField('Hoạt động từ')).toContainText('01/07/2025');
  await expect(units.node('Thôn 3')).toBeVisible();
  const row = unitByName(db, 'Thôn 3')!;
  const parent = unitByName(db, 'Xã Gia Hòa')!;
  expect(row).toMatchObject({ kind: 'thon', level: 'khu_dan_cu', parent_id: parent.id, valid_from: '2025-07-01', code: null });
  expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
  const change = db.get<{ action: string; summary: string }>('SELECT action, summary FROM unit_changes WHERE unit_id = ?', row.id);
  expect(change?.action).toBe('create');
});

test('rename and change the code of a unit', async ({ page, db }) => {
  const units = new UnitsPage(page);
  await units.select('Xã Gia Hòa');
  await units.action('Sửa thông tin');
  await units.dialog().getByRole('textbox', { name: 'Tên đơn vị' }).fill('Xã Gia Hòa Mới');
  await units.dialog().getByRole('textbox', { name: 'Mã' }).fill('99999');
  await units.save();
  await units.expectNoDialog();
  await expect(units.detailTitle()).toHaveText('Xã Gia Hòa Mới');
  await expect(units.detailField('Mã')).toContainText('99999');
  await expect(page.getByText('Đổi tên "Xã Gia Hòa" thành "Xã Gia Hòa Mới"', { exact: false })).toBeVisible();
  expect(unitByName(db, 'Xã Gia Hòa Mới')?.code).toBe('99999');
  expect(unitByName(db, 'Xã Gia Hòa')).toBeUndefined();
});

test('move a residential area to another commune', async ({ page, host, db }) => {
  const hoa = unitByName(db, 'Xã Gia Hòa')!;
  await apiOf(host).result('units.create', { parentId: hoa.id, name: 'Thôn Đông', kind: 'thon', code: null, validFrom: '2025-07-01' });
  await page.reload();
  const units = new UnitsPage(page);
  await units.expand('Xã Gia Hòa');
  await units.select('Thôn Đông');
  await units.action('Chuyển sang đơn vị khác');
  const target = units.dialog().getByRole('combobox', { name: 'Đơn vị cấp trên mới' });
  await target.click();
  await target.fill('gia hung');
  await page.getByRole('option', { name: /Xã Gia Hưng$/ }).click();
  await units.dialog().getByRole('button', { name: 'Chuyển' }).click();
  await units.expectNoDialog();

  await expect(units.detailField('Thuộc')).toContainText('Xã Gia Hưng');
  const hung = unitByName(db, 'Xã Gia Hưng')!;
  expect(unitByName(db, 'Thôn Đông')?.parent_id).toBe(hung.id);
});

test('end a commune from a date with a reason; its residential areas end with it', async ({ page, host, db }) => {
  const hoa = unitByName(db, 'Xã Gia Hòa')!;
  await apiOf(host).result('units.create', { parentId: hoa.id, name: 'Thôn 1', kind: 'thon', code: null, validFrom: '2024-01-01' });
  const kind = BUILT_IN_KINDS.find((k) => k.code === 'to_tu_quan')!;
  await apiOf(host).result('massOrgs.create', {
    kindId: kind.id,
    unitId: hoa.id,
    name: 'Tổ tự quản số 1',
    decisionIssuer: null,
    decisionNumber: null,
    decisionDate: null,
    validFrom: '2024-07-01',
    note: null,
  });
  await page.reload();
  const units = new UnitsPage(page);
  await units.select('Xã Gia Hòa');
  await units.action('Kết thúc hoạt động');
  await expect(units.dialog().getByText('1 đơn vị trực thuộc đang hoạt động cũng sẽ kết thúc cùng ngày.')).toBeVisible();
  // Records attached to the commune do not end with it: the dialog lists them before confirming and,
  // with no unit chosen to take them, says they stay with the commune.
  await expect(units.dialog().getByRole('group', { name: 'Tổ chức quần chúng' })).toContainText('Tổ tự quản số 1');
  await expect(units.dialog().getByText(/nếu không chọn, các hồ sơ này vẫn thuộc đơn vị cũ/)).toBeVisible();
  await units.fillDate('Ngày kết thúc', '30/06/2025');
  await units.dialog().getByRole('textbox', { name: 'Lý do' }).fill('Sáp nhập vào xã Gia Hưng');
  await units.dialog().getByRole('button', { name: 'Kết thúc hoạt động' }).click();
  await units.expectNoDialog();

  // Ended units leave the tree unless asked for.
  await expect(units.node('Xã Gia Hòa')).toHaveCount(0);
  await page.getByRole('switch', { name: 'Hiện cả đơn vị đã kết thúc' }).check({ force: true });
  await units.select('Xã Gia Hòa');
  await expect(page.getByText('Đã kết thúc từ 30/06/2025')).toBeVisible();
  await expect(units.detailField('Lý do kết thúc')).toContainText('Sáp nhập vào xã Gia Hưng');

  expect(unitByName(db, 'Xã Gia Hòa')).toMatchObject({ valid_to: '2025-06-30', end_reason: 'Sáp nhập vào xã Gia Hưng' });
  expect(unitByName(db, 'Thôn 1')).toMatchObject({ valid_to: '2025-06-30' });
});

test('search ignores diacritics and case', async ({ page, host, db }) => {
  const hoa = unitByName(db, 'Xã Gia Hòa')!;
  await apiOf(host).result('units.create', { parentId: hoa.id, name: 'Thôn 3', kind: 'thon', code: null, validFrom: '2025-07-01' });
  await apiOf(host).result('units.create', {
    parentId: hoa.id,
    name: 'Tổ dân phố Đồng Tâm',
    kind: 'to_dan_pho',
    code: null,
    validFrom: '2025-07-01',
  });
  await page.reload();
  const units = new UnitsPage(page);

  let results = await units.search('thon 3');
  await expect(results.getByRole('listitem')).toHaveCount(1);
  await expect(results.getByRole('listitem').first()).toContainText('Thôn 3');
  await expect(results.getByRole('listitem').first()).toContainText('Huyện Gia Viễn › Xã Gia Hòa');

  results = await units.search('DONG TAM');
  await expect(results.getByRole('listitem')).toHaveCount(1);
  await expect(results.getByRole('listitem').first()).toContainText('Tổ dân phố Đồng Tâm');
  await results.getByRole('listitem').first().click();
  await expect(units.detailTitle()).toHaveText('Tổ dân phố Đồng Tâm');
  await expect(units.node('Tổ dân phố Đồng Tâm')).toHaveAttribute('aria-selected', 'true');

  results = await units.search('gia hoa');
  await expect(results.getByRole('listitem').first()).toContainText('Xã Gia Hòa');
  await units.search('khong co don vi nay');
  await expect(page.getByText('Không tìm thấy đơn vị nào phù hợp.')).toBeVisible();
});

test('invalid input is refused with a Vietnamese message and changes nothing', async ({ page, host, db }) => {
  const units = new UnitsPage(page);
  const before = db.get<{ n: number }>('SELECT count(*) AS n FROM units')!.n;

  // Empty name.
  await units.select('Xã Gia Hòa');
  await units.action('Thêm đơn vị trực thuộc');
  await units.save();
  await units.expectDialogError('Tên đơn vị không được để trống.');
  await units.dialog().getByRole('button', { name: 'Hủy' }).click();

  // Duplicate official code under one parent: 14467 is Gia Hòa's own code, 14470 is Gia Hưng's.
  await units.action('Sửa thông tin');
  await units.dialog().getByRole('textbox', { name: 'Mã' }).fill('14470');
  await units.save();
  await units.expectDialogError('Mã "14470" đã được dùng cho "Xã Gia Hưng" trong cùng đơn vị cấp trên.');
  await units.dialog().getByRole('button', { name: 'Hủy' }).click();
  expect(unitByName(db, 'Xã Gia Hòa')?.code).toBe('14467');

  // End date before the start.
  const hoa = unitByName(db, 'Xã Gia Hòa')!;
  await apiOf(host).result('units.create', { parentId: hoa.id, name: 'Thôn Mới', kind: 'thon', code: null, validFrom: '2025-07-01' });
  await page.reload();
  await units.expand('Xã Gia Hòa');
  await units.select('Thôn Mới');
  await units.action('Kết thúc hoạt động');
  await units.fillDate('Ngày kết thúc', '01/01/2025');
  await units.dialog().getByRole('textbox', { name: 'Lý do' }).fill('Thử');
  await units.dialog().getByRole('button', { name: 'Kết thúc hoạt động' }).click();
  await units.expectDialogError('Ngày kết thúc (01/01/2025) không được trước ngày bắt đầu (01/07/2025).');
  await units.dialog().getByRole('button', { name: 'Hủy' }).click();
  expect(unitByName(db, 'Thôn Mới')?.valid_to).toBeNull();

  // Moving a unit under its own descendant: the dialog never offers it, and the backend refuses it.
  const thon = unitByName(db, 'Thôn Mới')!;
  const refused = await apiOf(host).result('units.move', { id: hoa.id, newParentId: thon.id });
  expect(refused).toEqual({
    ok: false,
    error: { code: 'RULE', message: 'Không thể chuyển một đơn vị vào chính nó hoặc vào đơn vị trực thuộc của nó.' },
  });
  expect(unitByName(db, 'Xã Gia Hòa')?.parent_id).toBe(hoa.parent_id);
  expect(db.get<{ n: number }>('SELECT count(*) AS n FROM units')!.n).toBe(before + 1);
});
