/**
 * Issue 12 "Done when", end to end on two hosts with two data folders: Công an phường Sa Pa (xã)
 * enters records and writes its file to a folder (a USB stick); Công an tỉnh Lào Cai (tỉnh) checks
 * the folder, confirms the new office by its fingerprint, sees the dry run, applies, sees the
 * figures in its overview and period screen, writes a receipt that the office imports; the same
 * file twice changes nothing; an edit at the office and a second file update the province; a
 * roll-back restores the first. Screens and both databases are checked.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect, readDb } from './support/fixtures';
import { newDataDir, startHost, type RunningHost } from './support/host';
import { apiOf, type Api } from './support/api';
import { HandoffInboxPage } from './pages/HandoffInboxPage';
import { PeriodPage } from './pages/PeriodPage';
import { ConsolidationPage } from './pages/ConsolidationPage';
import { HandoffSendPage } from './pages/HandoffSendPage';
import { LAO_CAI_SETUP, SA_PA_SETUP } from '../support/handoff-offices';
import { organizationInput } from '../support/offices';
import { DERIVED_TABLES } from '../support/sqlite';

const PROPAGANDA = {
  date: '2026-03-10',
  organizationId: null,
  purpose: 'tuyen_truyen',
  form: 'truc_tiep',
  topic: 'Phòng chống ma túy trong thanh thiếu niên',
  venue: 'Nhà văn hóa tổ dân phố 1',
  attendance: 120,
  leaflets: 200,
  loudspeakerMinutes: 0,
  posts: 1,
  newsletters: 0,
  commitments: 45,
  note: null,
} as const;

let office: RunningHost;
let province: RunningHost;
let usb: string;

test.beforeEach(async () => {
  office = await startHost(newDataDir());
  province = await startHost(newDataDir());
  usb = fs.mkdtempSync(path.join(os.tmpdir(), 'antq-usb-'));
});
test.afterEach(async () => {
  await office.stop();
  await province.stop();
});

async function saveSession(api: Api, unitId: string, attendance: number): Promise<string> {
  const out = await api.call('activities.save', { kind: 'propaganda', id: null, record: { ...PROPAGANDA, unitId, attendance } });
  return (out.row as { id: string }).id;
}

/**
 * The province's data tables, as a checksum-like dump (the logs left out: files received, and the
 * audit log that records the check; and the tables derived from the others, whose counters the
 * logs' own commits move: tests/support/sqlite.ts DERIVED_TABLES).
 */
