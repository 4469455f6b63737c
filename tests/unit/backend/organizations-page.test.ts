/**
 * organizations.page (issue 16: no list sends more than a screen plus a page): every order, both
 * directions, filters, search without diacritics and page boundaries give the rows the whole list
 * (organizations.list) gave, ordered the way the table ordered them on the screen (a stable sort of
 * the list's default order by the cell's value, empty last going up); the totals are the whole
 * list's; and the rows kept per data generation change at once after an insert, an edit or a delete.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodInput, UnitDto } from '../../../shared/ipc/contract';
import type { OrganizationDto } from '../../../shared/ipc/contracts/organizations.contract';
import { EMPTY_FILTER, type ListFilter } from '../../../shared/domain/registries';
import { ORG_KINDS, ORG_LIST_STATUSES, SUB_KINDS_BY_KIND, MANAGING_LEVELS, type OrgKind } from '../../../shared/domain/organizations';
import { ORG_SORT_KEYS, ORG_SORT_VALUE, type OrgSortKey } from '../../../shared/domain/organizations-list';
import { compareVietnamese } from '../../../shared/lib/text';
import { PAGE_LIMIT_MAX } from '../../../shared/ipc/common';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { queryOne } from '../../support/sqlite';
import { GIA_VIEN_SETUP } from '../../support/offices';

const START = '2026-11-22T03:00:00.000Z';
const tmp = useTempDir('antq-orgs-page-');
let t: TestBackend;

beforeEach(async () => {
  t = await startBackend(tmp.path(), START);
  await t.call('office.setup', GIA_VIEN_SETUP);
});
afterEach(() => t.close());

async function unit(name: string): Promise<UnitDto> {
  const found = (await t.call('units.list', { includeEnded: true })).filter((u) => u.name === name);
  if (found.length !== 1) throw new Error(`expected one unit ${name}`);
  return found[0]!;
}

const NAMES = [
  'Trường THPT Gia Viễn A',
  'Trường THPT Gia Viễn B',
  'Trường THCS Gia Hưng',
  'Trường Tiểu học Gia Hòa',
  'Ủy ban nhân dân xã Gia Hòa',
  'Ủy ban nhân dân xã Gia Hưng',
  'Công ty TNHH May Gia Viễn',
  'Công ty CP Đá Đông Nam',
  'Công ty Cổ phần Đá Đông',
  'Hợp tác xã Nông nghiệp Gia Hòa',
  'Ban Chỉ huy Quân sự xã',
  'Đài Truyền thanh huyện',
  'Dệt may Âu Cơ',
  'Ăn uống Ánh Dương',
  'Bệnh viện Đa khoa huyện',
  'Kho bạc Nhà nước huyện',
  'Chi cục Thuế khu vực',
  'Ngân hàng Chính sách xã hội',
];

type CreateInput = MethodInput<'organizations.create'>;

/** Varied facts: kinds, sub-kinds, levels, missing figures (incomplete), two units. */
function orgInput(i: number, unitId: string): CreateInput {
  const kind: OrgKind = ORG_KINDS[i % ORG_KINDS.length]!;
  const subs = SUB_KINDS_BY_KIND[kind];
  return {
    name: NAMES[i]!,
    kind,
    subKind: subs[(i * 5) % subs.length]!,
    isArmedForces: i === 10,
    unitId,
    managingLevel: MANAGING_LEVELS[(i * 3) % MANAGING_LEVELS.length]!,
    bcaMonitored: i % 4 === 0,
    hasPartyOrg: i % 2 === 0,
    hasSecurityForce: i % 3 === 0,
    subUnitCount: i % 5 === 0 ? null : i,
    sectorGroup: kind === 'doanh_nghiep' ? 'nong_lam_thuy_san_cong_nghiep_xay_dung' : null,
    insuredEmployees: kind === 'doanh_nghiep' ? (i % 2 === 0 ? null : i * 40) : null,
    revenueBillion: kind === 'doanh_nghiep' ? i * 10 : null,
    capitalBillion: kind === 'doanh_nghiep' ? i * 5 : null,
    taxCode: null,
    address: null,
    validFrom: i % 6 === 0 ? null : '2015-03-10',
  };
}

