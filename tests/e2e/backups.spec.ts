/**
 * "Sao lưu dữ liệu" end to end (issue 15 item 4): a backup made, a record deleted, the backup
 * restored and the record back on screen and in the database, the restore undone; a copy to a
 * folder; a failed backup shown in the header and on the screen.
 */
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from './support/fixtures';
import { apiOf, setupGiaVien } from './support/api';
import { BackupsPage } from './pages/BackupsPage';
import { OrganizationsPage } from './pages/OrganizationsPage';
import { organizationInput } from '../support/offices';

test('a backup made, a record deleted, the backup restored, the record back, the restore undone', async ({ page, host, db }) => {
  await setupGiaVien(host);
  const api = apiOf(host);
  const hoa = (await api.call('units.list', { includeEnded: true })).find((u) => u.name === 'Xã Gia Hòa')!;
  const org = await api.call('organizations.create', organizationInput(hoa.id, 'Trường THCS Gia Hòa'));

  await page.goto(host.url);
  const backups = new BackupsPage(page);
  await backups.open();
  await expect(backups.lastStatus()).toContainText('Chưa có bản sao lưu nào.');
  await backups.backupNow();
  const made = backups.rowsOf('Sao lưu ngay');
  await expect(made).toHaveCount(1);
  await expect(made).toContainText('22/11/2026 10:00');
  await expect(made).toContainText('Đơn vị: 19');
  await expect(made).toContainText('Cơ quan, DN, trường học: 1');
  await expect(backups.lastStatus()).toContainText('Lần sao lưu gần nhất: 22/11/2026 10:00 (Sao lưu ngay).');

  // The record deleted: gone from the registry's screen, a tombstone in the file.
  await api.call('organizations.delete', { id: org.id });
  const orgs = new OrganizationsPage(page);
  await orgs.open();
  await expect(orgs.row('Trường THCS Gia Hòa')).toHaveCount(0);
  expect(db.get('SELECT deleted_at FROM organizations WHERE id = ?', org.id)?.['deleted_at']).not.toBeNull();

  // Restored: the current file is backed up first, the record is back on screen and in the file.
  await backups.open();
  await backups.restore(backups.rowsOf('Sao lưu ngay'));
  await expect(backups.lastRestore()).toContainText('đã khôi phục bản sao lưu lúc 22/11/2026 10:00');
  const before = backups.rowsOf('Trước khi khôi phục');
  await expect(before).toHaveCount(1);
  await expect(before).not.toContainText('Cơ quan, DN, trường học');
  expect(db.get('SELECT deleted_at FROM organizations WHERE id = ?', org.id)?.['deleted_at']).toBeNull();
  await orgs.open();
  await expect(orgs.row('Trường THCS Gia Hòa')).toHaveCount(1);

  // Undone: the file as it was before the restore, the record deleted again.
  await backups.open();
  await backups.undoRestore();
  await expect(backups.lastRestore()).toHaveCount(0);
  expect(db.get('SELECT deleted_at FROM organizations WHERE id = ?', org.id)?.['deleted_at']).not.toBeNull();
  await orgs.open();
  await expect(orgs.row('Trường THCS Gia Hòa')).toHaveCount(0);
  // Two backups before a restore now (the restore's and the undo's), and the one made by hand.
  await backups.open();
  await expect(backups.rowsOf('Trước khi khôi phục')).toHaveCount(2);
  await expect(backups.rowsOf('Sao lưu ngay')).toHaveCount(1);
});

test('a copy to a typed folder, and a failed backup shown in the header and on the screen', async ({ page, host }) => {
  await setupGiaVien(host);
  await page.goto(host.url);
  const backups = new BackupsPage(page);
  await backups.open();
  await backups.backupNow();
  const usb = path.join(host.dataDir, 'usb');
  fs.mkdirSync(usb);
  await backups.copyTo(backups.rowsOf('Sao lưu ngay'), usb);
  await expect(page.getByRole('status').filter({ hasText: 'Đã chép và kiểm tra bản sao lưu' })).toBeVisible();
  const copied = fs.readdirSync(usb);
  expect(copied).toHaveLength(1);
  expect(fs.readFileSync(path.join(usb, copied[0]!)).equals(fs.readFileSync(path.join(host.dataDir, 'sao-luu', copied[0]!)))).toBe(true);

  // The backups folder replaced by a file: the next backup fails, and says so everywhere.
  fs.rmSync(path.join(host.dataDir, 'sao-luu'), { recursive: true });
  fs.writeFileSync(path.join(host.dataDir, 'sao-luu'), 'không phải thư mục');
  await page.getByRole('button', { name: 'Sao lưu ngay' }).click();
  await expect(page.getByTestId('backup-failure')).toContainText('Không sao lưu được dữ liệu vào thư mục');
  await expect(page.getByTestId('backup-badge')).toHaveText('Sao lưu lỗi');
  await page.getByRole('navigation').getByRole('link', { name: 'Tổng quan' }).click();
  await expect(page.getByTestId('backup-badge')).toBeVisible();
});
