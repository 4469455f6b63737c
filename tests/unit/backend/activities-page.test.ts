/**
 * activities.page (issue 16: no list sends more than a screen plus a page): every kind's list
 * filtered, searched, ordered, counted and totalled in SQL. Checked on generated records against the
 * whole list (activities.list, the old screen's source) ordered the way the screen's table ordered
 * it (renderer fields.ts sortValue, Vietnamese order, empty last going up, ties in list order), for
 * every field both ways, with search, unit, period and category filters and page boundaries; the
 * totals against sums of the list's rows; the cached figures change after an edit.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodInput, MethodOutput, UnitDto } from '../../../shared/ipc/contract';
import {
  ACTIVITY_FIELDS,
  ACTIVITY_KINDS,
  ACTIVITY_KIND_INFO,
  checkActivity,
  type ActivityKind,
  type FieldSpec,
} from '../../../shared/domain/activities';
import { ACTIVITY_INPUTS, type ActivityRows } from '../../../shared/ipc/contracts/activities.contract';
import { compareVietnamese } from '../../../shared/lib/text';
import { PAGE_LIMIT_MAX } from '../../../shared/ipc/common';
import { OWNERSHIP_TEXTS } from '../../../shared/domain/ownership';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { organizationInput } from '../../support/offices';
import { activityApi, sampleRecords, setupGiaVien, type RecordInput } from './activities-records';

const START = '2026-11-22T03:00:00.000Z';
const tmp = useTempDir('antq-activities-page-');
let t: TestBackend;
let api: ReturnType<typeof activityApi>;
let hoa: UnitDto;
let hung: UnitDto;
let thon: UnitDto;

const WORDS = [
  'Phòng chống ma túy',
  'An ninh trật tự',
  'Đảm bảo an toàn giao thông',
  'Ấp Đông',
  'an toàn',
  'Ước mơ',
  'ba',
  'Bà Rịa',
  'Đào tạo',
];
const DATES = ['2026-03-10', '2026-03-11', '2026-05-02', '2026-08-19'];

/** A deterministic generator (no Math.random: the same records every run). */
function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

/** Records of a kind varied from the sample: every field changed where the kind's rules allow it. */
function generate<K extends ActivityKind>(kind: K, n: number, units: readonly string[], orgs: readonly string[]): RecordInput<K>[] {
  const r = rng(kind.length * 7919 + n);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const base = sampleRecords(units[0]!)[kind] as Record<string, unknown>;
  const placement = ACTIVITY_KIND_INFO[kind].placement;
  const out: RecordInput<K>[] = [];
  for (let tries = 0; out.length < n && tries < n * 20; tries++) {
    const rec: Record<string, unknown> = { ...base, unitId: pick(units) };
    for (const f of ACTIVITY_FIELDS[kind]) {
      if (f.key === placement) rec[f.key] = f.type === 'year' ? pick([2024, 2025, 2026]) : pick(DATES);
      else if (f.type === 'int' && r() < 0.7) rec[f.key] = Math.floor(r() * 4) * 10;
      else if (f.type === 'text' && (f.required || r() < 0.7)) rec[f.key] = f.required ? pick(WORDS) : r() < 0.3 ? null : pick(WORDS);
      else if (f.type === 'enum' && f.options && r() < 0.6) rec[f.key] = pick(Object.keys(f.options));
      else if (f.type === 'bool') rec[f.key] = r() < 0.5;
      else if (f.type === 'org') rec[f.key] = r() < 0.5 ? null : pick(orgs);
    }
    if (ACTIVITY_INPUTS[kind].safeParse(rec).success && Object.keys(checkActivity(kind, rec)).length === 0) out.push(rec as RecordInput<K>);
  }
  return out;
}

/**
 * The value the screen's table sorted a cell by before paging (renderer fields.ts sortValue, written
 * again here: backend tests may not import the renderer): numbers and dates as they are, yes/no as
 * 1/0, everything else as the text the cell shows, empty as null.
 */
