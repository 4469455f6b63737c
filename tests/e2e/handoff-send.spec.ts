/**
 * Sending to the province in Chromium (issue 12 items 2-3): the preview of what goes and what
 * never goes, writing the file to a folder (screen, database, the file on disk read as the
 * province reads it), the "Đã gửi" list with its hash, and the province's receipt imported.
 * The province is a second host on its own data folder, set up as the province: it exports its key
 * file (h12-core's handoffKeys), the office trusts it with the fingerprint read aloud, and the
 * province's receipt is signed with the key in the province's data folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from './support/fixtures';
import { apiOf, setupGiaVien } from './support/api';
import { newDataDir, startHost } from './support/host';
import { HandoffSendPage } from './pages/HandoffSendPage';
import { makeReceipt, readSnapshotAsProvince } from '../support/handoff-send';
import { NINH_BINH_SETUP } from '../support/offices';
import { fileIdentity } from '../../electron/backend/handoff/identity';

const INFORMANT = {
  name: 'Đinh Thị Kín Danh',
  phone: '0912000111',
  address: 'Xóm Giữ Kín',
  idNumber: '037182999888',
  note: 'Xin giữ bí mật',
};

test('an office previews, writes its snapshot to a folder, lists it and imports the province’s receipt', async ({ page, host, db }) => {
  test.setTimeout(90_000);
  const usb = fs.mkdtempSync(path.join(os.tmpdir(), 'antq-e2e-usb-'));
  const api = apiOf(host);
  await setupGiaVien(host);
  const hoa = (await api.call('units.list', { includeEnded: true })).find((u) => u.name === 'Xã Gia Hòa')!;
  const tip = await api.call('activities.save', {
    kind: 'tips',
    id: null,
    record: {
      receivedOn: '2026-04-02',
      unitId: hoa.id,
      channel: 'dien_thoai',
      category: 'trat_tu',
      legalType: null,
      valuable: true,
      summary: 'Phản ánh nhóm thanh niên tụ tập gây mất trật tự',
      status: 'dang_xu_ly',
      outcome: null,
      resolvedOn: null,
      extensions: 0,
      criminalCases: 0,
      administrativeCases: 1,
      personsHandled: 3,
      wantedArrested: 0,
      wantedSurrendered: 0,
      weapons: 0,
      ammunition: 0,
      explosivesKg: 0,
      supportTools: 0,
      assetsValue: 0,
      note: null,
    },
  });
  await api.call('tips.setInformant', { tipId: tip.row.id, informant: INFORMANT });

  const p = new HandoffSendPage(page);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(host.url);
  await p.open();
  // Without the province's key the preview says why nothing can be written, and writing is refused.
  await expect(p.blockers()).toContainText('Chưa có khóa của Công an tỉnh được xác nhận');
  await p.write(usb);
  await expect(p.writeError()).toContainText('Chưa có khóa của Công an tỉnh được xác nhận');
  expect(fs.readdirSync(usb)).toEqual([]);
  expect(db.all('SELECT * FROM handoff_sent')).toEqual([]);

  const provinceHost = await startHost(newDataDir());
  const provinceApi = apiOf(provinceHost);
  await provinceApi.call('office.setup', NINH_BINH_SETUP);
  const keyFile = await provinceApi.call('handoffKeys.exportKeyFile', { folder: usb });
  const province = (await fileIdentity(provinceHost.dataDir).read())!;
  await provinceHost.stop();
  await api.call('handoffKeys.trustKeyFile', { path: keyFile.path, fingerprint: province.fingerprint, replaceExisting: false });
  fs.rmSync(keyFile.path);
  await page.reload();
  await p.open();
  await expect(p.blockers()).toHaveCount(0);
  await expect(page.getByText(`Gửi cho: Công an tỉnh Ninh Bình (mã nhận diện ${province.fingerprint}).`)).toBeVisible();
  await expect(p.kindRow('Tin báo, tố giác')).toContainText('1');
  await expect(p.units()).toContainText('Xã Gia Hòa');
  await expect(p.never()).toContainText('Danh tính người cung cấp tin báo, tố giác');
  await expect(p.never()).toContainText('Thành viên tổ chức quần chúng: không gửi họ tên');
  await expect(page.getByText('Tệp sẽ có tên ANTQ_373_2026_1.antq', { exact: false })).toBeVisible();
  await page.screenshot({ path: 'test-results/handoff-send-preview.png', fullPage: false });

  await p.write(usb);
  await expect(p.result()).toContainText('Tệp ANTQ_373_2026_1.antq đã được ghi vào');
  const file = path.join(usb, 'ANTQ_373_2026_1.antq');
  expect(fs.readdirSync(usb)).toEqual(['ANTQ_373_2026_1.antq']);
  const stored = db.get<{ sha256: string; bytes: number; sequence: number; receipt_at: string | null }>('SELECT * FROM handoff_sent');
  expect(stored).toMatchObject({ sequence: 1, bytes: fs.statSync(file).size, receipt_at: null });
  // The file as the province reads it: signed by this office, encrypted to the province, no informant.
  const office = (await fileIdentity(host.dataDir).read())!;
  const { json } = await readSnapshotAsProvince(new Uint8Array(fs.readFileSync(file)), office.signPublicKey, province);
  expect(json).toContain('Phản ánh nhóm thanh niên tụ tập gây mất trật tự');
  for (const v of Object.values(INFORMANT)) expect(json).not.toContain(v);

  const row = p.sentRow('ANTQ_373_2026_1.antq');
  await expect(row).toContainText('Chưa có biên nhận');
  await expect(row).toContainText(stored!.sha256.slice(0, 4));
  await expect(row).not.toContainText(stored!.sha256);
  await p.showFullHash(row);
  await expect(row).toContainText(stored!.sha256);

  // A receipt for a file never sent is refused and changes nothing.
  const target = { officeCode: '373', year: 2026, sequence: 1, sha256: stored!.sha256, fileName: 'ANTQ_373_2026_1.antq' };
  const wrong = makeReceipt(province, { ...target, sequence: 5 });
  fs.writeFileSync(path.join(usb, wrong.name), wrong.bytes);
  await p.importReceipt(path.join(usb, wrong.name));
  await expect(p.receiptOutcome()).toContainText('Đơn vị chưa gửi tệp số 5');
  expect(db.get<{ receipt_at: string | null }>('SELECT receipt_at FROM handoff_sent')!.receipt_at).toBeNull();

  const receipt = makeReceipt(province, target);
  fs.writeFileSync(path.join(usb, receipt.name), receipt.bytes);
  await p.importReceipt(path.join(usb, receipt.name));
  await expect(p.receiptOutcome()).toContainText('Đã nhập biên nhận: tỉnh đã nhận gói số 1 ngày 03/12/2026.');
  await expect(row).toContainText('Tỉnh đã nhận gói số 1 ngày 03/12/2026');
  expect(db.get('SELECT receipt_at, receipt_status FROM handoff_sent')).toEqual({
    receipt_at: '2026-12-03T02:00:00.000Z',
    receipt_status: 'applied',
  });

  await page.screenshot({ path: 'test-results/handoff-send.png', fullPage: false });
  fs.rmSync(usb, { recursive: true, force: true });
  fs.rmSync(provinceHost.dataDir, { recursive: true, force: true });
});
