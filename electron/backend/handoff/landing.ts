/**
 * Where an office's snapshot lands at the province, as pure functions over rows (no I/O): the rows
 * of each table as objects, the office's units matched to the province's own units by official
 * code, the references re-pointed through that match, which rows are inside the sender's units,
 * and the key a row is owned under. electron/backend/handoff/apply.ts does the reads and writes.
 */
import { TABLES, tableSpec, type TableSpec } from '../../../shared/domain/table-registry';
import type { LooseRow, SqlValue } from '../repos/handoff-inbox.repo';
import { handoffClassOf } from './payload-adapter';

/** The tables of a snapshot as objects keyed by column, in registry order. */
export type SnapshotRows = ReadonlyMap<string, readonly LooseRow[]>;

export interface SnapshotOffice {
  code: string;
  rootUnitId: string;
}

/** The tables of the unit tree whose rows describe a unit itself (its history, names, parents). */
const UNIT_HISTORY_TABLES = new Set(['unit_changes', 'unit_attributes', 'unit_parents', 'unit_names', 'unit_lineage']);

export function toRows(
  tables: Readonly<Record<string, { columns: readonly string[]; rows: readonly (readonly unknown[])[] }>>,
): Map<string, LooseRow[]> {
  const out = new Map<string, LooseRow[]>();
  for (const spec of TABLES) {
    const t = tables[spec.name];
    if (!t) continue;
    out.set(
      spec.name,
      t.rows.map((r) => {
        const row: LooseRow = {};
        t.columns.forEach((c, i) => (row[c] = (r[i] ?? null) as SqlValue));
        return row;
      }),
    );
  }
  return out;
}

/** The id a row is owned under (handoff_ownership.row_id): its key, one column in every snapshot table. */
export function rowKey(spec: TableSpec, row: LooseRow): string {
  return String(row[spec.key[0]!]);
}

export interface LocalUnitInfo {
  id: string;
  parentId: string | null;
  code: string | null;
}

export interface UnitMatchInput {
  office: SnapshotOffice;
  units: readonly LooseRow[];
  /** Live units of the province's tree that have an official code. */
  localUnits: readonly LocalUnitInfo[];
  /** Units owned by any office (never a match: only the province's own units are). */
  ownedUnitIds: ReadonlySet<string>;
}

/**
 * The office's units matched to the province's own units: its root by the office's official code
 * (anywhere in the province's tree), then each child by its code among the children of its
 * parent's match. A unit with no match lands as the office's own, below its parent's match.
 */
export function matchUnits(input: UnitMatchInput): Map<string, string> {
  const own = input.localUnits.filter((u) => !input.ownedUnitIds.has(u.id));
  const byParentCode = new Map<string, string>();
  for (const u of own) if (u.code !== null) byParentCode.set(`${u.parentId ?? ''}\u0000${u.code}`, u.id);
  const map = new Map<string, string>();
  const root = own.find((u) => u.code === input.office.code);
  if (!root) return map;
  map.set(input.office.rootUnitId, root.id);
  const children = new Map<string, LooseRow[]>();
  for (const u of input.units) {
    const parent = u['parent_id'];
    if (typeof parent !== 'string') continue;
    const list = children.get(parent) ?? [];
    list.push(u);
    children.set(parent, list);
  }
  const queue = [input.office.rootUnitId];
  while (queue.length > 0) {
    const remote = queue.shift()!;
    const local = map.get(remote);
    if (local === undefined) continue;
    for (const child of children.get(remote) ?? []) {
      const code = child['code'];
      if (typeof code !== 'string' || child['deleted_at'] !== null) continue;
      const match = byParentCode.get(`${local}\u0000${code}`);
      if (match !== undefined) {
        map.set(String(child['id']), match);
        queue.push(String(child['id']));
      }
    }
  }
  return map;
}

/** The unit a scope row belongs to (remote ids), or null when it belongs through an organisation or parent. */
function unitOfRow(spec: TableSpec, row: LooseRow): { unit: string } | { table: string; id: string } | null {
  const u = spec.unit;
  if (u.via === 'self') return { unit: String(row[spec.key[0]!]) };
  if (u.via === 'column') return { unit: String(row[u.column]) };
  if (u.via === 'subject') {
    const type = row[u.typeColumn];
    return type === 'unit' ? { unit: String(row[u.idColumn]) } : { table: 'organizations', id: String(row[u.idColumn]) };
  }
  if (u.via === 'parent') return { table: u.table, id: String(row[u.column]) };
  return null;
}

