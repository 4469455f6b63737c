/**
 * The one primitive behind merge, split and the 2025 step: predecessors end on D − 1, successors
 * are created or carried on from D, active children follow their predecessor's successor, the
 * lineage is written and the whole lineage graph checked. Each step checks before it writes, and
 * everything runs inside the caller's transaction: a refusal rolls it all back.
 */
import type { ServiceContext } from '../../context';
import type { UnitDto } from '../../../../shared/ipc/contract';
import { findUnit, insertChanges, insertUnits, listChildren, listUnits, updateUnit, type Db, type NewChange } from '../../repos/units.repo';
import {
  allLineage,
  closeLabelPeriod,
  closeParentPeriod,
  insertLineage,
  setCodeEra,
  statsOfUnit,
  type LineageRow,
} from '../../repos/unit-history.repo';
import { assertUniqueAmongSiblings, requireUnit } from '../units.service';
import {
  checkLineage,
  checkSuccessorPlacement,
  duplicateChildNames,
  previousDay,
  type DatedUnit,
  type LineageKind,
  type UnitLabel,
} from '../../../../shared/domain/lineage';
import { checkEndDate } from '../../../../shared/domain/unit-tree';
import { levelOfKind, type Era, type UnitKind } from '../../../../shared/domain/units';
import { formatDateVi } from '../../../../shared/lib/dates';
import { quoteList, refuse, yearOf } from './common';

