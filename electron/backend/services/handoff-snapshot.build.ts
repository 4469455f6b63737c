/**
 * Building a snapshot payload (electron/backend/handoff/payload.ts) from this office's database:
 * every row of the scope tables that belongs to one of the office's units (the root unit and every
 * unit below it, ended and deleted ones included; tombstones included), the catalogue rows those
 * rows point at, and the evaluation results of the reported year, frozen or live.
 *
 * Omitted personal columns are never read from the database, so they cannot reach the file.
 */
import type { ServiceContext } from '../context';
import type { OfficeDto } from '../../../shared/ipc/contract';
import type { TableSpec } from '../../../shared/domain/table-registry';
import * as repo from '../repos/handoff-send.repo';
import { fieldsOf } from '../keys/fields';
import {
  CATALOGUE_REFERENCES,
  HANDOFF_TABLES,
  SNAPSHOT_PAYLOAD_FORMAT,
  SNAPSHOT_PAYLOAD_VERSION,
  omittedColumns,
  parsePersonalPolicy,
  payloadColumns,
  type Cell,
  type PayloadEvaluation,
  type PayloadOffice,
  type SnapshotPayload,
} from '../handoff/payload';
import { computeBoard } from './evaluation-view.service';
import type { BoardCategory } from '../../../shared/domain/evaluation';

export interface SnapshotScope {
  year: number;
  period: { from: string; to: string };
  sequence: number;
}

export interface BuiltSnapshot {
  payload: SnapshotPayload;
  /** Rows per table. */
  counts: Record<string, number>;
  /** Tombstones (deleted rows, sent so the province deletes them too) per table. */
  deleted: Record<string, number>;
  /** Rows per unit directly under the office's root (the root's own rows under the root). */
  byUnit: Map<string, number>;
  frozen: { at: string; by: string } | null;
  /**
   * Board categories of the year none of whose subjects was evaluated (no rule set covers them,
   * e.g. before Circular 124): their "đạt" count is "không đánh giá", not 0.
   */
  unevaluated: ReadonlySet<BoardCategory>;
}

export function payloadOffice(office: OfficeDto): PayloadOffice {
  if (office.level === 'tinh') throw new Error('The province sends no snapshot.');
  return { id: office.id, code: office.code, name: office.name, level: office.level, era: office.era, rootUnitId: office.rootUnitId };
}

/** The office's units: the root and every unit below it; each mapped to its branch under the root. */
async function officeUnits(ctx: ServiceContext, rootId: string): Promise<Map<string, string>> {
  const links = await repo.unitLinks(ctx.db);
  const children = new Map<string, string[]>();
  for (const l of links) if (l.parentId) children.set(l.parentId, [...(children.get(l.parentId) ?? []), l.id]);
  const branch = new Map<string, string>([[rootId, rootId]]);
  const stack = (children.get(rootId) ?? []).map((id) => [id, id] as const);
  while (stack.length > 0) {
    const [id, top] = stack.pop()!;
    if (branch.has(id)) continue;
    branch.set(id, top);
    for (const c of children.get(id) ?? []) stack.push([c, top]);
  }
  return branch;
}

interface Owned {
  /** The row's id (first key column) → the branch unit it belongs to. */
  unitOf: Map<string, Map<string, string>>;
}

/** The branch unit a row belongs to, or null when it is not the office's. */
function ownerOf(spec: TableSpec, row: Readonly<Record<string, Cell>>, units: Map<string, string>, owned: Owned): string | null {
  const u = spec.unit;
  const str = (c: string) => (typeof row[c] === 'string' ? row[c] : '');
  switch (u.via) {
    case 'self':
      return units.get(str(spec.key[0]!)) ?? null;
    case 'column':
      return units.get(str(u.column)) ?? null;
    case 'subject': {
      const id = str(u.idColumn);
      if (row[u.typeColumn] === 'unit') return units.get(id) ?? null;
      if (row[u.typeColumn] === 'organization') return owned.unitOf.get('organizations')?.get(id) ?? null;
      return null;
    }
    case 'parent':
      return owned.unitOf.get(u.table)?.get(str(u.column)) ?? null;
    case 'office':
      return null;
  }
}

/**
 * The rows with their encrypted columns opened with the session's key: a personal column the
 * province's policy asks for (a member's phone) travels in the age-encrypted file as plaintext and
 * the province seals it again under its own key when it lands (handoff/apply.ts). Protected
 * columns never reach here (their table is 'never').
 */
function openCells(ctx: ServiceContext, spec: TableSpec, columns: readonly string[], rows: Cell[][]): Cell[][] {
  const sealed = spec.encrypted.map((c) => [c, columns.indexOf(c)] as const).filter(([, i]) => i >= 0);
  if (sealed.length === 0) return rows;
  const fields = fieldsOf(ctx);
  const keyAt = columns.indexOf(spec.key[0]!);
  return rows.map((cells) => {
    const out = [...cells];
    for (const [column, i] of sealed) out[i] = fields.open(spec.name, column, String(cells[keyAt]), (cells[i] ?? null) as string | null);
    return out;
  });
}

