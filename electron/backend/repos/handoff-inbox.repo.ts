/**
 * SQL of the province's inbox (issue 12): the files received, which office owns which row, the
 * office's units matched to the province's, and the generic reads and writes of snapshot rows.
 * Table and column names come only from the table registry (shared/domain/table-registry.ts) and
 * the registry-checked payload, never from free input.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { batchQuery } from '../db/batch';
import { findPeerById, peersOfRole } from './handoff-peers.repo';
import type { PeerDto } from '../../../shared/ipc/contracts/handoff-keys.contract';
import type { Db } from './units.repo';
import type { HandoffReceivedTable } from '../db/tables/handoff';

export type SqlValue = string | number | null;
export type LooseRow = Record<string, SqlValue>;
type LooseDb = Record<string, LooseRow>;
// Tables are named by the registry at run time, so these queries go through an untyped view.
const loose = (db: Db): Kysely<LooseDb> => db as unknown as Kysely<LooseDb>;

/** `items` in consecutive slices of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

// --- peers (read here; h12-core's trust module owns enrolment rules)

/** A peer as the inbox reads it: the peers repo's row (one reading of handoff_peers). */
export type PeerRow = PeerDto;

/** Every office key this province knows (trusted, pending, retired). */
export function listOfficePeers(db: Db): Promise<PeerRow[]> {
  return peersOfRole(db, 'office');
}

export function getPeer(db: Db, id: string): Promise<PeerRow | null> {
  return findPeerById(db, id);
}

export async function insertOfficePeer(
  db: Db,
  p: { id: string; officeCode: string; name: string; level: string | null; signPublicKey: string; fingerprint: string; at: string },
): Promise<void> {
  await db
    .insertInto('handoff_peers')
    .values({
      id: p.id,
      role: 'office',
      office_code: p.officeCode,
      name: p.name,
      level: p.level,
      sign_public_key: p.signPublicKey,
      age_recipient: null,
      fingerprint: p.fingerprint,
      status: 'trusted',
      source: 'snapshot',
      confirmed_at: p.at,
      retired_at: null,
      replaced_by: null,
      created_at: p.at,
      updated_at: p.at,
    })
    .execute();
}

// --- files received

export type ReceivedRow = Omit<HandoffReceivedTable, 'file'>;
const receivedColumns = [
  'id',
  'peer_id',
  'office_code',
  'year',
  'sequence',
  'file_name',
  'sha256',
  'bytes',
  'status',
  'reason_code',
  'reason',
  'summary_json',
  'received_at',
  'applied_at',
  'receipt_written_at',
] as const;

/** Files taken in (the rest of the log is files refused and files presented again: 'replay'). */
const ACCEPTED = ['applied', 'superseded'];

export async function insertReceived(db: Db, row: HandoffReceivedTable): Promise<void> {
  await db.insertInto('handoff_received').values(row).execute();
}

/** What identifies a logged refusal or replay: its hash, or for a file never read its name and size. */
export interface LoggedFile {
  status: string;
  sha256: string | null;
  fileName: string;
  bytes: number;
}

/** Every refusal and replay logged (one read per folder import: the files' blobs are not touched). */
export async function loggedRefusals(db: Db): Promise<LoggedFile[]> {
  const rows = await db
    .selectFrom('handoff_received')
    .select(['status', 'sha256', 'file_name', 'bytes'])
    .where('status', 'in', ['refused', 'replay'])
    .execute();
  return rows.map((r) => ({ status: r.status, sha256: r.sha256, fileName: r.file_name, bytes: r.bytes }));
}

/** The accepted (applied or superseded) file with this hash, if any. */
export async function acceptedBySha(db: Db, sha256: string): Promise<ReceivedRow | null> {
  const row = await db
    .selectFrom('handoff_received')
    .select(receivedColumns)
    .where('sha256', '=', sha256)
    .where('status', 'in', ACCEPTED)
    .executeTakeFirst();
  return row ?? null;
}

/** The file currently applied for an office (at most one). */
export async function appliedFor(db: Db, peerIds: readonly string[]): Promise<ReceivedRow | null> {
  if (peerIds.length === 0) return null;
  const row = await db
    .selectFrom('handoff_received')
    .select(receivedColumns)
    .where('peer_id', 'in', peerIds)
    .where('status', '=', 'applied')
    .executeTakeFirst();
  return row ?? null;
}

/** The highest sequence ever accepted from an office (a roll-back does not lower it). */
export async function highestAccepted(db: Db, peerIds: readonly string[]): Promise<number | null> {
  if (peerIds.length === 0) return null;
  const row = await db
    .selectFrom('handoff_received')
    .select((eb) => eb.fn.max('sequence').as('s'))
    .where('peer_id', 'in', peerIds)
    .where('status', 'in', ACCEPTED)
    .executeTakeFirst();
  return row?.s ?? null;
}

