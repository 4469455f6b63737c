/**
 * The models feature through the real backend (migrated database in a temporary folder, dispatch
 * of the contract): model types, models and their status log, ratings, recognitions, sites, the
 * lists' filters, the HD22 overview (with a fixture that reproduces Sa Pa's reported figures), and
 * the Excel specs. Every refusal is checked to leave the database file exactly as it was.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import type { MethodInput, MethodOutput, UnitDto } from '../../../shared/ipc/contract';
import type { ModelDto, ModelSiteDto } from '../../../shared/ipc/contracts/models.contract';
import { EMPTY_FILTER, type ListFilter } from '../../../shared/domain/registries';
import { CATALOGUE_PATH, startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { dumpDatabase, queryAll, queryOne } from '../../support/sqlite';
import { isVietnameseMessage } from '../../support/vietnamese';
import { openDatabase } from '../../../electron/backend/db/open';
import { LATEST_VERSION } from '../../../electron/backend/db/migrations';
import { createClock } from '../../../electron/backend/clock';
import { loadCatalogue } from '../../../electron/backend/catalogue/catalogue';
import type { ServiceContext } from '../../../electron/backend/context';
import { modelsOverview } from '../../../electron/backend/services/models.service';
import {
  MODEL_COLUMNS,
  SITE_COLUMNS,
  modelSitesSpec,
  modelsSpec,
  type ModelImportValue,
  type SiteImportValue,
} from '../../../electron/backend/services/xlsx-import/specs/models.spec';
import type { ParseResult } from '../../../electron/backend/xlsx/spec';
import { GIA_VIEN_SETUP } from '../../support/offices';
import { refusalChecker } from '../../support/refusals';

const START = '2026-11-22T03:00:00.000Z';

const GIA_VIEN = GIA_VIEN_SETUP;

const SA_PA = {
  level: 'huyen',
  era: 'truoc_2025',
  provinceCode: '10',
  districtCode: '088',
  communeCode: null,
  name: 'Công an thị xã Sa Pa',
  code: '088',
  importChildren: true,
} as const satisfies MethodInput<'office.setup'>;

/** Starter types shipped by migration 0004 (fixed ids, shared by every office). */
const PCCC = 'f28d9677-9cf2-42e6-9c30-af2fa94aede5';
const TU_QUAN = '7754e074-b76c-4565-b382-7cc9b609b664';
const DONG_HO = 'bb964dd6-720c-4c0c-8a5f-7985b874d144';
const CLB_PHAP_LUAT = '56a0b164-7e96-40b4-9435-adda13d6b18a';

const tmp = useTempDir('antq-models-');
let t: TestBackend;
const extraClose: (() => void)[] = [];

beforeEach(async () => {
  t = await startBackend(tmp.path(), START);
});
afterEach(() => {
  for (const close of extraClose.splice(0)) close();
  t.close();
});

const file = () => t.backend.databasePath;
const dump = () => dumpDatabase(file());
const rows = (sql: string, ...params: unknown[]) => queryAll(file(), sql, ...params);
const row = (sql: string, ...params: unknown[]) => queryOne(file(), sql, ...params);

async function unit(name: string): Promise<UnitDto> {
  const found = (await t.call('units.list', { includeEnded: true })).filter((u) => u.name === name);
  if (found.length !== 1) throw new Error(`expected one unit named ${name}, found ${found.length}`);
  return found[0]!;
}

/** The refusal must come with a Vietnamese message and leave every table exactly as it was. */
const expectRefused = refusalChecker(() => t, dump);

function modelInput(originUnitId: string, over: Partial<MethodInput<'models.create'>> = {}): MethodInput<'models.create'> {
  return {
    name: 'Tổ liên gia an toàn phòng cháy, chữa cháy',
    typeId: PCCC,
    originUnitId,
    originLevel: 'huyen',
    foundedOn: '2022-03-15',
    status: 'hoat_dong',
    note: '',
    ...over,
  };
}

function siteInput(
  modelId: string,
  unitId: string,
  over: Partial<MethodInput<'modelSites.create'>> = {},
): MethodInput<'modelSites.create'> {
  return { modelId, unitId, organizationName: '', startedOn: '2022-04-01', teams: 2, members: 18, note: '', ...over };
}

const filter = (over: Partial<ListFilter> = {}): ListFilter => ({ ...EMPTY_FILTER, ...over });

/** A service context on the same database file (a second connection), for the overview and the Excel specs. */
function serviceContext(): ServiceContext {
  const opened = openDatabase(file(), LATEST_VERSION);
  extraClose.push(() => opened.raw.close());
  return {
    db: opened.db,
    clock: createClock(t.clock.now),
    newId: () => crypto.randomUUID(),
    catalogue: () => loadCatalogue(CATALOGUE_PATH),
  };
}

describe('model types', () => {
  it('ships the starter catalogue with fixed ids, sorted in Vietnamese order', async () => {
    await t.call('office.setup', GIA_VIEN);
    const types = await t.call('modelTypes.list', { includeInactive: true });
    expect(types).toHaveLength(16);
    expect(types.every((x) => x.builtin && x.active && x.models === 0)).toBe(true);
    expect(types.find((x) => x.id === PCCC)).toMatchObject({ name: 'Tổ liên gia an toàn phòng cháy, chữa cháy', group: 'pccc' });
    expect(types.find((x) => x.id === DONG_HO)).toMatchObject({ group: 'dong_ho' });
    const names = types.map((x) => x.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'vi', { numeric: true, sensitivity: 'base' })));
    expect(row('SELECT name_folded, created_at FROM model_types WHERE id = ?', PCCC)).toEqual({
      name_folded: 'to lien gia an toan phong chay, chua chay',
      created_at: '2026-11-22T00:00:00.000Z',
    });
  });

  it('adds, renames, deactivates and deletes an unused type; refuses duplicates ignoring diacritics', async () => {
    await t.call('office.setup', GIA_VIEN);
    const created = await t.call('modelTypes.create', { name: '  Tam giác   tự quản ', group: 'tu_quan' });
    expect(created).toMatchObject({ name: 'Tam giác tự quản', group: 'tu_quan', active: true, builtin: false, models: 0 });
    expect(row('SELECT name, name_folded, category, active, builtin FROM model_types WHERE id = ?', created.id)).toEqual({
      name: 'Tam giác tự quản',
      name_folded: 'tam giac tu quan',
      category: 'tu_quan',
      active: 1,
      builtin: 0,
    });
    const dup = await expectRefused(
      'modelTypes.create',
      { name: 'TAM GIAC TU QUAN', group: 'khac' },
      'CONFLICT',
      /Đã có loại mô hình "Tam giác tự quản"/,
    );
    expect(dup.details).toEqual({ name: 'Tên loại mô hình đã có' });
    await expectRefused('modelTypes.create', { name: '   ', group: 'khac' }, 'VALIDATION', /Tên loại mô hình không được để trống/);
    await expectRefused('modelTypes.create', { name: 'X', group: 'an_ninh' as never }, 'VALIDATION', /Nhóm mô hình không hợp lệ/);

    t.clock.set('2026-11-23T01:00:00.000Z');
    const renamed = await t.call('modelTypes.update', {
      id: created.id,
      name: 'Tam giác an ninh tự quản',
      group: 'tu_quan',
      active: false,
    });
    expect(renamed).toMatchObject({ name: 'Tam giác an ninh tự quản', active: false, updatedAt: '2026-11-23T01:00:00.000Z' });
    expect((await t.call('modelTypes.list', { includeInactive: false })).map((x) => x.id)).not.toContain(created.id);
    expect((await t.call('modelTypes.list', { includeInactive: true })).map((x) => x.id)).toContain(created.id);
    await expectRefused(
      'modelTypes.update',
      { id: created.id, name: 'Camera giám sát an ninh, trật tự', group: 'tu_quan', active: true },
      'CONFLICT',
    );

    await expectRefused(
      'modelTypes.delete',
      { id: DONG_HO },
      'RULE',
      /Không thể xóa loại có sẵn "Dòng họ tự quản về an ninh, trật tự".*Ngừng sử dụng/,
    );
    await t.call('modelTypes.delete', { id: created.id });
    expect(row('SELECT deleted_at FROM model_types WHERE id = ?', created.id)).toEqual({ deleted_at: '2026-11-23T01:00:00.000Z' });
    expect((await t.call('modelTypes.list', { includeInactive: true })).map((x) => x.id)).not.toContain(created.id);
    // The name is free again once the type is deleted.
    await t.call('modelTypes.create', { name: 'Tam giác an ninh tự quản', group: 'tu_quan' });
    await expectRefused('modelTypes.delete', { id: created.id }, 'NOT_FOUND');
  });

  it('a type in use can be deactivated but not deleted; new models cannot use an inactive type', async () => {
    await t.call('office.setup', GIA_VIEN);
    const root = await unit('Huyện Gia Viễn');
    const m = await t.call('models.create', modelInput(root.id));
    expect((await t.call('modelTypes.list', { includeInactive: true })).find((x) => x.id === PCCC)?.models).toBe(1);
    await expectRefused('modelTypes.delete', { id: PCCC }, 'RULE', /đang có 1 mô hình thuộc loại này.*Ngừng sử dụng/);
    const off = await t.call('modelTypes.update', {
      id: PCCC,
      name: 'Tổ liên gia an toàn phòng cháy, chữa cháy',
      group: 'pccc',
      active: false,
    });
    expect(off.active).toBe(false);
    const err = await expectRefused('models.create', modelInput(root.id, { name: 'Mô hình khác' }), 'RULE', /đã ngừng sử dụng/);
    expect(err.details).toEqual({ typeId: 'Loại mô hình đã ngừng sử dụng' });
    // A model that already has the type keeps it when edited.
    const edited = await t.call('models.update', {
      id: m.id,
      name: 'Tổ liên gia PCCC',
      typeId: PCCC,
      originUnitId: root.id,
      originLevel: 'huyen',
      foundedOn: '2022-03-15',
      note: '',
    });
    expect(edited.name).toBe('Tổ liên gia PCCC');
    await expectRefused('models.create', modelInput(root.id, { name: 'Khác', typeId: crypto.randomUUID() }), 'NOT_FOUND');
  });
});

