/**
 * shared/domain/lineage.ts: units across time. Example-based tests for every rule, and property
 * tests of the roll-up over randomly generated histories of merges and splits: totals are
 * preserved, rolling up twice changes nothing, and the order of the input rows does not matter.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  activeOn,
  carrierOn,
  checkFigures,
  checkLineage,
  checkMerge,
  checkSplit,
  checkSuccessorPlacement,
  closeCurrent,
  currentSince,
  duplicateChildNames,
  existedInYear,
  findCycle,
  nextDay,
  previousDay,
  referenceDateInYear,
  rollUp,
  totalOf,
  treeAsOf,
  valueOn,
  yearEndOrToday,
  LineageCycleError,
  type DatedUnit,
  type Figure,
  type HistoricUnit,
  type LineageLink,
  type PastInterval,
  type PlanUnit,
  type UnitLabel,
} from '../../../shared/domain/lineage';
import { isVietnameseMessage } from '../../support/vietnamese';

const u = (id: string, validFrom: string | null, validTo: string | null): DatedUnit => ({ id, validFrom, validTo });
const link = (
  predecessorId: string,
  successorId: string,
  effectiveDate: string,
  primary = true,
  kind: LineageLink['kind'] = 'merge',
): LineageLink => ({
  predecessorId,
  successorId,
  effectiveDate,
  kind,
  primary,
});
const mapOf = (units: DatedUnit[]) => new Map(units.map((x) => [x.id, x]));

describe('dates', () => {
  it('moves one day across month, year and leap-day boundaries', () => {
    expect(previousDay('2025-07-01')).toBe('2025-06-30');
    expect(previousDay('2025-01-01')).toBe('2024-12-31');
    expect(nextDay('2024-02-28')).toBe('2024-02-29');
    expect(nextDay('2023-02-28')).toBe('2023-03-01');
    expect(nextDay(previousDay('2000-03-01'))).toBe('2000-03-01');
  });

  it('knows when a unit is active, which years it existed in, and the day that stands for a year', () => {
    const a = u('a', '2020-05-01', '2025-06-30');
    expect(activeOn(a, '2020-04-30')).toBe(false);
    expect(activeOn(a, '2020-05-01')).toBe(true);
    expect(activeOn(a, '2025-06-30')).toBe(true);
    expect(activeOn(a, '2025-07-01')).toBe(false);
    expect(activeOn(u('b', null, null), '1900-01-01')).toBe(true);
    expect([2019, 2020, 2025, 2026].map((y) => existedInYear(a, y))).toEqual([false, true, true, false]);
    expect(referenceDateInYear(a, 2025, '2026-11-22')).toBe('2025-06-30');
    expect(referenceDateInYear(a, 2023, '2026-11-22')).toBe('2023-12-31');
    expect(referenceDateInYear(u('c', null, null), 2026, '2026-11-22')).toBe('2026-11-22');
    expect(yearEndOrToday(2022, '2026-11-22')).toBe('2022-12-31');
    expect(yearEndOrToday(2026, '2026-11-22')).toBe('2026-11-22');
  });
});

describe('history of a value', () => {
  const past: PastInterval<string>[] = [
    { validFrom: null, validTo: '2023-12-31', value: 'A' },
    { validFrom: '2024-01-01', validTo: '2025-06-30', value: 'B' },
  ];

  it('returns the value held on a date, the current one after the last interval', () => {
    expect(valueOn('C', past, '1990-01-01')).toBe('A');
    expect(valueOn('C', past, '2023-12-31')).toBe('A');
    expect(valueOn('C', past, '2024-01-01')).toBe('B');
    expect(valueOn('C', past, '2025-07-01')).toBe('C');
    expect(valueOn('C', [], '2000-01-01')).toBe('C');
    expect(currentSince('2020-01-01', past)).toBe('2025-07-01');
    expect(currentSince('2020-01-01', [])).toBe('2020-01-01');
    expect(currentSince(null, [])).toBeNull();
  });

  it('closes the current value up to a day, never rewriting recorded history', () => {
    expect(closeCurrent('C', null, past, '2026-11-21')).toEqual({
      ok: true,
      interval: { validFrom: '2025-07-01', validTo: '2026-11-21', value: 'C' },
    });
    expect(closeCurrent('A', null, [], '2025-06-30')).toEqual({
      ok: true,
      interval: { validFrom: null, validTo: '2025-06-30', value: 'A' },
    });
    // The current value started after that day: it never held, nothing to record.
    expect(closeCurrent('A', '2026-11-22', [], '2026-11-21')).toEqual({ ok: true, interval: null });
    expect(closeCurrent('C', null, past, '2025-06-30')).toEqual({ ok: true, interval: null });
    const refused = closeCurrent('C', null, past, '2024-06-30');
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(isVietnameseMessage(refused.message)).toBe(true);
      expect(refused.message).toContain('30/06/2025');
    }
  });
});

describe('treeAsOf', () => {
  const base = (
    id: string,
    parentId: string | null,
    name: string,
    validFrom: string | null,
    validTo: string | null,
    level: HistoricUnit['level'] = 'xa',
  ): HistoricUnit => ({
    id,
    parentId,
    level,
    kind: level === 'huyen' ? 'huyen' : level === 'xa' ? 'xa' : 'thon',
    name,
    code: null,
    validFrom,
    validTo,
  });
  const units = [
    base('root', null, 'Huyện Gia Viễn', null, null, 'huyen'),
    base('old', 'root', 'Xã Gia Phú', null, '2025-06-30'),
    base('new', 'root', 'Xã Gia Hưng', '2025-07-01', null),
    base('thon', 'new', 'Thôn 1', '2020-01-01', null, 'khu_dan_cu'),
    // Unknown start under a commune that only exists from 2025: cannot have existed before.
    base('late', 'new', 'Thôn 2', null, null, 'khu_dan_cu'),
  ];
  const parents = new Map([['thon', [{ validFrom: '2020-01-01', validTo: '2025-06-30', value: 'old' }]]]);
  const labels = new Map<string, PastInterval<UnitLabel>[]>([
    ['old', [{ validFrom: null, validTo: '2021-12-31', value: { name: 'Xã Gia Phú Cũ', kind: 'xa', code: '1' } }]],
  ]);

  it('gives the units of a date with the parent and name they had then', () => {
    const y2021 = treeAsOf(units, parents, labels, '2021-06-01');
    expect(y2021.map((x) => [x.id, x.name, x.parentId])).toEqual([
      ['root', 'Huyện Gia Viễn', null],
      ['old', 'Xã Gia Phú Cũ', 'root'],
      ['thon', 'Thôn 1', 'old'],
    ]);
    expect(treeAsOf(units, parents, labels, '2023-01-01').find((x) => x.id === 'old')?.name).toBe('Xã Gia Phú');
    const now = treeAsOf(units, parents, labels, '2026-01-01');
    expect(now.map((x) => [x.id, x.parentId])).toEqual([
      ['root', null],
      ['new', 'root'],
      ['thon', 'new'],
      ['late', 'new'],
    ]);
  });
});

describe('checkLineage', () => {
  const units = mapOf([u('a', null, '2025-06-30'), u('b', null, '2025-06-30'), u('s', '2025-07-01', null), u('t', '2025-07-01', null)]);
  const names = (id: string) => ({ a: 'Xã A', b: 'Xã B', s: 'Xã S', t: 'Xã T' })[id] ?? id;

  it('accepts merges and a split with one primary link per predecessor', () => {
    expect(checkLineage(units, [link('a', 's', '2025-07-01'), link('b', 's', '2025-07-01')], names)).toBeNull();
    expect(
      checkLineage(units, [link('a', 's', '2025-07-01', true, 'split'), link('a', 't', '2025-07-01', false, 'split')], names),
    ).toBeNull();
    expect(checkLineage(units, [], names)).toBeNull();
  });

  it('refuses self links, duplicates, missing or double primaries, wrong dates, inactive successors, cycles', () => {
    const cases: [LineageLink[], RegExp][] = [
      [[link('a', 'a', '2025-07-01')], /chính nó/],
      [[link('a', 's', '2025-07-01'), link('a', 's', '2025-07-01', false)], /ghi hai lần/],
      [[link('a', 's', '2025-07-01', false)], /Cần chọn một đơn vị kế thừa chính cho "Xã A"/],
      [[link('a', 's', '2025-07-01'), link('a', 't', '2025-07-01')], /chỉ có thể có một/],
      [[link('a', 's', '2025-08-01')], /phải kết thúc ngày 31\/07\/2025/],
      [[link('a', 'x', '2025-07-01')], /không còn trong dữ liệu/],
    ];
    for (const [links, pattern] of cases) {
      const message = checkLineage(units, links, names);
      expect(message, pattern.source).toMatch(pattern);
      expect(isVietnameseMessage(message)).toBe(true);
    }
    const inactive = mapOf([u('a', null, '2025-06-30'), u('s', '2026-01-01', null)]);
    expect(checkLineage(inactive, [link('a', 's', '2025-07-01')], names)).toMatch(/phải đang hoạt động vào ngày 01\/07\/2025/);
    const loop = mapOf([u('a', null, '2025-06-30'), u('b', null, '2025-06-30')]);
    expect(checkLineage(loop, [link('a', 'b', '2025-07-01'), link('b', 'a', '2025-07-01')], names)).toMatch(/phải đang hoạt động|vòng lặp/);
  });

  it('finds cycles in any graph, and none in a chain', () => {
    expect(findCycle([link('a', 'b', 'x'), link('b', 'c', 'x'), link('c', 'a', 'x')])).toEqual(['a', 'b', 'c', 'a']);
    expect(findCycle([link('a', 'b', 'x'), link('b', 'c', 'x'), link('a', 'c', 'x')])).toBeNull();
    expect(findCycle([link('a', 'b', 'x'), link('c', 'c', 'x')])).toEqual(['c', 'c']);
  });
});

describe('carrierOn and rollUp', () => {
  // a, b → s on 2024-01-01; s splits into p (primary) and q on 2026-01-01. c ends without successor.
  const units = mapOf([
    u('a', null, '2023-12-31'),
    u('b', null, '2023-12-31'),
    u('s', '2024-01-01', '2025-12-31'),
    u('p', '2026-01-01', null),
    u('q', '2026-01-01', null),
    u('c', null, '2022-06-30'),
    u('n', '2027-01-01', null),
  ]);
  const links = [
    link('a', 's', '2024-01-01'),
    link('b', 's', '2024-01-01'),
    link('s', 'p', '2026-01-01', true, 'split'),
    link('s', 'q', '2026-01-01', false, 'split'),
  ];
  const primaryOf = new Map(links.filter((l) => l.primary).map((l) => [l.predecessorId, l]));

  it('follows primary successors through a chain of reorganisations', () => {
    expect(carrierOn('a', '2023-06-01', units, primaryOf)).toBe('a');
    expect(carrierOn('a', '2024-06-01', units, primaryOf)).toBe('s');
    expect(carrierOn('a', '2026-11-22', units, primaryOf)).toBe('p');
    expect(carrierOn('q', '2026-11-22', units, primaryOf)).toBe('q');
    expect(carrierOn('c', '2026-11-22', units, primaryOf)).toBeNull();
    expect(carrierOn('n', '2026-11-22', units, primaryOf)).toBeNull();
    expect(carrierOn('missing', '2026-11-22', units, primaryOf)).toBeNull();
  });

  it('sums figures on the carrying unit; unknown values stay unknown; lost figures are listed', () => {
    const figures: Figure[] = [
      { unitId: 'a', households: 100, residents: 400 },
      { unitId: 'b', households: 50, residents: null },
      { unitId: 'c', households: 7, residents: 9 },
      { unitId: 'q', households: null, residents: null },
    ];
    const r = rollUp(figures, units, links, '2026-11-22');
    expect(r.rows).toEqual([
      { unitId: 'p', households: 150, residents: 400, sourceIds: ['a', 'b'] },
      { unitId: 'q', households: null, residents: null, sourceIds: ['q'] },
    ]);
    expect(r.unresolved).toEqual([{ unitId: 'c', households: 7, residents: 9, sourceIds: ['c'] }]);
    expect(totalOf(r.rows, 'households')).toBe(150);
    expect(totalOf([], 'residents')).toBeNull();
    // By the units of 2023 nothing moves.
    expect(rollUp(figures.slice(0, 2), units, links, '2023-12-31').rows.map((x) => x.unitId)).toEqual(['a', 'b']);
  });

  it('refuses a graph with a cycle of primary links', () => {
    const loop = mapOf([u('x', null, '2020-01-01'), u('y', null, '2020-01-01')]);
    expect(() =>
      rollUp(
        [{ unitId: 'x', households: 1, residents: 1 }],
        loop,
        [link('x', 'y', '2020-01-02'), link('y', 'x', '2020-01-02')],
        '2021-01-01',
      ),
    ).toThrow(LineageCycleError);
  });
});

describe('checks of figures, merges and splits', () => {
  it('refuses fewer residents than households', () => {
    expect(checkFigures(10, 9)).toMatch(/Số nhân khẩu \(9\) không được nhỏ hơn số hộ \(10\)/);
    expect(checkFigures(10, 10)).toBeNull();
    expect(checkFigures(null, 3)).toBeNull();
    expect(checkFigures(1_200, 1_000)).toContain('1.200');
  });

  const pu = (id: string, over: Partial<PlanUnit> = {}): PlanUnit => ({
    id,
    parentId: 'root',
    level: 'xa',
    kind: 'xa',
    name: `Xã ${id.toUpperCase()}`,
    validFrom: null,
    validTo: null,
    ...over,
  });
  const root: PlanUnit = { id: 'root', parentId: null, level: 'huyen', kind: 'huyen', name: 'Huyện', validFrom: null, validTo: null };
  const merge = (over: Partial<Parameters<typeof checkMerge>[0]> = {}) =>
    checkMerge({
      era: 'truoc_2025',
      today: '2026-11-22',
      effectiveDate: '2025-07-01',
      ending: [pu('a'), pu('b')],
      survivor: null,
      newKind: 'xa',
      parent: root,
      requireSameParent: true,
      ...over,
    });

  it('accepts a valid merge and refuses each broken rule with a Vietnamese sentence', () => {
    expect(merge()).toBeNull();
    expect(merge({ ending: [pu('a')], survivor: pu('b', { validFrom: '2025-07-01' }), newKind: null })).toBeNull();
    const refusals: [ReturnType<typeof merge>, RegExp][] = [
      [merge({ ending: [] }), /Hãy chọn các đơn vị/],
      [merge({ ending: [], survivor: pu('a') }), /ít nhất một đơn vị khác/],
      [merge({ ending: [pu('a'), pu('a')] }), /hai lần/],
      [merge({ effectiveDate: '2026-11-23' }), /không được sau ngày hôm nay/],
      [merge({ ending: [pu('a'), pu('t', { level: 'khu_dan_cu', kind: 'thon' })] }), /cùng cấp/],
      [merge({ ending: [pu('a'), pu('b', { validTo: '2024-01-01' })] }), /đã kết thúc hoạt động từ ngày 01\/01\/2024/],
      [merge({ ending: [pu('a'), pu('b', { validFrom: '2025-07-01' })] }), /phải sau ngày bắt đầu/],
      [merge({ ending: [pu('a'), pu('b', { parentId: 'other' })] }), /cùng thuộc một đơn vị cấp trên/],
      [merge({ newKind: 'thon' }), /cùng cấp với các đơn vị được hợp nhất/],
      [merge({ newKind: null }), /Hãy chọn loại/],
      [merge({ parent: { ...root, validTo: '2020-01-01' } }), /đã kết thúc hoạt động/],
      [merge({ ending: [pu('a'), { ...root }] }), /cùng cấp/],
      [merge({ ending: [pu('p', { level: 'tinh', kind: 'tinh' }), pu('q', { level: 'tinh', kind: 'tinh' })] }), /cấp tỉnh/],
      [merge({ era: 'sau_2025', parent: root }), /Dưới cấp huyện|cấp thấp nhất/],
    ];
    for (const [message, pattern] of refusals) {
      expect(message, pattern.source).toMatch(pattern);
      expect(isVietnameseMessage(message), String(message)).toBe(true);
    }
    // Across parents is allowed for the 2025 step.
    expect(merge({ ending: [pu('a'), pu('b', { parentId: 'other' })], requireSameParent: false })).toBeNull();
  });

  it('accepts a valid split and refuses each broken rule', () => {
    const unit = pu('x');
    const child = pu('t', { level: 'khu_dan_cu', kind: 'thon', parentId: 'x', name: 'Thôn 1' });
    const two = [
      { name: 'Xã X1', kind: 'xa' as const, code: '1', primary: true },
      { name: 'Xã X2', kind: 'xa' as const, code: '2', primary: false },
    ];
    const split = (over: Partial<Parameters<typeof checkSplit>[0]> = {}) =>
      checkSplit({
        today: '2026-11-22',
        effectiveDate: '2025-01-01',
        unit,
        parent: root,
        era: 'truoc_2025',
        successors: two,
        children: [{ child, to: 1 }],
        ...over,
      });
    expect(split()).toBeNull();
    expect(split({ unit: { ...root } })).toMatch(/đơn vị gốc/);
    expect(split({ unit: pu('x', { validTo: '2024-01-01' }) })).toMatch(/đã kết thúc/);
    expect(split({ effectiveDate: '2027-01-01' })).toMatch(/không được sau ngày hôm nay/);
    expect(split({ unit: pu('x', { validFrom: '2025-01-01' }) })).toMatch(/phải sau ngày bắt đầu/);
    expect(split({ successors: two.slice(0, 1) })).toMatch(/ít nhất hai/);
    expect(split({ successors: two.map((s) => ({ ...s, primary: false })) })).toMatch(/đúng một/);
    expect(split({ successors: [two[0]!, { ...two[1]!, name: 'xa x1' }] })).toMatch(/trùng tên/);
    expect(split({ successors: [two[0]!, { ...two[1]!, code: '1' }] })).toMatch(/trùng mã/);
    expect(split({ successors: [two[0]!, { ...two[1]!, kind: 'thon' }] })).toMatch(/cùng cấp/);
    expect(split({ children: [{ child, to: undefined }] })).toMatch(/Hãy chọn đơn vị mới cho "Thôn 1"/);
    expect(split({ children: [{ child, to: 2 }] })).toMatch(/Hãy chọn đơn vị mới/);
  });

  it("places successors by the office's levels and the kinds of their own catalogue", () => {
    expect(checkSuccessorPlacement('truoc_2025', 'sau_2025', 'huyen', 'dac_khu')).toBeNull();
    expect(checkSuccessorPlacement('truoc_2025', 'truoc_2025', 'huyen', 'dac_khu')).toMatch(/Đặc khu chỉ có từ/);
    expect(checkSuccessorPlacement('truoc_2025', 'sau_2025', 'huyen', 'thi_tran')).toMatch(/Thị trấn không còn/);
    expect(checkSuccessorPlacement('sau_2025', 'sau_2025', 'tinh', 'xa')).toBeNull();
    expect(checkSuccessorPlacement('truoc_2025', 'sau_2025', 'tinh', 'xa')).toMatch(/Dưới cấp tỉnh chỉ có thể đặt đơn vị cấp huyện/);
    expect(checkSuccessorPlacement('sau_2025', 'sau_2025', 'khu_dan_cu', 'thon')).toMatch(/cấp thấp nhất/);
  });

  it('lists names that would appear twice among the children of one unit', () => {
    expect(
      duplicateChildNames([
        { name: 'Thôn 1', from: 'Xã A' },
        { name: 'thôn 1', from: 'Xã B' },
        { name: 'Thôn 2', from: 'Xã A' },
      ]),
    ).toEqual([{ name: 'Thôn 1', from: ['Xã A', 'Xã B'] }]);
  });
});

// ---------------------------------------------------------------------------------------------
// Property tests over random histories of merges and splits

interface World {
  units: Map<string, DatedUnit>;
  links: LineageLink[];
  lastDate: string;
}

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

interface EventScript {
  split: boolean;
  picks: number[];
  absorb: boolean;
  successors: number;
  primary: number;
  gapDays: number;
}

/** Builds a consistent history by replaying random choices: each event ends units on D − 1. */
function buildWorld(initial: number, script: readonly EventScript[]): World {
  const units = new Map<string, DatedUnit>();
  const links: LineageLink[] = [];
  let next = 0;
  const make = (validFrom: string | null): DatedUnit => {
    const x = { id: `u${String(next++).padStart(3, '0')}`, validFrom, validTo: null as string | null };
    units.set(x.id, x);
    return x;
  };
  for (let i = 0; i < initial; i++) make(null);
  let date = '2020-01-01';
  for (const e of script) {
    date = addDays(date, e.gapDays);
    const active = [...units.values()].filter((x) => x.validTo === null);
    if (active.length === 0) break;
    const end = previousDay(date);
    if (e.split) {
      const victim = active[e.picks[0]! % active.length]!;
      victim.validTo = end;
      const succ = Array.from({ length: e.successors }, () => make(date));
      succ.forEach((s, i) => links.push(link(victim.id, s.id, date, i === e.primary % succ.length, 'split')));
    } else {
      const chosen = [...new Set(e.picks.map((p) => active[p % active.length]!))];
      let successor: DatedUnit;
      let ending = chosen;
      if (e.absorb && chosen.length > 1) {
        successor = chosen[0]!;
        ending = chosen.slice(1);
      } else successor = make(date);
      for (const x of ending) {
        x.validTo = end;
        links.push(link(x.id, successor.id, date));
      }
    }
  }
  return { units, links, lastDate: date };
}