/** Every file received (refused too), newest first; optionally one office's. */
export async function listReceived(db: Db, officeCode?: string): Promise<ReceivedRow[]> {
  let q = db.selectFrom('handoff_received').select(receivedColumns);
  if (officeCode !== undefined) q = q.where('office_code', '=', officeCode);
  return q.orderBy('received_at', 'desc').orderBy('sequence', 'desc').execute();
}

export async function getReceived(db: Db, id: string): Promise<(ReceivedRow & { file: Uint8Array | null }) | null> {
  const row = await db
    .selectFrom('handoff_received')
    .select([...receivedColumns, 'file'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row ?? null;
}

export async function setReceivedStatus(db: Db, id: string, status: 'applied' | 'superseded', appliedAt?: string): Promise<void> {
  const set = appliedAt === undefined ? { status } : { status, applied_at: appliedAt };
  await db.updateTable('handoff_received').set(set).where('id', '=', id).execute();
}

/** Marks every applied file of the office superseded (before another one becomes the applied one). */
export async function supersedeApplied(db: Db, peerIds: readonly string[]): Promise<void> {
  if (peerIds.length === 0) return;
  await db
    .updateTable('handoff_received')
    .set({ status: 'superseded' })
    .where('peer_id', 'in', peerIds)
    .where('status', '=', 'applied')
    .execute();
}

export async function setReceiptWritten(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('handoff_received').set({ receipt_written_at: at }).where('id', '=', id).execute();
}

// --- ownership and the unit map

/** Row ids an office owns, per table. */
export async function ownedRowIds(db: Db, peerIds: readonly string[]): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  if (peerIds.length === 0) return out;
  const rows = await db.selectFrom('handoff_ownership').select(['table_name', 'row_id']).where('peer_id', 'in', peerIds).execute();
  for (const r of rows) {
    let set = out.get(r.table_name);
    if (!set) out.set(r.table_name, (set = new Set()));
    set.add(r.row_id);
  }
  return out;
}

/** A list of keys as one bound value (a JSON array), read back in SQL by json_each: one statement whatever the count. */
function keyList(ids: readonly string[]): string {
  return JSON.stringify([...new Set(ids)]);
}

/**
 * `column IN (…)` of a long list of keys: the subquery over the list bound as one JSON array; SQLite
 * looks each key up by the column's index when it has one, else scans the table once.
 */
function inKeyList(ids: readonly string[]) {
  return sql<string>`(SELECT value FROM json_each(${keyList(ids)}))`;
}

/** Owner (peer id) of each of these rows that is owned by some office (one statement: each key looked up by the primary key). */
export async function ownersOf(db: Db, table: string, rowIds: readonly string[]): Promise<Map<string, string>> {
  if (rowIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('handoff_ownership')
    .select(['row_id', 'peer_id'])
    .where('table_name', '=', table)
    .where('row_id', 'in', inKeyList(rowIds))
    .execute();
  return new Map(rows.map((r) => [r.row_id, r.peer_id]));
}

export async function deleteOwnership(db: Db, peerIds: readonly string[]): Promise<void> {
  if (peerIds.length === 0) return;
  await db.deleteFrom('handoff_ownership').where('peer_id', 'in', peerIds).execute();
}

export async function insertOwnership(
  db: Db,
  peerId: string,
  receivedId: string,
  rows: readonly { table: string; rowId: string }[],
): Promise<void> {
  const byTable = new Map<string, string[]>();
  for (const r of rows) {
    const list = byTable.get(r.table);
    if (list) list.push(r.rowId);
    else byTable.set(r.table, [r.rowId]);
  }
  // One statement per table, in key order: each row goes to the end of the primary-key b-tree.
  for (const [table, ids] of byTable) {
    await sql`
      INSERT INTO handoff_ownership (table_name, row_id, peer_id, received_id)
      SELECT ${table}, k.value, ${peerId}, ${receivedId} FROM json_each(${keyList(ids)}) AS k ORDER BY k.value`.execute(db);
  }
}

export async function unitMapOf(db: Db, peerIds: readonly string[]): Promise<Map<string, string>> {
  if (peerIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('handoff_unit_map')
    .select(['remote_unit_id', 'local_unit_id'])
    .where('peer_id', 'in', peerIds)
    .execute();
  return new Map(rows.map((r) => [r.remote_unit_id, r.local_unit_id]));
}

export async function replaceUnitMap(
  db: Db,
  peerId: string,
  otherPeerIds: readonly string[],
  map: ReadonlyMap<string, string>,
): Promise<void> {
  await db
    .deleteFrom('handoff_unit_map')
    .where('peer_id', 'in', [peerId, ...otherPeerIds])
    .execute();
  const rows = [...map].map(([remote, local]) => ({ peer_id: peerId, remote_unit_id: remote, local_unit_id: local }));
  for (const part of chunks(rows, 5_000)) await db.insertInto('handoff_unit_map').values(part).execute();
}

// --- the province's units (for matching by official code)

export interface LocalUnit {
  id: string;
  parentId: string | null;
  code: string | null;
}

/** Live units of the province's tree with an official code. */
export async function liveUnitsWithCode(db: Db): Promise<LocalUnit[]> {
  const rows = await db
    .selectFrom('units')
    .select(['id', 'parent_id', 'code'])
    .where('deleted_at', 'is', null)
    .where('code', 'is not', null)
    .execute();
  return rows.map((r) => ({ id: r.id, parentId: r.parent_id, code: r.code }));
}

export async function rootUnitId(db: Db): Promise<string | null> {
  const row = await db.selectFrom('office').select('root_unit_id').executeTakeFirst();
  return row?.root_unit_id ?? null;
}

// --- generic rows of a snapshot table

/** Rows of `table` whose single-column key (or other column) is one of `ids`, all columns, in one statement. */
export async function rowsByKey(db: Db, table: string, keyColumn: string, ids: readonly string[]): Promise<LooseRow[]> {
  if (ids.length === 0) return [];
  return loose(db).selectFrom(table).selectAll().where(keyColumn, 'in', inKeyList(ids)).execute();
}

/** The SQL of a single-row INSERT of `columns` into `table` (compiled by Kysely), with its conflict clause. */
function insertSql(db: Db, table: string, columns: readonly string[], onConflict: 'fail' | { key: readonly string[] }): string {
  const q = loose(db)
    .insertInto(table)
    .values(Object.fromEntries(columns.map((c) => [c, null])));
  if (onConflict === 'fail') return q.compile().sql;
  const updated = columns.filter((c) => !onConflict.key.includes(c));
  if (updated.length === 0) return q.onConflict((oc) => oc.columns(onConflict.key).doNothing()).compile().sql;
  const set = Object.fromEntries(updated.map((c) => [c, sql.ref(`excluded.${c}`)])) as unknown as LooseRow;
  return q.onConflict((oc) => oc.columns(onConflict.key).doUpdateSet(set)).compile().sql;
}

/** Each row's values in `columns` order, made as the statement runs (short-lived: no array of every row at once). */
function* valuesOf(columns: readonly string[], rows: readonly LooseRow[]): Generator<SqlValue[]> {
  for (const r of rows) {
    const values: SqlValue[] = new Array<SqlValue>(columns.length);
    for (let i = 0; i < columns.length; i++) values[i] = r[columns[i]!] ?? null;
    yield values;
  }
}

/**
 * Inserts rows known to be new (all with the same columns): one prepared plain INSERT run for
 * every row (db/batch.ts). A row whose key is taken after all fails the statement (a constraint
 * error: the caller's transaction rolls back).
 */
export async function insertRows(db: Db, table: string, columns: readonly string[], rows: readonly LooseRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.executeQuery(batchQuery(insertSql(db, table, columns, 'fail'), valuesOf(columns, rows)));
}

/** Inserts or replaces rows (all with the same columns) by their key: one prepared upsert run for every row. */
export async function upsertRows(
  db: Db,
  table: string,
  key: readonly string[],
  columns: readonly string[],
  rows: readonly LooseRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.executeQuery(batchQuery(insertSql(db, table, columns, { key }), valuesOf(columns, rows)));
}

/** Deletes rows by single-column key. */
export async function deleteRowsByKey(db: Db, table: string, keyColumn: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await loose(db).deleteFrom(table).where(keyColumn, 'in', inKeyList(ids)).execute();
}

/** Live rows of a table (tombstoned rows left out where the table has them). */
export async function countLive(db: Db, table: string, tombstone: boolean): Promise<number> {
  let q = loose(db)
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'));
  if (tombstone) q = q.where('deleted_at', 'is', null);
  const row = await q.executeTakeFirst();
  return Number(row?.['n'] ?? 0);
}

/** Live rows of a table among the given keys (tombstoned rows left out where the table has them): one statement. */
export async function countLiveAmong(
  db: Db,
  table: string,
  keyColumn: string,
  keys: readonly string[],
  tombstone: boolean,
): Promise<number> {
  if (keys.length === 0) return 0;
  let q = loose(db)
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(keyColumn, 'in', inKeyList(keys));
  if (tombstone) q = q.where('deleted_at', 'is', null);
  const row = await q.executeTakeFirst();
  return Number(row?.['n'] ?? 0);
}

/** Foreign keys checked at commit: a re-pointed unit may be deleted before the rows that pointed at it are rewritten. */
export async function deferForeignKeys(db: Db): Promise<void> {
  await sql`PRAGMA defer_foreign_keys = ON`.execute(db);
}

/** A consistent copy of the whole database (including the WAL) at `file`, which must not exist. */
export async function vacuumInto(db: Db, file: string): Promise<void> {
  await sql`VACUUM INTO ${file}`.execute(db);
}

/** The main database file's path (where the automatic copies go beside it). */
export async function databaseFile(db: Db): Promise<string> {
  const { rows } = await sql<{ name: string; file: string }>`PRAGMA database_list`.execute(db);
  return rows.find((r) => r.name === 'main')?.file ?? '';
}

/** One single-column foreign key: `table.column` points at `parent.parentColumn`. */
export interface ForeignKey {
  table: string;
  column: string;
  parent: string;
  parentColumn: string;
}

/**
 * The foreign keys of these tables (PRAGMA foreign_key_list), in the given table order. A key of
 * several columns is refused: the hand-off's check (handoff/apply.ts) looks single values up.
 */
export async function foreignKeysOf(db: Db, tables: readonly string[]): Promise<ForeignKey[]> {
  const { rows } = await sql<{ tbl: string; id: number; seq: number; table: string; from: string; to: string | null }>`
    SELECT m.name AS tbl, f.id, f.seq, f."table", f."from", f."to"
    FROM sqlite_schema AS m, pragma_foreign_key_list(m.name) AS f
    WHERE m.type = 'table'`.execute(db);
  const out: ForeignKey[] = [];
  for (const table of tables) {
    const own = rows.filter((r) => r.tbl === table).sort((a, b) => a.id - b.id || a.seq - b.seq);
    for (const r of own) {
      if (own.some((o) => o.id === r.id && o.seq > 0)) throw new Error(`foreign key of several columns on ${table}`);
      out.push({ table, column: r.from, parent: r.table, parentColumn: r.to ?? (await primaryKeyOf(db, r.table)) });
    }
  }
  return out;
}

async function primaryKeyOf(db: Db, table: string): Promise<string> {
  const { rows } = await sql<{ name: string }>`SELECT name FROM pragma_table_info(${table}) WHERE pk = 1`.execute(db);
  if (rows.length !== 1) throw new Error(`no single-column primary key on ${table}`);
  return rows[0]!.name;
}

/** `NOT EXISTS` the parent row a value points at (by the parent's key: its primary key or unique index). */
function parentMissing(fk: ForeignKey, value: RawBuilder<unknown>) {
  return sql`NOT EXISTS (SELECT 1 FROM ${sql.id(fk.parent)} AS p WHERE p.${sql.id(fk.parentColumn)} = ${value})`;
}

/**
 * Whether one of the rows of `fk.table` whose `keyColumn` is one of `keys` points, through `fk`,
 * at a parent row that does not exist. One statement: each key looked up by the table's key, each
 * value by the parent's key (work ∝ the keys, not the table).
 */
export async function danglingAmongRows(db: Db, fk: ForeignKey, keyColumn: string, keys: readonly string[]): Promise<boolean> {
  if (keys.length === 0) return false;
  const { rows } = await sql`
    SELECT 1 AS found FROM ${sql.id(fk.table)} AS c
    WHERE c.${sql.id(keyColumn)} IN ${inKeyList(keys)} AND c.${sql.id(fk.column)} IS NOT NULL
      AND ${parentMissing(fk, sql`c.${sql.id(fk.column)}`)}
    LIMIT 1`.execute(db);
  return rows.length > 0;
}

/**
 * Whether a row of `fk.table` still points at one of these parent keys while the parent holds no
 * such row (a parent deleted under it). One statement: each key looked up by the child column's
 * index (a table without one is read once).
 */
export async function danglingToKeys(db: Db, fk: ForeignKey, parentKeys: readonly string[]): Promise<boolean> {
  if (parentKeys.length === 0) return false;
  const { rows } = await sql`
    SELECT 1 AS found FROM ${sql.id(fk.table)} AS c
    WHERE c.${sql.id(fk.column)} IN ${inKeyList(parentKeys)} AND ${parentMissing(fk, sql`c.${sql.id(fk.column)}`)}
    LIMIT 1`.execute(db);
  return rows.length > 0;
}

/** Whether one of these values (written into `fk.column`) is not a key of the parent. */
export async function danglingValues(db: Db, fk: ForeignKey, values: readonly string[]): Promise<boolean> {
  if (values.length === 0) return false;
  const { rows } = await sql`
    SELECT 1 AS found FROM json_each(${keyList(values)}) AS k
    WHERE k.value IS NOT NULL AND ${parentMissing(fk, sql`k.value`)}
    LIMIT 1`.execute(db);
  return rows.length > 0;
}
