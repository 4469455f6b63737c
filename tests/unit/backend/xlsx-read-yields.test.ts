/**
 * Issue 16 item 3: reading an .xlsx does not hold the host. The sheet and the shared strings are
 * inflated off the thread and tokenized in slices with a pause between them (xlsx/workbook.ts):
 * a ticker gets turns of the event loop while a large file is read (counted, no timed assertion),
 * the pause sees the sheet's bytes go by, and a pause that throws (a cancelled job) stops the
 * reading. The rows read are the same as before, one by one.
 */
import { describe, expect, it } from 'vitest';
import type { XlsxColumn } from '../../../electron/backend/xlsx/spec';
import { AppError } from '../../../electron/backend/errors';
import { CORPUS_TITLE } from '../../corpus/xlsx/hostile';
import { readWorkbook, writeWorkbook } from '../../../electron/backend/xlsx/workbook';

const COLUMNS: XlsxColumn[] = [
  { key: 'year', header: 'Năm', required: true },
  { key: 'unit', header: 'Đơn vị', required: true },
  { key: 'households', header: 'Số hộ' },
  { key: 'residents', header: 'Số nhân khẩu' },
];

async function bigFile(rows: number): Promise<Buffer> {
  return writeWorkbook({
    title: CORPUS_TITLE,
    columns: COLUMNS,
    rows: Array.from({ length: rows }, (_, i) => ({
      year: 2020 + (i % 6),
      unit: `Thôn số ${i} của xã Gia Hòa`,
      households: i,
      residents: i * 4,
    })),
    template: false,
  });
}

describe('reading an .xlsx in slices', () => {
  it('gives the host turns while a 40.000-row file is read, and reads every row', async () => {
    const bytes = await bigFile(40_000);
    let reading = true;
    let turns = 0;
    const ticker = (async () => {
      while (reading) {
        await new Promise((resolve) => setImmediate(resolve));
        turns++;
      }
    })();
    const seen: [number, number][] = [];
    // A pause that yields at every slice, as a job's checkpoint does once its slice is used up.
    const rows = await readWorkbook(bytes, COLUMNS, CORPUS_TITLE, async (done, total) => {
      seen.push([done, total]);
      await new Promise((resolve) => setImmediate(resolve));
    });
    reading = false;
    await ticker;
    console.log(`read 40.000 rows: ${turns} turns of the host, ${seen.length} pauses`);
    expect(rows).toHaveLength(40_000);
    expect(rows[39_999]!.cells).toMatchObject({
      year: '2023',
      unit: 'Thôn số 39999 của xã Gia Hòa',
      households: '39999',
      residents: '159996',
    });
    expect(turns).toBeGreaterThan(10);
    // The sheet's progress goes from 0 to its whole size.
    const sheet = seen.filter(([, total]) => total > 0);
    expect(sheet.length).toBeGreaterThan(10);
    expect(sheet.at(-1)![0]).toBe(sheet.at(-1)![1]);
  }, 120_000);

  it('stops when the pause throws (a cancelled job), and the default pause still reads the file', async () => {
    const bytes = await bigFile(5_000);
    const stop = new AppError('CANCELLED', 'Đã hủy thao tác. Dữ liệu không thay đổi.');
    let calls = 0;
    await expect(
      readWorkbook(bytes, COLUMNS, CORPUS_TITLE, () => {
        if (++calls > 2) throw stop;
        return Promise.resolve();
      }),
    ).rejects.toBe(stop);
    expect((await readWorkbook(bytes, COLUMNS, CORPUS_TITLE)).length).toBe(5_000);
  }, 60_000);
});