describe('models', () => {
  let root: UnitDto;
  let hoa: UnitDto;
  let hung: UnitDto;
  beforeEach(async () => {
    await t.call('office.setup', GIA_VIEN);
    root = await unit('Huyện Gia Viễn');
    hoa = await unit('Xã Gia Hòa');
    hung = await unit('Xã Gia Hưng');
  });

  it('creates a model with its first step dated on the founding date', async () => {
    const m = await t.call('models.create', modelInput(root.id, { note: ' Phát động tại 21 xã, thị trấn ' }));
    expect(m).toMatchObject({
      name: 'Tổ liên gia an toàn phòng cháy, chữa cháy',
      typeName: 'Tổ liên gia an toàn phòng cháy, chữa cháy',
      typeGroup: 'pccc',
      originUnitName: 'Huyện Gia Viễn',
      originLevel: 'huyen',
      foundedOn: '2022-03-15',
      status: 'hoat_dong',
      operatingSince: '2022-03-15',
      retiredOn: null,
      note: 'Phát động tại 21 xã, thị trấn',
      createdAt: START,
    });
    expect(row('SELECT name_folded, type_id, origin_unit_id, status, deleted_at FROM models WHERE id = ?', m.id)).toEqual({
      name_folded: 'to lien gia an toan phong chay, chua chay',
      type_id: PCCC,
      origin_unit_id: root.id,
      status: 'hoat_dong',
      deleted_at: null,
    });
    expect(rows('SELECT seq, status, on_date, note FROM model_events WHERE model_id = ?', m.id)).toEqual([
      { seq: 1, status: 'hoat_dong', on_date: '2022-03-15', note: null },
    ]);
  });

  it('refuses bad input and broken rules, changing nothing', async () => {
    await t.call('models.create', modelInput(hoa.id, { originLevel: 'xa', name: 'Dòng họ tự quản', typeId: DONG_HO }));
    await expectRefused('models.create', modelInput(root.id, { name: '' }), 'VALIDATION', /Tên mô hình không được để trống/);
    await expectRefused('models.create', modelInput(root.id, { status: 'so_ket' as never }), 'VALIDATION', /Mô hình mới chỉ có thể/);
    await expectRefused('models.create', modelInput(root.id, { foundedOn: '2022-02-30' }), 'VALIDATION', /Ngày không hợp lệ/);
    await expectRefused(
      'models.create',
      modelInput(root.id, { foundedOn: '2026-11-23' }),
      'RULE',
      /không được sau ngày hôm nay \(22\/11\/2026\)/,
    );
    const level = await expectRefused(
      'models.create',
      modelInput(root.id, { originLevel: 'xa' }),
      'RULE',
      /cấp huyện nên cấp xây dựng không thể là cấp xã/,
    );
    expect(Object.keys(level.details ?? {})).toEqual(['originLevel']);
    const dup = await expectRefused(
      'models.create',
      modelInput(hoa.id, { originLevel: 'xa', name: 'DONG HO TU QUAN' }),
      'CONFLICT',
      /"Xã Gia Hòa" đã có mô hình "Dòng họ tự quản"/,
    );
    expect(dup.details).toEqual({ name: 'Tên mô hình đã có ở đơn vị này' });
    await expectRefused('models.create', modelInput(crypto.randomUUID()), 'NOT_FOUND');
    // The same name built by another commune is another model.
    await t.call('models.create', modelInput(hung.id, { originLevel: 'xa', name: 'Dòng họ tự quản', typeId: DONG_HO }));
  });

  it('refuses an origin unit that had ended before the founding date', async () => {
    const thon = await t.call('units.create', { parentId: hoa.id, name: 'Thôn Cũ', kind: 'thon', code: null, validFrom: '2010-01-01' });
    await t.call('units.end', { id: thon.id, validTo: '2020-12-31', reason: 'Sáp nhập' });
    await expectRefused(
      'models.create',
      modelInput(thon.id, { originLevel: 'xa' }),
      'RULE',
      /"Thôn Cũ" đã kết thúc hoạt động từ ngày 31\/12\/2020/,
    );
    const before = await t.call('models.create', modelInput(thon.id, { originLevel: 'xa', foundedOn: '2019-01-01' }));
    expect(before.originUnitName).toBe('Thôn Cũ');
  });

  it('walks the lifecycle with a dated log; refuses skipped steps and dates going back', async () => {
    const m = await t.call('models.create', modelInput(hoa.id, { originLevel: 'xa', status: 'de_xuat', foundedOn: '2021-10-01' }));
    expect(m.operatingSince).toBeNull();
    expect((await t.call('models.get', { id: m.id })).nextStatuses).toEqual(['ra_mat']);
    await expectRefused(
      'models.changeStatus',
      { id: m.id, status: 'nhan_rong', on: '2022-01-01', note: '' },
      'RULE',
      /từ trạng thái "Đề xuất" sang "Nhân rộng"/,
    );
    await expectRefused(
      'models.changeStatus',
      { id: m.id, status: 'thanh_loai' as never, on: '2022-01-01', note: '' },
      'VALIDATION',
      /thanh loại mô hình bằng chức năng riêng/,
    );
    await expectRefused(
      'models.changeStatus',
      { id: m.id, status: 'ra_mat', on: '2021-09-30', note: '' },
      'RULE',
      /không được trước ngày của bước "Đề xuất xây dựng"/,
    );

    t.clock.set('2026-11-22T04:00:00.000Z');
    const launched = await t.call('models.changeStatus', {
      id: m.id,
      status: 'ra_mat',
      on: '2022-01-10',
      note: 'Ra mắt tại nhà văn hóa thôn',
    });
    expect(launched).toMatchObject({ status: 'ra_mat', operatingSince: '2022-01-10', updatedAt: '2026-11-22T04:00:00.000Z' });
    await t.call('models.changeStatus', { id: m.id, status: 'hoat_dong', on: '2022-01-10', note: '' });
    await t.call('models.changeStatus', { id: m.id, status: 'so_ket', on: '2023-01-05', note: 'Sơ kết 01 năm' });
    expect((await t.call('models.get', { id: m.id })).nextStatuses).toEqual(['tong_ket', 'nhan_rong']);
    const replicated = await t.call('models.changeStatus', { id: m.id, status: 'nhan_rong', on: '2023-06-01', note: '' });
    expect(replicated.status).toBe('nhan_rong');
    expect(rows('SELECT seq, status, on_date, note FROM model_events WHERE model_id = ? ORDER BY seq', m.id)).toEqual([
      { seq: 1, status: 'de_xuat', on_date: '2021-10-01', note: null },
      { seq: 2, status: 'ra_mat', on_date: '2022-01-10', note: 'Ra mắt tại nhà văn hóa thôn' },
      { seq: 3, status: 'hoat_dong', on_date: '2022-01-10', note: null },
      { seq: 4, status: 'so_ket', on_date: '2023-01-05', note: 'Sơ kết 01 năm' },
      { seq: 5, status: 'nhan_rong', on_date: '2023-06-01', note: null },
    ]);
    expect(row('SELECT status FROM models WHERE id = ?', m.id)).toEqual({ status: 'nhan_rong' });
    const detail = await t.call('models.get', { id: m.id });
    expect(detail.events.map((e) => e.status)).toEqual(['de_xuat', 'ra_mat', 'hoat_dong', 'so_ket', 'nhan_rong']);
    expect(detail.nextStatuses).toEqual([]);
    await expectRefused('models.changeStatus', { id: m.id, status: 'so_ket', on: '2024-01-01', note: '' }, 'RULE');
  });

  it('edits a model; moving the founding date moves the first step and respects sites and later steps', async () => {
    const m = await t.call('models.create', modelInput(root.id, { foundedOn: '2022-03-15' }));
    await t.call('modelSites.create', siteInput(m.id, hoa.id, { startedOn: '2022-04-01' }));
    await t.call('models.changeStatus', { id: m.id, status: 'so_ket', on: '2022-12-01', note: '' });
    const upd = (over: Partial<MethodInput<'models.update'>>) => ({
      id: m.id,
      name: m.name,
      typeId: PCCC,
      originUnitId: root.id,
      originLevel: 'huyen' as const,
      foundedOn: '2022-03-15',
      note: '',
      ...over,
    });
    const moved = await t.call('models.update', upd({ foundedOn: '2022-02-01', name: 'Tổ liên gia PCCC', typeId: TU_QUAN }));
    expect(moved).toMatchObject({
      foundedOn: '2022-02-01',
      operatingSince: '2022-02-01',
      name: 'Tổ liên gia PCCC',
      typeName: 'Khu dân cư tự quản về an ninh, trật tự',
    });
    expect(row('SELECT on_date FROM model_events WHERE model_id = ? AND seq = 1', m.id)).toEqual({ on_date: '2022-02-01' });
    await expectRefused(
      'models.update',
      upd({ foundedOn: '2022-04-02' }),
      'RULE',
      /bắt đầu \(01\/04\/2022\) trước ngày xây dựng mô hình \(02\/04\/2022\)/,
    );
    const other = await t.call('models.create', modelInput(root.id, { name: 'Mô hình khác' }));
    await expectRefused('models.update', { ...upd({}), id: other.id, name: 'tổ liên gia pccc' }, 'CONFLICT');
    // Saving the same values writes nothing.
    const before = dump();
    await t.call('models.update', upd({ foundedOn: '2022-02-01', name: 'Tổ liên gia PCCC', typeId: TU_QUAN }));
    expect(dump()).toEqual(before);
  });

  it('retires a model with a reason: its running sites end on the same date', async () => {
    const m = await t.call('models.create', modelInput(root.id, { foundedOn: '2021-01-01' }));
    const open = await t.call('modelSites.create', siteInput(m.id, hoa.id, { startedOn: '2021-02-01' }));
    const ended = await t.call('modelSites.create', siteInput(m.id, hung.id, { startedOn: '2021-02-01' }));
    await t.call('modelSites.end', { id: ended.id, endedOn: '2022-01-31', reason: 'Tổ giải thể' });
    await expectRefused(
      'models.retire',
      { id: m.id, on: '2023-05-31', reason: '  ' },
      'VALIDATION',
      /Lý do thanh loại không được để trống/,
    );
    await expectRefused(
      'models.retire',
      { id: m.id, on: '2022-01-30', reason: 'Hoạt động kém hiệu quả' },
      'RULE',
      /không thể hoạt động sau ngày mô hình bị thanh loại \(30\/01\/2022\)/,
    );

    const out = await t.call('models.retire', { id: m.id, on: '2023-05-31', reason: 'Hoạt động kém hiệu quả' });
    expect(out.endedSites).toBe(1);
    expect(out.model).toMatchObject({ status: 'thanh_loai', retiredOn: '2023-05-31', retireReason: 'Hoạt động kém hiệu quả' });
    expect(row('SELECT status, retired_on, retire_reason FROM models WHERE id = ?', m.id)).toEqual({
      status: 'thanh_loai',
      retired_on: '2023-05-31',
      retire_reason: 'Hoạt động kém hiệu quả',
    });
    expect(row('SELECT ended_on, end_reason FROM model_sites WHERE id = ?', open.id)).toEqual({
      ended_on: '2023-05-31',
      end_reason: 'Mô hình bị thanh loại: Hoạt động kém hiệu quả',
    });
    expect(row('SELECT ended_on, end_reason FROM model_sites WHERE id = ?', ended.id)).toEqual({
      ended_on: '2022-01-31',
      end_reason: 'Tổ giải thể',
    });
    expect(row('SELECT seq, status, on_date, note FROM model_events WHERE model_id = ? ORDER BY seq DESC', m.id)).toEqual({
      seq: 2,
      status: 'thanh_loai',
      on_date: '2023-05-31',
      note: 'Hoạt động kém hiệu quả',
    });
    await expectRefused('models.retire', { id: m.id, on: '2023-06-01', reason: 'Lần nữa' }, 'RULE', /đã thanh loại/);
    await expectRefused('models.changeStatus', { id: m.id, status: 'so_ket', on: '2023-06-01', note: '' }, 'RULE', /đã thanh loại/);
    await expectRefused(
      'modelSites.create',
      siteInput(m.id, hung.id, { startedOn: '2023-01-01' }),
      'RULE',
      /đã thanh loại từ ngày 31\/05\/2023/,
    );
    await expectRefused('modelSites.reopen', { id: open.id }, 'RULE', /đã thanh loại/);
  });

  it('rates a model per year (one rating a year, updated in place) within its operating years', async () => {
    const m = await t.call('models.create', modelInput(root.id, { foundedOn: '2021-06-01' }));
    const r1 = await t.call('models.rate', { id: m.id, year: 2022, rating: 'hieu_qua', note: 'Giảm 30% vụ cháy' });
    expect(r1).toMatchObject({ modelId: m.id, year: 2022, rating: 'hieu_qua', note: 'Giảm 30% vụ cháy' });
    t.clock.set('2026-11-22T05:00:00.000Z');
    const r2 = await t.call('models.rate', { id: m.id, year: 2022, rating: 'chua_hieu_qua', note: '' });
    expect(r2.id).toBe(r1.id);
    expect(rows('SELECT year, rating, note, updated_at FROM model_ratings WHERE model_id = ?', m.id)).toEqual([
      { year: 2022, rating: 'chua_hieu_qua', note: null, updated_at: '2026-11-22T05:00:00.000Z' },
    ]);
    await t.call('models.rate', { id: m.id, year: 2021, rating: 'hieu_qua', note: '' });
    await expectRefused(
      'models.rate',
      { id: m.id, year: 2020, rating: 'hieu_qua', note: '' },
      'RULE',
      /Năm đánh giá 2020 trước năm mô hình bắt đầu hoạt động/,
    );
    await expectRefused('models.rate', { id: m.id, year: 2027, rating: 'hieu_qua', note: '' }, 'RULE', /Chưa thể đánh giá/);
    await expectRefused(
      'models.rate',
      { id: m.id, year: 2022, rating: 'tot' as never, note: '' },
      'VALIDATION',
      /Kết quả đánh giá không hợp lệ/,
    );
    expect((await t.call('models.get', { id: m.id })).ratings.map((r) => [r.year, r.rating])).toEqual([
      [2021, 'hieu_qua'],
      [2022, 'chua_hieu_qua'],
    ]);
    const proposal = await t.call('models.create', modelInput(root.id, { name: 'Đề xuất', status: 'de_xuat' }));
    await expectRefused('models.rate', { id: proposal.id, year: 2022, rating: 'hieu_qua', note: '' }, 'RULE', /chưa ra mắt/);
  });

  it('records and removes exemplar recognitions', async () => {
    const m = await t.call('models.create', modelInput(root.id, { foundedOn: '2021-06-01' }));
    const rec = await t.call('models.recognise', {
      id: m.id,
      recognisedBy: 'UBND tỉnh Ninh Bình',
      decisionNumber: '1234/QĐ-UBND',
      recognisedOn: '2023-08-19',
      note: '',
    });
    expect(rec).toMatchObject({
      recognisedBy: 'UBND tỉnh Ninh Bình',
      decisionNumber: '1234/QĐ-UBND',
      recognisedOn: '2023-08-19',
      note: null,
    });
    expect(row('SELECT recognised_by, decision_number, recognised_on, deleted_at FROM model_recognitions WHERE id = ?', rec.id)).toEqual({
      recognised_by: 'UBND tỉnh Ninh Bình',
      decision_number: '1234/QĐ-UBND',
      recognised_on: '2023-08-19',
      deleted_at: null,
    });
    await expectRefused(
      'models.recognise',
      { id: m.id, recognisedBy: 'UBND tỉnh Ninh Bình', decisionNumber: '1234/QĐ-UBND', recognisedOn: '2023-08-19', note: '' },
      'CONFLICT',
    );
    await expectRefused(
      'models.recognise',
      { id: m.id, recognisedBy: '', decisionNumber: '', recognisedOn: '2023-08-19', note: '' },
      'VALIDATION',
      /Cơ quan công nhận không được để trống/,
    );
    await expectRefused(
      'models.recognise',
      { id: m.id, recognisedBy: 'Công an tỉnh', decisionNumber: '', recognisedOn: '2021-01-01', note: '' },
      'RULE',
      /trước ngày mô hình bắt đầu hoạt động/,
    );
    expect((await t.call('models.list', filter())).find((x) => x.id === m.id)?.exemplary).toBe(true);
    await t.call('models.removeRecognition', { id: rec.id });
    expect(row('SELECT deleted_at FROM model_recognitions WHERE id = ?', rec.id)).toEqual({ deleted_at: START });
    expect((await t.call('models.get', { id: m.id })).recognitions).toEqual([]);
    await expectRefused('models.removeRecognition', { id: rec.id }, 'NOT_FOUND');
  });

  it('deletes only a model without sites (a mistaken entry); the row stays as a tombstone', async () => {
    const m = await t.call('models.create', modelInput(root.id));
    const s = await t.call('modelSites.create', siteInput(m.id, hoa.id));
    await expectRefused('models.delete', { id: m.id }, 'RULE', /còn 1 điểm áp dụng.*thanh loại/);
    await t.call('modelSites.delete', { id: s.id });
    expect(row('SELECT deleted_at FROM model_sites WHERE id = ?', s.id)).toEqual({ deleted_at: START });
    await t.call('models.delete', { id: m.id });
    expect(row('SELECT deleted_at FROM models WHERE id = ?', m.id)).toEqual({ deleted_at: START });
    expect(await t.call('models.list', filter())).toEqual([]);
    await expectRefused('models.get', { id: m.id }, 'NOT_FOUND');
    // The name can be used again.
    await t.call('models.create', modelInput(root.id));
  });
});

