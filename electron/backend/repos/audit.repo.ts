/**
 * The audit log's SQL. Two halves:
 * - on the raw connection, synchronous, for the recorder that runs inside a commit
 *   (audit/recorder.ts): the per-connection TEMP triggers that note which rows each transaction
 *   touched, the last entry, the append;
 * - through Kysely, for the service: the filtered, paged list, and the entries in seq order for
 *   the chain check and the export.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema';
import type { AuditEntry, AuditKind, ChainPoint, TouchedTable } from '../../../shared/domain/audit';
import { AUDIT_MAX_IDS } from '../../../shared/domain/audit';
import type { AuditLogTable } from '../db/tables/audit';
import { PLACEMENT_TRIGGER, placementBySetSql, placementYearsSql } from './placement-touch.repo';

export type Db = Kysely<Database> | Transaction<Database>;

const TOUCH_TABLE = 'temp.audit_touch';
const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Creates, on this connection only, the temp table of touched rows and an AFTER INSERT / UPDATE /
 * DELETE trigger on every table of the file but the log itself: each changed row adds one to its
 * table's count and, while fewer than AUDIT_MAX_IDS are kept, its key to the ids. The temp table
 * is part of the transaction: a rollback empties it too. `keyOf` gives a table's key columns.
 */
export function installTouchTriggers(raw: BetterSqlite3.Database, keyOf: (table: string) => readonly string[] | null): number {
  raw.exec(`CREATE TEMP TABLE IF NOT EXISTS audit_touch (
    tbl TEXT NOT NULL, op TEXT NOT NULL, n INTEGER NOT NULL, ids TEXT NOT NULL, PRIMARY KEY (tbl, op))`);
  const tables = (
    raw
      .prepare(
        "SELECT name FROM main.sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('audit_log', 'table_versions', 'stored_reads')",
      )
      .all() as {
      name: string;
    }[]
  ).map((r) => r.name);
  for (const table of tables) {
    const columns = (raw.pragma(`main.table_info(${quote(table)})`) as { name: string }[]).map((c) => c.name);
    const key = keyOf(table) ?? (columns.includes('id') ? ['id'] : null);
    for (const [op, event, row] of [
      ['I', 'INSERT', 'NEW'],
      ['U', 'UPDATE', 'NEW'],
      ['D', 'DELETE', 'OLD'],
    ] as const) {
      const keyExpr = key ? key.map((c) => `CAST(${row}.${quote(c)} AS TEXT)`).join(` || '|' || `) : `CAST(${row}.rowid AS TEXT)`;
      const name = quote(`audit_touch_${table}_${op}`);
      const literal = `'${table.replace(/'/g, "''")}'`;
      raw.exec(`CREATE TEMP TRIGGER IF NOT EXISTS ${name} AFTER ${event} ON main.${quote(table)} BEGIN
        INSERT INTO ${TOUCH_TABLE} (tbl, op, n, ids) VALUES (${literal}, '${op}', 1, json_array(${keyExpr}))
        ON CONFLICT (tbl, op) DO UPDATE SET n = n + 1,
          ids = CASE WHEN json_array_length(ids) < ${AUDIT_MAX_IDS} THEN json_insert(ids, '$[#]', ${keyExpr}) ELSE ids END;
      END`);
    }
  }
  return tables.length;
}

/**
 * New rows of `table` written by `write` with the table's per-row INSERT triggers lifted for that one
 * write, then noted by set: the audit's (installTouchTriggers: the count and the first ids added to
 * temp.audit_touch exactly as the trigger adds them row by row — n grows by the rows written; the ids,
 * in the order given, fill the list up to AUDIT_MAX_IDS) and the placement years'
 * (placement-touch.repo.ts: the years of the rows written — `years` when the caller holds them, from the
 * values it bound: placementYearsOf; else read back by key). `ids` are the rows' keys in the order
 * `write` inserts them; the table's key must be its `id` (the activity tables). Why: a statement that
 * fires a trigger keeps a statement journal, so under any trigger each single-row INSERT wrote its
 * pages twice; with none the rows cost what the raw driver's prepared INSERT costs. A trigger of
 * another kind on the table is left in place (the write is then correct, only not cheaper).
 *
 * Inside the caller's transaction only (the triggers are TEMP objects of this connection, part of the
 * transaction): a rollback brings them back with everything else, and each is created again (same
 * text) before this returns or throws. A connection without these triggers just writes.
 */
export async function insertNotedBySet(
  db: Db,
  table: string,
  ids: readonly string[],
  write: () => Promise<void>,
  years?: readonly string[] | null,
): Promise<void> {
  const names = [`audit_touch_${table}_I`, `${PLACEMENT_TRIGGER}${table}_I`];
  const found = await sql<{ name: string; sql: string }>`SELECT name, sql FROM temp.sqlite_master
    WHERE type = 'trigger' AND name IN (${sql.join(names)})`.execute(db);
  const lifted = found.rows;
  if (lifted.length === 0) return write();
  const recreate = lifted.map((t) => {
    if (!/^CREATE TRIGGER /.test(t.sql)) throw new Error(`Unexpected trigger text for ${t.name}`);
    return t.sql.replace(/^CREATE TRIGGER /, 'CREATE TEMP TRIGGER IF NOT EXISTS ');
  });
  for (const t of lifted) await sql`DROP TRIGGER temp.${sql.id(t.name)}`.execute(db);
  try {
    await write();
    if (ids.length === 0) return;
    if (lifted.some((t) => t.name === names[0])) {
      const row = await sql<{ ids: string }>`SELECT ids FROM ${sql.raw(TOUCH_TABLE)} WHERE tbl = ${table} AND op = 'I'`.execute(db);
      const before = row.rows[0] ? (JSON.parse(row.rows[0].ids) as string[]) : [];
      const kept = before.length >= AUDIT_MAX_IDS ? before : [...before, ...ids.slice(0, AUDIT_MAX_IDS - before.length)];
      await sql`INSERT INTO ${sql.raw(TOUCH_TABLE)} (tbl, op, n, ids) VALUES (${table}, 'I', ${ids.length}, ${JSON.stringify(kept)})
        ON CONFLICT (tbl, op) DO UPDATE SET n = n + excluded.n, ids = excluded.ids`.execute(db);
    }
    if (lifted.some((t) => t.name === names[1])) {
      // The rows' years when the caller gives them (the values it bound), else read back by key.
      const bySet = years ? placementYearsSql(table) : placementBySetSql(table);
      if (bySet !== null) await db.executeQuery(CompiledQuery.raw(bySet, [JSON.stringify(years ?? ids)]));
    }
  } finally {
    for (const text of recreate) await sql.raw(text).execute(db);
  }
}

