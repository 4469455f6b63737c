/**
 * The year slices a period call misses are read by one statement per kind (issue 16 item 2,
 * services/period-slices.ts `cachedCountedSlices`, repos/period-counts.repo.ts `countedGroupsByYear`):
 * - each year's groups of the one statement equal what the statement of that year's slice alone
 *   gives (the year is one more group key), for every kind;
 * - a ten-year call on a fresh file runs one statement per kind (and one for the excused incidents)
 *   for its twenty slices; a call whose years are partly kept reads only the others, in one
 *   statement; an edit of one kind makes the next call run one statement of that kind alone, and the
 *   figures follow the edit (compared with a cold computation);
 * - the steps of the last computation are published for the benchmark (phase-cpu.ts).
 */
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTIVITY_KINDS, type ActivityKind } from '../../../shared/domain/activities';
import { previousPeriod } from '../../../shared/domain/period';
import type { UnitDto } from '../../../shared/ipc/contract';
import type { PeriodFiguresDto } from '../../../shared/ipc/contracts/period.contract';
import type { Database } from '../../../electron/backend/db/schema';
import { countedGroups, countedGroupsByYear } from '../../../electron/backend/repos/period-counts.repo';
import { yearSlices } from '../../../electron/backend/services/period-records';
import { sliceStats } from '../../../electron/backend/services/period-slices';
import { lastPhases } from '../../../electron/backend/services/phase-cpu';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { activityApi, giaVienCommunes, sampleRecords, type AnyRecordInput } from './activities-records';

const tmp = useTempDir('antq-period-span-');
let t: TestBackend;
let communes: UnitDto[];

const YEAR = { from: '2026-01-01', to: '2026-12-31', unitId: null };
const TEN_YEARS = { from: '2017-01-01', to: '2026-12-31', unitId: null };
const figures = (p = YEAR): Promise<PeriodFiguresDto> => t.call('period.figures', p);

/** The same figures computed on a freshly opened backend (nothing cached); `t` is that backend afterwards. */
async function cold(p = YEAR): Promise<PeriodFiguresDto> {
  t.close();
  t = await startBackend(tmp.path(), t.clock.stamp());
  return figures(p);
}

/** A sample record of `kind` moved to `year` (every date of it, or the award's year). */
function inYear<K extends ActivityKind>(kind: K, unitId: string, year: number): AnyRecordInput[K] {
  const r = { ...sampleRecords(unitId)[kind] } as Record<string, unknown>;
  for (const [k, v] of Object.entries(r)) if (typeof v === 'string' && /^\d{4}-\d\d-\d\d$/.test(v)) r[k] = `${year}${v.slice(4)}`;
  if (kind === 'awards') r['year'] = year;
  if (kind === 'incidents') Object.assign(r, { category: 'chay_no', solved: 0 }); // a fire may be excused (below)
  return r as AnyRecordInput[K];
}

const counts = () => ({
  statements: sliceStats.statements,
  ...Object.fromEntries(ACTIVITY_KINDS.map((k) => [k, sliceStats.queries[k] ?? 0])),
});
const since = (before: ReturnType<typeof counts>) => {
  const now = counts() as Record<string, number>;
  return Object.fromEntries(Object.entries(before).map(([k, v]) => [k, now[k]! - v]));
};

beforeEach(async () => {
  t = await startBackend(tmp.path());
  communes = await giaVienCommunes(t);
  const api = activityApi(t);
  for (const [i, c] of communes.slice(0, 3).entries()) {
    for (const year of [2008, 2012, 2019, 2025, 2026])
      for (const kind of ACTIVITY_KINDS) await api.save(kind, inYear(kind, c.id, year - i));
  }
  await api.save('incidents', {
    ...inYear('incidents', communes[0]!.id, 2021),
    excuse: 'bat_kha_khang',
    excuseReason: 'Lũ quét trong đêm',
    excuseApprovedBy: 'Đại úy Lê Minh',
    excuseApprovedOn: '2021-07-05',
  });
}, 90_000);
afterEach(() => t.close());

