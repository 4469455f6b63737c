/**
 * members.page (issue 16: no list sends more than a screen plus a page): filter, search, order,
 * count and page in SQL. Checked against the whole list (every organisation's members.list, tests/support/members.ts) ordered the way the table
 * ordered it on the screen before (Vietnamese order of what the cell shows, empty last going up,
 * ties in name order), for every sort key, both directions, several filters and page boundaries.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodInput, UnitDto } from '../../../shared/ipc/contract';
import { MEMBER_SORT_KEYS, type MemberSortKey } from '../../../shared/ipc/contracts/mass-orgs.contract';
import { NOT_RATED_LABEL, RATING_LABELS, TO_BAO_VE_ANTT_KIND_ID, genderText, BUILT_IN_KINDS } from '../../../shared/domain/mass-orgs';
import { type MemberRow } from '../../../shared/domain/mass-org-members-list';
import { officeMembers } from '../../support/members';
import { EMPTY_FILTER, type ListFilter } from '../../../shared/domain/registries';
import { compareVietnamese } from '../../../shared/lib/text';
import { PAGE_LIMIT_MAX } from '../../../shared/ipc/common';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { queryOne } from '../../support/sqlite';
import { GIA_VIEN_SETUP } from '../../support/offices';

const START = '2026-11-22T03:00:00.000Z';
const HOA_GIAI = BUILT_IN_KINDS.find((k) => k.code === 'to_hoa_giai')!.id;
const tmp = useTempDir('antq-members-page-');
let t: TestBackend;
let hoa: UnitDto;
let hung: UnitDto;

const NAMES = [
  'Nguyễn Văn An',
  'Nguyễn Văn Ấn',
  'Nguyễn Văn Ân',
  'Nguyễn Văn Anh',
  'Đặng Thị Đào',
  'Đào Văn Dũng',
  'Dương Thị Hà',
  'Âu Văn Bình',
  'Ăn Thị Chi',
  'Bùi Văn Nam',
  'Lê Thị Lan',
  'Lê Thị Lan Anh',
  'Hồ Văn Ước',
  'Trần Văn Út',
  'Phạm Thị Yến',
  "H'Hen Niê",
  'Vũ Thị Hoa',
  'Võ Văn Kiệt',
  'Ngô Thị Ngọc',
  'Trịnh Văn Toàn',
  'Kiều Văn Khánh',
  'Mai Thị Mai',
];

async function byName(name: string): Promise<UnitDto> {
  const found = (await t.call('units.list', { includeEnded: true })).filter((u) => u.name === name);
  return found[0]!;
}

function org(unitId: string, kindId: string, name: string) {
  return t.call('massOrgs.create', {
    kindId,
    unitId,
    name,
    decisionIssuer: '',
    decisionNumber: '',
    decisionDate: null,
    validFrom: '2024-07-01',
    note: '',
  });
}

beforeEach(async () => {
  t = await startBackend(tmp.path(), START);
  await t.call('office.setup', GIA_VIEN_SETUP);
  hoa = await byName('Xã Gia Hòa');
  hung = await byName('Xã Gia Hưng');
  const a = await org(hoa.id, TO_BAO_VE_ANTT_KIND_ID, 'Tổ bảo vệ ANTT xã Gia Hòa');
  const b = await org(hung.id, HOA_GIAI, 'Tổ hòa giải xã Gia Hưng');
  await t.call('massOrgs.rate', { id: a.id, year: 2026, level: 'hoan_thanh_xuat_sac', notRatedReason: null, reasonNote: '' });
  const levels = ['hoan_thanh', 'hoan_thanh_tot', 'hoan_thanh_xuat_sac', 'khong_hoan_thanh'] as const;
  for (let i = 0; i < NAMES.length; i++) {
    const inA = i % 2 === 0;
    const m = await t.call('members.create', {
      massOrgId: inA ? a.id : b.id,
      fullName: NAMES[i]!,
      gender: i % 3 === 0 ? 'nu' : 'nam',
      birthYear: i % 4 === 0 ? null : 1960 + ((i * 7) % 40),
      ethnicity: i % 5 === 0 ? '' : ['Kinh', 'Mường', 'Dao', 'Tày'][i % 4]!,
      phone: i % 2 === 0 ? `09${String(10_000_000 + i * 1234567).slice(0, 8)}` : '',
      role: i === 0 ? 'to_truong' : i === 2 ? 'to_pho' : i % 7 === 0 ? 'khac' : 'to_vien',
      joinedOn: i % 6 === 0 ? '2025-02-01' : '2024-07-01',
      note: '',
    });
    if (inA && i > 2 && i % 4 !== 0) {
      await t.call('members.rate', {
        id: m.id,
        year: 2026,
        level: levels[i % levels.length]!,
        notRatedReason: null,
        reasonNote: '',
        actingLeader: false,
        newlyTransferred: false,
      });
    }
    if (i % 9 === 4) await t.call('members.leave', { id: m.id, leftOn: '2026-03-01', reason: 'Chuyển đi nơi khác' });
  }
});
afterEach(() => t.close());

// ---- the screen's order before paging (DataTable's sort over the whole list) ------------------

type Cell = string | number | null;
const roleOrder = { to_truong: 1, to_pho: 2, to_vien: 3, khac: 4 } as const;
function shown(r: MemberRow, key: MemberSortKey, orgName: string): Cell {
  switch (key) {
    case 'fullName':
      return r.fullName;
    case 'gender':
      return genderText(r.gender);
    case 'birthYear':
      return r.birthYear;
    case 'ethnicity':
      return r.ethnicity;
    case 'role':
      return roleOrder[r.role];
    case 'org':
      return orgName;
    case 'joinedOn':
      return r.joinedOn;
    case 'leftOn':
      return r.leftOn;
    case 'rating':
      return r.rating === null ? '' : r.rating.level ? RATING_LABELS[r.rating.level] : NOT_RATED_LABEL;
  }
}
function compareCells(a: Cell, b: Cell): number {
  if (a === null || a === '') return b === null || b === '' ? 0 : 1;
  if (b === null || b === '') return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return compareVietnamese(String(a), String(b));
}

async function screenOrder(filter: Partial<ListFilter>, key: MemberSortKey, dir: 'asc' | 'desc'): Promise<string[]> {
  const list = await officeMembers(t, filter);
  const orgName = new Map(list.orgs.map((o) => [o.id, o.name]));
  const rows = list.rows;
  const sign = dir === 'asc' ? 1 : -1;
  const cell = (r: MemberRow) => shown(r, key, orgName.get(r.massOrgId) ?? '');
  return [...rows].sort((a, b) => sign * compareCells(cell(a), cell(b))).map((r) => r.id);
}

type PageInput = MethodInput<'members.page'>;
const page = (filter: Partial<ListFilter>, p: Partial<PageInput['page']> = {}) =>
  t.call('members.page', {
    ...EMPTY_FILTER,
    massOrgId: null,
    ...filter,
    page: { offset: 0, limit: 50, sort: 'fullName', dir: 'asc', ...p },
  });

async function pagedIds(filter: Partial<ListFilter>, sort: MemberSortKey, dir: 'asc' | 'desc', limit: number): Promise<string[]> {
  const out: string[] = [];
  for (let offset = 0; ; offset += limit) {
    const r = await page(filter, { offset, limit, sort, dir });
    expect(r.offset).toBe(offset);
    expect(r.rows.length).toBeLessThanOrEqual(limit);
    out.push(...r.rows.map((x) => x.id));
    if (offset + limit >= r.total) break;
  }
  return out;
}

describe('members.page', () => {
  it('orders every sort key both ways as the table did, across page boundaries', async () => {
    for (const filter of [{}, { status: 'active' }, { year: 2026, unitId: hoa.id }] as Partial<ListFilter>[]) {
      for (const key of MEMBER_SORT_KEYS) {
        for (const dir of ['asc', 'desc'] as const) {
          const expected = await screenOrder(filter, key, dir);
          // Ties are broken by name, so only the key's order is compared where the key ties.
          expect(await pagedIds(filter, key, dir, 5), `${key} ${dir} ${JSON.stringify(filter)}`).toEqual(expected);
        }
      }
    }
  });

  it('sorted by organisation, two organisations of one name in two units interleave their members in name order', async () => {
    const twin = await org(hoa.id, HOA_GIAI, 'Tổ hòa giải xã Gia Hưng');
    for (const fullName of ['Âu Thị Ba', 'Nguyễn Văn Bốn', 'Vũ Văn Bảy']) {
      await t.call('members.create', {
        massOrgId: twin.id,
        fullName,
        gender: 'nam',
        birthYear: 1980,
        ethnicity: 'Kinh',
        phone: '',
        role: 'to_vien',
        joinedOn: '2024-07-01',
        note: '',
      });
    }
    for (const dir of ['asc', 'desc'] as const) {
      const ids = await pagedIds({}, 'org', dir, 4);
      expect(ids, dir).toEqual(await screenOrder({}, 'org', dir));
      expect(ids).toHaveLength(NAMES.length + 3);
    }
  });

  it('counts the whole filtered list by gender and sends only the page', async () => {
    const all = (await officeMembers(t)).rows;
    const r = await page({}, { limit: 7 });
    expect(r.total).toBe(NAMES.length);
    expect(r.rows).toHaveLength(7);
    expect(r.genders).toEqual({
      women: all.filter((m) => m.gender === 'nu').length,
      men: all.filter((m) => m.gender === 'nam').length,
      unknown: 0,
    });
    expect(r.rows[0]).toMatchObject({
      fullName: 'Ăn Thị Chi',
      orgName: 'Tổ bảo vệ ANTT xã Gia Hòa',
      unitId: hoa.id,
      kindId: TO_BAO_VE_ANTT_KIND_ID,
    });
    // Phones are masked in lists.
    const withPhone = r.rows.find((x) => x.phoneMasked !== null)!;
    expect(withPhone.phoneMasked).toMatch(/^09\*+\d\d$/);
    const past = await page({}, { offset: 100, limit: 10 });
    expect(past).toMatchObject({ total: NAMES.length, rows: [] });
  });

  it('searches in SQL with and without diacritics, by word starts, with the total of the matches', async () => {
    const names = async (search: string) => (await page({ search })).rows.map((r) => r.fullName);
    // Vietnamese order: a < ă < â; tones do not order ("Ân" and "Ấn" tie, then stay in one fixed order).
    const an = await names('nguyen van an');
    expect(an.slice(0, 2)).toEqual(['Nguyễn Văn An', 'Nguyễn Văn Anh']);
    expect(new Set(an.slice(2))).toEqual(new Set(['Nguyễn Văn Ân', 'Nguyễn Văn Ấn']));
    expect(await names('Nguyễn Văn Ấn')).toEqual(an);
    expect(await names('dao')).toEqual(['Đào Văn Dũng', 'Đặng Thị Đào']);
    expect(await names('ĐÀO')).toEqual(['Đào Văn Dũng', 'Đặng Thị Đào']);
    expect(await names('uoc')).toEqual(['Hồ Văn Ước']);
    expect(await names('hen nie')).toEqual(["H'Hen Niê"]);
    // "an" begins An, Ấn, Ân, Anh (twice) and Ăn, but no word that only contains it ("Toàn", "Lan").
    expect((await page({ search: 'an' })).total).toBe(6);
    expect(await names('không có ai')).toEqual([]);
  });

  it('filters by status, rating, organisation, unit and kind like the whole list', async () => {
    const filters: Partial<ListFilter & { massOrgId: string }>[] = [
      { status: 'left' },
      { status: 'active' },
      { status: 'chua_xep_loai' },
      { status: 'hoan_thanh_tot' },
      { kind: HOA_GIAI },
      { unitId: hung.id },
      { year: 2026 },
    ];
    for (const f of filters) {
      const whole = (await officeMembers(t, f)).rows;
      const r = await page(f, { limit: PAGE_LIMIT_MAX });
      expect(
        r.rows.map((x) => x.id),
        JSON.stringify(f),
      ).toEqual(whole.map((m) => m.id));
      expect(r.total).toBe(whole.length);
    }
    const one = (await page({ search: 'Kiệt' })).rows[0]!;
    const inOrg = await t.call('members.page', {
      ...EMPTY_FILTER,
      massOrgId: one.massOrgId,
      page: { offset: 0, limit: 50, sort: 'fullName', dir: 'asc' },
    });
    expect(inOrg.rows.every((r) => r.massOrgId === one.massOrgId)).toBe(true);
    expect(inOrg.total).toBe(NAMES.length / 2);
  });

  it('shows an edit on the next page read (nothing cached behind the list)', async () => {
    const before = await page({ search: 'mai' });
    expect(before.rows.map((r) => r.fullName)).toEqual(['Mai Thị Mai']);
    const m = before.rows[0]!;
    const full = await t.call('members.get', { id: m.id });
    await t.call('members.update', {
      id: m.id,
      fullName: 'Mai Thị Xuân',
      gender: full.member.gender!,
      birthYear: full.member.birthYear,
      ethnicity: full.member.ethnicity ?? '',
      phone: full.member.phone ?? '',
      role: full.member.role,
      joinedOn: full.member.joinedOn,
      note: '',
    });
    expect(queryOne(t.backend.databasePath, 'SELECT full_name_folded FROM mass_org_members WHERE id = ?', m.id)).toEqual({
      full_name_folded: 'mai thi xuan',
    });
    expect((await page({ search: 'xuan' })).rows.map((r) => r.fullName)).toEqual(['Mai Thị Xuân']);
    const byName = (await page({}, { limit: PAGE_LIMIT_MAX })).rows.map((r) => r.fullName);
    expect(byName.indexOf('Mai Thị Xuân')).toBe(byName.indexOf('Lê Thị Lan Anh') + 1);
    await t.call('members.delete', { id: m.id });
    expect((await page({})).total).toBe(NAMES.length - 1);
  });

  it('sends the first rows before the count when asked (countLater), then counts on the next call', async () => {
    // Not counted yet: the rows of the counted answer, a total that only says more may follow, no genders.
    const early = await page({}, { limit: 5, countLater: true });
    expect(early.counted).toBe(false);
    expect(early.total).toBe(6);
    expect(early.genders).toEqual({ women: 0, men: 0, unknown: 0 });
    const counted = await page({}, { limit: 5 });
    expect(counted.counted).toBe(true);
    expect(counted.total).toBe(NAMES.length);
    expect(early.rows).toEqual(counted.rows);
    // Counted once: a later countLater question gets the kept count at once.
    expect(await page({}, { limit: 5, countLater: true })).toEqual(counted);
    // A search that ends within the page: the provisional total is exact, still marked not counted.
    const few = await page({ search: 'le thi lan' }, { limit: 5, countLater: true });
    expect(few).toMatchObject({ counted: false, total: 2 });
    // A write moves the data's generation: the kept count is not used any more.
    await t.call('members.delete', { id: counted.rows[0]!.id });
    expect((await page({}, { limit: 5, countLater: true })).counted).toBe(false);
    expect((await page({}, { limit: 5 })).total).toBe(NAMES.length - 1);
  });

  it('refuses a sort key outside the whitelist and a page larger than the limit', async () => {
    const bad = (p: unknown) => t.backend.dispatch('members.page', { ...EMPTY_FILTER, massOrgId: null, page: p });
    expect((await bad({ offset: 0, limit: 50, sort: 'full_name; DROP TABLE units', dir: 'asc' })).ok).toBe(false);
    expect((await bad({ offset: 0, limit: PAGE_LIMIT_MAX + 1, sort: 'fullName', dir: 'asc' })).ok).toBe(false);
    expect((await bad({ offset: -1, limit: 10, sort: 'fullName', dir: 'asc' })).ok).toBe(false);
  });
});
