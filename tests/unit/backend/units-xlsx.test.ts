/**
 * The unit list sheet ('units', services/xlsx-import/specs/units.spec.ts) through the generic flow:
 * parents matched exactly (code, name, path) and never by folding diacritics, ambiguous parents
 * named with their paths, blank start date stored as NULL, the new kinds xóm and khu, yearly
 * figures, all-or-nothing, idempotent re-import and an export that imports back unchanged.
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UnitDto } from '../../../shared/ipc/contract';
import { EMPTY_FILTER } from '../../../shared/domain/registries';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { dumpDatabase, queryAll, queryOne } from '../../support/sqlite';
import { isVietnameseMessage } from '../../support/vietnamese';
import { GIA_VIEN_SETUP, NINH_BINH_SETUP } from '../../support/offices';
import { EMPTY_PROVINCE_SETUP, provinceSheet, unitSheetBase64, type UnitSheetRow } from '../../support/units-xlsx';

const tmp = useTempDir('antq-units-xlsx-');
let t: TestBackend;

interface UnitRow {
  id: string;
  parent_id: string;
  name: string;
  kind: string;
  level: string;
  code: string | null;
  valid_from: string | null;
}

const db = () => t.backend.databasePath;
const unitNamed = (name: string) => queryAll<UnitRow>(db(), 'SELECT * FROM units WHERE name = ? AND deleted_at IS NULL', name);
const dump = () => dumpDatabase(db());

beforeEach(async () => {
  t = await startBackend(tmp.path(), '2026-11-22T03:00:00.000Z');
});
afterEach(() => t.close());

async function units(): Promise<UnitDto[]> {
  return t.call('units.list', { includeEnded: true });
}

async function named(name: string): Promise<UnitDto> {
  const found = (await units()).filter((u) => u.name === name);
  if (found.length !== 1) throw new Error(`expected one unit named ${name}, found ${found.length}`);
  return found[0]!;
}

async function preview(rows: readonly UnitSheetRow[]) {
  return t.call('xlsx.preview', { registry: 'units', fileBase64: await unitSheetBase64(rows) });
}

async function commit(rows: readonly UnitSheetRow[]) {
  return t.call('xlsx.commit', { registry: 'units', fileBase64: await unitSheetBase64(rows) });
}

describe('template', () => {
  it('has the columns and a kind dropdown with xóm and khu', async () => {
    await t.call('office.setup', GIA_VIEN_SETUP);
    const file = await t.call('xlsx.template', { registry: 'units' });
    expect(file.fileName).toBe('Đơn vị và khu dân cư - mẫu nhập.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const headers = (ws.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual([
      'Đơn vị cấp trên (*)',
      'Tên đơn vị (*)',
      'Loại',
      'Mã',
      'Ngày bắt đầu hoạt động',
      'Năm số liệu',
      'Số hộ',
      'Số nhân khẩu',
    ]);
    const validation = JSON.stringify(ws.getCell('C2').dataValidation);
    expect(validation).toContain('Xóm');
    expect(validation).toContain('Khu');
    expect(validation).toContain('Tổ dân phố');
  });
});

describe('import under a district (Gia Viễn)', () => {
  beforeEach(async () => {
    await t.call('office.setup', GIA_VIEN_SETUP);
  });

  it('creates residential areas with blank start = NULL, kinds xóm and khu (also inferred), and yearly figures', async () => {
    const hoa = await named('Xã Gia Hòa');
    const result = await commit([
      { parent: 'Xã Gia Hòa', name: 'Xóm 1', kind: 'Xóm', validFrom: '15/03/2012', year: 2024, households: 120, residents: 480 },
      { parent: 'Xã Gia Hòa', name: 'Xóm 1', kind: 'Xóm', validFrom: '15/03/2012', year: 2025, households: 125, residents: 490 },
      { parent: hoa.code, name: 'Xóm 2', year: 2025, households: 80, residents: 300 },
      { parent: 'Huyện Gia Viễn / Xã Gia Hòa', name: 'Khu 3' },
      { parent: 'xã gia hòa', name: 'Tổ dân phố 4', kind: 'tổ dân phố' },
    ]);
    expect(result).toEqual({ created: 5, updated: 0, unchanged: 0 });
    const xom1 = unitNamed('Xóm 1')[0]!;
    expect(xom1).toMatchObject({ parent_id: hoa.id, kind: 'xom', level: 'khu_dan_cu', valid_from: '2012-03-15', code: null });
    expect(unitNamed('Xóm 2')[0]).toMatchObject({ kind: 'xom', valid_from: null });
    expect(unitNamed('Khu 3')[0]).toMatchObject({ kind: 'khu', valid_from: null, parent_id: hoa.id });
    expect(unitNamed('Tổ dân phố 4')[0]).toMatchObject({ kind: 'to_dan_pho' });
    expect(
      queryAll(db(), 'SELECT year, households, residents, trong_diem FROM unit_year_stats WHERE unit_id = ? ORDER BY year', xom1.id),
    ).toEqual([
      { year: 2024, households: 120, residents: 480, trong_diem: 0 },
      { year: 2025, households: 125, residents: 490, trong_diem: 0 },
    ]);
    const change = queryOne<{ summary: string; reason: string }>(
      db(),
      "SELECT summary, reason FROM unit_changes WHERE unit_id = ? AND action = 'create'",
      unitNamed('Xóm 2')[0]!.id,
    );
    expect(change).toEqual({
      summary: 'Thêm xóm "Xóm 2" thuộc "Xã Gia Hòa", chưa rõ ngày bắt đầu hoạt động.',
      reason: 'Nhập từ tệp Excel',
    });
  });

  it('re-importing the same file adds nothing; the export imports back unchanged', async () => {
    const rows: UnitSheetRow[] = [
      {
        parent: 'Xã Gia Hòa',
        name: 'Thôn Đông',
        kind: 'Thôn',
        code: 'T01',
        validFrom: '01/01/2015',
        year: 2025,
        households: 210,
        residents: 800,
      },
      { parent: 'Xã Gia Hưng', name: 'Thôn Đông', kind: 'Thôn', year: 2025, households: 150, residents: 600 },
      { parent: 'Xã Gia Hưng', name: 'Xóm Trại' },
    ];
    expect(await commit(rows)).toEqual({ created: 3, updated: 0, unchanged: 0 });
    const before = dump();
    const again = await preview(rows);
    expect(again.counts).toEqual({ new: 0, update: 0, unchanged: 3, error: 0 });
    expect(await commit(rows)).toEqual({ created: 0, updated: 0, unchanged: 3 });
    expect(dump()).toEqual(before);

    const exported = await t.call('xlsx.export', { registry: 'units', filter: EMPTY_FILTER });
    // 18 communes and 3 areas: every unit below the office, one row each (no unit has two years).
    expect(exported.rows).toBe(21);
    const roundTrip = await t.call('xlsx.preview', { registry: 'units', fileBase64: exported.base64 });
    expect(roundTrip.counts).toEqual({ new: 0, update: 0, unchanged: 21, error: 0 });
    expect(await t.call('xlsx.commit', { registry: 'units', fileBase64: exported.base64 })).toEqual({
      created: 0,
      updated: 0,
      unchanged: 21,
    });
    expect(dump()).toEqual(before);
  });

  it('one bad row blocks the whole file, with a Vietnamese message naming the row and the column', async () => {
    const before = dump();
    const rows: UnitSheetRow[] = [
      { parent: 'Xã Gia Hòa', name: 'Thôn 1', kind: 'Thôn' },
      { parent: 'Xã Gia Hòa', name: 'Thôn 2', kind: 'Thôn', year: 2025, households: 300, residents: 200 },
      { parent: 'Xã Gia Hòa', name: 'Thôn 3', kind: 'Thôn' },
    ];
    const p = await preview(rows);
    expect(p.counts).toEqual({ new: 2, update: 0, unchanged: 0, error: 1 });
    const bad = p.rows.find((r) => r.status === 'error')!;
    expect(bad.rowNumber).toBe(3);
    expect(bad.errors.join(' ')).toContain('Cột "Số nhân khẩu"');
    expect(bad.errors.every(isVietnameseMessage)).toBe(true);
    const refused = await t.fail('xlsx.commit', { registry: 'units', fileBase64: await unitSheetBase64(rows) });
    expect(refused.message).toMatch(/1 dòng lỗi; chưa ghi dữ liệu nào/);
    expect(dump()).toEqual(before);
  });

  it('refuses what the unit tree refuses and what contradicts a recorded unit', async () => {
    await t.call('units.create', {
      parentId: (await named('Xã Gia Hòa')).id,
      name: 'Thôn Đông',
      kind: 'thon',
      code: 'T1',
      validFrom: '2020-01-01',
    });
    const p = await preview([
      { parent: 'Xã Gia Hòa', name: 'Thon Dong', kind: 'Thôn' },
      { parent: 'Xã Gia Hòa', name: 'Thôn Đông', kind: 'Xóm' },
      { parent: 'Xã Gia Hòa', name: 'Thôn Tây', kind: 'Xã' },
      { parent: 'Xã Gia Hòa', name: 'Thôn Bắc', kind: 'Thôn', code: 'T1' },
      { parent: 'Xã Gia Hòa', name: 'Thôn Nam', kind: 'Thôn', validFrom: '01/01/2027' },
      { parent: 'Xã Gia Hòa', name: 'Thôn Mới', kind: 'Thôn', validFrom: '01/01/2025', year: 2024, households: 5, residents: 9 },
      { parent: 'Xã Gia Hòa', name: 'Thôn Hạ', households: 5 },
      { parent: 'Xã Gia Hòa', name: 'Nhà văn hóa' },
    ]);
    const errors = p.rows.map((r) => r.errors.join(' '));
    expect(errors[0]).toMatch(/Cột "Tên đơn vị": "Xã Gia Hòa" đã có "Thôn Đông", tên gần giống "Thon Dong"/);
    expect(errors[1]).toMatch(/Cột "Loại": "Thôn Đông" đã có với loại "Thôn", tệp ghi "Xóm"/);
    expect(errors[2]).toMatch(/Cột "Loại": Dưới cấp xã chỉ có thể đặt đơn vị khu dân cư/);
    expect(errors[3]).toMatch(/Cột "Mã": mã "T1" đã được dùng cho "Thôn Đông"/);
    expect(errors[4]).toMatch(/Cột "Ngày bắt đầu hoạt động": ngày bắt đầu hoạt động không được sau ngày hôm nay/);
    expect(errors[5]).toMatch(/Cột "Năm số liệu": đơn vị hoạt động từ 01\/01\/2025 nên không có số liệu năm 2024/);
    expect(errors[6]).toMatch(/Cột "Năm số liệu": cần ghi năm/);
    expect(errors[7]).toMatch(/Cột "Loại": không được để trống \(không suy ra được loại đơn vị từ tên "Nhà văn hóa"/);
    expect(p.counts.error).toBe(8);
  });

  it('fills a blank code or start date of a recorded unit and updates its figures', async () => {
    const hoa = await named('Xã Gia Hòa');
    const dong = await t.call('units.create', { parentId: hoa.id, name: 'Thôn Đông', kind: 'thon', code: null, validFrom: '2020-01-01' });
    await t.call('units.update', { id: dong.id, name: 'Thôn Đông', kind: 'thon', code: null, validFrom: null });
    await commit([{ parent: 'Xã Gia Hòa', name: 'Thôn Đông', year: 2025, households: 100, residents: 400 }]);
    const p = await preview([
      { parent: 'Xã Gia Hòa', name: 'Thôn Đông', code: 'TD', validFrom: '02/09/1975', year: 2025, households: 101 },
    ]);
    expect(p.counts).toEqual({ new: 0, update: 1, unchanged: 0, error: 0 });
    expect(
      await commit([{ parent: 'Xã Gia Hòa', name: 'Thôn Đông', code: 'TD', validFrom: '02/09/1975', year: 2025, households: 101 }]),
    ).toEqual({
      created: 0,
      updated: 1,
      unchanged: 0,
    });
    expect(unitNamed('Thôn Đông')[0]).toMatchObject({ code: 'TD', valid_from: '1975-09-02' });
    // A blank figure keeps what is recorded.
    expect(queryOne(db(), 'SELECT households, residents FROM unit_year_stats WHERE unit_id = ? AND year = 2025', dong.id)).toEqual({
      households: 101,
      residents: 400,
    });
  });

  it('rows of one unit must agree; a row repeated exactly is written once', async () => {
    const p = await preview([
      { parent: 'Xã Gia Hòa', name: 'Thôn 5', kind: 'Thôn', validFrom: '01/01/2010', year: 2024, households: 1, residents: 2 },
      { parent: 'Xã Gia Hòa', name: 'Thôn 5', kind: 'Thôn', validFrom: '01/01/2011', year: 2025, households: 1, residents: 2 },
      { parent: 'Xã Gia Hòa', name: 'Thôn 5', kind: 'Thôn', validFrom: '01/01/2010', year: 2024, households: 1, residents: 2 },
      { parent: 'Xã Gia Hòa', name: 'Thon 6', kind: 'Thôn' },
      { parent: 'Xã Gia Hòa', name: 'Thôn 6', kind: 'Thôn' },
    ]);
    // Issue 14 item 5: two rows are the same only if every field is; the repeat is skipped, not an error.
    expect(p.rows.map((r) => r.status)).toEqual(['new', 'error', 'duplicate', 'new', 'error']);
    expect(p.rows[1]!.errors.join(' ')).toMatch(/cùng đơn vị với một dòng trước nhưng khác loại, mã hoặc ngày bắt đầu/);
    expect(p.rows[2]!.notes.join(' ')).toMatch(/Giống hệt dòng 2: bỏ qua, chỉ ghi một lần/);
    expect(p.rows[4]!.errors.join(' ')).toMatch(/tệp có cả "Thon 6" và "Thôn 6"/);
  });
});

describe('parents: exact match, ambiguity and accent collisions', () => {
  let huyenA: UnitDto;
  let huyenB: UnitDto;

  beforeEach(async () => {
    await t.call('office.setup', NINH_BINH_SETUP);
    const root = (await units()).find((u) => u.parentId === null)!;
    const add = (parentId: string, name: string, kind: UnitDto['kind'], code: string | null = null) =>
      t.call('units.create', { parentId, name, kind, code, validFrom: '2020-01-01' });
    huyenA = await add(root.id, 'Huyện Hoằng Hóa', 'huyen');
    huyenB = await add(root.id, 'Huyện Yên Mô', 'huyen');
    // Both exist side by side in the catalogue: they fold to the same text but are two communes.
    await add(huyenA.id, 'Xã Hoằng Phụ', 'xa', '15901');
    await add(huyenA.id, 'Xã Hoằng Phú', 'xa', '15902');
    await add(huyenA.id, 'Xã Tân Lập', 'xa', '15903');
    await add(huyenB.id, 'Xã Tân Lập', 'xa', '15904');
    for (let i = 1; i <= 11; i++) {
      const ward = await add(i % 2 ? huyenA.id : huyenB.id, `Phường ${i}`, 'phuong');
      await add(ward.id, 'Khu 1', 'khu');
    }
  });

  it('never takes Xã Hoằng Phú for Xã Hoằng Phụ, and only suggests on a name without its diacritics', async () => {
    expect(
      await commit([
        { parent: 'Xã Hoằng Phú', name: 'Thôn Trung', kind: 'Thôn' },
        { parent: 'Xã Hoằng Phụ', name: 'Thôn Trung', kind: 'Thôn' },
      ]),
    ).toEqual({ created: 2, updated: 0, unchanged: 0 });
    const phu = (await units()).find((u) => u.name === 'Xã Hoằng Phú')!;
    const phuDot = (await units()).find((u) => u.name === 'Xã Hoằng Phụ')!;
    expect(
      unitNamed('Thôn Trung')
        .map((u) => u.parent_id)
        .sort(),
    ).toEqual([phu.id, phuDot.id].sort());

    const p = await preview([{ parent: 'Xã Hoang Phu', name: 'Thôn Nam', kind: 'Thôn' }]);
    const message = p.rows[0]!.errors.join(' ');
    expect(message).toMatch(/Cột "Đơn vị cấp trên": không tìm thấy đơn vị "Xã Hoang Phu" \(tên phải ghi đúng dấu\)/);
    expect(message).toContain('"Huyện Hoằng Hóa / Xã Hoằng Phụ"');
    expect(message).toContain('"Huyện Hoằng Hóa / Xã Hoằng Phú"');
    expect(unitNamed('Thôn Nam')).toEqual([]);
    // An unknown parent is the one error shown: the kind cannot be judged without it.
    const noKind = await preview([{ parent: 'Xã Hoang Phu', name: 'Xóm 9' }]);
    expect(noKind.rows[0]!.errors).toHaveLength(1);
    expect(noKind.rows[0]!.errors[0]).toMatch(/^Cột "Đơn vị cấp trên"/);
  });

  it('a parent named ambiguously is a row error listing the units it could be; a path or code settles it', async () => {
    const p = await preview([
      { parent: 'Xã Tân Lập', name: 'Thôn 1', kind: 'Thôn' },
      { parent: 'Khu 1', name: 'Tổ 1', kind: 'Khu' },
      { parent: 'Huyện Yên Mô / Xã Tân Lập', name: 'Thôn 1', kind: 'Thôn' },
      { parent: '15903', name: 'Thôn 1', kind: 'Thôn' },
    ]);
    expect(p.rows.map((r) => r.status)).toEqual(['error', 'error', 'new', 'new']);
    const tanLap = p.rows[0]!.errors.join(' ');
    expect(tanLap).toContain('có 2 đơn vị "Xã Tân Lập": "Huyện Hoằng Hóa / Xã Tân Lập"; "Huyện Yên Mô / Xã Tân Lập"');
    const khu = p.rows[1]!.errors.join(' ');
    expect(khu).toContain('có 11 đơn vị "Khu 1"');
    for (let i = 1; i <= 11; i++) expect(khu).toContain(`/ Phường ${i} / Khu 1"`);
    await commit([
      { parent: 'Huyện Yên Mô / Xã Tân Lập', name: 'Thôn 1', kind: 'Thôn' },
      { parent: '15903', name: 'Thôn 1', kind: 'Thôn' },
    ]);
    const tanLapB = (await units()).find((u) => u.name === 'Xã Tân Lập' && u.parentId === huyenB.id)!;
    const tanLapA = (await units()).find((u) => u.name === 'Xã Tân Lập' && u.parentId === huyenA.id)!;
    expect(
      unitNamed('Thôn 1')
        .map((u) => u.parent_id)
        .sort(),
    ).toEqual([tanLapA.id, tanLapB.id].sort());
  });

  it('the unit tree itself keeps both communes: names differing only in diacritics are different units', async () => {
    const dup = await t.fail('units.create', {
      parentId: huyenA.id,
      name: 'Xa Hoang Phu',
      kind: 'xa',
      code: null,
      validFrom: '2020-01-01',
    });
    expect(dup.code).toBe('CONFLICT');
    const ok = await t.call('units.create', { parentId: huyenA.id, name: 'Xã Hoàng Phú', kind: 'xa', code: null, validFrom: '2020-01-01' });
    expect(ok.name).toBe('Xã Hoàng Phú');
  });
});

describe('a province-sized list', () => {
  it('150 communes, then 2,000 residential areas in one file; the second import adds nothing', async () => {
    await t.call('office.setup', EMPTY_PROVINCE_SETUP);
    const root = (await units()).find((u) => u.parentId === null)!;
    const sheet = provinceSheet(root.name);
    expect(await commit(sheet.communes)).toEqual({ created: 150, updated: 0, unchanged: 0 });
    expect(await commit(sheet.areas)).toEqual({ created: 2000, updated: 0, unchanged: 0 });
    expect(queryOne(db(), "SELECT count(*) AS n FROM units WHERE level = 'khu_dan_cu'")).toEqual({ n: 2000 });
    expect(queryOne(db(), 'SELECT count(*) AS n FROM unit_year_stats WHERE year = 2025')).toEqual({ n: 2000 });
    const kinds = queryAll<{ path: string; kind: string }>(
      db(),
      "SELECT p.name || ' / ' || u.name AS path, u.kind FROM units u JOIN units p ON p.id = u.parent_id WHERE u.level = 'khu_dan_cu'",
    );
    expect(new Map(kinds.map((k) => [k.path, k.kind]))).toEqual(sheet.kinds);
    expect(await commit(sheet.areas)).toEqual({ created: 0, updated: 0, unchanged: 2000 });
  }, 60_000);
});
