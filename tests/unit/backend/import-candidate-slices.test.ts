/**
 * The activity import's preview reads the stored records a row can repeat CANDIDATE_SLICE.units units
 * at a time, with the job's checkpoint between slices and every few hundred rows of the file
 * (docs/decisions-h20-blocks.md: one piece held the host 490 ms at 500k). The slices' edges must
 * not lose a unit: every stored record, on a unit of the first, a middle or the last (partial)
 * slice, is found and its row read as unchanged — a lost unit would read "new" and be written twice.
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EMPTY_FILTER } from '../../../shared/domain/registries';
import { CANDIDATE_SLICE } from '../../../electron/backend/services/xlsx-import/specs/activities.spec';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { queryOne } from '../../support/sqlite';
import { activityApi, sampleRecords, setupGiaVien } from './activities-records';

const tmp = useTempDir('antq-import-slices-');
let t: TestBackend;

/** Slices of 4 units: Gia Viễn's 19 units make four whole slices and a partial one. */
const SLICE = 4;
const shipped = CANDIDATE_SLICE.units;

beforeEach(async () => {
  CANDIDATE_SLICE.units = SLICE;
  t = await startBackend(tmp.path());
  await setupGiaVien(t);
}, 60_000);
afterEach(() => {
  CANDIDATE_SLICE.units = shipped;
  t.close();
});

/** The export with its "Mã bản ghi" column emptied: rows then match stored records by their values only. */
async function withoutIds(base64: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  ws.eachRow((r, n) => {
    if (n > 1) r.getCell(1).value = null;
  });
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

describe('the preview reads the stored records of the file units in slices', () => {
  it('finds the records of every unit, the last partial slice included', async () => {
    const api = activityApi(t);
    const units = await t.call('units.list', { includeEnded: false });
    let saved = 0;
    for (const u of units) {
      const record = { ...sampleRecords(u.id).propaganda, topic: `Buổi ở ${u.name}` };
      try {
        await api.save('propaganda', record);
        saved++;
      } catch {
        // A unit that cannot hold the record (the office itself): not in the file.
      }
    }
    // More than one slice, and a partial last one.
    expect(saved).toBeGreaterThan(2 * SLICE);
    expect(saved % SLICE).not.toBe(0);

    const exported = await t.call('xlsx.export', { registry: 'propaganda', filter: EMPTY_FILTER });
    expect(exported.rows).toBe(saved);
    const file = await withoutIds(exported.base64);
    const preview = await t.call('xlsx.preview', { registry: 'propaganda', fileBase64: file });
    expect(preview.counts).toEqual({ new: 0, update: 0, unchanged: saved, error: 0 });
    expect(await t.call('xlsx.commit', { registry: 'propaganda', fileBase64: file })).toEqual({ created: 0, updated: 0, unchanged: saved });
    expect(queryOne(t.backend.databasePath, 'SELECT count(*) AS n FROM propaganda_sessions')).toEqual({ n: saved });
  }, 120_000);
});
