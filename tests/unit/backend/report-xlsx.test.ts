import { afterEach, describe, expect, it, vi } from 'vitest';
import { reportXlsx } from '../../../electron/backend/reports/report-xlsx';
import { listEntries, withFixedEntryTimes, ZipError } from '../../../electron/backend/xlsx/zip';
import type { ReportTable } from '../../../shared/domain/report/document';

const table: ReportTable = {
  title: 'Bảng 1. Kết quả đăng ký năm 2026',
  columns: [
    { label: 'Đơn vị', width: 0.6, align: 'left' },
    { label: 'Số khu dân cư', width: 0.4, align: 'right' },
  ],
  rows: [['Xã Gia Hòa', '12']],
  total: ['Tổng cộng', '12'],
};

const LIMITS = { maxEntries: 100, maxEntryBytes: 10_000_000, maxTotalBytes: 10_000_000 };

describe('report workbook bytes', () => {
  afterEach(() => vi.useRealTimers());

  it('are the same for the same tables whatever the time of writing (issued reports compare byte for byte)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-05T08:00:00Z'));
    const first = await reportXlsx({ title: 'Báo cáo', unitName: 'Công an huyện Gia Viễn', tables: [table] });
    vi.setSystemTime(new Date('2027-01-09T17:33:12Z'));
    const second = await reportXlsx({ title: 'Báo cáo', unitName: 'Công an huyện Gia Viễn', tables: [table] });
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    // Every entry carries the fixed DOS date 01/01/1980 in its central header.
    const buf = Buffer.from(first);
    expect(listEntries(buf, LIMITS).size).toBeGreaterThan(3);
    const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    expect(buf.readUInt16LE(buf.readUInt32LE(eocd + 16) + 14)).toBe(0x21);
  });

  it('refuses to rewrite what is not a zip', () => {
    expect(() => withFixedEntryTimes(Buffer.from('không phải tệp nén, chỉ là chữ thường'))).toThrow(ZipError);
  });
});
