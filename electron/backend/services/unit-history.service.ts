/**
 * Units across time (issue 3 item 1): yearly figures and flags, area type, merge and split with
 * lineage, the tree as of a date, the guided 2025 reorganisation and the roll-up of past figures.
 *
 * Every change runs in one transaction; the pure rules live in shared/domain/lineage.ts and
 * shared/domain/unit-tree.ts. A refusal throws an AppError with a Vietnamese message, which rolls
 * the transaction back: nothing is half-written.
 */
import type { ServiceContext } from '../context';
import type { MethodOutput, OfficeDto, ParsedInput, UnitDto } from '../../../shared/ipc/contract';
import type { StatsRowDto, RollUpRowDto, ReorgProposalDto } from '../../../shared/ipc/contracts/unit-history.contract';
import { AppError } from '../errors';
import {
  findUnit,
  insertChanges,
  insertUnits,
  listChildren,
  listUnits,
  updateUnit,
  type Db,
  type NewChange,
} from '../repos/units.repo';
import { getOffice } from '../repos/office.repo';
import {
  allLineage,
  areaTypeOf,
  areaTypes,
  closeLabelPeriod,
  closeParentPeriod,
  codeEras,
  findStat,
  insertLineage,
  insertStat,
  labelHistory,
  lineageTouching,
  linkDto,
  parentHistory,
  setAreaType as writeAreaType,
  setCodeEra,
  setOfficeEra,
  statsOfUnit,
  statsOfYear,
  toYearStatDto,
  updateStat,
  type LineageRow,
  type StatValues,
} from '../repos/unit-history.repo';
import { assertUniqueAmongSiblings, requireEra, requireUnit } from './units.service';
import {
  AREA_TYPE_LABELS,
  REORG_2025_DATE,
  REORG_2025_LAST_OLD_DAY,
  activeOn,
  checkFigures,
  checkLineage,
  checkMerge,
  checkSplit,
  checkSuccessorPlacement,
  duplicateChildNames,
  existedInYear,
  previousDay,
  referenceDateInYear,
  rollUp,
  totalOf,
  treeAsOf,
  valueOn,
  yearEndOrToday,
  type DatedUnit,
  type LineageKind,
  type PastInterval,
  type StatsLevel,
  type UnitLabel,
} from '../../../shared/domain/lineage';
import { checkEndDate } from '../../../shared/domain/unit-tree';
import { levelOfKind, type Era, type UnitKind } from '../../../shared/domain/units';
import { LEVEL_LABELS } from '../../../shared/domain/labels';
import { formatDateVi } from '../../../shared/lib/dates';
import { compareVietnamese, matchesQuery } from '../../../shared/lib/text';

function refuse(message: string | null, details?: Record<string, string>): void {
  if (message !== null) throw new AppError('RULE', message, details);
}

const yearOf = (iso: string): number => Number(iso.slice(0, 4));
const quoteList = (names: readonly string[]): string => names.map((n) => `"${n}"`).join(', ');

// ---------------------------------------------------------------------------------------------
// Units with their history, for views of a past date

interface History {
  all: UnitDto[];
  byId: Map<string, UnitDto>;
  parents: Map<string, PastInterval<string>[]>;
  labels: Map<string, PastInterval<UnitLabel>[]>;
}

async function loadHistory(db: Db): Promise<History> {
  const all = await listUnits(db, true);
  return { all, byId: new Map(all.map((u) => [u.id, u])), parents: await parentHistory(db), labels: await labelHistory(db) };
}

function labelOn(h: History, u: UnitDto, date: string): UnitLabel {
  return valueOn<UnitLabel>({ name: u.name, kind: u.kind, code: u.code }, h.labels.get(u.id) ?? [], date);
}

function parentOn(h: History, u: UnitDto, date: string): string | null {
  return u.parentId === null ? null : valueOn(u.parentId, h.parents.get(u.id) ?? [], date);
}

/** Is `ancestorId` the unit itself or above it on `date`? */
function isWithin(h: History, unitId: string, ancestorId: string, date: string): boolean {
  let cursor: string | null = unitId;
  for (let steps = 0; cursor !== null && steps < 10_000; steps++) {
    if (cursor === ancestorId) return true;
    const u = h.byId.get(cursor);
    cursor = u ? parentOn(h, u, date) : null;
  }
  return false;
}

function sortByParentThenName<T extends { parentName: string | null; name: string }>(rows: T[]): T[] {
  return rows.sort((a, b) => compareVietnamese(a.parentName ?? '', b.parentName ?? '') || compareVietnamese(a.name, b.name));
}

export async function unitsAsOf(ctx: ServiceContext, date: string): Promise<MethodOutput<'units.asOf'>> {
  const h = await loadHistory(ctx.db);
  return treeAsOf(h.all, h.parents, h.labels, date);
}

// ---------------------------------------------------------------------------------------------
// Yearly figures, flags, area type

const STATS_LEVEL_SET: ReadonlySet<string> = new Set<StatsLevel>(['xa', 'khu_dan_cu']);

export async function getUnitStats(ctx: ServiceContext, unitId: string): Promise<MethodOutput<'unitStats.get'>> {
  const unit = await requireUnit(ctx.db, unitId);
  const rows = await statsOfUnit(ctx.db, unitId);
  const current = yearOf(ctx.clock.today());
  const years = new Set(rows.map((r) => r.year));
  // The last ten years the unit existed in: enough to enter what a report compares.
  for (let y = current; y > current - 10; y--) if (existedInYear(unit, y)) years.add(y);
  return {
    unitId,
    level: unit.level,
    areaType: await areaTypeOf(ctx.db, unitId),
    canFlag: unit.level === 'xa',
    years: [...years].sort((a, b) => b - a),
    rows: rows.map(toYearStatDto),
  };
}