function provinceData(): string {
  const db = readDb(province.dataDir);
  const tables = db.all<{ name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
  return JSON.stringify(
    tables
      .filter((t) => t.name !== 'handoff_received' && t.name !== 'audit_log' && !DERIVED_TABLES.includes(t.name))
      .map((t) => [t.name, db.all(`SELECT * FROM "${t.name}" ORDER BY rowid`)]),
  );
}

test('an office sends its file, the province checks, applies, consolidates, receipts and rolls back', async ({ page }) => {
  test.setTimeout(180_000);
  const officeApi = apiOf(office);
  const provinceApi = apiOf(province);
  const setup = await officeApi.call('office.setup', SA_PA_SETUP);
  await provinceApi.call('office.setup', LAO_CAI_SETUP);
  const root = setup.office.rootUnitId;

  // The province's key reaches the office (its key file, fingerprint read aloud and confirmed).
  const provinceKeyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'antq-key-'));
  const provinceKey = await provinceApi.call('handoffKeys.exportKeyFile', { folder: provinceKeyDir });
  const provinceOwn = await provinceApi.call('handoffKeys.own', {});
  await officeApi.call('handoffKeys.trustKeyFile', {
    path: provinceKey.path,
    fingerprint: provinceOwn.fingerprint,
    replaceExisting: false,
  });

  // The office enters records and puts its key file and its data file on the stick.
  const khu = await officeApi.call('units.create', {
    parentId: root,
    name: 'Tổ dân phố 1',
    kind: 'to_dan_pho',
    code: null,
    validFrom: '2025-07-01',
  });
  await officeApi.call('organizations.create', organizationInput(khu.id, 'Trường THCS Sa Pa'));
  await saveSession(officeApi, root, 120);
  await officeApi.call('handoffKeys.exportKeyFile', { folder: usb });
  const officeOwn = await officeApi.call('handoffKeys.own', {});
  const officePage = await page.context().newPage();
  const send = new HandoffSendPage(officePage);
  await officePage.goto(office.url);
  await send.open();
  await send.write(usb);
  await expect(send.result()).toContainText('Tệp ANTQ_03006_2026_1.antq đã được ghi vào');
  const first = { fileName: 'ANTQ_03006_2026_1.antq' };
  expect(readDb(office.dataDir).get('SELECT sequence, receipt_at FROM handoff_sent')).toEqual({ sequence: 1, receipt_at: null });

  // The province checks the folder: the office is new, its file waits for the confirmation.
  const inbox = new HandoffInboxPage(page);
  await page.goto(province.url);
  await inbox.open();
  await inbox.check(usb);
  await expect(inbox.newOffice(`ANTQ_KHOA_03006.antq`)).toHaveText(
    `Đơn vị mới: Công an phường Sa Pa, mã nhận diện ${officeOwn.fingerprint}`,
  );
  await expect(inbox.status(first.fileName)).toHaveText('Chờ xác nhận đơn vị mới');
  await expect(inbox.reason(first.fileName)).toContainText('chờ xác nhận mã nhận diện trong tệp khóa ANTQ_KHOA_03006.antq');
  expect(readDb(province.dataDir).all('SELECT * FROM handoff_received')).toEqual([]);
  await inbox.confirmOffice('ANTQ_KHOA_03006.antq');

  // Checked again after the confirmation: every check passes, the dry run says what would change.
  await expect(inbox.status(first.fileName)).toHaveText('Đạt, sẵn sàng áp dụng');
  await expect(
    inbox
      .dryRunRow(first.fileName, /Tuyên truyền/)
      .getByRole('cell')
      .nth(1),
  ).toHaveText('1');
  await expect(
    inbox
      .figureRow(first.fileName, /^Chỉ tiêu chính toàn tỉnh/, 'Lượt người tham gia')
      .getByRole('cell')
      .nth(2),
  ).toHaveText('120');
  expect(readDb(province.dataDir).get('SELECT COUNT(*) AS n FROM propaganda_sessions')).toEqual({ n: 0 });
  await page.screenshot({ path: 'test-results/handoff-province-dry-run.png', fullPage: true });
  await inbox.apply(first.fileName);

  const pdb = readDb(province.dataDir);
  const sapa = pdb.get<{ id: string }>("SELECT id FROM units WHERE code = '03006'")!.id;
  expect(pdb.all('SELECT unit_id, attendance FROM propaganda_sessions')).toEqual([{ unit_id: sapa, attendance: 120 }]);
  expect(pdb.get('SELECT name, unit_id FROM organizations')).toEqual({ name: 'Trường THCS Sa Pa', unit_id: khu.id });
  expect(pdb.get('SELECT parent_id FROM units WHERE id = ?', khu.id)).toEqual({ parent_id: sapa });
  expect(pdb.all('SELECT sequence, status FROM handoff_received')).toEqual([{ sequence: 1, status: 'applied' }]);
  expect(fs.readdirSync(path.join(province.dataDir, 'sao-luu')).some((f) => f.startsWith('truoc-nhan-goi-03006-1-'))).toBe(true);

  // The figures of the whole province include the office's.
  await page.getByRole('navigation').getByRole('link', { name: 'Tổng quan' }).click();
  await expect(page.getByRole('region', { name: 'Cơ quan, doanh nghiệp, cơ sở giáo dục' }).getByLabel('Tổng số')).toHaveText('1');
  const period = new PeriodPage(page);
  await period.open();
  expect(await period.value('Tuyên truyền, vận động', 'Lượt người tham gia')).toBe('120');
  // ... with the office's own row in the breakdown by sending office, from the file just applied.
  const consol = new ConsolidationPage(page);
  await expect(consol.office('Công an phường Sa Pa')).toContainText('Gói số 1');
  await expect(await consol.cell('Công an phường Sa Pa', 'Lượt người')).toHaveText('120');
  await page.screenshot({ path: 'test-results/handoff-province-breakdown.png' });

  // A receipt for the office; the office imports it.
  const receipts = fs.mkdtempSync(path.join(os.tmpdir(), 'antq-receipt-'));
  await inbox.open();
  await inbox.writeReceipt(1, receipts);
  const receiptFile = path.join(receipts, 'ANTQ_BIENNHAN_03006_2026_1.antq');
  expect(fs.existsSync(receiptFile)).toBe(true);
  await send.importReceipt(receiptFile);
  await expect(send.receiptOutcome()).toContainText('Đã nhập biên nhận: tỉnh đã nhận gói số 1 ngày 22/11/2026.');
  await expect(send.sentRow(first.fileName)).toContainText('Tỉnh đã nhận gói số 1 ngày 22/11/2026');
  const sent = readDb(office.dataDir).get<{ receipt_at: string | null; receipt_status: string }>(
    'SELECT receipt_at, receipt_status FROM handoff_sent',
  );
  expect(sent?.receipt_status).toBe('applied');
  expect(sent?.receipt_at).not.toBeNull();

  // The same file again changes nothing.
  const before = provinceData();
  await inbox.check(path.join(usb, first.fileName));
  await expect(inbox.status(first.fileName)).toHaveText('Đã nhận trước đó');
  await expect(inbox.reason(first.fileName)).toHaveText('Tệp này đã được nhận trước đó; không có gì thay đổi.');
  expect(provinceData()).toBe(before);
  // Only the log records it, once, as a replay (not a refusal).
  expect(readDb(province.dataDir).all("SELECT sequence, status, reason_code FROM handoff_received WHERE status <> 'applied'")).toEqual([
    { sequence: 1, status: 'replay', reason_code: 'REPLAY' },
  ]);

  // An edit at the office and a second file update the province.
  await saveSession(officeApi, root, 300);
  await officePage.reload();
  await send.open();
  await send.write(usb);
  await expect(send.result()).toContainText('Tệp ANTQ_03006_2026_2.antq đã được ghi vào');
  const second = { fileName: 'ANTQ_03006_2026_2.antq' };
  await inbox.check(path.join(usb, second.fileName));
  await expect(
    inbox
      .dryRunRow(second.fileName, /Tuyên truyền/)
      .getByRole('cell')
      .nth(1),
  ).toHaveText('1');
  await inbox.apply(second.fileName);
  expect(readDb(province.dataDir).all('SELECT attendance FROM propaganda_sessions ORDER BY attendance')).toEqual([
    { attendance: 120 },
    { attendance: 300 },
  ]);
  await expect(inbox.historyRow(2, 'Đang áp dụng')).toBeVisible();

  // A roll-back restores the first file; both files are kept.
  await inbox.rollbackTo(1);
  expect(readDb(province.dataDir).all('SELECT attendance FROM propaganda_sessions')).toEqual([{ attendance: 120 }]);
  expect(readDb(province.dataDir).all('SELECT sequence, status FROM handoff_received ORDER BY sequence, status')).toEqual([
    { sequence: 1, status: 'applied' },
    { sequence: 1, status: 'replay' },
    { sequence: 2, status: 'superseded' },
  ]);
  await expect(inbox.historyRow(1, 'Đang áp dụng')).toBeVisible();
  await expect(inbox.matrix().getByTestId('inbox-matrix-row').filter({ hasText: 'Công an phường Sa Pa' })).toContainText('Gói số 2');
  await period.open();
  expect(await period.value('Tuyên truyền, vận động', 'Lượt người tham gia')).toBe('120');
});