describe('sites', () => {
  let root: UnitDto;
  let hoa: UnitDto;
  let hung: UnitDto;
  let model: ModelDto;
  beforeEach(async () => {
    await t.call('office.setup', GIA_VIEN);
    root = await unit('Huyện Gia Viễn');
    hoa = await unit('Xã Gia Hòa');
    hung = await unit('Xã Gia Hưng');
    model = await t.call('models.create', modelInput(root.id, { foundedOn: '2022-01-01' }));
  });

  it('creates, edits, ends, reopens and deletes a site', async () => {
    const s = await t.call(
      'modelSites.create',
      siteInput(model.id, hoa.id, { organizationName: ' Trường THCS  Gia Hòa ', note: 'Tổ 1 và tổ 2' }),
    );
    expect(s).toMatchObject({
      modelName: model.name,
      unitName: 'Xã Gia Hòa',
      unitPath: ['Huyện Gia Viễn', 'Xã Gia Hòa'],
      organizationName: 'Trường THCS Gia Hòa',
      startedOn: '2022-04-01',
      endedOn: null,
      teams: 2,
      members: 18,
      note: 'Tổ 1 và tổ 2',
    });
    expect(row('SELECT unit_id, organization_name, teams, members FROM model_sites WHERE id = ?', s.id)).toEqual({
      unit_id: hoa.id,
      organization_name: 'Trường THCS Gia Hòa',
      teams: 2,
      members: 18,
    });
    const edited = await t.call('modelSites.update', {
      id: s.id,
      unitId: hoa.id,
      organizationName: 'Trường THCS Gia Hòa',
      startedOn: '2022-03-01',
      teams: 3,
      members: 25,
      note: '',
    });
    expect(edited).toMatchObject({ startedOn: '2022-03-01', teams: 3, members: 25, note: null });
    const ended = await t.call('modelSites.end', { id: s.id, endedOn: '2024-05-31', reason: 'Trường sáp nhập' });
    expect(ended).toMatchObject({ endedOn: '2024-05-31', endReason: 'Trường sáp nhập' });
    await expectRefused('modelSites.end', { id: s.id, endedOn: '2024-06-30', reason: '' }, 'RULE', /đã kết thúc từ ngày 31\/05\/2024/);
    const reopened = await t.call('modelSites.reopen', { id: s.id });
    expect(reopened).toMatchObject({ endedOn: null, endReason: null });
    await t.call('modelSites.delete', { id: s.id });
    expect((await t.call('models.get', { id: model.id })).sites).toEqual([]);
    await expectRefused(
      'modelSites.update',
      { id: s.id, unitId: hoa.id, organizationName: '', startedOn: '2022-03-01', teams: 3, members: 25, note: '' },
      'NOT_FOUND',
    );
  });

  it('refuses negative counts, dates out of order, overlapping sites at the same place and ended units', async () => {
    const s = await t.call('modelSites.create', siteInput(model.id, hoa.id, { startedOn: '2022-04-01' }));
    await expectRefused('modelSites.create', siteInput(model.id, hung.id, { teams: -1 }), 'VALIDATION', /Số tổ không được âm/);
    await expectRefused(
      'modelSites.create',
      siteInput(model.id, hung.id, { members: 2.5 }),
      'VALIDATION',
      /Số thành viên phải là số nguyên/,
    );
    await expectRefused(
      'modelSites.create',
      siteInput(model.id, hung.id, { startedOn: '2021-12-31' }),
      'RULE',
      /trước ngày xây dựng mô hình \(01\/01\/2022\)/,
    );
    await expectRefused(
      'modelSites.create',
      siteInput(model.id, hung.id, { startedOn: '2027-01-01' }),
      'RULE',
      /không được sau ngày hôm nay/,
    );
    await expectRefused(
      'modelSites.create',
      siteInput(model.id, hoa.id, { startedOn: '2023-01-01' }),
      'CONFLICT',
      /đã có điểm "Xã Gia Hòa" trong cùng khoảng thời gian/,
    );
    await expectRefused('modelSites.end', { id: s.id, endedOn: '2022-03-31', reason: '' }, 'RULE', /không được trước ngày bắt đầu/);
    // At the same unit, another organisation, or after the first site ended, is another site.
    await t.call('modelSites.create', siteInput(model.id, hoa.id, { organizationName: 'Trường THCS Gia Hòa' }));
    await t.call('modelSites.end', { id: s.id, endedOn: '2023-12-31', reason: '' });
    const again = await t.call('modelSites.create', siteInput(model.id, hoa.id, { startedOn: '2024-01-01' }));
    await expectRefused('modelSites.reopen', { id: s.id }, 'CONFLICT');
    expect(again.startedOn).toBe('2024-01-01');

    const thon = await t.call('units.create', { parentId: hung.id, name: 'Thôn Cũ', kind: 'thon', code: null, validFrom: '2010-01-01' });
    await t.call('units.end', { id: thon.id, validTo: '2022-06-30', reason: 'Sáp nhập' });
    const err = await expectRefused(
      'modelSites.create',
      siteInput(model.id, thon.id, { startedOn: '2022-07-01' }),
      'RULE',
      /"Thôn Cũ" đã kết thúc hoạt động từ ngày 30\/06\/2022/,
    );
    expect(err.details).toEqual({ unitId: 'Đơn vị đã kết thúc hoạt động' });
  });

  it('lists sites by unit subtree, model, state, year and search without diacritics', async () => {
    const thon = await t.call('units.create', { parentId: hoa.id, name: 'Thôn Đông', kind: 'thon', code: null, validFrom: '2010-01-01' });
    const other = await t.call(
      'models.create',
      modelInput(hung.id, { name: 'Dòng họ tự quản', typeId: DONG_HO, originLevel: 'xa', foundedOn: '2020-01-01' }),
    );
    const a = await t.call('modelSites.create', siteInput(model.id, hoa.id, { startedOn: '2022-04-01' }));
    const b = await t.call('modelSites.create', siteInput(model.id, thon.id, { startedOn: '2023-04-01' }));
    const c = await t.call('modelSites.create', siteInput(other.id, hung.id, { startedOn: '2020-02-01', organizationName: 'Họ Đinh' }));
    await t.call('modelSites.end', { id: c.id, endedOn: '2021-12-31', reason: '' });
    const ids = (xs: ModelSiteDto[]) => xs.map((x) => x.id);
    expect(ids(await t.call('modelSites.list', filter()))).toEqual([c.id, a.id, b.id]); // model name order, then unit path
    expect(ids(await t.call('modelSites.list', filter({ unitId: hoa.id })))).toEqual([a.id, b.id]);
    expect(ids(await t.call('modelSites.list', filter({ unitId: thon.id })))).toEqual([b.id]);
    expect(ids(await t.call('modelSites.list', filter({ kind: other.id })))).toEqual([c.id]);
    expect(ids(await t.call('modelSites.list', filter({ status: 'da_ket_thuc' })))).toEqual([c.id]);
    expect(ids(await t.call('modelSites.list', filter({ status: 'dang_hoat_dong' })))).toEqual([a.id, b.id]);
    expect(ids(await t.call('modelSites.list', filter({ year: 2022 })))).toEqual([a.id]);
    expect(ids(await t.call('modelSites.list', filter({ year: 2021 })))).toEqual([c.id]);
    expect(ids(await t.call('modelSites.list', filter({ search: 'thon dong' })))).toEqual([b.id]);
    expect(ids(await t.call('modelSites.list', filter({ search: 'ho dinh' })))).toEqual([c.id]);
    await expectRefused('modelSites.list', filter({ unitId: crypto.randomUUID() }), 'NOT_FOUND');
  });
});

