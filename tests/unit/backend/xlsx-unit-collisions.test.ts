/**
 * Issue 16: an exported list of every registry imports back, with units whose names collide once
 * accents are folded ("Xã Hoằng Phụ" / "Xã Hoằng Phú" under one district) and a "Thôn 1" under
 * several communes. Records are attached to each of these units; every registry's export is then
 * imported into the same database (nothing new, nothing changed, no error) and into a fresh
 * database with the same units (every row on the unit it came from). A name typed without
 * diacritics is an error that suggests both communes.
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RegistryId } from '../../../shared/domain/registries';
import { ACTIVITY_KINDS } from '../../../shared/domain/activities';
import { EMPTY_FILTER, REGISTRY_TITLES } from '../../../shared/domain/registries';
import { specFor } from '../../../electron/backend/services/xlsx-import/registry';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { dumpDatabase } from '../../support/sqlite';
import { cellText } from '../../support/cells';
import { organizationInput } from '../../support/offices';
import { activityApi, sampleRecords, setupGiaVien } from './activities-records';
import { registrationInput } from '../../support/evaluation-inputs';

const START = '2026-11-22T03:00:00.000Z';
const tmpA = useTempDir('antq-h16-a-');
const tmpB = useTempDir('antq-h16-b-');

/** The units records are attached to, by the path an officer would write. */
const TARGETS = [
  'Xã Hoằng Phụ',
  'Xã Hoằng Phú',
  'Xã Gia Hòa / Thôn 1',
  'Xã Gia Hưng / Thôn 1',
  'Xã Hoằng Phụ / Thôn 1',
  'Xã Hoằng Phú / Thôn 1',
] as const;

/** Registries in an order where what a row refers to (organisation, model) is imported first. */
const REGISTRIES: readonly RegistryId[] = [
  'units',
  'unit_year_stats',
  'organizations',
  'mass_orgs',
  'members',
  'models',
  'model_sites',
  ...ACTIVITY_KINDS,
  // After the organisations: a registration names a school by its commune's path.
  'evaluation_registrations',
];

/** Registrations made by attachRecords: each target unit and the school on it, for the export's year. */
const REGISTERED = TARGETS.length * 2;

let a: TestBackend;
let b: TestBackend | null = null;

/** Gia Viễn, two communes whose names differ only in a tone mark, and a Thôn 1 under four communes. */
async function buildUnits(t: TestBackend): Promise<Map<string, string>> {
  const unit = await setupGiaVien(t);
  const root = (await t.call('units.list', { includeEnded: true })).find((u) => u.parentId === null)!;
  const ids = new Map<string, string>();
  const create = async (parentId: string, name: string, kind: 'xa' | 'thon') =>
    (await t.call('units.create', { parentId, name, kind, code: null, validFrom: '2020-01-01' })).id;
  ids.set('Xã Hoằng Phụ', await create(root.id, 'Xã Hoằng Phụ', 'xa'));
  ids.set('Xã Hoằng Phú', await create(root.id, 'Xã Hoằng Phú', 'xa'));
  const communes: Record<string, string> = {
    'Xã Gia Hòa': unit('Xã Gia Hòa').id,
    'Xã Gia Hưng': unit('Xã Gia Hưng').id,
    'Xã Hoằng Phụ': ids.get('Xã Hoằng Phụ')!,
    'Xã Hoằng Phú': ids.get('Xã Hoằng Phú')!,
  };
  for (const [name, id] of Object.entries(communes)) ids.set(`${name} / Thôn 1`, await create(id, 'Thôn 1', 'thon'));
  return ids;
}

