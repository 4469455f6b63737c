/**
 * Issue 16 (an exported list re-imports unchanged at province scale): the catalogue holds two live
 * communes of one name under one parent — "Xã Đông Khê" (16387) and "Xã Đông Khê" (16408) under
 * Thành phố Thanh Hóa. The unit sheet's export names each hamlet's parent by its code (its path is
 * the same for both), and a row of either commune is matched by its code; a row naming the shared
 * name without a code is refused with a message asking for the code, nothing changed.
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EMPTY_FILTER } from '../../../shared/domain/registries';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { cellText } from '../../support/cells';
import { dumpDatabase, queryOne } from '../../support/sqlite';
import { organizationInput } from '../../support/offices';
import { registrationInput } from '../../support/evaluation-inputs';

const tmp = useTempDir('antq-h16-same-name-');
let t: TestBackend;

beforeEach(async () => {
  t = await startBackend(tmp.path(), '2026-11-22T03:00:00.000Z');
  await t.call('office.setup', {
    level: 'huyen',
    era: 'truoc_2025',
    provinceCode: '38',
    districtCode: '380',
    communeCode: null,
    name: 'Công an thành phố Thanh Hóa',
    code: '380',
    importChildren: true,
  });
});
afterEach(() => t.close());

async function rowsOf(base64: string): Promise<Record<string, string>[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const headers: string[] = [];
  ws.getRow(1).eachCell((c, k) => (headers[k] = cellText(c.value)));
  const out: Record<string, string>[] = [];
  ws.eachRow((r, k) => {
    if (k === 1) return;
    const row: Record<string, string> = {};
    // Headers as exported, without the required mark ("Tên đơn vị (*)").
    headers.forEach((h, col) => h && (row[h.replace(/\s*\(?\*\)?\s*$/, '')] = cellText(r.getCell(col).value)));
    out.push(row);
  });
  return out;
}

describe('two live sibling units of one name', () => {
  it('exports and re-imports the unit list unchanged, the hamlets under each commune named by its code', async () => {
    const units = await t.call('units.list', { includeEnded: false });
    const dongKhe = units.filter((u) => u.name === 'Xã Đông Khê');
    expect(dongKhe.map((u) => u.code).sort()).toEqual(['16387', '16408']);
    for (const c of dongKhe)
      await t.call('units.create', { parentId: c.id, name: 'Thôn 1', kind: 'thon', code: '', validFrom: '2020-01-01' });

    const file = await t.call('xlsx.export', { registry: 'units', filter: EMPTY_FILTER });
    const rows = await rowsOf(file.base64);
    expect(Object.keys(rows[0]!)).toContain('Tên đơn vị');
    const hamletParents = rows.filter((r) => r['Tên đơn vị'] === 'Thôn 1').map((r) => r['Đơn vị cấp trên']);
    expect(hamletParents.sort()).toEqual(['16387', '16408']);

    const preview = await t.call('xlsx.preview', { registry: 'units', fileBase64: file.base64 });
    expect(preview.rows.flatMap((r) => r.errors)).toEqual([]);
    expect(preview.counts).toEqual({ new: 0, update: 0, unchanged: file.rows, error: 0 });
    const commit = await t.call('xlsx.commit', { registry: 'units', fileBase64: file.base64 });
    expect(commit).toMatchObject({ created: 0, updated: 0 });
    expect((await t.call('units.list', { includeEnded: false })).length).toBe(units.length + 2);
  });

  it('names a hamlet under either commune in a record sheet by the commune code and its name, and reads it back', async () => {
    const dongKhe = (await t.call('units.list', { includeEnded: false })).filter((u) => u.name === 'Xã Đông Khê');
    const hamlets = [];
    for (const c of dongKhe)
      hamlets.push(await t.call('units.create', { parentId: c.id, name: 'Thôn 1', kind: 'thon', code: '', validFrom: '2020-01-01' }));
    await t.call('unitStats.upsert', {
      rows: hamlets.map((h, i) => ({ unitId: h.id, year: 2025, households: 100 + i, residents: 400 + i, trongDiem: false })),
    });
    const file = await t.call('xlsx.export', { registry: 'unit_year_stats', filter: EMPTY_FILTER });
    const labels = (await rowsOf(file.base64)).map((r) => r['Đơn vị']);
    expect(labels.sort()).toEqual(['16387 / Thôn 1', '16408 / Thôn 1']);
    const preview = await t.call('xlsx.preview', { registry: 'unit_year_stats', fileBase64: file.base64 });
    expect(preview.rows.flatMap((r) => r.errors)).toEqual([]);
    expect(preview.counts).toEqual({ new: 0, update: 0, unchanged: 2, error: 0 });
  });

  it('refuses a row naming the shared name without a code, asking for the code', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Dữ liệu');
    ws.addRow(['Đơn vị cấp trên', 'Tên đơn vị', 'Loại', 'Mã', 'Ngày bắt đầu hoạt động', 'Năm số liệu', 'Số hộ', 'Số nhân khẩu']);
    ws.addRow(['Thành phố Thanh Hóa', 'Xã Đông Khê', 'Xã', null, null, 2025, 900, 3600]);
    const fileBase64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const preview = await t.call('xlsx.preview', { registry: 'units', fileBase64 });
    expect(preview.counts.error).toBe(1);
    expect(preview.rows[0]!.errors.join(' ')).toContain('có 2 đơn vị "Xã Đông Khê" trong cùng đơn vị cấp trên; hãy ghi mã');
  });
});

describe('registrations of subjects that share a name or differ only by a tone mark', () => {
  /** "Thôn 1" and a school of one name under each Đông Khê; Hoằng Phụ and Hoằng Phú, each with a "Thôn 1"; all registered for 2026. */
  async function registerAll(): Promise<Map<string, { type: 'unit' | 'organization'; id: string }>> {
    const units = await t.call('units.list', { includeEnded: false });
    const root = units.find((u) => u.parentId === null)!;
    const subjects = new Map<string, { type: 'unit' | 'organization'; id: string }>();
    const unit = async (parentId: string, name: string, kind: 'xa' | 'thon') =>
      (await t.call('units.create', { parentId, name, kind, code: null, validFrom: '2020-01-01' })).id;
    for (const c of units.filter((u) => u.name === 'Xã Đông Khê')) {
      subjects.set(c.code!, { type: 'unit', id: c.id });
      subjects.set(`${c.code} / Thôn 1`, { type: 'unit', id: await unit(c.id, 'Thôn 1', 'thon') });
      const school = await t.call('organizations.create', organizationInput(c.id, 'Trường THCS Đông Khê'));
      subjects.set(`${c.code} / Trường THCS Đông Khê`, { type: 'organization', id: school.id });
    }
    for (const name of ['Xã Hoằng Phụ', 'Xã Hoằng Phú']) {
      const id = await unit(root.id, name, 'xa');
      subjects.set(name, { type: 'unit', id });
      subjects.set(`${name} / Thôn 1`, { type: 'unit', id: await unit(id, 'Thôn 1', 'thon') });
    }
    for (const [i, s] of [...subjects.values()].entries())
      await t.call('evaluation.register', registrationInput(s.type, s.id, 2026, { note: `Đăng ký số ${i + 1}` }));
    return subjects;
  }

  it('exports each subject by a text that reads back to it: the preview shows every row unchanged and the commit writes nothing', async () => {
    const subjects = await registerAll();
    const file = await t.call('xlsx.export', { registry: 'evaluation_registrations', filter: EMPTY_FILTER });
    const before = dumpDatabase(t.backend.databasePath);
    const preview = await t.call('xlsx.preview', { registry: 'evaluation_registrations', fileBase64: file.base64 });
    expect(preview.rows.filter((r) => r.status !== 'unchanged').map((r) => `${r.rowNumber}: ${r.status} ${r.errors.join(' ')}`)).toEqual(
      [],
    );
    expect(preview.counts).toEqual({ new: 0, update: 0, unchanged: file.rows, error: 0 });
    const commit = await t.call('xlsx.commit', { registry: 'evaluation_registrations', fileBase64: file.base64 });
    expect(commit).toMatchObject({ created: 0, updated: 0 });
    expect(dumpDatabase(t.backend.databasePath)).toEqual(before);

    const rows = await rowsOf(file.base64);
    const written = rows.filter((r) => r['Ghi chú']?.startsWith('Đăng ký số')).map((r) => r['Đơn vị, cơ quan, tổ chức']);
    // The two communes by their codes, what lies under them by the commune code; the accent pair by name.
    expect(written.sort()).toEqual([...subjects.keys()].sort());
  });

  it('takes "16408 / Thôn 1" for the hamlet of that commune, and refuses the shared path or a name without its marks with a message', async () => {
    const subjects = await registerAll();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Dữ liệu');
    ws.addRow(['Năm', 'Đơn vị, cơ quan, tổ chức', 'Ngày đăng ký', 'Ghi chú']);
    ws.addRow([2026, '16408 / Thôn 1', '15/02/2026', 'Sửa']);
    ws.addRow([2026, 'Xã Đông Khê / Thôn 1', '15/02/2026', 'Sửa']);
    ws.addRow([2026, 'Xa Hoang Phu', null, null]);
    const fileBase64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const preview = await t.call('xlsx.preview', { registry: 'evaluation_registrations', fileBase64 });
    expect(preview.rows.map((r) => r.status)).toEqual(['update', 'error', 'error']);
    expect(preview.rows[1]!.errors).toEqual([
      'Cột "Đơn vị, cơ quan, tổ chức": có 2 nơi tên "Xã Đông Khê / Thôn 1": "Xã Đông Khê / Thôn 1" (ghi "16387 / Thôn 1"); "Xã Đông Khê / Thôn 1" (ghi "16408 / Thôn 1"). Hãy ghi đường dẫn hoặc mã chính thức.',
    ]);
    // A blank line (year and subject only) still says why its subject is not taken.
    expect(preview.rows[2]!.errors.join(' ')).toContain('Có phải: "Xã Hoằng Phụ"; "Xã Hoằng Phú"?');

    const only = new ExcelJS.Workbook();
    only.addWorksheet('Dữ liệu').addRows([
      ['Năm', 'Đơn vị, cơ quan, tổ chức', 'Ngày đăng ký', 'Ghi chú'],
      [2026, '16408 / Thôn 1', '15/02/2026', 'Sửa'],
    ]);
    const commit = await t.call('xlsx.commit', {
      registry: 'evaluation_registrations',
      fileBase64: Buffer.from(await only.xlsx.writeBuffer()).toString('base64'),
    });
    expect(commit).toMatchObject({ created: 0, updated: 1 });
    const noteOf = (key: string) =>
      queryOne<{ note: string | null }>(
        t.backend.databasePath,
        'SELECT note FROM evaluation_registrations WHERE subject_id = ? AND year = 2026',
        subjects.get(key)!.id,
      )?.note;
    expect(noteOf('16408 / Thôn 1')).toBe('Sửa');
    expect(noteOf('16387 / Thôn 1')).not.toBe('Sửa');
  });

  it('refuses a code path that names nothing (an unknown code, a child the commune does not have) with a message, and writes nothing', async () => {
    await registerAll();
    const before = dumpDatabase(t.backend.databasePath);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Dữ liệu').addRows([
      ['Năm', 'Đơn vị, cơ quan, tổ chức', 'Ngày đăng ký', 'Ghi chú'],
      [2026, '99999 / Thôn 1', '15/02/2026', 'Sửa'],
      [2026, '16387 / Thôn 9', '15/02/2026', 'Sửa'],
      [2026, '16408 / Thôn 1', '15/02/2026', 'Sửa'],
    ]);
    const fileBase64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const preview = await t.call('xlsx.preview', { registry: 'evaluation_registrations', fileBase64 });
    expect(preview.rows.map((r) => r.status)).toEqual(['error', 'error', 'update']);
    for (const row of preview.rows.slice(0, 2)) expect(row.errors.join(' ')).toMatch(/Đơn vị, cơ quan, tổ chức/);
    // One bad row blocks the whole file: nothing is written, the good row included.
    await expect(t.call('xlsx.commit', { registry: 'evaluation_registrations', fileBase64 })).rejects.toThrow();
    expect(dumpDatabase(t.backend.databasePath)).toEqual(before);
  });
});
