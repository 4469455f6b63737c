/**
 * The office set-up and the unit tree's use cases (services/office.service.ts,
 * services/units.service.ts, repos/), driven through the real backend's dispatch on a fresh
 * migrated database per test, and checked against what the SQLite file actually holds.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import type { MethodInput, UnitDto } from '../../../shared/ipc/contract';
import { foldVietnamese, matchesQuery, sortVietnamese } from '../../../shared/lib/text';
import { loadCatalogue } from '../../../electron/backend/catalogue/catalogue';
import { CATALOGUE_PATH, startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { dumpDatabase, queryAll, queryOne, type Row } from '../../support/sqlite';
import { GIA_VIEN_SETUP } from '../../support/offices';
import { refusalChecker } from '../../support/refusals';
import { vietnameseSortKey } from '../../../shared/lib/sort-key';

const START = '2026-11-22T03:00:00.000Z';
const catalogue = loadCatalogue(CATALOGUE_PATH);

const DISTRICT_SETUP = { ...GIA_VIEN_SETUP, code: 'CAH-GV' } as const;

const COMMUNE_SETUP = {
  level: 'xa',
  era: 'sau_2025',
  provinceCode: '15',
  districtCode: null,
  communeCode: '03006',
  name: 'Công an phường Sa Pa',
  code: 'CAP-SP',
  importChildren: true,
} as const satisfies MethodInput<'office.setup'>;

const PROVINCE_SETUP_AFTER = {
  level: 'tinh',
  era: 'sau_2025',
  provinceCode: '15',
  districtCode: null,
  communeCode: null,
  name: 'Công an tỉnh Lào Cai',
  code: 'CAT-LC',
  importChildren: false,
} as const satisfies MethodInput<'office.setup'>;

const tmp = useTempDir('antq-units-');
let t: TestBackend;

beforeEach(async () => {
  t = await startBackend(tmp.path(), START);
});
afterEach(() => {
  t.close();
});

const dump = () => dumpDatabase(t.backend.databasePath);
const rows = (sql: string, ...params: unknown[]) => queryAll(t.backend.databasePath, sql, ...params);
const row = (sql: string, ...params: unknown[]) => queryOne(t.backend.databasePath, sql, ...params);
const unitRow = (id: string) => row('SELECT * FROM units WHERE id = ?', id);
const changesOf = (id: string) => rows('SELECT * FROM unit_changes WHERE unit_id = ? ORDER BY at, rowid', id);
const countChanges = () => Number(row('SELECT count(*) AS n FROM unit_changes')?.['n']);

async function all(includeEnded = true): Promise<UnitDto[]> {
  return t.call('units.list', { includeEnded });
}

async function byName(name: string, parentId?: string): Promise<UnitDto> {
  const found = (await all()).filter((u) => u.name === name && (parentId === undefined || u.parentId === parentId));
  if (found.length !== 1) throw new Error(`expected one unit named ${name}, found ${found.length}`);
  return found[0]!;
}

interface District {
  root: UnitDto;
  hoa: UnitDto;
  hung: UnitDto;
}

async function setupDistrict(): Promise<District> {
  await t.call('office.setup', DISTRICT_SETUP);
  return { root: await byName('Huyện Gia Viễn'), hoa: await byName('Xã Gia Hòa'), hung: await byName('Xã Gia Hưng') };
}

async function addUnit(parentId: string, name: string, extra: Partial<MethodInput<'units.create'>> = {}): Promise<UnitDto> {
  return t.call('units.create', { parentId, name, kind: 'thon', code: null, validFrom: '2020-01-01', ...extra });
}

/** The refusal must come with a Vietnamese message and leave every table exactly as it was. */
const expectRefused = refusalChecker(() => t, dump);

