/**
 * massOrgs.page (issue 16: no list sends more than a screen plus a page): every order, both
 * directions, in pages of 4 gives the rows of the whole list (massOrgs.list) ordered the way the
 * table ordered them on the screen (a stable sort of the list's order by the cell's value, empty last
 * going up, numbers by value); filters and search with or without diacritics give the whole list's
 * rows; the totals (count, members) are the whole list's; and an insert, an edit, a rating, a member
 * and a delete are seen by the next call (the kept rows of the data generation are dropped).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodInput, UnitDto } from '../../../shared/ipc/contract';
import type { MassOrgDto, MassOrgRowDto } from '../../../shared/ipc/contracts/mass-orgs.contract';
import { BUILT_IN_KINDS, NOT_RATED_LABEL, RATING_LABELS, TO_BAO_VE_ANTT_KIND_ID } from '../../../shared/domain/mass-orgs';
import { MASS_ORG_SORT_KEYS, type MassOrgSortKey } from '../../../shared/domain/mass-orgs-list';
import { EMPTY_FILTER, type ListFilter } from '../../../shared/domain/registries';
import { compareVietnamese } from '../../../shared/lib/text';
import { PAGE_LIMIT_MAX } from '../../../shared/ipc/common';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { GIA_VIEN_SETUP } from '../../support/offices';

const START = '2026-11-22T03:00:00.000Z';
const kindId = (code: string) => BUILT_IN_KINDS.find((k) => k.code === code)!.id;
const K = { bv: TO_BAO_VE_ANTT_KIND_ID, tuQuan: kindId('to_tu_quan'), hoaGiai: kindId('to_hoa_giai'), dongHo: kindId('dong_ho_tu_quan') };

const tmp = useTempDir('antq-massorgs-page-');
let t: TestBackend;
let units: UnitDto[];

async function byName(name: string): Promise<UnitDto> {
  const found = (await t.call('units.list', { includeEnded: true })).filter((u) => u.name === name);
  if (found.length !== 1) throw new Error(`expected one unit named ${name}`);
  return found[0]!;
}

function org(unitId: string, kind: string, name: string, validFrom = '2024-07-01'): Promise<MassOrgDto> {
  return t.call('massOrgs.create', {
    kindId: kind,
    unitId,
    name,
    decisionIssuer: '',
    decisionNumber: '',
    decisionDate: null,
    validFrom,
    note: '',
  });
}

let seq = 0;
function member(massOrgId: string, fullName: string) {
  seq++;
  return t.call('members.create', {
    massOrgId,
    fullName,
    gender: 'nam',
    birthYear: 1970 + seq,
    ethnicity: 'Kinh',
    phone: '',
    role: 'to_vien',
    joinedOn: '2024-07-01',
    note: '',
  });
}
const rate = (id: string, level: MethodInput<'massOrgs.rate'>['level']) =>
  t.call('massOrgs.rate', { id, year: 2026, level, notRatedReason: null, reasonNote: '' });

let orgs: MassOrgDto[];

beforeEach(async () => {
  t = await startBackend(tmp.path(), START);
  await t.call('office.setup', GIA_VIEN_SETUP);
  const hoa = await byName('Xã Gia Hòa');
  const hung = await byName('Xã Gia Hưng');
  const thon = (parentId: string, name: string) =>
    t.call('units.create', { parentId, name, kind: 'thon', code: null, validFrom: '2020-01-01' });
  const thon1 = await thon(hoa.id, 'Thôn 1');
  const thon2 = await thon(hoa.id, 'Thôn 2');
  const dong = await thon(hung.id, 'Thôn Đông');
  orgs = [
    await org(thon1.id, K.bv, 'Tổ bảo vệ ANTT thôn 1'),
    await org(thon2.id, K.bv, 'Tổ bảo vệ ANTT thôn 2'),
    await org(dong.id, K.bv, 'Tổ bảo vệ ANTT thôn Đông'),
    await org(hoa.id, K.dongHo, 'Dòng họ Đinh tự quản'),
    await org(hung.id, K.dongHo, 'Dòng họ Đặng tự quản'),
    await org(dong.id, K.hoaGiai, 'Tổ hòa giải thôn Đông', '2026-03-01'),
    await org(thon1.id, K.hoaGiai, 'Tổ hòa giải thôn 1'),
    await org(thon1.id, K.tuQuan, 'Tổ tự quản số 1'),
    await org(thon2.id, K.tuQuan, 'Tổ tự quản số 1'),
    await org(hung.id, K.tuQuan, 'Ấp Ánh Dương tự quản'),
    await org(hoa.id, K.tuQuan, 'Tổ tự quản số 10', '2020-01-01'),
  ];
  await t.call('massOrgs.end', { id: orgs[10]!.id, validTo: '2025-06-30', reason: 'Giải thể' });
  for (let i = 0; i < 8; i++) {
    const o = orgs[i % 5]!;
    await member(o.id, `Nguyễn Văn ${String.fromCharCode(65 + i)}`);
  }
  await member(orgs[7]!.id, 'Trần Thị Bình');
  await rate(orgs[0]!.id, 'hoan_thanh_tot');
  await rate(orgs[1]!.id, 'khong_hoan_thanh');
  await rate(orgs[3]!.id, 'hieu_qua');
  await rate(orgs[2]!.id, 'hoan_thanh');
  units = await t.call('units.list', { includeEnded: true });
});
afterEach(() => t.close());

const whole = (f: Partial<ListFilter> = {}) => t.call('massOrgs.list', { ...EMPTY_FILTER, ...f });

/** The table's own sort of the whole list, written here independently of the backend's. */
async function tableOrder(rows: readonly MassOrgRowDto[], key: MassOrgSortKey, dir: 'asc' | 'desc'): Promise<MassOrgRowDto[]> {
  if (key === 'default') return dir === 'asc' ? [...rows] : [...rows].reverse();
  const kinds = new Map((await t.call('massOrgKinds.list', {})).map((k) => [k.id, k.name]));
  const byId = new Map(units.map((u) => [u.id, u]));
  const path = (id: string) => {
    const p: UnitDto[] = [];
    for (let u = byId.get(id); u; u = u.parentId ? byId.get(u.parentId) : undefined) p.unshift(u);
    return (p.length > 1 ? p.slice(1) : p).map((u) => u.name).join(' › ');
  };
  const value: Record<Exclude<MassOrgSortKey, 'default'>, (o: MassOrgRowDto) => string | number> = {
    name: (o) => o.name,
    kind: (o) => kinds.get(o.kindId) ?? '',
    unit: (o) => path(o.unitId),
    members: (o) => o.members,
    rating: (o) => (o.rating ? (o.rating.level ? RATING_LABELS[o.rating.level] : NOT_RATED_LABEL) : ''),
    status: (o) => o.validTo ?? '',
  };
  const get = value[key];
  const cmp = (a: string | number, b: string | number) => {
    if (a === '') return b === '' ? 0 : 1;
    if (b === '') return -1;
    return typeof a === 'number' && typeof b === 'number' ? a - b : compareVietnamese(String(a), String(b));
  };
  const sign = dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => sign * cmp(get(a), get(b)));
}

