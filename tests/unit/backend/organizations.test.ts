/**
 * The organisations registry end to end in the backend: contract → service → SQLite, on a fresh
 * migrated database per test (Công an huyện Gia Viễn). Checks what is stored, that refusals change
 * nothing, the list filters, the overview figures, and the Excel spec (parse, match, classify,
 * apply, export → import round trip).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import BetterSqlite3 from 'better-sqlite3';
import type { MethodInput, UnitDto } from '../../../shared/ipc/contract';
import type { OrganizationDto } from '../../../shared/ipc/contracts/organizations.contract';
import { EMPTY_FILTER, type ListFilter } from '../../../shared/domain/registries';
import { sortVietnamese } from '../../../shared/lib/text';
import { startBackend, CATALOGUE_PATH, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { dumpDatabase, queryAll, queryOne, type Row } from '../../support/sqlite';
import { isVietnameseMessage } from '../../support/vietnamese';
import { openDatabase } from '../../../electron/backend/db/open';
import { LATEST_VERSION } from '../../../electron/backend/db/migrations';
import { createClock } from '../../../electron/backend/clock';
import { loadCatalogue } from '../../../electron/backend/catalogue/catalogue';
import type { ServiceContext } from '../../../electron/backend/context';
import { organizationsOverview } from '../../../electron/backend/services/organizations.service';
import {
  ORG_COLUMNS,
  organizationsSpec,
  type OrgImportValue,
} from '../../../electron/backend/services/xlsx-import/specs/organizations.spec';
import { commitImport, previewImport } from '../../../electron/backend/services/xlsx-import/import.service';
import { writeWorkbook } from '../../../electron/backend/xlsx/workbook';
import type { CellValue } from '../../../electron/backend/xlsx/spec';
import { GIA_VIEN_SETUP } from '../../support/offices';
import { refusalChecker } from '../../support/refusals';

const START = '2026-11-22T03:00:00.000Z';
const tmp = useTempDir('antq-orgs-');
let t: TestBackend;
let extraClose: (() => void)[] = [];

beforeEach(async () => {
  t = await startBackend(tmp.path(), START);
  await t.call('office.setup', GIA_VIEN_SETUP);
});
afterEach(() => {
  for (const c of extraClose) c();
  extraClose = [];
  t.close();
});

const file = () => t.backend.databasePath;
const dump = () => dumpDatabase(file());
const orgRow = (id: string) => queryOne(file(), 'SELECT * FROM organizations WHERE id = ?', id) as Row;
const countOrgs = () => Number(queryOne(file(), 'SELECT count(*) AS n FROM organizations')?.['n']);

async function unit(name: string): Promise<UnitDto> {
  const all = await t.call('units.list', { includeEnded: true });
  const found = all.filter((u) => u.name === name);
  if (found.length !== 1) throw new Error(`expected one unit ${name}, got ${found.length}`);
  return found[0]!;
}

type CreateInput = MethodInput<'organizations.create'>;

function school(unitId: string, extra: Partial<CreateInput> = {}): CreateInput {
  return {
    name: 'Trường THPT Gia Viễn A',
    kind: 'co_so_giao_duc',
    subKind: 'thpt',
    isArmedForces: false,
    unitId,
    managingLevel: 'tinh',
    bcaMonitored: false,
    hasPartyOrg: true,
    hasSecurityForce: true,
    subUnitCount: 8,
    sectorGroup: null,
    insuredEmployees: null,
    revenueBillion: null,
    capitalBillion: null,
    taxCode: null,
    address: 'Thôn Đông, xã Gia Hòa',
    validFrom: '1995-09-01',
    ...extra,
  };
}

function company(unitId: string, extra: Partial<CreateInput> = {}): CreateInput {
  return school(unitId, {
    name: 'Công ty TNHH May Gia Viễn',
    kind: 'doanh_nghiep',
    subKind: 'tu_nhan',
    managingLevel: 'huyen',
    hasPartyOrg: false,
    subUnitCount: 4,
    sectorGroup: 'nong_lam_thuy_san_cong_nghiep_xay_dung',
    insuredEmployees: 350,
    revenueBillion: 120.5,
    capitalBillion: 40,
    taxCode: '2700123456',
    address: null,
    validFrom: '2015-03-10',
    ...extra,
  });
}

function agency(unitId: string, extra: Partial<CreateInput> = {}): CreateInput {
  return school(unitId, {
    name: 'Ủy ban nhân dân xã Gia Hòa',
    kind: 'co_quan',
    subKind: 'co_quan_hanh_chinh',
    managingLevel: 'huyen',
    subUnitCount: 5,
    validFrom: null,
    ...extra,
  });
}

const expectRefused = refusalChecker(() => t, dump);

const list = (f: Partial<ListFilter> = {}) => t.call('organizations.list', { ...EMPTY_FILTER, ...f });
const names = (rows: OrganizationDto[]) => rows.map((r) => r.name);

describe('schema', () => {
  it('creates a STRICT table whose CHECKs keep the file consistent even past the services', async () => {
    const hoa = await unit('Xã Gia Hòa');
    t.close();
    const raw = new BetterSqlite3(file());
    try {
      const sqlText = String(raw.prepare("SELECT sql FROM sqlite_schema WHERE name = 'organizations'").pluck().get());
      expect(sqlText).toMatch(/STRICT\s*$/);
      const insert = (over: Record<string, unknown>) =>
        raw
          .prepare(
            `INSERT INTO organizations (id, name, name_folded, kind, sub_kind, is_armed_forces, unit_id, managing_level,
              bca_monitored, has_party_org, has_security_force, sector_group, insured_employees, valid_from, valid_to,
              end_reason, created_at, updated_at)
             VALUES (@id, @name, @name, @kind, @sub_kind, 0, @unit_id, @managing_level, 0, 0, 0, @sector_group,
              @insured_employees, @valid_from, @valid_to, @end_reason, 't', 't')`,
          )
          .run({
            id: crypto.randomUUID(),
            name: 'X',
            kind: 'co_quan',
            sub_kind: 'khac',
            unit_id: hoa.id,
            managing_level: 'xa',
            sector_group: null,
            insured_employees: null,
            valid_from: null,
            valid_to: null,
            end_reason: null,
            ...over,
          });
      expect(() => insert({})).not.toThrow();
      expect(() => insert({ kind: 'truong' })).toThrow(/CHECK/);
      expect(() => insert({ sub_kind: 'tieu_hoc' })).toThrow(/CHECK/);
      expect(() => insert({ managing_level: 'thon' })).toThrow(/CHECK/);
      expect(() => insert({ sector_group: 'thuong_mai_dich_vu' })).toThrow(/CHECK/);
      expect(() => insert({ insured_employees: 5 })).toThrow(/CHECK/);
      expect(() => insert({ valid_from: '2020-01-02', valid_to: '2020-01-01', end_reason: 'x' })).toThrow(/CHECK/);
      expect(() => insert({ valid_to: '2020-01-01' })).toThrow(/CHECK/);
      expect(() => insert({ unit_id: crypto.randomUUID() })).toThrow(/FOREIGN KEY/);
      expect(() => insert({ name: '  ' })).toThrow(/CHECK/);
    } finally {
      raw.close();
    }
  });
});

describe('create', () => {
  it('creates each kind with its facts, its unit path and its eligibility', async () => {
    const hoa = await unit('Xã Gia Hòa');
    const root = await unit('Huyện Gia Viễn');
    const s = await t.call('organizations.create', school(hoa.id));
    const c = await t.call('organizations.create', company(root.id));
    const a = await t.call('organizations.create', agency(hoa.id));

    expect(s).toMatchObject({ kind: 'co_so_giao_duc', subKind: 'thpt', unitPath: ['Huyện Gia Viễn', 'Xã Gia Hòa'] });
    expect(s.eligibility).toMatchObject({ eligible: true, status: 'eligible' });
    expect(c.unitPath).toEqual(['Huyện Gia Viễn']);
    expect(c.eligibility.status).toBe('eligible');
    expect(a.validFrom).toBeNull();
    expect(s.id).toMatch(/^[0-9a-f-]{36}$/);

    expect(orgRow(c.id)).toMatchObject({
      name: 'Công ty TNHH May Gia Viễn',
      name_folded: 'cong ty tnhh may gia vien 2700123456',
      kind: 'doanh_nghiep',
      sub_kind: 'tu_nhan',
      is_armed_forces: 0,
      unit_id: root.id,
      managing_level: 'huyen',
      bca_monitored: 0,
      has_party_org: 0,
      has_security_force: 1,
      sub_unit_count: 4,
      sector_group: 'nong_lam_thuy_san_cong_nghiep_xay_dung',
      insured_employees: 350,
      revenue_billion: 120.5,
      capital_billion: 40,
      tax_code: '2700123456',
      address: null,
      valid_from: '2015-03-10',
      valid_to: null,
      end_reason: null,
      created_at: START,
      updated_at: START,
      deleted_at: null,
    });
    expect(await t.call('organizations.get', { id: s.id })).toEqual(s);
  });

  it('stores a small enterprise and explains why it is out of scope', async () => {
    const hoa = await unit('Xã Gia Hòa');
    const small = await t.call(
      'organizations.create',
      company(hoa.id, {
        name: 'Hợp tác xã Gia Hòa',
        subKind: 'hop_tac_xa',
        insuredEmployees: 11,
        revenueBillion: 3.01,
        capitalBillion: 3.01,
        taxCode: null,
      }),
    );
    expect(small.eligibility).toMatchObject({ eligible: false, status: 'ineligible' });
    expect(small.eligibility.reason).toContain('Doanh nghiệp nhỏ');
    const unknown = await t.call(
      'organizations.create',
      company(hoa.id, {
        name: 'Công ty CP Đá Gia Hòa',
        sectorGroup: null,
        insuredEmployees: null,
        revenueBillion: null,
        capitalBillion: null,
        taxCode: null,
      }),
    );
    expect(unknown.eligibility.status).toBe('incomplete');
    expect(unknown.eligibility.reason).toMatch(/chưa đủ thông tin để xác định quy mô/i);
  });

  it('trims the name, removes spaces in the tax code and stores an empty address as null', async () => {
    const hoa = await unit('Xã Gia Hòa');
    const c = await t.call(
      'organizations.create',
      company(hoa.id, { name: '  Công ty A  ', taxCode: ' 2700 123 456-001 ', address: '  ' }),
    );
    expect(c).toMatchObject({ name: 'Công ty A', taxCode: '2700123456-001', address: null });
  });

  it('refuses inconsistent or invalid facts with Vietnamese messages and writes nothing', async () => {
    const hoa = await unit('Xã Gia Hòa');
    await expectRefused('organizations.create', school(hoa.id, { subKind: 'tu_nhan' }), 'VALIDATION', /Phân loại/);
    await expectRefused('organizations.create', school(hoa.id, { insuredEmployees: 20 }), 'VALIDATION', /doanh nghiệp/);
    await expectRefused('organizations.create', school(hoa.id, { name: '   ' }), 'VALIDATION', /Tên/);
    await expectRefused('organizations.create', company(hoa.id, { taxCode: '101234567' }), 'VALIDATION', /Mã số/);
    await expectRefused('organizations.create', company(hoa.id, { revenueBillion: -1 }), 'VALIDATION', /không được âm/);
    await expectRefused('organizations.create', company(hoa.id, { revenueBillion: 1.0001 }), 'VALIDATION', /3 chữ số thập phân/);
    await expectRefused('organizations.create', company(hoa.id, { insuredEmployees: 10.123 }), 'VALIDATION', /2 chữ số thập phân/);
    await expectRefused('organizations.create', school(hoa.id, { validFrom: '2025-02-30' }), 'VALIDATION');
    await expectRefused('organizations.create', school(crypto.randomUUID()), 'VALIDATION', /Không tìm thấy đơn vị/);
    await expectRefused('organizations.create', { ...school(hoa.id), extra: 1 } as unknown as CreateInput, 'VALIDATION');
    expect(countOrgs()).toBe(0);
  });

  it('refuses to place an organisation in an ended unit', async () => {
    const hoa = await unit('Xã Gia Hòa');
    await t.call('units.end', { id: hoa.id, validTo: '2025-06-30', reason: 'Sáp nhập' });
    await expectRefused('organizations.create', school(hoa.id), 'RULE', /đã kết thúc hoạt động/);
  });

  it('refuses duplicates, naming the record that already exists', async () => {
    const hoa = await unit('Xã Gia Hòa');
    const hung = await unit('Xã Gia Hưng');
    await t.call('organizations.create', company(hoa.id));
    await t.call('organizations.create', school(hoa.id));
    const e1 = await expectRefused(
      'organizations.create',
      company(hung.id, { name: 'Công ty khác' }),
      'CONFLICT',
      /Công ty TNHH May Gia Viễn/,
    );
    expect(e1.details).toHaveProperty('taxCode');
    const e2 = await expectRefused(
      'organizations.create',
      school(hoa.id, { name: 'truong thpt gia vien a' }),
      'CONFLICT',
      /Trường THPT Gia Viễn A.*Xã Gia Hòa/,
    );
    expect(e2.details).toHaveProperty('name');
    // Same name in another commune is another school.
    await t.call('organizations.create', school(hung.id));
    expect(countOrgs()).toBe(3);
  });
});

describe('update, end, reopen, delete', () => {
  it('updates the facts and moves updated_at; an unchanged save writes nothing', async () => {
    const hoa = await unit('Xã Gia Hòa');
    const hung = await unit('Xã Gia Hưng');
    const c = await t.call('organizations.create', company(hoa.id));
    t.clock.set('2026-11-23T01:00:00.000Z');
    const { id: _id, createdAt: _c, updatedAt: _u, unitPath: _p, eligibility: _e, validTo: _t, endReason: _r, ...facts } = c;
    const before = dump();
    const same = await t.call('organizations.update', { id: c.id, ...facts });
    expect(same.updatedAt).toBe(START);
    expect(dump()).toEqual(before);

    const changed = await t.call('organizations.update', {
      id: c.id,
      ...facts,
      unitId: hung.id,
      insuredEmployees: 40,
      revenueBillion: 20,
      capitalBillion: 10,
    });
    expect(changed.eligibility.status).toBe('ineligible');
    expect(changed.unitPath).toEqual(['Huyện Gia Viễn', 'Xã Gia Hưng']);
    expect(orgRow(c.id)).toMatchObject({
      unit_id: hung.id,
      insured_employees: 40,
      updated_at: '2026-11-23T01:00:00.000Z',
      created_at: START,
    });
  });

  it('refuses to move into an ended unit but still lets a record in an ended unit be corrected', async () => {
    const hoa = await unit('Xã Gia Hòa');
    const hung = await unit('Xã Gia Hưng');
    const s = await t.call('organizations.create', school(hoa.id));
    const inHung = await t.call('organizations.create', school(hung.id, { name: 'Trường THCS Gia Hưng', subKind: 'thcs' }));
    await t.call('units.end', { id: hoa.id, validTo: '2026-06-30', reason: 'Sáp nhập' });
    const { id: _id, createdAt: _c, updatedAt: _u, unitPath: _p, eligibility: _e, validTo: _t, endReason: _r, ...facts } = inHung;
    await expectRefused('organizations.update', { id: inHung.id, ...facts, unitId: hoa.id }, 'RULE', /Xã Gia Hòa/);
    const fixed = await t.call('organizations.update', { ...schoolFacts(s), id: s.id, address: 'Địa chỉ mới' });
    expect(fixed.address).toBe('Địa chỉ mới');
  });

  it('ends with a date and a reason, refuses bad ends, and reopens', async () => {
    const hoa = await unit('Xã Gia Hòa');
    const s = await t.call('organizations.create', school(hoa.id));
    await expectRefused(
      'organizations.end',
      { id: s.id, validTo: '1990-01-01', reason: 'Giải thể' },
      'RULE',
      /không được trước ngày bắt đầu/,
    );
    await expectRefused('organizations.end', { id: s.id, validTo: '2026-08-01', reason: '  ' }, 'VALIDATION', /Lý do/);
    const ended = await t.call('organizations.end', { id: s.id, validTo: '2026-08-01', reason: 'Sáp nhập với Trường THPT Gia Viễn B' });
    expect(ended).toMatchObject({ validTo: '2026-08-01', endReason: 'Sáp nhập với Trường THPT Gia Viễn B' });
    expect(orgRow(s.id)).toMatchObject({ valid_to: '2026-08-01', end_reason: 'Sáp nhập với Trường THPT Gia Viễn B' });
    await expectRefused('organizations.end', { id: s.id, validTo: '2026-09-01', reason: 'x' }, 'RULE', /đã kết thúc/);

    // A new school may take the name once the old one has ended; the old one then cannot reopen.
    const successor = await t.call('organizations.create', school(hoa.id, { validFrom: '2026-08-02' }));
    await expectRefused('organizations.reopen', { id: s.id }, 'CONFLICT', /Không thể khôi phục/);
    await t.call('organizations.delete', { id: successor.id });
    const reopened = await t.call('organizations.reopen', { id: s.id });
    expect(reopened).toMatchObject({ validTo: null, endReason: null });
    expect(orgRow(s.id)).toMatchObject({ valid_to: null, end_reason: null });
  });

  it('refuses to reopen an organisation whose unit has ended', async () => {
    const hoa = await unit('Xã Gia Hòa');
    const s = await t.call('organizations.create', school(hoa.id));
    await t.call('organizations.end', { id: s.id, validTo: '2026-01-01', reason: 'Giải thể' });
    await t.call('units.end', { id: hoa.id, validTo: '2026-06-30', reason: 'Sáp nhập' });
    await expectRefused('organizations.reopen', { id: s.id }, 'RULE', /Xã Gia Hòa/);
  });

  it('deletes a mistaken record as a tombstone; its tax code can then be used again', async () => {
    const hoa = await unit('Xã Gia Hòa');
    const c = await t.call('organizations.create', company(hoa.id));
    t.clock.set('2026-11-24T00:00:00.000Z');
    await t.call('organizations.delete', { id: c.id });
    expect(orgRow(c.id)).toMatchObject({ deleted_at: '2026-11-24T00:00:00.000Z' });
    expect(await list()).toEqual([]);
    await expectRefused('organizations.get', { id: c.id }, 'NOT_FOUND');
    await expectRefused('organizations.delete', { id: c.id }, 'NOT_FOUND');
    await t.call('organizations.create', company(hoa.id));
    expect(countOrgs()).toBe(2);
  });
});

function schoolFacts(o: OrganizationDto): CreateInput {
  const { id: _id, createdAt: _c, updatedAt: _u, unitPath: _p, eligibility: _e, validTo: _t, endReason: _r, ...facts } = o;
  return facts;
}

describe('list filters', () => {
  async function seed() {
    const root = await unit('Huyện Gia Viễn');
    const hoa = await unit('Xã Gia Hòa');
    const hung = await unit('Xã Gia Hưng');
    const thon = await t.call('units.create', { parentId: hoa.id, name: 'Thôn Đông', kind: 'thon', code: null, validFrom: '2020-01-01' });
    const made = {
      a: await t.call('organizations.create', agency(hoa.id)),
      b: await t.call('organizations.create', school(thon.id, { name: 'Trường Tiểu học Gia Hòa', subKind: 'tieu_hoc' })),
      c: await t.call('organizations.create', company(hung.id)),
      d: await t.call(
        'organizations.create',
        company(root.id, {
          name: 'Công ty CP Đá Đông Nam',
          taxCode: null,
          insuredEmployees: null,
          revenueBillion: null,
          capitalBillion: null,
          sectorGroup: null,
        }),
      ),
      e: await t.call('organizations.create', school(hung.id, { name: 'Trường THCS Gia Hưng', subKind: 'thcs', validFrom: '2027-01-01' })),
      f: await t.call(
        'organizations.create',
        school(hoa.id, { name: 'Ban Chỉ huy Quân sự xã', kind: 'co_quan', subKind: 'khac', isArmedForces: true }),
      ),
    };
    await t.call('organizations.end', { id: made.f.id, validTo: '2025-12-31', reason: 'Tổ chức lại' });
    return { root, hoa, hung, thon, ...made };
  }

  it('returns everything in Vietnamese order by default', async () => {
    await seed();
    const rows = await list();
    expect(names(rows)).toEqual(sortVietnamese(names(rows), (n) => n));
    expect(rows).toHaveLength(6);
  });

  it('filters by unit subtree (the unit and everything below it)', async () => {
    const s = await seed();
    expect(names(await list({ unitId: s.hoa.id })).sort()).toEqual(
      ['Ban Chỉ huy Quân sự xã', 'Trường Tiểu học Gia Hòa', 'Ủy ban nhân dân xã Gia Hòa'].sort(),
    );
    expect(names(await list({ unitId: s.thon.id }))).toEqual(['Trường Tiểu học Gia Hòa']);
    expect(await list({ unitId: s.root.id })).toHaveLength(6);
    expect(names(await list({ unitId: s.hung.id })).sort()).toEqual(['Công ty TNHH May Gia Viễn', 'Trường THCS Gia Hưng']);
  });

  it('filters by kind, search (without diacritics, by tax code), year and status', async () => {
    await seed();
    expect(names(await list({ kind: 'doanh_nghiep' }))).toEqual(['Công ty CP Đá Đông Nam', 'Công ty TNHH May Gia Viễn']);
    expect(names(await list({ search: 'truong gia hung' }))).toEqual(['Trường THCS Gia Hưng']);
    expect(names(await list({ search: 'DA DONG' }))).toEqual(['Công ty CP Đá Đông Nam']);
    expect(names(await list({ search: '2700123' }))).toEqual(['Công ty TNHH May Gia Viễn']);
    expect(await list({ search: '50%_' })).toEqual([]);
    // 2026: not the school opening in 2027; the body ended on 31/12/2025 is out too.
    expect(names(await list({ year: 2026 }))).not.toContain('Trường THCS Gia Hưng');
    expect(names(await list({ year: 2026 }))).not.toContain('Ban Chỉ huy Quân sự xã');
    expect(names(await list({ year: 2025 }))).toContain('Ban Chỉ huy Quân sự xã');
    expect(names(await list({ status: 'ended' }))).toEqual(['Ban Chỉ huy Quân sự xã']);
    expect(await list({ status: 'active' })).toHaveLength(5);
    expect(names(await list({ status: 'eligible' }))).toEqual([
      'Công ty TNHH May Gia Viễn',
      'Trường THCS Gia Hưng',
      'Ủy ban nhân dân xã Gia Hòa',
    ]);
    expect(names(await list({ status: 'ineligible' }))).toEqual(['Ban Chỉ huy Quân sự xã', 'Trường Tiểu học Gia Hòa']);
    expect(names(await list({ status: 'incomplete' }))).toEqual(['Công ty CP Đá Đông Nam']);
    expect(names(await list({ status: 'eligible', kind: 'co_quan', year: 2026 }))).toEqual(['Ủy ban nhân dân xã Gia Hòa']);
  });

  it('refuses an unknown kind, status or unit', async () => {
    await expectRefused('organizations.list', { ...EMPTY_FILTER, kind: 'truong' }, 'VALIDATION', /Loại/);
    await expectRefused('organizations.list', { ...EMPTY_FILTER, status: 'dat' }, 'VALIDATION', /Trạng thái/);
    await expectRefused('organizations.list', { ...EMPTY_FILTER, unitId: crypto.randomUUID() }, 'NOT_FOUND');
  });
});

/** A service context on the same database file, for calling the overview and the Excel spec. */
function serviceContext(): ServiceContext {
  const opened = openDatabase(file(), LATEST_VERSION);
  extraClose.push(() => opened.raw.close());
  let n = 0;
  return {
    db: opened.db,
    clock: createClock(t.clock.now),
    newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    catalogue: () => loadCatalogue(CATALOGUE_PATH),
  };
}

