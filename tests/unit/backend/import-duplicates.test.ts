/**
 * Issue 14 item 5: repeats in an Excel import of activity records. Two rows are the same record
 * only when every field is the same: an exact repeat is written once (in the file) or left as it is
 * (against the database); a row with the same date, unit and content but another field different
 * (attendance, the channel of a tip) is a near-duplicate: a warning naming what differs, written as
 * a new record only when the officer accepts it, never an error that blocks the file. Item 6: the
 * commit says which days it wrote, so the list can show them.
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UnitDto } from '../../../shared/ipc/contract';
import { ACTIVITY_FIELDS, type ActivityKind } from '../../../shared/domain/activities';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { dumpDatabase, queryAll } from '../../support/sqlite';
import { isVietnameseMessage } from '../../support/vietnamese';
import { activityApi, sampleRecords, setupGiaVien } from './activities-records';

const START = '2026-11-22T03:00:00.000Z';
const tmp = useTempDir('antq-import-dups-');

let t: TestBackend;
let api: ReturnType<typeof activityApi>;
let hoa: UnitDto;

beforeEach(async () => {
  t = await startBackend(tmp.path(), START);
  api = activityApi(t);
  const unit = await setupGiaVien(t);
  hoa = unit('Xã Gia Hòa');
});
afterEach(() => t.close());

type Cell = string | number | null;

async function sheet(kind: ActivityKind, data: readonly Record<string, Cell>[]): Promise<string> {
  const headers = ['Mã bản ghi', ...ACTIVITY_FIELDS[kind].map((f) => f.label)];
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Dữ liệu');
  ws.addRow(headers);
  for (const d of data) ws.addRow(headers.map((h) => d[h] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

/** The sample propaganda session (sampleRecords) as a sheet row. */
const P = (extra: Record<string, Cell> = {}): Record<string, Cell> => ({
  Ngày: '10/03/2026',
  'Đơn vị (xã, khu dân cư)': 'Xã Gia Hòa',
  'Loại buổi': 'Tuyên truyền',
  'Hình thức': 'Trực tiếp',
  'Nội dung, chủ đề': 'Phòng chống ma túy trong thanh thiếu niên',
  'Địa điểm': 'Nhà văn hóa thôn 1',
  'Lượt người': 120,
  'Tờ rơi': 200,
  'Tin, bài': 1,
  'Ký cam kết': 45,
  ...extra,
});

/** The sample tip (sampleRecords) as a sheet row. */
const T = (extra: Record<string, Cell> = {}): Record<string, Cell> => ({
  'Ngày tiếp nhận': '02/04/2026',
  'Đơn vị (xã, khu dân cư)': 'Xã Gia Hòa',
  'Kênh tiếp nhận': 'Điện thoại, đường dây nóng',
  'Lĩnh vực': 'Tội phạm',
  'Loại tin về tội phạm': 'Tố giác về tội phạm',
  'Có giá trị': 'Có',
  'Nội dung tóm tắt': 'Tố giác nhóm đối tượng trộm cắp xe máy',
  'Tình trạng': 'Đã giải quyết',
  'Kết quả giải quyết': 'Khởi tố vụ án',
  'Ngày giải quyết': '15/04/2026',
  'Vụ án hình sự khám phá': 1,
  'Đối tượng bị xử lý': 3,
  'Tài sản thu hồi (đồng)': 45_000_000,
  ...extra,
});

const dump = () => dumpDatabase(t.backend.databasePath);
const sessions = () => queryAll(t.backend.databasePath, 'SELECT date, topic, attendance FROM propaganda_sessions ORDER BY attendance');

