/**
 * Province packages end to end (issue 12 item 9) with two hosts on two data folders: the province
 * (Công an tỉnh Ninh Bình, level tỉnh) enrols an office's key, sets its policy of personal fields
 * on screen and makes a package with a key rotation; the office (Công an phường Phủ Lý) previews
 * it, confirms the province's fingerprint and applies it. Screen and both databases are checked.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect, readDb } from './support/fixtures';
import { apiOf } from './support/api';
import { newDataDir, startHost, type RunningHost } from './support/host';
import { HandoffPackagePage } from './pages/HandoffPackagePage';
import { OFFICE_SETUP, PROVINCE_SETUP } from '../support/handoff-package';

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