describe('office.setup', () => {
  it('sets up a district office (before 2025) with its 18 communes from the catalogue', async () => {
    const out = await t.call('office.setup', DISTRICT_SETUP);
    expect(out.unitsCreated).toBe(19);
    expect(out.office).toMatchObject({
      level: 'huyen',
      era: 'truoc_2025',
      name: 'Công an huyện Gia Viễn',
      code: 'CAH-GV',
      provinceCode: '37',
      createdAt: START,
    });
    expect(await t.call('office.get', {})).toEqual(out.office);

    const office = rows('SELECT * FROM office');
    expect(office).toEqual([
      {
        id: out.office.id,
        singleton: 1,
        level: 'huyen',
        era: 'truoc_2025',
        name: 'Công an huyện Gia Viễn',
        code: 'CAH-GV',
        province_code: '37',
        root_unit_id: out.office.rootUnitId,
        created_at: START,
        updated_at: START,
      },
    ]);

    const units = rows('SELECT * FROM units ORDER BY code');
    expect(units).toHaveLength(19);
    const root = units.find((u) => u['parent_id'] === null)!;
    expect(root).toEqual({
      id: out.office.rootUnitId,
      parent_id: null,
      level: 'huyen',
      kind: 'huyen',
      name: 'Huyện Gia Viễn',
      sort_key: vietnameseSortKey('Huyện Gia Viễn'),
      name_folded: 'huyen gia vien 373',
      code: '373',
      valid_from: null,
      valid_to: null,
      end_reason: null,
      source: 'catalogue',
      created_at: START,
      updated_at: START,
      deleted_at: null,
    });
    const communes = units.filter((u) => u['parent_id'] !== null);
    const expected = catalogue.communes('truoc_2025', '373');
    expect(expected).toHaveLength(18);
    expect(communes.map((c) => [c['code'], c['name'], c['kind']])).toEqual(expected.map((c) => [c.code, c.name, c.kind]));
    for (const c of communes) {
      expect(c).toMatchObject({
        parent_id: root['id'],
        level: 'xa',
        valid_from: null,
        valid_to: null,
        source: 'catalogue',
        created_at: START,
        updated_at: START,
        deleted_at: null,
      });
      expect(c['name_folded']).toBe(foldVietnamese(`${String(c['name'])} ${String(c['code'])}`));
    }
    expect(communes.filter((c) => c['kind'] === 'thi_tran').map((c) => c['name'])).toEqual(['Thị trấn Thịnh Vượng']);

    const changes = rows('SELECT * FROM unit_changes');
    expect(changes).toHaveLength(19);
    expect(new Set(changes.map((c) => c['unit_id']))).toEqual(new Set(units.map((u) => u['id'])));
    for (const c of changes) {
      expect(c).toMatchObject({ action: 'create', at: START, reason: null });
      expect(JSON.parse(String(c['data']))).toMatchObject({ source: catalogue.sources.truoc_2025 });
    }
    // every id is a distinct UUID
    const ids = [...units.map((u) => u['id']), ...changes.map((c) => c['id']), out.office.id];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('creates only the root when importChildren is false', async () => {
    const out = await t.call('office.setup', { ...DISTRICT_SETUP, importChildren: false });
    expect(out.unitsCreated).toBe(1);
    expect(rows('SELECT id FROM units')).toEqual([{ id: out.office.rootUnitId }]);
  });

  it('sets up a commune office after 2025: one unit, in force from 01/07/2025', async () => {
    const out = await t.call('office.setup', COMMUNE_SETUP);
    expect(out.unitsCreated).toBe(1);
    expect(out.office).toMatchObject({ level: 'xa', era: 'sau_2025', provinceCode: '15' });
    expect(rows('SELECT * FROM units')).toEqual([
      {
        id: out.office.rootUnitId,
        parent_id: null,
        level: 'xa',
        kind: 'phuong',
        name: 'Phường Sa Pa',
        sort_key: vietnameseSortKey('Phường Sa Pa'),
        name_folded: 'phuong sa pa 03006',
        code: '03006',
        valid_from: '2025-07-01',
        valid_to: null,
        end_reason: null,
        source: 'catalogue',
        created_at: START,
        updated_at: START,
        deleted_at: null,
      },
    ]);
    expect(rows('SELECT action, at FROM unit_changes')).toEqual([{ action: 'create', at: START }]);
  });

  it('sets up a province office before 2025 with districts and communes under the right parents', async () => {
    const out = await t.call('office.setup', {
      ...DISTRICT_SETUP,
      level: 'tinh',
      districtCode: null,
      name: 'Công an tỉnh Ninh Bình',
      code: 'CAT-NB',
    });
    const districts = catalogue.districts('37');
    const communes = districts.flatMap((d) => catalogue.communes('truoc_2025', d.code));
    expect(out.unitsCreated).toBe(1 + districts.length + communes.length);
    const units = rows('SELECT id, parent_id, code, level FROM units') as {
      id: string;
      parent_id: string | null;
      code: string;
      level: string;
    }[];
    const idByCode = new Map(units.map((u) => [u.code, u.id]));
    expect(idByCode.get('37')).toBe(out.office.rootUnitId);
    for (const d of districts) expect(units.find((u) => u.code === d.code)?.parent_id).toBe(out.office.rootUnitId);
    for (const c of communes) {
      const u = units.find((x) => x.code === c.code)!;
      expect(u.parent_id).toBe(idByCode.get(c.parentCode!));
      expect(u.level).toBe('xa');
    }
  });

  it('sets up a province office after 2025 with its communes directly below it', async () => {
    const out = await t.call('office.setup', { ...PROVINCE_SETUP_AFTER, importChildren: true });
    const communes = catalogue.communes('sau_2025', '15');
    expect(out.unitsCreated).toBe(1 + communes.length);
    const below = rows('SELECT DISTINCT parent_id, level, valid_from FROM units WHERE parent_id IS NOT NULL');
    expect(below).toEqual([{ parent_id: out.office.rootUnitId, level: 'xa', valid_from: '2025-07-01' }]);
  });

  it('refuses a second set-up with SETUP_STATE and changes nothing', async () => {
    await t.call('office.setup', DISTRICT_SETUP);
    t.clock.set('2026-11-23T00:00:00Z');
    await expectRefused('office.setup', DISTRICT_SETUP, 'SETUP_STATE');
    await expectRefused('office.setup', COMMUNE_SETUP, 'SETUP_STATE');
  });

  it.each([
    ['a district of another province', { ...DISTRICT_SETUP, provinceCode: '01' }, /không thuộc tỉnh/],
    ['a district office after the reform', { ...DISTRICT_SETUP, era: 'sau_2025', provinceCode: '15' }, /trước sắp xếp năm 2025/],
    ['a district office without a district', { ...DISTRICT_SETUP, districtCode: null }, /Hãy chọn huyện/],
    ['an unknown province code', { ...DISTRICT_SETUP, provinceCode: '99' }, /Không tìm thấy/],
    ['an unknown district code', { ...DISTRICT_SETUP, districtCode: '999' }, /Không tìm thấy/],
    ['a commune code given as the district', { ...DISTRICT_SETUP, districtCode: '14467' }, /không thuộc tỉnh/],
    ['a district code given as the province', { ...DISTRICT_SETUP, level: 'tinh', provinceCode: '373', districtCode: null }, /tỉnh/],
    ['a commune office without a commune', { ...COMMUNE_SETUP, communeCode: null }, /Hãy chọn xã/],
    ['a commune of another province (after 2025)', { ...COMMUNE_SETUP, provinceCode: '01' }, /không thuộc tỉnh/],
    // 03006 before the reform is Phường Phan Si Păng of Lào Cai (10), not of Yên Bái (15)
    ['a commune of another province (before 2025)', { ...COMMUNE_SETUP, era: 'truoc_2025' }, /không thuộc tỉnh/],
    ['an unknown commune code', { ...COMMUNE_SETUP, communeCode: '99999' }, /Không tìm thấy/],
  ] as const)('refuses %s with VALIDATION and writes nothing', async (_label, input, pattern) => {
    const error = await expectRefused('office.setup', input, 'VALIDATION', pattern);
    expect(error.message.length).toBeGreaterThan(0);
    expect(rows('SELECT * FROM units')).toEqual([]);
    expect(rows('SELECT * FROM office')).toEqual([]);
  });

  it('accepts a commune office before the reform when the commune is in the province', async () => {
    const out = await t.call('office.setup', { ...COMMUNE_SETUP, era: 'truoc_2025', provinceCode: '10' });
    expect(out.unitsCreated).toBe(1);
    expect(unitRow(out.office.rootUnitId)).toMatchObject({ name: 'Phường Phan Si Păng', valid_from: null, kind: 'phuong' });
  });
});

describe('changing units, with the change log and the injected clock', () => {
  it('create → rename → recode → move → end → reopen → delete, each stored and logged', async () => {
    const { hoa, hung } = await setupDistrict();

    // create
    t.clock.set('2026-11-23T01:00:00.000Z');
    const created = await t.call('units.create', {
      parentId: hoa.id,
      name: '  Thôn 1 ',
      kind: 'thon',
      code: 'T01',
      validFrom: '2020-01-01',
    });
    expect(created).toMatchObject({
      parentId: hoa.id,
      level: 'khu_dan_cu',
      kind: 'thon',
      name: 'Thôn 1',
      code: 'T01',
      validFrom: '2020-01-01',
      validTo: null,
      endReason: null,
      source: 'manual',
      createdAt: '2026-11-23T01:00:00.000Z',
      updatedAt: '2026-11-23T01:00:00.000Z',
    });
    expect(unitRow(created.id)).toEqual({
      id: created.id,
      parent_id: hoa.id,
      level: 'khu_dan_cu',
      kind: 'thon',
      name: 'Thôn 1',
      sort_key: vietnameseSortKey('Thôn 1'),
      name_folded: 'thon 1 t01',
      code: 'T01',
      valid_from: '2020-01-01',
      valid_to: null,
      end_reason: null,
      source: 'manual',
      created_at: '2026-11-23T01:00:00.000Z',
      updated_at: '2026-11-23T01:00:00.000Z',
      deleted_at: null,
    });
    let log = changesOf(created.id);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ action: 'create', at: '2026-11-23T01:00:00.000Z', reason: null });
    expect(log[0]?.['summary']).toBe('Thêm thôn "Thôn 1" thuộc "Xã Gia Hòa", hoạt động từ 01/01/2020.');

    // rename
    t.clock.set('2026-11-24T01:00:00.000Z');
    const renamed = await t.call('units.update', { id: created.id, name: 'Thôn Một', kind: 'thon', code: 'T01', validFrom: '2020-01-01' });
    expect(renamed).toMatchObject({ name: 'Thôn Một', createdAt: '2026-11-23T01:00:00.000Z', updatedAt: '2026-11-24T01:00:00.000Z' });
    expect(unitRow(created.id)).toMatchObject({
      name: 'Thôn Một',
      sort_key: vietnameseSortKey('Thôn Một'),
      name_folded: 'thon mot t01',
      created_at: '2026-11-23T01:00:00.000Z',
      updated_at: '2026-11-24T01:00:00.000Z',
    });
    log = changesOf(created.id);
    expect(log.at(-1)).toMatchObject({ action: 'update', at: '2026-11-24T01:00:00.000Z', summary: 'Đổi tên "Thôn 1" thành "Thôn Một".' });
    expect(JSON.parse(String(log.at(-1)?.['data']))).toMatchObject({ before: { name: 'Thôn 1' }, after: { name: 'Thôn Một' } });

    // recode, and change the kind within the same level
    t.clock.set('2026-11-25T01:00:00.000Z');
    await t.call('units.update', { id: created.id, name: 'Thôn Một', kind: 'to_dan_pho', code: 'T02', validFrom: '2020-01-01' });
    expect(unitRow(created.id)).toMatchObject({
      code: 'T02',
      kind: 'to_dan_pho',
      name_folded: 'thon mot t02',
      updated_at: '2026-11-25T01:00:00.000Z',
    });
    expect(changesOf(created.id).at(-1)?.['summary']).toBe('Đổi mã "T01" thành "T02"; đổi loại Thôn thành Tổ dân phố.');

    // an update that changes nothing writes nothing
    t.clock.set('2026-11-25T02:00:00.000Z');
    const before = dump();
    await t.call('units.update', { id: created.id, name: 'Thôn Một', kind: 'to_dan_pho', code: 'T02', validFrom: '2020-01-01' });
    expect(dump()).toEqual(before);

    // move
    t.clock.set('2026-11-26T01:00:00.000Z');
    const moved = await t.call('units.move', { id: created.id, newParentId: hung.id });
    expect(moved.parentId).toBe(hung.id);
    expect(unitRow(created.id)).toMatchObject({ parent_id: hung.id, updated_at: '2026-11-26T01:00:00.000Z' });
    const moveLog = changesOf(created.id).at(-1)!;
    expect(moveLog).toMatchObject({
      action: 'move',
      at: '2026-11-26T01:00:00.000Z',
      summary: 'Chuyển từ "Xã Gia Hòa" sang "Xã Gia Hưng".',
    });
    expect(JSON.parse(String(moveLog['data']))).toEqual({ from: hoa.id, to: hung.id });
    // moving to where it already is does nothing
    const beforeNoMove = dump();
    await t.call('units.move', { id: created.id, newParentId: hung.id });
    expect(dump()).toEqual(beforeNoMove);

    // end
    t.clock.set('2026-11-27T01:00:00.000Z');
    const ended = await t.call('units.end', { id: created.id, validTo: '2026-01-01', reason: ' Sáp nhập vào Thôn 2 ' });
    expect(ended.endedDescendants).toBe(0);
    expect(ended.unit).toMatchObject({ validTo: '2026-01-01', endReason: 'Sáp nhập vào Thôn 2' });
    expect(unitRow(created.id)).toMatchObject({
      valid_to: '2026-01-01',
      end_reason: 'Sáp nhập vào Thôn 2',
      updated_at: '2026-11-27T01:00:00.000Z',
    });
    expect(changesOf(created.id).at(-1)).toMatchObject({
      action: 'end',
      at: '2026-11-27T01:00:00.000Z',
      reason: 'Sáp nhập vào Thôn 2',
      summary: 'Kết thúc hoạt động từ ngày 01/01/2026.',
    });

    // reopen
    t.clock.set('2026-11-28T01:00:00.000Z');
    const reopened = await t.call('units.reopen', { id: created.id });
    expect(reopened).toMatchObject({ validTo: null, endReason: null });
    expect(unitRow(created.id)).toMatchObject({ valid_to: null, end_reason: null, updated_at: '2026-11-28T01:00:00.000Z' });
    expect(changesOf(created.id).at(-1)).toMatchObject({
      action: 'reopen',
      at: '2026-11-28T01:00:00.000Z',
      reason: 'Sáp nhập vào Thôn 2',
      summary: 'Khôi phục hoạt động (trước đó kết thúc từ ngày 01/01/2026).',
    });
    // reopening an active unit does nothing
    const beforeNoReopen = dump();
    await t.call('units.reopen', { id: created.id });
    expect(dump()).toEqual(beforeNoReopen);

    // the detail view: path, counts, history newest first
    const detail = await t.call('units.get', { id: created.id });
    expect(detail.path.map((p) => p.name)).toEqual(['Huyện Gia Viễn', 'Xã Gia Hưng', 'Thôn Một']);
    expect(detail.history.map((h) => h.action)).toEqual(['reopen', 'end', 'move', 'update', 'update', 'create']);
    expect(detail.history.map((h) => h.at)).toEqual([...detail.history.map((h) => h.at)].sort().reverse());

    // delete: a tombstone, not a removed row
    t.clock.set('2026-11-29T01:00:00.000Z');
    expect(await t.call('units.delete', { id: created.id })).toEqual({ id: created.id });
    expect(unitRow(created.id)).toMatchObject({
      deleted_at: '2026-11-29T01:00:00.000Z',
      updated_at: '2026-11-29T01:00:00.000Z',
      name: 'Thôn Một',
    });
    expect(changesOf(created.id).at(-1)).toMatchObject({
      action: 'delete',
      at: '2026-11-29T01:00:00.000Z',
      summary: 'Xóa "Thôn Một" (nhập nhầm).',
    });
    expect((await all(true)).some((u) => u.id === created.id)).toBe(false);
    expect((await t.fail('units.get', { id: created.id })).code).toBe('NOT_FOUND');
    expect((await t.fail('units.update', { id: created.id, name: 'X', kind: 'thon', code: null, validFrom: null })).code).toBe('NOT_FOUND');
    expect((await t.fail('units.delete', { id: created.id })).code).toBe('NOT_FOUND');
    expect(changesOf(created.id).map((c) => c['action'])).toEqual(['create', 'update', 'update', 'move', 'end', 'reopen', 'delete']);
  });

  it('frees the code and the name of a deleted unit for a new sibling', async () => {
    const { hoa } = await setupDistrict();
    const first = await addUnit(hoa.id, 'Thôn 1', { code: 'T01' });
    await t.call('units.delete', { id: first.id });
    const again = await addUnit(hoa.id, 'Thôn 1', { code: 'T01' });
    expect(again.id).not.toBe(first.id);
    expect(rows("SELECT count(*) AS n FROM units WHERE code = 'T01'")).toEqual([{ n: 2 }]);
  });

  it('allows the same code and name under different parents', async () => {
    const { hoa, hung } = await setupDistrict();
    await addUnit(hoa.id, 'Thôn 1', { code: 'T01' });
    const other = await addUnit(hung.id, 'Thôn 1', { code: 'T01' });
    expect(other.parentId).toBe(hung.id);
  });

  it('allows a new unit with the name of a sibling that has ended', async () => {
    const { hoa } = await setupDistrict();
    const old = await addUnit(hoa.id, 'Thôn 1');
    await t.call('units.end', { id: old.id, validTo: '2025-01-01', reason: 'Sáp nhập' });
    const fresh = await addUnit(hoa.id, 'Thôn 1', { validFrom: '2025-01-02' });
    expect(fresh.validTo).toBeNull();
    // …but the ended one cannot come back while the new one is active
    await expectRefused('units.reopen', { id: old.id }, 'CONFLICT');
  });

  it('stores an empty code as null', async () => {
    const { hoa } = await setupDistrict();
    const u = await addUnit(hoa.id, 'Thôn 1', { code: '' });
    expect(unitRow(u.id)).toMatchObject({ code: null, name_folded: 'thon 1' });
  });
});

