/**
 * Activity records through the real backend (migration 0006, activities repo and service, the
 * handlers behind dispatch) on a migrated database with the Gia Viễn office: every kind created,
 * updated, listed and filtered (unit subtree, merged units under their successor, period, search
 * without diacritics, category); the grid's all-or-nothing save; every cross-field and referential
 * rule refused in Vietnamese with nothing written; the bin; tip time limits; and the informant's
 * identity, which only `tips.informant` may ever return.
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UnitDto } from '../../../shared/ipc/contract';
import {
  ACTIVITY_FIELDS,
  ACTIVITY_KINDS,
  INCIDENT_CATEGORY_INFO,
  checkActivity,
  type ActivityKind,
} from '../../../shared/domain/activities';
import { BUILT_IN_KINDS } from '../../../shared/domain/mass-orgs';
import { openDatabase } from '../../../electron/backend/db/open';
import { LATEST_VERSION } from '../../../electron/backend/db/migrations';
import { activitiesUsing } from '../../../electron/backend/services/activities.service';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { dumpDatabase, queryAll, queryOne, type Row } from '../../support/sqlite';
import { TABLES, activityApi, fieldsOf, sampleRecords, setupGiaVien, type AnyRecordInput, type RecordInput } from './activities-records';
import { organizationInput } from '../../support/offices';
import { refusalChecker } from '../../support/refusals';
import { openedRow } from '../../support/keys';
import { vietnameseSortKey } from '../../../shared/lib/sort-key';

const START = '2026-11-22T03:00:00.000Z';
const tmp = useTempDir('antq-activities-');
const kindId = (code: string) => BUILT_IN_KINDS.find((k) => k.code === code)!.id;

let t: TestBackend;
let api: ReturnType<typeof activityApi>;
let unit: (name: string) => UnitDto;
let root: UnitDto;
let hoa: UnitDto;
let hung: UnitDto;
let phu: UnitDto;
let thonDong: UnitDto;
let rec: AnyRecordInput;

const dump = () => dumpDatabase(t.backend.databasePath);
const rows = (sql: string, ...params: unknown[]) => queryAll(t.backend.databasePath, sql, ...params);
const row = (sql: string, ...params: unknown[]) => queryOne(t.backend.databasePath, sql, ...params);

beforeEach(async () => {
  t = await startBackend(tmp.path(), START);
  api = activityApi(t);
  unit = await setupGiaVien(t);
  root = unit('Huyện Gia Viễn');
  hoa = unit('Xã Gia Hòa');
  hung = unit('Xã Gia Hưng');
  phu = unit('Xã Gia Phú');
  thonDong = await t.call('units.create', { parentId: hoa.id, name: 'Thôn Đông', kind: 'thon', code: null, validFrom: '2020-01-01' });
  rec = sampleRecords(hoa.id);
});
afterEach(() => t.close());

const expectRefused = refusalChecker(() => t, dump);

function refuseSave<K extends ActivityKind>(
  kind: K,
  record: RecordInput<K>,
  code: string,
  pattern?: RegExp | string,
  id: string | null = null,
) {
  return expectRefused('activities.save', api.saveInput(kind, record, id), code, pattern);
}

// ---------------------------------------------------------------------------------------------

describe('the tables', () => {
  it('are STRICT, with the informant in a table of its own', () => {
    const tables = rows("SELECT name, strict FROM pragma_table_list WHERE schema = 'main'") as { name: string; strict: number }[];
    for (const name of [...Object.values(TABLES), 'tip_informants']) {
      expect(
        tables.find((x) => x.name === name),
        name,
      ).toMatchObject({ strict: 1 });
    }
    const tipColumns = (rows("SELECT name FROM pragma_table_info('tips')") as { name: string }[]).map((c) => c.name);
    expect(tipColumns).not.toContain('informant');
    expect(tipColumns.filter((c) => /name|phone|address|id_number/.test(c))).toEqual([]);
    const informantColumns = (rows("SELECT name FROM pragma_table_info('tip_informants')") as { name: string }[]).map((c) => c.name);
    expect(informantColumns).toEqual(['tip_id', 'name', 'phone', 'address', 'id_number', 'note', 'updated_at']);
  });

  it('CHECK every enum value of the domain, refuse others, negative counts and booleans other than 0/1', async () => {
    const saved: Record<string, string> = {};
    for (const kind of ACTIVITY_KINDS) saved[kind] = (await api.save(kind, rec[kind])).id;
    t.close();
    const db = new BetterSqlite3(t.backend.databasePath);
    try {
      const attempt = (table: string, column: string, value: unknown, id: string): boolean => {
        db.exec('SAVEPOINT probe');
        try {
          db.prepare(`UPDATE ${table} SET ${column} = ? WHERE id = ?`).run(value, id);
          return true;
        } catch {
          return false;
        } finally {
          db.exec('ROLLBACK TO probe');
          db.exec('RELEASE probe');
        }
      };
      const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
      let checked = 0;
      for (const kind of ACTIVITY_KINDS) {
        const table = TABLES[kind];
        const id = saved[kind]!;
        for (const f of ACTIVITY_FIELDS[kind]) {
          const column = snake(f.key);
          if (f.type === 'enum') {
            for (const value of Object.keys(f.options ?? {})) {
              expect(attempt(table, column, value, id), `${table}.${column} = ${value}`).toBe(true);
              checked++;
            }
            expect(attempt(table, column, 'khong_co_gia_tri_nay', id), `${table}.${column}`).toBe(false);
          }
          if (f.type === 'int' || f.type === 'money') expect(attempt(table, column, -1, id), `${table}.${column} = -1`).toBe(false);
          if (f.type === 'bool') expect(attempt(table, column, 2, id), `${table}.${column} = 2`).toBe(false);
          if (f.type === 'date') expect(attempt(table, column, '12/03/2026', id), `${table}.${column}`).toBe(false);
          if (f.type === 'unit') expect(attempt(table, column, '00000000-0000-4000-8000-000000000000', id), 'unit FK').toBe(false);
        }
      }
      expect(checked).toBeGreaterThan(80);
    } finally {
      db.close();
    }
  });
});

// ---------------------------------------------------------------------------------------------

describe('each kind', () => {
  it('is created, read back, updated and listed; the database holds its fields in their columns', async () => {
    for (const kind of ACTIVITY_KINDS) {
      t.clock.set(START);
      const created = await api.save(kind, rec[kind]);
      expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(created).toMatchObject({ unitName: 'Xã Gia Hòa', createdAt: START, updatedAt: START });
      const stored = row(`SELECT * FROM ${TABLES[kind]} WHERE id = ?`, created.id) as Row;
      expect(stored).toMatchObject({ unit_id: hoa.id, created_at: START, updated_at: START, deleted_at: null });
      expect(await api.get(kind, created.id)).toEqual(created);
      expect((await api.list(kind)).map((r) => r.id)).toEqual([created.id]);

      t.clock.set('2026-11-22T04:00:00.000Z');
      const moved = { ...rec[kind], unitId: thonDong.id, note: 'Đã sửa' } as RecordInput<typeof kind>;
      const updated = await api.save(kind, moved, created.id);
      expect(updated).toMatchObject({
        id: created.id,
        unitName: 'Thôn Đông',
        note: 'Đã sửa',
        createdAt: START,
        updatedAt: '2026-11-22T04:00:00.000Z',
      });
      expect(row(`SELECT unit_id, note, created_at, updated_at FROM ${TABLES[kind]} WHERE id = ?`, created.id)).toEqual({
        unit_id: thonDong.id,
        note: 'Đã sửa',
        created_at: START,
        updated_at: '2026-11-22T04:00:00.000Z',
      });
      expect(rows(`SELECT id FROM ${TABLES[kind]}`)).toHaveLength(1);
    }
  });

  it('stores a tip field by field (booleans as 0/1) and returns exactly what was entered', async () => {
    const tip = await api.save('tips', rec.tips);
    expect(row('SELECT * FROM tips WHERE id = ?', tip.id)).toEqual({
      id: tip.id,
      received_on: '2026-04-02',
      unit_id: hoa.id,
      channel: 'dien_thoai',
      category: 'toi_pham',
      legal_type: 'to_giac',
      valuable: 1,
      summary: 'Tố giác nhóm đối tượng trộm cắp xe máy',
      status: 'da_giai_quyet',
      outcome: 'khoi_to',
      resolved_on: '2026-04-15',
      extensions: 0,
      criminal_cases: 1,
      administrative_cases: 0,
      persons_handled: 3,
      wanted_arrested: 0,
      wanted_surrendered: 0,
      weapons: 0,
      ammunition: 0,
      explosives_kg: 0,
      support_tools: 0,
      assets_value: 45_000_000,
      note: null,
      created_at: START,
      updated_at: START,
      deleted_at: null,
      // The list's stored keys (migration 0025, repos/activities.keys.ts).
      sort_unit: vietnameseSortKey(hoa.name),
      sort_title: vietnameseSortKey('Tố giác nhóm đối tượng trộm cắp xe máy'),
      search_folded:
        'dien thoai, duong day nong toi pham to giac ve toi pham to giac nhom doi tuong trom cap xe may da giai quyet khoi to vu an',
    });
    expect(fieldsOf<'tips'>(tip)).toEqual(rec.tips);
    const notValuable = await api.save('tips', { ...rec.tips, valuable: false, summary: 'Tin khác' });
    expect(row('SELECT valuable FROM tips WHERE id = ?', notValuable.id)).toEqual({ valuable: 0 });
    expect(notValuable.valuable).toBe(false);
  });

  it('trims text, stores empty optional text as null, and fills an empty award issuer from its form', async () => {
    const p = await api.save('propaganda', { ...rec.propaganda, topic: '  Phòng cháy chữa cháy  ', venue: '   ' });
    expect(row('SELECT topic, venue FROM propaganda_sessions WHERE id = ?', p.id)).toEqual({ topic: 'Phòng cháy chữa cháy', venue: null });

    const a = await api.save('awards', { ...rec.awards, form: 'bang_khen_bo_truong', issuer: '' });
    expect(a.issuer).toBe('Bộ Công an');
    expect(row('SELECT issuer FROM awards WHERE id = ?', a.id)).toEqual({ issuer: 'Bộ Công an' });
    const own = await api.save('awards', {
      ...rec.awards,
      recipientName: 'Ông Nguyễn Văn A',
      recipient: 'ca_nhan',
      issuer: 'UBND tỉnh Ninh Bình',
    });
    expect(row('SELECT issuer FROM awards WHERE id = ?', own.id)).toEqual({ issuer: 'UBND tỉnh Ninh Bình' });
    const flag = await api.save('awards', { ...rec.awards, recipientName: 'Xã Gia Phú', form: 'co_thi_dua', issuer: '' });
    expect(flag.issuer).toBe('');
  });

  it('shows the names of the organisation and the mediation team it refers to', async () => {
    const school = await t.call('organizations.create', organizationInput(hoa.id, 'Trường THCS Gia Hòa'));
    const team = await t.call('massOrgs.create', {
      kindId: kindId('to_hoa_giai'),
      unitId: thonDong.id,
      name: 'Tổ hòa giải thôn Đông',
      decisionIssuer: null,
      decisionNumber: null,
      decisionDate: null,
      validFrom: '2021-01-01',
      note: null,
    });
    const p = await api.save('propaganda', { ...rec.propaganda, organizationId: school.id });
    const i = await api.save('incidents', { ...rec.incidents, organizationId: school.id, category: 'bao_luc_hoc_duong', solved: 0 });
    const a = await api.save('awards', { ...rec.awards, organizationId: school.id });
    const m = await api.save('mediations', { ...rec.mediations, teamId: team.id });
    expect(p.organizationName).toBe('Trường THCS Gia Hòa');
    expect(i.organizationName).toBe('Trường THCS Gia Hòa');
    expect(a.organizationName).toBe('Trường THCS Gia Hòa');
    expect(m.teamName).toBe('Tổ hòa giải thôn Đông');
    expect((await api.list('mediations'))[0]).toMatchObject({ teamId: team.id, teamName: 'Tổ hòa giải thôn Đông' });
    expect(row('SELECT team_id FROM mediations WHERE id = ?', m.id)).toEqual({ team_id: team.id });
    expect(row('SELECT organization_id FROM incidents WHERE id = ?', i.id)).toEqual({ organization_id: school.id });
    expect((await api.list('propaganda'))[0]!.organizationName).toBe('Trường THCS Gia Hòa');
  });

  it('refuses to update a record that does not exist, and an unknown record cannot be read', async () => {
    const missing = '6f1d9a4e-2b7c-4d3e-9f10-1a2b3c4d5e6f';
    await refuseSave('events', rec.events, 'NOT_FOUND', 'Không tìm thấy sự kiện này (có thể đã bị xóa).', missing);
    const error = await t.fail('activities.get', { kind: 'events', id: missing });
    expect(error.code).toBe('NOT_FOUND');
  });
});

// ---------------------------------------------------------------------------------------------

describe('lists', () => {
  it('take the unit with everything below it, a period on the placement date, a search without diacritics and a category', async () => {
    const p = (extra: Partial<RecordInput<'propaganda'>>) => api.save('propaganda', { ...rec.propaganda, ...extra });
    const a = await p({ date: '2026-01-05', topic: 'Phòng chống ma túy', form: 'truc_tiep' });
    const b = await p({ date: '2026-02-10', unitId: thonDong.id, topic: 'Phòng cháy, chữa cháy mùa khô', form: 'loa_truyen_thanh' });
    const c = await p({ date: '2026-03-15', unitId: hung.id, topic: 'An toàn giao thông', form: 'to_roi', venue: 'Chợ Đồng Chưa' });
    const d = await p({ date: '2025-12-31', unitId: root.id, topic: 'Tổng kết phong trào', form: 'truc_tiep' });
    const ids = (list: { id: string }[]) => list.map((r) => r.id);

    expect(ids(await api.list('propaganda'))).toEqual([c.id, b.id, a.id, d.id]);
    expect(ids(await api.list('propaganda', { unitId: hoa.id }))).toEqual([b.id, a.id]);
    expect(ids(await api.list('propaganda', { unitId: thonDong.id }))).toEqual([b.id]);
    expect(ids(await api.list('propaganda', { unitId: root.id }))).toHaveLength(4);
    expect(ids(await api.list('propaganda', { unitId: phu.id }))).toEqual([]);

    // Bounds are inclusive.
    expect(ids(await api.list('propaganda', { from: '2026-01-05', to: '2026-02-10' }))).toEqual([b.id, a.id]);
    expect(ids(await api.list('propaganda', { from: '2026-01-06' }))).toEqual([c.id, b.id]);
    expect(ids(await api.list('propaganda', { to: '2025-12-31' }))).toEqual([d.id]);

    expect(ids(await api.list('propaganda', { search: 'phong chong MA TUY' }))).toEqual([a.id]);
    expect(ids(await api.list('propaganda', { search: 'cho dong chua' }))).toEqual([c.id]);
    expect(ids(await api.list('propaganda', { search: 'phong' }))).toEqual([b.id, a.id, d.id]);
    // The unit's name and the labels of the record's choices are searched too.
    expect(ids(await api.list('propaganda', { search: 'gia hung' }))).toEqual([c.id]);
    expect(ids(await api.list('propaganda', { search: 'xe loa' }))).toEqual([b.id]);

    expect(ids(await api.list('propaganda', { category: 'truc_tiep' }))).toEqual([a.id, d.id]);
    expect(ids(await api.list('propaganda', { category: 'truc_tiep', unitId: hoa.id, search: 'ma tuy' }))).toEqual([a.id]);
    await expectRefused(
      'activities.list',
      { kind: 'propaganda', unitId: null, from: null, to: null, search: '', category: 'ngay_hoi' },
      'VALIDATION',
    );
    await expectRefused(
      'activities.list',
      { kind: 'propaganda', unitId: null, from: '2026-02-01', to: '2026-01-01', search: '', category: null },
      'VALIDATION',
    );
    await expectRefused(
      'activities.list',
      { kind: 'propaganda', unitId: '6f1d9a4e-2b7c-4d3e-9f10-1a2b3c4d5e6f', from: null, to: null, search: '', category: null },
      'NOT_FOUND',
    );
  });

  it('sort the newest first, then by unit and text in Vietnamese order', async () => {
    const names: [string, string][] = [
      ['Xã Gia Hưng', 'Buổi B'],
      ['Xã Gia Hòa', 'Buổi Đ'],
      ['Xã Gia Hòa', 'Buổi D'],
      ['Xã Gia Hòa', 'Buổi A'],
    ];
    for (const [u, topic] of names) await api.save('propaganda', { ...rec.propaganda, unitId: unit(u).id, topic, date: '2026-03-01' });
    await api.save('propaganda', { ...rec.propaganda, topic: 'Muộn nhất', date: '2026-03-02' });
    const list = await api.list('propaganda');
    expect(list.map((r) => `${r.unitName}: ${r.topic}`)).toEqual([
      'Xã Gia Hòa: Muộn nhất',
      'Xã Gia Hòa: Buổi A',
      'Xã Gia Hòa: Buổi D',
      'Xã Gia Hòa: Buổi Đ',
      'Xã Gia Hưng: Buổi B',
    ]);
  });

  it('filter each kind on its own placement date and category', async () => {
    for (const kind of ACTIVITY_KINDS) await api.save(kind, rec[kind]);
    const within = { from: '2026-01-01', to: '2026-12-31' };
    expect(await api.list('propaganda', within)).toHaveLength(1);
    expect(await api.list('events', { from: '2026-08-19', to: '2026-08-19' })).toHaveLength(1);
    expect(await api.list('tips', { from: '2026-04-02', to: '2026-04-02' })).toHaveLength(1);
    expect(await api.list('tips', { from: '2026-04-03' })).toHaveLength(0);
    expect(await api.list('mediations', { to: '2026-05-04' })).toHaveLength(1);
    expect(await api.list('incidents', { from: '2026-06-30', to: '2026-06-30' })).toHaveLength(1);
    // An award counts in its achievement year (placed on 31/12), not on its decision date.
    expect(await api.list('awards', { from: '2025-01-01', to: '2025-12-31' })).toHaveLength(1);
    expect(await api.list('awards', { from: '2025-01-01', to: '2025-12-30' })).toHaveLength(0);
    expect(await api.list('awards', within)).toHaveLength(0);
    expect(await api.list('events', { category: 'ngay_hoi' })).toHaveLength(1);
    expect(await api.list('events', { category: 'lang_nghe' })).toHaveLength(0);
    expect(await api.list('tips', { category: 'toi_pham' })).toHaveLength(1);
    expect(await api.list('mediations', { category: 'dat_dai' })).toHaveLength(1);
    expect(await api.list('incidents', { category: 'toi_pham_it_nghiem_trong' })).toHaveLength(1);
    expect(await api.list('awards', { category: 'giay_khen_giam_doc_ca_tinh' })).toHaveLength(1);
    expect(await api.list('awards', { search: 'giam doc cong an tinh' })).toHaveLength(1);
  });

  it("count a merged commune's records under its successor, and refuse new records on the ended commune", async () => {
    const beforeHung = await api.save('propaganda', {
      ...rec.propaganda,
      unitId: hung.id,
      date: '2025-03-01',
      topic: 'Trước sáp nhập (Gia Hưng)',
    });
    const beforePhu = await api.save('propaganda', {
      ...rec.propaganda,
      unitId: phu.id,
      date: '2025-05-01',
      topic: 'Trước sáp nhập (Gia Phú)',
    });
    const other = await api.save('propaganda', { ...rec.propaganda, date: '2025-05-02', topic: 'Xã khác' });
    const thonTrung = await t.call('units.create', {
      parentId: hung.id,
      name: 'Thôn Trung',
      kind: 'thon',
      code: null,
      validFrom: '2020-01-01',
    });
    const team = await t.call('massOrgs.create', {
      kindId: kindId('to_hoa_giai'),
      unitId: thonTrung.id,
      name: 'Tổ hòa giải thôn Trung',
      decisionIssuer: null,
      decisionNumber: null,
      decisionDate: null,
      validFrom: '2021-01-01',
      note: null,
    });
    const merged = await t.call('units.merge', {
      unitIds: [hung.id, phu.id],
      effectiveDate: '2025-07-01',
      reason: 'Sắp xếp đơn vị hành chính cấp xã năm 2025',
      successor: { mode: 'new', name: 'Xã Gia Hưng', kind: 'xa', code: '14482' },
      note: null,
    });
    const successor = merged.successor;
    const after = await api.save('propaganda', { ...rec.propaganda, unitId: successor.id, date: '2025-08-01', topic: 'Sau sáp nhập' });

    const ids = (list: { id: string }[]) => list.map((r) => r.id);
    expect(ids(await api.list('propaganda', { unitId: successor.id }))).toEqual([after.id, beforePhu.id, beforeHung.id]);
    expect(ids(await api.list('propaganda', { unitId: hung.id }))).toEqual([beforeHung.id]);
    expect(ids(await api.list('propaganda', { unitId: root.id }))).toEqual([after.id, other.id, beforePhu.id, beforeHung.id]);
    // The records stay on the unit they were entered for.
    expect(row('SELECT unit_id FROM propaganda_sessions WHERE id = ?', beforePhu.id)).toEqual({ unit_id: phu.id });

    await refuseSave(
      'propaganda',
      { ...rec.propaganda, unitId: phu.id, date: '2025-07-01' },
      'RULE',
      'Xã Gia Phú đã kết thúc hoạt động từ ngày 30/06/2025; buổi tuyên truyền ngày 01/07/2025 phải ghi cho đơn vị kế thừa là Xã Gia Hưng.',
    );
    await refuseSave(
      'tips',
      { ...rec.tips, unitId: successor.id, receivedOn: '2025-06-30', resolvedOn: '2025-07-02' },
      'RULE',
      /^Xã Gia Hưng bắt đầu hoạt động từ ngày 01\/07\/2025; nguồn tin ngày 30\/06\/2025 phải ghi cho/,
    );
    // A record made before the merge can still be corrected; an award counts for a year, not a day.
    await api.save(
      'propaganda',
      { ...rec.propaganda, unitId: phu.id, date: '2025-05-01', topic: 'Trước sáp nhập (Gia Phú)', attendance: 99 },
      beforePhu.id,
    );
    await api.save('awards', { ...rec.awards, unitId: phu.id, year: 2025 });
    // The village moved under the new commune; its team still serves a mediation of the old one.
    expect(row('SELECT parent_id FROM units WHERE id = ?', thonTrung.id)).toEqual({ parent_id: successor.id });
    const m = await api.save('mediations', {
      ...rec.mediations,
      unitId: hung.id,
      receivedOn: '2025-03-01',
      closedOn: '2025-03-05',
      teamId: team.id,
    });
    expect(m.teamName).toBe('Tổ hòa giải thôn Trung');
    await refuseSave(
      'mediations',
      { ...rec.mediations, unitId: hoa.id, teamId: team.id },
      'RULE',
      'Tổ hòa giải "Tổ hòa giải thôn Trung" thuộc Thôn Trung, không thuộc địa bàn Xã Gia Hòa.',
    );
  });
});

// ---------------------------------------------------------------------------------------------

describe('saving many rows (the entry grid)', () => {
  it('creates every row in one go, in order', async () => {
    const batch = Array.from({ length: 2000 }, (_, i) => ({
      ...rec.propaganda,
      unitId: [hoa.id, hung.id, thonDong.id][i % 3]!,
      date: `2026-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, '0')}`,
      topic: `Buổi ${i + 1}`,
      attendance: i,
    }));
    const { ids } = await t.call('activities.saveMany', api.saveManyInput('propaganda', batch));
    expect(ids).toHaveLength(2000);
    expect(new Set(ids).size).toBe(2000);
    const stored = rows('SELECT id, topic, attendance FROM propaganda_sessions ORDER BY attendance') as {
      id: string;
      topic: string;
      attendance: number;
    }[];
    expect(stored).toHaveLength(2000);
    stored.forEach((s, i) => expect(s).toEqual({ id: ids[i], topic: `Buổi ${i + 1}`, attendance: i }));
    expect(await api.list('propaganda', { unitId: hoa.id })).toHaveLength(2000 - 667);
    // The rows reach the table through a TEMP table and one INSERT … SELECT (activities.repo.ts): the
    // audit's triggers still note every row — one entry for the call, its count and its first ids —
    // and the TEMP table is left empty.
    const entries = await t.call('audit.list', { method: 'activities.saveMany' });
    expect(entries.total).toBe(1);
    expect(entries.rows[0]).toMatchObject({ summary: 'Thêm 2000 buổi tuyên truyền' });
    expect(entries.rows[0]!.recordIds).toEqual(ids.slice(0, entries.rows[0]!.recordIds.length));
    expect(entries.rows[0]!.recordIds.length).toBeGreaterThan(0);
    const listed = await t.call('audit.list', { recordId: ids[1999]! });
    expect(listed.total).toBe(0); // only the first ids are kept (AUDIT_MAX_IDS)
  });

  it('writes nothing when any row breaks a rule, with every problem keyed records.<row>.<field>', async () => {
    const good = rec.tips;
    const badOutcome = { ...rec.tips, legalType: null, outcome: 'khoi_to' as const, summary: 'Tin báo về trật tự' };
    const badDate = { ...rec.tips, resolvedOn: '2026-03-01', summary: 'Tố giác khác' };
    const error = await expectRefused('activities.saveMany', api.saveManyInput('tips', [good, badOutcome, good, badDate]), 'VALIDATION');
    expect(error.details).toEqual({
      'records.1.outcome': 'Chỉ nguồn tin về tội phạm (tố giác, tin báo, kiến nghị khởi tố) mới có kết quả khởi tố.',
      'records.3.resolvedOn': 'Ngày giải quyết không được trước ngày tiếp nhận.',
    });
    expect(error.message).toBe(
      'Dòng 2: Chỉ nguồn tin về tội phạm (tố giác, tin báo, kiến nghị khởi tố) mới có kết quả khởi tố. Còn 1 lỗi khác trong các dòng. Chưa lưu dòng nào.',
    );

    await t.call('units.end', { id: phu.id, validTo: '2025-12-31', reason: 'Sáp nhập' });
    const ended = await expectRefused(
      'activities.saveMany',
      api.saveManyInput('events', [rec.events, { ...rec.events, unitId: phu.id }]),
      'RULE',
      /^Dòng 2: Xã Gia Phú đã kết thúc hoạt động từ ngày 31\/12\/2025; sự kiện ngày 19\/08\/2026 phải ghi cho/,
    );
    expect(Object.keys(ended.details ?? {})).toEqual(['records.1.unitId']);

    // The schema's own errors come keyed the same way from dispatch.
    const schema = await expectRefused(
      'activities.saveMany',
      api.saveManyInput('events', [rec.events, { ...rec.events, attendance: -1 }]),
      'VALIDATION',
    );
    expect(schema.details).toHaveProperty(['records.1.attendance']);
    await expectRefused('activities.saveMany', api.saveManyInput('events', []), 'VALIDATION', 'Chưa có dòng nào để lưu.');
    expect(rows('SELECT id FROM tips')).toEqual([]);
    expect(rows('SELECT id FROM activity_events')).toEqual([]);
  });

  it('property: whatever valid batch is saved, the list returns exactly those rows', async () => {
    const units = [hoa.id, hung.id, thonDong.id, root.id];
    const arbRow = fc.record({
      unit: fc.constantFrom(...units),
      day: fc.integer({ min: 0, max: 900 }),
      form: fc.constantFrom('truc_tiep', 'loa_truyen_thanh', 'to_roi', 'mang_xa_hoi'),
      topic: fc.stringMatching(/^[A-Za-zÀ-ỹ0-9][A-Za-zÀ-ỹ0-9 ,.]{0,40}$/).filter((s) => s.trim().length > 0),
      attendance: fc.nat({ max: 100_000 }),
      leaflets: fc.nat({ max: 10_000 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(arbRow, { minLength: 1, maxLength: 40 }), async (batch) => {
        const records = batch.map((b) => ({
          ...rec.propaganda,
          unitId: b.unit,
          date: new Date(Date.UTC(2024, 0, 1 + b.day)).toISOString().slice(0, 10),
          form: b.form,
          topic: b.topic,
          attendance: b.attendance,
          leaflets: b.leaflets,
        }));
        const { ids } = await t.call('activities.saveMany', api.saveManyInput('propaganda', records));
        const listed = await api.list('propaganda');
        const norm = (r: RecordInput<'propaganda'>) => JSON.stringify({ ...r, topic: r.topic.trim() });
        expect(listed.map((r) => r.id).sort()).toEqual([...ids].sort());
        expect(listed.map((r) => norm(fieldsOf<'propaganda'>(r))).sort()).toEqual(records.map(norm).sort());
        const total = listed.reduce((s, r) => s + r.attendance, 0);
        expect(total).toBe(records.reduce((s, r) => s + r.attendance, 0));
        for (const id of ids) await t.call('activities.delete', { kind: 'propaganda', id });
      }),
      { numRuns: 25 },
    );
  });
});

// ---------------------------------------------------------------------------------------------

describe('cross-field rules', () => {
  // Each case breaks one rule of checkActivity; the refusal carries the domain's own message.
  const cases: { kind: ActivityKind; name: string; patch: Record<string, unknown>; field: string }[] = [
    { kind: 'tips', name: 'outcome without a legal type', patch: { legalType: null, outcome: 'khoi_to' }, field: 'outcome' },
    {
      kind: 'tips',
      name: 'extension of a non-criminal tip',
      patch: { legalType: null, outcome: null, extensions: 1 },
      field: 'extensions',
    },
    { kind: 'tips', name: 'resolved without a date', patch: { resolvedOn: null }, field: 'resolvedOn' },
    { kind: 'tips', name: 'pending with an outcome', patch: { status: 'dang_xu_ly' }, field: 'status' },
    { kind: 'tips', name: 'resolved before received', patch: { resolvedOn: '2026-04-01' }, field: 'resolvedOn' },
    { kind: 'incidents', name: 'more solved than cases', patch: { solved: 4 }, field: 'solved' },
    { kind: 'incidents', name: 'solved for a non-crime', patch: { category: 'tai_nan_giao_thong', solved: 1 }, field: 'solved' },
    {
      kind: 'incidents',
      name: 'excuse of a category Circular 124 does not excuse',
      patch: {
        excuse: 'bat_kha_khang',
        excuseReason: 'Thiên tai',
        excuseApprovedBy: 'Trưởng Công an huyện',
        excuseApprovedOn: '2026-07-10',
      },
      field: 'excuse',
    },
    {
      kind: 'incidents',
      name: 'excuse without a reason',
      patch: {
        category: 'chay_no',
        solved: 0,
        excuse: 'bat_kha_khang',
        excuseApprovedBy: 'Trưởng Công an huyện',
        excuseApprovedOn: '2026-07-10',
      },
      field: 'excuseReason',
    },
    {
      kind: 'incidents',
      name: 'excuse without approver',
      patch: { category: 'chay_no', solved: 0, excuse: 'bat_kha_khang', excuseReason: 'Sét đánh', excuseApprovedOn: '2026-07-10' },
      field: 'excuseApprovedBy',
    },
    {
      kind: 'incidents',
      name: 'excuse without approval date',
      patch: {
        category: 'chay_no',
        solved: 0,
        excuse: 'bat_kha_khang',
        excuseReason: 'Sét đánh',
        excuseApprovedBy: 'Trưởng Công an huyện',
      },
      field: 'excuseApprovedOn',
    },
    {
      kind: 'incidents',
      name: 'approved before it happened',
      patch: {
        category: 'chay_no',
        solved: 0,
        excuse: 'bat_kha_khang',
        excuseReason: 'Sét đánh',
        excuseApprovedBy: 'Trưởng Công an huyện',
        excuseApprovedOn: '2026-06-01',
      },
      field: 'excuseApprovedOn',
    },
    { kind: 'incidents', name: 'approval details without an excuse', patch: { excuseReason: 'Sét đánh' }, field: 'excuse' },
    { kind: 'mediations', name: 'closed without a date', patch: { closedOn: null }, field: 'closedOn' },
    { kind: 'mediations', name: 'pending with a date', patch: { outcome: 'dang_giai_quyet' }, field: 'closedOn' },
    { kind: 'mediations', name: 'closed before received', patch: { closedOn: '2026-05-01' }, field: 'closedOn' },
    {
      kind: 'events',
      name: 'more answers than opinions',
      patch: { kind: 'lang_nghe', opinionsRaised: 3, opinionsAnswered: 4 },
      field: 'opinionsAnswered',
    },
    { kind: 'events', name: 'opinions at an event that is not a forum', patch: { opinionsRaised: 3 }, field: 'opinionsRaised' },
    { kind: 'awards', name: 'decision signed before the achievement year', patch: { decisionDate: '2024-12-20' }, field: 'decisionDate' },
  ];

  it.each(cases)('$kind: $name is refused in Vietnamese, keyed record.$field, nothing written', async ({ kind, patch, field }) => {
    const record = { ...rec[kind], ...patch } as Record<string, unknown>;
    const messages = checkActivity(kind, record);
    expect(messages[field], 'the case breaks the rule it names').toBeTruthy();
    const error = await refuseSave(kind, record as RecordInput<typeof kind>, 'VALIDATION', Object.values(messages)[0]);
    expect(error.details).toEqual(Object.fromEntries(Object.entries(messages).map(([f, m]) => [`record.${f}`, m])));
    expect(rows(`SELECT id FROM ${TABLES[kind]}`)).toEqual([]);
  });

  it('accepts an excuse on a category Circular 124 lets a person excuse', async () => {
    expect(INCIDENT_CATEGORY_INFO.chay_no.excusable).toBe(true);
    const r = await api.save('incidents', {
      ...rec.incidents,
      category: 'chay_no',
      solved: 0,
      count: 1,
      excuse: 'bat_kha_khang',
      excuseReason: 'Sét đánh gây cháy',
      excuseApprovedBy: 'Trưởng Công an huyện',
      excuseApprovedOn: '2026-07-10',
    });
    expect(row('SELECT excuse, excuse_reason, excuse_approved_by, excuse_approved_on FROM incidents WHERE id = ?', r.id)).toEqual({
      excuse: 'bat_kha_khang',
      excuse_reason: 'Sét đánh gây cháy',
      excuse_approved_by: 'Trưởng Công an huyện',
      excuse_approved_on: '2026-07-10',
    });
  });
});

describe('what a record refers to', () => {
  const missing = '6f1d9a4e-2b7c-4d3e-9f10-1a2b3c4d5e6f';
  const team = (name: string, code: string, unitId: string) =>
    t.call('massOrgs.create', {
      kindId: kindId(code),
      unitId,
      name,
      decisionIssuer: null,
      decisionNumber: null,
      decisionDate: null,
      validFrom: '2021-01-01',
      note: null,
    });

  it('must exist and be in use', async () => {
    const e1 = await refuseSave(
      'propaganda',
      { ...rec.propaganda, unitId: missing },
      'NOT_FOUND',
      'Không tìm thấy đơn vị đã chọn (có thể đã bị xóa).',
    );
    expect(e1.details).toEqual({ 'record.unitId': 'Không tìm thấy đơn vị đã chọn (có thể đã bị xóa).' });
    const spare = await t.call('units.create', { parentId: hoa.id, name: 'Thôn Tạm', kind: 'thon', code: null, validFrom: '2020-01-01' });
    await t.call('units.delete', { id: spare.id });
    await refuseSave('events', { ...rec.events, unitId: spare.id }, 'NOT_FOUND', /Không tìm thấy đơn vị/);
    const e2 = await refuseSave(
      'incidents',
      { ...rec.incidents, organizationId: missing },
      'NOT_FOUND',
      'Không tìm thấy cơ quan, doanh nghiệp, trường học đã chọn (có thể đã bị xóa).',
    );
    expect(e2.details).toHaveProperty(['record.organizationId']);
    await refuseSave(
      'mediations',
      { ...rec.mediations, teamId: missing },
      'NOT_FOUND',
      'Không tìm thấy tổ hòa giải đã chọn (có thể đã bị xóa).',
    );
    await t.call('units.end', { id: thonDong.id, validTo: '2026-01-31', reason: 'Sáp nhập thôn' });
    await refuseSave(
      'propaganda',
      { ...rec.propaganda, unitId: thonDong.id },
      'RULE',
      'Thôn Đông đã kết thúc hoạt động từ ngày 31/01/2026; buổi tuyên truyền ngày 10/03/2026 phải ghi cho đơn vị quản lý địa bàn vào ngày đó.',
    );
  });

  it('a mediation team must be a Tổ hòa giải of the area, active on the day', async () => {
    const selfGov = await team('Tổ tự quản thôn Đông', 'to_tu_quan', thonDong.id);
    const e = await refuseSave(
      'mediations',
      { ...rec.mediations, teamId: selfGov.id },
      'RULE',
      '"Tổ tự quản thôn Đông" là tổ tự quản, không phải tổ hòa giải; hãy chọn một tổ hòa giải hoặc để trống.',
    );
    expect(e.details).toEqual({ 'record.teamId': e.message });
    const elsewhere = await team('Tổ hòa giải xã Gia Phú', 'to_hoa_giai', phu.id);
    await refuseSave(
      'mediations',
      { ...rec.mediations, teamId: elsewhere.id },
      'RULE',
      'Tổ hòa giải "Tổ hòa giải xã Gia Phú" thuộc Xã Gia Phú, không thuộc địa bàn Xã Gia Hòa.',
    );
    const own = await team('Tổ hòa giải thôn Đông', 'to_hoa_giai', thonDong.id);
    // A team of a village counts for a record of its commune, and for one of the village itself.
    await api.save('mediations', { ...rec.mediations, teamId: own.id });
    await api.save('mediations', { ...rec.mediations, unitId: thonDong.id, teamId: own.id, summary: 'Vụ thứ hai' });
    await t.call('massOrgs.end', { id: own.id, validTo: '2026-03-31', reason: 'Sáp nhập tổ' });
    await refuseSave(
      'mediations',
      { ...rec.mediations, teamId: own.id, summary: 'Vụ thứ ba' },
      'RULE',
      'Tổ hòa giải "Tổ hòa giải thôn Đông" đã kết thúc hoạt động từ ngày 31/03/2026, trước ngày tiếp nhận vụ việc (04/05/2026).',
    );
  });
});

describe('records in use', () => {
  it('are named for the messages that refuse deleting a unit, an organisation or a team', async () => {
    const team = await t.call('massOrgs.create', {
      kindId: kindId('to_hoa_giai'),
      unitId: hoa.id,
      name: 'Tổ hòa giải xã Gia Hòa',
      decisionIssuer: null,
      decisionNumber: null,
      decisionDate: null,
      validFrom: '2021-01-01',
      note: null,
    });
    await api.save('propaganda', rec.propaganda);
    await api.save('propaganda', { ...rec.propaganda, topic: 'Buổi thứ hai' });
    const gone = await api.save('propaganda', { ...rec.propaganda, topic: 'Đã xóa' });
    await t.call('activities.delete', { kind: 'propaganda', id: gone.id });
    await api.save('tips', rec.tips);
    await api.save('mediations', { ...rec.mediations, teamId: team.id });
    await api.save('awards', { ...rec.awards, unitId: hung.id });
    const opened = openDatabase(t.backend.databasePath, LATEST_VERSION);
    try {
      expect(await activitiesUsing(opened.db, { unitId: hoa.id })).toEqual(['2 buổi tuyên truyền', '1 nguồn tin', '1 vụ việc hòa giải']);
      expect(await activitiesUsing(opened.db, { unitId: hung.id })).toEqual(['1 khen thưởng']);
      expect(await activitiesUsing(opened.db, { teamId: team.id })).toEqual(['1 vụ việc hòa giải']);
      expect(await activitiesUsing(opened.db, { unitId: phu.id })).toEqual([]);
    } finally {
      await opened.db.destroy();
    }
  });

  it('keep their unit, organisation and mediation team from being deleted, with the uses named', async () => {
    const team = await t.call('massOrgs.create', {
      kindId: kindId('to_hoa_giai'),
      unitId: thonDong.id,
      name: 'Tổ hòa giải thôn Đông',
      decisionIssuer: null,
      decisionNumber: null,
      decisionDate: null,
      validFrom: '2021-01-01',
      note: null,
    });
    await api.save('mediations', { ...rec.mediations, unitId: thonDong.id, teamId: team.id });
    await expectRefused(
      'massOrgs.delete',
      { id: team.id },
      'RULE',
      'Không thể xóa "Tổ hòa giải thôn Đông" vì tổ đang được ghi trong: 1 vụ việc hòa giải. Hãy sửa hoặc xóa các vụ việc đó trước.',
    );
    await expectRefused(
      'units.delete',
      { id: thonDong.id },
      'RULE',
      /Không thể xóa "Thôn Đông" vì đơn vị đang được dùng trong: .*1 vụ việc hòa giải/,
    );
    // Once the record is in the bin the team is free again (the bin keeps its own reference).
    const listed = await t.call('activities.list', { kind: 'mediations', unitId: null, from: null, to: null, search: '', category: null });
    for (const r of listed.rows) await t.call('activities.delete', { kind: 'mediations', id: r.id });
    await t.call('massOrgs.delete', { id: team.id });
  });
});

// ---------------------------------------------------------------------------------------------

describe('the bin', () => {
  it('delete hides a record everywhere, the bin lists it, restore brings it back', async () => {
    const older = await api.save('propaganda', { ...rec.propaganda, topic: 'Buổi thứ nhất' });
    const newer = await api.save('propaganda', { ...rec.propaganda, topic: 'Buổi thứ hai', date: '2026-03-11' });
    t.clock.set('2026-11-22T05:00:00.000Z');
    expect(await t.call('activities.delete', { kind: 'propaganda', id: older.id })).toEqual({
      id: older.id,
      deletedAt: '2026-11-22T05:00:00.000Z',
    });
    t.clock.set('2026-11-22T06:00:00.000Z');
    await t.call('activities.delete', { kind: 'propaganda', id: newer.id });
    expect(row('SELECT deleted_at, updated_at FROM propaganda_sessions WHERE id = ?', older.id)).toEqual({
      deleted_at: '2026-11-22T05:00:00.000Z',
      updated_at: '2026-11-22T05:00:00.000Z',
    });
    expect(await api.list('propaganda')).toEqual([]);
    expect((await t.fail('activities.get', { kind: 'propaganda', id: older.id })).code).toBe('NOT_FOUND');
    expect(await t.call('activities.deleted', { kind: 'propaganda' })).toEqual({
      rows: [
        { id: newer.id, label: '11/03/2026 · buổi tuyên truyền · Buổi thứ hai (Xã Gia Hòa)', deletedAt: '2026-11-22T06:00:00.000Z' },
        { id: older.id, label: '10/03/2026 · buổi tuyên truyền · Buổi thứ nhất (Xã Gia Hòa)', deletedAt: '2026-11-22T05:00:00.000Z' },
      ],
    });
    await expectRefused(
      'activities.delete',
      { kind: 'propaganda', id: older.id },
      'NOT_FOUND',
      'Không tìm thấy buổi tuyên truyền này (có thể đã bị xóa).',
    );
    await refuseSave('propaganda', rec.propaganda, 'NOT_FOUND', /Không tìm thấy buổi tuyên truyền/, older.id);

    t.clock.set('2026-11-22T07:00:00.000Z');
    const restored = await t.call('activities.restore', { kind: 'propaganda', id: older.id });
    expect(restored.row).toMatchObject({ id: older.id, topic: 'Buổi thứ nhất', updatedAt: '2026-11-22T07:00:00.000Z' });
    expect(row('SELECT deleted_at FROM propaganda_sessions WHERE id = ?', older.id)).toEqual({ deleted_at: null });
    expect((await api.list('propaganda')).map((r) => r.id)).toEqual([older.id]);
    expect((await t.call('activities.deleted', { kind: 'propaganda' })).rows.map((r) => r.id)).toEqual([newer.id]);
    await expectRefused(
      'activities.restore',
      { kind: 'propaganda', id: older.id },
      'RULE',
      'Buổi tuyên truyền này chưa bị xóa nên không cần khôi phục.',
    );
    await expectRefused('activities.restore', { kind: 'events', id: older.id }, 'NOT_FOUND', 'Không tìm thấy sự kiện cần khôi phục.');
  });

  it('labels each kind readably', async () => {
    for (const kind of ACTIVITY_KINDS) {
      const r = await api.save(kind, rec[kind]);
      await t.call('activities.delete', { kind, id: r.id });
    }
    const label = async (kind: ActivityKind) => (await t.call('activities.deleted', { kind })).rows[0]!.label;
    expect(await label('events')).toBe('19/08/2026 · sự kiện · Ngày hội toàn dân bảo vệ ANTQ năm 2026 (Xã Gia Hòa)');
    expect(await label('tips')).toBe('02/04/2026 · nguồn tin · Tố giác nhóm đối tượng trộm cắp xe máy (Xã Gia Hòa)');
    expect(await label('mediations')).toBe('04/05/2026 · vụ việc hòa giải · Tranh chấp ranh giới đất giữa hai hộ liền kề (Xã Gia Hòa)');
    expect(await label('incidents')).toBe('30/06/2026 · dòng thống kê · Tội phạm ít nghiêm trọng: Trộm cắp tài sản (Xã Gia Hòa)');
    expect(await label('awards')).toBe(
      'Năm 2025 · khen thưởng · Ban Công an xã Gia Hòa – Giấy khen của Giám đốc Công an tỉnh (Xã Gia Hòa)',
    );
  });
});

// ---------------------------------------------------------------------------------------------

describe('the informant of a tip', () => {
  const NAME = 'Nguyễn Văn Bí Mật';
  const PHONE = '0987654321';
  const ADDRESS = 'Xóm Kín, thôn Đông';
  const informant = { name: NAME, phone: PHONE, address: ADDRESS, idNumber: '037090001234', note: 'Đề nghị giữ bí mật' };

  async function exportedCells(): Promise<string> {
    const file = await t.call('xlsx.export', {
      registry: 'tips',
      filter: { unitId: null, year: null, search: '', kind: null, status: null },
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const texts: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((r) => r.eachCell((c) => texts.push(String(c.text)))));
    return texts.join('\n');
  }

  it('is returned only by tips.informant: never by list, get, the bin or the export', async () => {
    const tip = await api.save('tips', rec.tips);
    t.clock.set('2026-11-22T05:00:00.000Z');
    expect(await t.call('tips.informant', { tipId: tip.id })).toEqual({ informant: null });
    expect(await t.call('tips.setInformant', { tipId: tip.id, informant })).toEqual({ saved: true });
    expect(await t.call('tips.informant', { tipId: tip.id })).toEqual({
      informant: { ...informant, updatedAt: '2026-11-22T05:00:00.000Z' },
    });
    // Every column is stored sealed to this tip (issue 15 item 2) and opens to what was typed.
    const stored = row('SELECT * FROM tip_informants') as Record<string, unknown>;
    for (const c of ['name', 'phone', 'address', 'id_number', 'note']) expect(String(stored[c]), c).toMatch(/^enc1:/);
    expect(openedRow(t.backend.keyring.current(), 'tip_informants', stored)).toEqual({
      tip_id: tip.id,
      name: NAME,
      phone: PHONE,
      address: ADDRESS,
      id_number: '037090001234',
      note: 'Đề nghị giữ bí mật',
      updated_at: '2026-11-22T05:00:00.000Z',
    });

    const secret = (text: string) => [NAME, PHONE, ADDRESS, '037090001234', 'Bí Mật'].filter((s) => text.includes(s));
    const listed = await t.call('activities.list', { kind: 'tips', unitId: null, from: null, to: null, search: '', category: null });
    expect(listed.rows).toHaveLength(1);
    expect(secret(JSON.stringify(listed))).toEqual([]);
    expect(secret(JSON.stringify(await t.call('activities.get', { kind: 'tips', id: tip.id })))).toEqual([]);
    // Searching by the informant's name finds nothing.
    expect(await api.list('tips', { search: 'bi mat' })).toEqual([]);
    const cells = await exportedCells();
    expect(cells).toContain('Tố giác nhóm đối tượng trộm cắp xe máy');
    expect(secret(cells)).toEqual([]);

    // Updating the tip leaves the informant alone.
    await api.save('tips', { ...rec.tips, note: 'Đã xác minh' }, tip.id);
    expect((await t.call('tips.informant', { tipId: tip.id })).informant?.name).toBe(NAME);

    // Deleting the tip purges its informant (issue 15 item 2): while the tip is in the bin only the
    // mark of an erased informant stays (no identity column holds anything), and a restored tip
    // comes back without any row (docs/decisions.md (h15-keys)).
    await t.call('activities.delete', { kind: 'tips', id: tip.id });
    expect(secret(JSON.stringify(await t.call('activities.deleted', { kind: 'tips' })))).toEqual([]);
    expect(rows('SELECT tip_id, name, phone, address, id_number, note FROM tip_informants')).toEqual([
      { tip_id: tip.id, name: null, phone: null, address: null, id_number: null, note: null },
    ]);
    expect((await t.fail('tips.informant', { tipId: tip.id })).code).toBe('NOT_FOUND');
    await t.call('activities.restore', { kind: 'tips', id: tip.id });
    expect(rows('SELECT tip_id FROM tip_informants')).toEqual([]);
    expect(await t.call('tips.informant', { tipId: tip.id })).toEqual({ informant: null });

    // Removing the informant deletes the row.
    await t.call('tips.setInformant', { tipId: tip.id, informant });
    expect((await t.call('tips.informant', { tipId: tip.id })).informant?.phone).toBe(PHONE);
    expect(await t.call('tips.setInformant', { tipId: tip.id, informant: null })).toEqual({ saved: false });
    expect(rows('SELECT * FROM tip_informants')).toEqual([]);
    expect(await t.call('tips.informant', { tipId: tip.id })).toEqual({ informant: null });
  });

  it('with every field empty is not kept; an unknown tip is refused', async () => {
    const tip = await api.save('tips', rec.tips);
    await t.call('tips.setInformant', { tipId: tip.id, informant });
    const empty = { name: '', phone: ' ', address: null, idNumber: null, note: null };
    expect(await t.call('tips.setInformant', { tipId: tip.id, informant: empty })).toEqual({ saved: false });
    expect(rows('SELECT * FROM tip_informants')).toEqual([]);
    await expectRefused(
      'tips.setInformant',
      { tipId: '6f1d9a4e-2b7c-4d3e-9f10-1a2b3c4d5e6f', informant },
      'NOT_FOUND',
      'Không tìm thấy nguồn tin này (có thể đã bị xóa).',
    );
  });
});

describe('tip time limits', () => {
  it('give each criminal tip its deadline and where it stands today', async () => {
    const tip = (extra: Partial<RecordInput<'tips'>>) =>
      api.save('tips', { ...rec.tips, status: 'dang_xu_ly', outcome: null, resolvedOn: null, ...extra });
    const pending = await tip({ receivedOn: '2026-11-10', summary: 'Đang trong hạn' });
    const overdue = await tip({ receivedOn: '2026-10-01', summary: 'Quá hạn' });
    const extended = await tip({ receivedOn: '2026-09-30', extensions: 1, summary: 'Gia hạn một lần' });
    const twice = await tip({ receivedOn: '2026-07-31', extensions: 2, summary: 'Gia hạn hai lần' });
    const onTime = await tip({
      receivedOn: '2026-10-01',
      status: 'da_giai_quyet',
      outcome: 'khong_khoi_to',
      resolvedOn: '2026-10-21',
      summary: 'Đúng hạn',
    });
    const late = await tip({
      receivedOn: '2026-10-01',
      status: 'da_giai_quyet',
      outcome: 'khoi_to',
      resolvedOn: '2026-10-22',
      summary: 'Trễ hạn',
    });
    const plain = await tip({ legalType: null, category: 'trat_tu', summary: 'Không phải tin về tội phạm' });

    expect([pending, overdue, extended, twice, onTime, late, plain].map((r) => [r.deadline, r.timing])).toEqual([
      ['2026-11-30', 'trong_han'],
      ['2026-10-21', 'qua_han'],
      ['2026-11-30', 'trong_han'],
      ['2026-11-30', 'trong_han'],
      ['2026-10-21', 'dung_han'],
      ['2026-10-21', 'tre_han'],
      [null, 'khong_thoi_han'],
    ]);
    // The same tips seen a few days later, from the list.
    t.clock.set('2026-12-01T03:00:00.000Z');
    const byId = new Map((await api.list('tips')).map((r) => [r.id, r.timing]));
    expect([pending, extended, twice, onTime].map((r) => byId.get(r.id))).toEqual(['qua_han', 'qua_han', 'qua_han', 'dung_han']);
  });
});