async function seed(): Promise<{ hoa: UnitDto; hung: UnitDto; ids: string[] }> {
  const hoa = await unit('Xã Gia Hòa');
  const hung = await unit('Xã Gia Hưng');
  const ids: string[] = [];
  for (let i = 0; i < NAMES.length; i++) ids.push((await t.call('organizations.create', orgInput(i, i % 3 === 0 ? hung.id : hoa.id))).id);
  await t.call('organizations.end', { id: ids[10]!, validTo: '2025-12-31', reason: 'Tổ chức lại' });
  await t.call('organizations.end', { id: ids[4]!, validTo: '2026-06-30', reason: 'Sáp nhập' });
  return { hoa, hung, ids };
}

const list = (f: Partial<ListFilter> = {}) => t.call('organizations.list', { ...EMPTY_FILTER, ...f });
const page = (f: Partial<ListFilter>, sort: OrgSortKey, dir: 'asc' | 'desc', offset = 0, limit = PAGE_LIMIT_MAX) =>
  t.call('organizations.page', { ...EMPTY_FILTER, ...f, page: { offset, limit, sort, dir } });

/** The table's old client sort: stable, over the list's order, empty last going up (reversed going down). */
function screenOrder(rows: OrganizationDto[], key: OrgSortKey, dir: 'asc' | 'desc'): string[] {
  if (key === 'default') return (dir === 'asc' ? rows : [...rows].reverse()).map((r) => r.id);
  const get = ORG_SORT_VALUE[key];
  const cmp = (a: string, b: string) => (a === '' ? (b === '' ? 0 : 1) : b === '' ? -1 : compareVietnamese(a, b));
  return [...rows].sort((a, b) => (dir === 'asc' ? 1 : -1) * cmp(get(a), get(b))).map((r) => r.id);
}

/** The whole question read in pages of `size`. */
async function readAll(f: Partial<ListFilter>, sort: OrgSortKey, dir: 'asc' | 'desc', size: number): Promise<OrganizationDto[]> {
  const out: OrganizationDto[] = [];
  for (let offset = 0; ; offset += size) {
    const p = await page(f, sort, dir, offset, size);
    expect(p.offset).toBe(offset);
    out.push(...p.rows);
    if (offset + size >= p.total) return out;
  }
}