describe('period figures: the missing year slices read by one statement per kind', () => {
  it("each year's groups of the one statement equal the statement of that year alone", async () => {
    const raw = new BetterSqlite3(t.backend.databasePath, { readonly: true });
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
    try {
      const unitClasses = JSON.stringify(Object.fromEntries(communes.map((c, i) => [c.id, i % 3])));
      for (const [from, to] of [
        ['2017-01-01', '2026-12-31'],
        ['2025-07-01', '2026-06-30'],
      ] as const) {
        const period = { from, to };
        const previous = previousPeriod(from, to);
        const slices = yearSlices(previous.from, period.to);
        let seen = 0;
        for (const kind of ACTIVITY_KINDS) {
          const byYear = await countedGroupsByYear(db, kind, {
            slice: { from: slices[0]!.from, to: slices.at(-1)!.to },
            period,
            previous,
            unitClasses,
          });
          for (const slice of slices) {
            const alone = await countedGroups(db, kind, { slice, period, previous, unitClasses });
            const sorted = <T>(xs: T[]) => xs.map((x) => JSON.stringify(x)).sort();
            expect(sorted(byYear.get(slice.from.slice(0, 4)) ?? [])).toEqual(sorted(alone));
            seen += alone.length;
          }
          expect([...byYear.keys()].every((y) => slices.some((s) => s.from.startsWith(y)))).toBe(true);
        }
        expect(seen).toBeGreaterThan(0);
      }
    } finally {
      raw.close();
    }
  }, 60_000);

  it('a fresh call runs one statement per kind; kept years are not read again; an edit reads its kind once', async () => {
    // One year first: its slices 2025 and 2026 are kept.
    let at = counts();
    const year = await figures();
    expect(since(at)).toEqual({ statements: 7, propaganda: 2, events: 2, tips: 2, mediations: 2, incidents: 2, awards: 2 });
    expect(lastPhases['period.figures']).toHaveProperty('activity records (both periods)');
    expect(lastPhases['period.figures']).toHaveProperty('registries (both periods)');

    // Ten years: the eighteen other slices of each kind, one statement per kind (and the excused incidents').
    at = counts();
    const ten = await figures(TEN_YEARS);
    expect(since(at)).toEqual({ statements: 7, propaganda: 18, events: 18, tips: 18, mediations: 18, incidents: 18, awards: 18 });
    expect(ten.excused).toHaveLength(1);
    at = counts();
    expect(await figures(TEN_YEARS)).toEqual(ten);
    expect(since(at).statements).toBe(0);

    // A tip moved from 2026 (this period) to 2010 (the previous ten years): tips' two touched years, one statement each.
    const api = activityApi(t);
    const saved = await api.save('tips', inYear('tips', communes[3]!.id, 2026));
    const withTip = await figures(TEN_YEARS);
    expect(withTip.activities.current['tips.total']).toBe(ten.activities.current['tips.total'] + 1);
    at = counts();
    await api.save('tips', inYear('tips', communes[3]!.id, 2010), saved.id);
    const moved = await figures(TEN_YEARS);
    expect(since(at)).toEqual({ statements: 2, propaganda: 0, events: 0, tips: 2, mediations: 0, incidents: 0, awards: 0 });
    expect(moved.activities.current['tips.total']).toBe(ten.activities.current['tips.total']);
    expect(moved.activities.previous['tips.total']).toBe(ten.activities.previous['tips.total'] + 1);

    // A propaganda session of 2026 read by the one-year call: propaganda's slice 2026, one statement.
    at = counts();
    await api.save('propaganda', { ...inYear('propaganda', communes[3]!.id, 2026), attendance: 77 });
    const after = await figures();
    expect(since(at)).toEqual({ statements: 1, propaganda: 1, events: 0, tips: 0, mediations: 0, incidents: 0, awards: 0 });
    expect(after.activities.current['propaganda.attendance']).toBe(year.activities.current['propaganda.attendance'] + 77);

    expect(await cold(TEN_YEARS)).toEqual(await figures(TEN_YEARS));
    expect(await cold()).toEqual(after);
  }, 90_000);
});
