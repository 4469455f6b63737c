/**
 * Province packages end to end (issue 12 item 9) with two hosts on two data folders: the province
 * (Công an tỉnh Ninh Bình, level tỉnh) enrols an office's key, sets its policy of personal fields
 * on screen and makes a package with a key rotation; the office (Công an phường Phủ Lý) previews
 * it, confirms the province's fingerprint and applies it. Then a district office (Công an huyện
 * Gia Viễn) takes the province's unit list: renamed, ended and new communes and one conflict it
 * decides, seen in the preview, the database and its unit tree. Screen and databases are checked.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect, readDb } from './support/fixtures';
import { apiOf } from './support/api';
import { newDataDir, startHost, type RunningHost } from './support/host';
import { HandoffPackagePage } from './pages/HandoffPackagePage';
import { UnitsPage } from './pages/UnitsPage';
import { OFFICE_SETUP, PROVINCE_SETUP } from '../support/handoff-package';
import { GIA_VIEN_SETUP, NINH_BINH_SETUP } from '../support/offices';

const PROVINCE = PROVINCE_SETUP;
const OFFICE = OFFICE_SETUP;

let office: RunningHost | null = null;
test.afterEach(async () => {
  await office?.stop();
  office = null;
});

test('the province makes a package with a policy and a key rotation; the office previews, confirms and applies it', async ({
  page,
  host,
  db,
}) => {
  test.setTimeout(120_000);
  const usb = fs.mkdtempSync(path.join(os.tmpdir(), 'antq-e2e-usb-'));
  office = await startHost(newDataDir());
  const prov = apiOf(host);
  const off = apiOf(office);
  await prov.call('office.setup', PROVINCE);
  await off.call('office.setup', OFFICE);
  // The office's key reaches the province by key file (h12-core's flow), confirmed by fingerprint.
  const officeKey = await off.call('handoffKeys.own', {});
  const keyFile = await off.call('handoffKeys.exportKeyFile', { folder: usb });
  await prov.call('handoffKeys.trustKeyFile', { path: keyFile.path, fingerprint: officeKey.fingerprint, replaceExisting: false });
  const oldFingerprint = (await prov.call('handoffKeys.own', {})).fingerprint;

  // --- at the province
  await page.goto(host.url);
  const pkg = new HandoffPackagePage(page);
  await pkg.open();
  await pkg.policyField('Thành viên tổ chức quần chúng', 'Họ và tên').check();
  await pkg.policyField('Thành viên tổ chức quần chúng', 'Số điện thoại').check();
  await pkg.savePolicy();
  await pkg.makePackage(usb, true);
  await expect(pkg.madeMessage()).toContainText('ANTQ_TINH_CATNB_1.antq');
  const newFingerprint = (await prov.call('handoffKeys.own', {})).fingerprint;
  expect(newFingerprint).not.toBe(oldFingerprint);
  await expect(pkg.madeMessage()).toContainText(newFingerprint);
  await expect(pkg.list('Các gói đã tạo')).toContainText('thay khóa');
  await expect(page.getByText('Đã đưa vào gói số 1.')).toBeVisible();
  expect(db.all('SELECT direction, sequence, file_name FROM handoff_packages')).toEqual([
    { direction: 'made', sequence: 1, file_name: 'ANTQ_TINH_CATNB_1.antq' },
  ]);
  expect(db.get('SELECT personal_allowed_json AS json, package_id IS NOT NULL AS linked FROM handoff_policy')).toEqual({
    json: '{"mass_org_members":["full_name","full_name_folded","full_name_sort","phone"]}',
    linked: 1,
  });
  await page.screenshot({ path: path.join(usb, 'province.png') });

  // --- at the office
  const file = path.join(usb, 'ANTQ_TINH_CATNB_1.antq');
  await page.goto(office.url);
  await pkg.open();
  await pkg.inspect(file);
  await expect(pkg.preview()).toHaveText('Gói số 1 của Công an tỉnh Ninh Bình');
  await expect(pkg.note(oldFingerprint).first()).toBeVisible();
  await expect(pkg.note(`khóa mới ${newFingerprint}`)).toBeVisible();
  await expect(pkg.policyChanges()).toContainText('Thêm: Họ và tên, Số điện thoại');
  await expect(page.getByText('Tỉnh đã ghi nhận đúng mã nhận diện của đơn vị này.')).toBeVisible();
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.screenshot({ path: path.join(usb, 'office-preview.png'), fullPage: true });

  // A wrong fingerprint is refused and changes nothing.
  const officeDb = readDb(office.dataDir);
  await pkg.confirmFingerprint(newFingerprint);
  await pkg.apply();
  await expect(pkg.alert()).toContainText('Mã nhận diện không khớp');
  expect(officeDb.get<{ n: number }>('SELECT count(*) AS n FROM handoff_peers')!.n).toBe(0);
  expect(officeDb.get<{ n: number }>('SELECT count(*) AS n FROM handoff_policy')!.n).toBe(0);

  await pkg.confirmFingerprint(oldFingerprint);
  await pkg.apply();
  await expect(pkg.applied()).toContainText('Đã áp dụng gói số 1 của Công an tỉnh Ninh Bình');
  await expect(pkg.list('Các gói đã áp dụng')).toContainText('ANTQ_TINH_CATNB_1.antq');
  await expect(pkg.policyField('Thành viên tổ chức quần chúng', 'Số điện thoại')).toBeChecked();
  await expect(pkg.policyField('Khen thưởng', 'Tên cá nhân được khen thưởng')).not.toBeChecked();
  expect(officeDb.all("SELECT fingerprint, status, source FROM handoff_peers WHERE role = 'province' ORDER BY status")).toEqual([
    { fingerprint: oldFingerprint, status: 'retired', source: 'package' },
    { fingerprint: newFingerprint, status: 'trusted', source: 'rotation' },
  ]);
  expect(officeDb.get('SELECT personal_allowed_json AS json FROM handoff_policy')).toEqual({
    json: '{"mass_org_members":["full_name","full_name_folded","full_name_sort","phone"]}',
  });
  expect(officeDb.all('SELECT direction, province_code, sequence FROM handoff_packages')).toEqual([
    { direction: 'applied', province_code: 'CATNB', sequence: 1 },
  ]);

  // The same file again: refused as already applied, nothing changes.
  await pkg.inspect(file);
  await expect(pkg.alert()).toContainText('Khóa của bên gửi đã được thay thế');
  expect(officeDb.get<{ n: number }>('SELECT count(*) AS n FROM handoff_packages')!.n).toBe(1);
});

test("a district office previews the province's unit changes, chooses for a conflict, applies, and its tree shows them", async ({
  page,
  host,
}) => {
  test.setTimeout(120_000);
  const usb = fs.mkdtempSync(path.join(os.tmpdir(), 'antq-e2e-usb-'));
  office = await startHost(newDataDir());
  const prov = apiOf(host);
  const off = apiOf(office);
  await prov.call('office.setup', { ...NINH_BINH_SETUP, importChildren: true });
  await off.call('office.setup', GIA_VIEN_SETUP);
  const provinceUnits = await prov.call('units.list', { includeEnded: false });
  const officeUnits = await off.call('units.list', { includeEnded: false });
  const at = (units: typeof provinceUnits, code: string) => units.find((u) => u.code === code)!;
  const rename = (api: typeof prov, u: (typeof provinceUnits)[number], name: string) =>
    api.call('units.update', { id: u.id, name, kind: u.kind, code: u.code, validFrom: u.validFrom });
  // The office renamed Gia Hưng itself; the province renames it too, renames Gia Hòa, ends Gia Phú, adds a commune.
  await rename(off, at(officeUnits, '14470'), 'Xã Gia Hưng (huyện đặt)');
  await rename(prov, at(provinceUnits, '14467'), 'Xã Gia Hòa Mới');
  await rename(prov, at(provinceUnits, '14470'), 'Xã Gia Hưng Mới');
  await prov.call('units.end', {
    id: at(provinceUnits, '14482').id,
    validTo: '2025-06-30',
    reason: 'Sáp nhập',
    successorId: null,
    transfer: [],
  });
  await prov.call('units.create', {
    parentId: at(provinceUnits, '373').id,
    name: 'Xã Gia Mới',
    kind: 'xa',
    code: '99001',
    validFrom: '2025-07-01',
  });
  const made = await prov.call('handoffPackage.make', { folder: usb, rotateKey: false });
  const fingerprint = (await prov.call('handoffKeys.own', {})).fingerprint;

  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(office.url);
  const pkg = new HandoffPackagePage(page);
  await pkg.open();
  await pkg.inspect(made.path);
  await expect(pkg.preview()).toHaveText('Gói số 1 của Công an tỉnh Ninh Bình');
  await expect(pkg.unitRow('14467')).toContainText('Xã Gia Hòa → Xã Gia Hòa Mới');
  await expect(pkg.unitRow('14470')).toContainText('Xã Gia Hưng (huyện đặt) → Xã Gia Hưng Mới');
  await expect(pkg.unitRow('14470')).toContainText('Đơn vị đã tự đổi thành "Xã Gia Hưng (huyện đặt)" sau gói trước.');
  await expect(pkg.unitRow('14482')).toContainText('Đang hoạt động → kết thúc từ 30/06/2025');
  await expect(pkg.unitRow('99001')).toContainText('— → Xã Gia Mới');
  await expect(pkg.note('Còn 1 thay đổi cần chọn')).toBeVisible();
  await pkg.unitRow('14470').scrollIntoViewIfNeeded();
  fs.mkdirSync('screenshots', { recursive: true });
  await page.screenshot({ path: path.join('screenshots', 'handoff-package-units-preview.png') });

  // Without a choice for the conflict: refused, nothing changes.
  const officeDb = readDb(office.dataDir);
  await pkg.confirmFingerprint(fingerprint);
  await pkg.apply();
  await expect(pkg.alert()).toContainText('Hãy chọn "Theo tỉnh" hoặc "Giữ của đơn vị" cho "Xã Gia Hưng (huyện đặt)" (mã 14470)');
  expect(officeDb.get("SELECT name FROM units WHERE code = '14467'")).toEqual({ name: 'Xã Gia Hòa' });
  expect(officeDb.get<{ n: number }>('SELECT count(*) AS n FROM handoff_packages')!.n).toBe(0);

  await pkg.chooseUnit('Xã Gia Hưng (huyện đặt)', '14470', 'Theo tỉnh');
  await expect(pkg.note('Còn 1 thay đổi cần chọn')).toHaveCount(0);
  await pkg.apply();
  await expect(pkg.applied()).toContainText('đơn vị hành chính: đổi tên 2, kết thúc 1, thêm 1');
  const reason = /^Theo gói dữ liệu Công an tỉnh số 1 ngày \d{2}\/\d{2}\/\d{4}$/;
  expect(officeDb.all("SELECT code, name, valid_to FROM units WHERE code IN ('14467', '14470', '14482', '99001') ORDER BY code")).toEqual([
    { code: '14467', name: 'Xã Gia Hòa Mới', valid_to: null },
    { code: '14470', name: 'Xã Gia Hưng Mới', valid_to: null },
    { code: '14482', name: 'Xã Gia Phú', valid_to: '2025-06-30' },
    { code: '99001', name: 'Xã Gia Mới', valid_to: null },
  ]);
  expect(officeDb.get<{ end_reason: string }>("SELECT end_reason FROM units WHERE code = '14482'")!.end_reason).toMatch(reason);

  // The unit tree on screen.
  await page.getByRole('link', { name: 'Đơn vị hành chính' }).click();
  const units = new UnitsPage(page);
  await expect(units.node('Xã Gia Hòa Mới')).toBeVisible();
  await expect(units.node('Xã Gia Hưng Mới')).toBeVisible();
  await expect(units.node('Xã Gia Mới')).toBeVisible();
  await expect(units.node('Xã Gia Phú')).toHaveCount(0);
  await page.getByRole('switch', { name: 'Hiện cả đơn vị đã kết thúc' }).check({ force: true });
  await units.select('Xã Gia Phú');
  await expect(page.getByText('Đã kết thúc từ 30/06/2025')).toBeVisible();
  await expect(units.detailField('Lý do kết thúc')).toContainText('Theo gói dữ liệu Công an tỉnh số 1 ngày');
});