describe('organizations.page', () => {
  it('orders by every key both ways as the screen did, in pages of 5', async () => {
    await seed();
    const whole = await list();
    expect(whole).toHaveLength(NAMES.length);
    for (const key of ORG_SORT_KEYS) {
      for (const dir of ['asc', 'desc'] as const) {
        const rows = await readAll({}, key, dir, 5);
        expect(
          rows.map((r) => r.id),
          `${key} ${dir}`,
        ).toEqual(screenOrder(whole, key, dir));
        expect(rows).toEqual(screenOrder(whole, key, dir).map((id) => whole.find((o) => o.id === id)));
      }
    }
  });

  it('filters, searches without diacritics and counts like the whole list', async () => {
    const s = await seed();
    const filters: Partial<ListFilter>[] = [
      {},
      { search: 'truong gia' },
      { search: 'TRƯỜNG GIA' },
      { search: 'da dong' },
      { search: 'Đá Đông' },
      { search: '50%_' },
      { kind: 'doanh_nghiep' },
      { year: 2026 },
      { unitId: s.hung.id },
      { unitId: s.hoa.id, kind: 'co_quan' },
      ...ORG_LIST_STATUSES.map((status) => ({ status })),
      { status: 'eligible', year: 2026, unitId: s.hoa.id },
    ];
    for (const f of filters) {
      const whole = await list(f);
      const p = await page(f, 'default', 'asc');
      expect(
        p.rows.map((r) => r.id),
        JSON.stringify(f),
      ).toEqual(whole.map((r) => r.id));
      expect(p.total).toBe(whole.length);
      expect(p.eligible).toBe(whole.filter((o) => o.eligibility.eligible).length);
    }
    expect((await page({ search: 'truong gia' }, 'default', 'asc')).total).toBe(4);
    expect((await page({ status: 'incomplete' }, 'default', 'asc')).total).toBeGreaterThan(0);
    // A page past the end is empty but still counts the list.
    const past = await page({}, 'name', 'asc', 100, 10);
    expect(past).toMatchObject({ offset: 100, total: NAMES.length, rows: [] });
  });

  it('sees an insert, an edit and a delete on the next read (no stale cached rows)', async () => {
    const s = await seed();
    const first = await page({}, 'default', 'asc', 0, 3);
    // Insert: a new first name in Vietnamese order.
    const added = await t.call('organizations.create', { ...orgInput(0, s.hoa.id), name: 'An Bình Trading' });
    const afterInsert = await page({}, 'default', 'asc', 0, 3);
    expect(afterInsert.total).toBe(first.total + 1);
    expect(afterInsert.rows[0]!.name).toBe('An Bình Trading');
    // Edit: the search finds the new name, not the old one, and the eligibility changes with the facts.
    const target = (await page({ search: 'dai truyen thanh' }, 'default', 'asc')).rows[0]!;
    const { id, eligibility: _e, unitPath: _p, createdAt: _c, updatedAt: _u, validTo: _t, endReason: _r, ...facts } = target;
    await t.call('organizations.update', { id, ...facts, name: 'Đài Phát thanh huyện' });
    expect((await page({ search: 'dai truyen thanh' }, 'default', 'asc')).total).toBe(0);
    expect((await page({ search: 'dai phat thanh' }, 'default', 'asc')).rows.map((r) => r.id)).toEqual([id]);
    expect(queryOne(t.backend.databasePath, 'SELECT name FROM organizations WHERE id = ?', id)?.['name']).toBe('Đài Phát thanh huyện');
    const school = (await page({ search: 'thpt gia vien a' }, 'default', 'asc')).rows[0]!;
    const wasEligible = school.eligibility.eligible;
    const { id: sid, eligibility: _e2, unitPath: _p2, createdAt: _c2, updatedAt: _u2, validTo: _t2, endReason: _r2, ...sf } = school;
    await t.call('organizations.update', { id: sid, ...sf, kind: 'co_so_giao_duc', subKind: wasEligible ? 'tieu_hoc' : 'thpt' });
    const changed = (await page({ search: 'thpt gia vien a' }, 'default', 'asc')).rows[0]!;
    expect(changed.eligibility.eligible).toBe(!wasEligible);
    const afterEdit = await page({}, 'default', 'asc', 0, 3);
    expect(afterEdit.eligible).toBe(afterInsert.eligible + (wasEligible ? -1 : 1));
    expect(afterEdit.eligible).toBe((await list()).filter((o) => o.eligibility.eligible).length);
    // Delete: gone from the total and the rows.
    await t.call('organizations.delete', { id: added.id });
    const afterDelete = await page({}, 'default', 'asc', 0, 3);
    expect(afterDelete.total).toBe(first.total);
    expect(afterDelete.rows.map((r) => r.id)).not.toContain(added.id);
  });

  it('refuses a foreign sort key, an oversized page and an unknown status', async () => {
    await seed();
    const bad = (input: unknown) => t.backend.dispatch('organizations.page', input);
    const base = { ...EMPTY_FILTER, page: { offset: 0, limit: 10, sort: 'name', dir: 'asc' } };
    expect(await bad({ ...base, page: { ...base.page, sort: 'name; DROP TABLE units' } })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(await bad({ ...base, page: { ...base.page, limit: PAGE_LIMIT_MAX + 1 } })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(await bad({ ...base, status: 'dat' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});
