/**
 * Trust between an office and its province (issue 12 item 1), on two hosts with two data folders:
 * the office sees its fingerprint, writes its key file to a folder, reads the province's key file,
 * is refused with a wrong fingerprint (nothing stored) and trusts it with the right one; the
 * province reads the office's key file and lists it. Screen and database each time.
 */
import fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import os from 'node:os';
import path from 'node:path';
import { test, expect, readDb } from './support/fixtures';
import { apiOf, setupGiaVien } from './support/api';
import { newDataDir, startHost, type RunningHost } from './support/host';
import { HandoffKeysPage } from './pages/HandoffKeysPage';
import { NINH_BINH_SETUP } from '../support/offices';

let province: RunningHost;
let usb: string;

test.beforeEach(async ({ host }) => {
  await setupGiaVien(host);
  province = await startHost(newDataDir());
  await apiOf(province).call('office.setup', NINH_BINH_SETUP);
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

test('the province confirms a pending office key (enrolled from a snapshot) by its fingerprint', async ({ host, page }) => {
  const officeOwn = await apiOf(host).call('handoffKeys.own', {});
  // A pending key as the inbox enrols it from an office's first snapshot (the host holds the
  // database exclusively while running: stop, write, start again on the same folder).
  await province.stop();
  const raw = new BetterSqlite3(path.join(province.dataDir, 'antq.db'));
  raw
    .prepare(
      `INSERT INTO handoff_peers (id, role, office_code, name, level, sign_public_key, age_recipient, fingerprint, status, source, created_at, updated_at)
       VALUES ('6f1c2a9e-1d2b-4c3d-8e4f-5a6b7c8d9e0f', 'office', '373', 'Công an huyện Gia Viễn', 'huyen', ?, ?, ?, 'pending', 'snapshot', '2026-11-22T03:00:00.000Z', '2026-11-22T03:00:00.000Z')`,
    )
    .run(officeOwn.signPublicKey, officeOwn.ageRecipient, officeOwn.fingerprint);
  raw.close();
  province = await startHost(province.dataDir);
  const keys = new HandoffKeysPage(page);
  await page.goto(province.url);
  await keys.open();
  const row = keys.peerRow('Công an huyện Gia Viễn');
  await expect(row).toContainText('Chờ xác nhận');
  await expect(row).toContainText('Tệp dữ liệu');
  await row.getByRole('button', { name: 'Xác nhận' }).click();
  const dialog = page.getByRole('dialog', { name: 'Xác nhận khóa của Công an huyện Gia Viễn' });
  await dialog.getByLabel('Mã nhận diện do bên gửi cung cấp').fill('1111-2222-3333-4444-5555-6666');
  await dialog.getByRole('button', { name: 'Xác nhận và tin cậy khóa' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Mã nhận diện không khớp');
  expect(readDb(province.dataDir).all('SELECT status FROM handoff_peers')).toEqual([{ status: 'pending' }]);
  await dialog.getByLabel('Mã nhận diện do bên gửi cung cấp').fill(officeOwn.fingerprint.replace(/-/g, ''));
  await dialog.getByRole('button', { name: 'Xác nhận và tin cậy khóa' }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText('Đã xác nhận');
  expect(readDb(province.dataDir).all('SELECT status, confirmed_at FROM handoff_peers')).toEqual([
    { status: 'trusted', confirmed_at: '2026-11-22T03:00:00.000Z' },
  ]);
});
