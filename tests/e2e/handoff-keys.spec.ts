/**
 * Trust between an office and its province (issue 12 item 1), on two hosts with two data folders:
 * the office sees its fingerprint, writes its key file to a folder, reads the province's key file,
 * is refused with a wrong fingerprint (nothing stored) and trusts it with the right one; the
 * province reads the office's key file and lists it. Screen and database each time.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect, readDb } from './support/fixtures';
import { apiOf, setupGiaVien } from './support/api';
import { newDataDir, startHost, type RunningHost } from './support/host';
import { HandoffKeysPage } from './pages/HandoffKeysPage';

const PROVINCE = {
  level: 'tinh',
  era: 'truoc_2025',
  provinceCode: '37',
  districtCode: null,
  communeCode: null,
  name: 'Công an tỉnh Ninh Bình',
  code: 'T37',
  importChildren: false,
} as const;

let province: RunningHost;
let usb: string;

test.beforeEach(async ({ host }) => {
  await setupGiaVien(host);
  province = await startHost(newDataDir());
  await apiOf(province).call('office.setup', PROVINCE);
  usb = fs.mkdtempSync(path.join(os.tmpdir(), 'antq-e2e-usb-'));
});

test.afterEach(async () => {
  await province.stop();
  fs.rmSync(usb, { recursive: true, force: true });
});

test('an office shows its fingerprint, exports its key file and trusts the province key by fingerprint', async ({ host, page, db }) => {
  const keys = new HandoffKeysPage(page);
  await page.goto(host.url);
  await keys.open();
  const own = await apiOf(host).call('handoffKeys.own', {});
  expect(await keys.ownFingerprint()).toBe(own.fingerprint);
  for (const group of own.fingerprint.split('-')) await expect(keys.section('Mã nhận diện của đơn vị')).toContainText(group);
  await expect(keys.provinceKey()).toContainText('Chưa có khóa của Công an tỉnh');

  // The office's key file, written by the screen.
  await keys.exportKeyFile(usb);
  await expect(keys.exportStatus()).toContainText(path.join(usb, 'ANTQ_KHOA_373.antq'));
  expect(fs.existsSync(path.join(usb, 'ANTQ_KHOA_373.antq'))).toBe(true);
  await keys.exportKeyFile(usb);
  await expect(keys.exportError()).toContainText('Trong thư mục đã có tệp cùng tên');

  // The province's key file, made at the province.
  const provinceFolder = fs.mkdtempSync(path.join(usb, 'tinh-'));
  const provinceFile = (await apiOf(province).call('handoffKeys.exportKeyFile', { folder: provinceFolder })).path;
  const provinceOwn = await apiOf(province).call('handoffKeys.own', {});

  // A file that is not a key file: refused, named.
  const junk = path.join(usb, 'junk.antq');
  fs.writeFileSync(junk, 'not a tar');
  await keys.readKeyFile('Nhập tệp khóa của tỉnh', junk);
  await expect(keys.importError('Nhập tệp khóa của tỉnh')).toContainText('không đúng cấu trúc tệp ANTQ');

  await keys.readKeyFile('Nhập tệp khóa của tỉnh', provinceFile);
  await expect(keys.dialog()).toContainText('Công an tỉnh Ninh Bình (mã T37)');
  expect(await keys.previewFingerprint()).toBe(provinceOwn.fingerprint);
  await page.screenshot({ path: 'test-results/handoff-keys-confirm.png' });

  const wrong = provinceOwn.fingerprint.replace(/\d$/, (d) => String((Number(d) + 1) % 10));
  await keys.confirmWith(wrong);
  await expect(keys.dialogError()).toContainText('Mã nhận diện không khớp');
  expect(db.all('SELECT * FROM handoff_peers')).toEqual([]);

  await keys.confirmWith(provinceOwn.fingerprint.replace(/-/g, ' '));
  await expect(keys.dialog()).toBeHidden();
  await expect(keys.provinceKey()).toContainText('Đã xác nhận');
  await expect(keys.provinceKey()).toContainText('Công an tỉnh Ninh Bình');
  await expect(keys.provinceKey()).toContainText('Xác nhận ngày 22/11/2026');
  await expect(keys.peerRow('Công an tỉnh Ninh Bình')).toContainText('Đã xác nhận');
  expect(db.all('SELECT role, office_code, status, source, fingerprint, sign_public_key FROM handoff_peers')).toEqual([
    {
      role: 'province',
      office_code: 'T37',
      status: 'trusted',
      source: 'key-file',
      fingerprint: provinceOwn.fingerprint,
      sign_public_key: provinceOwn.signPublicKey,
    },
  ]);
  await page.screenshot({ path: 'test-results/handoff-keys-office.png', fullPage: true });
});

test('the province reads an office key file and lists the office as trusted', async ({ host, page }) => {
  const officeFile = (await apiOf(host).call('handoffKeys.exportKeyFile', { folder: usb })).path;
  const officeOwn = await apiOf(host).call('handoffKeys.own', {});
  const keys = new HandoffKeysPage(page);
  await page.goto(province.url);
  await keys.open();
  await expect(keys.section('Mã nhận diện của đơn vị')).toContainText('Công an tỉnh Ninh Bình (mã T37)');
  await expect(keys.provinceKey()).toHaveCount(0);
  await keys.readKeyFile('Nhập tệp khóa của đơn vị', officeFile);
  await expect(keys.dialog()).toContainText('Công an huyện Gia Viễn (mã 373)');
  await keys.confirmWith(officeOwn.fingerprint);
  await expect(keys.peerRow('Công an huyện Gia Viễn')).toContainText(officeOwn.fingerprint);
  await expect(keys.peerRow('Công an huyện Gia Viễn')).toContainText('Đã xác nhận');
  expect(readDb(province.dataDir).all('SELECT role, office_code, status FROM handoff_peers')).toEqual([
    { role: 'office', office_code: '373', status: 'trusted' },
  ]);
  await page.screenshot({ path: 'test-results/handoff-keys-province.png', fullPage: true });
});