/** Every page of a question, in pages of `limit`, and the last answer's totals. */
async function allPages(f: Partial<ListFilter>, sort: MassOrgSortKey, dir: 'asc' | 'desc', limit = 4) {
  const out: MassOrgRowDto[] = [];
  let last;
  for (let offset = 0; ; offset += limit) {
    last = await t.call('massOrgs.page', { ...EMPTY_FILTER, ...f, page: { offset, limit, sort, dir } });
    expect(last.offset).toBe(offset);
    out.push(...last.rows);
    if (offset + limit >= last.total) break;
  }
  return { rows: out, total: last.total, members: last.members, ratingYear: last.ratingYear };
}

describe('massOrgs.page', () => {
  it('gives every order both ways as the table ordered the whole list, with its totals', async () => {
    const list = await whole();
    expect(list.rows.length).toBe(11);
    for (const key of MASS_ORG_SORT_KEYS) {
      for (const dir of ['asc', 'desc'] as const) {
        const paged = await allPages({}, key, dir);
        expect(paged.rows, `${key} ${dir}`).toEqual(await tableOrder(list.rows, key, dir));
        expect(paged.total).toBe(11);
        expect(paged.members).toBe(list.rows.reduce((n, o) => n + o.members, 0));
        expect(paged.ratingYear).toBe(list.ratingYear);
      }
    }
    // The counts are real: 9 members, none in the ended organisation; ties of "Tổ tự quản số 1" keep the list's order.
    expect((await allPages({}, 'members', 'desc')).members).toBe(9);
  });

  it('filters and searches (diacritics ignored) as the whole list does, totals included', async () => {
    const hoa = await byName('Xã Gia Hòa');
    const filters: Partial<ListFilter>[] = [
      { unitId: hoa.id },
      { kind: K.bv },
      { year: 2025 },
      { year: 2026, status: 'active' },
      { status: 'ended' },
      { status: 'hoan_thanh_tot' },
      { status: 'chua_xep_loai' },
      { search: 'Tổ bảo vệ' },
      { search: 'to bao ve' },
      { search: 'dong' },
      { search: 'Đông' },
      { search: 'dang' },
      { search: '%_' },
      { unitId: hoa.id, kind: K.tuQuan, search: 'tu quan' },
    ];
    for (const f of filters) {
      const list = await whole(f);
      for (const dir of ['asc', 'desc'] as const) {
        const paged = await allPages(f, 'name', dir, 3);
        expect(paged.rows, JSON.stringify(f)).toEqual(await tableOrder(list.rows, 'name', dir));
        expect(paged.total).toBe(list.rows.length);
        expect(paged.members).toBe(list.rows.reduce((n, o) => n + o.members, 0));
      }
    }
    // The same rows with and without diacritics, and something found.
    const plain = await allPages({ search: 'to bao ve' }, 'default', 'asc');
    expect(plain.total).toBe(3);
    expect(plain.rows).toEqual((await allPages({ search: 'Tổ bảo vệ' }, 'default', 'asc')).rows);
    expect((await allPages({ search: 'dang' }, 'default', 'asc')).rows.map((o) => o.name)).toEqual(['Dòng họ Đặng tự quản']);
  });

  it('answers a page past the end with no rows and refuses foreign sort keys and oversized pages', async () => {
    const past = await t.call('massOrgs.page', { ...EMPTY_FILTER, page: { offset: 500, limit: 10, sort: 'name', dir: 'asc' } });
    expect(past).toMatchObject({ offset: 500, total: 11, rows: [] });
    await expect(
      t.call('massOrgs.page', { ...EMPTY_FILTER, page: { offset: 0, limit: 10, sort: 'kind_id; DROP' as MassOrgSortKey, dir: 'asc' } }),
    ).rejects.toThrow(/VALIDATION/);
    await expect(
      t.call('massOrgs.page', { ...EMPTY_FILTER, page: { offset: 0, limit: PAGE_LIMIT_MAX + 1, sort: 'name', dir: 'asc' } }),
    ).rejects.toThrow(/VALIDATION/);
    await expect(
      t.call('massOrgs.page', { ...EMPTY_FILTER, status: 'bogus', page: { offset: 0, limit: 10, sort: 'name', dir: 'asc' } }),
    ).rejects.toThrow();
  });

  it('sees an insert, an edit, a rating, a new member and a delete on the next call', async () => {
    const first = () => t.call('massOrgs.page', { ...EMPTY_FILTER, page: { offset: 0, limit: 50, sort: 'name', dir: 'asc' } });
    const before = await first();
    expect(before.total).toBe(11);
    // Asked twice: the kept answer.
    expect(await first()).toEqual(before);

    const thon1 = await byName('Thôn 1');
    const added = await org(thon1.id, K.tuQuan, 'An ninh tự quản mới');
    const afterInsert = await first();
    expect(afterInsert.total).toBe(12);
    expect(afterInsert.rows[0]!.name).toBe('An ninh tự quản mới');

    const o = orgs[5]!;
    await t.call('massOrgs.update', {
      id: o.id,
      kindId: o.kindId,
      unitId: o.unitId,
      name: 'Zô hòa giải đổi tên',
      decisionIssuer: '',
      decisionNumber: '',
      decisionDate: null,
      validFrom: o.validFrom,
      note: '',
    });
    const afterEdit = await first();
    expect(afterEdit.rows.at(-1)!.name).toBe('Zô hòa giải đổi tên');
    const found = await t.call('massOrgs.page', {
      ...EMPTY_FILTER,
      search: 'zo hoa giai',
      page: { offset: 0, limit: 10, sort: 'name', dir: 'asc' },
    });
    expect(found.rows.map((r) => r.id)).toEqual([o.id]);

    await rate(added.id, 'hieu_qua');
    const rated = await t.call('massOrgs.page', {
      ...EMPTY_FILTER,
      status: 'hieu_qua',
      page: { offset: 0, limit: 10, sort: 'name', dir: 'asc' },
    });
    expect(rated.rows.map((r) => r.id)).toContain(added.id);

    await member(added.id, 'Lê Văn Mới');
    const withMember = await first();
    expect(withMember.members).toBe(before.members + 1);
    expect(withMember.rows.find((r) => r.id === added.id)!.members).toBe(1);

    await t.call('massOrgs.delete', { id: added.id });
    const afterDelete = await first();
    expect(afterDelete.total).toBe(11);
    expect(afterDelete.rows.map((r) => r.id)).not.toContain(added.id);
    expect(afterDelete.members).toBe(before.members);
  });
});