export async function listUnitStats(ctx: ServiceContext, input: ParsedInput<'unitStats.list'>): Promise<MethodOutput<'unitStats.list'>> {
  const today = ctx.clock.today();
  const year = input.year ?? yearOf(today);
  const h = await loadHistory(ctx.db);
  const stats = new Map((await statsOfYear(ctx.db, year)).map((s) => [s.unitId, s]));
  const areas = await areaTypes(ctx.db);
  const rows: StatsRowDto[] = [];
  for (const u of h.all) {
    if (u.level !== input.level || !existedInYear(u, year)) continue;
    const ref = referenceDateInYear(u, year, today);
    if (input.unitId !== null && !isWithin(h, u.id, input.unitId, ref)) continue;
    const label = labelOn(h, u, ref);
    if (input.kind !== null && label.kind !== input.kind) continue;
    if (input.search.trim() !== '' && !matchesQuery(`${label.name} ${u.name} ${label.code ?? ''}`, input.search)) continue;
    const s = stats.get(u.id);
    if (input.status === 'trong_diem' && !s?.trongDiem) continue;
    if (input.status === 'thieu_so_lieu' && s && s.households !== null && s.residents !== null) continue;
    const parentId = parentOn(h, u, ref);
    const parent = parentId ? h.byId.get(parentId) : undefined;
    rows.push({
      unitId: u.id,
      name: label.name,
      kind: label.kind,
      code: label.code,
      level: u.level,
      parentId,
      parentName: parent ? labelOn(h, parent, ref).name : null,
      validFrom: u.validFrom,
      validTo: u.validTo,
      areaType: areas.get(u.id) ?? null,
      households: s?.households ?? null,
      residents: s?.residents ?? null,
      trongDiem: s?.trongDiem ?? false,
      recorded: s !== undefined,
    });
  }
  return { year, rows: sortByParentThenName(rows) };
}

export interface StatsWriteResult {
  created: number;
  updated: number;
  unchanged: number;
}

/**
 * Checks and writes yearly figures (insert or update by unit + year). Every problem is collected
 * first, keyed `rows.<i>.<field>`, so a grid can mark each bad cell; then nothing is written.
 */
export async function writeStats(db: Db, ctx: ServiceContext, values: readonly StatValues[]): Promise<StatsWriteResult> {
  const today = ctx.clock.today();
  const current = yearOf(today);
  const details: Record<string, string> = {};
  const seen = new Map<string, number>();
  const units = new Map<string, UnitDto | null>();
  for (const [i, v] of values.entries()) {
    const key = `${v.unitId}/${v.year}`;
    const cached = units.get(v.unitId);
    const unit = cached !== undefined ? cached : await findUnit(db, v.unitId);
    units.set(v.unitId, unit);
    const at = (field: string, message: string) => {
      details[`rows.${i}.${field}`] ??= message;
    };
    if (!unit) {
      at('unitId', 'Không tìm thấy đơn vị (có thể đã bị xóa).');
      continue;
    }
    const first = seen.get(key);
    if (first !== undefined) at('unitId', `"${unit.name}" năm ${v.year} có hai dòng (dòng ${first + 1} và dòng ${i + 1}).`);
    seen.set(key, i);
    if (!STATS_LEVEL_SET.has(unit.level)) at('unitId', `Số hộ, nhân khẩu chỉ ghi cho xã và khu dân cư; "${unit.name}" là ${LEVEL_LABELS[unit.level]}.`);
    if (v.year > current) at('year', `Chưa thể ghi số liệu cho năm ${v.year} (năm hiện tại là ${current}).`);
    else if (!existedInYear(unit, v.year)) at('year', `"${unit.name}" không hoạt động trong năm ${v.year}.`);
    if (v.trongDiem && unit.level !== 'xa') at('trongDiem', `Chỉ xã, phường mới được xác định là trọng điểm, phức tạp về ANTT; "${unit.name}" là ${LEVEL_LABELS[unit.level]}.`);
    const figures = checkFigures(v.households, v.residents);
    if (figures) at('residents', `${unit.name}, năm ${v.year}: ${figures}`);
  }
  const problems = Object.values(details);
  if (problems.length > 0) {
    const more = problems.length > 1 ? ` (và ${problems.length - 1} lỗi khác)` : '';
    throw new AppError('RULE', `${problems[0]}${more}`, details);
  }
  const at = ctx.clock.timestamp();
  const result: StatsWriteResult = { created: 0, updated: 0, unchanged: 0 };
  for (const v of values) {
    const existing = await findStat(db, v.unitId, v.year);
    if (!existing) {
      if (v.households === null && v.residents === null && !v.trongDiem) {
        result.unchanged++;
        continue;
      }
      await insertStat(db, ctx.newId(), v, at);
      result.created++;
    } else if (existing.households === v.households && existing.residents === v.residents && existing.trongDiem === v.trongDiem) {
      result.unchanged++;
    } else {
      await updateStat(db, existing.id, v, at);
      result.updated++;
    }
  }
  return result;
}

export async function upsertUnitStats(ctx: ServiceContext, input: ParsedInput<'unitStats.upsert'>): Promise<StatsWriteResult> {
  return ctx.db.transaction().execute((trx) => writeStats(trx, ctx, input.rows));
}

export async function setTrongDiem(ctx: ServiceContext, input: ParsedInput<'units.trongDiem'>): Promise<MethodOutput<'units.trongDiem'>> {
  return ctx.db.transaction().execute(async (trx) => {
    const existing = await findStat(trx, input.id, input.year);
    await writeStats(trx, ctx, [
      { unitId: input.id, year: input.year, households: existing?.households ?? null, residents: existing?.residents ?? null, trongDiem: input.value },
    ]);
    const saved = await findStat(trx, input.id, input.year);
    if (saved) return toYearStatDto(saved);
    // Clearing the flag of a year that had no row: nothing stored, the answer is the empty year.
    return { unitId: input.id, year: input.year, households: null, residents: null, trongDiem: false, updatedAt: ctx.clock.timestamp() };
  });
}