describe('refusals change nothing', () => {
  it('refuses an empty name (VALIDATION)', async () => {
    const { hoa } = await setupDistrict();
    await expectRefused('units.create', { parentId: hoa.id, name: '   ', kind: 'thon', code: null, validFrom: '2020-01-01' }, 'VALIDATION');
    const u = await addUnit(hoa.id, 'Thôn 1');
    await expectRefused('units.update', { id: u.id, name: '', kind: 'thon', code: null, validFrom: null }, 'VALIDATION');
  });

  it('refuses a code already used by a sibling (CONFLICT), also a catalogue code', async () => {
    const { root, hoa } = await setupDistrict();
    await addUnit(hoa.id, 'Thôn 1', { code: 'T01' });
    const err = await expectRefused(
      'units.create',
      { parentId: hoa.id, name: 'Thôn 2', kind: 'thon', code: 'T01', validFrom: '2020-01-01' },
      'CONFLICT',
      /"T01"/,
    );
    expect(err.details).toEqual({ code: 'Mã đã được dùng' });
    await expectRefused(
      'units.create',
      { parentId: root.id, name: 'Xã Mới', kind: 'xa', code: '14467', validFrom: '2020-01-01' },
      'CONFLICT',
      /Xã Gia Hòa/,
    );
    const t2 = await addUnit(hoa.id, 'Thôn 2', { code: 'T02' });
    await expectRefused('units.update', { id: t2.id, name: 'Thôn 2', kind: 'thon', code: 'T01', validFrom: '2020-01-01' }, 'CONFLICT');
  });

  it('refuses the name of an active sibling, ignoring case, diacritics, spacing and Unicode form (CONFLICT)', async () => {
    const { hoa } = await setupDistrict();
    await addUnit(hoa.id, 'Thôn 1');
    for (const name of ['thôn 1', 'THÔN 1', 'Thon 1', '  Thôn 1  ', 'Thôn 1'.normalize('NFD')]) {
      const err = await expectRefused(
        'units.create',
        { parentId: hoa.id, name, kind: 'thon', code: null, validFrom: '2020-01-01' },
        'CONFLICT',
      );
      expect(err.message).toContain('"Thôn 1"');
      expect(err.details).toEqual({ name: 'Tên đã có' });
    }
    const t2 = await addUnit(hoa.id, 'Thôn 2');
    await expectRefused('units.update', { id: t2.id, name: 'thôn 1', kind: 'thon', code: null, validFrom: '2020-01-01' }, 'CONFLICT');
  });

  it('refuses moving a unit into a parent that already has an active unit of that name (CONFLICT)', async () => {
    const { hoa, hung } = await setupDistrict();
    const a = await addUnit(hoa.id, 'Thôn 1');
    await addUnit(hung.id, 'thôn 1');
    await expectRefused('units.move', { id: a.id, newParentId: hung.id }, 'CONFLICT');
  });

  it('refuses moving a unit under itself or its own descendant (RULE)', async () => {
    const { hoa } = await setupDistrict();
    const thon = await addUnit(hoa.id, 'Thôn 1');
    await expectRefused('units.move', { id: hoa.id, newParentId: thon.id }, 'RULE', /chính nó hoặc vào đơn vị trực thuộc/);
    await expectRefused('units.move', { id: hoa.id, newParentId: hoa.id }, 'RULE', /chính nó/);
  });

  it('refuses moving a xã under a khu dân cư, a thôn under the huyện, and the root anywhere (RULE)', async () => {
    const { root, hoa, hung } = await setupDistrict();
    const thon = await addUnit(hoa.id, 'Thôn 1');
    await expectRefused('units.move', { id: hung.id, newParentId: thon.id }, 'RULE', /cấp thấp nhất/);
    await expectRefused('units.move', { id: thon.id, newParentId: root.id }, 'RULE', /Dưới cấp huyện chỉ có thể đặt đơn vị cấp xã/);
    await expectRefused('units.move', { id: root.id, newParentId: hoa.id }, 'RULE', /đơn vị gốc/);
  });

  it('refuses moving into an ended unit (RULE)', async () => {
    const { hoa, hung } = await setupDistrict();
    const thon = await addUnit(hoa.id, 'Thôn 1');
    await t.call('units.end', { id: hung.id, validTo: '2025-06-30', reason: 'Sáp nhập' });
    await expectRefused('units.move', { id: thon.id, newParentId: hung.id }, 'RULE', /đã kết thúc hoạt động/);
  });

  it('refuses ending before the start, ending twice, and ending the root (RULE)', async () => {
    const { root, hoa } = await setupDistrict();
    const thon = await addUnit(hoa.id, 'Thôn 1', { validFrom: '2021-05-10' });
    await expectRefused('units.end', { id: thon.id, validTo: '2021-05-09', reason: 'Nhầm' }, 'RULE', /09\/05\/2021.*10\/05\/2021/);
    await expectRefused('units.end', { id: root.id, validTo: '2026-01-01', reason: 'Giải thể' }, 'RULE', /đơn vị gốc/);
    await t.call('units.end', { id: thon.id, validTo: '2021-05-10', reason: 'Sáp nhập' }); // the start day itself is fine
    await expectRefused('units.end', { id: thon.id, validTo: '2022-01-01', reason: 'Lần nữa' }, 'RULE', /đã kết thúc từ ngày 10\/05\/2021/);
  });

  it('refuses ending a xã before a khu dân cư below it started (RULE), naming that unit', async () => {
    const { hoa } = await setupDistrict();
    await addUnit(hoa.id, 'Thôn Mới', { validFrom: '2026-03-01' });
    await expectRefused('units.end', { id: hoa.id, validTo: '2026-01-01', reason: 'Sáp nhập' }, 'RULE', /Thôn Mới/);
  });

  it('refuses deleting a unit with children (even ended ones) and the root (RULE)', async () => {
    const { root, hoa } = await setupDistrict();
    const thon = await addUnit(hoa.id, 'Thôn 1');
    await expectRefused('units.delete', { id: hoa.id }, 'RULE', /còn 1 đơn vị trực thuộc/);
    await t.call('units.end', { id: thon.id, validTo: '2025-01-01', reason: 'Sáp nhập' });
    await expectRefused('units.delete', { id: hoa.id }, 'RULE', /còn 1 đơn vị trực thuộc/);
    await expectRefused('units.delete', { id: root.id }, 'RULE', /đơn vị gốc/);
  });

  it('refuses creating under an ended unit, at the wrong level, or under a unit that does not exist', async () => {
    const { root, hoa } = await setupDistrict();
    await t.call('units.end', { id: hoa.id, validTo: '2025-06-30', reason: 'Sáp nhập' });
    await expectRefused(
      'units.create',
      { parentId: hoa.id, name: 'Thôn 1', kind: 'thon', code: null, validFrom: '2020-01-01' },
      'RULE',
      /đã kết thúc hoạt động/,
    );
    await expectRefused(
      'units.create',
      { parentId: root.id, name: 'Thôn 1', kind: 'thon', code: null, validFrom: '2020-01-01' },
      'RULE',
      /cấp xã/,
    );
    await expectRefused(
      'units.create',
      { parentId: '3f2b8c1e-9d4a-4e6b-8f1a-2c3d4e5f6a7b', name: 'Thôn 1', kind: 'thon', code: null, validFrom: '2020-01-01' },
      'NOT_FOUND',
    );
  });

  it('refuses changing the kind to another level, and a start after the end of an ended unit (RULE)', async () => {
    const { hoa } = await setupDistrict();
    const thon = await addUnit(hoa.id, 'Thôn 1');
    await expectRefused(
      'units.update',
      { id: thon.id, name: 'Thôn 1', kind: 'xa', code: null, validFrom: '2020-01-01' },
      'RULE',
      /cấp khác/,
    );
    await t.call('units.end', { id: thon.id, validTo: '2024-12-31', reason: 'Sáp nhập' });
    await expectRefused(
      'units.update',
      { id: thon.id, name: 'Thôn 1', kind: 'thon', code: null, validFrom: '2025-01-01' },
      'RULE',
      /31\/12\/2024/,
    );
  });

  it('refuses reopening a unit whose parent has ended (RULE)', async () => {
    const { hoa } = await setupDistrict();
    const thon = await addUnit(hoa.id, 'Thôn 1');
    await t.call('units.end', { id: hoa.id, validTo: '2025-06-30', reason: 'Sáp nhập' });
    await expectRefused('units.reopen', { id: thon.id }, 'RULE', /Xã Gia Hòa/);
  });

  it('refuses unit changes before the office is set up (SETUP_STATE)', async () => {
    await expectRefused(
      'units.create',
      { parentId: '3f2b8c1e-9d4a-4e6b-8f1a-2c3d4e5f6a7b', name: 'Thôn 1', kind: 'thon', code: null, validFrom: '2020-01-01' },
      'SETUP_STATE',
    );
  });

  it('refuses commune kinds that do not exist in the office’s era (đặc khu before 2025, thị trấn after)', async () => {
    // domain.md §3.1 and communeKindsFor(): thị trấn no longer exists after the reform; đặc khu only after it.
    const { root, hoa } = await setupDistrict();
    await expectRefused('units.create', { parentId: root.id, name: 'Đặc khu Mới', kind: 'dac_khu', code: null, validFrom: '2020-01-01' }, [
      'RULE',
      'VALIDATION',
    ]);
    await expectRefused('units.update', { id: hoa.id, name: 'Xã Gia Hòa', kind: 'dac_khu', code: '14467', validFrom: null }, [
      'RULE',
      'VALIDATION',
    ]);
  });

  it('refuses a thị trấn under a province office after the reform', async () => {
    const out = await t.call('office.setup', PROVINCE_SETUP_AFTER);
    await expectRefused(
      'units.create',
      { parentId: out.office.rootUnitId, name: 'Thị trấn Mới', kind: 'thi_tran', code: null, validFrom: '2025-07-01' },
      ['RULE', 'VALIDATION'],
    );
    const xa = await t.call('units.create', {
      parentId: out.office.rootUnitId,
      name: 'Xã Mới',
      kind: 'xa',
      code: null,
      validFrom: '2025-07-01',
    });
    await expectRefused('units.update', { id: xa.id, name: 'Xã Mới', kind: 'thi_tran', code: null, validFrom: '2025-07-01' }, [
      'RULE',
      'VALIDATION',
    ]);
  });
});

