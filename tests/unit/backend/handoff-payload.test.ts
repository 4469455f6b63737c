/**
 * The snapshot payload module (electron/backend/handoff/payload.ts): its column list against the
 * schema the migrations really create, the table classification, the policy's omitted columns
 * (stored as NULL), and the row validation the province's import runs (Vietnamese reasons).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { startBackend, type TestBackend } from '../../support/backend';
import { queryAll } from '../../support/sqlite';
import { LOCAL_COLUMNS } from '../../../electron/backend/handoff/payload-columns';
import { TABLES } from '../../../shared/domain/table-registry';
import {
  CATALOGUE_REFERENCES,
  HANDOFF_TABLES,
  PAYLOAD_COLUMNS,
  SNAPSHOT_PAYLOAD_FORMAT,
  SNAPSHOT_PAYLOAD_VERSION,
  omittedColumns,
  parsePersonalPolicy,
  parseSnapshotPayload,
  payloadColumns,
  storedRow,
  validatePayloadRows,
  type Cell,
  type SnapshotPayload,
} from '../../../electron/backend/handoff/payload';

let dir: string;
let t: TestBackend;
let schema: Map<string, { name: string; type: string; notnull: number }[]>;
let foreignKeys: Map<string, Map<string, string>>;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'antq-payload-'));
  t = await startBackend(dir);
  const file = t.backend.databasePath;
  const names = queryAll<{ name: string }>(file, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
  schema = new Map(names.map((n) => [n.name, queryAll(file, `SELECT name, type, "notnull" FROM pragma_table_info('${n.name}')`)]));
  foreignKeys = new Map(
    names.map((n) => [
      n.name,
      new Map(
        queryAll<{ from: string; table: string }>(file, `SELECT "from", "table" FROM pragma_foreign_key_list('${n.name}')`).map((f) => [
          f.from,
          f.table,
        ]),
      ),
    ]),
  );
});
afterAll(() => {
  t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const UNIT = '0b9f8c1e-5d2a-4c3b-9a1e-2f3d4c5b6a71';
const TIP = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
const ROOT = '2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f60';

function tipCells(over: Record<string, Cell> = {}): Cell[] {
  const base: Record<string, Cell> = {
    id: TIP,
    received_on: '2026-03-04',
    unit_id: UNIT,
    channel: 'truc_tiep',
    category: 'an_ninh',
    legal_type: null,
    valuable: 1,
    summary: 'Phản ánh tụ tập gây rối',
    status: 'dang_xu_ly',
    outcome: null,
    resolved_on: null,
    extensions: 0,
    criminal_cases: 0,
    administrative_cases: 0,
    persons_handled: 0,
    wanted_arrested: 0,
    wanted_surrendered: 0,
    weapons: 0,
    ammunition: 0,
    explosives_kg: 0,
    support_tools: 0,
    assets_value: 0,
    note: null,
    created_at: '2026-03-04T01:00:00.000Z',
    updated_at: '2026-03-04T01:00:00.000Z',
    deleted_at: null,
    ...over,
  };
  return PAYLOAD_COLUMNS['tips']!.map((c) => base[c.name]!);
}

function emptyPayload(): SnapshotPayload {
  const tables: SnapshotPayload['tables'] = {};
  const omitted: SnapshotPayload['omitted'] = {};
  for (const spec of HANDOFF_TABLES) {
    const out = omittedColumns(spec.name, {});
    if (out.length > 0) omitted[spec.name] = out;
    tables[spec.name] = { columns: payloadColumns(spec.name, out).map((c) => c.name), rows: [] };
  }
  return {
    format: SNAPSHOT_PAYLOAD_FORMAT,
    version: SNAPSHOT_PAYLOAD_VERSION,
    office: { id: UNIT, code: '14467', name: 'Công an xã Gia Hòa', level: 'xa', era: 'truoc_2025', rootUnitId: ROOT },
    year: 2026,
    period: { from: '2026-01-01', to: '2026-12-31' },
    sequence: 1,
    tables,
    omitted,
    evaluation: [],
  };
}

describe('the payload columns', () => {
  it('are exactly the schema columns of every handed-off table, with their types, NOT NULL and references', () => {
    const types: Record<string, string> = { text: 'TEXT', integer: 'INTEGER', real: 'REAL' };
    expect(Object.keys(PAYLOAD_COLUMNS).sort()).toEqual(HANDOFF_TABLES.map((s) => s.name).sort());
    for (const spec of HANDOFF_TABLES) {
      // Keys each app computes for itself (migration 0025) are not part of the payload.
      const actual = schema.get(spec.name)!.filter((c) => !(LOCAL_COLUMNS[spec.name] ?? []).includes(c.name));
      const listed = PAYLOAD_COLUMNS[spec.name]!;
      expect(
        listed.map((c) => c.name),
        spec.name,
      ).toEqual(actual.map((c) => c.name));
      listed.forEach((c, i) => {
        expect(types[c.type], `${spec.name}.${c.name}`).toBe(actual[i]!.type);
        // A personal column may be NULL in the database (not known: a file left it out) while a file that carries it needs a value.
        expect(c.storedNullable, `${spec.name}.${c.name} nullable in the database`).toBe(actual[i]!.notnull === 0);
        if (c.nullable) expect(c.storedNullable).toBe(true);
        if (c.storedNullable && !c.nullable) expect(spec.personal, `${spec.name}.${c.name}`).toContain(c.name);
        const fk = foreignKeys.get(spec.name)!.get(c.name);
        expect(c.ref, `${spec.name}.${c.name} ref`).toBe(fk ?? (c.name === 'subject_id' ? 'subject' : null));
      });
    }
  });

  it('classifies every table; informant, settings, seal, files and hand-off bookkeeping never go', () => {
    for (const spec of TABLES) expect(['scope', 'catalogue', 'never'], spec.name).toContain(spec.handoff);
    const never = TABLES.filter((s) => s.handoff === 'never').map((s) => s.name);
    for (const name of ['tip_informants', 'office', 'evaluation_seal_ledger', 'rule_set_files', 'rubric_files', 'period_settings'])
      expect(never).toContain(name);
    for (const spec of TABLES) if (spec.name.startsWith('handoff_')) expect(spec.handoff, spec.name).toBe('never');
    // No protected column is ever part of a payload.
    for (const spec of HANDOFF_TABLES) expect(spec.protected, spec.name).toEqual([]);
    // Catalogue tables are office-wide; scope tables belong to a unit.
    for (const spec of HANDOFF_TABLES) expect(spec.unit.via === 'office', spec.name).toBe(spec.handoff === 'catalogue');
    expect(CATALOGUE_REFERENCES).toEqual([
      { table: 'models', column: 'type_id', catalogue: 'model_types' },
      { table: 'mass_orgs', column: 'kind_id', catalogue: 'mass_org_kinds' },
    ]);
  });

  it('omits personal columns unless the policy asks for them; derived columns follow their source', () => {
    expect(omittedColumns('mass_org_members', {})).toEqual([
      'full_name',
      'full_name_folded',
      'full_name_sort',
      'gender',
      'birth_year',
      'ethnicity',
      'phone',
    ]);
    expect(omittedColumns('mass_org_members', { mass_org_members: ['full_name', 'gender'] })).toEqual(['birth_year', 'ethnicity', 'phone']);
    expect(omittedColumns('awards', {})).toEqual(['recipient_name']);
    expect(omittedColumns('tips', { tips: ['summary'] })).toEqual([]);
    expect(parsePersonalPolicy('{"awards":["recipient_name"]}')).toEqual({ awards: ['recipient_name'] });
    expect(parsePersonalPolicy('not json')).toEqual({});
    expect(parsePersonalPolicy('{"awards":"recipient_name"}')).toEqual({});
    expect(parsePersonalPolicy(null)).toEqual({});
  });

  it('stores every omitted personal column as NULL (not known), which the migrated schema accepts', () => {
    const id = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
    for (const spec of HANDOFF_TABLES) {
      const cols = PAYLOAD_COLUMNS[spec.name]!.map((c) => c.name);
      const omitted = omittedColumns(spec.name, {});
      const kept = cols.filter((c) => !omitted.includes(c));
      const row = storedRow(
        spec.name,
        kept,
        kept.map(() => 'v'),
        omitted,
      );
      for (const name of spec.personal) expect(row[name], `${spec.name}.${name}`).toBeNull();
    }
    // A real insert into the migrated members table: no stand-in is needed any more.
    const db = new BetterSqlite3(t.backend.databasePath, { readonly: true });
    const sqlOf = (db.prepare("SELECT sql FROM sqlite_master WHERE name = 'mass_org_members'").get() as { sql: string }).sql;
    db.close();
    const mem = new BetterSqlite3(':memory:');
    mem.exec(sqlOf.replace(/REFERENCES \w+\(id\)/g, ''));
    const cols = PAYLOAD_COLUMNS['mass_org_members']!.map((c) => c.name);
    const omitted = omittedColumns('mass_org_members', {});
    const kept = cols.filter((c) => !omitted.includes(c));
    const base: Record<string, Cell> = {
      id,
      mass_org_id: id,
      role: 'to_vien',
      joined_on: '2026-01-01',
      left_with_org: 0,
      created_at: 'x',
      updated_at: 'x',
    };
    const row = storedRow(
      'mass_org_members',
      kept,
      kept.map((c) => base[c] ?? null),
      omitted,
    );
    mem
      .prepare(`INSERT INTO mass_org_members (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`)
      .run(...cols.map((c) => row[c]));
    expect(mem.prepare('SELECT full_name, gender FROM mass_org_members').get()).toEqual({ full_name: null, gender: null });
    // The CHECKs still hold for a value that is there.
    expect(() => mem.prepare("UPDATE mass_org_members SET gender = 'khac'").run()).toThrow(/CHECK/);
    // The name columns are known together or not at all.
    expect(() => mem.prepare("UPDATE mass_org_members SET full_name = 'An'").run()).toThrow(/CHECK/);
    mem.close();
  });
});

describe('validatePayloadRows', () => {
  it('accepts a well-formed payload and a valid tip', () => {
    const p = emptyPayload();
    p.tables['tips']!.rows.push(tipCells());
    expect(parseSnapshotPayload(JSON.parse(JSON.stringify(p))).ok).toBe(true);
    expect(validatePayloadRows(p)).toEqual([]);
  });

  it('refuses missing tables, unknown or never tables, wrong columns, and an omitted column that is not personal', () => {
    const p = emptyPayload();
    delete p.tables['units'];
    p.tables['tip_informants'] = { columns: ['tip_id', 'name'], rows: [] };
    p.tables['tips']!.columns = p.tables['tips']!.columns.slice(1);
    p.omitted['incidents'] = ['description'];
    const messages = validatePayloadRows(p).map((x) => x.message);
    expect(messages).toContain('Thiếu bảng "units" (Đơn vị (xã, khu dân cư)).');
    expect(messages).toContain('Bảng "tip_informants" không thuộc dữ liệu được gửi lên tỉnh.');
    expect(messages.some((m) => m.startsWith('Bảng "tips" (Tin báo, tố giác): danh sách cột không đúng'))).toBe(true);
    expect(messages).toContain('Bảng "incidents" (Vụ việc): chỉ được bỏ cột dữ liệu cá nhân, không được bỏ cột description.');
  });

  it('refuses a personal column written although listed as omitted (columns must match exactly)', () => {
    const p = emptyPayload();
    p.tables['awards']!.columns = PAYLOAD_COLUMNS['awards']!.map((c) => c.name);
    expect(validatePayloadRows(p)[0]!.message).toMatch(/^Bảng "awards" \(Khen thưởng\): danh sách cột không đúng/);
  });

  it('names the row and the reason: types, NOT NULL, UUIDs, duplicates, and the screens’ own checks', () => {
    const cases: [Record<string, Cell>, RegExp][] = [
      [{ valuable: 'có' }, /dòng 1 \(mã .*\): cột "valuable" phải là số\.$/],
      [{ summary: null }, /cột "summary" không được để trống\.$/],
      [{ unit_id: 'khong-phai-uuid' }, /cột "unit_id" không phải mã UUID\.$/],
      [{ id: 'abc' }, /mã bản ghi không phải UUID\.$/],
      [{ extensions: 1.5 }, /cột "extensions" phải là số nguyên\.$/],
      [{ extensions: 3 }, /Nguồn tin về tội phạm được gia hạn tối đa 2 lần\.$/],
      [{ category: 'khong_co' }, /Lĩnh vực không hợp lệ\.$/],
      [{ valuable: 2 }, /cột "valuable" chỉ nhận 0 hoặc 1\.$/],
      [{ received_on: '2026-02-30' }, /Ngày không hợp lệ/],
    ];
    for (const [over, pattern] of cases) {
      const p = emptyPayload();
      p.tables['tips']!.rows.push(tipCells(over));
      const problems = validatePayloadRows(p);
      expect(problems.length, JSON.stringify(over)).toBe(1);
      expect(problems[0]!.message, JSON.stringify(over)).toMatch(/^Bảng "tips" \(Tin báo, tố giác\), dòng 1/);
      expect(problems[0]!.message, JSON.stringify(over)).toMatch(pattern);
    }
    const p = emptyPayload();
    p.tables['tips']!.rows.push(tipCells(), tipCells());
    expect(validatePayloadRows(p)[0]!.message).toMatch(/dòng 2 \(mã .*\): trùng mã với một dòng trước\.$/);
    const short = emptyPayload();
    short.tables['tips']!.rows.push(tipCells().slice(1));
    expect(validatePayloadRows(short)[0]!.message).toMatch(/có 25 giá trị, cần 26\.$/);
  });

  it('runs the organisation and member forms’ schemas on their rows (omitted fields aside)', () => {
    const p = emptyPayload();
    const orgBase: Record<string, Cell> = {
      id: UNIT,
      name: 'Trường THCS Gia Hòa',
      name_folded: 'truong thcs gia hoa',
      kind: 'co_so_giao_duc',
      sub_kind: 'thcs',
      is_armed_forces: 0,
      unit_id: ROOT,
      managing_level: 'huyen',
      bca_monitored: 0,
      has_party_org: 1,
      has_security_force: 0,
      sub_unit_count: null,
      sector_group: null,
      insured_employees: null,
      revenue_billion: null,
      capital_billion: null,
      tax_code: null,
      address: null,
      valid_from: null,
      valid_to: null,
      end_reason: null,
      created_at: 'x',
      updated_at: 'x',
      deleted_at: null,
    };
    const org = (over: Record<string, Cell>) => PAYLOAD_COLUMNS['organizations']!.map((c) => ({ ...orgBase, ...over })[c.name]!);
    p.tables['organizations']!.rows.push(org({}));
    const member: Record<string, Cell> = {
      id: TIP,
      mass_org_id: UNIT,
      role: 'to_vien',
      joined_on: '2024-07-01',
      left_on: null,
      left_reason: null,
      left_with_org: 0,
      note: null,
      created_at: 'x',
      updated_at: 'x',
      deleted_at: null,
    };
    p.tables['mass_org_members']!.rows.push(p.tables['mass_org_members']!.columns.map((c) => member[c]!));
    expect(validatePayloadRows(p)).toEqual([]);
    p.tables['organizations']!.rows = [org({ sub_kind: 'khong_co' })];
    p.tables['mass_org_members']!.rows = [p.tables['mass_org_members']!.columns.map((c) => ({ ...member, role: 'sep' })[c]!)];
    const messages = validatePayloadRows(p).map((x) => x.message);
    expect(messages).toEqual([
      `Bảng "organizations" (Cơ quan, doanh nghiệp, cơ sở giáo dục), dòng 1 (mã ${UNIT}): cột "sub_kind": Phân loại không hợp lệ.`,
      `Bảng "mass_org_members" (Thành viên tổ chức quần chúng), dòng 1 (mã ${TIP}): cột "role": Chức danh không hợp lệ (tổ trưởng, tổ phó, tổ viên hoặc khác).`,
    ]);
  });

  it('stops at maxProblems', () => {
    const p = emptyPayload();
    for (let i = 0; i < 10; i++) p.tables['tips']!.rows.push(tipCells({ summary: null }));
    expect(validatePayloadRows(p, { maxProblems: 3 })).toHaveLength(3);
  });

  it('parseSnapshotPayload refuses another version or format, and names where the structure is wrong', () => {
    const p = emptyPayload();
    expect(parseSnapshotPayload({ ...p, version: 2 })).toEqual({
      ok: false,
      message: 'Dữ liệu trong tệp có phiên bản 2, ứng dụng này chỉ đọc phiên bản 1.',
    });
    const bad = parseSnapshotPayload({ ...p, format: 'other' });
    expect(bad.ok).toBe(false);
    const period = parseSnapshotPayload({ ...p, period: { from: '2026-12-31', to: '2026-01-01' } });
    expect(period).toMatchObject({ ok: false });
    if (!period.ok) expect(period.message).toMatch(/tại period/);
    const extra = parseSnapshotPayload({ ...p, informant: {} });
    expect(extra.ok).toBe(false);
  });
});
