/**
 * Reads (and the one write) of who owns a row at the province: handoff_ownership says which
 * enrolled office (handoff_peers, role 'office') a row came from, handoff_unit_map which office unit
 * was matched to a province unit, handoff_received which file was applied last. Plain functions over
 * a Kysely db or transaction; shared by the read-only guard, the consolidated figures and the inbox.
 */
import { sql } from 'kysely';
import type { Db } from './units.repo';

export interface RowOwner {
  table: string;
  rowId: string;
  peerId: string;
  officeCode: string;
  /** The office's name as enrolled ("Công an xã Gia Hòa"). */
  officeName: string;
}

export interface RowRef {
  table: string;
  id: string;
}

/** SQLite binds at most 32,766 parameters; stay far below. */
const CHUNK = 500;

/** True when any row at all is owned by an office (false at every office: the guard stops there). */
export async function anyOwnedRows(db: Db): Promise<boolean> {
  const r = await db.selectFrom('handoff_ownership').select('row_id').limit(1).executeTakeFirst();
  return r !== undefined;
}

/** The owner of each of `ids` in `table` that an office owns (ids not owned are absent). */
export async function ownersOf(db: Db, table: string, ids: readonly string[]): Promise<Map<string, RowOwner>> {
  const out = new Map<string, RowOwner>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const rows = await db
      .selectFrom('handoff_ownership as o')
      .innerJoin('handoff_peers as p', 'p.id', 'o.peer_id')
      .select(['o.table_name', 'o.row_id', 'o.peer_id', 'p.office_code', 'p.name'])
      .where('o.table_name', '=', table)
      .where('o.row_id', 'in', unique.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) {
      out.set(r.row_id, { table: r.table_name, rowId: r.row_id, peerId: r.peer_id, officeCode: r.office_code, officeName: r.name });
    }
  }
  return out;
}

/** The first of `refs` (in their order) that an office owns, or null. */
export async function firstOwned(db: Db, refs: readonly RowRef[]): Promise<RowOwner | null> {
  const byTable = new Map<string, string[]>();
  for (const r of refs) {
    const list = byTable.get(r.table);
    if (list) list.push(r.id);
    else byTable.set(r.table, [r.id]);
  }
  const found = new Map<string, RowOwner>();
  for (const [table, ids] of byTable) {
    for (const [id, owner] of await ownersOf(db, table, ids)) found.set(`${table}\u0000${id}`, owner);
  }
  for (const r of refs) {
    const owner = found.get(`${r.table}\u0000${r.id}`);
    if (owner) return owner;
  }
  return null;
}

/**
 * The first owned row of `table` whose columns equal `where` (a natural key such as a subject and
 * a year). `table` and the column names come from code (the table registry), never from input.
 */
export async function firstOwnedWhere(db: Db, table: string, where: Readonly<Record<string, string | number>>): Promise<RowOwner | null> {
  const conditions = Object.entries(where).map(([column, value]) => sql`t.${sql.ref(column)} = ${value}`);
  const r = await sql<{ row_id: string; peer_id: string; office_code: string; name: string }>`
    SELECT o.row_id, o.peer_id, p.office_code, p.name
    FROM ${sql.table(table)} AS t
    JOIN handoff_ownership AS o ON o.table_name = ${table} AND o.row_id = t.id
    JOIN handoff_peers AS p ON p.id = o.peer_id
    WHERE ${sql.join(conditions, sql` AND `)}
    LIMIT 1`.execute(db);
  const row = r.rows[0];
  return row ? { table, rowId: row.row_id, peerId: row.peer_id, officeCode: row.office_code, officeName: row.name } : null;
}

/** How many rows of `table` an office owns (0 at an office). */
export async function countOwned(db: Db, table: string): Promise<number> {
  const r = await db
    .selectFrom('handoff_ownership')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('table_name', '=', table)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The ids of the rows of `table` owned by any of `peerIds`. */
export async function ownedIds(db: Db, table: string, peerIds: readonly string[]): Promise<string[]> {
  if (peerIds.length === 0) return [];
  const rows = await db
    .selectFrom('handoff_ownership')
    .select('row_id')
    .where('table_name', '=', table)
    .where('peer_id', 'in', [...peerIds])
    .execute();
  return rows.map((r) => r.row_id);
}

export interface OfficePeer {
  peerId: string;
  officeCode: string;
  name: string;
  level: string | null;
  status: string;
}

/** Every office key the province knows (pending, trusted and retired), by office code then age. */
export async function officePeers(db: Db): Promise<OfficePeer[]> {
  const rows = await db
    .selectFrom('handoff_peers')
    .select(['id', 'office_code', 'name', 'level', 'status'])
    .where('role', '=', 'office')
    .orderBy('office_code')
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({ peerId: r.id, officeCode: r.office_code, name: r.name, level: r.level, status: r.status }));
}

/** Office units matched to the province's own units, per office key. */
export async function unitMatches(db: Db): Promise<{ peerId: string; remoteUnitId: string; localUnitId: string }[]> {
  const rows = await db.selectFrom('handoff_unit_map').select(['peer_id', 'remote_unit_id', 'local_unit_id']).execute();
  return rows.map((r) => ({ peerId: r.peer_id, remoteUnitId: r.remote_unit_id, localUnitId: r.local_unit_id }));
}

export interface AppliedFile {
  peerId: string;
  receivedId: string;
  sequence: number;
  year: number | null;
  fileName: string;
  appliedAt: string | null;
}

/** Every file currently applied (status 'applied'), newest sequence first per office key. */
export async function appliedFiles(db: Db): Promise<AppliedFile[]> {
  const rows = await db
    .selectFrom('handoff_received')
    .select(['id', 'peer_id', 'sequence', 'year', 'file_name', 'applied_at'])
    .where('status', '=', 'applied')
    .where('peer_id', 'is not', null)
    .orderBy('peer_id')
    .orderBy('sequence', 'desc')
    .execute();
  return rows.map((r) => ({
    peerId: r.peer_id ?? '',
    receivedId: r.id,
    sequence: r.sequence ?? 0,
    year: r.year,
    fileName: r.file_name,
    appliedAt: r.applied_at,
  }));
}

/** Records that `rows` came from the office `peerId` in the file `receivedId` (replacing any earlier owner). */
export async function recordOwnership(
  db: Db,
  rows: readonly { table: string; rowId: string; peerId: string; receivedId: string }[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK / 4) {
    await db
      .insertInto('handoff_ownership')
      .values(
        rows.slice(i, i + CHUNK / 4).map((r) => ({ table_name: r.table, row_id: r.rowId, peer_id: r.peerId, received_id: r.receivedId })),
      )
      .onConflict((oc) =>
        oc.columns(['table_name', 'row_id']).doUpdateSet((eb) => ({
          peer_id: eb.ref('excluded.peer_id'),
          received_id: eb.ref('excluded.received_id'),
        })),
      )
      .execute();
  }
}