const eventArb = fc.record({
  split: fc.boolean(),
  picks: fc.array(fc.nat(50), { minLength: 1, maxLength: 4 }),
  absorb: fc.boolean(),
  successors: fc.integer({ min: 2, max: 3 }),
  primary: fc.nat(5),
  gapDays: fc.integer({ min: 1, max: 400 }),
});

const worldArb = fc.tuple(fc.integer({ min: 1, max: 8 }), fc.array(eventArb, { maxLength: 12 })).map(([n, s]) => buildWorld(n, s));

const scenarioArb = worldArb.chain((world) => {
  const ids = [...world.units.keys()];
  const value = fc.option(fc.nat(100_000), { nil: null });
  return fc.record({
    world: fc.constant(world),
    figures: fc.array(fc.record({ unitId: fc.constantFrom(...ids), households: value, residents: value }), { maxLength: 30 }),
    asOf: fc.integer({ min: -100, max: 600 }).map((d) => addDays(world.lastDate, d)),
  });
});

const sum = (rows: readonly Figure[], f: 'households' | 'residents') => rows.reduce((s, r) => s + (r[f] ?? 0), 0);

describe('roll-up properties', () => {
  it('generated histories are consistent lineage graphs', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        expect(checkLineage(w.units, w.links)).toBeNull();
      }),
    );
  });

  it('preserves totals: every figure lands in exactly one row or among the unresolved', () => {
    fc.assert(
      fc.property(scenarioArb, ({ world, figures, asOf }) => {
        const r = rollUp(figures, world.units, world.links, asOf);
        for (const f of ['households', 'residents'] as const) {
          expect(sum(r.rows, f) + sum(r.unresolved, f)).toBe(sum(figures, f));
        }
        const sources = [...r.rows, ...r.unresolved].flatMap((x) => x.sourceIds);
        expect(new Set(sources)).toEqual(new Set(figures.map((f) => f.unitId)));
        for (const row of r.rows) expect(activeOn(world.units.get(row.unitId)!, asOf)).toBe(true);
      }),
    );
  });

  it('rolling up twice changes nothing', () => {
    fc.assert(
      fc.property(scenarioArb, ({ world, figures, asOf }) => {
        const once = rollUp(figures, world.units, world.links, asOf);
        const twice = rollUp(once.rows, world.units, world.links, asOf);
        const strip = (rows: readonly Figure[]) => rows.map(({ unitId, households, residents }) => ({ unitId, households, residents }));
        expect(strip(twice.rows)).toEqual(strip(once.rows));
        expect(twice.unresolved).toEqual([]);
      }),
    );
  });

  it('the order of the input rows does not matter', () => {
    fc.assert(
      fc.property(
        scenarioArb.chain((s) =>
          fc.record({
            s: fc.constant(s),
            order: fc.shuffledSubarray(s.figures, { minLength: s.figures.length, maxLength: s.figures.length }),
          }),
        ),
        ({ s, order }) => {
          expect(rollUp(order, s.world.units, s.world.links, s.asOf)).toEqual(rollUp(s.figures, s.world.units, s.world.links, s.asOf));
        },
      ),
    );
  });

  it('after the last reorganisation every figure is carried by a unit that is still active', () => {
    fc.assert(
      fc.property(scenarioArb, ({ world, figures }) => {
        const r = rollUp(figures, world.units, world.links, addDays(world.lastDate, 1));
        // Every unit either is active or ended with a primary successor, so nothing is lost.
        expect(r.unresolved).toEqual([]);
      }),
    );
  });
});
