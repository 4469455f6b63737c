/**
 * Backups made before the protected fields were sealed (issue 15 items 2 and 4), end to end: an
 * office file of schema version 18 (before accounts and encryption) opened by this app is backed up
 * before its migration with informants in clear; set-up seals the live file and then offers, once,
 * to erase that backup; "Để sau" leaves it marked on "Sao lưu dữ liệu", where Quản trị erases it
 * after a confirmation saying what is lost. Screen AND files: the raw bytes of the data folder hold
 * the informant before, nothing after. Screenshots 1366x768.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { newDataDir, startHost, type RunningHost } from './support/host';
import { ADMIN } from './support/accounts';
import { SetupPage } from './pages/SetupPage';
import { BackupsPage } from './pages/BackupsPage';
import { foundIn } from '../support/raw-search';

const shot = (page: Page, name: string) => page.screenshot({ path: `screenshots/${name}.png` });
/** A value the v18 upgrade fixture holds in its informant columns, in clear. */
const SECRET = 'Giá trị tip_informants.name số 1 (Hà Nội, Đắk Lắk)';

interface Manifest {
  entries: { id: string; fileName: string; reason: string; clearProtected?: boolean }[];
}
const manifestOf = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, 'sao-luu', 'danh-sach-sao-luu.json'), 'utf8')) as Manifest;

/** A data folder holding the v18 fixture, opened by this app (migrated, with its backup before). */
async function upgradedHost(): Promise<RunningHost> {
  const dir = newDataDir();
  const gz = path.resolve('tests', 'fixtures', 'upgrade', 'v18.db.gz');
  fs.writeFileSync(path.join(dir, 'antq.db'), zlib.gunzipSync(fs.readFileSync(gz)));
  return startHost(dir, { login: false });
}

/** The account step and the recovery key, as on a first run; ends on the offer to erase. */
async function setUp(page: Page, host: RunningHost): Promise<void> {
  const setup = new SetupPage(page);
  await setup.openAccountStep(host.url);
  await setup.fillAccount(ADMIN);
  await setup.createAccount();
  await setup.keepRecoveryKey();
  await expect(page.getByRole('heading', { name: 'Bản sao lưu cũ chưa mã hóa' })).toBeVisible();
}

let host: RunningHost | null = null;
test.afterEach(async () => {
  await host?.stop();
  host = null;
});

test('right after set-up, the backup made before the upgrade is offered for erasing, once', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  host = await upgradedHost();
  const dir = host.dataDir;
  const [before] = manifestOf(dir).entries;
  expect(before).toMatchObject({ reason: 'migration', clearProtected: true });
  expect(foundIn(path.join(dir, 'sao-luu'), [SECRET]).map((f) => f.split(':')[0])).toContain(before!.fileName);

  await setUp(page, host);
  await expect(page.getByText(/1 bản sao lưu tạo trước đó/)).toBeVisible();
  await shot(page, 'backups-clear-after-setup');
  await page.getByRole('button', { name: 'Xóa hẳn bản này' }).click();
  const dialog = page.getByRole('dialog', { name: 'Xóa hẳn bản sao lưu chưa mã hóa' });
  await expect(dialog).toContainText('Sẽ mất đường quay về dữ liệu như trước khi nâng cấp');
  await expect(dialog).toContainText('Các bản đã chép ra USB hoặc thư mục khác không bị xóa');
  await shot(page, 'backups-clear-confirm');
  await dialog.getByRole('button', { name: 'Xóa hẳn' }).click();
  await expect(page.getByText('Đã xóa hẳn 1 bản sao lưu chứa dữ liệu bảo vệ chưa mã hóa.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Bản sao lưu cũ chưa mã hóa' })).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Các phần của phần mềm' })).toBeVisible();

  expect(fs.existsSync(path.join(dir, 'sao-luu', before!.fileName))).toBe(false);
  expect(manifestOf(dir).entries.map((e) => e.id)).not.toContain(before!.id);
  // Once: a reload goes straight to the app.
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Các phần của phần mềm' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Bản sao lưu cũ chưa mã hóa' })).toHaveCount(0);
  await host.stop(); // checkpoints as the app does when it closes
  expect(foundIn(dir, [SECRET])).toEqual([]);
});

test('"Để sau" leaves the backup marked on "Sao lưu dữ liệu", where Quản trị erases it', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  host = await upgradedHost();
  const dir = host.dataDir;
  await setUp(page, host);
  await page.getByRole('button', { name: 'Để sau' }).click();
  await expect(page.getByRole('navigation', { name: 'Các phần của phần mềm' })).toBeVisible();

  const backups = new BackupsPage(page);
  await backups.open();
  await backups.backupNow();
  const marked = backups.migrationRows();
  await expect(marked).toHaveCount(1);
  await expect(backups.clearMark(marked)).toHaveText('chứa dữ liệu bảo vệ chưa mã hóa');
  await expect(backups.clearMark(backups.rowsOf('Sao lưu ngay'))).toHaveCount(0);
  await expect(page.getByTestId('clear-backups')).toContainText('1 bản sao lưu chứa dữ liệu bảo vệ chưa mã hóa');
  await marked.scrollIntoViewIfNeeded();
  await shot(page, 'backups-clear-marked');
  const fileName = manifestOf(dir).entries.find((e) => e.reason === 'migration')!.fileName;
  await host.stop();
  expect(foundIn(dir, [SECRET]).map((f) => f.split(':')[0])).toEqual([fileName]);
  host = await startHost(dir);
  await page.goto(host.url);
  await backups.open();

  // "Hủy" erases nothing.
  await backups.migrationRows().getByRole('button', { name: 'Xóa hẳn' }).click();
  await backups.eraseDialog().getByRole('button', { name: 'Hủy' }).click();
  expect(fs.existsSync(path.join(dir, 'sao-luu', fileName))).toBe(true);

  await backups.migrationRows().getByRole('button', { name: 'Xóa hẳn' }).click();
  await expect(backups.eraseDialog()).toContainText('ghi đè nội dung tệp rồi xóa tệp');
  await backups.eraseDialog().getByRole('button', { name: 'Xóa hẳn' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Đã xóa hẳn 1 bản sao lưu' })).toBeVisible();
  await expect(backups.migrationRows()).toHaveCount(0);
  await expect(page.getByTestId('clear-backups')).toHaveCount(0);
  await expect(backups.rowsOf('Sao lưu ngay')).toHaveCount(1);
  expect(fs.existsSync(path.join(dir, 'sao-luu', fileName))).toBe(false);
  expect(manifestOf(dir).entries.map((e) => e.reason)).toEqual(['manual']);
  await host.stop();
  expect(foundIn(dir, [SECRET])).toEqual([]);
});