function sortValue(f: FieldSpec, row: Record<string, unknown>): string | number | null {
  const v = row[f.key];
  switch (f.type) {
    case 'int':
    case 'money':
    case 'year':
      return typeof v === 'number' ? v : null;
    case 'date':
      return typeof v === 'string' ? v : null;
    case 'bool':
      return v === true ? 1 : 0;
    case 'unit':
      return (row['unitName'] as string) || null;
    case 'org':
      return (row['organizationName'] as string | null) || null;
    case 'team':
      return (row['teamName'] as string | null) || null;
    case 'enum':
      return typeof v === 'string' ? f.options?.[v] || v : null;
    default:
      if (v === null && f.required) return OWNERSHIP_TEXTS.unknown;
      return typeof v === 'string' && v !== '' ? v : null;
  }
}

function compareValues(a: string | number | null, b: string | number | null): number {
  if (a === null || a === '') return b === null || b === '' ? 0 : 1;
  if (b === null || b === '') return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return compareVietnamese(String(a), String(b));
}

type Filter = Partial<Omit<MethodInput<'activities.page'>, 'kind' | 'page'>>;
const input = (kind: ActivityKind, f: Filter, page: MethodInput<'activities.page'>['page']) => ({
  kind,
  unitId: null,
  from: null,
  to: null,
  search: '',
  category: null,
  ...f,
  page,
});

async function pagedIds(kind: ActivityKind, f: Filter, sort: string, dir: 'asc' | 'desc', limit: number): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; ; offset += limit) {
    const out = await t.call('activities.page', input(kind, f, { offset, limit, sort, dir }));
    ids.push(...out.rows.map((r) => r.id));
    if (out.rows.length < limit) {
      expect(ids.length).toBe(out.total);
      return ids;
    }
  }
}

let created: Record<ActivityKind, number>;

beforeEach(async () => {
  t = await startBackend(tmp.path(), START);
  api = activityApi(t);
  const unit = await setupGiaVien(t);
  hoa = unit('Xã Gia Hòa');
  hung = unit('Xã Gia Hưng');
  thon = await t.call('units.create', { parentId: hoa.id, name: 'Thôn Ấp Đông', kind: 'thon', code: null, validFrom: '2020-01-01' });
  const orgs = [
    (await t.call('organizations.create', organizationInput(hoa.id, 'Trường THCS Gia Hòa'))).id,
    (await t.call('organizations.create', organizationInput(hung.id, 'Công ty Đá Ấp Bắc'))).id,
  ];
  created = {} as Record<ActivityKind, number>;
  for (const kind of ACTIVITY_KINDS) {
    const records = generate(kind, 60, [hoa.id, hung.id, thon.id], orgs);
    await t.call('activities.saveMany', api.saveManyInput(kind, records));
    created[kind] = records.length;
  }
});
afterEach(() => t.close());

const FILTERS: { name: string; filter: () => Filter }[] = [
  { name: 'no filter', filter: () => ({}) },
  { name: 'search without diacritics', filter: () => ({ search: 'an toan' }) },
  { name: 'search with diacritics and a unit name', filter: () => ({ search: 'Ấp đông' }) },
  { name: 'unit subtree', filter: () => ({ unitId: hoa.id }) },
  { name: 'period', filter: () => ({ from: '2026-03-11', to: '2026-06-30' }) },
];