export interface TouchedRows extends TouchedTable {
  ids: string[];
}

/** What the open transaction touched so far (empty: nothing). */
export function readTouched(raw: BetterSqlite3.Database): TouchedRows[] {
  const rows = raw.prepare(`SELECT tbl, op, n, ids FROM ${TOUCH_TABLE}`).all() as {
    tbl: string;
    op: 'I' | 'U' | 'D';
    n: number;
    ids: string;
  }[];
  return rows.map((r) => ({ table: r.tbl, op: r.op, count: r.n, ids: JSON.parse(r.ids) as string[] }));
}

export function clearTouched(raw: BetterSqlite3.Database): void {
  raw.prepare(`DELETE FROM ${TOUCH_TABLE}`).run();
}

/** The last entry's seq and hash (null: the log is empty). */
export function lastPoint(raw: BetterSqlite3.Database): ChainPoint | null {
  const row = raw.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as ChainPoint | undefined;
  return row ?? null;
}

export function insertEntry(raw: BetterSqlite3.Database, e: AuditEntry): void {
  raw
    .prepare(
      `INSERT INTO audit_log (seq, at, kind, actor_id, actor_name, actor_role, method, record_ids, summary, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(e.seq, e.at, e.kind, e.actorId, e.actorName, e.actorRole, e.method, JSON.stringify(e.recordIds), e.summary, e.prevHash, e.hash);
}

export function toEntry(r: AuditLogTable): AuditEntry {
  let ids: string[] = [];
  try {
    const parsed: unknown = JSON.parse(r.record_ids);
    if (Array.isArray(parsed)) ids = parsed.map(String);
  } catch {
    ids = [r.record_ids];
  }
  return {
    seq: r.seq,
    at: r.at,
    kind: r.kind,
    actorId: r.actor_id,
    actorName: r.actor_name,
    actorRole: r.actor_role,
    method: r.method,
    recordIds: ids,
    summary: r.summary,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

export interface AuditFilter {
  /** Inclusive ISO bounds on `at` (dates: the whole day of `to`). */
  from: string | null;
  to: string | null;
  actorId: string | null;
  /** A whole method name ("activities.save") or a feature ("activities"). */
  method: string | null;
  recordId: string | null;
  kind: AuditKind | null;
}

function filtered(db: Db, f: AuditFilter) {
  let q = db.selectFrom('audit_log');
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<', f.to);
  if (f.actorId) q = q.where('actor_id', '=', f.actorId);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.method) {
    const m = f.method;
    q = m.includes('.') ? q.where('method', '=', m) : q.where((eb) => eb.or([eb('method', '=', m), eb('method', 'like', `${m}.%`)]));
  }
  if (f.recordId) {
    const id = f.recordId;
    q = q.where(sql<boolean>`EXISTS (SELECT 1 FROM json_each(audit_log.record_ids) WHERE json_each.value = ${id})`);
  }
  return q;
}

/** One page of entries, newest first, and the count of all that match. */
export async function listEntries(db: Db, f: AuditFilter, offset: number, limit: number): Promise<{ rows: AuditEntry[]; total: number }> {
  const rows = await filtered(db, f).selectAll().orderBy('seq', 'desc').limit(limit).offset(offset).execute();
  const count = await filtered(db, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { rows: rows.map(toEntry), total: Number(count.n) };
}

/** Every matching entry in seq order (the export), at most `limit`. */
export async function allEntries(db: Db, f: AuditFilter, limit: number): Promise<AuditEntry[]> {
  const rows = await filtered(db, f).selectAll().orderBy('seq', 'asc').limit(limit).execute();
  return rows.map(toEntry);
}

/** Entries with seq > `after`, in seq order, one page (the chain check reads page by page). */
export async function entriesAfter(db: Db, after: number, limit: number): Promise<AuditEntry[]> {
  const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>', after).orderBy('seq', 'asc').limit(limit).execute();
  return rows.map(toEntry);
}

/** The actors that appear in the log (the filter's list), by name. */
export async function actors(db: Db): Promise<{ id: string; name: string; role: string | null }[]> {
  const rows = await db
    .selectFrom('audit_log')
    .select(['actor_id', (eb) => eb.fn.max('actor_name').as('name'), (eb) => eb.fn.max('actor_role').as('role')])
    .where('actor_id', 'is not', null)
    .groupBy('actor_id')
    .execute();
  return rows.map((r) => ({ id: r.actor_id!, name: r.name ?? r.actor_id!, role: r.role }));
}

export async function headPoint(db: Db): Promise<{ seq: number; hash: string; at: string } | null> {
  const row = await db.selectFrom('audit_log').select(['seq', 'hash', 'at']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row ?? null;
}