describe('organizationsOverview', () => {
  it('counts organisations active in the year within the unit subtree, by kind and eligibility', async () => {
    const root = await unit('Huyện Gia Viễn');
    const hoa = await unit('Xã Gia Hòa');
    const hung = await unit('Xã Gia Hưng');
    await t.call('organizations.create', agency(hoa.id));
    await t.call('organizations.create', school(hoa.id, { name: 'Trường Mầm non Gia Hòa', subKind: 'mam_non' }));
    await t.call('organizations.create', company(hung.id));
    await t.call('organizations.create', company(hung.id, { name: 'Công ty nhỏ', taxCode: null, insuredEmployees: 5, revenueBillion: 1 }));
    // Figures unknown: counted as "cần bổ sung thông tin", not as eligible.
    await t.call(
      'organizations.create',
      company(root.id, { name: 'Công ty chưa rõ', taxCode: null, insuredEmployees: null, revenueBillion: null, capitalBillion: null }),
    );
    const later = await t.call('organizations.create', school(hung.id, { validFrom: '2027-09-01' }));
    const ended = await t.call(
      'organizations.create',
      school(hoa.id, { name: 'Trường THCS cũ', subKind: 'thcs', validFrom: '2000-01-01' }),
    );
    await t.call('organizations.end', { id: ended.id, validTo: '2026-01-01', reason: 'Sáp nhập' });
    const deleted = await t.call('organizations.create', agency(hung.id, { name: 'Nhập nhầm' }));
    await t.call('organizations.delete', { id: deleted.id });

    const ctx = serviceContext();
    expect(await organizationsOverview(ctx, { year: 2026, unitId: null })).toEqual({
      total: 6,
      byKind: { co_quan: 1, doanh_nghiep: 3, co_so_giao_duc: 2 },
      eligible: 3,
      ineligible: 2,
      incomplete: 1,
    });
    expect(await organizationsOverview(ctx, { year: 2027, unitId: null })).toMatchObject({ total: 6, byKind: { co_so_giao_duc: 2 } });
    expect(await organizationsOverview(ctx, { year: 2026, unitId: hoa.id })).toEqual({
      total: 3,
      byKind: { co_quan: 1, doanh_nghiep: 0, co_so_giao_duc: 2 },
      eligible: 2,
      ineligible: 1,
      incomplete: 0,
    });
    expect((await organizationsOverview(ctx, { year: 2026, unitId: hung.id })).total).toBe(2);
    expect(later.validFrom).toBe('2027-09-01');
  });
});