describe('ending a xã', () => {
  it('ends its active khu dân cư with it, but leaves already-ended ones as they were', async () => {
    const { hoa } = await setupDistrict();
    const t1 = await addUnit(hoa.id, 'Thôn 1');
    const t2 = await addUnit(hoa.id, 'Thôn 2');
    const t3 = await addUnit(hoa.id, 'Thôn 3');
    t.clock.set('2026-11-23T00:00:00.000Z');
    await t.call('units.end', { id: t3.id, validTo: '2025-01-01', reason: 'Sáp nhập vào Thôn 2' });
    const changesBefore = countChanges();

    t.clock.set('2026-11-24T00:00:00.000Z');
    const out = await t.call('units.end', { id: hoa.id, validTo: '2026-06-30', reason: 'Sáp nhập xã' });
    expect(out.endedDescendants).toBe(2);
    expect(out.unit).toMatchObject({ id: hoa.id, validTo: '2026-06-30', endReason: 'Sáp nhập xã' });
    for (const id of [hoa.id, t1.id, t2.id]) {
      expect(unitRow(id)).toMatchObject({ valid_to: '2026-06-30', end_reason: 'Sáp nhập xã', updated_at: '2026-11-24T00:00:00.000Z' });
    }
    expect(unitRow(t3.id)).toMatchObject({
      valid_to: '2025-01-01',
      end_reason: 'Sáp nhập vào Thôn 2',
      updated_at: '2026-11-23T00:00:00.000Z',
    });

    expect(countChanges()).toBe(changesBefore + 3);
    const ends = rows("SELECT unit_id, summary, reason FROM unit_changes WHERE action = 'end' AND at = '2026-11-24T00:00:00.000Z'");
    expect(new Set(ends.map((e) => e['unit_id']))).toEqual(new Set([hoa.id, t1.id, t2.id]));
    expect(ends.find((e) => e['unit_id'] === t1.id)?.['summary']).toBe('Kết thúc hoạt động từ ngày 30/06/2026 cùng với "Xã Gia Hòa".');

    const detail = await t.call('units.get', { id: hoa.id });
    expect(detail).toMatchObject({ activeChildren: 0, endedChildren: 3 });
    expect((await all(false)).some((u) => [hoa.id, t1.id, t2.id, t3.id].includes(u.id))).toBe(false);
  });

  it('reopening the xã brings back the xã only', async () => {
    const { hoa } = await setupDistrict();
    const t1 = await addUnit(hoa.id, 'Thôn 1');
    await t.call('units.end', { id: hoa.id, validTo: '2026-06-30', reason: 'Sáp nhập' });
    await t.call('units.reopen', { id: hoa.id });
    expect(unitRow(hoa.id)).toMatchObject({ valid_to: null });
    expect(unitRow(t1.id)).toMatchObject({ valid_to: '2026-06-30' });
    expect(await t.call('units.get', { id: hoa.id })).toMatchObject({ activeChildren: 0, endedChildren: 1 });
  });
});

