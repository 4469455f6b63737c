/**
 * Mass organisations through the real backend (services/mass-orgs.service.ts, repos, migration
 * 0005, the Excel specs): CRUD of kinds, organisations and members, refusals that change nothing,
 * the HD01 rating rules with the 20 % warning, the lists' filters and order, the overview figures
 * (a small-scale copy of Hà Nội's 68,5 % effective organisations), and Excel import/export.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodInput, MethodOutput, UnitDto } from '../../../shared/ipc/contract';
import type { MassOrgDto, MemberDto } from '../../../shared/ipc/contracts/mass-orgs.contract';
import { BUILT_IN_KINDS, PERSONAL_MEMBER_FIELDS, TO_BAO_VE_ANTT_KIND_ID } from '../../../shared/domain/mass-orgs';
import { decodeMemberColumns } from '../../../shared/domain/mass-org-members-list';
import { officeMembers } from '../../support/members';
import { EMPTY_FILTER, type ListFilter } from '../../../shared/domain/registries';
import { sortVietnamese } from '../../../shared/lib/text';
import { openDatabase, type OpenedDatabase } from '../../../electron/backend/db/open';
import { LATEST_VERSION } from '../../../electron/backend/db/migrations';
import { createClock, newUuid } from '../../../electron/backend/clock';
import { loadCatalogue } from '../../../electron/backend/catalogue/catalogue';
import type { ServiceContext } from '../../../electron/backend/context';
import { massOrgsOverview } from '../../../electron/backend/services/mass-orgs.service';
import { massOrgsSpec, membersSpec } from '../../../electron/backend/services/xlsx-import/specs/mass-orgs.spec';
import type { CellValue, ImportSpec } from '../../../electron/backend/xlsx/spec';
import { CATALOGUE_PATH, startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { dumpDatabase, queryAll, queryOne, withReadonly, type Row } from '../../support/sqlite';
import { isVietnameseMessage } from '../../support/vietnamese';
import { GIA_VIEN_SETUP } from '../../support/offices';
import { refusalChecker } from '../../support/refusals';
import { fieldsOf } from '../../../electron/backend/keys/fields';
import { openedRow } from '../../support/keys';

const START = '2026-11-22T03:00:00.000Z';
const kindId = (code: string) => BUILT_IN_KINDS.find((k) => k.code === code)!.id;
const K = {
  bv: TO_BAO_VE_ANTT_KIND_ID,
  tuQuan: kindId('to_tu_quan'),
  hoaGiai: kindId('to_hoa_giai'),
  clb: kindId('cau_lac_bo'),
  dongHo: kindId('dong_ho_tu_quan'),
  danPhong: kindId('doi_dan_phong'),
  pccc: kindId('to_lien_gia_an_toan_pccc'),
  khac: kindId('khac'),
};

const tmp = useTempDir('antq-massorgs-');
let t: TestBackend;
let hoa: UnitDto;
let hung: UnitDto;
let thon1: UnitDto;
let thon2: UnitDto;
let thonDong: UnitDto;

const dump = () => dumpDatabase(t.backend.databasePath);
const rows = (sql: string, ...params: unknown[]) => queryAll(t.backend.databasePath, sql, ...params);
const row = (sql: string, ...params: unknown[]) => queryOne(t.backend.databasePath, sql, ...params);

async function byName(name: string): Promise<UnitDto> {
  const found = (await t.call('units.list', { includeEnded: true })).filter((u) => u.name === name);
  if (found.length !== 1) throw new Error(`expected one unit named ${name}`);
  return found[0]!;
}

beforeEach(async () => {
  t = await startBackend(tmp.path(), START);
  await t.call('office.setup', GIA_VIEN_SETUP);
  hoa = await byName('Xã Gia Hòa');
  hung = await byName('Xã Gia Hưng');
  const thon = (parentId: string, name: string) =>
    t.call('units.create', { parentId, name, kind: 'thon', code: null, validFrom: '2020-01-01' });
  thon1 = await thon(hoa.id, 'Thôn 1');
  thon2 = await thon(hoa.id, 'Thôn 2');
  thonDong = await thon(hung.id, 'Thôn Đông');
});
afterEach(() => t.close());

const expectRefused = refusalChecker(() => t, dump);

function org(unitId: string, kind: string, name: string, extra: Partial<MethodInput<'massOrgs.create'>> = {}): Promise<MassOrgDto> {
  return t.call('massOrgs.create', {
    kindId: kind,
    unitId,
    name,
    decisionIssuer: '',
    decisionNumber: '',
    decisionDate: null,
    validFrom: '2024-07-01',
    note: '',
    ...extra,
  });
}

let memberSeq = 0;
function member(massOrgId: string, fullName: string, extra: Partial<MethodInput<'members.create'>> = {}): Promise<MemberDto> {
  memberSeq++;
  return t.call('members.create', {
    massOrgId,
    fullName,
    gender: 'nam',
    birthYear: 1970 + (memberSeq % 30),
    ethnicity: 'Kinh',
    phone: '',
    role: 'to_vien',
    joinedOn: '2024-07-01',
    note: '',
    ...extra,
  });
}

const updateInput = (o: MassOrgDto): MethodInput<'massOrgs.update'> => ({
  id: o.id,
  kindId: o.kindId,
  unitId: o.unitId,
  name: o.name,
  decisionIssuer: o.decisionIssuer,
  decisionNumber: o.decisionNumber,
  decisionDate: o.decisionDate,
  validFrom: o.validFrom,
  note: o.note,
});

const rate = (id: string, level: MethodInput<'massOrgs.rate'>['level'], year = 2026) =>
  t.call('massOrgs.rate', { id, year, level, notRatedReason: null, reasonNote: '' });

const rateMember = (id: string, level: MethodInput<'members.rate'>['level'], extra: Partial<MethodInput<'members.rate'>> = {}) =>
  t.call('members.rate', {
    id,
    year: 2026,
    level,
    notRatedReason: null,
    reasonNote: '',
    actingLeader: false,
    newlyTransferred: false,
    ...extra,
  });

const listOrgs = (f: Partial<ListFilter> = {}) => t.call('massOrgs.list', { ...EMPTY_FILTER, ...f });
/**
 * members.list of one organisation, with its columns decoded into rows as the screens do; without an
 * organisation, every organisation's list in the office's name order (tests/support/members.ts).
 */
const listMembers = async (f: Partial<ListFilter & { massOrgId: string }> = {}) => {
  const { massOrgId, ...filter } = f;
  if (massOrgId === undefined) return officeMembers(t, filter);
  const out = await t.call('members.list', { ...EMPTY_FILTER, ...filter, massOrgId });
  return { ...out, rows: decodeMemberColumns(out) };
};

// ---------------------------------------------------------------------------------------------

describe('the schema (migration 0005)', () => {
  it('creates STRICT tables and ships the built-in kinds with their fixed ids', () => {
    const tables = rows("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name LIKE 'mass_org%' ORDER BY name") as {
      name: string;
      sql: string;
    }[];
    expect(tables.map((x) => x.name)).toEqual([
      'mass_org_kinds',
      'mass_org_member_ratings',
      'mass_org_members',
      'mass_org_ratings',
      'mass_orgs',
    ]);
    for (const x of tables) expect(x.sql, x.name).toMatch(/\)\s*STRICT$/);
    const kinds = rows('SELECT id, code, name, rating_scheme, built_in, active FROM mass_org_kinds ORDER BY sort_order');
    expect(kinds).toEqual(
      BUILT_IN_KINDS.map((k) => ({ id: k.id, code: k.code, name: k.name, rating_scheme: k.scheme, built_in: 1, active: 1 })),
    );
  });

  it('marks the personal columns of members in a SQL comment, and they are exactly PERSONAL_MEMBER_FIELDS', () => {
    const sql = String(row("SELECT sql FROM sqlite_schema WHERE name = 'mass_org_members'")?.['sql']);
    const comment = /-- PERSONAL DATA[^]*?-- End of personal data\./.exec(sql)?.[0] ?? '';
    expect(comment).not.toBe('');
    for (const f of PERSONAL_MEMBER_FIELDS) expect(comment, f).toContain(f);
    const columns = withReadonly(t.backend.databasePath, (db) =>
      (db.pragma('table_info(mass_org_members)') as { name: string }[]).map((c) => c.name),
    );
    for (const f of PERSONAL_MEMBER_FIELDS) expect(columns).toContain(f);
  });

  it('the CHECK constraints refuse what the services never write', async () => {
    const o = await org(thon1.id, K.bv, 'Tổ bảo vệ ANTT thôn 1');
    const m = await member(o.id, 'Nguyễn Văn An');
    const raw = openDatabase(t.backend.databasePath, LATEST_VERSION);
    try {
      const bad = [
        `UPDATE mass_org_members SET gender = 'male' WHERE id = '${m.id}'`,
        `UPDATE mass_org_members SET phone = '09123' WHERE id = '${m.id}'`,
        `UPDATE mass_org_members SET phone = '09123456ab' WHERE id = '${m.id}'`,
        `UPDATE mass_org_members SET left_on = '2020-01-01' WHERE id = '${m.id}'`,
        `UPDATE mass_org_members SET role = 'chu_tich' WHERE id = '${m.id}'`,
        `UPDATE mass_orgs SET valid_to = '2024-01-01', end_reason = 'x' WHERE id = '${o.id}'`,
        `UPDATE mass_orgs SET valid_to = '2025-01-01' WHERE id = '${o.id}'`,
        `INSERT INTO mass_org_ratings (id, mass_org_id, year, level, not_rated_reason, created_at, updated_at) VALUES ('r1', '${o.id}', 2026, 'hoan_thanh', 'khac', 'x', 'x')`,
        `INSERT INTO mass_org_ratings (id, mass_org_id, year, level, not_rated_reason, created_at, updated_at) VALUES ('r2', '${o.id}', 2026, 'gioi', NULL, 'x', 'x')`,
        `INSERT INTO mass_org_kinds (id, code, name, name_folded, rating_scheme, built_in, sort_order, created_at, updated_at) VALUES ('k', NULL, 'X', 'x', 'hd01', 0, 1, 'x', 'x')`,
      ];
      for (const s of bad) expect(() => raw.raw.exec(s), s).toThrow(/constraint/i);
    } finally {
      raw.raw.close();
    }
  });
});

