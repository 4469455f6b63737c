/**
 * Units across time (domain.md §3 H3, §4.1): which units existed on a date, what they were called
 * and where they sat in the tree then, how merges and splits link predecessors to successors, and
 * how a figure recorded for a unit in one year is carried to the units of a later date ("roll-up").
 *
 * Pure and deterministic: dates are ISO strings passed in, nothing reads a clock or a database.
 *
 * Conventions:
 * - A unit is active on D when (validFrom is null or validFrom ≤ D) and (validTo is null or D ≤ validTo).
 *   A null validFrom means "since before the office kept records".
 * - History of a unit's parent or label is kept as closed past intervals; the unit's current row
 *   holds the value from the day after the last interval onwards. So units that never changed need
 *   no history rows at all (e.g. everything created at set-up).
 * - A merge or split effective on D ends every predecessor on D − 1 and links it to its
 *   successor(s). Each predecessor has exactly one *primary* link: its figures follow that link and
 *   only that one, so a figure is never counted twice (a split commune's households go wholly to
 *   the successor the officer marked primary).
 */
import { formatDateVi } from '../lib/dates';
import { compareVietnamese, foldVietnamese } from '../lib/text';
import { validInYear, validOn } from '../lib/validity';
import type { RuleCheck } from './unit-tree';
import { checkKindForEra, checkPlacement } from './unit-tree';
import { LEVEL_LABELS } from './labels';
import type { Era, UnitKind, UnitLevel } from './units';
import { childLevel, kindBelongsToLevel, levelOfKind } from './units';

// ---------------------------------------------------------------------------------------------
// Enums and labels shared by backend messages and screens

export const AREA_TYPES = ['nong_thon', 'do_thi'] as const;
export type AreaType = (typeof AREA_TYPES)[number];
export const AREA_TYPE_LABELS: Readonly<Record<AreaType, string>> = {
  nong_thon: 'Nông thôn',
  do_thi: 'Đô thị',
};

export const LINEAGE_KINDS = ['merge', 'split'] as const;
export type LineageKind = (typeof LINEAGE_KINDS)[number];
export const LINEAGE_KIND_LABELS: Readonly<Record<LineageKind, string>> = {
  merge: 'Hợp nhất, sáp nhập',
  split: 'Chia tách',
};

export const ROLLUP_VIEWS = ['as_of_year', 'today'] as const;
export type RollUpView = (typeof ROLLUP_VIEWS)[number];

/** Levels that carry yearly households/residents figures. */
export const STATS_LEVELS = ['xa', 'khu_dan_cu'] as const satisfies readonly UnitLevel[];
export type StatsLevel = (typeof STATS_LEVELS)[number];

/** Status filter values of the yearly-figures list (ListFilter.status). */
export const STATS_STATUSES = ['trong_diem', 'thieu_so_lieu'] as const;
export type StatsStatus = (typeof STATS_STATUSES)[number];
export const STATS_STATUS_LABELS: Readonly<Record<StatsStatus, string>> = {
  trong_diem: 'Trọng điểm, phức tạp về ANTT',
  thieu_so_lieu: 'Còn thiếu số liệu',
};

/** Resolution 202/2025/QH15: the new communes exist from 1 July 2025; the old ones end the day before. */
export const REORG_2025_DATE = '2025-07-01';
export const REORG_2025_LAST_OLD_DAY = '2025-06-30';

// ---------------------------------------------------------------------------------------------
// Dates