describe('units.search', () => {
  async function search(query: string, includeEnded = false, limit = 500) {
    return t.call('units.search', { query, includeEnded, limit });
  }
  const names = (hits: { unit: UnitDto }[]) => hits.map((h) => h.unit.name);

  /** What the search should find: every live unit whose name and code contain every query word. */
  async function oracle(query: string, includeEnded: boolean): Promise<string[]> {
    const units = await all(includeEnded);
    return units
      .filter((u) => foldVietnamese(query) !== '' && matchesQuery(`${u.name} ${u.code ?? ''}`, query))
      .map((u) => u.id)
      .sort();
  }

  it('finds "Thôn 3" from "thon 3", with its path from the top', async () => {
    const { hoa, hung } = await setupDistrict();
    await addUnit(hoa.id, 'Thôn 3');
    await addUnit(hoa.id, 'Thôn 4');
    const hits = await search('thon 3');
    expect(hits).toEqual([
      { unit: expect.objectContaining({ name: 'Thôn 3', parentId: hoa.id }) as unknown, path: ['Huyện Gia Viễn', 'Xã Gia Hòa', 'Thôn 3'] },
    ]);
    await addUnit(hung.id, 'Thôn 3');
    expect((await search('THÔN 3')).map((h) => h.path)).toEqual([
      ['Huyện Gia Viễn', 'Xã Gia Hòa', 'Thôn 3'],
      ['Huyện Gia Viễn', 'Xã Gia Hưng', 'Thôn 3'],
    ]);
  });

  it('matches parts of words, any word order, without diacritics, and official codes', async () => {
    await setupDistrict();
    expect(names(await search('hoa'))).toEqual(['Xã Gia Hòa']);
    expect(names(await search('hòa gia'))).toEqual(['Xã Gia Hòa']);
    expect(names(await search('thinh vuo'))).toEqual(['Thị trấn Thịnh Vượng']);
    expect(names(await search('14467'))).toEqual(['Xã Gia Hòa']);
    expect(names(await search('vien'))).toEqual(['Huyện Gia Viễn']);
    expect(await search('   ')).toEqual([]);
    expect(await search('khong co')).toEqual([]);
  });

  it('returns exactly the units whose name and code contain every folded query word', async () => {
    const { hoa, hung } = await setupDistrict();
    await addUnit(hoa.id, 'Thôn Đông Hạ', { code: 'DH' });
    await addUnit(hung.id, 'Xóm Hà Thượng', { kind: 'khac' });
    for (const q of ['ha', 'gia h', 'dong', 'đông', 'thuong ha', 'xa', 'gia', 'an', '4', 't']) {
      const hits = await search(q);
      expect(hits.map((h) => h.unit.id).sort(), q).toEqual(await oracle(q, false));
    }
  });

  it('puts units nearer the top first, then Vietnamese order of the path', async () => {
    const { hoa } = await setupDistrict();
    await addUnit(hoa.id, 'Thôn Gia Đông');
    const hits = await search('gia');
    const depths = hits.map((h) => h.path.length);
    expect(depths).toEqual([...depths].sort((a, b) => a - b));
    expect(hits[0]?.unit.name).toBe('Huyện Gia Viễn');
    expect(hits.at(-1)?.unit.name).toBe('Thôn Gia Đông');
    const communes = hits.filter((h) => h.path.length === 2).map((h) => h.unit.name);
    expect(communes).toEqual(sortVietnamese(communes, (s) => s));
  });

  it('orders numbered units as the tree does: Thôn 2 before Thôn 10', async () => {
    const { hoa } = await setupDistrict();
    for (const n of ['Thôn 10', 'Thôn 2', 'Thôn 1']) await addUnit(hoa.id, n);
    expect(names(await search('thon'))).toEqual(['Thôn 1', 'Thôn 2', 'Thôn 10']);
  });

  it('treats LIKE wildcards (%, _) and backslashes in the query as ordinary characters', async () => {
    const { hoa } = await setupDistrict();
    await addUnit(hoa.id, 'Khu 50% Bắc', { kind: 'khu_pho' });
    await addUnit(hoa.id, 'Khu 500 Nam', { kind: 'khu_pho' });
    await addUnit(hoa.id, 'Tổ 1_2', { kind: 'to_dan_pho' });
    await addUnit(hoa.id, 'Tổ 1x2', { kind: 'to_dan_pho' });
    await addUnit(hoa.id, 'Tổ A\\B', { kind: 'to_dan_pho' });
    const found: Record<string, string[]> = {};
    for (const q of ['%', '50%', '1_2', '_', 'a\\b']) found[q] = names(await search(q));
    expect(found).toEqual({
      '%': ['Khu 50% Bắc'],
      '50%': ['Khu 50% Bắc'],
      '1_2': ['Tổ 1_2'],
      _: ['Tổ 1_2'],
      'a\\b': ['Tổ A\\B'],
    });
  });

  it('never lets a wildcard widen the search', async () => {
    const { hoa } = await setupDistrict();
    await addUnit(hoa.id, 'Tổ 1x2', { kind: 'to_dan_pho' });
    expect(await search('%')).toEqual([]);
    expect(await search('1_2')).toEqual([]);
    expect(await search('_')).toEqual([]);
  });

  it('finds ended units only with includeEnded, and never deleted ones', async () => {
    const { hoa, hung } = await setupDistrict();
    await addUnit(hoa.id, 'Thôn 3');
    const ended = await addUnit(hung.id, 'Thôn 3');
    await t.call('units.end', { id: ended.id, validTo: '2025-01-01', reason: 'Sáp nhập' });
    expect((await search('thon 3')).map((h) => h.unit.parentId)).toEqual([hoa.id]);
    expect((await search('thon 3', true)).map((h) => h.unit.parentId)).toEqual([hoa.id, hung.id]);
    const gone = await addUnit(hoa.id, 'Thôn 33');
    await t.call('units.delete', { id: gone.id });
    expect(names(await search('thon 33', true))).toEqual([]);
  });

  it('respects the limit, keeping the first results in order', async () => {
    await setupDistrict();
    const full = await search('xa');
    expect(full).toHaveLength(17);
    const five = await search('xa', false, 5);
    expect(five).toEqual(full.slice(0, 5));
    expect(names(five)).toEqual(sortVietnamese(names(full), (s) => s).slice(0, 5));
    expect(await search('xa', false, 1)).toHaveLength(1);
  });

  it('keeps the path of a unit when its ancestors have ended', async () => {
    const { hoa } = await setupDistrict();
    await addUnit(hoa.id, 'Thôn 3');
    await t.call('units.end', { id: hoa.id, validTo: '2026-06-30', reason: 'Sáp nhập' });
    expect(await search('thon 3', true)).toEqual([
      {
        unit: expect.objectContaining({ name: 'Thôn 3', validTo: '2026-06-30' }) as unknown,
        path: ['Huyện Gia Viễn', 'Xã Gia Hòa', 'Thôn 3'],
      },
    ]);
  });
});