describe('kinds', () => {
  it('lists the shipped kinds, Tổ bảo vệ ANTT first and "Khác" last; office kinds go before "Khác"', async () => {
    const created = await t.call('massOrgKinds.create', { name: '  Đội thanh niên xung kích  ' });
    expect(created).toMatchObject({
      name: 'Đội thanh niên xung kích',
      scheme: 'hieu_qua',
      builtIn: false,
      active: true,
      code: null,
      organizations: 0,
    });
    const kinds = await t.call('massOrgKinds.list', {});
    expect(kinds[0]!.id).toBe(K.bv);
    expect(kinds.at(-1)!.id).toBe(K.khac);
    expect(kinds.at(-2)!.name).toBe('Đội thanh niên xung kích');
    expect(row('SELECT name_folded FROM mass_org_kinds WHERE id = ?', created.id)?.['name_folded']).toBe('doi thanh nien xung kich');
  });

  it('refuses a name already used (without diacritics or case) and changes nothing', async () => {
    await expectRefused('massOrgKinds.create', { name: 'to hoa giai' }, 'CONFLICT', /Đã có loại tổ chức "Tổ hòa giải"/);
    await expectRefused('massOrgKinds.update', { id: K.clb, name: 'TỔ HÒA GIẢI', active: true }, 'CONFLICT');
  });

  it('renames and deactivates a kind; a deactivated kind takes no new organisation', async () => {
    const renamed = await t.call('massOrgKinds.update', { id: K.clb, name: 'Câu lạc bộ phòng, chống tội phạm', active: false });
    expect(renamed).toMatchObject({ name: 'Câu lạc bộ phòng, chống tội phạm', active: false });
    expect(row('SELECT active, name FROM mass_org_kinds WHERE id = ?', K.clb)).toEqual({
      active: 0,
      name: 'Câu lạc bộ phòng, chống tội phạm',
    });
    await expectRefused(
      'massOrgs.create',
      {
        kindId: K.clb,
        unitId: thon1.id,
        name: 'CLB',
        decisionIssuer: null,
        decisionNumber: null,
        decisionDate: null,
        validFrom: '2024-01-01',
        note: null,
      },
      'RULE',
      /đã ngừng sử dụng/,
    );
  });

  it('never deactivates the statutory Tổ bảo vệ ANTT, but it can be renamed', async () => {
    await expectRefused(
      'massOrgKinds.update',
      { id: K.bv, name: 'Tổ bảo vệ an ninh, trật tự', active: false },
      'RULE',
      /Luật Lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở/,
    );
    const r = await t.call('massOrgKinds.update', { id: K.bv, name: 'Tổ bảo vệ ANTT', active: true });
    expect(r.name).toBe('Tổ bảo vệ ANTT');
  });
});

