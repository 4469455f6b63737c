/**
 * Issue 14 items 5 and 6 end to end: importing propaganda sessions where some rows are nearly the
 * same as a stored session or as another row (same day, unit and topic, another attendance) shows
 * them as warnings naming what differs, written only after the officer accepts them; an exact
 * repeat in the file is written once. Importing sessions of a past year moves the list's period to
 * that year and says so, instead of "0 buổi" under "Đã ghi: N bản ghi mới".
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { test, expect, type DbReader } from './support/fixtures';
import { apiOf, setupGiaVien } from './support/api';
import { ActivitiesPage } from './pages/ActivitiesPage';
import { ACTIVITY_FIELDS } from '../../shared/domain/activities';

const HEADERS = ['Mã bản ghi', ...ACTIVITY_FIELDS.propaganda.map((f) => f.label)];
const ITEM = 'buổi tuyên truyền';

const unitId = (db: DbReader, name: string) =>
  db.get<{ id: string }>('SELECT id FROM units WHERE name = ? AND deleted_at IS NULL', name)!.id;

async function writeXlsx(rows: (string | number)[][], name: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Dữ liệu');
  ws.addRow(HEADERS);
  for (const r of rows) ws.addRow(r);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'antq-import-dups-')), name);
  await wb.xlsx.writeFile(file);
  return file;
}

/** A propaganda row in the sheet's column order. */
const sheetRow = (date: string, topic: string, venue: string, attendance: number, leaflets = 0) => [
  '',
  date,
  'Xã Gia Hòa',
  'Tuyên truyền',
  'Trực tiếp',
  topic,
  venue,
  '',
  attendance,
  leaflets,
  0,
  0,
  0,
  0,
  '',
];

test.beforeEach(async ({ host, page }) => {
  await setupGiaVien(host);
  await page.goto(host.url);
});

test('near-duplicates are warnings the officer accepts; an exact repeat is written once', async ({ page, host, db }) => {
  const hoa = unitId(db, 'Xã Gia Hòa');
  await apiOf(host).call('activities.save', {
    kind: 'propaganda',
    id: null,
    record: {
      date: '2026-03-15',
      unitId: hoa,
      organizationId: null,
      purpose: 'tuyen_truyen',
      form: 'truc_tiep',
      topic: 'Phòng, chống ma túy',
      venue: 'Nhà văn hóa thôn Đông',
      attendance: 1250,
      leaflets: 0,
      loudspeakerMinutes: 0,
      posts: 0,
      newsletters: 0,
      commitments: 0,
      note: null,
    },
  });
  const act = new ActivitiesPage(page);
  await act.open();
  await expect(act.rows(ITEM)).toHaveCount(1);

  const file = await writeXlsx(
    [
      // Row 2: the stored session's day, unit, topic and venue, another attendance.
      sheetRow('15/03/2026', 'Phòng, chống ma túy', 'Nhà văn hóa thôn Đông', 300),
      // Row 3: a new session; row 4 the same with other figures; row 5 an exact repeat of row 3.
      sheetRow('20/03/2026', 'An toàn giao thông', 'Chợ Gia Hòa', 450, 200),
      sheetRow('20/03/2026', 'An toàn giao thông', 'Chợ Gia Hòa', 80, 50),
      sheetRow('20/03/2026', 'An toàn giao thông', 'Chợ Gia Hòa', 450, 200),
    ],
    'gan-trung.xlsx',
  );
  const d = await act.chooseExcel(file);
  await expect(d).toContainText('3 dòng mới, 0 dòng cập nhật, 0 dòng không đổi, 0 dòng lỗi, 1 dòng lặp lại (bỏ qua), 2 dòng cần lưu ý');
  await expect(act.previewRow(d, 2)).toContainText('Gần trùng bản ghi đã có');
  await expect(act.previewRow(d, 2)).toContainText('khác ở (đã có / dòng này): Lượt người: 1.250 / 300');
  await expect(act.previewRow(d, 4)).toContainText('Gần trùng dòng 3; khác ở (dòng 3 / dòng này): Lượt người: 450 / 80; Tờ rơi: 200 / 50');
  await expect(act.previewRow(d, 5)).toContainText('Lặp lại');
  await expect(act.previewRow(d, 5)).toContainText('Giống hệt dòng 3: bỏ qua, chỉ ghi một lần.');
  // Not an error: the file is not blocked, but nothing is written before the officer accepts.
  await expect(d).not.toContainText('Tệp còn dòng lỗi');
  await expect(act.commitButton(d)).toBeDisabled();
  await page.screenshot({ path: 'screenshots/import-near-duplicates-1366x768.png' });
  expect(db.get<{ n: number }>('SELECT count(*) AS n FROM propaganda_sessions')!.n).toBe(1);

  await act.acceptWarnings(d).check();
  await expect(act.commitButton(d)).toBeEnabled();
  await act.commitButton(d).click();
  await act.expectNoDialog();
  await expect(page.getByText('Đã ghi: 3 bản ghi mới, 0 bản ghi cập nhật.')).toBeVisible();
  await expect(act.rows(ITEM)).toHaveCount(4);
  await expect(act.count()).toContainText('4 buổi tuyên truyền');
  expect(db.all('SELECT date, topic, attendance, leaflets FROM propaganda_sessions ORDER BY date, attendance')).toEqual([
    { date: '2026-03-15', topic: 'Phòng, chống ma túy', attendance: 300, leaflets: 0 },
    { date: '2026-03-15', topic: 'Phòng, chống ma túy', attendance: 1250, leaflets: 0 },
    { date: '2026-03-20', topic: 'An toàn giao thông', attendance: 80, leaflets: 50 },
    { date: '2026-03-20', topic: 'An toàn giao thông', attendance: 450, leaflets: 200 },
  ]);
});