export async function setUnitAreaType(ctx: ServiceContext, input: ParsedInput<'units.areaType'>): Promise<MethodOutput<'units.areaType'>> {
  return ctx.db.transaction().execute(async (trx) => {
    const unit = await requireUnit(trx, input.id);
    if (!STATS_LEVEL_SET.has(unit.level)) {
      throw new AppError('RULE', `Loại địa bàn nông thôn / đô thị chỉ ghi cho xã và khu dân cư; "${unit.name}" là ${LEVEL_LABELS[unit.level]}.`);
    }
    const before = await areaTypeOf(trx, unit.id);
    if (before === input.areaType) return { id: unit.id, areaType: before };
    const at = ctx.clock.timestamp();
    await writeAreaType(trx, unit.id, input.areaType, at);
    await insertChanges(trx, [
      {
        id: ctx.newId(),
        unitId: unit.id,
        at,
        action: 'update',
        summary: input.areaType ? `Xác định loại địa bàn: ${AREA_TYPE_LABELS[input.areaType]}.` : 'Bỏ xác định loại địa bàn nông thôn / đô thị.',
        reason: null,
        data: { before: { areaType: before }, after: { areaType: input.areaType } },
      },
    ]);
    return { id: unit.id, areaType: input.areaType };
  });
}

// ---------------------------------------------------------------------------------------------
// Reorganisation: the one primitive behind merge, split and the 2025 step

interface SuccessorSpec {
  eventId: string;
  /** A unit that carries on (absorbing merge, or a commune the 2025 step keeps). */
  existing: UnitDto | null;
  /** New name/kind/code of a kept unit from the effective date. */
  relabel: UnitLabel | null;
  /** New parent of a kept unit from the effective date. */
  reparent: string | null;
  /** A unit to create, starting on the effective date. */
  create: { name: string; kind: UnitKind; code: string | null; parentId: string; source: UnitDto['source'] } | null;
  /** Marks the unit's code as a post-2025 catalogue code (2025 step). */
  codeEra: Era | null;
}

interface LinkSpec {
  predecessor: UnitDto;
  successor: number;
  primary: boolean;
}

interface ReorgSpec {
  /** The hierarchy new and moved units are checked against. */
  era: Era;
  /** The catalogue the successors' kinds belong to (post-2025 for the guided step). */
  kindEra: Era;
  effectiveDate: string;
  reason: string;
  note: string | null;
  kind: LineageKind;
  successors: SuccessorSpec[];
  links: LinkSpec[];
  /** Where an active child goes (split); by default, to its predecessor's primary successor. */
  childTarget?: ReadonlyMap<string, number>;
}

interface ReorgResult {
  successorIds: string[];
  ended: number;
  movedChildren: number;
}

/**
 * Ends the predecessors on D − 1, creates or updates the successors from D, moves the
 * predecessors' active children to their successor (recording the old parent up to D − 1), writes
 * the lineage links and checks the whole lineage graph afterwards. Must run inside a transaction:
 * any refusal thrown here rolls everything back.
 */
