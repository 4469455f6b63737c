/**
 * SQL of the province's inbox (issue 12): the files received, which office owns which row, the
 * office's units matched to the province's, and the generic reads and writes of snapshot rows.
 * Table and column names come only from the table registry (shared/domain/table-registry.ts) and
 * the registry-checked payload, never from free input.
 */
import { CompiledQuery, sql, type Kysely } from 'kysely';
import { findPeerById, peersOfRole } from './handoff-peers.repo';
import type { PeerDto } from '../../../shared/ipc/contracts/handoff-keys.contract';
import type { Db } from './units.repo';
import type { HandoffReceivedTable } from '../db/tables/handoff';

export type SqlValue = string | number | null;
export type LooseRow = Record<string, SqlValue>;
type LooseDb = Record<string, LooseRow>;
// Tables are named by the registry at run time, so these queries go through an untyped view.
const loose = (db: Db): Kysely<LooseDb> => db as unknown as Kysely<LooseDb>;

/** SQLite allows 32,766 bound values; stay well below with room for wide tables. */
const MAX_VALUES = 30_000;

function chunks<T>(items: readonly T[], size: number): T[][] {
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

/** Owner (peer id) of each of these rows that is owned by some office. */
export async function ownersOf(db: Db, table: string, rowIds: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const part of chunks(rowIds, 5_000)) {
    const rows = await db
      .selectFrom('handoff_ownership')
      .select(['row_id', 'peer_id'])
      .where('table_name', '=', table)
      .where('row_id', 'in', part)
      .execute();
    for (const r of rows) out.set(r.row_id, r.peer_id);
  }
  return out;
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
  const compile = (n: number) =>
    loose(db)
      .insertInto('handoff_ownership')
      .values(Array.from({ length: n }, () => ({ table_name: '', row_id: '', peer_id: '', received_id: '' })))
      .compile().sql;
  await runBatched(db, compile, rows, 1_000, (r) => [r.table, r.rowId, peerId, receivedId]);
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

/** Rows of `table` whose single-column key is one of `ids` (all columns). */
export async function rowsByKey(db: Db, table: string, keyColumn: string, ids: readonly string[]): Promise<LooseRow[]> {
  const out: LooseRow[] = [];
  for (const part of chunks(ids, 5_000)) {
    const rows = await loose(db).selectFrom(table).selectAll().where(keyColumn, 'in', part).execute();
    out.push(...rows);
  }
  return out;
}

/**
 * Runs one multi-row statement per `perStatement` rows: its SQL is built by Kysely once for the full
 * size (and once for the remainder), so each chunk only binds its values (no query tree per chunk).
 */
async function runBatched<T>(
  db: Db,
  compile: (rowCount: number) => string,
  rows: readonly T[],
  perStatement: number,
  values: (row: T) => readonly SqlValue[],
): Promise<void> {
  const sqlFor = new Map<number, string>();
  for (let i = 0; i < rows.length; i += perStatement) {
    const n = Math.min(perStatement, rows.length - i);
    let text = sqlFor.get(n);
    if (text === undefined) sqlFor.set(n, (text = compile(n)));
    const params: SqlValue[] = [];
    for (let j = i; j < i + n; j++) for (const v of values(rows[j]!)) params.push(v);
    await db.executeQuery(CompiledQuery.raw(text, params));
  }
}

/** Inserts or replaces rows (all with the same columns) by their key. */
export async function upsertRows(
  db: Db,
  table: string,
  key: readonly string[],
  columns: readonly string[],
  rows: readonly LooseRow[],
): Promise<void> {
  if (rows.length === 0) return;
  const perStatement = Math.max(1, Math.min(250, Math.floor(MAX_VALUES / Math.max(1, columns.length))));
  const updated = columns.filter((c) => !key.includes(c));
  const placeholder: LooseRow = Object.fromEntries(columns.map((c) => [c, null]));
  const compile = (n: number) => {
    const q = loose(db)
      .insertInto(table)
      .values(Array.from({ length: n }, () => placeholder));
    const withConflict =
      updated.length === 0
        ? q.onConflict((oc) => oc.columns(key).doNothing())
        : q.onConflict((oc) =>
            oc.columns(key).doUpdateSet(Object.fromEntries(updated.map((c) => [c, sql.ref(`excluded.${c}`)])) as unknown as LooseRow),
          );
    return withConflict.compile().sql;
  };
  await runBatched(db, compile, rows, perStatement, (r) => columns.map((c) => r[c] ?? null));
}

/** Deletes rows by single-column key. */
export async function deleteRowsByKey(db: Db, table: string, keyColumn: string, ids: readonly string[]): Promise<void> {
  for (const part of chunks(ids, 5_000)) await loose(db).deleteFrom(table).where(keyColumn, 'in', part).execute();
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

/** Rows whose foreign key points at nothing (PRAGMA foreign_key_check), first few. */
export async function foreignKeyProblems(db: Db): Promise<{ table: string; parent: string }[]> {
  const { rows } = await sql<{ table: string; parent: string }>`PRAGMA foreign_key_check`.execute(db);
  return rows.slice(0, 10).map((r) => ({ table: r.table, parent: r.parent }));
}
