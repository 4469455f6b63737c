/**
 * What points at a unit, an organisation or a team, read from the table registry
 * (shared/domain/table-registry.ts) instead of each feature's tables: counts for the refusal to
 * delete and the usage shown before ending, the records that may follow a unit to its successor,
 * and their move. Table and column names come only from the registry, never from input.
 */
import { sql, type Kysely } from 'kysely';
import type { Db } from './units.repo';
import {
  referencesTo,
  transferableReferences,
  type Lookup,
  type Reference,
  type ReferenceTarget,
  type TableSpec,
  type TransferGroup,
  type TransferSpec,
} from '../../../shared/domain/table-registry';

type SqlValue = string | number | null;
type LooseDb = Record<string, Record<string, SqlValue>>;
// Tables are named by the registry at run time, so queries go through an untyped view of the db.
const loose = (db: Db): Kysely<LooseDb> => db as unknown as Kysely<LooseDb>;

export interface ReferenceCount {
  table: string;
  label: string;
  n: number;
}

function countQuery(db: Db, table: TableSpec, ref: Reference, ids: readonly string[], openOnly: boolean) {
  let q = loose(db)
    .selectFrom(table.name)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(ref.column, 'in', ids);
  if (ref.when) q = q.where(ref.when.column, '=', ref.when.equals);
  if (table.tombstone) q = q.where('deleted_at', 'is', null);
  if (openOnly && ref.transfer) q = q.where(ref.transfer.endColumn, 'is', null);
  return q;
}

/**
 * Live records that refer to any of `ids` (role 'record'), per table, 0 omitted, in registry
 * order. `transferableOnly`: only the records that may follow a unit, and only open ones.
 */
export async function countReferences(
  db: Db,
  target: ReferenceTarget,
  ids: readonly string[],
  opts: { transferableOnly?: boolean } = {},
): Promise<ReferenceCount[]> {
  if (ids.length === 0) return [];
  const out: ReferenceCount[] = [];
  for (const { table, ref } of referencesTo(target)) {
    if (ref.role !== 'record') continue;
    if (opts.transferableOnly && !ref.transfer) continue;
    const row = await countQuery(db, table, ref, ids, opts.transferableOnly ?? false).executeTakeFirst();
    const n = Number(row?.['n'] ?? 0);
    if (n > 0) out.push({ table: table.name, label: ref.label ?? table.name, n });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Records that may follow a unit to its successor

export interface AttachedRow {
  table: string;
  id: string;
  group: TransferGroup;
  name: string;
  detail: string | null;
  unitId: string;
}

const lookupSql = (l: Lookup) =>
  sql`(SELECT ${sql.ref(`l.${l.value}`)} FROM ${sql.table(l.table)} AS l WHERE l.id = ${sql.ref(`t.${l.column}`)})`;
const valueSql = (v: { column: string } | { lookup: Lookup }) => ('column' in v ? sql.ref(`t.${v.column}`) : lookupSql(v.lookup));

async function attachedIn(
  db: Db,
  table: TableSpec,
  ref: Reference,
  t: TransferSpec,
  where: ReturnType<typeof sql>,
): Promise<AttachedRow[]> {
  const detail = t.detail ? valueSql(t.detail) : sql`NULL`;
  const team = t.teamWhen ? sql`(${lookupSql(t.teamWhen.lookup)} = ${t.teamWhen.equals})` : sql`0`;
  const rows = await sql<{ id: string; unit_id: string; name: string | null; detail: string | null; team: number | null }>`
    SELECT t.id AS id, ${sql.ref(`t.${ref.column}`)} AS unit_id, ${valueSql(t.name)} AS name, ${detail} AS detail, ${team} AS team
    FROM ${sql.table(table.name)} AS t
    WHERE ${where} AND t.deleted_at IS NULL AND ${sql.ref(`t.${t.endColumn}`)} IS NULL`.execute(db);
  return rows.rows.map((r) => ({
    table: table.name,
    id: r.id,
    group: r.team === 1 ? 'teams' : t.group,
    name: r.name ?? '',
    detail: r.detail,
    unitId: r.unit_id,
  }));
}

/** Open, live records placed directly in any of `unitIds` that may follow a unit to its successor. */
export async function listAttached(db: Db, unitIds: readonly string[]): Promise<AttachedRow[]> {
  if (unitIds.length === 0) return [];
  const out: AttachedRow[] = [];
  for (const { table, ref } of transferableReferences()) {
    const where = sql`${sql.ref(`t.${ref.column}`)} IN (${sql.join([...unitIds])})`;
    out.push(...(await attachedIn(db, table, ref, ref.transfer, where)));
  }
  return out;
}

/** The same description for chosen rows of one table, wherever they are placed now. */
export async function describeRows(db: Db, tableName: string, rowIds: readonly string[]): Promise<AttachedRow[]> {
  const found = transferableReferences().find((r) => r.table.name === tableName);
  if (!found || rowIds.length === 0) return [];
  const where = sql`t.id IN (${sql.join([...rowIds])})`;
  return attachedIn(db, found.table, found.ref, found.ref.transfer, where);
}

/**
 * Natural-key values of rows of `tableName` other than the unit column: the rows being moved and
 * the live rows already in the target unit, to find two that would share a key after the move.
 */
export async function naturalKeyValues(
  db: Db,
  tableName: string,
  rowIds: readonly string[],
  targetUnitId: string,
): Promise<{ id: string; unitId: string; key: string }[]> {
  const found = transferableReferences().find((r) => r.table.name === tableName);
  if (!found || !found.table.naturalKey?.includes(found.ref.column)) return [];
  const column = found.ref.column;
  const others = found.table.naturalKey.filter((c) => c !== column);
  const keySql = sql.join(
    others.map((c) => sql`ifnull(${sql.ref(`t.${c}`)}, '')`),
    sql` || '|' || `,
  );
  const rows = await sql<{ id: string; unit_id: string; k: string }>`
    SELECT t.id AS id, ${sql.ref(`t.${column}`)} AS unit_id, ${keySql} AS k
    FROM ${sql.table(tableName)} AS t
    WHERE t.deleted_at IS NULL AND (t.id IN (${sql.join(rowIds.length > 0 ? [...rowIds] : [''])}) OR ${sql.ref(`t.${column}`)} = ${targetUnitId})`.execute(
    db,
  );
  return rows.rows.map((r) => ({ id: r.id, unitId: r.unit_id, key: r.k }));
}

/** Points the rows at another unit; only rows still at `fromUnitId` move. Returns how many moved. */
export async function moveRow(db: Db, tableName: string, rowId: string, fromUnitId: string, toUnitId: string, at: string): Promise<number> {
  const found = transferableReferences().find((r) => r.table.name === tableName);
  if (!found) return 0;
  const column = found.ref.column;
  const result = await loose(db)
    .updateTable(tableName)
    .set({ [column]: toUnitId, updated_at: at })
    .where('id', '=', rowId)
    .where(column, '=', fromUnitId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