export interface SuccessorSpec {
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

export interface LinkSpec {
  predecessor: UnitDto;
  successor: number;
  primary: boolean;
}

export interface ReorgSpec {
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

export interface ReorgResult {
  successorIds: string[];
  ended: number;
  movedChildren: number;
}

/** What every step of one reorganisation shares. */
interface Run {
  ctx: ServiceContext;
  spec: ReorgSpec;
  at: string;
  /** The effective date D and the predecessors' last day D − 1. */
  D: string;
  lastDay: string;
  predecessors: Map<string, UnitDto>;
  changes: NewChange[];
}

interface ChildMove {
  child: UnitDto;
  to: number;
  from: UnitDto;
}

const successorLabel = (spec: ReorgSpec, i: number): string => {
  const s = spec.successors[i]!;
  return s.create?.name ?? s.relabel?.name ?? s.existing?.name ?? '';
};

/**
 * Ends the predecessors on D − 1, creates or updates the successors from D, moves the
 * predecessors' active children to their successor (recording the old parent up to D − 1), writes
 * the lineage links and checks the whole lineage graph afterwards. Must run inside a transaction.
 */
export async function reorganise(trx: Db, ctx: ServiceContext, spec: ReorgSpec): Promise<ReorgResult> {
  const run: Run = {
    ctx,
    spec,
    at: ctx.clock.timestamp(),
    D: spec.effectiveDate,
    lastDay: previousDay(spec.effectiveDate),
    predecessors: new Map(spec.links.map((l) => [l.predecessor.id, l.predecessor])),
    changes: [],
  };
  await checkPredecessorsCanEnd(trx, run);
  await endPredecessors(trx, run);
  const successorIds: string[] = [];
  for (const s of spec.successors) successorIds.push(s.create ? await createSuccessor(trx, run, s) : await carryOnSuccessor(trx, run, s));
  const moves = await planChildMoves(trx, run);
  await checkChildMoves(trx, run, moves, successorIds);
  await writeChildMoves(trx, run, moves, successorIds);
  await writeLineage(trx, run, successorIds);
  logReorganisation(run, successorIds);
  await insertChanges(trx, run.changes);
  return { successorIds, ended: run.predecessors.size, movedChildren: moves.length };
}

// --- check ---------------------------------------------------------------------------------------

/** A predecessor ends on D − 1; a figure recorded for a later year would belong to no unit. */
async function checkPredecessorsCanEnd(trx: Db, run: Run): Promise<void> {
  for (const p of run.predecessors.values()) {
    refuse(checkEndDate(p.validFrom, run.lastDay));
    const late = (await statsOfUnit(trx, p.id)).find((s) => s.year > yearOf(run.lastDay));
    if (late) {
      refuse(
        `"${p.name}" đã có số liệu năm ${late.year} nhưng sẽ kết thúc hoạt động từ ngày ${formatDateVi(run.lastDay)}. Hãy chuyển số liệu đó sang đơn vị mới trước.`,
      );
    }
  }
}

/** No successor may end up with two active children of the same name. */
async function checkChildMoves(trx: Db, run: Run, moves: readonly ChildMove[], successorIds: readonly string[]): Promise<void> {
  for (const [i, successorId] of successorIds.entries()) {
    const incoming = moves.filter((m) => m.to === i);
    if (incoming.length === 0) continue;
    const staying = (await listChildren(trx, successorId)).filter((c) => c.validTo === null && !run.predecessors.has(c.id));
    const label = successorLabel(run.spec, i);
    const clashes = duplicateChildNames([
      ...staying.map((c) => ({ name: c.name, from: label })),
      ...incoming.map((m) => ({ name: m.child.name, from: m.from.name })),
    ]);
    const first = clashes[0];
    if (first) {
      refuse(
        `Sau khi sắp xếp, "${label}" sẽ có ${first.from.length} đơn vị cùng tên "${first.name}" (từ ${quoteList(first.from)}). ` +
          'Hãy đổi tên để phân biệt trước khi thực hiện.',
      );
    }
  }
}

// --- plan ----------------------------------------------------------------------------------------

/** Where each active child of a predecessor goes: the split's choice, else the primary successor. */
async function planChildMoves(trx: Db, run: Run): Promise<ChildMove[]> {
  const primaryOf = new Map<string, number>();
  for (const l of run.spec.links) if (l.primary) primaryOf.set(l.predecessor.id, l.successor);
  const moves: ChildMove[] = [];
  for (const p of run.predecessors.values()) {
    for (const child of (await listChildren(trx, p.id)).filter((c) => c.validTo === null)) {
      const to = run.spec.childTarget?.get(child.id) ?? primaryOf.get(p.id);
      if (to === undefined) refuse(`Hãy chọn đơn vị mới cho "${child.name}" (thuộc "${p.name}").`);
      moves.push({ child, to: to!, from: p });
    }
  }
  return moves;
}

// --- write ---------------------------------------------------------------------------------------

async function endPredecessors(trx: Db, run: Run): Promise<void> {
  for (const p of run.predecessors.values()) {
    await updateUnit(trx, p, { validTo: run.lastDay, endReason: run.spec.reason }, run.at);
  }
}

async function createSuccessor(trx: Db, run: Run, s: SuccessorSpec): Promise<string> {
  const c = s.create!;
  const parent = await requireUnit(trx, c.parentId);
  if (parent.validTo !== null) refuse(`Không thể đặt đơn vị mới vào "${parent.name}" vì đơn vị này đã kết thúc hoạt động.`);
  refuse(checkSuccessorPlacement(run.spec.era, run.spec.kindEra, parent.level, c.kind));
  await assertUniqueAmongSiblings(trx, parent.id, { id: null, name: c.name, code: c.code, validFrom: run.D });
  const id = run.ctx.newId();
  await insertUnits(trx, [
    {
      id,
      parentId: parent.id,
      level: levelOfKind(c.kind),
      kind: c.kind,
      name: c.name,
      code: c.code,
      validFrom: run.D,
      source: c.source,
      at: run.at,
    },
  ]);
  if (s.codeEra) await setCodeEra(trx, id, s.codeEra, run.at);
  return id;
}

/** A unit that carries on: optionally renamed and moved from D, its old label and parent kept up to D − 1. */
async function carryOnSuccessor(trx: Db, run: Run, s: SuccessorSpec): Promise<string> {
  const { ctx, at, D, lastDay, spec } = run;
  let unit = s.existing!;
  const parentId = s.reparent ?? unit.parentId;
  if (s.relabel) {
    const r = s.relabel;
    if (levelOfKind(r.kind) !== unit.level) refuse(`"${r.name}" phải cùng cấp với "${unit.name}".`);
    if (parentId) {
      await assertUniqueAmongSiblings(
        trx,
        parentId,
        { id: unit.id, name: r.name, code: r.code, validFrom: D },
        new Set(run.predecessors.keys()),
      );
    }
    // The old label is recorded up to D − 1 even when it does not change: it is what the unit
    // was called under the old catalogue, and it marks the unit as carried into the new one.
    refuse(await closeLabelPeriod(trx, unit, lastDay, ctx.newId(), at));
    await updateUnit(trx, unit, { name: r.name, kind: r.kind, code: r.code }, at);
    const same = r.name === unit.name && r.code === unit.code && r.kind === unit.kind;
    run.changes.push({
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
    const fromName = unit.parentId ? ((await findUnit(trx, unit.parentId))?.name ?? '—') : '—';
    await updateUnit(trx, unit, { parentId: target.id }, at);
    run.changes.push({
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
  return unit.id;
}

async function writeChildMoves(trx: Db, run: Run, moves: readonly ChildMove[], successorIds: readonly string[]): Promise<void> {
  const { ctx, at, D, lastDay, spec } = run;
  for (const m of moves) {
    const target = successorIds[m.to]!;
    await assertUniqueAmongSiblings(trx, target, { id: m.child.id, name: m.child.name, code: m.child.code, validFrom: m.child.validFrom });
    const problem = await closeParentPeriod(trx, m.child, lastDay, ctx.newId(), at);
    if (problem) refuse(`"${m.child.name}": ${problem}`);
    await updateUnit(trx, m.child, { parentId: target }, at);
    run.changes.push({
      id: ctx.newId(),
      unitId: m.child.id,
      at,
      action: 'move',
      summary: `Từ ngày ${formatDateVi(D)}: chuyển từ "${m.from.name}" sang "${successorLabel(spec, m.to)}" do sắp xếp đơn vị.`,
      reason: spec.reason,
      data: { from: m.from.id, to: target, effectiveDate: D },
    });
  }
}

/** Writes the links, then the whole lineage graph must still be consistent. */
async function writeLineage(trx: Db, run: Run, successorIds: readonly string[]): Promise<void> {
  const { ctx, at, D, spec } = run;
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
  refuse(checkLineage(new Map<string, DatedUnit>(all.map((u) => [u.id, u])), await allLineage(trx), (id) => names.get(id) ?? id));
}

/** The change log of every predecessor and successor. */
function logReorganisation(run: Run, successorIds: readonly string[]): void {
  const { ctx, at, D, lastDay, spec } = run;
  for (const p of run.predecessors.values()) {
    const targets = spec.links.filter((l) => l.predecessor.id === p.id);
    const into = quoteList(targets.map((l) => successorLabel(spec, l.successor)));
    run.changes.push({
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
    const incoming = spec.links.filter((l) => l.successor === i);
    const from = quoteList(incoming.map((l) => l.predecessor.name));
    const predecessors = incoming.map((l) => l.predecessor.id);
    if (s.create) {
      run.changes.push({
        id: ctx.newId(),
        unitId: successorIds[i]!,
        at,
        action: 'create',
        summary:
          spec.kind === 'split'
            ? `Thành lập từ ngày ${formatDateVi(D)} do chia tách ${from}.`
            : `Thành lập từ ngày ${formatDateVi(D)} trên cơ sở hợp nhất ${from}.`,
        reason: spec.reason,
        data: { after: s.create, predecessors },
      });
    } else if (from !== '') {
      run.changes.push({
        id: ctx.newId(),
        unitId: successorIds[i]!,
        at,
        action: 'update',
        summary: `Từ ngày ${formatDateVi(D)}: nhận sáp nhập ${from}.`,
        reason: spec.reason,
        data: { predecessors, effectiveDate: D },
      });
    }
  }
}
