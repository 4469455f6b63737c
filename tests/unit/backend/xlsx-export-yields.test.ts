/**
 * Issue 16 item 3: an Excel export does not hold the host. The rows are written into the workbook
 * in slices with the job's checkpoint between them (xlsx/workbook.ts, import.service exportFile):
 * app.info is answered while a few thousand organisations are exported (turns counted, no timed
 * assertion), the job's progress is visible under the caller's jobId, and the file read back with
 * exceljs still has the dropdowns on every data row (one validation over each column's range).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { EMPTY_FILTER } from '../../../shared/domain/registries';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { GIA_VIEN_SETUP } from '../../support/offices';
import { specFor } from '../../../electron/backend/services/xlsx-import/registry';
import { readWorkbook, writeWorkbook } from '../../../electron/backend/xlsx/workbook';
import type { CellValue } from '../../../electron/backend/xlsx/spec';

const ROWS = 3_000;
const tmp = useTempDir('antq-export-yields-');
let t: TestBackend;

beforeEach(async () => {
  t = await startBackend(tmp.path(), '2026-11-22T03:00:00.000Z');
  await t.call('office.setup', GIA_VIEN_SETUP);
});
afterEach(() => t.close());

/** ROWS organisations: one made through the API, exported, and repeated under other names by an import. */
async function seedOrganizations(): Promise<void> {
  const unit = (await t.call('units.list', { includeEnded: false })).find((u) => u.level === 'xa')!;
  await t.call('organizations.create', {
    name: 'Công ty số 0',
    kind: 'doanh_nghiep',
    subKind: 'tu_nhan',
    isArmedForces: false,
    unitId: unit.id,
    managingLevel: 'huyen',
    bcaMonitored: false,
    hasPartyOrg: true,
    hasSecurityForce: false,
    subUnitCount: 4,
    sectorGroup: null,
    insuredEmployees: 120,
    revenueBillion: null,
    capitalBillion: null,
    taxCode: null,
    address: null,
    validFrom: '2015-03-10',
  });
  const spec = specFor('organizations');
  const one = await t.call('xlsx.export', { registry: 'organizations', filter: EMPTY_FILTER });
  const [row] = await readWorkbook(Buffer.from(one.base64, 'base64'), spec.columns, spec.title);
  const rows: Record<string, CellValue>[] = Array.from({ length: ROWS }, (_, i) => ({ ...row!.cells, name: `Công ty số ${i}` }));
  const file = await writeWorkbook({ title: spec.title, columns: spec.columns, rows, template: false });
  const done = await t.call('xlsx.commit', { registry: 'organizations', fileBase64: file.toString('base64') });
  expect(done.created + done.unchanged).toBe(ROWS);
}

describe('exporting a large registry', () => {
  it('answers app.info while the export runs, and every data row keeps its dropdowns', async () => {
    await seedOrganizations();
    const jobId = randomUUID();
    let exporting = true;
    let answers = 0;
    const labels = new Set<string>();
    // Another caller of the host during the export: each answer is one turn the export gave back.
    const other = (async () => {
      while (exporting) {
        // A macrotask turn, as a renderer's next call would be (calls alone resolve in microtasks).
        await new Promise((resolve) => setImmediate(resolve));
        const info = await t.send('app.info', {});
        if (info.ok) answers++;
        const progress = await t.send('jobs.progress', { jobId });
        if (progress.ok && progress.value) labels.add((progress.value as { label: string }).label);
      }
    })();
    const file = await t.call('xlsx.export', { registry: 'organizations', filter: EMPTY_FILTER, jobId });
    exporting = false;
    await other;
    console.log(`exported ${file.rows} organisations: app.info answered ${answers} times`);
    expect(file.rows).toBe(ROWS);
    expect(answers).toBeGreaterThan(5);
    // The export's own progress was seen at the turns it gave back: rows written or, on a fast machine
    // where the rows take less than one slice, the compressing that follows (never a timed assertion).
    expect([...labels].some((l) => /^Đã ghi [\d.]+\/3\.000 dòng vào tệp Excel$|^Đang nén tệp Excel/.test(l))).toBe(true);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const columns = specFor('organizations').columns;
    const kindCol = columns.findIndex((c) => c.key === 'kind') + 1;
    const partyCol = columns.findIndex((c) => c.key === 'hasPartyOrg') + 1;
    const lastRow = ROWS + 1;
    for (const r of [2, 1_000, lastRow]) {
      expect(ws.getCell(r, kindCol).dataValidation).toMatchObject({
        type: 'list',
        showErrorMessage: true,
        errorTitle: 'Giá trị không hợp lệ',
        formulae: ['"Cơ quan,Doanh nghiệp,Cơ sở giáo dục"'],
        error: 'Chọn một giá trị trong danh sách: Cơ quan, Doanh nghiệp, Cơ sở giáo dục',
      });
      expect(ws.getCell(r, partyCol).dataValidation).toMatchObject({ type: 'list', allowBlank: true, formulae: ['"Có,Không"'] });
    }
    // The header and the row after the last record have none.
    expect(ws.getCell(1, kindCol).dataValidation).toBeUndefined();
    expect(ws.getCell(lastRow + 1, kindCol).dataValidation).toBeUndefined();
    expect(ws.getCell(lastRow, kindCol).value).toBe('Doanh nghiệp');
  }, 180_000);
});
