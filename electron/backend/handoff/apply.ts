/**
 * Landing an office's full snapshot in the province's database (issue 12 item 4): the plan (what
 * is new, changed, removed for that office, which ids would clash), and the writes inside the
 * caller's transaction: the office's owned rows missing from the snapshot deleted (reverse
 * registry order), the snapshot's rows upserted (registry order) with their units re-pointed to
 * the province's matching units, the ownership rows and the unit match replaced.
 */
import { TABLES, tableSpec, type TableSpec } from '../../../shared/domain/table-registry';
import {
  countLive,
  countLiveAmong,
  deleteOwnership,
  deleteRowsByKey,
  chunks,
  danglingAmongRows,
  danglingToKeys,
  danglingValues,
  deferForeignKeys,
  foreignKeysOf,
  insertOwnership,
  insertRows,
  liveUnitsWithCode,
  ownedRowIds,
  ownersOf,
  replaceUnitMap,
  rootUnitId,
  rowsByKey,
  upsertRows,
  type LooseRow,
} from '../repos/handoff-inbox.repo';
import type { Db } from '../repos/units.repo';
import { landsAsOwn, matchUnits, remapRow, rowKey, type SnapshotOffice, type SnapshotRows } from './landing';
import { handoffClassOf } from './payload-adapter';
import { refuse } from './texts';
import { CATALOGUE_REFERENCES } from './payload';
import { catalogueIdsInUse } from '../repos/handoff-catalogue.repo';
import { fieldCodec, openRow, sealRow, type FieldCodec } from '../keys/fields';

export interface TableChange {
  table: string;
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
}

export interface LandingPlan {
  /** The office's unit id → the province's unit it matches. */
  unitMap: Map<string, string>;
  /** Rows that land, re-pointed, per table (registry order): the office owns them after the landing. */
  rows: Map<string, LooseRow[]>;
  /** Of those, the rows to write: new to the province (inserted) or differing from what it holds (updated); the rest are unchanged. */
  writes: Map<string, { inserted: LooseRow[]; updated: LooseRow[] }>;
  /** Keys the office owns now that the snapshot no longer holds, per table. */
  removed: Map<string, string[]>;
  /**
   * The office's catalogue rows its file no longer holds but that something else still uses
   * (another office's or the province's rows): kept, still owned by the office (read-only).
   */
  retained?: Map<string, string[]>;
  changes: TableChange[];
  /** The first row whose id is held at the province by someone else, or null. */
  foreign: { table: string; id: string; owner: 'province' | 'office' } | null;
  /**
   * The province's session codec: stored rows are opened to be compared with the file's
   * plaintext, and the rows written are sealed again under the province's own key.
   */
  fields: FieldCodec;
}

export interface LandingTarget {
  /** The office's trusted key now. */
  peerId: string;
  /** Every key the office has had (retired ones own rows too until replaced). */
  peerIds: readonly string[];
  office: SnapshotOffice;
  rows: SnapshotRows;
}

function sameRow(a: LooseRow, b: LooseRow): boolean {
  for (const [k, v] of Object.entries(a)) if ((b[k] ?? null) !== v) return false;
  return true;
}

/** Columns by which an office's catalogue row is the same thing as one the province holds (unique there). */
const CATALOGUE_MATCH = ['code', 'name_folded'];