describe('activities.page against activities.list', () => {
  for (const kind of ACTIVITY_KINDS) {
    it(`${kind}: the default order, totals and newest for every filter, in pages of 7`, async () => {
      expect(created[kind]).toBeGreaterThan(30);
      for (const { filter } of FILTERS) {
        const f = filter();
        const list = await api.list(kind, f);
        expect(await pagedIds(kind, f, 'default', 'asc', 7)).toEqual(list.map((r) => r.id));
        const first = await t.call('activities.page', input(kind, f, { offset: 0, limit: 5, sort: 'default', dir: 'asc' }));
        expect(first.total).toBe(list.length);
        expect(first.rows).toEqual(list.slice(0, 5));
        for (const field of ACTIVITY_FIELDS[kind].filter((x) => x.total)) {
          const sum = list.reduce((n, row) => {
            const v = (row as Record<string, unknown>)[field.key];
            return n + (field.type === 'bool' ? (v === true ? 1 : 0) : Number(v) || 0);
          }, 0);
          expect(first.totals[field.key]).toBe(sum);
        }
        expect(first.newest === null).toBe(list.length === 0);
      }
    });

    it(`${kind}: every field ordered both ways as the screen ordered it`, async () => {
      const list = await api.list(kind);
      for (const field of ACTIVITY_FIELDS[kind]) {
        for (const dir of ['asc', 'desc'] as const) {
          const sign = dir === 'asc' ? 1 : -1;
          const expected = [...list].sort((a, b) => sign * compareValues(sortValue(field, a), sortValue(field, b)));
          const got = await pagedIds(kind, {}, field.key, dir, 11);
          expect(got, `${kind}.${field.key} ${dir}`).toEqual(expected.map((r) => r.id));
        }
      }
    });
  }

  it('category filter equals the list', async () => {
    const list = await api.list('propaganda', { category: 'truc_tiep' });
    expect(list.length).toBeGreaterThan(0);
    expect(await pagedIds('propaganda', { category: 'truc_tiep' }, 'default', 'asc', 4)).toEqual(list.map((r) => r.id));
  });
});

describe('what the page reads is current', () => {
  it('an edit, a new record and a deletion change the next page, the totals and the newest', async () => {
    const read = () => t.call('activities.page', input('propaganda', {}, { offset: 0, limit: 3, sort: 'default', dir: 'asc' }));
    const before = await read();
    t.clock.set('2026-11-23T03:00:00.000Z');
    const fresh = await api.save('propaganda', { ...sampleRecords(hoa.id).propaganda, date: '2026-09-01', attendance: 777 });
    const after = await read();
    expect(after.total).toBe(before.total + 1);
    expect(after.totals['attendance']).toBe(before.totals['attendance']! + 777);
    expect(after.rows[0]!.id).toBe(fresh.id);
    expect(after.newest?.id).toBe(fresh.id);
    await api.save('propaganda', { ...sampleRecords(hoa.id).propaganda, date: '2026-09-01', attendance: 1 }, fresh.id);
    expect((await read()).totals['attendance']).toBe(before.totals['attendance']! + 1);
    await t.call('activities.delete', { kind: 'propaganda', id: fresh.id });
    const gone = await read();
    expect(gone.total).toBe(before.total);
    expect(gone.rows.map((r) => r.id)).not.toContain(fresh.id);
  });
});

describe('refusals', () => {
  it('refuses a field of another kind, a foreign sort text and an oversized page', async () => {
    const bad = [
      input('propaganda', {}, { offset: 0, limit: 10, sort: 'summary', dir: 'asc' }),
      {
        ...input('propaganda', {}, { offset: 0, limit: 10, sort: 'default', dir: 'asc' }),
        page: { offset: 0, limit: 10, sort: 'date; DROP TABLE units', dir: 'asc' },
      },
      input('propaganda', {}, { offset: 0, limit: PAGE_LIMIT_MAX + 1, sort: 'default', dir: 'asc' }),
      input('propaganda', { category: 'khong_co' }, { offset: 0, limit: 10, sort: 'default', dir: 'asc' }),
    ];
    for (const b of bad) await expect(t.call('activities.page', b as MethodInput<'activities.page'>)).rejects.toThrow(/VALIDATION/);
  });

  it('a page past the end is empty with the right total', async () => {
    const out: MethodOutput<'activities.page'> = await t.call(
      'activities.page',
      input('awards', {}, { offset: 10_000, limit: 50, sort: 'default', dir: 'asc' }),
    );
    expect(out.rows).toEqual([]);
    expect(out.total).toBe(created.awards);
    expect((out.rows as ActivityRows['awards'][]).length).toBe(0);
  });
});