async function reorganise(trx: Db, ctx: ServiceContext, spec: ReorgSpec): Promise<ReorgResult> {
  const at = ctx.clock.timestamp();
  const D = spec.effectiveDate;
  const lastDay = previousDay(D);
  const changes: NewChange[] = [];
  const nameOf = new Map<string, string>();

  const predecessors = new Map<string, UnitDto>();
  for (const l of spec.links) predecessors.set(l.predecessor.id, l.predecessor);
  const successorLabel = (i: number): string => {
    const s = spec.successors[i]!;
    return s.create?.name ?? s.relabel?.name ?? s.existing?.name ?? '';
  };

  // 1. Predecessors end on D − 1. A figure recorded for a year after that would belong to no unit.
  for (const p of predecessors.values()) {
    refuse(checkEndDate(p.validFrom, lastDay));
    const late = (await statsOfUnit(trx, p.id)).find((s) => s.year > yearOf(lastDay));
    if (late) {
      refuse(`"${p.name}" đã có số liệu năm ${late.year} nhưng sẽ kết thúc hoạt động từ ngày ${formatDateVi(lastDay)}. Hãy chuyển số liệu đó sang đơn vị mới trước.`);
    }
    await updateUnit(trx, p, { validTo: lastDay, endReason: spec.reason }, at);
    nameOf.set(p.id, p.name);
  }

  // 2. Successors.
  const successorIds: string[] = [];
  for (const s of spec.successors) {
    if (s.create) {
      const parent = await requireUnit(trx, s.create.parentId);
      if (parent.validTo !== null) refuse(`Không thể đặt đơn vị mới vào "${parent.name}" vì đơn vị này đã kết thúc hoạt động.`);
      refuse(checkSuccessorPlacement(spec.era, spec.kindEra, parent.level, s.create.kind));
      await assertUniqueAmongSiblings(trx, parent.id, { id: null, name: s.create.name, code: s.create.code, validFrom: D });
      const id = ctx.newId();
      await insertUnits(trx, [
        {
          id,
          parentId: parent.id,
          level: levelOfKind(s.create.kind),
          kind: s.create.kind,
          name: s.create.name,
          code: s.create.code,
          validFrom: D,
          source: s.create.source,
          at,
        },
      ]);
      if (s.codeEra) await setCodeEra(trx, id, s.codeEra, at);
      successorIds.push(id);
      nameOf.set(id, s.create.name);
      continue;
    }
    let unit = s.existing!;
    const parentId = s.reparent ?? unit.parentId;
    if (s.relabel) {
      const r = s.relabel;
      if (levelOfKind(r.kind) !== unit.level) refuse(`"${r.name}" phải cùng cấp với "${unit.name}".`);
      if (parentId) {
        await assertUniqueAmongSiblings(trx, parentId, { id: unit.id, name: r.name, code: r.code, validFrom: D }, new Set(predecessors.keys()));
      }
      // The old label is recorded up to D − 1 even when it does not change: it is what the unit
      // was called under the old catalogue, and it marks the unit as carried into the new one.
      refuse(await closeLabelPeriod(trx, unit, lastDay, ctx.newId(), at));
      await updateUnit(trx, unit, { name: r.name, kind: r.kind, code: r.code }, at);
      const same = r.name === unit.name && r.code === unit.code && r.kind === unit.kind;
      changes.push({
        id: ctx.newId(),
        unitId: unit.id,
        at,
        action: 'update',
        summary: same
          ? `Từ ngày ${formatDateVi(D)}: tiếp tục hoạt động, giữ nguyên tên và mã.`
          : `Từ ngày ${formatDateVi(D)}: "${unit.name}" (mã ${unit.code ?? '—'}) thành "${r.name}" (mã ${r.code ?? '—'}).`,
        reason: spec.reason,
        data: { before: { name: unit.name, kind: unit.kind, code: unit.code }, after: r, effectiveDate: D },
      });
      unit = await requireUnit(trx, unit.id);
    }
    if (s.reparent && s.reparent !== unit.parentId) {
      const target = await requireUnit(trx, s.reparent);
      refuse(checkSuccessorPlacement(spec.era, spec.kindEra, target.level, s.relabel?.kind ?? unit.kind));
      refuse(await closeParentPeriod(trx, unit, lastDay, ctx.newId(), at));
      const fromName = unit.parentId ? (await findUnit(trx, unit.parentId))?.name ?? '—' : '—';
      await updateUnit(trx, unit, { parentId: target.id }, at);
      changes.push({
        id: ctx.newId(),
        unitId: unit.id,
        at,
        action: 'move',
        summary: `Từ ngày ${formatDateVi(D)}: chuyển từ "${fromName}" sang "${target.name}".`,
        reason: spec.reason,
        data: { from: unit.parentId, to: target.id, effectiveDate: D },
      });
    }
    if (s.codeEra) await setCodeEra(trx, unit.id, s.codeEra, at);
    successorIds.push(unit.id);
    nameOf.set(unit.id, s.relabel?.name ?? unit.name);
  }

  // 3. Active children of the predecessors go to their successor, keeping their past parent.
  const primaryOf = new Map<string, number>();
  for (const l of spec.links) if (l.primary) primaryOf.set(l.predecessor.id, l.successor);
  const moves: { child: UnitDto; to: number; from: UnitDto }[] = [];
  for (const p of predecessors.values()) {
    for (const child of (await listChildren(trx, p.id)).filter((c) => c.validTo === null)) {
      const to = spec.childTarget?.get(child.id) ?? primaryOf.get(p.id);
      if (to === undefined) refuse(`Hãy chọn đơn vị mới cho "${child.name}" (thuộc "${p.name}").`);
      moves.push({ child, to: to!, from: p });
    }
  }
  for (const [i, successorId] of successorIds.entries()) {
    const incoming = moves.filter((m) => m.to === i);
    if (incoming.length === 0) continue;
    const staying = (await listChildren(trx, successorId)).filter((c) => c.validTo === null && !predecessors.has(c.id));
    const clashes = duplicateChildNames([
      ...staying.map((c) => ({ name: c.name, from: successorLabel(i) })),
      ...incoming.map((m) => ({ name: m.child.name, from: m.from.name })),
    ]);
    const first = clashes[0];
    if (first) {
      refuse(
        `Sau khi sắp xếp, "${successorLabel(i)}" sẽ có ${first.from.length} đơn vị cùng tên "${first.name}" (từ ${quoteList(first.from)}). ` +
          'Hãy đổi tên để phân biệt trước khi thực hiện.',
      );
    }
  }
  for (const m of moves) {
    const target = successorIds[m.to]!;
    await assertUniqueAmongSiblings(trx, target, { id: m.child.id, name: m.child.name, code: m.child.code, validFrom: m.child.validFrom });
    const problem = await closeParentPeriod(trx, m.child, lastDay, ctx.newId(), at);
    if (problem) refuse(`"${m.child.name}": ${problem}`);
    await updateUnit(trx, m.child, { parentId: target }, at);
    changes.push({
      id: ctx.newId(),
      unitId: m.child.id,
      at,
      action: 'move',
      summary: `Từ ngày ${formatDateVi(D)}: chuyển từ "${m.from.name}" sang "${successorLabel(m.to)}" do sắp xếp đơn vị.`,
      reason: spec.reason,
      data: { from: m.from.id, to: target, effectiveDate: D },
    });
  }

  // 4. Lineage, then the whole graph must still be consistent.
  const rows: LineageRow[] = spec.links.map((l) => ({
    id: ctx.newId(),
    eventId: spec.successors[l.successor]!.eventId,
    predecessorId: l.predecessor.id,
    successorId: successorIds[l.successor]!,
    effectiveDate: D,
    kind: spec.kind,
    primary: l.primary,
    note: spec.note,
    createdAt: at,
  }));
  await insertLineage(trx, rows);
  const all = await listUnits(trx, true);
  const names = new Map(all.map((u) => [u.id, u.name]));
  refuse(
    checkLineage(
      new Map<string, DatedUnit>(all.map((u) => [u.id, u])),
      await allLineage(trx),
      (id) => names.get(id) ?? id,
    ),
  );

  // 5. The change log of every unit involved.
  for (const p of predecessors.values()) {
    const targets = spec.links.filter((l) => l.predecessor.id === p.id);
    const into = quoteList(targets.map((l) => successorLabel(l.successor)));
    changes.push({
      id: ctx.newId(),
      unitId: p.id,
      at,
      action: 'end',
      summary:
        spec.kind === 'split'
          ? `Kết thúc hoạt động từ ngày ${formatDateVi(lastDay)}: chia tách thành ${into}.`
          : `Kết thúc hoạt động từ ngày ${formatDateVi(lastDay)}: hợp nhất vào ${into}.`,
      reason: spec.reason,
      data: { validTo: lastDay, successors: targets.map((l) => successorIds[l.successor]) },
    });
  }
  for (const [i, s] of spec.successors.entries()) {
    const from = quoteList(spec.links.filter((l) => l.successor === i).map((l) => l.predecessor.name));
    if (s.create) {
      changes.push({
        id: ctx.newId(),
        unitId: successorIds[i]!,
        at,
        action: 'create',
        summary:
          spec.kind === 'split'
            ? `Thành lập từ ngày ${formatDateVi(D)} do chia tách ${from}.`
            : `Thành lập từ ngày ${formatDateVi(D)} trên cơ sở hợp nhất ${from}.`,
        reason: spec.reason,
        data: { after: s.create, predecessors: spec.links.filter((l) => l.successor === i).map((l) => l.predecessor.id) },
      });
    } else if (from !== '') {
      changes.push({
        id: ctx.newId(),
        unitId: successorIds[i]!,
        at,
        action: 'update',
        summary: `Từ ngày ${formatDateVi(D)}: nhận sáp nhập ${from}.`,
        reason: spec.reason,
        data: { predecessors: spec.links.filter((l) => l.successor === i).map((l) => l.predecessor.id), effectiveDate: D },
      });
    }
  }
  await insertChanges(trx, changes);
  return { successorIds, ended: predecessors.size, movedChildren: moves.length };
}