/** Cells of one sheet row, keyed by column key (as workbook.ts hands them to parseRow). */
function cells(over: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of ORG_COLUMNS) out[c.key] = '';
  return { ...out, ...over };
}

const goodRow = {
  name: 'Trường THPT Gia Viễn B',
  kind: 'Cơ sở giáo dục',
  subKind: 'Trung học phổ thông',
  unit: 'Xã Gia Hưng',
  managingLevel: 'Cấp tỉnh',
  hasPartyOrg: 'Có',
  subUnitCount: '7',
  validFrom: '05/09/1998',
};

describe('Excel spec: parseRow', () => {
  it('turns a good row into the facts a form would send', async () => {
    const hung = await unit('Xã Gia Hưng');
    const lookup = await organizationsSpec.prepare(serviceContext());
    const parsed = organizationsSpec.parseRow(cells(goodRow), lookup);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.label).toBe('Trường THPT Gia Viễn B (Xã Gia Hưng)');
    expect(parsed.value).toEqual({
      matchId: null,
      write: {
        name: 'Trường THPT Gia Viễn B',
        kind: 'co_so_giao_duc',
        subKind: 'thpt',
        isArmedForces: false,
        unitId: hung.id,
        managingLevel: 'tinh',
        bcaMonitored: false,
        hasPartyOrg: true,
        hasSecurityForce: false,
        subUnitCount: 7,
        sectorGroup: null,
        insuredEmployees: null,
        revenueBillion: null,
        capitalBillion: null,
        taxCode: null,
        address: null,
        validFrom: '1998-09-05',
        validTo: null,
        endReason: null,
      },
    });
  });

  it('reads enterprise figures written the Vietnamese way and labels without diacritics', async () => {
    const lookup = await organizationsSpec.prepare(serviceContext());
    const parsed = organizationsSpec.parseRow(
      cells({
        name: 'Công ty TNHH Thương mại An Bình',
        kind: 'doanh nghiep',
        subKind: 'doanh nghiep tu nhan (ngoai nha nuoc)',
        unit: 'xa gia hoa',
        managingLevel: 'cap xa',
        sectorGroup: 'Thương mại, dịch vụ',
        insuredEmployees: '10',
        revenueBillion: '10,5',
        capitalBillion: '3',
        taxCode: '2700 999 888',
      }),
      lookup,
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.write).toMatchObject({
      kind: 'doanh_nghiep',
      subKind: 'tu_nhan',
      managingLevel: 'xa',
      sectorGroup: 'thuong_mai_dich_vu',
      insuredEmployees: 10,
      revenueBillion: 10.5,
      capitalBillion: 3,
      taxCode: '2700999888',
    });
  });

  it.each([
    [{ name: '' }, /Cột "Tên": không được để trống/],
    [{ kind: 'Trường học' }, /Cột "Loại": "Trường học" không thuộc danh sách/],
    [{ subKind: 'Doanh nghiệp nhà nước' }, /Cột "Phân loại"/],
    [{ unit: 'Xã Không Có' }, /Cột "Đơn vị \(địa bàn\)": không tìm thấy đơn vị "Xã Không Có"/],
    [{ managingLevel: 'Thôn' }, /Cột "Cấp quản lý"/],
    [{ taxCode: '101234567' }, /số 0 ở đầu đã bị mất/],
    [{ revenueBillion: '12' }, /Cột "Tổng doanh thu năm \(tỷ đồng\)": Chỉ ghi đối với doanh nghiệp/],
    [{ hasPartyOrg: 'Chắc có' }, /phải là "Có" hoặc "Không"/],
    [{ subUnitCount: '-1' }, /không được nhỏ hơn 0/],
    [{ validFrom: '31/02/2020' }, /không phải là ngày hợp lệ/],
    [{ validTo: '01/01/2020' }, /Lý do kết thúc/],
    [{ validTo: '01/01/1990', endReason: 'Giải thể' }, /không được trước ngày bắt đầu/],
  ])('%o → %s', async (over, message) => {
    const lookup = await organizationsSpec.prepare(serviceContext());
    const parsed = organizationsSpec.parseRow(cells({ ...goodRow, ...over }), lookup);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const text = parsed.errors.map((e) => e.message).join(' | ');
    expect(text).toMatch(message);
    for (const e of parsed.errors) expect(isVietnameseMessage(e.message), e.message).toBe(true);
  });

  it('refuses decimals beyond what the form accepts', async () => {
    const lookup = await organizationsSpec.prepare(serviceContext());
    const parsed = organizationsSpec.parseRow(
      cells({ ...goodRow, kind: 'Doanh nghiệp', subKind: 'Hợp tác xã', revenueBillion: '1,2345', sectorGroup: 'Thương mại, dịch vụ' }),
      lookup,
    );
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors[0]!.message).toMatch(/tối đa 3 chữ số thập phân/);
  });

  it('matches a stored record by tax code, else by name in its unit, and refuses duplicates it cannot match', async () => {
    const hoa = await unit('Xã Gia Hòa');
    const hung = await unit('Xã Gia Hưng');
    const c = await t.call('organizations.create', company(hoa.id));
    const s = await t.call('organizations.create', school(hung.id, { name: 'Trường THPT Gia Viễn B' }));
    await t.call('organizations.create', school(hung.id, { name: 'Trường THCS Gia Hưng', subKind: 'thcs', taxCode: '2700000009' }));
    const lookup = await organizationsSpec.prepare(serviceContext());
    const parse = (over: Record<string, string>) => organizationsSpec.parseRow(cells({ ...goodRow, ...over }), lookup);

    // The tax code wins over name and unit: this row renames the company and moves it.
    const byCode = parse({
      name: 'Tên mới',
      kind: 'Doanh nghiệp',
      subKind: 'Doanh nghiệp tư nhân (ngoài nhà nước)',
      managingLevel: 'Cấp huyện',
      taxCode: '2700123456',
    });
    expect(byCode.ok && byCode.value.matchId).toBe(c.id);
    // Without a tax code, the same name (any spelling) in the same unit is the same record...
    const byName = parse({ name: 'truong thpt gia vien b' });
    expect(byName.ok && byName.value.matchId).toBe(s.id);
    // ... and a row may add the tax code that record lacked.
    const addCode = parse({ taxCode: '2700000001' });
    expect(addCode.ok && addCode.value.matchId).toBe(s.id);
    // A stored record with a tax code is only matched by it: same name without it, or with another, is refused.
    for (const taxCode of ['', '2700000002']) {
      const clash = parse({ name: 'Trường THCS Gia Hưng', subKind: 'Trung học cơ sở', taxCode });
      expect(clash.ok).toBe(false);
      if (!clash.ok)
        expect(clash.errors.map((e) => e.message).join()).toMatch(
          /Đã có "Trường THCS Gia Hưng" đang hoạt động tại Xã Gia Hưng \(mã số 2700000009\)/,
        );
    }
  });

  it('refuses a new active record in an ended unit', async () => {
    const hung = await unit('Xã Gia Hưng');
    await t.call('units.end', { id: hung.id, validTo: '2025-06-30', reason: 'Sáp nhập' });
    const lookup = await organizationsSpec.prepare(serviceContext());
    const parsed = organizationsSpec.parseRow(cells(goodRow), lookup);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors[0]!.message).toMatch(/đã kết thúc hoạt động từ 30\/06\/2025/);
  });
  it('matches and refuses through the index as a scan of every stored record would: the active one of two same names, a tax code and a name of two records', async () => {
    const hung = await unit('Xã Gia Hưng');
    const c = await t.call('organizations.create', company(hung.id));
    const old = await t.call('organizations.create', school(hung.id, { name: 'Trường THPT Gia Viễn B', validFrom: '1998-09-05' }));
    await t.call('organizations.end', { id: old.id, validTo: '2020-06-30', reason: 'Sáp nhập' });
    const successor = await t.call('organizations.create', school(hung.id, { name: 'Trường THPT Gia Viễn B', validFrom: '2020-07-01' }));
    const lookup = await organizationsSpec.prepare(serviceContext());
    const parse = (over: Record<string, string>) => organizationsSpec.parseRow(cells({ ...goodRow, ...over }), lookup);

    // Two stored records of this name in the unit, one ended: the row is the active one.
    const byName = parse({ name: 'truong thpt gia vien b', validFrom: '01/07/2020' });
    expect(byName.ok && byName.value.matchId).toBe(successor.id);
    // The company's tax code with the school's name: matched to the company by its code, refused
    // because the name is the active school's in the same unit.
    const both = parse({ taxCode: '2700123456' });
    expect(both.ok).toBe(false);
    if (!both.ok) expect(both.errors.map((e) => e.message)).toEqual(['Đã có "Trường THPT Gia Viễn B" đang hoạt động tại Xã Gia Hưng.']);
    // A row that describes an ended school of that name still matches the active record first.
    const ended = parse({ validFrom: '05/09/1998', validTo: '30/06/2020', endReason: 'Sáp nhập' });
    expect(ended.ok && ended.value.matchId).toBe(successor.id);
    expect(c.taxCode).toBe('2700123456');
  });
});