describe('models.list', () => {
  it('filters by type, status, year, unit subtree and diacritic-free search; counts sites per row', async () => {
    await t.call('office.setup', GIA_VIEN);
    const root = await unit('Huyện Gia Viễn');
    const hoa = await unit('Xã Gia Hòa');
    const hung = await unit('Xã Gia Hưng');
    const pccc = await t.call('models.create', modelInput(root.id, { foundedOn: '2022-03-15' }));
    const dongHo = await t.call(
      'models.create',
      modelInput(hung.id, { name: 'Dòng họ tự quản', typeId: DONG_HO, originLevel: 'xa', foundedOn: '2019-01-01' }),
    );
    const clb = await t.call(
      'models.create',
      modelInput(root.id, { name: 'Câu lạc bộ phổ biến kiến thức pháp luật', typeId: CLB_PHAP_LUAT, foundedOn: '2022-09-05' }),
    );
    const old = await t.call(
      'models.create',
      modelInput(hoa.id, { name: 'Ánh sáng đường quê', typeId: TU_QUAN, originLevel: 'xa', foundedOn: '2018-01-01' }),
    );
    await t.call('models.retire', { id: old.id, on: '2021-12-31', reason: 'Không còn phù hợp' });
    await t.call('modelSites.create', siteInput(pccc.id, hoa.id, { startedOn: '2022-04-01', teams: 3, members: 30 }));
    await t.call('modelSites.create', siteInput(pccc.id, hung.id, { startedOn: '2023-01-10', teams: 2, members: 14 }));
    await t.call(
      'modelSites.create',
      siteInput(dongHo.id, hung.id, { startedOn: '2019-02-01', teams: 1, members: 40, organizationName: 'Họ Đinh' }),
    );
    await t.call(
      'modelSites.create',
      siteInput(clb.id, hoa.id, { startedOn: '2022-09-05', teams: 1, members: 35, organizationName: 'Trường THCS Gia Hòa' }),
    );

    // A proposal made in 2023 and one abandoned in 2024: in no count, listed in their years.
    await t.call(
      'models.create',
      modelInput(hoa.id, { name: 'Bản làng không ma túy', typeId: TU_QUAN, originLevel: 'xa', foundedOn: '2023-05-01', status: 'de_xuat' }),
    );
    const abandoned = await t.call(
      'models.create',
      modelInput(hoa.id, { name: 'Camera thôn', typeId: TU_QUAN, originLevel: 'xa', foundedOn: '2022-05-01', status: 'de_xuat' }),
    );
    await t.call('models.retire', { id: abandoned.id, on: '2024-02-01', reason: 'Không đủ kinh phí' });
    const names = (xs: MethodOutput<'models.list'>) => xs.map((x) => x.name);
    expect(names(await t.call('models.list', filter({ status: 'de_xuat', year: 2023 })))).toEqual(['Bản làng không ma túy']);
    expect(names(await t.call('models.list', filter({ search: 'thon', year: 2024 })))).toEqual(['Camera thôn']);
    expect(names(await t.call('models.list', filter({ search: 'camera thon', year: 2025 })))).toEqual([]);
    expect(names(await t.call('models.list', filter({ search: 'ban lang', year: 2022 })))).toEqual([]);
    expect(names(await t.call('models.list', filter({ search: 'ban lang', year: 2026, unitId: hung.id })))).toEqual([]);
    for (const id of [abandoned.id, (await t.call('models.list', filter({ search: 'ban lang' })))[0]!.id])
      await t.call('models.delete', { id });
    const all = await t.call('models.list', filter());
    // Vietnamese order: Á before C, D (Dòng) before T.
    expect(names(all)).toEqual([
      'Ánh sáng đường quê',
      'Câu lạc bộ phổ biến kiến thức pháp luật',
      'Dòng họ tự quản',
      'Tổ liên gia an toàn phòng cháy, chữa cháy',
    ]);
    // Without a year, the site figures are the sites running today.
    expect(all.map((x) => [x.sites, x.teams, x.members])).toEqual([
      [0, 0, 0],
      [1, 1, 35],
      [1, 1, 40],
      [2, 5, 44],
    ]);
    expect(names(await t.call('models.list', filter({ kind: DONG_HO })))).toEqual(['Dòng họ tự quản']);
    expect(names(await t.call('models.list', filter({ status: 'thanh_loai' })))).toEqual(['Ánh sáng đường quê']);
    expect(names(await t.call('models.list', filter({ search: 'to lien gia phong chay' })))).toEqual([
      'Tổ liên gia an toàn phòng cháy, chữa cháy',
    ]);
    expect(names(await t.call('models.list', filter({ search: 'dong ho' })))).toEqual(['Dòng họ tự quản']);
    // A year: models present in it; site figures of that year.
    const y2022 = await t.call('models.list', filter({ year: 2022 }));
    expect(names(y2022)).toEqual([
      'Câu lạc bộ phổ biến kiến thức pháp luật',
      'Dòng họ tự quản',
      'Tổ liên gia an toàn phòng cháy, chữa cháy',
    ]);
    expect(y2022.find((x) => x.id === pccc.id)).toMatchObject({ sites: 1, teams: 3, members: 30 });
    expect(names(await t.call('models.list', filter({ year: 2021 })))).toEqual(['Ánh sáng đường quê', 'Dòng họ tự quản']);
    // A unit: models built there or with a site there; site figures of that unit only.
    const inHung = await t.call('models.list', filter({ unitId: hung.id }));
    expect(names(inHung)).toEqual(['Dòng họ tự quản', 'Tổ liên gia an toàn phòng cháy, chữa cháy']);
    expect(inHung.find((x) => x.id === pccc.id)).toMatchObject({ sites: 1, teams: 2, members: 14 });
    expect(names(await t.call('models.list', filter({ unitId: hung.id, year: 2022 })))).toEqual(['Dòng họ tự quản']);
    expect(names(await t.call('models.list', filter({ unitId: root.id })))).toHaveLength(4);

    // The totals row of a year's list equals the HD22 figures of that year.
    for (const [unitId, year] of [
      [null, 2022],
      [hung.id, 2023],
      [hoa.id, 2023],
    ] as const) {
      const list = await t.call('models.list', filter({ unitId, year }));
      const summary = await t.call('models.summary', { from: `${year}-01-01`, to: `${year}-12-31`, unitId });
      expect({
        models: list.length,
        sites: list.reduce((n, x) => n + x.sites, 0),
        teams: list.reduce((n, x) => n + x.teams, 0),
        members: list.reduce((n, x) => n + x.members, 0),
      }).toEqual({
        models: summary.models,
        sites: summary.sites,
        teams: summary.teams,
        members: summary.members,
      });
    }
  });
});