// ---------------------------------------------------------------------------------------------
// Merge and split

export async function mergeUnits(ctx: ServiceContext, input: ParsedInput<'units.merge'>): Promise<MethodOutput<'units.merge'>> {
  return ctx.db.transaction().execute(async (trx) => {
    const era = await requireEra(trx);
    const members: UnitDto[] = [];
    for (const id of input.unitIds) members.push(await requireUnit(trx, id));
    const chosen = input.successor;
    const survivor = chosen.mode === 'existing' ? (members.find((m) => m.id === chosen.unitId) ?? null) : null;
    if (chosen.mode === 'existing' && !survivor) {
      throw new AppError('VALIDATION', 'Đơn vị được giữ lại phải là một trong các đơn vị được chọn.', { successor: 'Chọn một trong các đơn vị hợp nhất' });
    }
    const ending = members.filter((m) => m.id !== survivor?.id);
    const parentId = members[0]!.parentId;
    const parent = parentId ? await findUnit(trx, parentId) : null;
    refuse(
      checkMerge({
        era,
        today: ctx.clock.today(),
        effectiveDate: input.effectiveDate,
        ending,
        survivor,
        newKind: input.successor.mode === 'new' ? input.successor.kind : null,
        parent,
        requireSameParent: true,
      }),
    );
    const eventId = ctx.newId();
    const successor: SuccessorSpec =
      input.successor.mode === 'new'
        ? {
            eventId,
            existing: null,
            relabel: null,
            reparent: null,
            create: { name: input.successor.name, kind: input.successor.kind, code: input.successor.code, parentId: parent!.id, source: 'manual' },
            codeEra: null,
          }
        : { eventId, existing: survivor, relabel: null, reparent: null, create: null, codeEra: null };
    const result = await reorganise(trx, ctx, {
      era,
      kindEra: era,
      effectiveDate: input.effectiveDate,
      reason: input.reason,
      note: input.note,
      kind: 'merge',
      successors: [successor],
      links: ending.map((p) => ({ predecessor: p, successor: 0, primary: true })),
    });
    return { eventId, successor: await requireUnit(trx, result.successorIds[0]!), ended: result.ended, movedChildren: result.movedChildren };
  });
}

export async function splitUnit(ctx: ServiceContext, input: ParsedInput<'units.split'>): Promise<MethodOutput<'units.split'>> {
  return ctx.db.transaction().execute(async (trx) => {
    const era = await requireEra(trx);
    const unit = await requireUnit(trx, input.id);
    const parent = unit.parentId ? await findUnit(trx, unit.parentId) : null;
    const activeChildren = (await listChildren(trx, unit.id)).filter((c) => c.validTo === null);
    const assigned = new Map<string, number>();
    for (const c of input.children) {
      if (!activeChildren.some((a) => a.id === c.childId)) {
        throw new AppError('VALIDATION', `Đơn vị được phân chia không phải là đơn vị trực thuộc đang hoạt động của "${unit.name}".`);
      }
      assigned.set(c.childId, c.successor);
    }
    refuse(
      checkSplit({
        today: ctx.clock.today(),
        effectiveDate: input.effectiveDate,
        unit,
        parent,
        era,
        successors: input.successors,
        children: activeChildren.map((child) => ({ child, to: assigned.get(child.id) })),
      }),
    );
    const eventId = ctx.newId();
    const result = await reorganise(trx, ctx, {
      era,
      kindEra: era,
      effectiveDate: input.effectiveDate,
      reason: input.reason,
      note: input.note,
      kind: 'split',
      successors: input.successors.map((s) => ({
        eventId,
        existing: null,
        relabel: null,
        reparent: null,
        create: { name: s.name, kind: s.kind, code: s.code, parentId: parent!.id, source: 'manual' },
        codeEra: null,
      })),
      links: input.successors.map((s, i) => ({ predecessor: unit, successor: i, primary: s.primary })),
      childTarget: assigned,
    });
    const successors: UnitDto[] = [];
    for (const id of result.successorIds) successors.push(await requireUnit(trx, id));
    return { eventId, successors, movedChildren: result.movedChildren };
  });
}