export interface ScopeProblem {
  table: string;
  id: string;
}

/**
 * Rows outside the sender's units: the units must descend from the office's root unit (whose
 * official code is the office's), and every scope row must belong to one of them, directly or
 * through a parent row of the same file. Returns the first problem, or null.
 */
export function findOutOfScope(office: SnapshotOffice, rows: SnapshotRows): ScopeProblem | null {
  const units = rows.get('units') ?? [];
  const root = units.find((u) => u['id'] === office.rootUnitId);
  if (!root || root['code'] !== office.code) return { table: 'units', id: office.rootUnitId };
  const parentOf = new Map(units.map((u) => [String(u['id']), u['parent_id']]));
  const inTree = new Set<string>();
  for (const u of units) {
    const id = String(u['id']);
    let cur: string = id;
    const seen = new Set<string>();
    while (cur !== office.rootUnitId) {
      if (seen.has(cur)) return { table: 'units', id };
      seen.add(cur);
      const p = parentOf.get(cur);
      if (typeof p !== 'string') return { table: 'units', id };
      cur = p;
    }
    inTree.add(id);
  }
  const present = new Map<string, Set<string>>();
  for (const spec of TABLES) {
    const list = rows.get(spec.name);
    if (!list || handoffClassOf(spec.name) !== 'scope') continue;
    const ids = new Set<string>();
    for (const row of list) {
      const owner = unitOfRow(spec, row);
      const ok = owner === null ? true : 'unit' in owner ? inTree.has(owner.unit) : (present.get(owner.table)?.has(owner.id) ?? false);
      if (!ok) return { table: spec.name, id: rowKey(spec, row) };
      ids.add(rowKey(spec, row));
    }
    present.set(spec.name, ids);
  }
  return null;
}

/** The first id seen twice in one table of the file, or null. */
export function findDuplicateId(rows: SnapshotRows): ScopeProblem | null {
  for (const [table, list] of rows) {
    const spec = tableSpec(table);
    const seen = new Set<string>();
    for (const row of list) {
      const id = rowKey(spec, row);
      if (seen.has(id)) return { table, id };
      seen.add(id);
    }
  }
  return null;
}

/** A copy of the row with its unit references re-pointed through the match (units: also the parent). */
export function remapRow(spec: TableSpec, row: LooseRow, map: ReadonlyMap<string, string>, provinceRoot: string | null): LooseRow {
  // Copied only when a value changes: most rows of an office with its own units land as they are.
  let out: LooseRow = row;
  const set = (c: string, v: LooseRow[string]) => {
    if (out === row) out = { ...row };
    out[c] = v;
  };
  // Each value is read from the original row, so a column named twice is re-pointed the same way twice.
  const repoint = (c: string) => {
    const v = row[c];
    const to = typeof v === 'string' ? map.get(v) : undefined;
    if (to !== undefined && to !== v) set(c, to);
  };
  for (const ref of spec.unitRefs) {
    if (ref.when && row[ref.when.column] !== ref.when.equals) continue;
    repoint(ref.column);
  }
  if (spec.unit.via === 'column') repoint(spec.unit.column);
  if (spec.unit.via === 'subject' && row[spec.unit.typeColumn] === 'unit') repoint(spec.unit.idColumn);
  // An office's root with no match hangs below the province's root (one root per tree).
  if (spec.name === 'units' && out['parent_id'] === null && provinceRoot !== null) set('parent_id', provinceRoot);
  return out;
}

/**
 * Whether a row lands at all: a matched unit stays the province's (only the match is kept), and
 * so does the history of a matched unit (its names, parents, changes are the province's own).
 */
export function landsAsOwn(spec: TableSpec, row: LooseRow, map: ReadonlyMap<string, string>): boolean {
  if (spec.name === 'units') return !map.has(String(row['id']));
  if (UNIT_HISTORY_TABLES.has(spec.name) && spec.unit.via === 'column') return !map.has(String(row[spec.unit.column]));
  return true;
}