describe('in the file', () => {
  it('writes an exact repeat once, without an error', async () => {
    const file = await sheet('propaganda', [P(), P({ Ngày: '11/03/2026' }), P()]);
    const preview = await t.call('xlsx.preview', { registry: 'propaganda', fileBase64: file });
    expect(preview.rows.map((r) => r.status)).toEqual(['new', 'new', 'duplicate']);
    expect(preview.rows[2]!.notes).toEqual(['Giống hệt dòng 2: bỏ qua, chỉ ghi một lần.']);
    expect(preview.counts).toEqual({ new: 2, update: 0, unchanged: 0, error: 0 });
    expect(preview.duplicates).toBe(1);
    expect(preview.warnings).toBe(0);
    expect(await t.call('xlsx.commit', { registry: 'propaganda', fileBase64: file })).toEqual({
      created: 2,
      updated: 0,
      unchanged: 0,
      dates: { from: '2026-03-10', to: '2026-03-11' },
    });
    expect(await api.list('propaganda')).toHaveLength(2);
  });

  it('warns about rows that differ only in attendance; writes both only when the officer accepts', async () => {
    const file = await sheet('propaganda', [P(), P({ 'Lượt người': 80, 'Tờ rơi': 150 }), P({ 'Nội dung, chủ đề': 'Chủ đề khác' })]);
    const preview = await t.call('xlsx.preview', { registry: 'propaganda', fileBase64: file });
    expect(preview.rows.map((r) => [r.status, r.errors, r.warnings])).toEqual([
      ['new', [], []],
      [
        'new',
        [],
        [
          'Gần trùng dòng 2; khác ở (dòng 2 / dòng này): Lượt người: 120 / 80; Tờ rơi: 200 / 150. Nếu là hai bản ghi khác nhau thì vẫn ghi được.',
        ],
      ],
      ['new', [], []],
    ]);
    expect(preview.counts.error).toBe(0);
    expect(preview.warnings).toBe(1);
    expect(isVietnameseMessage(preview.rows[1]!.warnings[0]!)).toBe(true);

    const before = dump();
    const refused = await t.fail('xlsx.commit', { registry: 'propaganda', fileBase64: file });
    expect(refused.code).toBe('VALIDATION');
    expect(refused.message).toBe(
      'Tệp có 1 dòng cần lưu ý (gần trùng với bản ghi khác); chưa ghi dữ liệu nào. Hãy xem cột "Lưu ý", chọn "Vẫn ghi các dòng cần lưu ý" rồi ghi lại, hoặc sửa tệp.',
    );
    expect(dump()).toEqual(before);

    const out = await t.call('xlsx.commit', { registry: 'propaganda', fileBase64: file, acceptWarnings: true });
    expect(out).toMatchObject({ created: 3, updated: 0, unchanged: 0 });
    expect(sessions().map((s) => s['attendance'])).toEqual([80, 120, 120]);
    // Re-importing the accepted file: every row is now the same as a stored record.
    const again = await t.call('xlsx.preview', { registry: 'propaganda', fileBase64: file });
    expect(again.counts).toEqual({ new: 0, update: 0, unchanged: 3, error: 0 });
    expect(again.warnings).toBe(0);
  });

  it('two tips that differ only in their channel are a warning naming the channel, not an error', async () => {
    const file = await sheet('tips', [T(), T({ 'Kênh tiếp nhận': 'Trực tiếp' })]);
    const preview = await t.call('xlsx.preview', { registry: 'tips', fileBase64: file });
    expect(preview.rows.map((r) => r.status)).toEqual(['new', 'new']);
    expect(preview.rows[1]!.errors).toEqual([]);
    expect(preview.rows[1]!.warnings[0]).toContain('Kênh tiếp nhận: Điện thoại, đường dây nóng / Trực tiếp');
    expect(await t.call('xlsx.commit', { registry: 'tips', fileBase64: file, acceptWarnings: true })).toMatchObject({ created: 2 });
    expect(queryAll(t.backend.databasePath, 'SELECT channel FROM tips ORDER BY channel')).toEqual([
      { channel: 'dien_thoai' },
      { channel: 'truc_tiep' },
    ]);
  });

  it('the same record id twice with different values stays an error', async () => {
    const stored = await api.save('propaganda', sampleRecords(hoa.id).propaganda);
    const file = await sheet('propaganda', [P({ 'Mã bản ghi': stored.id }), P({ 'Mã bản ghi': stored.id, 'Lượt người': 5 })]);
    const preview = await t.call('xlsx.preview', { registry: 'propaganda', fileBase64: file });
    expect(preview.rows[1]!.errors).toEqual(['Trùng với dòng 2 (cùng một bản ghi được ghi hai lần trong tệp, với nội dung khác nhau).']);
  });
});