describe('Excel spec: classify, apply, export', () => {
  async function parseAll(rows: Record<string, string>[]): Promise<OrgImportValue[]> {
    const lookup = await organizationsSpec.prepare(serviceContext());
    return rows.map((r) => {
      const p = organizationsSpec.parseRow(cells(r), lookup);
      if (!p.ok) throw new Error(p.errors.map((e) => e.message).join('; '));
      return p.value;
    });
  }

  it('classifies new / update / unchanged and applies only what changes', async () => {
    const hoa = await unit('Xã Gia Hòa');
    const stored = await t.call('organizations.create', agency(hoa.id));
    const ctx = serviceContext();
    const values = await parseAll([
      goodRow,
      {
        name: 'Ủy ban nhân dân xã Gia Hòa',
        kind: 'Cơ quan',
        subKind: 'Cơ quan hành chính',
        unit: 'Xã Gia Hòa',
        managingLevel: 'Cấp huyện',
        hasPartyOrg: 'Có',
        hasSecurityForce: 'Có',
        subUnitCount: '5',
        address: 'Thôn Đông, xã Gia Hòa',
      },
      {
        name: 'Ủy ban nhân dân xã Gia Hòa',
        kind: 'Cơ quan',
        subKind: 'Cơ quan hành chính',
        unit: 'Xã Gia Hòa',
        managingLevel: 'Cấp huyện',
        hasPartyOrg: 'Có',
        hasSecurityForce: 'Có',
        subUnitCount: '6',
        address: 'Thôn Đông, xã Gia Hòa',
      },
    ]);
    expect(values[1]!.matchId).toBe(stored.id);
    expect(organizationsSpec.naturalKey(values[1]!)).toBe(organizationsSpec.naturalKey(values[2]!));
    expect(await organizationsSpec.classify(ctx.db, values)).toEqual(['new', 'unchanged', 'update']);

    t.clock.set('2026-11-25T00:00:00.000Z');
    await ctx.db.transaction().execute((trx) => organizationsSpec.apply(trx, ctx, [values[0]!, values[2]!]));
    expect(orgRow(stored.id)).toMatchObject({ sub_unit_count: 6, updated_at: '2026-11-25T00:00:00.000Z', created_at: START });
    const rows = queryAll(file(), 'SELECT name, unit_id, created_at FROM organizations ORDER BY name');
    expect(rows).toEqual([
      { name: 'Trường THPT Gia Viễn B', unit_id: (await unit('Xã Gia Hưng')).id, created_at: '2026-11-25T00:00:00.000Z' },
      { name: 'Ủy ban nhân dân xã Gia Hòa', unit_id: hoa.id, created_at: START },
    ]);
  });

  it('apply refuses two new rows that would give one unit two active records of the same name', async () => {
    const ctx = serviceContext();
    const values = await parseAll([
      { ...goodRow, kind: 'Doanh nghiệp', subKind: 'Hợp tác xã', taxCode: '2700000001' },
      { ...goodRow, kind: 'Doanh nghiệp', subKind: 'Hợp tác xã', taxCode: '2700000002' },
    ]);
    const before = dump();
    await expect(ctx.db.transaction().execute((trx) => organizationsSpec.apply(trx, ctx, values))).rejects.toThrow(
      /Đã có "Trường THPT Gia Viễn B"/,
    );
    expect(dump()).toEqual(before);
  });

  it('exports rows that import back unchanged, through the generic preview and commit', async () => {
    const hoa = await unit('Xã Gia Hòa');
    const hung = await unit('Xã Gia Hưng');
    // Two residential areas with one name: the export must name the unit by its path.
    const t1 = await t.call('units.create', { parentId: hoa.id, name: 'Thôn 1', kind: 'thon', code: null, validFrom: '2020-01-01' });
    await t.call('units.create', { parentId: hung.id, name: 'Thôn 1', kind: 'thon', code: null, validFrom: '2020-01-01' });
    await t.call(
      'organizations.create',
      company(t1.id, { insuredEmployees: 10.5, revenueBillion: 3.001, capitalBillion: 0, taxCode: '0101234567-001' }),
    );
    await t.call(
      'organizations.create',
      school(hung.id, { name: 'Trường Mầm non "Hoa Sen"', subKind: 'mam_non', address: '=SUM(A1)', subUnitCount: null, validFrom: null }),
    );
    const ended = await t.call('organizations.create', agency(hoa.id, { isArmedForces: true, bcaMonitored: true }));
    await t.call('organizations.end', { id: ended.id, validTo: '2026-02-01', reason: 'Tổ chức lại' });

    const ctx = serviceContext();
    const exported = await organizationsSpec.exportRows(ctx, EMPTY_FILTER);
    expect(exported).toHaveLength(3);
    const companyRow = exported.find((r) => r['name'] === 'Công ty TNHH May Gia Viễn')!;
    expect(companyRow).toMatchObject({
      unit: 'Xã Gia Hòa / Thôn 1',
      taxCode: '0101234567-001',
      insuredEmployees: 10.5,
      revenueBillion: 3.001,
      kind: 'Doanh nghiệp',
      managingLevel: 'Cấp huyện',
      isArmedForces: 'Không',
    });
    const agencyRow = exported.find((r) => r['name'] === 'Ủy ban nhân dân xã Gia Hòa')!;
    expect(agencyRow).toMatchObject({ validTo: '01/02/2026', endReason: 'Tổ chức lại', isArmedForces: 'Có', bcaMonitored: 'Có' });

    const buffer = await writeWorkbook({
      title: organizationsSpec.title,
      columns: organizationsSpec.columns,
      rows: exported,
      template: false,
    });
    const before = dump();
    const preview = await previewImport(ctx, organizationsSpec, buffer.toString('base64'));
    expect(preview.counts).toEqual({ new: 0, update: 0, unchanged: 3, error: 0 });
    const committed = await commitImport(ctx, organizationsSpec, buffer.toString('base64'));
    expect(committed).toEqual({ created: 0, updated: 0, unchanged: 3 });
    expect(dump()).toEqual(before);
  });

  it('a file with a bad row writes nothing; once fixed it writes; importing it again adds nothing', async () => {
    const ctx = serviceContext();
    const rows: Record<string, CellValue>[] = [
      { ...goodRow },
      {
        ...goodRow,
        name: 'Công ty Cổ phần Xi măng',
        kind: 'Doanh nghiệp',
        subKind: 'Doanh nghiệp nhà nước',
        unit: 'Xã Gia Hòa',
        taxCode: '2700555666',
        sectorGroup: 'Nông, lâm nghiệp, thủy sản; công nghiệp, xây dựng',
        insuredEmployees: 900,
        revenueBillion: 'nhiều',
      },
    ];
    const bad = await writeWorkbook({ title: organizationsSpec.title, columns: organizationsSpec.columns, rows, template: false });
    const before = dump();
    const preview = await previewImport(ctx, organizationsSpec, bad.toString('base64'));
    expect(preview.counts).toEqual({ new: 1, update: 0, unchanged: 0, error: 1 });
    expect(preview.rows[1]!.errors.join()).toMatch(/"nhiều" không phải là số/);
    await expect(commitImport(ctx, organizationsSpec, bad.toString('base64'))).rejects.toThrow(/dòng lỗi/);
    expect(dump()).toEqual(before);

    rows[1] = { ...rows[1], revenueBillion: 1500 };
    const good = await writeWorkbook({ title: organizationsSpec.title, columns: organizationsSpec.columns, rows, template: false });
    expect(await commitImport(ctx, organizationsSpec, good.toString('base64'))).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect(countOrgs()).toBe(2);
    const after = dump();
    expect(await commitImport(ctx, organizationsSpec, good.toString('base64'))).toEqual({ created: 0, updated: 0, unchanged: 2 });
    expect(dump()).toEqual(after);
    const cement = (await list({ search: 'xi mang' }))[0]!;
    expect(cement.eligibility.status).toBe('eligible');
  });
});