async function scopeTable(
  ctx: ServiceContext,
  spec: TableSpec,
  columns: string[],
  units: Map<string, string>,
  owned: Owned,
  built: BuiltSnapshot,
) {
  const rows = openCells(ctx, spec, columns, await repo.readTableRows(ctx.db, spec.name, columns, spec.key));
  const kept: Cell[][] = [];
  const unitOf = new Map<string, string>();
  const deletedAt = columns.indexOf('deleted_at');
  let deleted = 0;
  for (const cells of rows) {
    const row: Record<string, Cell> = {};
    columns.forEach((c, i) => (row[c] = cells[i] ?? null));
    const unit = ownerOf(spec, row, units, owned);
    if (unit === null) continue;
    kept.push(cells);
    unitOf.set(String(row[spec.key[0]!]), unit);
    built.byUnit.set(unit, (built.byUnit.get(unit) ?? 0) + 1);
    if (deletedAt >= 0 && cells[deletedAt] !== null) deleted++;
  }
  owned.unitOf.set(spec.name, unitOf);
  built.deleted[spec.name] = deleted;
  return kept;
}

/** The catalogue rows that the sent scope rows point at. */
function referencedIds(catalogue: string, payload: SnapshotPayload): Set<string> {
  const ids = new Set<string>();
  for (const ref of CATALOGUE_REFERENCES.filter((r) => r.catalogue === catalogue)) {
    const t = payload.tables[ref.table]!;
    const i = t.columns.indexOf(ref.column);
    for (const r of t.rows) if (typeof r[i] === 'string') ids.add(r[i]);
  }
  return ids;
}

async function evaluationOf(
  ctx: ServiceContext,
  year: number,
): Promise<{ rows: PayloadEvaluation[]; frozen: BuiltSnapshot['frozen']; unevaluated: BuiltSnapshot['unevaluated'] }> {
  const { board } = await computeBoard(ctx, { year, unitId: null, category: null });
  const rows = board.rows.map((r): PayloadEvaluation => {
    const basis = board.frozen === null ? 'live' : r.tampered ? 'unverified' : r.frozen !== null ? 'frozen' : 'live';
    return {
      subjectType: r.subjectType,
      subjectId: r.subjectId,
      kind: r.kind,
      category: r.category,
      status: r.status,
      basis,
      result: basis === 'frozen' ? r.frozen : basis === 'live' ? r.live : null,
      live: r.live,
      frozen: r.frozen,
      frozenAt: basis === 'frozen' && board.frozen ? board.frozen.at : null,
      failing: r.failing,
      missing: r.missing,
    };
  });
  rows.sort((a, b) => (a.subjectType + a.subjectId < b.subjectType + b.subjectId ? -1 : 1));
  return {
    rows,
    frozen: board.frozen ? { at: board.frozen.at, by: board.frozen.by } : null,
    unevaluated: new Set(board.counts.filter((c) => c.dat === null).map((c) => c.category)),
  };
}

/** The full snapshot of the office's scope, labelled with the reported year, period and sequence. */
export async function buildSnapshot(ctx: ServiceContext, office: OfficeDto, scope: SnapshotScope): Promise<BuiltSnapshot> {
  const policy = parsePersonalPolicy(await repo.policyJson(ctx.db));
  const units = await officeUnits(ctx, office.rootUnitId);
  const evaluation = await evaluationOf(ctx, scope.year);
  const payload: SnapshotPayload = {
    format: SNAPSHOT_PAYLOAD_FORMAT,
    version: SNAPSHOT_PAYLOAD_VERSION,
    office: payloadOffice(office),
    year: scope.year,
    period: scope.period,
    sequence: scope.sequence,
    tables: {},
    omitted: {},
    evaluation: evaluation.rows,
  };
  const built: BuiltSnapshot = {
    payload,
    counts: {},
    deleted: {},
    byUnit: new Map(),
    frozen: evaluation.frozen,
    unevaluated: evaluation.unevaluated,
  };
  const owned: Owned = { unitOf: new Map() };
  // Scope tables first (registry order: a parent table before its children), then the catalogues.
  for (const spec of HANDOFF_TABLES.filter((t) => t.handoff === 'scope')) {
    const omitted = omittedColumns(spec.name, policy);
    if (omitted.length > 0) payload.omitted[spec.name] = omitted;
    const columns = payloadColumns(spec.name, omitted).map((c) => c.name);
    payload.tables[spec.name] = { columns, rows: await scopeTable(ctx, spec, columns, units, owned, built) };
  }
  for (const spec of HANDOFF_TABLES.filter((t) => t.handoff === 'catalogue')) {
    const columns = payloadColumns(spec.name, []).map((c) => c.name);
    const wanted = referencedIds(spec.name, payload);
    const rows = (await repo.readTableRows(ctx.db, spec.name, columns, spec.key)).filter((r) => wanted.has(String(r[0])));
    payload.tables[spec.name] = { columns, rows };
    built.deleted[spec.name] = 0;
  }
  // Tables in registry order in the file (canonical JSON sorts keys anyway; counts follow it).
  for (const spec of HANDOFF_TABLES) built.counts[spec.name] = payload.tables[spec.name]!.rows.length;
  return built;
}