describe('modelsOverview (HD22 figures)', () => {
  it('reproduces Sa Pa 2019–2022: 14 model types, 88 sites at the end of the period, 38 of them new', async () => {
    await t.call('office.setup', SA_PA);
    const units = await t.call('units.list', { includeEnded: false });
    const root = units.find((u) => u.parentId === null)!;
    const communes = units.filter((u) => u.parentId === root.id);
    expect(communes).toHaveLength(16);
    const types = (await t.call('modelTypes.list', { includeInactive: false })).slice(0, 14);
    const from = '2019-01-22';
    const to = '2022-01-21';

    // 14 models (one per type) running since 2018; 88 sites running at the end of the period:
    // 50 started before it, 38 during it.
    let n = 0;
    for (const [i, type] of types.entries()) {
      const m = await t.call('models.create', {
        name: `Mô hình ${type.name}`,
        typeId: type.id,
        originUnitId: root.id,
        originLevel: 'huyen',
        foundedOn: '2018-03-01',
        status: 'hoat_dong',
        note: '',
      });
      const count = i < 4 ? 7 : 6; // 4×7 + 10×6 = 88
      for (let j = 0; j < count; j++, n++) {
        const startedOn = n < 50 ? '2018-06-01' : '2020-09-01';
        await t.call('modelSites.create', {
          modelId: m.id,
          unitId: communes[(i + j) % 16]!.id,
          organizationName: '',
          startedOn,
          teams: 1,
          members: 10,
          note: '',
        });
      }
      if (i === 0) await t.call('models.rate', { id: m.id, year: 2022, rating: 'hieu_qua', note: '' });
      if (i === 1)
        await t.call('models.recognise', {
          id: m.id,
          recognisedBy: 'UBND tỉnh Lào Cai',
          decisionNumber: '',
          recognisedOn: '2020-08-19',
          note: '',
        });
    }
    expect(n).toBe(88);
    // Outside the figures: a proposal, a model launched after the period, a site ended before it.
    await t.call('models.create', {
      name: 'Đề xuất',
      typeId: types[0]!.id,
      originUnitId: root.id,
      originLevel: 'huyen',
      foundedOn: '2021-01-01',
      status: 'de_xuat',
      note: '',
    });
    const later = await t.call('models.create', {
      name: 'Sau kỳ',
      typeId: types[0]!.id,
      originUnitId: root.id,
      originLevel: 'huyen',
      foundedOn: '2022-06-01',
      status: 'hoat_dong',
      note: '',
    });
    const first = (await t.call('models.list', filter({ kind: types[0]!.id }))).find((m) => m.name === `Mô hình ${types[0]!.name}`)!;
    const gone = await t.call('modelSites.create', {
      modelId: first.id,
      unitId: communes[10]!.id,
      organizationName: '',
      startedOn: '2018-06-01',
      teams: 5,
      members: 50,
      note: '',
    });
    await t.call('modelSites.end', { id: gone.id, endedOn: '2018-12-31', reason: 'Giải thể' });
    expect(later.status).toBe('hoat_dong');

    const ctx = serviceContext();
    const figures = await modelsOverview(ctx, { from, to, unitId: null });
    expect(figures).toEqual({
      modelTypes: 14,
      models: 14,
      sites: 88,
      teams: 88,
      members: 880,
      newModels: 0,
      newSites: 38,
      replicated: 0,
      retired: 0,
      effective: 1,
      exemplary: 1,
    });
    expect(await t.call('models.summary', { from, to, unitId: null })).toEqual(figures);
    // The communes' site figures add up to the office's (the root itself has no site).
    let sum = 0;
    let newSum = 0;
    for (const c of communes) {
      const part = await modelsOverview(ctx, { from, to, unitId: c.id });
      sum += part.sites;
      newSum += part.newSites;
    }
    expect([sum, newSum]).toEqual([88, 38]);
    // One commune: every model with a site there is present there.
    const c0 = await modelsOverview(ctx, { from, to, unitId: communes[0]!.id });
    expect(c0.models).toBe(c0.sites);
    await expect(modelsOverview(ctx, { from: to, to: from, unitId: null })).rejects.toThrow(/Ngày cuối kỳ/);
    await expectRefused('models.summary', { from: to, to: from, unitId: null }, 'RULE');
  });

  it('counts retired, replicated and new models in the period', async () => {
    await t.call('office.setup', GIA_VIEN);
    const root = await unit('Huyện Gia Viễn');
    const a = await t.call('models.create', modelInput(root.id, { name: 'A', foundedOn: '2020-01-01' }));
    await t.call('models.changeStatus', { id: a.id, status: 'so_ket', on: '2022-03-01', note: '' });
    await t.call('models.changeStatus', { id: a.id, status: 'nhan_rong', on: '2023-03-01', note: '' });
    const b = await t.call('models.create', modelInput(root.id, { name: 'B', foundedOn: '2023-02-01' }));
    await t.call('models.retire', { id: b.id, on: '2023-10-01', reason: 'Kém hiệu quả' });
    await t.call('models.create', modelInput(root.id, { name: 'C', foundedOn: '2023-05-01', status: 'de_xuat' }));
    const ctx = serviceContext();
    expect(await modelsOverview(ctx, { from: '2023-01-01', to: '2023-12-31', unitId: null })).toMatchObject({
      models: 2,
      newModels: 1,
      replicated: 1,
      retired: 1,
    });
    expect(await modelsOverview(ctx, { from: '2024-01-01', to: '2024-12-31', unitId: null })).toMatchObject({
      models: 1,
      newModels: 0,
      retired: 0,
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Excel

function cellsOf(columns: readonly { key: string }[], over: Record<string, string>): Record<string, string> {
  return { ...Object.fromEntries(columns.map((c) => [c.key, ''])), ...over };
}

function errorsOf<T>(r: ParseResult<T>): string[] {
  return r.ok ? [] : r.errors.map((e) => e.message);
}

describe('Excel: models', () => {
  const good = {
    name: 'Tổ liên gia an toàn PCCC',
    type: 'to lien gia an toan phong chay, chua chay',
    originUnit: 'Huyện Gia Viễn',
    originLevel: 'Cấp huyện',
    foundedOn: '15/03/2022',
    status: 'Đang hoạt động',
    note: '',
  };

  it('parses a row, names what is wrong in each bad column, and writes nothing while parsing', async () => {
    await t.call('office.setup', GIA_VIEN);
    const ctx = serviceContext();
    const lookup = await modelsSpec.prepare(ctx);
    const before = dump();
    const ok = modelsSpec.parseRow(cellsOf(MODEL_COLUMNS, good), lookup);
    expect(ok.ok && ok.value).toMatchObject({
      matchId: null,
      name: 'Tổ liên gia an toàn PCCC',
      typeId: PCCC,
      originLevel: 'huyen',
      foundedOn: '2022-03-15',
      status: 'hoat_dong',
      note: null,
    });
    expect(ok.ok && ok.label).toBe('Tổ liên gia an toàn PCCC (Huyện Gia Viễn)');
    const bad = modelsSpec.parseRow(
      cellsOf(MODEL_COLUMNS, { ...good, name: '', type: 'Loại lạ', foundedOn: '31/02/2022', originLevel: 'Cấp thôn' }),
      lookup,
    );
    expect(errorsOf(bad)).toEqual([
      'Cột "Tên mô hình": không được để trống.',
      'Cột "Loại mô hình": "Loại lạ" không có trong danh mục loại mô hình.',
      'Cột "Cấp xây dựng": "Cấp thôn" không thuộc danh sách cho phép (Cấp xã, Cấp huyện, Cấp tỉnh).',
      'Cột "Ngày xây dựng": "31/02/2022" không phải là ngày hợp lệ (ngày/tháng/năm).',
    ]);
    expect(errorsOf(modelsSpec.parseRow(cellsOf(MODEL_COLUMNS, { ...good, status: 'Đã nhân rộng' }), lookup))[0]).toMatch(
      /mô hình mới chỉ nhập với trạng thái/,
    );
    expect(errorsOf(modelsSpec.parseRow(cellsOf(MODEL_COLUMNS, { ...good, originLevel: 'Cấp xã' }), lookup))[0]).toMatch(
      /Cột "Cấp xây dựng": Đơn vị xây dựng là cấp huyện/,
    );
    expect(errorsOf(modelsSpec.parseRow(cellsOf(MODEL_COLUMNS, { ...good, foundedOn: '01/01/2027' }), lookup))[0]).toMatch(
      /không được sau ngày hôm nay/,
    );
    expect(errorsOf(modelsSpec.parseRow(cellsOf(MODEL_COLUMNS, { ...good, originUnit: 'Xã Không Có' }), lookup))[0]).toMatch(
      /không tìm thấy đơn vị "Xã Không Có"/,
    );
    for (const m of [...errorsOf(bad)]) expect(isVietnameseMessage(m), m).toBe(true);
    expect(dump()).toEqual(before);
  });

  it('classifies, applies and exports; an exported file imports back unchanged; status changes are refused', async () => {
    await t.call('office.setup', GIA_VIEN);
    const ctx = serviceContext();
    let lookup = await modelsSpec.prepare(ctx);
    const rowA = modelsSpec.parseRow(cellsOf(MODEL_COLUMNS, good), lookup);
    const rowB = modelsSpec.parseRow(
      cellsOf(MODEL_COLUMNS, {
        ...good,
        name: 'Dòng họ tự quản',
        type: 'Dòng họ tự quản về an ninh, trật tự',
        originUnit: 'Xã Gia Hòa',
        originLevel: 'Cấp xã',
        status: 'Đề xuất',
        note: 'Họ Đinh',
      }),
      lookup,
    );
    if (!rowA.ok || !rowB.ok) throw new Error('rows should parse');
    expect(modelsSpec.naturalKey(rowA.value)).not.toBe(modelsSpec.naturalKey(rowB.value));
    expect(await modelsSpec.classify(ctx.db, [rowA.value, rowB.value])).toEqual(['new', 'new']);
    await ctx.db.transaction().execute((trx) => modelsSpec.apply(trx, ctx, [rowA.value, rowB.value]));
    const stored = await t.call('models.list', filter());
    expect(stored.map((m) => [m.name, m.status, m.originUnitName, m.note])).toEqual([
      ['Dòng họ tự quản', 'de_xuat', 'Xã Gia Hòa', 'Họ Đinh'],
      ['Tổ liên gia an toàn PCCC', 'hoat_dong', 'Huyện Gia Viễn', null],
    ]);
    expect(rows('SELECT seq, status, on_date FROM model_events ORDER BY on_date, status')).toEqual([
      { seq: 1, status: 'de_xuat', on_date: '2022-03-15' },
      { seq: 1, status: 'hoat_dong', on_date: '2022-03-15' },
    ]);

    const exported = await modelsSpec.exportRows(ctx, EMPTY_FILTER);
    expect(exported).toEqual([
      {
        name: 'Dòng họ tự quản',
        type: 'Dòng họ tự quản về an ninh, trật tự',
        originUnit: 'Xã Gia Hòa',
        originLevel: 'Cấp xã',
        foundedOn: '15/03/2022',
        status: 'Đề xuất',
        note: 'Họ Đinh',
      },
      {
        name: 'Tổ liên gia an toàn PCCC',
        type: 'Tổ liên gia an toàn phòng cháy, chữa cháy',
        originUnit: 'Huyện Gia Viễn',
        originLevel: 'Cấp huyện',
        foundedOn: '15/03/2022',
        status: 'Đang hoạt động',
        note: null,
      },
    ]);
    lookup = await modelsSpec.prepare(ctx);
    const back = exported.map((r) =>
      modelsSpec.parseRow(
        cellsOf(MODEL_COLUMNS, Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? '' : String(v)]))),
        lookup,
      ),
    );
    const values = back.map((b) => (b.ok ? b.value : null)).filter((v): v is ModelImportValue => v !== null);
    expect(values).toHaveLength(2);
    expect(await modelsSpec.classify(ctx.db, values)).toEqual(['unchanged', 'unchanged']);

    // An edited note is an update; a changed status is refused with the reason.
    const edited = modelsSpec.parseRow(cellsOf(MODEL_COLUMNS, { ...good, note: 'Mới' }), lookup);
    if (!edited.ok) throw new Error('should parse');
    expect(edited.value.matchId).not.toBeNull();
    expect(await modelsSpec.classify(ctx.db, [edited.value])).toEqual(['update']);
    await ctx.db.transaction().execute((trx) => modelsSpec.apply(trx, ctx, [edited.value]));
    expect(row("SELECT note FROM models WHERE name = 'Tổ liên gia an toàn PCCC'")).toEqual({ note: 'Mới' });
    expect(errorsOf(modelsSpec.parseRow(cellsOf(MODEL_COLUMNS, { ...good, status: 'Đã sơ kết' }), lookup))[0]).toMatch(
      /mô hình đang ở trạng thái "Đang hoạt động". Việc chuyển trạng thái cần ghi ngày/,
    );
    // Filtered export: only what the list shows.
    expect((await modelsSpec.exportRows(ctx, filter({ search: 'dong ho' }))).map((r) => r['name'])).toEqual(['Dòng họ tự quản']);
  });
});

describe('Excel: model sites', () => {
  it('parses, applies, re-imports unchanged, and refuses overlapping rows of one file as a whole', async () => {
    await t.call('office.setup', GIA_VIEN);
    const root = await unit('Huyện Gia Viễn');
    const hoa = await unit('Xã Gia Hòa');
    const m = await t.call('models.create', modelInput(root.id, { foundedOn: '2022-01-01' }));
    await t.call('models.create', modelInput(hoa.id, { originLevel: 'xa', foundedOn: '2022-01-01' })); // same name, another origin
    const ctx = serviceContext();
    let lookup = await modelSitesSpec.prepare(ctx);
    const base = {
      model: m.name,
      modelOrigin: 'Huyện Gia Viễn',
      unit: 'Xã Gia Hưng',
      organization: '',
      startedOn: '01/04/2022',
      endedOn: '',
      teams: '2',
      members: '18',
      note: '',
    };
    const ok = modelSitesSpec.parseRow(cellsOf(SITE_COLUMNS, base), lookup);
    expect(ok.ok && ok.value).toMatchObject({ matchId: null, modelId: m.id, startedOn: '2022-04-01', teams: 2, members: 18 });
    expect(errorsOf(modelSitesSpec.parseRow(cellsOf(SITE_COLUMNS, { ...base, modelOrigin: '' }), lookup))).toEqual([
      `Có 2 mô hình tên "${m.name}"; hãy ghi cột "Đơn vị xây dựng mô hình".`,
    ]);
    expect(errorsOf(modelSitesSpec.parseRow(cellsOf(SITE_COLUMNS, { ...base, model: 'Không có' }), lookup))[0]).toMatch(
      /không tìm thấy mô hình "Không có"/,
    );
    expect(errorsOf(modelSitesSpec.parseRow(cellsOf(SITE_COLUMNS, { ...base, teams: '-1', members: 'mười' }), lookup))).toEqual([
      'Cột "Số tổ": không được nhỏ hơn 0.',
      'Cột "Số thành viên": "mười" không phải là số nguyên.',
    ]);
    expect(errorsOf(modelSitesSpec.parseRow(cellsOf(SITE_COLUMNS, { ...base, startedOn: '01/12/2021' }), lookup))[0]).toMatch(
      /trước ngày xây dựng mô hình/,
    );

    const second = modelSitesSpec.parseRow(cellsOf(SITE_COLUMNS, { ...base, startedOn: '01/05/2022' }), lookup);
    if (!ok.ok || !second.ok) throw new Error('rows should parse');
    // Each row alone is fine; together they overlap at the same place: the whole apply is refused.
    const before = dump();
    await expect(ctx.db.transaction().execute((trx) => modelSitesSpec.apply(trx, ctx, [ok.value, second.value]))).rejects.toThrow(
      /cùng khoảng thời gian.*Chưa ghi dữ liệu nào/,
    );
    expect(dump()).toEqual(before);

    await ctx.db.transaction().execute((trx) => modelSitesSpec.apply(trx, ctx, [ok.value]));
    expect(rows('SELECT unit_id, started_on, teams, members FROM model_sites')).toHaveLength(1);
    const exported = await modelSitesSpec.exportRows(ctx, EMPTY_FILTER);
    expect(exported).toEqual([
      {
        model: m.name,
        modelOrigin: 'Huyện Gia Viễn',
        unit: 'Xã Gia Hưng',
        organization: null,
        startedOn: '01/04/2022',
        endedOn: null,
        teams: 2,
        members: 18,
        note: null,
      },
    ]);
    lookup = await modelSitesSpec.prepare(ctx);
    const again = exported.map((r) =>
      modelSitesSpec.parseRow(
        cellsOf(SITE_COLUMNS, Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? '' : String(v)]))),
        lookup,
      ),
    );
    const values = again.map((b) => (b.ok ? b.value : null)).filter((v): v is SiteImportValue => v !== null);
    expect(await modelSitesSpec.classify(ctx.db, values)).toEqual(['unchanged']);
    // Ending a site from the file is an update of the same site.
    const ending = modelSitesSpec.parseRow(cellsOf(SITE_COLUMNS, { ...base, endedOn: '30/06/2024', members: '20' }), lookup);
    if (!ending.ok) throw new Error(errorsOf(ending).join());
    expect(modelSitesSpec.naturalKey(ending.value)).toBe(modelSitesSpec.naturalKey(values[0]!));
    expect(await modelSitesSpec.classify(ctx.db, [ending.value])).toEqual(['update']);
    await ctx.db.transaction().execute((trx) => modelSitesSpec.apply(trx, ctx, [ending.value]));
    expect(rows('SELECT ended_on, members FROM model_sites')).toEqual([{ ended_on: '2024-06-30', members: 20 }]);
    // Export of one model's sites only (kind = model id).
    expect(await modelSitesSpec.exportRows(ctx, filter({ kind: crypto.randomUUID() }))).toEqual([]);
  });
});