/** A sheet as the template lays it out (row 1 = headers), rows keyed by column key. */
async function sheetOf(registry: RegistryId, rows: readonly Record<string, string | number>[]): Promise<string> {
  const columns = specFor(registry).columns;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Dữ liệu');
  ws.addRow(columns.map((c) => c.header));
  for (const r of rows) ws.addRow(columns.map((c) => r[c.key] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

async function commit(t: TestBackend, registry: RegistryId, fileBase64: string) {
  const preview = await t.call('xlsx.preview', { registry, fileBase64 });
  const errors = preview.rows.flatMap((r) => r.errors.map((e) => `${registry} dòng ${r.rowNumber}: ${e}`));
  expect(errors).toEqual([]);
  return t.call('xlsx.commit', { registry, fileBase64 });
}

/** One record of every registry on each target unit; row i carries "i" in a text so a swap shows. */
async function attachRecords(t: TestBackend, ids: Map<string, string>): Promise<void> {
  const api = activityApi(t);
  const kind = 'Tổ bảo vệ an ninh, trật tự';
  const type = 'Tổ liên gia an toàn phòng cháy, chữa cháy';
  await commit(
    t,
    'unit_year_stats',
    await sheetOf(
      'unit_year_stats',
      TARGETS.map((unit, i) => ({ year: 2025, unit, households: 100 + i, residents: 400 + i })),
    ),
  );
  for (const [i, path] of TARGETS.entries()) {
    const school = await t.call('organizations.create', organizationInput(ids.get(path)!, `Trường THCS số ${i + 1}`));
    const hamlet = path.includes(' / ');
    await t.call(
      'evaluation.register',
      registrationInput('unit', ids.get(path)!, 2026, { householdsRegistered: hamlet ? 40 + i : null, note: `Đăng ký số ${i + 1}` }),
    );
    await t.call('evaluation.register', registrationInput('organization', school.id, 2026, { note: `Trường số ${i + 1}` }));
  }
  await commit(
    t,
    'mass_orgs',
    await sheetOf(
      'mass_orgs',
      TARGETS.map((unit, i) => ({ unit, kind, name: `Tổ bảo vệ ANTT số ${i + 1}`, validFrom: '01/07/2024' })),
    ),
  );
  await commit(
    t,
    'members',
    await sheetOf(
      'members',
      TARGETS.map((unit, i) => ({
        unit,
        kind,
        org: `Tổ bảo vệ ANTT số ${i + 1}`,
        fullName: `Nguyễn Văn Số ${i + 1}`,
        gender: 'Nam',
        role: 'Tổ trưởng',
        joinedOn: '01/07/2024',
      })),
    ),
  );
  await commit(
    t,
    'models',
    await sheetOf(
      'models',
      TARGETS.map((unit, i) => ({
        name: `Mô hình số ${i + 1}`,
        type,
        originUnit: unit,
        originLevel: 'Cấp xã',
        foundedOn: '15/03/2022',
        status: 'Đang hoạt động',
      })),
    ),
  );
  await commit(
    t,
    'model_sites',
    await sheetOf(
      'model_sites',
      TARGETS.map((unit, i) => ({ model: `Mô hình số ${i + 1}`, modelOrigin: unit, unit, startedOn: '01/09/2022', teams: 1, members: 12 })),
    ),
  );
  for (const [i, path] of TARGETS.entries()) {
    const rec = sampleRecords(ids.get(path)!);
    for (const k of ACTIVITY_KINDS) await api.save(k, { ...rec[k], note: `Bản ghi số ${i + 1}` });
  }
}

/** An exported sheet's data rows as text, without the record-id column (ids differ between databases). */
async function exportedRows(t: TestBackend, registry: RegistryId): Promise<{ base64: string; rows: string[] }> {
  const file = await t.call('xlsx.export', { registry, filter: EMPTY_FILTER });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const headers: string[] = [];
  ws.getRow(1).eachCell((c, n) => (headers[n] = cellText(c.value)));
  const rows: string[] = [];
  ws.eachRow((r, n) => {
    if (n === 1) return;
    const cells = headers.map((h, col) => (h === 'Mã bản ghi' ? '' : cellText(r.getCell(col).value)));
    rows.push(cells.join(' | '));
  });
  return { base64: file.base64, rows: rows.sort() };
}

/** The same file with its "Mã bản ghi" column emptied, as for another office's database. */
async function withoutIds(base64: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  let idCol = 0;
  ws.getRow(1).eachCell((c, n) => {
    if (cellText(c.value) === 'Mã bản ghi') idCol = n;
  });
  if (idCol > 0) ws.eachRow((r, n) => n > 1 && (r.getCell(idCol).value = null));
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

beforeEach(async () => {
  a = await startBackend(tmpA.path(), START);
});
afterEach(() => {
  a.close();
  b?.close();
  b = null;
});

describe('accent-colliding units across every registry', () => {
  it('re-imports every export unchanged into the same database, and onto the same units in a fresh one', async () => {
    await attachRecords(a, await buildUnits(a));
    const exports = new Map<RegistryId, { base64: string; rows: string[] }>();
    for (const registry of REGISTRIES) {
      const out = await exportedRows(a, registry);
      // Every target is named: each registry holds a record on each colliding unit.
      if (registry !== 'units') expect(out.rows.length, registry).toBeGreaterThanOrEqual(TARGETS.length);
      exports.set(registry, out);
    }
    expect(exports.get('organizations')!.rows.join('\n')).toContain('Xã Hoằng Phụ / Thôn 1');

    const before = dumpDatabase(a.backend.databasePath);
    for (const registry of REGISTRIES) {
      const result = await commit(a, registry, exports.get(registry)!.base64);
      expect({ registry, ...result }).toEqual({ registry, created: 0, updated: 0, unchanged: exports.get(registry)!.rows.length });
    }
    expect(dumpDatabase(a.backend.databasePath)).toEqual(before);

    b = await startBackend(tmpB.path(), START);
    await buildUnits(b);
    for (const registry of REGISTRIES) {
      const file = await withoutIds(exports.get(registry)!.base64);
      const result = await commit(b, registry, file);
      // The unit list sheet carries the yearly figures too (updating the units it names), so those
      // are already in when their own sheet comes; every other row is new.
      if (registry === 'units' || registry === 'unit_year_stats') continue;
      // The registrations sheet lists every subject; only the registered lines are written.
      const written = registry === 'evaluation_registrations' ? REGISTERED : exports.get(registry)!.rows.length;
      expect({ registry, created: result.created, updated: result.updated }).toEqual({ registry, created: written, updated: 0 });
    }
    // Each row names its record's number and its unit's path: the same lists mean the same units.
    for (const registry of REGISTRIES) expect((await exportedRows(b, registry)).rows, registry).toEqual(exports.get(registry)!.rows);
  }, 120_000);

  it('re-imports the export of every registry at a larger scale, many same-named hamlets included: no row fails', async () => {
    // Issue 16: "Thôn 1", "Thôn 2", "Thôn 3" under every commune (Gia Viễn's and the two that differ
    // only by a tone mark), each with records of every registry; the export of each registry is
    // imported back into the same database and every row must be unchanged.
    const ids = await buildUnits(a);
    await attachRecords(a, ids);
    const communes = (await a.call('units.list', { includeEnded: false })).filter((u) => u.kind === 'xa');
    const hamlets: { id: string; label: string }[] = [];
    for (const c of communes) {
      for (const name of ['Thôn 1', 'Thôn 2', 'Thôn 3']) {
        const existing = ids.get(`${c.name} / ${name}`);
        const id =
          existing ?? (await a.call('units.create', { parentId: c.id, name, kind: 'thon', code: null, validFrom: '2020-01-01' })).id;
        hamlets.push({ id, label: `${c.name} / ${name}` });
      }
    }
    expect(hamlets.length).toBeGreaterThanOrEqual(57);
    const api = activityApi(a);
    for (const kind of ACTIVITY_KINDS) {
      const records = hamlets.flatMap((h, i) =>
        [1, 2].map((j) => ({ ...sampleRecords(h.id)[kind], note: `Thôn số ${i + 1}, bản ghi ${j}` })),
      );
      await a.call('activities.saveMany', api.saveManyInput(kind, records));
    }
    await commit(
      a,
      'unit_year_stats',
      await sheetOf(
        'unit_year_stats',
        hamlets.map((h, i) => ({ year: 2024, unit: h.label, households: 50 + i, residents: 200 + i })),
      ),
    );
    for (const [i, h] of hamlets.entries()) {
      await a.call('organizations.create', organizationInput(h.id, `Cửa hàng số ${i + 1}`));
      await a.call('evaluation.register', registrationInput('unit', h.id, 2025, { householdsRegistered: 40 + i }));
    }

    const registries = Object.keys(REGISTRY_TITLES) as RegistryId[];
    const notReimported: string[] = [];
    let rows = 0;
    for (const registry of registries) {
      const file = await a.call('xlsx.export', { registry, filter: EMPTY_FILTER });
      rows += file.rows;
      const preview = await a.call('xlsx.preview', { registry, fileBase64: file.base64 });
      for (const r of preview.rows) {
        if (r.status !== 'unchanged')
          notReimported.push(`${registry} dòng ${r.rowNumber}: ${r.status} ${[...r.errors, ...r.warnings].join(' ')}`);
      }
    }
    expect(rows).toBeGreaterThan(1000);
    expect(notReimported).toEqual([]);
  }, 300_000);

  it('refuses a name typed without diacritics and suggests both communes', async () => {
    await buildUnits(a);
    const preview = await a.call('xlsx.preview', {
      registry: 'unit_year_stats',
      fileBase64: await sheetOf('unit_year_stats', [{ year: 2025, unit: 'Xa Hoang Phu', households: 10, residents: 40 }]),
    });
    expect(preview.counts.error).toBe(1);
    expect(preview.rows[0]!.errors).toEqual([
      'Cột "Đơn vị": không tìm thấy đơn vị "Xa Hoang Phu" (tên phải ghi đúng dấu). Có phải: "Xã Hoằng Phụ"; "Xã Hoằng Phú"?',
    ]);
    const ambiguous = await a.call('xlsx.preview', {
      registry: 'mass_orgs',
      fileBase64: await sheetOf('mass_orgs', [
        { unit: 'Thôn 1', kind: 'Tổ bảo vệ an ninh, trật tự', name: 'Tổ A', validFrom: '01/07/2024' },
      ]),
    });
    expect(ambiguous.rows[0]!.errors).toEqual([
      'Cột "Đơn vị": có 4 đơn vị "Thôn 1": "Xã Gia Hòa / Thôn 1"; "Xã Gia Hưng / Thôn 1"; "Xã Hoằng Phụ / Thôn 1"; "Xã Hoằng Phú / Thôn 1". Hãy ghi đường dẫn đầy đủ (ví dụ "Xã Gia Hòa / Thôn 1") hoặc mã đơn vị.',
    ]);
  });
});