export async function unitLineage(ctx: ServiceContext, id: string): Promise<MethodOutput<'units.lineage'>> {
  await requireUnit(ctx.db, id);
  const links = await lineageTouching(ctx.db, id);
  const out: MethodOutput<'units.lineage'> = { predecessors: [], successors: [] };
  for (const l of links) {
    const otherId = l.predecessorId === id ? l.successorId : l.predecessorId;
    const other = await findUnit(ctx.db, otherId);
    if (!other) continue;
    if (l.successorId === id) out.predecessors.push(linkDto(l, other));
    else out.successors.push(linkDto(l, other));
  }
  const byName = (a: { unit: { name: string } }, b: { unit: { name: string } }) => compareVietnamese(a.unit.name, b.unit.name);
  out.predecessors.sort(byName);
  out.successors.sort(byName);
  return out;
}

// ---------------------------------------------------------------------------------------------
// The guided 2025 reorganisation

interface Candidates {
  office: OfficeDto;
  root: UnitDto;
  communes: UnitDto[];
  byId: Map<string, UnitDto>;
}

/** Active communes of the office still described by the pre-2025 catalogue. */
async function reorgCandidates(db: Db): Promise<Candidates> {
  const office = await getOffice(db);
  if (!office) throw new AppError('SETUP_STATE', 'Chưa thiết lập thông tin cơ quan sử dụng phần mềm.');
  const all = await listUnits(db, true);
  const byId = new Map(all.map((u) => [u.id, u]));
  const root = byId.get(office.rootUnitId);
  if (!root) throw new AppError('NOT_FOUND', 'Không tìm thấy đơn vị gốc của cơ quan.');
  const eras = await codeEras(db);
  const communes = all.filter(
    (u) =>
      u.level === 'xa' &&
      u.validTo === null &&
      u.id !== root.id &&
      eras.get(u.id) !== 'sau_2025' &&
      (u.validFrom === null || u.validFrom < REORG_2025_DATE),
  );
  return { office, root, communes, byId };
}

export async function proposeReorg2025(ctx: ServiceContext): Promise<ReorgProposalDto> {
  const { office, root, communes, byId } = await reorgCandidates(ctx.db);
  const base: ReorgProposalDto = {
    applicable: true,
    reason: null,
    effectiveDate: REORG_2025_DATE,
    parent: { id: root.id, name: root.name },
    endsDistricts: office.level === 'tinh',
    groups: [],
    unmapped: [],
  };
  if (office.era !== 'truoc_2025') {
    return { ...base, applicable: false, reason: 'Cơ quan đang dùng danh mục đơn vị hành chính sau sắp xếp năm 2025; không cần bước này.' };
  }
  if (office.level === 'xa') {
    return {
      ...base,
      applicable: false,
      reason: 'Cơ quan cấp xã: đơn vị gốc chính là xã cũ nên không thể sắp xếp trong phần mềm này. Hãy thiết lập phần mềm cho Công an xã mới theo danh mục sau năm 2025.',
    };
  }
  const catalogue = ctx.catalogue();
  const parentName = (u: UnitDto) => (u.parentId ? byId.get(u.parentId)?.name ?? null : null);
  const eras = await codeEras(ctx.db);
  const existingByCode = new Map<string, UnitDto>();
  for (const u of byId.values()) {
    if (u.level === 'xa' && u.validTo === null && u.code !== null && eras.get(u.id) === 'sau_2025') existingByCode.set(u.code, u);
  }
  const groups = new Map<string, ReorgProposalDto['groups'][number]>();
  const inOffice = new Set(communes.map((c) => c.code).filter((c): c is string => c !== null));
  for (const c of communes) {
    const old = c.code ? catalogue.find('truoc_2025', c.code) : null;
    const why =
      c.code === null
        ? 'Chưa có mã chính thức nên không tra được trong danh mục.'
        : !old || levelOfKind(old.kind) !== 'xa'
          ? `Mã ${c.code} không có trong danh mục xã trước năm 2025.`
          : catalogue.successors(c.code).length === 0
            ? 'Danh mục không ghi xã mới mà xã này được sắp xếp vào.'
            : null;
    if (why !== null) {
      base.unmapped.push({ unitId: c.id, name: c.name, code: c.code, parentName: parentName(c), why });
      continue;
    }
    const successors = catalogue.successors(c.code!);
    for (const s of successors) {
      let g = groups.get(s.code);
      if (!g) {
        const catalogPreds = catalogue.predecessors(s.code);
        const whole = catalogPreds.length === 1 && catalogue.successors(catalogPreds[0]!.code).length === 1;
        const existing = existingByCode.get(s.code);
        g = {
          key: s.code,
          successor: { code: s.code, name: existing?.name ?? s.name, kind: existing?.kind ?? s.kind },
          mode: whole && !existing ? 'keep' : 'merge',
          existing: existing ? { id: existing.id, name: existing.name } : null,
          predecessors: [],
          outside: catalogPreds.filter((p) => !inOffice.has(p.code)).map((p) => ({ code: p.code, name: p.name, kind: p.kind })),
        };
        groups.set(s.code, g);
      }
      g.predecessors.push({
        unitId: c.id,
        name: c.name,
        code: c.code,
        parentName: parentName(c),
        splitInto: successors.length > 1 ? successors.map((x) => ({ code: x.code, name: x.name, kind: x.kind })) : [],
      });
    }
  }
  base.groups = [...groups.values()].sort((a, b) => compareVietnamese(a.successor.name, b.successor.name));
  for (const g of base.groups) g.predecessors.sort((a, b) => compareVietnamese(a.name, b.name));
  base.unmapped.sort((a, b) => compareVietnamese(a.name, b.name));
  return base;
}