describe('Excel: whole files through the generic import flow', () => {
  async function workbook(headers: string[], data: (string | number)[][]): Promise<string> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Mô hình');
    ws.addRow(headers);
    for (const r of data) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
  }

  it('a file with a bad row writes nothing; fixed, it writes; imported again, nothing new', async () => {
    const { previewImport, commitImport } = await import('../../../electron/backend/services/xlsx-import/import.service');
    await t.call('office.setup', GIA_VIEN);
    const ctx = serviceContext();
    const headers = MODEL_COLUMNS.map((c) => c.header);
    const goodRow = [
      'Tổ liên gia an toàn PCCC',
      'Tổ liên gia an toàn phòng cháy, chữa cháy',
      'Huyện Gia Viễn',
      'Cấp huyện',
      '15/03/2022',
      'Đang hoạt động',
      '',
    ];
    const badRow = ['Dòng họ tự quản', 'Dòng họ tự quản về an ninh, trật tự', 'Xã Gia Hòa', 'Cấp xã', '15/03/2022', 'Đã nhân rộng', ''];
    const bad = await workbook(headers, [goodRow, badRow]);
    const preview = await previewImport(ctx, modelsSpec, bad);
    expect(preview.counts).toEqual({ new: 1, update: 0, unchanged: 0, error: 1 });
    expect(preview.rows[1]).toMatchObject({ rowNumber: 3, status: 'error' });
    const before = dump();
    await expect(commitImport(ctx, modelsSpec, bad)).rejects.toThrow(/còn 1 dòng lỗi/);
    expect(dump()).toEqual(before);

    const fixed = await workbook(headers, [goodRow, badRow.map((c) => (c === 'Đã nhân rộng' ? 'Đang hoạt động' : c))]);
    expect(await commitImport(ctx, modelsSpec, fixed)).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect(rows('SELECT name FROM models ORDER BY name')).toEqual([{ name: 'Dòng họ tự quản' }, { name: 'Tổ liên gia an toàn PCCC' }]);
    const afterFirst = dump();
    expect(await commitImport(ctx, modelsSpec, fixed)).toEqual({ created: 0, updated: 0, unchanged: 2 });
    expect(dump()).toEqual(afterFirst);
  });
});