function shiftDay(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export const previousDay = (iso: string): string => shiftDay(iso, -1);
export const nextDay = (iso: string): string => shiftDay(iso, 1);

export interface DatedUnit {
  id: string;
  validFrom: string | null;
  validTo: string | null;
}

export function activeOn(u: DatedUnit, date: string): boolean {
  return validOn(u, date);
}

/** Did the unit exist on at least one day of the year? */
export function existedInYear(u: DatedUnit, year: number): boolean {
  return validInYear(u, year);
}

/**
 * The day that represents "the unit in year Y": the last day of Y it existed, and never after
 * today (the current year's tree is today's tree). Used for the unit's name and parent in Y.
 */
export function referenceDateInYear(u: DatedUnit, year: number, today: string): string {
  let d = `${year}-12-31`;
  if (today < d) d = today;
  if (u.validTo !== null && u.validTo < d) d = u.validTo;
  return d;
}

/** The date a year's tree is drawn at: 31/12 of the year, or today for the current year. */
export function yearEndOrToday(year: number, today: string): string {
  const end = `${year}-12-31`;
  return today < end ? today : end;
}

// ---------------------------------------------------------------------------------------------
// History of a value (parent, label): closed past intervals + the current value

export interface PastInterval<T> {
  /** null: since the unit's start. */
  validFrom: string | null;
  validTo: string;
  value: T;
}

/**
 * The value held on `date`: the past interval that contains it, else the current value. With
 * consistent history the intervals do not overlap; the one ending first wins if they ever do.
 */
export function valueOn<T>(current: T, past: readonly PastInterval<T>[], date: string): T {
  let best: PastInterval<T> | null = null;
  for (const p of past) {
    if (p.validTo >= date && (p.validFrom === null || p.validFrom <= date)) {
      if (best === null || p.validTo < best.validTo) best = p;
    }
  }
  return best ? best.value : current;
}

/** Where the current value's period starts: the day after the last past interval, or the unit's start. */
export function currentSince(unitStart: string | null, past: readonly PastInterval<unknown>[]): string | null {
  let last: string | null = null;
  for (const p of past) if (last === null || p.validTo > last) last = p.validTo;
  return last === null ? unitStart : nextDay(last);
}

export type ClosePlan<T> = { ok: true; interval: PastInterval<T> | null } | { ok: false; message: string };

/**
 * The past interval to record when the current value stops being true after `lastDay` (the value
 * changes on lastDay + 1). Null when the current value never held on any day (it started after
 * lastDay, e.g. a residential area created under a commune whose merge is entered later). Refused
 * when lastDay lies inside an interval already recorded: history is never rewritten.
 */
export function closeCurrent<T>(current: T, unitStart: string | null, past: readonly PastInterval<T>[], lastDay: string): ClosePlan<T> {
  const since = currentSince(unitStart, past);
  const lastRecorded = past.reduce<string | null>((m, p) => (m === null || p.validTo > m ? p.validTo : m), null);
  if (lastRecorded !== null && lastDay < lastRecorded) {
    return {
      ok: false,
      message: `Đã có thay đổi được ghi nhận đến ngày ${formatDateVi(lastRecorded)}; không thể ghi thay đổi có hiệu lực sớm hơn.`,
    };
  }
  if (since !== null && lastDay < since) return { ok: true, interval: null };
  return { ok: true, interval: { validFrom: since, validTo: lastDay, value: current } };
}

// ---------------------------------------------------------------------------------------------
// The tree as of a date

export interface HistoricUnit extends DatedUnit {
  parentId: string | null;
  level: UnitLevel;
  kind: UnitKind;
  name: string;
  code: string | null;
}

export interface UnitLabel {
  name: string;
  kind: UnitKind;
  code: string | null;
}

/**
 * Units that existed on `date`, each with the parent and the name, kind and code it had then.
 * A unit whose parent did not exist on that date is left out with its subtree: a unit cannot
 * outlive or predate its parent, so its unknown start must lie after `date`.
 */
export function treeAsOf<U extends HistoricUnit>(
  units: readonly U[],
  parentHistory: ReadonlyMap<string, readonly PastInterval<string>[]>,
  labelHistory: ReadonlyMap<string, readonly PastInterval<UnitLabel>[]>,
  date: string,
): U[] {
  const candidates = new Map<string, U>();
  for (const u of units) {
    if (!activeOn(u, date)) continue;
    const label = valueOn<UnitLabel>({ name: u.name, kind: u.kind, code: u.code }, labelHistory.get(u.id) ?? [], date);
    const parentId = u.parentId === null ? null : valueOn(u.parentId, parentHistory.get(u.id) ?? [], date);
    candidates.set(u.id, { ...u, parentId, name: label.name, kind: label.kind, code: label.code });
  }
  // Keep a unit only when its whole chain of parents exists on that date.
  const kept = new Map<string, boolean>();
  const keep = (id: string, depth: number): boolean => {
    const known = kept.get(id);
    if (known !== undefined) return known;
    const u = candidates.get(id);
    let ok = false;
    if (u && depth < 10_000) ok = u.parentId === null ? true : keep(u.parentId, depth + 1);
    kept.set(id, ok);
    return ok;
  };
  return [...candidates.values()].filter((u) => keep(u.id, 0));
}

// ---------------------------------------------------------------------------------------------
// Lineage

export interface LineageLink {
  predecessorId: string;
  successorId: string;
  effectiveDate: string;
  kind: LineageKind;
  primary: boolean;
}

/** Is there a cycle in the links (a unit that would be its own predecessor)? */
export function findCycle(links: readonly LineageLink[]): string[] | null {
  const next = new Map<string, string[]>();
  for (const l of links) {
    const list = next.get(l.predecessorId);
    if (list) list.push(l.successorId);
    else next.set(l.predecessorId, [l.successorId]);
  }
  const state = new Map<string, 1 | 2>(); // 1 = on the current path, 2 = done
  for (const start of next.keys()) {
    if (state.has(start)) continue;
    // Iterative DFS: chains of reorganisations can be long.
    const stack: { id: string; i: number }[] = [{ id: start, i: 0 }];
    const path: string[] = [start];
    state.set(start, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const succ = next.get(top.id) ?? [];
      if (top.i < succ.length) {
        const s = succ[top.i++]!;
        const st = state.get(s);
        if (st === 1) return [...path.slice(path.indexOf(s)), s];
        if (st === undefined) {
          state.set(s, 1);
          stack.push({ id: s, i: 0 });
          path.push(s);
        }
      } else {
        state.set(top.id, 2);
        stack.pop();
        path.pop();
      }
    }
  }
  return null;
}

/**
 * Consistency of a lineage graph against the units' dates. Returns the first problem in Vietnamese
 * (names through `nameOf`), or null. The services check the graph as it would be after a change
 * and refuse the change when this is not null.
 */
export function checkLineage(
  units: ReadonlyMap<string, DatedUnit>,
  links: readonly LineageLink[],
  nameOf: (id: string) => string = (id) => id,
): RuleCheck {
  const pairs = new Set<string>();
  const primaries = new Map<string, number>();
  const linked = new Set<string>();
  for (const l of links) {
    if (l.predecessorId === l.successorId) return `"${nameOf(l.predecessorId)}" không thể kế thừa chính nó.`;
    const key = `${l.predecessorId}>${l.successorId}`;
    if (pairs.has(key)) return `Quan hệ kế thừa "${nameOf(l.predecessorId)}" → "${nameOf(l.successorId)}" bị ghi hai lần.`;
    pairs.add(key);
    linked.add(l.predecessorId);
    if (l.primary) primaries.set(l.predecessorId, (primaries.get(l.predecessorId) ?? 0) + 1);
    const p = units.get(l.predecessorId);
    const s = units.get(l.successorId);
    if (!p || !s) return 'Quan hệ kế thừa nhắc tới đơn vị không còn trong dữ liệu.';
    if (p.validTo === null || p.validTo !== previousDay(l.effectiveDate)) {
      return `"${nameOf(p.id)}" phải kết thúc ngày ${formatDateVi(previousDay(l.effectiveDate))}, ngay trước ngày hiệu lực ${formatDateVi(l.effectiveDate)}.`;
    }
    if (!activeOn(s, l.effectiveDate)) {
      return `Đơn vị kế thừa "${nameOf(s.id)}" phải đang hoạt động vào ngày ${formatDateVi(l.effectiveDate)}.`;
    }
  }
  for (const id of linked) {
    const n = primaries.get(id) ?? 0;
    if (n !== 1) {
      return n === 0
        ? `Cần chọn một đơn vị kế thừa chính cho "${nameOf(id)}" (số liệu cũ được cộng vào đơn vị này).`
        : `"${nameOf(id)}" chỉ có thể có một đơn vị kế thừa chính.`;
    }
  }
  const cycle = findCycle(links);
  if (cycle) return `Quan hệ kế thừa tạo thành vòng lặp: ${cycle.map(nameOf).join(' → ')}.`;
  return null;
}

/** Primary successor link of each predecessor. */
function primaryIndex(links: readonly LineageLink[]): Map<string, LineageLink> {
  const map = new Map<string, LineageLink>();
  for (const l of links) if (l.primary) map.set(l.predecessorId, l);
  return map;
}

export class LineageCycleError extends Error {
  constructor(readonly unitIds: string[]) {
    super(`lineage cycle through ${unitIds.join(' > ')}`);
    this.name = 'LineageCycleError';
  }
}

/**
 * The unit that carries `unitId`'s records on `date`: itself if it existed then, else the unit
 * reached by following primary successor links. Null when the chain stops (ended without a
 * successor) or when the unit had not started yet on that date.
 */
export function carrierOn(
  unitId: string,
  date: string,
  units: ReadonlyMap<string, DatedUnit>,
  primaryOf: ReadonlyMap<string, LineageLink>,
): string | null {
  const seen: string[] = [];
  let id = unitId;
  for (;;) {
    const u = units.get(id);
    if (!u) return null;
    if (activeOn(u, date)) return id;
    if (u.validTo === null || u.validTo >= date) return null; // not started yet on that date
    const link = primaryOf.get(id);
    if (!link || link.effectiveDate > date) return null;
    if (seen.includes(id)) throw new LineageCycleError([...seen, id]);
    seen.push(id);
    id = link.successorId;
  }
}

// ---------------------------------------------------------------------------------------------
// Roll-up of figures

export interface Figure {
  unitId: string;
  households: number | null;
  residents: number | null;
}

export interface RolledFigure extends Figure {
  /** The units whose figures were summed here, sorted. */
  sourceIds: string[];
}

export interface RollUpResult {
  /** One row per carrying unit, sorted by unit id (callers sort for display). */
  rows: RolledFigure[];
  /** Figures of units that no unit carries on that date (ended without successor, not started). */
  unresolved: RolledFigure[];
}

function addNullable(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return a + b;
}

function accumulate(into: Map<string, RolledFigure>, key: string, f: Figure): void {
  const row = into.get(key);
  if (!row) {
    into.set(key, { unitId: key, households: f.households, residents: f.residents, sourceIds: [f.unitId] });
    return;
  }
  row.households = addNullable(row.households, f.households);
  row.residents = addNullable(row.residents, f.residents);
  if (!row.sourceIds.includes(f.unitId)) row.sourceIds.push(f.unitId);
}

function sortedRows(map: Map<string, RolledFigure>): RolledFigure[] {
  return [...map.values()]
    .map((r) => ({ ...r, sourceIds: [...r.sourceIds].sort() }))
    .sort((a, b) => (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0));
}

/**
 * Carries each figure to the unit that holds its unit's records on `date` (itself, or its
 * successor through primary links, across any number of reorganisations) and sums there. Totals
 * are preserved: every figure lands in exactly one row or in `unresolved`. Missing values (null)
 * are not zeros: a sum is null only when every summed value is missing.
 */
export function rollUp(
  figures: readonly Figure[],
  units: ReadonlyMap<string, DatedUnit>,
  links: readonly LineageLink[],
  date: string,
): RollUpResult {
  const cycle = findCycle(links.filter((l) => l.primary));
  if (cycle) throw new LineageCycleError(cycle);
  const primaryOf = primaryIndex(links);
  const rows = new Map<string, RolledFigure>();
  const unresolved = new Map<string, RolledFigure>();
  for (const f of figures) {
    const carrier = carrierOn(f.unitId, date, units, primaryOf);
    if (carrier === null) accumulate(unresolved, f.unitId, f);
    else accumulate(rows, carrier, f);
  }
  return { rows: sortedRows(rows), unresolved: sortedRows(unresolved) };
}

/** Sums a field over rows (missing values skipped; null when all are missing). */
export function totalOf(rows: readonly Figure[], field: 'households' | 'residents'): number | null {
  return rows.reduce<number | null>((sum, r) => addNullable(sum, r[field]), null);
}

// ---------------------------------------------------------------------------------------------
// Yearly figures

/** A household has at least one member, so residents can never be fewer than households. */
export function checkFigures(households: number | null, residents: number | null): RuleCheck {
  if (households !== null && residents !== null && residents < households) {
    return `Số nhân khẩu (${residents.toLocaleString('vi-VN')}) không được nhỏ hơn số hộ (${households.toLocaleString('vi-VN')}).`;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Merge and split: the checks that need no database

/**
 * Placement of a unit created or moved by a reorganisation: the levels follow the office's
 * hierarchy (`structureEra`), the kind follows the catalogue the unit belongs to (`kindEra`). The
 * 2025 step of a district office puts post-2025 communes (possibly a đặc khu) under a district root
 * that stays in the pre-2025 hierarchy.
 */
export function checkSuccessorPlacement(structureEra: Era, kindEra: Era, parentLevel: UnitLevel, kind: UnitKind): RuleCheck {
  const expected = childLevel(structureEra, parentLevel);
  if (expected === null || !kindBelongsToLevel(kind, expected)) return checkPlacement(structureEra, parentLevel, kind);
  return checkKindForEra(kindEra, kind);
}

export interface PlanUnit extends DatedUnit {
  parentId: string | null;
  level: UnitLevel;
  kind: UnitKind;
  name: string;
}

export interface MergeCheckInput {
  era: Era;
  today: string;
  effectiveDate: string;
  /** Every unit that ends (absorbed ones included; not the absorbing survivor). */
  ending: readonly PlanUnit[];
  /** The absorbing unit when the successor is one of the merged units. */
  survivor: PlanUnit | null;
  /** The new successor's kind when it is new. */
  newKind: UnitKind | null;
  /** The successor's parent (new successor) — checked for placement and activity. */
  parent: PlanUnit | null;
  /** Manual merges keep to one parent; the guided 2025 step may merge across districts. */
  requireSameParent: boolean;
  /** The catalogue the new unit's kind belongs to; defaults to `era`. */
  kindEra?: Era;
}

/** Refusals common to every merge; messages name the units concerned. */
export function checkMerge(input: MergeCheckInput): RuleCheck {
  const { ending, survivor, effectiveDate, today } = input;
  const all = survivor ? [survivor, ...ending] : [...ending];
  if (ending.length === 0) {
    return survivor === null
      ? 'Hãy chọn các đơn vị cần hợp nhất.'
      : 'Hãy chọn ít nhất một đơn vị khác để sáp nhập vào đơn vị được giữ lại.';
  }
  const ids = new Set(all.map((u) => u.id));
  if (ids.size !== all.length) return 'Một đơn vị được chọn hai lần.';
  if (effectiveDate > today) return `Ngày hiệu lực (${formatDateVi(effectiveDate)}) không được sau ngày hôm nay.`;
  const level = all[0]!.level;
  const mixed = all.find((u) => u.level !== level);
  if (mixed) {
    return `Chỉ hợp nhất được các đơn vị cùng cấp: "${all[0]!.name}" là ${LEVEL_LABELS[level]}, "${mixed.name}" là ${LEVEL_LABELS[mixed.level]}.`;
  }
  if (level === 'tinh') return 'Không thể hợp nhất đơn vị cấp tỉnh trong phần mềm của một cơ quan.';
  const root = all.find((u) => u.parentId === null);
  if (root) return `Không thể hợp nhất đơn vị gốc "${root.name}" (cơ quan sử dụng phần mềm).`;
  for (const u of all) {
    if (u.validTo !== null) return `"${u.name}" đã kết thúc hoạt động từ ngày ${formatDateVi(u.validTo)}.`;
    // Ending units must have existed the day before; the kept unit must exist on the day itself.
    const late =
      u === survivor ? u.validFrom !== null && u.validFrom > effectiveDate : u.validFrom !== null && u.validFrom >= effectiveDate;
    if (late) {
      return `Ngày hiệu lực (${formatDateVi(effectiveDate)}) phải sau ngày bắt đầu hoạt động của "${u.name}" (${formatDateVi(u.validFrom)}).`;
    }
  }
  if (input.requireSameParent) {
    const parentId = all[0]!.parentId;
    const other = all.find((u) => u.parentId !== parentId);
    if (other)
      return `Chỉ hợp nhất được các đơn vị cùng thuộc một đơn vị cấp trên ("${all[0]!.name}" và "${other.name}" thuộc hai đơn vị khác nhau).`;
  }
  if (survivor === null) {
    if (input.newKind === null) return 'Hãy chọn loại của đơn vị mới.';
    if (levelOfKind(input.newKind) !== level) return `Đơn vị mới phải cùng cấp với các đơn vị được hợp nhất (${LEVEL_LABELS[level]}).`;
    if (!input.parent) return 'Không tìm thấy đơn vị cấp trên của đơn vị mới.';
    if (input.parent.validTo !== null) return `Không thể đặt đơn vị mới vào "${input.parent.name}" vì đơn vị này đã kết thúc hoạt động.`;
    return checkSuccessorPlacement(input.era, input.kindEra ?? input.era, input.parent.level, input.newKind);
  }
  return null;
}

export interface SplitCheckInput {
  today: string;
  effectiveDate: string;
  unit: PlanUnit;
  parent: PlanUnit | null;
  era: Era;
  successors: readonly { name: string; kind: UnitKind; code: string | null; primary: boolean }[];
  /** Active children of the unit and the successor index each goes to (undefined = not assigned). */
  children: readonly { child: PlanUnit; to: number | undefined }[];
}

export function checkSplit(input: SplitCheckInput): RuleCheck {
  const { unit, successors, effectiveDate } = input;
  if (unit.parentId === null) return `Không thể chia tách đơn vị gốc "${unit.name}" (cơ quan sử dụng phần mềm).`;
  if (unit.level === 'tinh') return 'Không thể chia tách đơn vị cấp tỉnh trong phần mềm của một cơ quan.';
  if (unit.validTo !== null) return `"${unit.name}" đã kết thúc hoạt động từ ngày ${formatDateVi(unit.validTo)}.`;
  if (effectiveDate > input.today) return `Ngày hiệu lực (${formatDateVi(effectiveDate)}) không được sau ngày hôm nay.`;
  if (unit.validFrom !== null && unit.validFrom >= effectiveDate) {
    return `Ngày hiệu lực (${formatDateVi(effectiveDate)}) phải sau ngày bắt đầu hoạt động của "${unit.name}" (${formatDateVi(unit.validFrom)}).`;
  }
  if (successors.length < 2) return 'Chia tách cần ít nhất hai đơn vị mới.';
  const primaries = successors.filter((s) => s.primary).length;
  if (primaries !== 1) return 'Hãy chọn đúng một đơn vị kế thừa chính (số liệu cũ được cộng vào đơn vị này).';
  const names = new Set<string>();
  const codes = new Set<string>();
  for (const s of successors) {
    if (levelOfKind(s.kind) !== unit.level) return `Đơn vị mới "${s.name}" phải cùng cấp với "${unit.name}" (${LEVEL_LABELS[unit.level]}).`;
    const folded = foldVietnamese(s.name);
    if (names.has(folded)) return `Hai đơn vị mới trùng tên "${s.name}".`;
    names.add(folded);
    if (s.code !== null) {
      if (codes.has(s.code)) return `Hai đơn vị mới trùng mã "${s.code}".`;
      codes.add(s.code);
    }
    if (input.parent) {
      const placement = checkPlacement(input.era, input.parent.level, s.kind);
      if (placement) return placement;
    }
  }
  for (const c of input.children) {
    if (c.to === undefined || c.to < 0 || c.to >= successors.length) {
      return `Hãy chọn đơn vị mới cho "${c.child.name}".`;
    }
  }
  return null;
}

/** Names that would appear twice among the active children of one unit, with where they come from. */
export function duplicateChildNames(children: readonly { name: string; from: string }[]): { name: string; from: string[] }[] {
  const groups = new Map<string, { name: string; from: string[] }>();
  for (const c of children) {
    const key = foldVietnamese(c.name);
    const g = groups.get(key);
    if (g) g.from.push(c.from);
    else groups.set(key, { name: c.name, from: [c.from] });
  }
  return [...groups.values()].filter((g) => g.from.length > 1).sort((a, b) => compareVietnamese(a.name, b.name));
}