describe('units.list and units.get', () => {
  it('lists live units, ended ones only on request, never tombstoned ones (which stay in the table)', async () => {
    const { hoa } = await setupDistrict();
    const keep = await addUnit(hoa.id, 'Thôn 1');
    const ended = await addUnit(hoa.id, 'Thôn 2');
    const deleted = await addUnit(hoa.id, 'Thôn 3');
    await t.call('units.end', { id: ended.id, validTo: '2025-01-01', reason: 'Sáp nhập' });
    t.clock.set('2026-12-01T00:00:00.000Z');
    await t.call('units.delete', { id: deleted.id });

    const active = (await all(false)).map((u) => u.id);
    const withEnded = (await all(true)).map((u) => u.id);
    expect(active).toHaveLength(19 + 1);
    expect(active).toContain(keep.id);
    expect(active).not.toContain(ended.id);
    expect(withEnded).toHaveLength(19 + 2);
    expect(withEnded).toContain(ended.id);
    expect(withEnded).not.toContain(deleted.id);

    expect(rows('SELECT count(*) AS n FROM units')).toEqual([{ n: 22 }]);
    expect(unitRow(deleted.id)).toMatchObject({ deleted_at: '2026-12-01T00:00:00.000Z', name: 'Thôn 3' });
    expect(rows('SELECT id FROM units WHERE deleted_at IS NOT NULL')).toEqual([{ id: deleted.id }]);
  });

  it('returns the list as the contract describes (camelCase DTOs, no database columns)', async () => {
    await setupDistrict();
    const list = await all(true);
    for (const u of list) {
      expect(Object.keys(u).sort()).toEqual([
        'code',
        'createdAt',
        'endReason',
        'id',
        'kind',
        'level',
        'name',
        'parentId',
        'source',
        'updatedAt',
        'validFrom',
        'validTo',
      ]);
    }
  });

  it('gives a unit’s path, child counts and history', async () => {
    const { root, hoa } = await setupDistrict();
    const a = await addUnit(hoa.id, 'Thôn 1');
    const b = await addUnit(hoa.id, 'Thôn 2');
    await t.call('units.end', { id: b.id, validTo: '2025-01-01', reason: 'Sáp nhập' });
    const detail = await t.call('units.get', { id: hoa.id });
    expect(detail.unit.id).toBe(hoa.id);
    expect(detail.path).toEqual([
      { id: root.id, name: 'Huyện Gia Viễn' },
      { id: hoa.id, name: 'Xã Gia Hòa' },
    ]);
    expect(detail.activeChildren).toBe(1);
    expect(detail.endedChildren).toBe(1);
    expect(detail.history).toEqual([
      {
        id: expect.any(String) as unknown,
        unitId: hoa.id,
        at: START,
        action: 'create',
        summary: 'Tạo từ danh mục đơn vị hành chính khi thiết lập ban đầu.',
        reason: null,
      },
    ]);
    expect((await t.call('units.get', { id: a.id })).path.map((p) => p.name)).toEqual(['Huyện Gia Viễn', 'Xã Gia Hòa', 'Thôn 1']);
  });

  it('keeps the database consistent after a series of operations (foreign keys and integrity)', async () => {
    const { hoa, hung } = await setupDistrict();
    const a = await addUnit(hoa.id, 'Thôn 1');
    await t.call('units.move', { id: a.id, newParentId: hung.id });
    await t.call('units.delete', { id: a.id });
    const file = t.backend.databasePath;
    t.close();
    const check = queryAll<Row>(file, 'PRAGMA foreign_key_check');
    expect(check).toEqual([]);
    expect(queryAll(file, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    expect(fs.existsSync(file)).toBe(true);
    // every change row points at a unit that exists
    expect(queryAll(file, 'SELECT count(*) AS n FROM unit_changes WHERE unit_id NOT IN (SELECT id FROM units)')).toEqual([{ n: 0 }]);
  });
});