describe('against the database', () => {
  it('a row the same as a stored record in every field is left as it is', async () => {
    await api.save('propaganda', sampleRecords(hoa.id).propaganda);
    const file = await sheet('propaganda', [P()]);
    const preview = await t.call('xlsx.preview', { registry: 'propaganda', fileBase64: file });
    expect(preview.rows.map((r) => [r.status, r.warnings])).toEqual([['unchanged', []]]);
    expect(await t.call('xlsx.commit', { registry: 'propaganda', fileBase64: file })).toEqual({ created: 0, updated: 0, unchanged: 1 });
  });

  it('a row with the same date, unit and content but another attendance is a new record with a warning, not an update', async () => {
    const stored = await api.save('propaganda', sampleRecords(hoa.id).propaganda);
    const file = await sheet('propaganda', [P({ 'Lượt người': 150 })]);
    const preview = await t.call('xlsx.preview', { registry: 'propaganda', fileBase64: file });
    expect(preview.rows[0]!.status).toBe('new');
    expect(preview.rows[0]!.warnings).toEqual([
      'Gần trùng bản ghi đã có: 10/03/2026 · buổi tuyên truyền · Phòng chống ma túy trong thanh thiếu niên (Xã Gia Hòa); ' +
        'khác ở (đã có / dòng này): Lượt người: 120 / 150. ' +
        'Nếu là hai bản ghi khác nhau thì vẫn ghi được; nếu là cùng một bản ghi, hãy sửa bản ghi đã có trên phần mềm.',
    ]);
    expect(preview.warnings).toBe(1);
    const before = dump();
    expect((await t.fail('xlsx.commit', { registry: 'propaganda', fileBase64: file })).code).toBe('VALIDATION');
    expect(dump()).toEqual(before);

    await t.call('xlsx.commit', { registry: 'propaganda', fileBase64: file, acceptWarnings: true });
    // The stored record is untouched; the row is a second record.
    expect((await api.get('propaganda', stored.id)).attendance).toBe(120);
    expect(sessions().map((s) => s['attendance'])).toEqual([120, 150]);
  });

  it('a tip received through another channel than the stored one is a near-duplicate naming the channel', async () => {
    await api.save('tips', sampleRecords(hoa.id).tips);
    const file = await sheet('tips', [T({ 'Kênh tiếp nhận': 'Đơn, thư' })]);
    const preview = await t.call('xlsx.preview', { registry: 'tips', fileBase64: file });
    expect(preview.rows[0]!.status).toBe('new');
    expect(preview.rows[0]!.warnings[0]).toContain('khác ở (đã có / dòng này): Kênh tiếp nhận: Điện thoại, đường dây nóng / Đơn, thư.');
  });
});

describe('the span written (item 6)', () => {
  it('is the first and last day of the rows created or updated; absent when nothing is written', async () => {
    const file = await sheet('propaganda', [P({ Ngày: '05/02/2024' }), P({ Ngày: '28/12/2025', 'Lượt người': 7 })]);
    expect(await t.call('xlsx.commit', { registry: 'propaganda', fileBase64: file })).toEqual({
      created: 2,
      updated: 0,
      unchanged: 0,
      dates: { from: '2024-02-05', to: '2025-12-28' },
    });
    expect(await t.call('xlsx.commit', { registry: 'propaganda', fileBase64: file })).toEqual({ created: 0, updated: 0, unchanged: 2 });
  });
});

describe('the years written by the yearly figures (item 6)', () => {
  it('are reported as their 31/12, so the figures grid can move to them', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Dữ liệu');
    ws.addRow(['Năm', 'Đơn vị', 'Số hộ', 'Số nhân khẩu']);
    ws.addRow([2019, 'Xã Gia Hòa', 1200, 4700]);
    ws.addRow([2021, 'Xã Gia Hòa', 1250, 4830]);
    const file = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    expect(await t.call('xlsx.commit', { registry: 'unit_year_stats', fileBase64: file })).toEqual({
      created: 2,
      updated: 0,
      unchanged: 0,
      dates: { from: '2019-12-31', to: '2021-12-31' },
    });
  });
});