export async function applyReorg2025(ctx: ServiceContext, input: ParsedInput<'reorg.apply'>): Promise<MethodOutput<'reorg.apply'>> {
  return ctx.db.transaction().execute(async (trx) => {
    const { office, root, communes, byId } = await reorgCandidates(trx);
    const eras = await codeEras(trx);
    if (office.era !== 'truoc_2025' || office.level === 'xa') {
      throw new AppError('RULE', 'Bước sắp xếp đơn vị hành chính năm 2025 chỉ dành cho cơ quan cấp tỉnh, cấp huyện đang dùng danh mục trước năm 2025.');
    }
    const candidateIds = new Set(communes.map((c) => c.id));
    // For a provincial office the districts disappear, so the new communes sit directly under the
    // province (post-2025 hierarchy); a district office keeps its area's records under its root.
    const placementEra: Era = office.level === 'tinh' ? 'sau_2025' : 'truoc_2025';
    const today = ctx.clock.today();

    // Which groups each commune is in, and which one carries its figures.
    const groupsOf = new Map<string, number[]>();
    for (const [gi, g] of input.groups.entries()) {
      const label = `Nhóm "${g.successor.name}"`;
      if (g.mode === 'keep' && g.unitIds.length !== 1) {
        throw new AppError('VALIDATION', `${label}: chỉ giữ nguyên được khi nhóm có đúng một xã cũ.`);
      }
      if (g.successorId !== null) {
        const target = byId.get(g.successorId);
        if (g.mode !== 'merge' || !target || target.level !== 'xa' || target.validTo !== null || eras.get(target.id) !== 'sau_2025') {
          throw new AppError('RULE', `${label}: chỉ có thể sáp nhập vào một xã mới (sau năm 2025) đang hoạt động.`);
        }
      }
      for (const id of g.unitIds) {
        const u = byId.get(id);
        if (!u || !candidateIds.has(id)) {
          throw new AppError('RULE', `${label}: "${u?.name ?? id}" không phải là xã đang hoạt động theo danh mục trước năm 2025 của cơ quan.`);
        }
        const list = groupsOf.get(id) ?? [];
        if (list.includes(gi)) throw new AppError('VALIDATION', `${label}: "${u.name}" được chọn hai lần.`);
        list.push(gi);
        groupsOf.set(id, list);
      }
      if (levelOfKind(g.successor.kind) !== 'xa') throw new AppError('VALIDATION', `${label}: loại đơn vị phải là xã, phường hoặc đặc khu.`);
      if (g.successor.kind === 'thi_tran') throw new AppError('VALIDATION', `${label}: sau ngày 01/07/2025 không còn thị trấn; hãy chọn xã, phường hoặc đặc khu.`);
    }
    const primaryChoice = new Map(input.primaries.map((p) => [p.unitId, p.group]));
    for (const [id, gs] of groupsOf) {
      const u = byId.get(id)!;
      if (gs.length > 1) {
        const chosen = primaryChoice.get(id);
        if (chosen === undefined || !gs.includes(chosen)) {
          throw new AppError(
            'RULE',
            `"${u.name}" được chia vào ${gs.length} xã mới (${quoteList(gs.map((g) => input.groups[g]!.successor.name))}); hãy chọn xã kế thừa chính để cộng số liệu các năm trước.`,
          );
        }
      }
      if (gs.some((g) => input.groups[g]!.mode === 'keep') && gs.length > 1) {
        throw new AppError('RULE', `"${u.name}" được chia vào nhiều xã mới nên không thể giữ nguyên.`);
      }
    }
    // Every merge group's checks (levels, dates, placement) before anything is written. A kept
    // commune is an active pre-2025 commune by construction (reorgCandidates).
    for (const g of input.groups) {
      if (g.mode === 'keep') continue;
      const check = checkMerge({
        era: placementEra,
        today,
        effectiveDate: REORG_2025_DATE,
        ending: g.unitIds.map((id) => byId.get(id)!),
        survivor: g.successorId !== null ? byId.get(g.successorId)! : null,
        newKind: g.successorId !== null ? null : g.successor.kind,
        parent: root,
        requireSameParent: false,
        kindEra: 'sau_2025',
      });
      if (check) throw new AppError('RULE', `Nhóm "${g.successor.name}": ${check}`);
    }

    const successors: SuccessorSpec[] = input.groups.map((g) => {
      const eventId = ctx.newId();
      if (g.mode === 'keep') {
        const unit = byId.get(g.unitIds[0]!)!;
        return {
          eventId,
          existing: unit,
          relabel: { name: g.successor.name, kind: g.successor.kind, code: g.successor.code },
          reparent: office.level === 'tinh' ? root.id : null,
          create: null,
          codeEra: 'sau_2025',
        };
      }
      if (g.successorId !== null) {
        return { eventId, existing: byId.get(g.successorId)!, relabel: null, reparent: null, create: null, codeEra: null };
      }
      const fromCatalogue = g.successor.code !== null ? ctx.catalogue().find('sau_2025', g.successor.code) : null;
      const sameAsCatalogue = fromCatalogue !== null && fromCatalogue.name === g.successor.name && fromCatalogue.kind === g.successor.kind;
      return {
        eventId,
        existing: null,
        relabel: null,
        reparent: null,
        create: { name: g.successor.name, kind: g.successor.kind, code: g.successor.code, parentId: root.id, source: sameAsCatalogue ? 'catalogue' : 'manual' },
        codeEra: 'sau_2025',
      };
    });
    const links: LinkSpec[] = [];
    for (const [gi, g] of input.groups.entries()) {
      if (g.mode === 'keep') continue;
      for (const id of g.unitIds) {
        const gs = groupsOf.get(id)!;
        links.push({ predecessor: byId.get(id)!, successor: gi, primary: gs.length === 1 || primaryChoice.get(id) === gi });
      }
    }
    const result = await reorganise(trx, ctx, {
      era: placementEra,
      kindEra: 'sau_2025',
      effectiveDate: REORG_2025_DATE,
      reason: input.reason,
      note: null,
      kind: 'merge',
      successors,
      links,
    });

    let districtsEnded = 0;
    let eraChanged = false;
    if (office.level === 'tinh') {
      const at = ctx.clock.timestamp();
      const changes: NewChange[] = [];
      const districts = (await listChildren(trx, root.id)).filter((u) => u.level === 'huyen' && u.validTo === null);
      let stillActive = 0;
      for (const d of districts) {
        const active = (await listChildren(trx, d.id)).filter((c) => c.validTo === null);
        if (active.length > 0) {
          stillActive++;
          continue;
        }
        refuse(checkEndDate(d.validFrom, REORG_2025_LAST_OLD_DAY));
        await updateUnit(trx, d, { validTo: REORG_2025_LAST_OLD_DAY, endReason: input.reason }, at);
        changes.push({
          id: ctx.newId(),
          unitId: d.id,
          at,
          action: 'end',
          summary: `Kết thúc hoạt động từ ngày ${formatDateVi(REORG_2025_LAST_OLD_DAY)}: không tổ chức cấp huyện từ ngày ${formatDateVi(REORG_2025_DATE)}.`,
          reason: input.reason,
          data: { validTo: REORG_2025_LAST_OLD_DAY },
        });
        districtsEnded++;
      }
      if (stillActive === 0) {
        await setOfficeEra(trx, 'sau_2025', at);
        changes.push({
          id: ctx.newId(),
          unitId: root.id,
          at,
          action: 'update',
          summary: 'Cơ quan chuyển sang danh mục đơn vị hành chính sau sắp xếp năm 2025 (tỉnh – xã).',
          reason: input.reason,
          data: { era: { before: 'truoc_2025', after: 'sau_2025' } },
        });
        eraChanged = true;
      }
      await insertChanges(trx, changes);
    }
    const kept = input.groups.filter((g) => g.mode === 'keep').length;
    return {
      merged: input.groups.length - kept,
      kept,
      unitsEnded: result.ended,
      childrenMoved: result.movedChildren,
      districtsEnded,
      eraChanged,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Roll-up of a year's figures

export async function rollUpFigures(ctx: ServiceContext, input: ParsedInput<'figures.rollup'>): Promise<MethodOutput<'figures.rollup'>> {
  const today = ctx.clock.today();
  const h = await loadHistory(ctx.db);
  const stats = (await statsOfYear(ctx.db, input.year)).filter((s) => h.byId.get(s.unitId)?.level === input.level);
  const figureOf = new Map(stats.map((s) => [s.unitId, s]));
  const sourceRow = (unitId: string): RollUpRowDto['sources'][number] => {
    const u = h.byId.get(unitId)!;
    const s = figureOf.get(unitId);
    return { unitId, name: labelOn(h, u, referenceDateInYear(u, input.year, today)).name, households: s?.households ?? null, residents: s?.residents ?? null };
  };
  const describe = (u: UnitDto, date: string, figures: { households: number | null; residents: number | null }, sources: string[]): RollUpRowDto => {
    const label = labelOn(h, u, date);
    const parentId = parentOn(h, u, date);
    const parent = parentId ? h.byId.get(parentId) : undefined;
    return {
      unitId: u.id,
      name: label.name,
      code: label.code,
      kind: label.kind,
      parentId,
      parentName: parent ? labelOn(h, parent, date).name : null,
      validFrom: u.validFrom,
      validTo: u.validTo,
      households: figures.households,
      residents: figures.residents,
      sources: sources.map(sourceRow).sort((a, b) => compareVietnamese(a.name, b.name)),
    };
  };

  if (input.view === 'as_of_year') {
    const rows: RollUpRowDto[] = [];
    for (const u of h.all) {
      if (u.level !== input.level || !existedInYear(u, input.year)) continue;
      const ref = referenceDateInYear(u, input.year, today);
      if (input.unitId !== null && !isWithin(h, u.id, input.unitId, ref)) continue;
      const s = figureOf.get(u.id);
      rows.push(describe(u, ref, { households: s?.households ?? null, residents: s?.residents ?? null }, s ? [u.id] : []));
    }
    sortByParentThenName(rows);
    return {
      year: input.year,
      view: input.view,
      asOf: yearEndOrToday(input.year, today),
      rows,
      unresolved: [],
      total: { households: totalOf(rows, 'households'), residents: totalOf(rows, 'residents') },
    };
  }

  const lineage = await allLineage(ctx.db);
  const dated = new Map<string, DatedUnit>(h.all.map((u) => [u.id, u]));
  const rolled = rollUp(
    stats.map((s) => ({ unitId: s.unitId, households: s.households, residents: s.residents })),
    dated,
    lineage,
    today,
  );
  const byCarrier = new Map(rolled.rows.map((r) => [r.unitId, r]));
  const rows: RollUpRowDto[] = [];
  for (const u of h.all) {
    if (u.level !== input.level || !activeOn(u, today)) continue;
    if (input.unitId !== null && !isWithin(h, u.id, input.unitId, today)) continue;
    const r = byCarrier.get(u.id);
    rows.push(describe(u, today, { households: r?.households ?? null, residents: r?.residents ?? null }, r?.sourceIds ?? []));
  }
  const unresolved: RollUpRowDto[] = [];
  for (const r of rolled.unresolved) {
    const u = h.byId.get(r.unitId);
    if (!u) continue;
    const ref = referenceDateInYear(u, input.year, today);
    if (input.unitId !== null && !isWithin(h, u.id, input.unitId, ref)) continue;
    unresolved.push(describe(u, ref, r, r.sourceIds));
  }
  sortByParentThenName(rows);
  sortByParentThenName(unresolved);
  return {
    year: input.year,
    view: input.view,
    asOf: today,
    rows,
    unresolved,
    total: { households: totalOf(rows, 'households'), residents: totalOf(rows, 'residents') },
  };
}