describe('organisations', () => {
  it('creates an organisation with its founding decision; the row holds what was typed', async () => {
    const o = await org(thon1.id, K.bv, '  Tổ bảo vệ ANTT   thôn 1 ', {
      decisionIssuer: 'UBND xã Gia Hòa',
      decisionNumber: '125/QĐ-UBND',
      decisionDate: '2024-06-20',
    });
    expect(o).toMatchObject({ name: 'Tổ bảo vệ ANTT   thôn 1', validFrom: '2024-07-01', validTo: null, createdAt: START });
    const stored = row('SELECT * FROM mass_orgs WHERE id = ?', o.id)!;
    expect(stored).toMatchObject({
      kind_id: K.bv,
      unit_id: thon1.id,
      decision_issuer: 'UBND xã Gia Hòa',
      decision_number: '125/QĐ-UBND',
      decision_date: '2024-06-20',
      valid_from: '2024-07-01',
      valid_to: null,
      end_reason: null,
      note: null,
      deleted_at: null,
      created_at: START,
      updated_at: START,
    });
    expect(stored['name_folded']).toBe('to bao ve antt thon 1');
  });

  it('refuses a second organisation of the same kind and name in the same unit (natural key), changing nothing', async () => {
    await org(thon1.id, K.hoaGiai, 'Tổ hòa giải thôn 1');
    const e = await expectRefused(
      'massOrgs.create',
      {
        kindId: K.hoaGiai,
        unitId: thon1.id,
        name: 'TO HOA GIAI THON 1',
        decisionIssuer: null,
        decisionNumber: null,
        decisionDate: null,
        validFrom: '2024-01-01',
        note: null,
      },
      'CONFLICT',
    );
    expect(e.details).toHaveProperty('name');
    // Same name in another unit, or of another kind, is another organisation.
    await org(thon2.id, K.hoaGiai, 'Tổ hòa giải thôn 1');
    await org(thon1.id, K.tuQuan, 'Tổ hòa giải thôn 1');
  });

  it('refuses bad input with Vietnamese messages and changes nothing', async () => {
    const base = {
      kindId: K.bv,
      unitId: thon1.id,
      name: 'Tổ',
      decisionIssuer: null,
      decisionNumber: null,
      decisionDate: null,
      validFrom: '2024-01-01',
      note: null,
    };
    await expectRefused('massOrgs.create', { ...base, name: '  ' }, 'VALIDATION', /Tên tổ chức không được để trống/);
    await expectRefused('massOrgs.create', { ...base, validFrom: '2024-02-30' }, 'VALIDATION');
    await expectRefused('massOrgs.create', { ...base, kindId: '3f2b8c1e-9d4a-4e6b-8f1a-2c3d4e5f6a7b' }, 'NOT_FOUND', /loại tổ chức/);
    await expectRefused('massOrgs.create', { ...base, unitId: '3f2b8c1e-9d4a-4e6b-8f1a-2c3d4e5f6a7b' }, 'NOT_FOUND', /đơn vị/);
  });

  it('refuses an organisation in a unit that has ended', async () => {
    await t.call('units.end', { id: thon2.id, validTo: '2025-06-30', reason: 'Sáp nhập thôn' });
    await expectRefused(
      'massOrgs.create',
      {
        kindId: K.bv,
        unitId: thon2.id,
        name: 'Tổ',
        decisionIssuer: null,
        decisionNumber: null,
        decisionDate: null,
        validFrom: '2024-01-01',
        note: null,
      },
      'RULE',
      /đã kết thúc hoạt động từ 30\/06\/2025/,
    );
  });

  it('edits an organisation; its members’ dates must still fit', async () => {
    const o = await org(thon1.id, K.tuQuan, 'Tổ tự quản xóm Trại');
    await member(o.id, 'Lê Thị Hoa', { joinedOn: '2024-08-01', gender: 'nu' });
    const edited = await t.call('massOrgs.update', {
      id: o.id,
      kindId: K.tuQuan,
      unitId: thon2.id,
      name: 'Tổ tự quản xóm Trại Mới',
      decisionIssuer: 'UBND xã',
      decisionNumber: '',
      decisionDate: null,
      validFrom: '2024-08-01',
      note: 'Chuyển sang thôn 2',
    });
    expect(edited).toMatchObject({
      unitId: thon2.id,
      name: 'Tổ tự quản xóm Trại Mới',
      validFrom: '2024-08-01',
      note: 'Chuyển sang thôn 2',
    });
    expect(row('SELECT unit_id, name_folded FROM mass_orgs WHERE id = ?', o.id)).toEqual({
      unit_id: thon2.id,
      name_folded: 'to tu quan xom trai moi',
    });
    await expectRefused(
      'massOrgs.update',
      { ...updateInput(edited), validFrom: '2024-08-02' },
      'RULE',
      /Lê Thị Hoa: Ngày tham gia \(01\/08\/2024\)/,
    );
  });

  it('ends an organisation: running memberships end with it; reopening restores exactly those', async () => {
    const o = await org(thon1.id, K.hoaGiai, 'Tổ hòa giải thôn 1');
    const a = await member(o.id, 'Nguyễn Văn An');
    const b = await member(o.id, 'Trần Thị Bình', { gender: 'nu' });
    await t.call('members.leave', { id: b.id, leftOn: '2025-03-01', reason: 'Chuyển đi nơi khác' });
    await expectRefused('massOrgs.end', { id: o.id, validTo: '2024-06-30', reason: 'Giải thể' }, 'RULE', /không được trước ngày bắt đầu/);
    await expectRefused('massOrgs.end', { id: o.id, validTo: '2025-02-01', reason: 'Giải thể' }, 'RULE', /Trần Thị Bình/);

    const ended = await t.call('massOrgs.end', { id: o.id, validTo: '2026-06-30', reason: 'Sáp nhập với tổ thôn 2' });
    expect(ended.membersLeft).toBe(1);
    expect(ended.org).toMatchObject({ validTo: '2026-06-30', endReason: 'Sáp nhập với tổ thôn 2' });
    expect(row('SELECT left_on, left_reason, left_with_org FROM mass_org_members WHERE id = ?', a.id)).toEqual({
      left_on: '2026-06-30',
      left_reason: 'Tổ chức kết thúc hoạt động',
      left_with_org: 1,
    });
    await expectRefused('massOrgs.end', { id: o.id, validTo: '2026-07-30', reason: 'x' }, 'RULE', /đã kết thúc hoạt động/);
    await expectRefused(
      'members.create',
      {
        massOrgId: o.id,
        fullName: 'Mới',
        gender: 'nam',
        birthYear: null,
        ethnicity: null,
        phone: '',
        role: 'to_vien',
        joinedOn: '2025-01-01',
        note: null,
      },
      'RULE',
      /đã kết thúc hoạt động/,
    );

    const reopened = await t.call('massOrgs.reopen', { id: o.id });
    expect(reopened.membersRestored).toBe(1);
    expect(row('SELECT valid_to, end_reason FROM mass_orgs WHERE id = ?', o.id)).toEqual({ valid_to: null, end_reason: null });
    expect(row('SELECT left_on, left_with_org FROM mass_org_members WHERE id = ?', a.id)).toEqual({ left_on: null, left_with_org: 0 });
    expect(row('SELECT left_on FROM mass_org_members WHERE id = ?', b.id)).toEqual({ left_on: '2025-03-01' });
  });

  it('deletes an organisation entered by mistake as tombstones, with its members and ratings', async () => {
    const o = await org(thon1.id, K.bv, 'Tổ nhập nhầm');
    const m = await member(o.id, 'Phạm Văn Cường');
    await rate(o.id, 'hoan_thanh');
    await rateMember(m.id, 'hoan_thanh');
    const r = await t.call('massOrgs.delete', { id: o.id });
    expect(r).toEqual({ id: o.id, membersDeleted: 1 });
    expect(row('SELECT deleted_at FROM mass_orgs WHERE id = ?', o.id)?.['deleted_at']).toBe(START);
    expect(row('SELECT deleted_at FROM mass_org_members WHERE id = ?', m.id)?.['deleted_at']).toBe(START);
    expect(row('SELECT count(*) AS n FROM mass_org_ratings WHERE deleted_at IS NULL')?.['n']).toBe(0);
    expect(row('SELECT count(*) AS n FROM mass_org_member_ratings WHERE deleted_at IS NULL')?.['n']).toBe(0);
    expect((await listOrgs()).rows).toEqual([]);
    await expectRefused('massOrgs.get', { id: o.id }, 'NOT_FOUND');
    // The natural key is free again.
    await org(thon1.id, K.bv, 'Tổ nhập nhầm');
  });

  it('lists in Vietnamese order with the unit subtree, kind, year, search and status filters', async () => {
    const a = await org(thon1.id, K.bv, 'Tổ bảo vệ ANTT thôn 1');
    const b = await org(thon2.id, K.bv, 'Tổ bảo vệ ANTT thôn 2');
    const c = await org(hoa.id, K.dongHo, 'Dòng họ Đinh tự quản');
    const d = await org(thonDong.id, K.hoaGiai, 'Tổ hòa giải thôn Đông', { validFrom: '2026-03-01' });
    const e = await org(thon1.id, K.tuQuan, 'Tổ tự quản số 10', { validFrom: '2020-01-01' });
    await t.call('massOrgs.end', { id: e.id, validTo: '2025-06-30', reason: 'Giải thể' });
    await member(a.id, 'Nguyễn Văn An');
    await member(a.id, 'Nguyễn Văn Ba');
    const left = await member(a.id, 'Nguyễn Văn Cũ', { joinedOn: '2024-07-01' });
    await t.call('members.leave', { id: left.id, leftOn: '2025-05-01', reason: null });
    await rate(a.id, 'hoan_thanh_tot');
    await rate(b.id, 'khong_hoan_thanh');
    await rate(c.id, 'hieu_qua');

    const all = await listOrgs();
    expect(all.ratingYear).toBe(2026);
    expect(all.rows.map((r) => r.name)).toEqual(sortVietnamese([a, b, c, d, e], (x) => x.name).map((x) => x.name));
    expect(all.rows.map((r) => r.name)[0]).toBe('Dòng họ Đinh tự quản');
    const rowA = all.rows.find((r) => r.id === a.id)!;
    expect(rowA).toMatchObject({ members: 2, rating: { level: 'hoan_thanh_tot', notRatedReason: null } });
    expect(all.rows.find((r) => r.id === d.id)!.rating).toBeNull();

    const names = async (f: Partial<ListFilter>) => (await listOrgs(f)).rows.map((r) => r.id).sort();
    expect(await names({ unitId: hoa.id })).toEqual([a.id, b.id, c.id, e.id].sort());
    expect(await names({ unitId: thon1.id })).toEqual([a.id, e.id].sort());
    expect(await names({ unitId: hung.id })).toEqual([d.id]);
    expect(await names({ kind: K.bv })).toEqual([a.id, b.id].sort());
    expect(await names({ search: 'bao ve thon 2' })).toEqual([b.id]);
    expect(await names({ search: 'DINH' })).toEqual([c.id]);
    expect(await names({ search: '100%_' })).toEqual([]);
    expect(await names({ search: 'trai thon' })).toEqual([]);
    expect(await names({ search: 'thon 1' })).toEqual([a.id]);
    expect(await names({ search: 'so 10' })).toEqual([e.id]);
    expect(await names({ status: 'ended' })).toEqual([e.id]);
    expect(await names({ status: 'active' })).toEqual([a.id, b.id, c.id, d.id].sort());
    expect(await names({ status: 'hoan_thanh_tot' })).toEqual([a.id]);
    expect(await names({ status: 'chua_xep_loai' })).toEqual([d.id, e.id].sort());
    // Year 2025: e was active until 30/06/2025, d did not exist yet; the left member counts in 2025.
    const y2025 = await listOrgs({ year: 2025 });
    expect(y2025.rows.map((r) => r.id).sort()).toEqual([a.id, b.id, c.id, e.id].sort());
    expect(y2025.rows.find((r) => r.id === a.id)).toMatchObject({ members: 3, rating: null });
    await expectRefused('massOrgs.list', { ...EMPTY_FILTER, status: 'gioi' }, 'VALIDATION');
  });
});