/** The office's catalogue rows (a model type, a kind it added) matched to the province's by code or folded name. */
async function matchCatalogue(db: Db, spec: TableSpec, rows: readonly LooseRow[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const present = new Set(
    (
      await rowsByKey(
        db,
        spec.name,
        spec.key[0]!,
        rows.map((r) => rowKey(spec, r)),
      )
    ).map((r) => rowKey(spec, r)),
  );
  const missing = rows.filter((r) => !present.has(rowKey(spec, r)));
  for (const col of CATALOGUE_MATCH) {
    const values = missing.map((r) => r[col]).filter((v): v is string => typeof v === 'string');
    if (values.length === 0) continue;
    const local = new Map((await rowsByKey(db, spec.name, col, values)).map((l) => [l[col], rowKey(spec, l)]));
    for (const r of missing) {
      const match = local.get(r[col] ?? null);
      if (match !== undefined && !out.has(rowKey(spec, r))) out.set(rowKey(spec, r), match);
    }
  }
  return out;
}

/** A scope row's references to catalogue rows re-pointed to the province's matching rows. */
function remapCatalogue(table: string, row: LooseRow, maps: ReadonlyMap<string, ReadonlyMap<string, string>>): LooseRow {
  let out = row;
  for (const ref of CATALOGUE_REFERENCES) {
    if (ref.table !== table) continue;
    const v = row[ref.column];
    const to = typeof v === 'string' ? maps.get(ref.catalogue)?.get(v) : undefined;
    if (to !== undefined) out = { ...out, [ref.column]: to };
  }
  return out;
}

async function matchOfficeUnits(db: Db, target: LandingTarget): Promise<Map<string, string>> {
  const localUnits = await liveUnitsWithCode(db);
  const ownedUnits = await ownersOf(
    db,
    'units',
    localUnits.map((u) => u.id),
  );
  return matchUnits({ office: target.office, units: target.rows.get('units') ?? [], localUnits, ownedUnitIds: new Set(ownedUnits.keys()) });
}

/** One table's rows compared with what the province holds: kept (to write), the diff, the first foreign id. */
async function planTable(
  db: Db,
  spec: TableSpec,
  landing: LooseRow[],
  ownedHere: ReadonlySet<string>,
  target: LandingTarget,
  plan: LandingPlan,
) {
  const cls = handoffClassOf(spec.name);
  const existing = new Map(
    (
      await rowsByKey(
        db,
        spec.name,
        spec.key[0]!,
        landing.map((r) => rowKey(spec, r)),
      )
    ).map((r) => [rowKey(spec, r), openRow(plan.fields, spec.name, r)]),
  );
  const owners = await ownersOf(db, spec.name, [...existing.keys()]);
  const change: TableChange = { table: spec.name, added: 0, changed: 0, removed: 0, unchanged: 0 };
  const kept: LooseRow[] = [];
  const writes = { inserted: [] as LooseRow[], updated: [] as LooseRow[] };
  for (const row of landing) {
    const key = rowKey(spec, row);
    const before = existing.get(key);
    const owner = owners.get(key);
    const mine = owner !== undefined && target.peerIds.includes(owner);
    if (before && !mine) {
      // A catalogue row the province or another office already holds (a built-in kind, one landed before): shared, not written.
      if (cls === 'catalogue') continue;
      plan.foreign ??= { table: spec.name, id: key, owner: owner === undefined ? 'province' : 'office' };
      continue;
    }
    kept.push(row);
    if (!before) {
      change.added++;
      writes.inserted.push(row);
    } else if (sameRow(row, before)) change.unchanged++;
    else {
      change.changed++;
      writes.updated.push(row);
    }
  }
  const keptKeys = new Set(kept.map((r) => rowKey(spec, r)));
  const removed = [...ownedHere].filter((k) => !keptKeys.has(k));
  change.removed = removed.length;
  plan.rows.set(spec.name, kept);
  plan.writes.set(spec.name, writes);
  plan.removed.set(spec.name, removed);
  if (landing.length > 0 || removed.length > 0) plan.changes.push(change);
}

/** Rows re-pointed between two checkpoints of the planning job. */
const REMAP_SLICE = 2_000;

/** Plans the landing (reads only): the unit match, the rows re-pointed, the diff with what the office owns. */
const noPause = (): Promise<void> => Promise.resolve();

export async function planLanding(
  db: Db,
  target: LandingTarget,
  fields: FieldCodec = fieldCodec(undefined),
  pause: () => Promise<void> = noPause,
): Promise<LandingPlan> {
  const owned = await ownedRowIds(db, target.peerIds);
  const unitMap = await matchOfficeUnits(db, target);
  const provinceRoot = await rootUnitId(db);
  const catalogueMaps = new Map<string, Map<string, string>>();
  const plan: LandingPlan = { unitMap, rows: new Map(), writes: new Map(), removed: new Map(), changes: [], foreign: null, fields };
  for (const spec of TABLES) {
    const cls = handoffClassOf(spec.name);
    if (cls === 'never') continue;
    // Between tables: the host's turn (a job's checkpoint, issue 16 item 3).
    await pause();
    let incoming = target.rows.get(spec.name) ?? [];
    if (cls === 'catalogue') {
      const matched = await matchCatalogue(db, spec, incoming);
      catalogueMaps.set(spec.name, matched);
      incoming = incoming.filter((r) => !matched.has(rowKey(spec, r)));
    }
    // Re-pointed in slices (a table of the file may hold tens of thousands of rows), the host's turn between them.
    const landing: LooseRow[] = [];
    for (let i = 0; i < incoming.length; i++) {
      if (i > 0 && i % REMAP_SLICE === 0) await pause();
      const r = incoming[i]!;
      if (landsAsOwn(spec, r, unitMap)) landing.push(remapCatalogue(spec.name, remapRow(spec, r, unitMap, provinceRoot), catalogueMaps));
    }
    await planTable(db, spec, landing, owned.get(spec.name) ?? new Set<string>(), target, plan);
  }
  await settleCatalogue(db, target, plan);
  return plan;
}

/**
 * The office's catalogue rows its file no longer holds: removed when nothing uses them any more,
 * retained (still the office's, read-only) while a row of another office or of the province, or
 * one of the office's own rows being landed, points at them.
 */
async function settleCatalogue(db: Db, target: LandingTarget, plan: LandingPlan): Promise<void> {
  plan.retained = new Map();
  for (const [table, candidates] of plan.removed) {
    if (handoffClassOf(table) !== 'catalogue' || candidates.length === 0) continue;
    const used = new Set<string>();
    for (const ref of CATALOGUE_REFERENCES.filter((r) => r.catalogue === table)) {
      for (const id of await catalogueIdsInUse(db, ref, candidates, target.peerIds)) used.add(id);
      for (const row of plan.rows.get(ref.table) ?? []) {
        const v = row[ref.column];
        if (typeof v === 'string') used.add(v);
      }
    }
    const removed = candidates.filter((id) => !used.has(id));
    plan.removed.set(table, removed);
    plan.retained.set(
      table,
      candidates.filter((id) => used.has(id)),
    );
    const change = plan.changes.find((c) => c.table === table);
    if (change) change.removed = removed.length;
  }
}

function columnsOf(rows: readonly LooseRow[]): string[] {
  return rows.length === 0 ? [] : Object.keys(rows[0]!);
}

/**
 * Writes a plan inside the caller's transaction. Foreign keys are checked once every row is
 * written (a refusal names the first dangling reference); `receivedId` null: a dry run, no
 * ownership rows (they would point at a file not recorded).
 */
export async function land(trx: Db, target: LandingTarget, plan: LandingPlan, receivedId: string | null): Promise<void> {
  await deferForeignKeys(trx);
  const specs: TableSpec[] = TABLES.filter((t) => plan.rows.has(t.name));
  for (const spec of [...specs].reverse()) {
    const removed = plan.removed.get(spec.name) ?? [];
    if (removed.length > 0) await deleteRowsByKey(trx, spec.name, spec.key[0]!, removed);
  }
  for (const spec of specs) {
    // Unchanged rows are not written again; changed rows first (a natural key one of them gives up may be taken by a new row).
    const columns = columnsOf(plan.rows.get(spec.name) ?? []);
    const writes = plan.writes.get(spec.name);
    const sealed = (rows: readonly LooseRow[]) => rows.map((r) => sealRow(plan.fields, spec.name, r));
    await upsertRows(trx, spec.name, spec.key, columns, sealed(writes?.updated ?? []));
    await insertRows(trx, spec.name, columns, sealed(writes?.inserted ?? []));
  }
  await deleteOwnership(trx, target.peerIds);
  if (receivedId !== null) {
    // Scope rows, and the catalogue rows the office brought (kept while used even when its file drops them).
    const owned = specs
      .flatMap((spec) => (plan.rows.get(spec.name) ?? []).map((r) => ({ table: spec.name, rowId: rowKey(spec, r) })))
      .concat([...(plan.retained ?? [])].flatMap(([table, ids]) => ids.map((rowId) => ({ table, rowId }))));
    await insertOwnership(trx, target.peerId, receivedId, owned);
  }
  await replaceUnitMap(
    trx,
    target.peerId,
    target.peerIds.filter((p) => p !== target.peerId),
    plan.unitMap,
  );
  const dangling = await danglingReference(trx, target, plan, receivedId);
  if (dangling) throw refuse('FOREIGN_ID', `(bảng ${dangling.table} trỏ tới bản ghi không có trong bảng ${dangling.parent})`);
}

/** Keys per statement of the foreign-key check: each statement a few ms, the host's turn between them on a pausing connection. */
export const CHECK_CHUNK = 2_000;

/**
 * The first reference the landing left pointing at nothing (issue 16 item 3: what PRAGMA
 * foreign_key_check found, read in work proportional to what the landing changed, not to the
 * province's tables). Foreign keys are deferred while the rows land, so a reference can dangle only
 * through what this transaction wrote or deleted:
 * - a row it wrote (inserted or updated; the file received) points at a missing parent: each
 *   written row read by its key, its parent looked up by the parent's key;
 * - a parent it deleted (the office's rows its file no longer holds) is still pointed at, by the
 *   office's rows or anyone else's: each deleted key looked up in every child table by the child
 *   column's index;
 * - the ownership and unit-match rows it wrote: their values looked up in the parents.
 * Tables in registry order, each table's foreign keys in declaration order; a few thousand keys per
 * statement. COMMIT still checks the deferred keys (SQLite's own count) behind this.
 */
async function danglingReference(
  trx: Db,
  target: LandingTarget,
  plan: LandingPlan,
  receivedId: string | null,
): Promise<{ table: string; parent: string } | null> {
  const written = new Map<string, { keyColumn: string; keys: string[] }>();
  for (const spec of TABLES) {
    const w = plan.writes.get(spec.name);
    if (!w) continue;
    const keys = [...w.updated, ...w.inserted].map((r) => rowKey(spec, r));
    if (keys.length > 0) written.set(spec.name, { keyColumn: spec.key[0]!, keys });
  }
  if (receivedId !== null) written.set('handoff_received', { keyColumn: 'id', keys: [receivedId] });
  const deleted = new Map([...plan.removed].filter(([, keys]) => keys.length > 0));
  const values = new Map<string, string[]>([
    // Written only when the file is recorded (not in a dry run).
    ['handoff_ownership.peer_id', receivedId === null ? [] : [target.peerId]],
    ['handoff_ownership.received_id', receivedId === null ? [] : [receivedId]],
    ['handoff_unit_map.peer_id', plan.unitMap.size === 0 ? [] : [target.peerId]],
    ['handoff_unit_map.local_unit_id', [...new Set(plan.unitMap.values())]],
  ]);
  for (const fk of await foreignKeysOf(
    trx,
    TABLES.map((t) => t.name),
  )) {
    const rows = written.get(fk.table);
    for (const keys of chunks(rows?.keys ?? [], CHECK_CHUNK)) {
      if (await danglingAmongRows(trx, fk, rows!.keyColumn, keys)) return fk;
    }
    const gone = deleted.get(fk.parent) ?? [];
    if (gone.length > 0 && fk.parentColumn !== tableSpec(fk.parent).key[0]) {
      throw new Error(`${fk.table}.${fk.column} points at ${fk.parent}.${fk.parentColumn}, not at its key`);
    }
    for (const keys of chunks(gone, CHECK_CHUNK)) {
      if (await danglingToKeys(trx, fk, keys)) return fk;
    }
    for (const keys of chunks(values.get(`${fk.table}.${fk.column}`) ?? [], CHECK_CHUNK)) {
      if (await danglingValues(trx, fk, keys)) return fk;
    }
  }
  return null;
}

/**
 * Live rows per scope table among the keys a landing touches (the rows it inserts or updates, the
 * office's rows it removes), read in slices of CHECK_CHUNK keys. Taken just before and just after
 * `land` in one transaction, the difference is what the landing changed in each table's live count:
 * a landing writes and deletes rows by these keys only (no cascades, no trigger changes a row's
 * liveness), so the counts after are the counts before plus that difference (issue 16 item 3: the
 * dry run's whole-table counts after the landing held the host 120–220 ms per table at 2 M rows;
 * this reads work proportional to the landing).
 */
export async function liveAmongTouched(db: Db, plan: LandingPlan): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const spec of TABLES) {
    if (handoffClassOf(spec.name) !== 'scope') continue;
    const w = plan.writes.get(spec.name);
    const keys = [
      ...new Set([...(w?.inserted ?? []), ...(w?.updated ?? [])].map((r) => rowKey(spec, r)).concat(plan.removed.get(spec.name) ?? [])),
    ];
    let live = 0;
    for (const slice of chunks(keys, CHECK_CHUNK)) live += await countLiveAmong(db, spec.name, spec.key[0]!, slice, spec.tombstone);
    out.set(spec.name, live);
  }
  return out;
}

/** The counts after a landing: before, plus each table's live rows among the touched keys after less before (liveAmongTouched). */
export function countsAfterLanding(
  before: ReadonlyMap<string, number>,
  touchedBefore: ReadonlyMap<string, number>,
  touchedAfter: ReadonlyMap<string, number>,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const [table, n] of before) out.set(table, n + (touchedAfter.get(table) ?? 0) - (touchedBefore.get(table) ?? 0));
  return out;
}

/** Records-per-kind of the whole province (live rows of every table a snapshot fills). */
export async function provinceCounts(db: Db): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const spec of TABLES) {
    if (handoffClassOf(spec.name) !== 'scope') continue;
    out.set(spec.name, await countLive(db, spec.name, tableSpec(spec.name).tombstone));
  }
  return out;
}