test('importing sessions of a past year moves the period to that year and says so', async ({ page, db }) => {
  const act = new ActivitiesPage(page);
  await act.open();
  await expect(act.periodInput('Từ ngày')).toHaveValue('01/01/2026');
  const file = await writeXlsx(
    [
      sheetRow('10/01/2025', 'Phòng, chống ma túy', 'Nhà văn hóa thôn Đông', 120),
      sheetRow('05/06/2025', 'An toàn giao thông', 'Chợ Gia Hòa', 80),
      sheetRow('28/12/2025', 'Phòng cháy, chữa cháy', 'Trường THCS Gia Hòa', 300),
    ],
    'nam-truoc.xlsx',
  );
  const d = await act.chooseExcel(file);
  await expect(d).toContainText('3 dòng mới, 0 dòng cập nhật, 0 dòng không đổi, 0 dòng lỗi');
  await act.commitButton(d).click();
  await act.expectNoDialog();

  await expect(act.importNotice()).toHaveText('Đã chuyển bộ lọc thời gian sang 01/01/2025 – 31/12/2025 để hiện 3 bản ghi vừa nhập.');
  await expect(act.periodInput('Từ ngày')).toHaveValue('01/01/2025');
  await expect(act.periodInput('Đến ngày')).toHaveValue('31/12/2025');
  await expect(act.count()).toContainText('3 buổi tuyên truyền');
  await expect(act.rows(ITEM)).toHaveCount(3);
  await expect(act.row(ITEM, 'Phòng cháy, chữa cháy')).toContainText('28/12/2025');
  await page.screenshot({ path: 'screenshots/import-past-year-list-1366x768.png' });
  expect(db.all('SELECT date FROM propaganda_sessions ORDER BY date')).toEqual([
    { date: '2025-01-10' },
    { date: '2025-06-05' },
    { date: '2025-12-28' },
  ]);

  // Choosing another period by hand drops the notice; an import already in view moves nothing.
  await act.preset('Năm nay');
  await expect(act.importNotice()).toHaveCount(0);
  await expect(act.count()).toContainText('0 buổi tuyên truyền');
});