describe('members', () => {
  let team: MassOrgDto;
  beforeEach(async () => {
    team = await org(thon1.id, K.bv, 'Tổ bảo vệ ANTT thôn 1');
  });

  it('adds a member; the phone is stored whole and normalised, lists show it masked, the member’s own record whole', async () => {
    const m = await member(team.id, 'Đỗ Thị Ánh', {
      gender: 'nu',
      birthYear: 1985,
      ethnicity: 'Mường',
      phone: '+84 912 345 678',
      role: 'to_truong',
    });
    // Stored sealed (issue 15 item 2): the file holds no digit of it; opened, the whole normalised number.
    const stored = row('SELECT * FROM mass_org_members WHERE id = ?', m.id) as Record<string, unknown>;
    expect(String(stored['phone'])).toMatch(/^enc1:/);
    expect(String(stored['phone'])).not.toContain('912345678');
    expect(openedRow(t.backend.keyring.current(), 'mass_org_members', stored)).toMatchObject({
      full_name: 'Đỗ Thị Ánh',
      full_name_folded: 'do thi anh',
      gender: 'nu',
      birth_year: 1985,
      ethnicity: 'Mường',
      phone: '0912345678',
      role: 'to_truong',
      joined_on: '2024-07-01',
      left_on: null,
    });
    const list = await listMembers();
    expect(list.rows).toEqual([
      {
        id: m.id,
        massOrgId: team.id,
        fullName: 'Đỗ Thị Ánh',
        gender: 'nu',
        birthYear: 1985,
        ethnicity: 'Mường',
        role: 'to_truong',
        phoneMasked: '09******78',
        joinedOn: '2024-07-01',
        leftOn: null,
        rating: null,
      },
    ]);
    expect(JSON.stringify(list)).not.toContain('0912345678');
    expect(list.orgs).toEqual([{ id: team.id, name: team.name, kindId: K.bv, unitId: thon1.id }]);
    expect((await t.call('members.get', { id: m.id })).member.phone).toBe('0912345678');
  });

  it('refuses a bad phone, a duplicate person, a date before the team began; changes nothing', async () => {
    const base = {
      massOrgId: team.id,
      fullName: 'Vũ Văn Dũng',
      gender: 'nam',
      birthYear: 1990,
      ethnicity: null,
      phone: '',
      role: 'to_vien',
      joinedOn: '2024-07-01',
      note: null,
    } as const;
    const e = await expectRefused('members.create', { ...base, phone: '0912 34' }, 'VALIDATION', /Số điện thoại "0912 34" không hợp lệ/);
    expect(e.details).toHaveProperty('phone');
    await t.call('members.create', base);
    await expectRefused('members.create', { ...base, fullName: 'VU VAN DUNG' }, 'CONFLICT', /Vũ Văn Dũng", sinh năm 1990/);
    await t.call('members.create', { ...base, birthYear: 1991 });
    await expectRefused(
      'members.create',
      { ...base, fullName: 'Khác', joinedOn: '2024-06-30' },
      'RULE',
      /không được trước ngày "Tổ bảo vệ ANTT thôn 1" bắt đầu/,
    );
    await expectRefused('members.create', { ...base, fullName: 'Khác', gender: 'x' as 'nam' }, 'VALIDATION', /Giới tính/);
    await expectRefused('members.create', { ...base, fullName: 'Khác', birthYear: 1800 }, 'VALIDATION', /Năm sinh/);
  });

  it('edits, lets a member leave and rejoin, and deletes a mistaken entry', async () => {
    const m = await member(team.id, 'Hoàng Văn Em');
    const edited = await t.call('members.update', {
      id: m.id,
      fullName: 'Hoàng Văn Em',
      gender: 'nam',
      birthYear: 1979,
      ethnicity: 'Tày',
      phone: '0987654321',
      role: 'to_pho',
      joinedOn: '2024-09-01',
      note: 'Phụ trách địa bàn xóm 3',
    });
    expect(edited).toMatchObject({ birthYear: 1979, ethnicity: 'Tày', phone: '0987654321', role: 'to_pho', joinedOn: '2024-09-01' });
    await expectRefused('members.leave', { id: m.id, leftOn: '2024-08-01', reason: null }, 'RULE', /không được trước ngày tham gia/);
    const left = await t.call('members.leave', { id: m.id, leftOn: '2026-05-31', reason: 'Chuyển công tác' });
    expect(left).toMatchObject({ leftOn: '2026-05-31', leftReason: 'Chuyển công tác' });
    expect((await listMembers({ status: 'left' })).rows.map((r) => r.id)).toEqual([m.id]);
    expect((await listMembers({ status: 'active' })).rows).toEqual([]);
    const back = await t.call('members.rejoin', { id: m.id });
    expect(back.leftOn).toBeNull();
    expect(row('SELECT left_on, left_reason FROM mass_org_members WHERE id = ?', m.id)).toEqual({ left_on: null, left_reason: null });
    await t.call('members.delete', { id: m.id });
    expect(row('SELECT deleted_at FROM mass_org_members WHERE id = ?', m.id)?.['deleted_at']).toBe(START);
    expect((await listMembers()).rows).toEqual([]);
  });

  it('lists the whole office in Vietnamese order, filtered by unit subtree, kind, year and name without diacritics', async () => {
    const other = await org(thonDong.id, K.hoaGiai, 'Tổ hòa giải thôn Đông');
    const names = ['Đinh Văn Đức', 'Dương Thị Dung', 'Nguyễn Văn An', 'Nguyễn Văn Ấn', 'Bùi Thị Ăn', 'Lê Văn 10', 'Lê Văn 2'];
    for (const [i, n] of names.entries()) await member(i % 2 ? other.id : team.id, n, { birthYear: 1960 + i });
    const list = await listMembers();
    expect(list.rows.map((r) => r.fullName)).toEqual(sortVietnamese(names, (n) => n));
    expect(list.rows.map((r) => r.fullName)).toEqual([
      'Bùi Thị Ăn',
      'Dương Thị Dung',
      'Đinh Văn Đức',
      'Lê Văn 2',
      'Lê Văn 10',
      'Nguyễn Văn An',
      'Nguyễn Văn Ấn',
    ]);
    expect(list.orgs.map((o) => o.id).sort()).toEqual([team.id, other.id].sort());
    expect((await listMembers({ search: 'nguyen van an' })).rows.map((r) => r.fullName)).toEqual(['Nguyễn Văn An', 'Nguyễn Văn Ấn']);
    expect((await listMembers({ search: 'dinh duc' })).rows.map((r) => r.fullName)).toEqual(['Đinh Văn Đức']);
    // A search word must begin a word of the name: "an" is not found inside every "Văn".
    expect((await listMembers({ search: 'an' })).rows.map((r) => r.fullName)).toEqual(['Bùi Thị Ăn', 'Nguyễn Văn An', 'Nguyễn Văn Ấn']);
    expect((await listMembers({ search: '%' })).rows).toHaveLength(7);
    expect((await listMembers({ search: 'van 1' })).rows.map((r) => r.fullName)).toEqual(['Lê Văn 10']);
    expect((await listMembers({ unitId: hung.id })).rows.every((r) => r.massOrgId === other.id)).toBe(true);
    expect((await listMembers({ unitId: hoa.id })).rows).toHaveLength(4);
    expect((await listMembers({ kind: K.hoaGiai })).rows).toHaveLength(3);
    expect((await listMembers({ massOrgId: other.id })).rows).toHaveLength(3);
    expect((await listMembers({ year: 2023 })).rows).toHaveLength(0);
    expect((await listMembers({ year: 2025 })).rows).toHaveLength(7);
  });
});

describe('ratings', () => {
  let team: MassOrgDto;
  let leader: MemberDto;
  let deputy: MemberDto;
  let plain: MemberDto;
  beforeEach(async () => {
    team = await org(thon1.id, K.bv, 'Tổ bảo vệ ANTT thôn 1');
    leader = await member(team.id, 'Trần Văn Trưởng', { role: 'to_truong' });
    deputy = await member(team.id, 'Lê Văn Phó', { role: 'to_pho' });
    plain = await member(team.id, 'Phạm Văn Viên');
  });

  it('rates a team for the HD01 period and records it; a second rating replaces it', async () => {
    const r = await rate(team.id, 'hoan_thanh_tot');
    expect(r.rating).toMatchObject({ year: 2026, level: 'hoan_thanh_tot', notRatedReason: null });
    expect(r.warnings).toEqual([]);
    await rate(team.id, 'hoan_thanh');
    expect(rows('SELECT year, level, not_rated_reason, deleted_at FROM mass_org_ratings WHERE mass_org_id = ?', team.id)).toEqual([
      { year: 2026, level: 'hoan_thanh', not_rated_reason: null, deleted_at: null },
    ]);
    expect((await t.call('massOrgs.get', { id: team.id })).ratings.map((x) => x.level)).toEqual(['hoan_thanh']);
  });

  it('refuses a level for a team operating under nine months and accepts "not rated" with that reason', async () => {
    const young = await org(thon2.id, K.bv, 'Tổ bảo vệ ANTT thôn 2', { validFrom: '2026-02-16' });
    await expectRefused(
      'massOrgs.rate',
      { id: young.id, year: 2026, level: 'hoan_thanh', notRatedReason: null, reasonNote: null },
      'RULE',
      /8 tháng 30 ngày/,
    );
    const r = await t.call('massOrgs.rate', { id: young.id, year: 2026, level: null, notRatedReason: 'chua_du_9_thang', reasonNote: null });
    expect(r.rating).toMatchObject({ level: null, notRatedReason: 'chua_du_9_thang' });
    const exact = await org(thon2.id, K.bv, 'Tổ bảo vệ ANTT xóm mới', { validFrom: '2026-02-15' });
    await rate(exact.id, 'hoan_thanh');
  });

  it('a team under complaint is not rated, with the complaint described', async () => {
    await expectRefused(
      'massOrgs.rate',
      { id: team.id, year: 2026, level: null, notRatedReason: 'khieu_nai_to_cao', reasonNote: '' },
      'RULE',
      /nội dung khiếu nại/,
    );
    const r = await t.call('massOrgs.rate', {
      id: team.id,
      year: 2026,
      level: null,
      notRatedReason: 'khieu_nai_to_cao',
      reasonNote: 'Đơn tố cáo ngày 02/10/2026 đang giải quyết',
    });
    expect(row('SELECT reason_note FROM mass_org_ratings WHERE mass_org_id = ?', team.id)?.['reason_note']).toBe(
      'Đơn tố cáo ngày 02/10/2026 đang giải quyết',
    );
    expect(r.rating.notRatedReason).toBe('khieu_nai_to_cao');
  });

  it('the leader waits for the team, may not be above it, except when newly transferred', async () => {
    await expectRefused(
      'members.rate',
      {
        id: leader.id,
        year: 2026,
        level: 'hoan_thanh',
        notRatedReason: null,
        reasonNote: null,
        actingLeader: false,
        newlyTransferred: false,
      },
      'RULE',
      /Hãy xếp loại tổ năm 2026 trước/,
    );
    await rate(team.id, 'hoan_thanh_tot');
    await expectRefused(
      'members.rate',
      {
        id: leader.id,
        year: 2026,
        level: 'hoan_thanh_xuat_sac',
        notRatedReason: null,
        reasonNote: null,
        actingLeader: false,
        newlyTransferred: false,
      },
      'RULE',
      /không được cao hơn mức của tổ \(Hoàn thành tốt\)/,
    );
    await rateMember(leader.id, 'hoan_thanh_tot');
    // An ordinary member and a tổ phó not in charge are not bound by the team's level.
    await rateMember(plain.id, 'hoan_thanh_xuat_sac');
    await rateMember(deputy.id, 'hoan_thanh_xuat_sac');
    await expectRefused(
      'members.rate',
      {
        id: deputy.id,
        year: 2026,
        level: 'hoan_thanh_xuat_sac',
        notRatedReason: null,
        reasonNote: null,
        actingLeader: true,
        newlyTransferred: false,
      },
      'RULE',
      /tổ phó phụ trách tổ/,
    );
    const transferred = await rateMember(deputy.id, 'hoan_thanh_xuat_sac', { actingLeader: true, newlyTransferred: true });
    expect(transferred.rating).toMatchObject({ actingLeader: true, newlyTransferred: true });
    expect(row('SELECT acting_leader, newly_transferred FROM mass_org_member_ratings WHERE member_id = ?', deputy.id)).toEqual({
      acting_leader: 1,
      newly_transferred: 1,
    });
  });

  it('refuses lowering the team below its leader, removing the team rating under a rated leader, or promoting a rated member above the team', async () => {
    await rate(team.id, 'hoan_thanh_tot');
    await rateMember(leader.id, 'hoan_thanh_tot');
    await expectRefused(
      'massOrgs.rate',
      { id: team.id, year: 2026, level: 'hoan_thanh', notRatedReason: null, reasonNote: null },
      'RULE',
      /Tổ trưởng Trần Văn Trưởng/,
    );
    await expectRefused('massOrgs.unrate', { id: team.id, year: 2026 }, 'RULE', /Trần Văn Trưởng/);
    await rateMember(plain.id, 'hoan_thanh_xuat_sac');
    await expectRefused(
      'members.update',
      {
        id: plain.id,
        fullName: plain.fullName!,
        gender: 'nam',
        birthYear: plain.birthYear,
        ethnicity: 'Kinh',
        phone: '',
        role: 'to_truong',
        joinedOn: plain.joinedOn,
        note: null,
      },
      'RULE',
      /Phạm Văn Viên/,
    );
    // A change of dates that takes the member under nine months is refused too.
    await expectRefused('members.leave', { id: plain.id, leftOn: '2026-03-01', reason: null }, 'RULE', /dưới 9 tháng/);
    await t.call('members.unrate', { id: leader.id, year: 2026 });
    await t.call('massOrgs.unrate', { id: team.id, year: 2026 });
    expect(rows('SELECT deleted_at FROM mass_org_ratings WHERE mass_org_id = ?', team.id)).toEqual([{ deleted_at: START }]);
    // Rating again revives the same row (its id travels to the province).
    const id = row('SELECT id FROM mass_org_ratings WHERE mass_org_id = ?', team.id)?.['id'];
    await rate(team.id, 'hoan_thanh');
    expect(row('SELECT id, deleted_at FROM mass_org_ratings WHERE mass_org_id = ?', team.id)).toEqual({ id, deleted_at: null });
  });

  it('warns (never refuses) when "Hoàn thành xuất sắc" exceeds 20 % of "Hoàn thành tốt" in the commune', async () => {
    const other = await org(thon2.id, K.bv, 'Tổ bảo vệ ANTT thôn 2');
    const first = await rate(team.id, 'hoan_thanh_xuat_sac');
    expect(first.warnings).toEqual([
      'Năm 2026, Xã Gia Hòa có 1 tổ được xếp loại "Hoàn thành xuất sắc", vượt quá 20% số tổ "Hoàn thành tốt" (0 tổ, tối đa 0).',
    ]);
    expect(row('SELECT level FROM mass_org_ratings WHERE mass_org_id = ?', team.id)?.['level']).toBe('hoan_thanh_xuat_sac');
    await rate(other.id, 'hoan_thanh_tot');
    const quota = await t.call('massOrgs.quota', { year: 2026, unitId: hoa.id });
    expect(quota.teams).toEqual({ excellent: 1, good: 1 });
    expect(quota.warnings).toHaveLength(1);
    expect(quota.baseNote).toMatch(/tính riêng cho tổ và cho thành viên/);
    // Five good teams allow one excellent.
    for (const n of [3, 4, 5, 6]) await rate((await org(hoa.id, K.bv, `Tổ bảo vệ ANTT xóm ${n}`)).id, 'hoan_thanh_tot');
    expect((await t.call('massOrgs.quota', { year: 2026, unitId: hoa.id })).warnings).toEqual([]);
    // Members are counted apart from teams.
    const m = await rateMember(plain.id, 'hoan_thanh_xuat_sac');
    expect(m.warnings).toEqual([
      'Năm 2026, Xã Gia Hòa có 1 thành viên được xếp loại "Hoàn thành xuất sắc", vượt quá 20% số thành viên "Hoàn thành tốt" (0 thành viên, tối đa 0).',
    ]);
    // Another commune is another area; the whole office pools both.
    expect((await t.call('massOrgs.quota', { year: 2026, unitId: hung.id })).warnings).toEqual([]);
    expect((await t.call('massOrgs.quota', { year: 2026, unitId: null })).members).toEqual({ excellent: 1, good: 0 });
  });

  it('checks the quota per commune: an office-wide view does not let one commune hide another’s excess', async () => {
    const teams = async (unitId: string, prefix: string, level: 'hoan_thanh_xuat_sac' | 'hoan_thanh_tot', count: number) => {
      for (let i = 0; i < count; i++) await rate((await org(unitId, K.bv, `${prefix} ${i + 1}`)).id, level);
    };
    await rate(team.id, 'hoan_thanh_xuat_sac');
    await teams(thon2.id, 'Tổ bảo vệ ANTT Gia Hòa', 'hoan_thanh_tot', 10);
    await teams(thonDong.id, 'Tổ bảo vệ ANTT Gia Hưng xs', 'hoan_thanh_xuat_sac', 1);
    await teams(thonDong.id, 'Tổ bảo vệ ANTT Gia Hưng', 'hoan_thanh_tot', 4);
    // Pooled, 2 of 14 would pass (2 ≤ 2,8); Gia Hưng alone has 1 for 4 (> 0,8).
    const office = await t.call('massOrgs.quota', { year: 2026, unitId: null });
    expect(office.teams).toEqual({ excellent: 2, good: 14 });
    expect(office.warnings).toEqual([
      'Năm 2026, Xã Gia Hưng có 1 tổ được xếp loại "Hoàn thành xuất sắc", vượt quá 20% số tổ "Hoàn thành tốt" (4 tổ, tối đa 0).',
    ]);
    expect((await t.call('massOrgs.quota', { year: 2026, unitId: hoa.id })).warnings).toEqual([]);
    expect((await t.call('massOrgs.quota', { year: 2026, unitId: thonDong.id })).warnings).toHaveLength(1);
    expect((await t.call('massOrgs.quota', { year: 2025, unitId: null })).warnings).toEqual([]);
  });

  it('rates other kinds as hiệu quả / chưa hiệu quả, and never their members', async () => {
    const clb = await org(thon1.id, K.clb, 'CLB phòng, chống tội phạm', { validFrom: '2026-10-01' });
    const m = await member(clb.id, 'Ngô Văn Khoa', { joinedOn: '2026-10-01' });
    await expectRefused(
      'massOrgs.rate',
      { id: clb.id, year: 2026, level: 'hoan_thanh_tot', notRatedReason: null, reasonNote: null },
      'RULE',
      /Hoạt động hiệu quả/,
    );
    const r = await rate(clb.id, 'hieu_qua');
    expect(r).toEqual({ rating: expect.objectContaining({ level: 'hieu_qua' }) as unknown, warnings: [] });
    await expectRefused(
      'members.rate',
      { id: m.id, year: 2026, level: 'hoan_thanh', notRatedReason: null, reasonNote: null, actingLeader: false, newlyTransferred: false },
      'RULE',
      /Chỉ thành viên Tổ bảo vệ/,
    );
    // Changing to a kind rated the other way is refused while ratings exist.
    await expectRefused('massOrgs.update', { ...updateInput(clb), kindId: K.bv }, 'RULE', /xếp loại theo cách khác nhau/);
  });

  it('lists members with their rating of the year and filters by it', async () => {
    await rate(team.id, 'hoan_thanh_tot');
    await rateMember(leader.id, 'hoan_thanh_tot');
    await t.call('members.rate', {
      id: plain.id,
      year: 2026,
      level: null,
      notRatedReason: 'khieu_nai_to_cao',
      reasonNote: 'Đơn ngày 01/10',
      actingLeader: false,
      newlyTransferred: false,
    });
    const list = await listMembers({ year: 2026 });
    expect(list.rows.find((r) => r.id === leader.id)!.rating).toEqual({ level: 'hoan_thanh_tot', notRatedReason: null });
    expect(list.rows.find((r) => r.id === plain.id)!.rating).toEqual({ level: null, notRatedReason: 'khieu_nai_to_cao' });
    expect((await listMembers({ year: 2026, status: 'hoan_thanh_tot' })).rows.map((r) => r.id)).toEqual([leader.id]);
    expect((await listMembers({ year: 2026, status: 'khong_xep_loai' })).rows.map((r) => r.id)).toEqual([plain.id]);
    expect((await listMembers({ year: 2026, status: 'chua_xep_loai' })).rows.map((r) => r.id)).toEqual([deputy.id]);
  });
});

describe('the overview (Hà Nội 2017: 7.288 of 10.546 organisations effective, 68,5 %)', () => {
  async function ctxOf(): Promise<{ ctx: ServiceContext; close: () => void }> {
    const opened: OpenedDatabase = openDatabase(t.backend.databasePath, LATEST_VERSION);
    const ctx: ServiceContext = {
      db: opened.db,
      clock: createClock(() => new Date(START)),
      newId: newUuid,
      catalogue: () => loadCatalogue(CATALOGUE_PATH),
      keyring: t.backend.keyring,
    };
    return { ctx, close: () => opened.raw.close() };
  }

  it('reproduces the proportions on a small scale: 7 effective of 10 organisations (70 %), members active in the year', async () => {
    const make = async (unitId: string, kind: string, name: string, level: MethodInput<'massOrgs.rate'>['level'], members: number) => {
      const o = await org(unitId, kind, name);
      for (let i = 0; i < members; i++) await member(o.id, `${name} thành viên ${i + 1}`);
      await rate(o.id, level);
      return o;
    };
    await make(thon1.id, K.bv, 'Tổ bảo vệ ANTT thôn 1', 'hoan_thanh_xuat_sac', 5);
    await make(thon2.id, K.bv, 'Tổ bảo vệ ANTT thôn 2', 'hoan_thanh_tot', 5);
    const weak = await make(hoa.id, K.bv, 'Tổ bảo vệ ANTT xóm Trại', 'hoan_thanh', 4);
    await make(thon1.id, K.tuQuan, 'Tổ tự quản số 1', 'hieu_qua', 3);
    await make(thon2.id, K.tuQuan, 'Tổ tự quản số 2', 'hieu_qua', 3);
    await make(hoa.id, K.hoaGiai, 'Tổ hòa giải xã', 'hieu_qua', 4);
    await make(hoa.id, K.clb, 'CLB phòng chống tội phạm', 'hieu_qua', 2);
    await make(thon1.id, K.dongHo, 'Dòng họ Đinh', 'hieu_qua', 2);
    await make(thon2.id, K.danPhong, 'Đội dân phòng thôn 2', 'chua_hieu_qua', 3);
    await make(hoa.id, K.pccc, 'Tổ liên gia PCCC', 'chua_hieu_qua', 2);
    // Not in 2026: ended in 2025; founded in 2027; a member who left in 2025; another commune.
    const old = await org(thon1.id, K.tuQuan, 'Tổ tự quản cũ', { validFrom: '2020-01-01' });
    await t.call('massOrgs.end', { id: old.id, validTo: '2025-12-31', reason: 'Giải thể' });
    await org(thon1.id, K.khac, 'Tổ mới năm sau', { validFrom: '2027-01-01' });
    const gone = await member(weak.id, 'Người đã thôi', { joinedOn: '2024-07-01' });
    await t.call('members.leave', { id: gone.id, leftOn: '2025-12-31', reason: null });
    await make(thonDong.id, K.hoaGiai, 'Tổ hòa giải thôn Đông', 'hieu_qua', 3);

    const { ctx, close } = await ctxOf();
    try {
      const commune = await massOrgsOverview(ctx, { year: 2026, unitId: hoa.id });
      expect(commune).toMatchObject({ organizations: 10, effective: 7, members: 33 });
      expect(commune.effective / commune.organizations).toBe(0.7);
      expect(commune.byKind.map((k) => [k.kind, k.organizations, k.members, k.effective])).toEqual([
        ['Tổ bảo vệ an ninh, trật tự', 3, 14, 2],
        ['Tổ tự quản', 2, 6, 2],
        ['Tổ hòa giải', 1, 4, 1],
        ['Dòng họ tự quản', 1, 2, 1],
        ['Câu lạc bộ', 1, 2, 1],
        ['Đội dân phòng', 1, 3, 0],
        ['Tổ liên gia an toàn phòng cháy, chữa cháy', 1, 2, 0],
      ]);
      const office = await massOrgsOverview(ctx, { year: 2026, unitId: null });
      expect(office).toMatchObject({ organizations: 11, effective: 8, members: 36 });
      // In 2025 the old team and the member who left still count; no rating was given for 2025.
      const y2025 = await massOrgsOverview(ctx, { year: 2025, unitId: hoa.id });
      expect(y2025).toMatchObject({ organizations: 11, effective: 0, members: 34 });
      expect((await massOrgsOverview(ctx, { year: 2027, unitId: thon1.id })).organizations).toBe(4);
    } finally {
      close();
    }
  });
});

describe('Excel import and export', () => {
  let ctx: ServiceContext;
  let opened: OpenedDatabase;
  beforeEach(() => {
    opened = openDatabase(t.backend.databasePath, LATEST_VERSION);
    ctx = {
      db: opened.db,
      clock: createClock(() => new Date(START)),
      newId: newUuid,
      catalogue: () => loadCatalogue(CATALOGUE_PATH),
      keyring: t.backend.keyring,
    };
  });
  afterEach(() => opened.raw.close());

  const cells = (r: Record<string, CellValue>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? '' : String(v)]));

  /** Parses rows like the generic import does: every row must parse, then classify, then apply in one transaction. */
  async function importRows<T, L>(spec: ImportSpec<T, L>, input: Record<string, string>[]) {
    const lookup = await spec.prepare(ctx);
    const parsed = input.map((c) => spec.parseRow(c, lookup));
    const errors = parsed.flatMap((p, i) => (p.ok ? [] : p.errors.map((e) => ({ row: i, ...e }))));
    if (errors.length > 0) return { errors, statuses: [] };
    const values = parsed.map((p) => (p.ok ? p.value : null!));
    const statuses = await spec.classify(ctx.db, values, ctx);
    await ctx.db.transaction().execute((trx) => spec.apply(trx, ctx, values));
    return { errors, statuses };
  }

  const ORG_ROW = {
    unit: 'Xã Gia Hòa / Thôn 1',
    kind: 'to bao ve an ninh, trat tu',
    name: 'Tổ bảo vệ ANTT thôn 1',
    decisionIssuer: 'UBND xã Gia Hòa',
    decisionNumber: '125/QĐ-UBND',
    decisionDate: '20/06/2024',
    validFrom: '1/7/2024',
    validTo: '',
    endReason: '',
    note: '',
  };

  it('parses an organisation row (unit path, kind without diacritics, dd/MM/yyyy dates)', async () => {
    const lookup = await massOrgsSpec.prepare(ctx);
    const r = massOrgsSpec.parseRow(ORG_ROW, lookup);
    expect(r).toEqual({
      ok: true,
      label: 'Tổ bảo vệ ANTT thôn 1 (Thôn 1)',
      value: {
        unitId: thon1.id,
        kindId: K.bv,
        name: 'Tổ bảo vệ ANTT thôn 1',
        decisionIssuer: 'UBND xã Gia Hòa',
        decisionNumber: '125/QĐ-UBND',
        decisionDate: '2024-06-20',
        validFrom: '2024-07-01',
        validTo: null,
        endReason: null,
        note: null,
      },
    });
    expect(massOrgsSpec.naturalKey((r as { value: Parameters<typeof massOrgsSpec.naturalKey>[0] }).value)).toBe(
      `${thon1.id}|${K.bv}|to bao ve antt thon 1`,
    );
  });

  it('lists every problem of a bad row in Vietnamese, naming the column', async () => {
    const lookup = await massOrgsSpec.prepare(ctx);
    const r = massOrgsSpec.parseRow(
      { ...ORG_ROW, unit: 'Thôn 99', kind: 'Tổ văn nghệ', validFrom: '31/02/2024', validTo: '01/01/2020', name: '' },
      lookup,
    );
    expect(r.ok).toBe(false);
    const messages = r.ok ? [] : r.errors.map((e) => e.message);
    expect(messages).toEqual([
      'Cột "Đơn vị": không tìm thấy đơn vị "Thôn 99".',
      expect.stringMatching(/^Cột "Loại tổ chức": không có loại tổ chức "Tổ văn nghệ" trong danh mục \(Tổ bảo vệ an ninh, trật tự, /),
      'Cột "Tên tổ chức": không được để trống.',
      'Cột "Hoạt động từ ngày": "31/02/2024" không phải là ngày hợp lệ (ngày/tháng/năm).',
      'Cột "Lý do kết thúc": cần ghi lý do khi có ngày kết thúc.',
    ]);
    for (const m of messages) expect(isVietnameseMessage(m), m).toBe(true);
  });

  it('imports organisations once: a second import of the same rows creates nothing; a change is an update', async () => {
    const second = {
      ...ORG_ROW,
      unit: 'Thôn Đông',
      kind: 'Tổ hòa giải',
      name: 'Tổ hòa giải thôn Đông',
      decisionIssuer: '',
      decisionNumber: '',
      decisionDate: '',
    };
    const first = await importRows(massOrgsSpec, [ORG_ROW, second]);
    expect(first).toEqual({ errors: [], statuses: ['new', 'new'] });
    expect(rows('SELECT name FROM mass_orgs ORDER BY name')).toEqual([
      { name: 'Tổ bảo vệ ANTT thôn 1' },
      { name: 'Tổ hòa giải thôn Đông' },
    ]);
    const before = dump();
    expect(await importRows(massOrgsSpec, [ORG_ROW, second])).toEqual({ errors: [], statuses: ['unchanged', 'unchanged'] });
    expect(dump()).toEqual(before);
    const changed = await importRows(massOrgsSpec, [{ ...ORG_ROW, note: 'Đã kiện toàn', validTo: '30/06/2026', endReason: 'Sáp nhập' }]);
    expect(changed.statuses).toEqual(['update']);
    expect(row('SELECT note, valid_to, end_reason FROM mass_orgs WHERE name = ?', 'Tổ bảo vệ ANTT thôn 1')).toEqual({
      note: 'Đã kiện toàn',
      valid_to: '2026-06-30',
      end_reason: 'Sáp nhập',
    });
  });

  it('a file that breaks a rule the screens enforce is refused whole and writes nothing', async () => {
    await importRows(massOrgsSpec, [ORG_ROW]);
    const o = rows('SELECT id FROM mass_orgs')[0] as Row;
    await member(String(o['id']), 'Nguyễn Văn Muộn', { joinedOn: '2025-05-01' });
    const before = dump();
    await expect(
      importRows(massOrgsSpec, [
        { ...ORG_ROW, name: 'Tổ mới', note: 'x' },
        { ...ORG_ROW, validTo: '01/01/2025', endReason: 'Giải thể' },
      ]),
    ).rejects.toThrow(/Nguyễn Văn Muộn/);
    expect(dump()).toEqual(before);
  });

  it('exports organisations as rows that import back unchanged', async () => {
    await org(thon1.id, K.bv, 'Tổ bảo vệ ANTT thôn 1', {
      decisionIssuer: 'UBND xã',
      decisionNumber: '1/QĐ',
      decisionDate: '2024-06-01',
      note: 'Ghi chú',
    });
    const ended = await org(thonDong.id, K.tuQuan, 'Tổ tự quản', { validFrom: '2020-01-01' });
    await t.call('massOrgs.end', { id: ended.id, validTo: '2025-01-01', reason: 'Giải thể' });
    const exported = await massOrgsSpec.exportRows(ctx, EMPTY_FILTER);
    expect(exported).toEqual([
      {
        unit: 'Thôn 1',
        kind: 'Tổ bảo vệ an ninh, trật tự',
        name: 'Tổ bảo vệ ANTT thôn 1',
        decisionIssuer: 'UBND xã',
        decisionNumber: '1/QĐ',
        decisionDate: '01/06/2024',
        validFrom: '01/07/2024',
        validTo: null,
        endReason: null,
        note: 'Ghi chú',
      },
      {
        unit: 'Thôn Đông',
        kind: 'Tổ tự quản',
        name: 'Tổ tự quản',
        decisionIssuer: null,
        decisionNumber: null,
        decisionDate: null,
        validFrom: '01/01/2020',
        validTo: '01/01/2025',
        endReason: 'Giải thể',
        note: null,
      },
    ]);
    const before = dump();
    expect((await importRows(massOrgsSpec, exported.map(cells))).statuses).toEqual(['unchanged', 'unchanged']);
    expect(dump()).toEqual(before);
    expect(await massOrgsSpec.exportRows(ctx, { ...EMPTY_FILTER, unitId: hung.id })).toHaveLength(1);
  });

  it('imports members into existing organisations, restoring a phone that lost its leading 0, idempotently', async () => {
    await org(thon1.id, K.bv, 'Tổ bảo vệ ANTT thôn 1');
    const M = {
      unit: 'Thôn 1',
      kind: 'Tổ bảo vệ an ninh, trật tự',
      org: 'to bao ve antt thon 1',
      fullName: 'Nguyễn Thị Lan',
      gender: 'nữ',
      birthYear: '1988',
      ethnicity: 'Kinh',
      role: 'Tổ trưởng',
      phone: '912345678',
      joinedOn: '01/07/2024',
      leftOn: '',
      leftReason: '',
      note: '',
    };
    const bad = await importRows(membersSpec, [
      M,
      { ...M, fullName: 'B', org: 'Tổ không có', gender: 'gái', phone: '12ab', role: 'Chủ tịch' },
    ]);
    expect(bad.errors.map((e) => e.message)).toEqual([
      'Cột "Tên tổ chức": không tìm thấy tổ bảo vệ an ninh, trật tự "Tổ không có" thuộc "Thôn 1"; hãy thêm tổ chức trước.',
      'Cột "Giới tính": "gái" không thuộc danh sách cho phép (Nam, Nữ).',
      'Cột "Chức danh": "Chủ tịch" không thuộc danh sách cho phép (Tổ trưởng, Tổ phó, Tổ viên, Khác).',
      'Cột "Số điện thoại": Số điện thoại "12ab" không hợp lệ (10 hoặc 11 chữ số, bắt đầu bằng 0 hoặc +84).',
    ]);
    expect(rows('SELECT * FROM mass_org_members')).toEqual([]);
    expect((await importRows(membersSpec, [M])).statuses).toEqual(['new']);
    expect(
      openedRow(
        t.backend.keyring.current(),
        'mass_org_members',
        row('SELECT id, full_name, gender, birth_year, role, phone FROM mass_org_members') as Record<string, unknown>,
      ),
    ).toEqual({
      id: expect.any(String) as unknown,
      full_name: 'Nguyễn Thị Lan',
      gender: 'nu',
      birth_year: 1988,
      role: 'to_truong',
      phone: '0912345678',
    });
    const before = dump();
    const exported = await membersSpec.exportRows(ctx, EMPTY_FILTER);
    expect(exported).toEqual([
      {
        unit: 'Thôn 1',
        kind: 'Tổ bảo vệ an ninh, trật tự',
        org: 'Tổ bảo vệ ANTT thôn 1',
        fullName: 'Nguyễn Thị Lan',
        gender: 'Nữ',
        birthYear: 1988,
        ethnicity: 'Kinh',
        role: 'Tổ trưởng',
        phone: '0912345678',
        joinedOn: '01/07/2024',
        leftOn: null,
        leftReason: null,
        note: null,
      },
    ]);
    expect((await importRows(membersSpec, exported.map(cells))).statuses).toEqual(['unchanged']);
    expect(dump()).toEqual(before);
    expect((await importRows(membersSpec, [{ ...M, leftOn: '31/10/2026', leftReason: 'Chuyển đi' }])).statuses).toEqual(['update']);
    expect(row('SELECT left_on FROM mass_org_members')?.['left_on']).toBe('2026-10-31');
  });

  it('imports 450 new organisations by sets (multi-row INSERTs), each checked as saveOrgIn checks it', async () => {
    const file = Array.from({ length: 450 }, (_, i) => ({ ...ORG_ROW, name: `Tổ tự quản số ${i + 1}` }));
    expect((await importRows(massOrgsSpec, file)).statuses).toEqual(file.map(() => 'new'));
    expect(row("SELECT count(*) AS n FROM mass_orgs WHERE name LIKE 'Tổ tự quản số %'")).toEqual({ n: 450 });
    expect(row("SELECT unit_id, kind_id, name_folded, valid_from FROM mass_orgs WHERE name = 'Tổ tự quản số 450'")).toEqual({
      unit_id: thon1.id,
      kind_id: K.bv,
      name_folded: 'to tu quan so 450',
      valid_from: '2024-07-01',
    });
    const before = dump();
    expect((await importRows(massOrgsSpec, file)).statuses).toEqual(file.map(() => 'unchanged'));
    expect(dump()).toEqual(before);
    // A kind no longer in use refuses a new organisation with saveOrgIn's message; nothing is written.
    const kinds = await t.call('massOrgKinds.list', {});
    const hoaGiai = kinds.find((k) => k.id === K.hoaGiai)!;
    await t.call('massOrgKinds.update', { id: hoaGiai.id, name: hoaGiai.name, active: false });
    const stopped = dump();
    const value = {
      unitId: thon1.id,
      kindId: K.hoaGiai,
      name: 'Tổ hòa giải mới',
      decisionIssuer: null,
      decisionNumber: null,
      decisionDate: null,
      validFrom: '2024-07-01',
      validTo: null,
      endReason: null,
      note: null,
    };
    await expect(ctx.db.transaction().execute((trx) => massOrgsSpec.apply(trx, ctx, [value]))).rejects.toThrow(
      `Loại tổ chức "${hoaGiai.name}" đã ngừng sử dụng; hãy chọn loại khác.`,
    );
    expect(dump()).toEqual(stopped);
  });

  it("imports 700 new members of two organisations read and written by sets, with saveMemberIn's checks and messages", async () => {
    const a = await org(thon1.id, K.bv, 'Tổ bảo vệ ANTT thôn 1');
    const b = await org(thon1.id, K.hoaGiai, 'Tổ hòa giải thôn 1');
    const M = {
      unit: 'Thôn 1',
      kind: 'Tổ bảo vệ an ninh, trật tự',
      org: a.name,
      fullName: '',
      gender: 'Nam',
      birthYear: '',
      ethnicity: '',
      role: 'Tổ viên',
      phone: '',
      joinedOn: '01/07/2024',
      leftOn: '',
      leftReason: '',
      note: '',
    };
    // More than one statement of keys (300 per read), half without a birth year (keyed as 0).
    const file = Array.from({ length: 700 }, (_, i) => ({
      ...M,
      ...(i % 2 === 1 ? { kind: 'Tổ hòa giải', org: b.name } : {}),
      fullName: `Lê Văn Số ${i}`,
      birthYear: i % 3 === 0 ? '' : String(1950 + (i % 50)),
    }));
    const first = await importRows(membersSpec, file);
    expect(first.statuses).toEqual(file.map(() => 'new'));
    expect(row('SELECT count(*) AS n FROM mass_org_members WHERE mass_org_id = ?', a.id)).toEqual({ n: 350 });
    expect(row('SELECT count(*) AS n FROM mass_org_members WHERE mass_org_id = ?', b.id)).toEqual({ n: 350 });
    expect(row("SELECT birth_year, role, joined_on FROM mass_org_members WHERE full_name = 'Lê Văn Số 3'")).toEqual({
      birth_year: null,
      role: 'to_vien',
      joined_on: '2024-07-01',
    });
    const before = dump();
    expect((await importRows(membersSpec, file)).statuses).toEqual(file.map(() => 'unchanged'));
    expect(dump()).toEqual(before);

    // A new member of an organisation that has ended: refused as the member form refuses it, nothing written.
    await t.call('massOrgs.end', { id: b.id, validTo: '2026-06-30', reason: 'Giải thể' });
    const ended = dump();
    const late = [
      { ...M, fullName: 'Người Mới Một' },
      { ...M, kind: 'Tổ hòa giải', org: b.name, fullName: 'Người Mới Hai' },
    ];
    await expect(importRows(membersSpec, late)).rejects.toThrow(
      'Không thể thêm thành viên vào "Tổ hòa giải thôn 1" vì tổ chức đã kết thúc hoạt động từ 30/06/2026.',
    );
    expect(dump()).toEqual(ended);
  });
});

