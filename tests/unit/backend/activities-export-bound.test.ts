/**
 * An Excel export of an activity kind writes at most what an import takes back (issue 16,
 * export-bound.ts): above EXPORT_BOUND.maxRows records in the scope and period it is refused with a
 * Vietnamese message asking for a period, and nothing changes; a year within the bound is exported
 * whole. The bound is lowered here (MAX_IMPORT_ROWS in production).
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EMPTY_FILTER } from '../../../shared/domain/registries';
import { EXPORT_BOUND } from '../../../electron/backend/services/xlsx-import/export-bound';
import { MAX_IMPORT_ROWS } from '../../../electron/backend/xlsx/workbook';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { dumpDatabase } from '../../support/sqlite';
import { isVietnameseMessage } from '../../support/vietnamese';
import { sampleRecords, setupGiaVien } from './activities-records';

const tmp = useTempDir('antq-export-bound-');
const BOUND = 30;
let t: TestBackend;

beforeEach(async () => {
  t = await startBackend(tmp.path(), '2026-11-22T03:00:00.000Z');
  const unit = await setupGiaVien(t);
  const base = sampleRecords(unit('Xã Gia Hòa').id).propaganda;
  // BOUND records in 2025 and 10 in 2026: BOUND + 10 with no period.
  const records = Array.from({ length: BOUND + 10 }, (_, i) => ({
    ...base,
    date: i < BOUND ? `2025-03-${String(1 + (i % 28)).padStart(2, '0')}` : `2026-04-${String(1 + i - BOUND).padStart(2, '0')}`,
    topic: `Buổi số ${i + 1}`,
  }));
  await t.call('activities.saveMany', { kind: 'propaganda', records });
  EXPORT_BOUND.maxRows = BOUND;
});
afterEach(() => {
  EXPORT_BOUND.maxRows = MAX_IMPORT_ROWS;
  t.close();
});

async function dataRows(base64: string): Promise<number> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  return wb.worksheets[0]!.actualRowCount - 1;
}

describe('the export of an activity kind is bounded', () => {
  it('above the bound with no period: refused, asking for a period; nothing changed', async () => {
    const before = dumpDatabase(t.backend.databasePath);
    const error = await t.fail('xlsx.export', { registry: 'propaganda', filter: EMPTY_FILTER });
    expect(error.code).toBe('RULE');
    expect(isVietnameseMessage(error.message)).toBe(true);
    expect(error.message).toContain('khoảng thời gian');
    expect(error.message).toContain(String(BOUND));
    // A search that would match few is refused too: the bound counts the scope and period.
    expect((await t.fail('xlsx.export', { registry: 'propaganda', filter: { ...EMPTY_FILTER, search: 'Buổi số 1' } })).code).toBe('RULE');
    expect(dumpDatabase(t.backend.databasePath)).toEqual(before);
  });

  it('a year within the bound is exported whole, up to the bound exactly', async () => {
    const y2025 = await t.call('xlsx.export', { registry: 'propaganda', filter: { ...EMPTY_FILTER, year: 2025 } });
    expect(await dataRows(y2025.base64)).toBe(BOUND);
    const y2026 = await t.call('xlsx.export', { registry: 'propaganda', filter: { ...EMPTY_FILTER, year: 2026 } });
    expect(await dataRows(y2026.base64)).toBe(10);
  });
});
