/**
 * Units across time (services/unit-history/, repos/unit-history.repo.ts, the
 * unit_year_stats Excel spec) through the real backend's dispatch, on a fresh migrated database
 * per test, with the shipped catalogue (Gia Viễn: its 18 old communes go into 7 new ones).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodInput, UnitDto } from '../../../shared/ipc/contract';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { dumpDatabase, queryAll, queryOne, type Row } from '../../support/sqlite';
import { isVietnameseMessage } from '../../support/vietnamese';
import { unitYearStatsSpec } from '../../../electron/backend/services/xlsx-import/specs/unit-year-stats.spec';
import { openDatabase } from '../../../electron/backend/db/open';
import { LATEST_VERSION } from '../../../electron/backend/db/migrations';
import { createClock, newUuid } from '../../../electron/backend/clock';
import { loadCatalogue } from '../../../electron/backend/catalogue/catalogue';
import { CATALOGUE_PATH } from '../../support/backend';
import { EMPTY_FILTER } from '../../../shared/domain/registries';
import type { ServiceContext } from '../../../electron/backend/context';
import { GIA_VIEN_SETUP, NINH_BINH_SETUP } from '../../support/offices';
import { refusalChecker } from '../../support/refusals';

const START = '2026-11-22T03:00:00.000Z';

const DISTRICT_SETUP = GIA_VIEN_SETUP;

const PROVINCE_SETUP = { ...NINH_BINH_SETUP, code: 'CAT-NB', importChildren: true } as const satisfies MethodInput<'office.setup'>;

const tmp = useTempDir('antq-history-');
let t: TestBackend;

beforeEach(async () => {
  t = await startBackend(tmp.path(), START);
});
afterEach(() => {
  t.close();
});

const dump = () => dumpDatabase(t.backend.databasePath);
const rows = <T = Row>(sql: string, ...params: unknown[]) => queryAll<T>(t.backend.databasePath, sql, ...params);
const row = <T = Row>(sql: string, ...params: unknown[]) => queryOne<T>(t.backend.databasePath, sql, ...params);

async function all(): Promise<UnitDto[]> {
  return t.call('units.list', { includeEnded: true });
}

async function byName(name: string, opts: { active?: boolean } = {}): Promise<UnitDto> {
  const found = (await all()).filter((u) => u.name === name && (opts.active === undefined || (u.validTo === null) === opts.active));
  if (found.length !== 1) throw new Error(`expected one unit named ${name}, found ${found.length}`);
  return found[0]!;
}

async function setupGiaVien() {
  await t.call('office.setup', DISTRICT_SETUP);
  return {
    root: await byName('Huyện Gia Viễn'),
    hung: await byName('Xã Gia Hưng'),
    lienSon: await byName('Xã Liên Sơn'),
    phu: await byName('Xã Gia Phú'),
    hoa: await byName('Xã Gia Hòa'),
    sinh: await byName('Xã Gia Sinh'),
  };
}

async function addThon(parentId: string, name: string, validFrom = '2020-01-01'): Promise<UnitDto> {
  return t.call('units.create', { parentId, name, kind: 'thon', code: null, validFrom });
}

const expectRefused = refusalChecker(() => t, dump);

const MERGE_REASON = 'Sắp xếp theo Nghị quyết số 1674/NQ-UBTVQH15';

async function mergeHung(ids: string[]) {
  return t.call('units.merge', {
    unitIds: ids,
    effectiveDate: '2025-07-01',
    reason: MERGE_REASON,
    successor: { mode: 'new', name: 'Xã Gia Hưng', kind: 'xa', code: '14482' },
    note: null,
  });
}

describe('yearly figures', () => {
  it('stores households, residents and the trọng điểm flag per unit and year; re-saving changes nothing', async () => {
    const { hung, lienSon } = await setupGiaVien();
    const thon = await addThon(hung.id, 'Thôn Đông');
    const out = await t.call('unitStats.upsert', {
      rows: [
        { unitId: hung.id, year: 2022, households: 1200, residents: 4500, trongDiem: true },
        { unitId: lienSon.id, year: 2022, households: 800, residents: 3100, trongDiem: false },
        { unitId: thon.id, year: 2022, households: 150, residents: 600, trongDiem: false },
        { unitId: lienSon.id, year: 2023, households: null, residents: null, trongDiem: false },
      ],
    });
    // An empty row for a year with nothing stored writes nothing.
    expect(out).toEqual({ created: 3, updated: 0, unchanged: 1 });
    expect(rows('SELECT year, households, residents, trong_diem FROM unit_year_stats WHERE unit_id = ?', hung.id)).toEqual([
      { year: 2022, households: 1200, residents: 4500, trong_diem: 1 },
    ]);
    const again = await t.call('unitStats.upsert', {
      rows: [{ unitId: hung.id, year: 2022, households: 1200, residents: 4500, trongDiem: true }],
    });
    expect(again).toEqual({ created: 0, updated: 0, unchanged: 1 });
    const changed = await t.call('unitStats.upsert', {
      rows: [{ unitId: hung.id, year: 2022, households: 1210, residents: 4500, trongDiem: true }],
    });
    expect(changed).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect(Number(row('SELECT count(*) AS n FROM unit_year_stats')?.['n'])).toBe(3);

    const detail = await t.call('unitStats.get', { unitId: hung.id });
    expect(detail).toMatchObject({ level: 'xa', canFlag: true, areaType: null });
    expect(detail.rows).toEqual([expect.objectContaining({ year: 2022, households: 1210, residents: 4500, trongDiem: true })]);
    expect(detail.years.slice(0, 3)).toEqual([2026, 2025, 2024]);
    expect((await t.call('unitStats.get', { unitId: thon.id })).canFlag).toBe(false);
  });

  it('lists the units of a level that existed in the year, with totals-ready figures, filters and Vietnamese order', async () => {
    const { root, hung, hoa } = await setupGiaVien();
    await t.call('unitStats.upsert', { rows: [{ unitId: hung.id, year: 2024, households: 100, residents: 300, trongDiem: true }] });
    const list = await t.call('unitStats.list', { ...EMPTY_FILTER, year: 2024, level: 'xa' });
    expect(list.year).toBe(2024);
    expect(list.rows).toHaveLength(18);
    const names = list.rows.map((r) => r.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'vi', { numeric: true, sensitivity: 'base' })));
    expect(list.rows.find((r) => r.unitId === hung.id)).toMatchObject({
      households: 100,
      residents: 300,
      trongDiem: true,
      recorded: true,
      parentName: 'Huyện Gia Viễn',
    });
    expect(list.rows.find((r) => r.unitId === hoa.id)).toMatchObject({ households: null, recorded: false });

    const search = await t.call('unitStats.list', { ...EMPTY_FILTER, year: 2024, level: 'xa', search: 'gia hung' });
    expect(search.rows.map((r) => r.name)).toEqual(['Xã Gia Hưng']);
    const flagged = await t.call('unitStats.list', { ...EMPTY_FILTER, year: 2024, level: 'xa', status: 'trong_diem' });
    expect(flagged.rows.map((r) => r.unitId)).toEqual([hung.id]);
    const missing = await t.call('unitStats.list', { ...EMPTY_FILTER, year: 2024, level: 'xa', status: 'thieu_so_lieu' });
    expect(missing.rows).toHaveLength(17);
    const thiTran = await t.call('unitStats.list', { ...EMPTY_FILTER, year: 2024, level: 'xa', kind: 'thi_tran' });
    expect(thiTran.rows.map((r) => r.name)).toEqual(['Thị trấn Thịnh Vượng']);
    const thon = await addThon(hoa.id, 'Thôn 2');
    await addThon(hung.id, 'Thôn 10');
    const underHoa = await t.call('unitStats.list', { ...EMPTY_FILTER, year: 2024, level: 'khu_dan_cu', unitId: hoa.id });
    expect(underHoa.rows.map((r) => r.unitId)).toEqual([thon.id]);
    const byRoot = await t.call('unitStats.list', { ...EMPTY_FILTER, year: 2024, level: 'khu_dan_cu', unitId: root.id });
    expect(byRoot.rows).toHaveLength(2);
    // A residential area started in 2026 is not a unit of 2024.
    await addThon(hoa.id, 'Thôn Mới', '2026-01-01');
    expect((await t.call('unitStats.list', { ...EMPTY_FILTER, year: 2024, level: 'khu_dan_cu' })).rows).toHaveLength(2);
  });

  it('refuses bad figures with one message per cell and writes nothing', async () => {
    const { root, hung, lienSon } = await setupGiaVien();
    const thon = await addThon(hung.id, 'Thôn Đông', '2024-01-01');
    const err = await expectRefused(
      'unitStats.upsert',
      {
        rows: [
          { unitId: hung.id, year: 2022, households: 500, residents: 400, trongDiem: false },
          { unitId: lienSon.id, year: 2027, households: 1, residents: 1, trongDiem: false },
          { unitId: thon.id, year: 2023, households: 1, residents: 2, trongDiem: false },
          { unitId: thon.id, year: 2024, households: 1, residents: 2, trongDiem: true },
          { unitId: root.id, year: 2024, households: 1, residents: 2, trongDiem: false },
          { unitId: hung.id, year: 2022, households: 1, residents: 2, trongDiem: false },
        ],
      },
      'RULE',
      /không được nhỏ hơn số hộ.*và 5 lỗi khác/,
    );
    expect(err.details).toMatchObject({
      'rows.0.residents': expect.stringContaining('Số nhân khẩu (400) không được nhỏ hơn số hộ (500)') as unknown,
      'rows.1.year': expect.stringContaining('năm 2027') as unknown,
      'rows.2.year': '"Thôn Đông" không hoạt động trong năm 2023.',
      'rows.3.trongDiem': expect.stringContaining('Chỉ xã, phường') as unknown,
      'rows.4.unitId': expect.stringContaining('cấp huyện') as unknown,
      'rows.5.unitId': expect.stringContaining('có hai dòng') as unknown,
    });
    await expectRefused(
      'unitStats.upsert',
      { rows: [{ unitId: hung.id, year: 2022, households: -1, residents: 2, trongDiem: false }] },
      'VALIDATION',
      /không được âm/,
    );
  });

  it('sets the area type (nông thôn / đô thị) and the yearly trọng điểm flag, logging the area type', async () => {
    const { root, hung } = await setupGiaVien();
    expect(await t.call('units.areaType', { id: hung.id, areaType: 'nong_thon' })).toEqual({ id: hung.id, areaType: 'nong_thon' });
    expect(row('SELECT area_type FROM unit_attributes WHERE unit_id = ?', hung.id)).toEqual({ area_type: 'nong_thon' });
    expect(row("SELECT summary FROM unit_changes WHERE unit_id = ? AND action = 'update'", hung.id)).toEqual({
      summary: 'Xác định loại địa bàn: Nông thôn.',
    });
    await t.call('units.areaType', { id: hung.id, areaType: null });
    expect((await t.call('unitStats.get', { unitId: hung.id })).areaType).toBeNull();
    await expectRefused('units.areaType', { id: root.id, areaType: 'do_thi' }, 'RULE', /chỉ ghi cho xã và khu dân cư/);

    const flag = await t.call('units.trongDiem', { id: hung.id, year: 2023, value: true });
    expect(flag).toMatchObject({ year: 2023, trongDiem: true, households: null });
    // The province removes it from the list the next year: a separate row, 2023 untouched.
    await t.call('units.trongDiem', { id: hung.id, year: 2024, value: false });
    expect(rows('SELECT year, trong_diem FROM unit_year_stats WHERE unit_id = ? ORDER BY year', hung.id)).toEqual([
      { year: 2023, trong_diem: 1 },
    ]);
    await t.call('unitStats.upsert', { rows: [{ unitId: hung.id, year: 2023, households: 10, residents: 20, trongDiem: true }] });
    await t.call('units.trongDiem', { id: hung.id, year: 2023, value: false });
    expect(row('SELECT households, trong_diem FROM unit_year_stats WHERE unit_id = ? AND year = 2023', hung.id)).toEqual({
      households: 10,
      trong_diem: 0,
    });
  });
});

describe('merge', () => {
  it('merges three communes into a new one: predecessors end on D − 1, children follow with their past kept', async () => {
    const { root, hung, lienSon, phu } = await setupGiaVien();
    const thon = await addThon(lienSon.id, 'Thôn Liên Sơn 1');
    const endedThon = await addThon(phu.id, 'Thôn Cũ');
    await t.call('units.end', { id: endedThon.id, validTo: '2023-12-31', reason: 'Sáp nhập thôn' });
    const out = await mergeHung([hung.id, lienSon.id, phu.id]);
    expect(out).toMatchObject({ ended: 3, movedChildren: 1 });
    expect(out.successor).toMatchObject({
      name: 'Xã Gia Hưng',
      code: '14482',
      validFrom: '2025-07-01',
      validTo: null,
      parentId: root.id,
      level: 'xa',
    });

    for (const id of [hung.id, lienSon.id, phu.id]) {
      expect(row('SELECT valid_to, end_reason FROM units WHERE id = ?', id)).toEqual({ valid_to: '2025-06-30', end_reason: MERGE_REASON });
    }
    expect(
      rows('SELECT predecessor_id, successor_id, effective_date, kind, is_primary, event_id FROM unit_lineage ORDER BY predecessor_id'),
    ).toEqual(
      [hung.id, lienSon.id, phu.id].sort().map((p) => ({
        predecessor_id: p,
        successor_id: out.successor.id,
        effective_date: '2025-07-01',
        kind: 'merge',
        is_primary: 1,
        event_id: out.eventId,
      })),
    );
    // The active residential area moved, with its old parent recorded; the ended one stayed.
    expect(row('SELECT parent_id FROM units WHERE id = ?', thon.id)).toEqual({ parent_id: out.successor.id });
    expect(rows('SELECT parent_id, valid_from, valid_to FROM unit_parents WHERE unit_id = ?', thon.id)).toEqual([
      { parent_id: lienSon.id, valid_from: '2020-01-01', valid_to: '2025-06-30' },
    ]);
    expect(row('SELECT parent_id FROM units WHERE id = ?', endedThon.id)).toEqual({ parent_id: phu.id });
    // The new commune reuses old Xã Gia Phú's code 14482: allowed, their periods do not overlap.
    expect(rows("SELECT name FROM units WHERE code = '14482' ORDER BY valid_from")).toHaveLength(2);

    const changes = rows<{ summary: string }>('SELECT summary FROM unit_changes WHERE unit_id = ?', lienSon.id);
    expect(changes.map((c) => c.summary)).toContain('Kết thúc hoạt động từ ngày 30/06/2025: hợp nhất vào "Xã Gia Hưng".');
    const created = row<{ summary: string }>("SELECT summary FROM unit_changes WHERE unit_id = ? AND action = 'create'", out.successor.id);
    expect(created?.summary).toBe('Thành lập từ ngày 01/07/2025 trên cơ sở hợp nhất "Xã Gia Hưng", "Xã Liên Sơn", "Xã Gia Phú".');

    const lineage = await t.call('units.lineage', { id: out.successor.id });
    expect(lineage.successors).toEqual([]);
    expect(lineage.predecessors.map((l) => l.unit.name)).toEqual(['Xã Gia Hưng', 'Xã Gia Phú', 'Xã Liên Sơn']);
    expect((await t.call('units.lineage', { id: phu.id })).successors).toEqual([
      expect.objectContaining({
        unit: expect.objectContaining({ id: out.successor.id }) as unknown,
        primary: true,
        kind: 'merge',
        effectiveDate: '2025-07-01',
      }),
    ]);
  });

  it('absorbs communes into one of them (the kept commune continues)', async () => {
    const { hung, lienSon } = await setupGiaVien();
    const thon = await addThon(lienSon.id, 'Thôn A');
    const out = await t.call('units.merge', {
      unitIds: [hung.id, lienSon.id],
      effectiveDate: '2024-01-01',
      reason: 'Sáp nhập',
      successor: { mode: 'existing', unitId: hung.id },
      note: 'Theo quyết định của tỉnh',
    });
    expect(out).toMatchObject({ ended: 1, movedChildren: 1 });
    expect(out.successor).toMatchObject({ id: hung.id, validTo: null });
    expect(row('SELECT valid_to FROM units WHERE id = ?', lienSon.id)).toEqual({ valid_to: '2023-12-31' });
    expect(row('SELECT parent_id FROM units WHERE id = ?', thon.id)).toEqual({ parent_id: hung.id });
    expect(rows('SELECT predecessor_id, successor_id, note FROM unit_lineage')).toEqual([
      { predecessor_id: lienSon.id, successor_id: hung.id, note: 'Theo quyết định của tỉnh' },
    ]);
  });

  it('refuses bad merges in Vietnamese and changes nothing', async () => {
    const { root, hung, lienSon, phu, hoa } = await setupGiaVien();
    const thonHung = await addThon(hung.id, 'Thôn 1');
    const thonSon = await addThon(lienSon.id, 'thôn 1');
    const late = await t.call('units.create', { parentId: root.id, name: 'Xã Mới Lập', kind: 'xa', code: null, validFrom: '2025-09-01' });
    const ended = await t.call('units.create', {
      parentId: root.id,
      name: 'Xã Đã Giải Thể',
      kind: 'xa',
      code: null,
      validFrom: '2020-01-01',
    });
    await t.call('units.end', { id: ended.id, validTo: '2021-12-31', reason: 'Giải thể' });
    const base = { effectiveDate: '2025-07-01', reason: 'Sáp nhập', note: null } as const;
    const newXa = { mode: 'new', name: 'Xã Mới', kind: 'xa', code: null } as const;

    await expectRefused('units.merge', { ...base, unitIds: [hung.id, thonSon.id], successor: newXa }, 'RULE', /cùng cấp/);
    await expectRefused(
      'units.merge',
      { ...base, unitIds: [hung.id, ended.id], successor: newXa },
      'RULE',
      /đã kết thúc hoạt động từ ngày 31\/12\/2021/,
    );
    await expectRefused(
      'units.merge',
      { ...base, unitIds: [hung.id, late.id], successor: newXa },
      'RULE',
      /phải sau ngày bắt đầu hoạt động của "Xã Mới Lập"/,
    );
    await expectRefused(
      'units.merge',
      { ...base, effectiveDate: '2027-01-01', unitIds: [hung.id, phu.id], successor: newXa },
      'RULE',
      /không được sau ngày hôm nay/,
    );
    await expectRefused(
      'units.merge',
      { ...base, unitIds: [thonHung.id, thonSon.id], successor: { mode: 'new', name: 'Thôn Mới', kind: 'thon', code: null } },
      'RULE',
      /cùng thuộc một đơn vị cấp trên/,
    );
    await expectRefused(
      'units.merge',
      { ...base, unitIds: [hung.id, phu.id], successor: { ...newXa, code: '14467' } },
      'CONFLICT',
      /"14467" đã được dùng cho "Xã Gia Hòa"/,
    );
    await expectRefused(
      'units.merge',
      { ...base, unitIds: [hung.id, phu.id], successor: { ...newXa, name: 'Xã Gia Hòa' } },
      'CONFLICT',
      /Đã có đơn vị "Xã Gia Hòa"/,
    );
    await expectRefused(
      'units.merge',
      { ...base, unitIds: [hung.id, phu.id], successor: { ...newXa, kind: 'thon' } },
      'RULE',
      /cùng cấp với các đơn vị được hợp nhất/,
    );
    await expectRefused(
      'units.merge',
      { ...base, unitIds: [hung.id, lienSon.id], successor: newXa },
      'RULE',
      /sẽ có 2 đơn vị cùng tên "Thôn 1" \(từ "Xã Gia Hưng", "Xã Liên Sơn"\)/,
    );
    await expectRefused(
      'units.merge',
      { ...base, unitIds: [hung.id], successor: { mode: 'existing', unitId: hung.id } },
      'RULE',
      /ít nhất một đơn vị khác/,
    );
    await expectRefused(
      'units.merge',
      { ...base, unitIds: [hung.id, phu.id], successor: { mode: 'existing', unitId: hoa.id } },
      'VALIDATION',
      /một trong các đơn vị được chọn/,
    );
    await expectRefused('units.merge', { ...base, unitIds: [root.id, hung.id], successor: newXa }, 'RULE', /cùng cấp|đơn vị gốc/);
    await expectRefused('units.merge', { ...base, reason: '  ', unitIds: [hung.id, phu.id], successor: newXa }, 'VALIDATION', /Lý do/);
    // A figure for a year after the end would belong to no unit.
    await t.call('unitStats.upsert', { rows: [{ unitId: phu.id, year: 2026, households: 5, residents: 9, trongDiem: false }] });
    await expectRefused(
      'units.merge',
      { ...base, unitIds: [hung.id, phu.id], successor: newXa },
      'RULE',
      /"Xã Gia Phú" đã có số liệu năm 2026/,
    );
  });

  it('refuses to reopen or delete units linked by lineage, and refuses merging a unit twice', async () => {
    const { hung, lienSon, phu } = await setupGiaVien();
    const out = await mergeHung([hung.id, lienSon.id, phu.id]);
    await expectRefused('units.reopen', { id: lienSon.id }, 'RULE', /đã được hợp nhất hoặc chia tách vào "Xã Gia Hưng"/);
    await expectRefused('units.delete', { id: out.successor.id }, 'RULE', /quan hệ kế thừa/);
    await expectRefused(
      'units.merge',
      {
        unitIds: [lienSon.id, out.successor.id],
        effectiveDate: '2026-01-01',
        reason: 'x y',
        successor: { mode: 'existing', unitId: out.successor.id },
        note: null,
      },
      'RULE',
      /"Xã Liên Sơn" đã kết thúc/,
    );
  });
});

describe('split', () => {
  it('splits a commune into two, assigns its residential areas, and rolls its figures to the primary successor only', async () => {
    const { root, hoa } = await setupGiaVien();
    const t1 = await addThon(hoa.id, 'Thôn 1');
    const t2 = await addThon(hoa.id, 'Thôn 2');
    await t.call('unitStats.upsert', { rows: [{ unitId: hoa.id, year: 2023, households: 1000, residents: 4000, trongDiem: false }] });
    const out = await t.call('units.split', {
      id: hoa.id,
      effectiveDate: '2024-01-01',
      reason: 'Chia tách theo quyết định',
      successors: [
        { name: 'Xã Gia Hòa Bắc', kind: 'xa', code: null, primary: true },
        { name: 'Xã Gia Hòa Nam', kind: 'xa', code: null, primary: false },
      ],
      children: [
        { childId: t1.id, successor: 0 },
        { childId: t2.id, successor: 1 },
      ],
      note: null,
    });
    const [bac, nam] = out.successors;
    expect(out.movedChildren).toBe(2);
    expect(bac).toMatchObject({ name: 'Xã Gia Hòa Bắc', parentId: root.id, validFrom: '2024-01-01' });
    expect(row('SELECT valid_to FROM units WHERE id = ?', hoa.id)).toEqual({ valid_to: '2023-12-31' });
    expect(row('SELECT parent_id FROM units WHERE id = ?', t2.id)).toEqual({ parent_id: nam!.id });
    expect(rows('SELECT successor_id, kind, is_primary FROM unit_lineage ORDER BY is_primary DESC')).toEqual([
      { successor_id: bac!.id, kind: 'split', is_primary: 1 },
      { successor_id: nam!.id, kind: 'split', is_primary: 0 },
    ]);
    const today = await t.call('figures.rollup', { year: 2023, view: 'today', unitId: null, level: 'xa' });
    expect(today.rows.find((r) => r.unitId === bac!.id)).toMatchObject({ households: 1000, residents: 4000 });
    expect(today.rows.find((r) => r.unitId === nam!.id)).toMatchObject({ households: null, residents: null, sources: [] });
    expect(today.total).toEqual({ households: 1000, residents: 4000 });
  });

  it('refuses a split without exactly one primary successor, with unassigned children, or with duplicate names', async () => {
    const { hoa } = await setupGiaVien();
    const t1 = await addThon(hoa.id, 'Thôn 1');
    const base = { id: hoa.id, effectiveDate: '2024-01-01', reason: 'Chia tách', note: null } as const;
    const two = (p0: boolean, p1: boolean) => [
      { name: 'Xã A', kind: 'xa' as const, code: null, primary: p0 },
      { name: 'Xã B', kind: 'xa' as const, code: null, primary: p1 },
    ];
    await expectRefused(
      'units.split',
      { ...base, successors: two(false, false), children: [{ childId: t1.id, successor: 0 }] },
      'RULE',
      /đúng một đơn vị kế thừa chính/,
    );
    await expectRefused(
      'units.split',
      { ...base, successors: two(true, true), children: [{ childId: t1.id, successor: 0 }] },
      'RULE',
      /đúng một/,
    );
    await expectRefused('units.split', { ...base, successors: two(true, false), children: [] }, 'RULE', /Hãy chọn đơn vị mới cho "Thôn 1"/);
    await expectRefused(
      'units.split',
      { ...base, successors: two(true, false), children: [{ childId: t1.id, successor: 5 }] },
      'RULE',
      /Hãy chọn đơn vị mới/,
    );
    await expectRefused(
      'units.split',
      {
        ...base,
        successors: [
          { name: 'Xã A', kind: 'xa', code: null, primary: true },
          { name: 'xa a', kind: 'xa', code: null, primary: false },
        ],
        children: [{ childId: t1.id, successor: 0 }],
      },
      'RULE',
      /trùng tên/,
    );
    await expectRefused(
      'units.split',
      { ...base, successors: [{ name: 'Xã A', kind: 'xa', code: null, primary: true }], children: [] },
      'VALIDATION',
      /ít nhất hai/,
    );
  });
});

describe('roll-up and chains of reorganisations', () => {
  it("shows a 2022 figure under the 2025 successor by today's units, and under the three originals by 2022's units", async () => {
    const { root, hung, lienSon, phu } = await setupGiaVien();
    await t.call('unitStats.upsert', {
      rows: [
        { unitId: hung.id, year: 2022, households: 1200, residents: 4500, trongDiem: false },
        { unitId: lienSon.id, year: 2022, households: 800, residents: 3100, trongDiem: false },
        { unitId: phu.id, year: 2022, households: 650, residents: 2400, trongDiem: false },
      ],
    });
    const out = await mergeHung([hung.id, lienSon.id, phu.id]);
    const today = await t.call('figures.rollup', { year: 2022, view: 'today', unitId: null, level: 'xa' });
    expect(today.asOf).toBe('2026-11-22');
    const successor = today.rows.find((r) => r.unitId === out.successor.id)!;
    expect(successor).toMatchObject({ name: 'Xã Gia Hưng', households: 2650, residents: 10000, parentName: 'Huyện Gia Viễn' });
    expect(successor.sources.map((s) => s.name).sort()).toEqual(['Xã Gia Hưng', 'Xã Gia Phú', 'Xã Liên Sơn']);
    expect(today.rows.some((r) => r.unitId === lienSon.id)).toBe(false);
    expect(today.total).toEqual({ households: 2650, residents: 10000 });

    const then = await t.call('figures.rollup', { year: 2022, view: 'as_of_year', unitId: root.id, level: 'xa' });
    expect(then.asOf).toBe('2022-12-31');
    expect(then.rows).toHaveLength(18);
    expect(then.rows.some((r) => r.unitId === out.successor.id)).toBe(false);
    expect(then.rows.filter((r) => r.households !== null).map((r) => [r.name, r.parentName, r.households])).toEqual([
      ['Xã Gia Hưng', 'Huyện Gia Viễn', 1200],
      ['Xã Gia Phú', 'Huyện Gia Viễn', 650],
      ['Xã Liên Sơn', 'Huyện Gia Viễn', 800],
    ]);
    expect(then.total).toEqual(today.total);
  });

  it('follows a chain merge → rename → split, and keeps each year under the names of its year', async () => {
    const { hung, lienSon, phu } = await setupGiaVien();
    const thon = await addThon(lienSon.id, 'Thôn Trung');
    await t.call('unitStats.upsert', {
      rows: [
        { unitId: lienSon.id, year: 2022, households: 10, residents: 30, trongDiem: false },
        { unitId: phu.id, year: 2022, households: 20, residents: 50, trongDiem: false },
        { unitId: thon.id, year: 2022, households: 7, residents: 21, trongDiem: false },
      ],
    });
    t.clock.set('2024-03-01T03:00:00Z');
    const merged = await t.call('units.merge', {
      unitIds: [lienSon.id, phu.id],
      effectiveDate: '2024-01-01',
      reason: 'Sáp nhập',
      successor: { mode: 'new', name: 'Xã Liên Phú', kind: 'xa', code: null },
      note: null,
    });
    t.clock.set('2025-05-10T03:00:00Z');
    await t.call('units.update', { id: merged.successor.id, name: 'Xã Liên Phú Mới', kind: 'xa', code: null, validFrom: '2024-01-01' });
    t.clock.set(START);
    const split = await t.call('units.split', {
      id: merged.successor.id,
      effectiveDate: '2026-01-01',
      reason: 'Chia tách',
      successors: [
        { name: 'Xã Liên', kind: 'xa', code: null, primary: false },
        { name: 'Xã Phú', kind: 'xa', code: null, primary: true },
      ],
      children: [{ childId: thon.id, successor: 0 }],
      note: null,
    });
    const phuNew = split.successors[1]!;
    const today = await t.call('figures.rollup', { year: 2022, view: 'today', unitId: null, level: 'xa' });
    expect(today.rows.find((r) => r.unitId === phuNew.id)).toMatchObject({ households: 30, residents: 80 });
    expect(today.total).toEqual({ households: 30, residents: 80 });
    // The residential area was never merged: it carries its own figure wherever it sits now.
    const kdc = await t.call('figures.rollup', { year: 2022, view: 'today', unitId: split.successors[0]!.id, level: 'khu_dan_cu' });
    expect(kdc.rows).toEqual([expect.objectContaining({ unitId: thon.id, households: 7, parentName: 'Xã Liên' })]);
    const kdc2022 = await t.call('figures.rollup', { year: 2022, view: 'as_of_year', unitId: lienSon.id, level: 'khu_dan_cu' });
    expect(kdc2022.rows).toEqual([expect.objectContaining({ unitId: thon.id, parentName: 'Xã Liên Sơn' })]);

    // The tree as of dates along the way.
    const at = async (date: string) => (await t.call('units.asOf', { date })).filter((u) => u.level === 'xa').map((u) => u.name);
    expect(await at('2023-06-01')).toEqual(expect.arrayContaining(['Xã Liên Sơn', 'Xã Gia Phú']));
    expect(await at('2024-06-01')).toEqual(expect.arrayContaining(['Xã Liên Phú']));
    expect(await at('2024-06-01')).not.toContain('Xã Liên Sơn');
    expect(await at('2025-06-01')).toEqual(expect.arrayContaining(['Xã Liên Phú Mới']));
    expect(await at('2026-06-01')).toEqual(expect.arrayContaining(['Xã Liên', 'Xã Phú']));
    const thonParent = async (date: string) => (await t.call('units.asOf', { date })).find((u) => u.id === thon.id)?.parentId;
    expect(await thonParent('2023-06-01')).toBe(lienSon.id);
    expect(await thonParent('2024-06-01')).toBe(merged.successor.id);
    expect(await thonParent('2026-06-01')).toBe(split.successors[0]!.id);
    expect(rows('SELECT parent_id, valid_from, valid_to FROM unit_parents WHERE unit_id = ? ORDER BY valid_to', thon.id)).toEqual([
      { parent_id: lienSon.id, valid_from: '2020-01-01', valid_to: '2023-12-31' },
      { parent_id: merged.successor.id, valid_from: '2024-01-01', valid_to: '2025-12-31' },
    ]);
    void hung;
  });
});

describe('history of names and parents', () => {
  it('a rename in 2026 keeps the 2023 name in the 2023 tree; a move keeps the old parent', async () => {
    const { hung, hoa } = await setupGiaVien();
    const thon = await addThon(hoa.id, 'Thôn Bắc');
    await t.call('units.update', { id: hoa.id, name: 'Xã Gia Hòa Mới', kind: 'xa', code: '14467', validFrom: null });
    await t.call('units.move', { id: thon.id, newParentId: hung.id });
    expect(rows('SELECT name, kind, code, valid_from, valid_to FROM unit_names WHERE unit_id = ?', hoa.id)).toEqual([
      { name: 'Xã Gia Hòa', kind: 'xa', code: '14467', valid_from: null, valid_to: '2026-11-21' },
    ]);
    const tree2023 = await t.call('units.asOf', { date: '2023-12-31' });
    expect(tree2023.find((u) => u.id === hoa.id)?.name).toBe('Xã Gia Hòa');
    expect(tree2023.find((u) => u.id === thon.id)?.parentId).toBe(hoa.id);
    const now = await t.call('units.asOf', { date: '2026-11-22' });
    expect(now.find((u) => u.id === hoa.id)?.name).toBe('Xã Gia Hòa Mới');
    expect(now.find((u) => u.id === thon.id)?.parentId).toBe(hung.id);
    // A correction on the unit's first day leaves no history: the old name never held on any day.
    const fresh = await addThon(hung.id, 'Thôn Nhầm', '2026-11-22');
    await t.call('units.update', { id: fresh.id, name: 'Thôn Đúng', kind: 'thon', code: null, validFrom: '2026-11-22' });
    expect(rows('SELECT * FROM unit_names WHERE unit_id = ?', fresh.id)).toEqual([]);
    // The 2023 figures list shows the 2023 name.
    await t.call('unitStats.upsert', { rows: [{ unitId: hoa.id, year: 2023, households: 5, residents: 9, trongDiem: false }] });
    const list = await t.call('unitStats.list', { ...EMPTY_FILTER, year: 2023, level: 'xa', search: 'gia hoa' });
    expect(list.rows.map((r) => r.name)).toEqual(['Xã Gia Hòa']);
  });
});

describe('guided 2025 reorganisation', () => {
  it('proposes one new commune per catalogue successor for Gia Viễn, with communes outside the district noted', async () => {
    await setupGiaVien();
    const p = await t.call('reorg.propose', {});
    expect(p).toMatchObject({
      applicable: true,
      effectiveDate: '2025-07-01',
      endsDistricts: false,
      parent: { name: 'Huyện Gia Viễn' },
      unmapped: [],
    });
    expect(p.groups.map((g) => [g.successor.name, g.successor.code, g.mode, g.predecessors.map((x) => x.name)])).toEqual([
      ['Phường Tây Hoa Lư', '14533', 'merge', ['Xã Gia Sinh']],
      ['Xã Đại Hoàng', '14500', 'merge', ['Xã Gia Phương', 'Xã Gia Trung', 'Xã Tiến Thắng']],
      ['Xã Gia Hưng', '14482', 'merge', ['Xã Gia Hưng', 'Xã Gia Phú', 'Xã Liên Sơn']],
      ['Xã Gia Phong', '14524', 'merge', ['Xã Gia Lạc', 'Xã Gia Minh', 'Xã Gia Phong']],
      ['Xã Gia Trấn', '14494', 'merge', ['Xã Gia Thanh', 'Xã Gia Trấn', 'Xã Gia Xuân']],
      ['Xã Gia Vân', '14488', 'merge', ['Xã Gia Lập', 'Xã Gia Tân', 'Xã Gia Vân']],
      ['Xã Gia Viễn', '14464', 'merge', ['Thị trấn Thịnh Vượng', 'Xã Gia Hòa']],
    ]);
    expect(p.groups[0]!.outside.map((o) => o.name)).toEqual(['Xã Phúc Sơn', 'Phường Ninh Giang', 'Xã Trường Yên', 'Xã Ninh Hòa']);
  });

  it('applies the proposal: 18 old communes end on 30/06/2025, 7 new ones start on 01/07/2025 with lineage; nothing is proposed again', async () => {
    const { hung, lienSon, phu, hoa } = await setupGiaVien();
    const thon = await addThon(hoa.id, 'Thôn Đông');
    await t.call('unitStats.upsert', {
      rows: [
        { unitId: hung.id, year: 2022, households: 1200, residents: 4500, trongDiem: false },
        { unitId: lienSon.id, year: 2022, households: 800, residents: 3100, trongDiem: false },
        { unitId: phu.id, year: 2022, households: 650, residents: 2400, trongDiem: false },
      ],
    });
    const p = await t.call('reorg.propose', {});
    const out = await t.call('reorg.apply', {
      groups: p.groups.map((g) => ({
        key: g.key,
        mode: g.mode,
        successorId: null,
        successor: { name: g.successor.name, kind: g.successor.kind, code: g.successor.code },
        unitIds: g.predecessors.map((x) => x.unitId),
      })),
      primaries: [],
      reason: 'Nghị quyết số 1674/NQ-UBTVQH15',
    });
    expect(out).toEqual({ merged: 7, kept: 0, unitsEnded: 18, childrenMoved: 1, districtsEnded: 0, eraChanged: false });
    const active = (await t.call('units.list', { includeEnded: false })).filter((u) => u.level === 'xa');
    expect(active.map((u) => u.name).sort()).toEqual(
      ['Phường Tây Hoa Lư', 'Xã Đại Hoàng', 'Xã Gia Hưng', 'Xã Gia Phong', 'Xã Gia Trấn', 'Xã Gia Vân', 'Xã Gia Viễn'].sort(),
    );
    expect(active.every((u) => u.validFrom === '2025-07-01')).toBe(true);
    expect(Number(row("SELECT count(*) AS n FROM units WHERE level = 'xa' AND valid_to = '2025-06-30'")?.['n'])).toBe(18);
    expect(Number(row('SELECT count(*) AS n FROM unit_lineage')?.['n'])).toBe(18);
    expect(Number(row('SELECT count(DISTINCT event_id) AS n FROM unit_lineage')?.['n'])).toBe(7);
    expect(row("SELECT code_era FROM unit_attributes a JOIN units u ON u.id = a.unit_id WHERE u.name = 'Xã Gia Viễn'")).toEqual({
      code_era: 'sau_2025',
    });
    const giaVien = active.find((u) => u.name === 'Xã Gia Viễn')!;
    expect(row('SELECT parent_id FROM units WHERE id = ?', thon.id)).toEqual({ parent_id: giaVien.id });
    expect((await t.call('office.get', {}))?.era).toBe('truoc_2025');

    const newHung = active.find((u) => u.name === 'Xã Gia Hưng')!;
    const today = await t.call('figures.rollup', { year: 2022, view: 'today', unitId: null, level: 'xa' });
    expect(today.rows.find((r) => r.unitId === newHung.id)).toMatchObject({ households: 2650, residents: 10000 });

    const again = await t.call('reorg.propose', {});
    expect(again.groups).toEqual([]);
    expect(again.unmapped).toEqual([]);
    await expectRefused(
      'reorg.apply',
      {
        groups: [
          { key: '14482', mode: 'merge', successorId: null, successor: { name: 'Xã X', kind: 'xa', code: null }, unitIds: [newHung.id] },
        ],
        primaries: [],
        reason: 'Lần hai',
      },
      'RULE',
      /không phải là xã đang hoạt động theo danh mục trước năm 2025/,
    );
  });

  it('lets the officer untick a commune, rename a successor and skip groups; refusals change nothing', async () => {
    const { hung, lienSon, phu, sinh } = await setupGiaVien();
    const manual = await t.call('units.create', {
      parentId: (await byName('Huyện Gia Viễn')).id,
      name: 'Xã Tự Đặt',
      kind: 'xa',
      code: null,
      validFrom: '2010-01-01',
    });
    const p = await t.call('reorg.propose', {});
    expect(p.unmapped).toEqual([
      expect.objectContaining({ unitId: manual.id, why: 'Chưa có mã chính thức nên không tra được trong danh mục.' }),
    ]);
    const reason = 'Sắp xếp 2025';
    await expectRefused(
      'reorg.apply',
      {
        groups: [
          {
            key: 'x',
            mode: 'merge',
            successorId: null,
            successor: { name: 'Thị trấn Mới', kind: 'thi_tran', code: null },
            unitIds: [hung.id],
          },
        ],
        primaries: [],
        reason,
      },
      'VALIDATION',
      /không còn thị trấn/,
    );
    await expectRefused(
      'reorg.apply',
      {
        groups: [
          {
            key: '14482',
            mode: 'merge',
            successorId: null,
            successor: { name: 'Xã Gia Sinh', kind: 'xa', code: null },
            unitIds: [hung.id, lienSon.id],
          },
        ],
        primaries: [],
        reason,
      },
      'CONFLICT',
      /Xã Gia Sinh/,
    );
    await expectRefused(
      'reorg.apply',
      {
        groups: [
          {
            key: '14482',
            mode: 'keep',
            successorId: null,
            successor: { name: 'Xã Gia Hưng', kind: 'xa', code: '14482' },
            unitIds: [hung.id, lienSon.id],
          },
        ],
        primaries: [],
        reason,
      },
      'VALIDATION',
      /đúng một xã cũ/,
    );
    // Old Xã Gia Phú still holds code 14482 while it is active: the new commune cannot take it yet.
    await expectRefused(
      'reorg.apply',
      {
        groups: [
          {
            key: '14482',
            mode: 'merge',
            successorId: null,
            successor: { name: 'Xã Gia Hưng', kind: 'xa', code: '14482' },
            unitIds: [hung.id, lienSon.id],
          },
        ],
        primaries: [],
        reason,
      },
      'CONFLICT',
      /"14482" đã được dùng cho "Xã Gia Phú"/,
    );
    const out = await t.call('reorg.apply', {
      groups: [
        {
          key: '14482',
          mode: 'merge',
          successorId: null,
          successor: { name: 'Xã Gia Hưng Mới', kind: 'xa', code: '14482' },
          unitIds: [hung.id, phu.id],
        },
      ],
      primaries: [],
      reason,
    });
    expect(out.unitsEnded).toBe(2);
    expect(row('SELECT valid_to FROM units WHERE id = ?', lienSon.id)).toEqual({ valid_to: null });
    // The rest of the group is proposed again, now into the commune that exists.
    const next = await t.call('reorg.propose', {});
    const rest = next.groups.find((g) => g.key === '14482')!;
    expect(rest.predecessors.map((x) => x.name)).toEqual(['Xã Liên Sơn']);
    const created = await byName('Xã Gia Hưng Mới');
    expect(rest.existing).toEqual({ id: created.id, name: 'Xã Gia Hưng Mới' });
    expect(next.groups.find((g) => g.key === '14533')?.predecessors.map((x) => x.unitId)).toEqual([sinh.id]);
    await t.call('reorg.apply', {
      groups: [
        {
          key: '14482',
          mode: 'merge',
          successorId: created.id,
          successor: { name: rest.successor.name, kind: 'xa', code: '14482' },
          unitIds: [lienSon.id],
        },
      ],
      primaries: [],
      reason,
    });
    expect(rows('SELECT successor_id FROM unit_lineage WHERE predecessor_id = ?', lienSon.id)).toEqual([{ successor_id: created.id }]);
    expect((await t.call('units.lineage', { id: created.id })).predecessors.map((l) => l.unit.name)).toEqual([
      'Xã Gia Hưng',
      'Xã Gia Phú',
      'Xã Liên Sơn',
    ]);
  });

  it('a provincial office before 2025: successors go under the province, districts end, the office moves to the new catalogue', async () => {
    await t.call('office.setup', PROVINCE_SETUP);
    const p = await t.call('reorg.propose', {});
    expect(p).toMatchObject({ applicable: true, endsDistricts: true, parent: { name: 'Tỉnh Ninh Bình' } });
    const splitCommunes = p.groups.flatMap((g) => g.predecessors).filter((x) => x.splitInto.length > 1);
    const groups = p.groups.map((g) => ({
      key: g.key,
      mode: g.mode,
      successorId: null,
      successor: { name: g.successor.name, kind: g.successor.kind, code: g.successor.code },
      unitIds: g.predecessors.map((x) => x.unitId),
    }));
    const primaries = [...new Set(splitCommunes.map((x) => x.unitId))].map((unitId) => ({
      unitId,
      group: groups.findIndex((g) => g.unitIds.includes(unitId)),
    }));
    const out = await t.call('reorg.apply', { groups, primaries, reason: 'Sắp xếp đơn vị hành chính 2025' });
    expect(p.unmapped).toEqual([]);
    expect(out).toEqual({ merged: 39, kept: 0, unitsEnded: 125, childrenMoved: 0, districtsEnded: 7, eraChanged: true });
    const office = await t.call('office.get', {});
    const root = await t.call('units.get', { id: office!.rootUnitId });
    const listNow = await t.call('units.list', { includeEnded: false });
    const newCommunes = listNow.filter((u) => u.level === 'xa');
    expect(newCommunes.length).toBe(groups.length);
    expect(newCommunes.every((u) => u.parentId === root.unit.id)).toBe(true);
    expect(office!.era).toBe('sau_2025');
    expect(listNow.filter((u) => u.level === 'huyen')).toEqual([]);
    expect(Number(row("SELECT count(*) AS n FROM units WHERE level = 'huyen' AND valid_to = '2025-06-30'")?.['n'])).toBe(7);
    // Now a post-2025 office: residential areas go under the new communes as usual.
    const someNew = newCommunes[0]!;
    await addThon(someNew.id, 'Thôn Mới', '2025-08-01');
    // In the 2024 tree, the old communes are still under their districts.
    const tree2024 = await t.call('units.asOf', { date: '2024-12-31' });
    expect(tree2024.filter((u) => u.level === 'huyen')).toHaveLength(7);
    expect(tree2024.filter((u) => u.level === 'xa').every((u) => tree2024.find((d) => d.id === u.parentId)?.level === 'huyen')).toBe(true);
    expect((await t.call('reorg.propose', {})).applicable).toBe(false);
  });

  it('asks which new commune carries the figures of a divided commune (Phường Dịch Vọng, Cầu Giấy)', async () => {
    await t.call('office.setup', {
      ...DISTRICT_SETUP,
      provinceCode: '01',
      districtCode: '005',
      name: 'Công an quận Cầu Giấy',
      code: '005',
    });
    const p = await t.call('reorg.propose', {});
    const dichVong = p.groups.flatMap((g) => g.predecessors).filter((x) => x.name === 'Phường Dịch Vọng');
    expect(dichVong).toHaveLength(2);
    expect(dichVong[0]!.splitInto.map((s) => s.name)).toEqual(['Phường Nghĩa Đô', 'Phường Cầu Giấy']);
    const groups = p.groups.map((g) => ({
      key: g.key,
      mode: g.mode,
      successorId: null,
      successor: { name: g.successor.name, kind: g.successor.kind, code: g.successor.code },
      unitIds: g.predecessors.map((x) => x.unitId),
    }));
    const divided = [
      ...new Set(
        p.groups
          .flatMap((g) => g.predecessors)
          .filter((x) => x.splitInto.length > 1)
          .map((x) => x.unitId),
      ),
    ];
    const reason = 'Sắp xếp 2025';
    await expectRefused('reorg.apply', { groups, primaries: [], reason }, 'RULE', /được chia vào 2 xã mới .*hãy chọn xã kế thừa chính/);
    const cauGiay = groups.findIndex((g) => g.successor.name === 'Phường Cầu Giấy');
    const primaries = divided.map((unitId) => ({
      unitId,
      group: groups.findIndex((g, i) => g.unitIds.includes(unitId) && (i === cauGiay || !groups[cauGiay]!.unitIds.includes(unitId))),
    }));
    await t.call('reorg.apply', { groups, primaries, reason });
    const dv = dichVong[0]!.unitId;
    const links = rows<{ name: string; is_primary: number }>(
      'SELECT u.name, l.is_primary FROM unit_lineage l JOIN units u ON u.id = l.successor_id WHERE l.predecessor_id = ? ORDER BY u.name',
      dv,
    );
    expect(links).toEqual([
      { name: 'Phường Cầu Giấy', is_primary: 1 },
      { name: 'Phường Nghĩa Đô', is_primary: 0 },
    ]);
  });

  it('keeps a commune whose new catalogue entry has it as the only predecessor (same unit, new label from 01/07/2025)', async () => {
    // Find, in the catalogue, a district whose old commune maps one-to-one to a new commune.
    const catalogue = loadCatalogue(CATALOGUE_PATH);
    let found: { province: string; district: string; oldCode: string } | null = null;
    outer: for (const prov of catalogue.provinces('truoc_2025')) {
      for (const d of catalogue.districts(prov.code)) {
        for (const c of catalogue.communes('truoc_2025', d.code)) {
          const s = catalogue.successors(c.code);
          if (s.length === 1 && catalogue.predecessors(s[0]!.code).length === 1 && s[0]!.name !== c.name) {
            found = { province: prov.code, district: d.code, oldCode: c.code };
            break outer;
          }
        }
      }
    }
    expect(found).not.toBeNull();
    await t.call('office.setup', {
      ...DISTRICT_SETUP,
      provinceCode: found!.province,
      districtCode: found!.district,
      code: 'X',
      name: 'Công an huyện',
    });
    const p = await t.call('reorg.propose', {});
    const keep = p.groups.find((g) => g.mode === 'keep' && g.predecessors[0]!.code === found!.oldCode)!;
    expect(keep).toBeDefined();
    const unitId = keep.predecessors[0]!.unitId;
    const before = (await t.call('units.get', { id: unitId })).unit;
    const groups = p.groups.map((g) => ({
      key: g.key,
      mode: g.mode,
      successorId: null,
      successor: { name: g.successor.name, kind: g.successor.kind, code: g.successor.code },
      unitIds: g.predecessors.map((x) => x.unitId),
    }));
    const primaries = [
      ...new Set(
        p.groups
          .flatMap((g) => g.predecessors)
          .filter((x) => x.splitInto.length > 1)
          .map((x) => x.unitId),
      ),
    ].map((id) => ({
      unitId: id,
      group: groups.findIndex((g) => g.unitIds.includes(id)),
    }));
    const out = await t.call('reorg.apply', { groups, primaries, reason: 'Sắp xếp 2025' });
    expect(out.kept).toBeGreaterThan(0);
    const after = (await t.call('units.get', { id: unitId })).unit;
    expect(after).toMatchObject({ id: unitId, name: keep.successor.name, validTo: null });
    const old = (await t.call('units.asOf', { date: '2025-06-30' })).find((u) => u.id === unitId);
    expect(old).toMatchObject({ name: before.name, code: before.code });
    expect((await t.call('reorg.propose', {})).groups.some((g) => g.predecessors.some((x) => x.unitId === unitId))).toBe(false);
  });

  it('a district office whose communes became a đặc khu places it under the district root', async () => {
    const catalogue = loadCatalogue(CATALOGUE_PATH);
    let found: { province: string; district: string; dacKhu: string } | null = null;
    outer: for (const prov of catalogue.provinces('truoc_2025')) {
      for (const d of catalogue.districts(prov.code)) {
        for (const c of catalogue.communes('truoc_2025', d.code)) {
          const dk = catalogue.successors(c.code).find((x) => x.kind === 'dac_khu');
          if (dk) {
            found = { province: prov.code, district: d.code, dacKhu: dk.code };
            break outer;
          }
        }
      }
    }
    expect(found).not.toBeNull();
    await t.call('office.setup', {
      ...DISTRICT_SETUP,
      provinceCode: found!.province,
      districtCode: found!.district,
      code: 'X',
      name: 'Công an huyện',
    });
    const p = await t.call('reorg.propose', {});
    const g = p.groups.find((x) => x.key === found!.dacKhu)!;
    expect(g.successor.kind).toBe('dac_khu');
    await t.call('reorg.apply', {
      groups: [
        {
          key: g.key,
          mode: g.mode,
          successorId: null,
          successor: { name: g.successor.name, kind: 'dac_khu', code: g.key },
          unitIds: g.predecessors.filter((x) => x.splitInto.length === 0).map((x) => x.unitId),
        },
      ],
      primaries: [],
      reason: 'Sắp xếp 2025',
    });
    expect(
      row<{ kind: string; valid_from: string }>('SELECT kind, valid_from FROM units WHERE code = ? AND valid_to IS NULL', g.key),
    ).toEqual({ kind: 'dac_khu', valid_from: '2025-07-01' });
    // A manual unit of the pre-2025 hierarchy still cannot be a đặc khu.
    const root = await t.call('units.get', { id: (await t.call('office.get', {}))!.rootUnitId });
    await expectRefused(
      'units.create',
      { parentId: root.unit.id, name: 'Đặc khu Mới', kind: 'dac_khu', code: null, validFrom: '2026-01-01' },
      'RULE',
      /Đặc khu chỉ có từ ngày 01\/7\/2025/,
    );
  });

  it('is not applicable to an office already on the post-2025 catalogue', async () => {
    await t.call('office.setup', {
      level: 'tinh',
      era: 'sau_2025',
      provinceCode: '15',
      districtCode: null,
      communeCode: null,
      name: 'CA tỉnh',
      code: 'LC',
      importChildren: false,
    });
    const p = await t.call('reorg.propose', {});
    expect(p.applicable).toBe(false);
    expect(isVietnameseMessage(p.reason)).toBe(true);
  });
});

describe('Excel spec unit_year_stats', () => {
  function context(): ServiceContext & { close(): void } {
    const opened = openDatabase(t.backend.databasePath, LATEST_VERSION);
    const clock = createClock(() => new Date(START));
    return { db: opened.db, clock, newId: newUuid, catalogue: () => loadCatalogue(CATALOGUE_PATH), close: () => opened.raw.close() };
  }

  it("parses, classifies, applies and exports rows that import back unchanged, naming units as in the row's year", async () => {
    const { hung, lienSon, phu, hoa } = await setupGiaVien();
    const thon = await addThon(hoa.id, 'Thôn 1');
    await addThon(hung.id, 'Thôn 1');
    await mergeHung([hung.id, lienSon.id, phu.id]);
    const ctx = context();
    try {
      const lookup = await unitYearStatsSpec.prepare(ctx);
      const ok = unitYearStatsSpec.parseRow(
        { year: '2022', unit: '14473', households: '1.250', residents: '4830', trongDiem: 'Có' },
        lookup,
      );
      expect(ok).toEqual({
        ok: true,
        value: { unitId: lienSon.id, year: 2022, households: 1250, residents: 4830, trongDiem: true },
        label: 'Xã Liên Sơn – năm 2022',
      });
      // "Xã Gia Hưng" in 2022 is the old commune; in 2026 it is the new one.
      const old = unitYearStatsSpec.parseRow({ year: '2022', unit: 'xa gia hung', households: '', residents: '', trongDiem: '' }, lookup);
      expect(old.ok && old.value.unitId).toBe(hung.id);
      const bad = unitYearStatsSpec.parseRow({ year: '2022', unit: 'Thôn 1', households: '10', residents: '5', trongDiem: 'Có' }, lookup);
      expect(bad.ok).toBe(false);
      if (!bad.ok) {
        expect(bad.errors.map((e) => e.column)).toEqual(['unit', 'residents']);
        expect(bad.errors.every((e) => isVietnameseMessage(e.message))).toBe(true);
      }
      const thonOk = unitYearStatsSpec.parseRow(
        { year: '2022', unit: 'Xã Gia Hòa / Thôn 1', households: '10', residents: '25', trongDiem: '' },
        lookup,
      );
      expect(thonOk.ok && thonOk.value.unitId).toBe(thon.id);
      const future = unitYearStatsSpec.parseRow({ year: '2030', unit: '14473', households: '', residents: '', trongDiem: '' }, lookup);
      expect(future.ok).toBe(false);

      if (!ok.ok || !thonOk.ok) throw new Error('unreachable');
      const values = [ok.value, thonOk.value];
      expect(unitYearStatsSpec.naturalKey(ok.value)).toBe(`${lienSon.id}/2022`);
      expect(await unitYearStatsSpec.classify(ctx.db, values)).toEqual(['new', 'new']);
      await ctx.db.transaction().execute((trx) => unitYearStatsSpec.apply(trx, ctx, values));
      expect(await unitYearStatsSpec.classify(ctx.db, values)).toEqual(['unchanged', 'unchanged']);
      expect(await unitYearStatsSpec.classify(ctx.db, [{ ...ok.value, households: 1 }])).toEqual(['update']);

      const exported = await unitYearStatsSpec.exportRows(ctx, { ...EMPTY_FILTER, year: 2022 });
      expect(exported.find((r) => r['unit'] === 'Xã Liên Sơn')).toEqual({
        year: 2022,
        unit: 'Xã Liên Sơn',
        households: 1250,
        residents: 4830,
        trongDiem: 'Có',
      });
      expect(exported.some((r) => r['unit'] === 'Xã Gia Hòa / Thôn 1')).toBe(true);
      // Every exported row parses back to the same key and is "unchanged".
      const lookup2 = await unitYearStatsSpec.prepare(ctx);
      const reparsed = exported.map((r) =>
        unitYearStatsSpec.parseRow(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? '' : String(v)])), lookup2),
      );
      expect(reparsed.every((r) => r.ok)).toBe(true);
      const statuses = await unitYearStatsSpec.classify(
        ctx.db,
        reparsed.flatMap((r) => (r.ok ? [r.value] : [])),
      );
      expect(new Set(statuses)).toEqual(new Set(['unchanged']));
      const recorded = await unitYearStatsSpec.exportRows(ctx, EMPTY_FILTER);
      expect(recorded).toHaveLength(2);
    } finally {
      ctx.close();
    }
  });
});