describe('the members list at scale', () => {
  it('returns 5,000 members in Vietnamese order with masked phones in one call', async () => {
    const o = await org(thon1.id, K.bv, 'Tổ lớn');
    const ho = ['Nguyễn', 'Trần', 'Lê', 'Đặng', 'Đỗ', 'Ưng', 'Âu', 'Bùi'];
    const ten = ['An', 'Ánh', 'Ân', 'Đức', 'Dũng', 'Ước', 'Uyên'];
    const opened = openDatabase(t.backend.databasePath, LATEST_VERSION);
    const { insertMembers } = await import('../../../electron/backend/repos/mass-org-members.repo');
    const names: string[] = [];
    try {
      const batch = Array.from({ length: 5000 }, (_, i) => {
        const fullName = `${ho[i % ho.length]} Văn ${ten[(i * 7) % ten.length]} ${i}`;
        names.push(fullName);
        return {
          id: newUuid(),
          massOrgId: o.id,
          fullName,
          gender: 'nam' as const,
          birthYear: 1950 + (i % 50),
          ethnicity: null,
          phone: `09${String(i).padStart(8, '0')}`,
          role: 'to_vien' as const,
          joinedOn: '2024-07-01',
          leftOn: null,
          leftReason: null,
          note: null,
        };
      });
      await insertMembers(opened.db, fieldsOf({ keyring: t.backend.keyring }), batch, START);
    } finally {
      opened.raw.close();
    }
    const raw: MethodOutput<'members.list'> = await t.call('members.list', { ...EMPTY_FILTER, massOrgId: o.id });
    // Columns: one organisation sent once, not 5,000 times.
    expect(raw.orgs).toHaveLength(1);
    expect(new Set(raw.columns.org)).toEqual(new Set([0]));
    const list = await listMembers({ massOrgId: o.id });
    expect(list.rows).toHaveLength(5000);
    expect(list.rows.map((r) => r.fullName)).toEqual(sortVietnamese(names, (n) => n));
    expect(list.rows.every((r) => /^09\*{6}\d{2}$/.test(r.phoneMasked ?? ''))).toBe(true);
  });
});
