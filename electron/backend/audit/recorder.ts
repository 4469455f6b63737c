/**
 * Appends the audit entry of each change inside the change's own transaction (issue 15 item 3).
 *
 * How a change is seen, whatever service made it: TEMP triggers on every table (repos/audit.repo.ts)
 * note the rows each transaction inserts, updates or deletes; the database layer runs `append`
 * right before every COMMIT (db/open.ts TransactionHooks), which turns what was noted, and the
 * actor and method of the call (scope.ts), into one chained entry. A rolled-back transaction takes
 * its notes with it and leaves no entry; a transaction that touched nothing writes none. An entry
 * asked for explicitly (a view of a tip's informant, a backup) is a pending note in the scope.
 */
import { bumpVersions, yearCounterNames } from '../db/stored-reads';
import { createHash } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { OpenedDatabase } from '../db/open';
import { AUDIT_GENESIS, auditHash, boundIds, summarizeTouched, type AuditEntry, type AuditFields } from '../../../shared/domain/audit';
import { AUDIT_TABLE_LABELS } from '../../../shared/domain/audit-labels';
import { TABLES } from '../../../shared/domain/table-registry';
import { clearTouched, insertEntry, installTouchTriggers, lastPoint, readTouched, type TouchedRows } from '../repos/audit.repo';
import { clearTouchedYears, hasPlacement, installPlacementTriggers, readTouchedYears } from '../repos/placement-touch.repo';
import { currentAuditScope, withAuditNote, type AuditNote } from './scope';

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

const REGISTRY_ORDER = new Map(TABLES.map((t, i) => [t.name, i]));
const REGISTRY_KEYS = new Map(TABLES.map((t) => [t.name, t.key]));
const MAX_SUMMARY = 500;

/** The registry's order: the main record of a change (a tip) comes before its parts (its informant). */
function ordered(touched: TouchedRows[]): TouchedRows[] {
  return [...touched].sort((a, b) => (REGISTRY_ORDER.get(a.table) ?? 999) - (REGISTRY_ORDER.get(b.table) ?? 999));
}

/** The entry for what the open transaction did, or null when it did nothing worth one. */
export function pendingEntry(raw: BetterSqlite3.Database, now: Date): AuditEntry | null {
  const touched = ordered(readTouched(raw));
  const scope = currentAuditScope();
  const note = scope?.pending ?? null;
  if (touched.length === 0 && !note) return null;
  const changed = summarizeTouched(touched, AUDIT_TABLE_LABELS);
  const summary = [note?.summary, changed].filter((s): s is string => !!s).join('. ');
  const last = lastPoint(raw) ?? { seq: 0, hash: AUDIT_GENESIS };
  const fields: AuditFields = {
    seq: last.seq + 1,
    at: now.toISOString(),
    kind: note?.kind ?? 'change',
    actorId: scope?.actor?.id ?? null,
    actorName: scope?.actor?.name ?? null,
    actorRole: scope?.actor?.role ?? null,
    method: scope?.method ?? 'system',
    recordIds: boundIds([...(note?.ids ?? []), ...touched.flatMap((t) => t.ids)]),
    summary: summary.length > MAX_SUMMARY ? `${summary.slice(0, MAX_SUMMARY - 1)}…` : summary,
    prevHash: last.hash,
  };
  return { ...fields, hash: auditHash(fields, sha256Hex) };
}

/** Runs inside the transaction, before COMMIT: writes the entry (if any) and forgets the notes. */
export function appendPending(raw: BetterSqlite3.Database, now: Date): AuditEntry | null {
  const entry = pendingEntry(raw, now);
  if (!entry) return null;
  insertEntry(raw, entry);
  clearTouched(raw);
  const scope = currentAuditScope();
  if (scope) scope.pending = null;
  return entry;
}

/**
 * Installs the log on an opened, migrated database: the triggers of this connection, and the
 * append before every commit. Returns the number of tables watched. Also installed on the
 * long-write connection (db/long-write.ts), with the app connection's generations.
 */
export function installAudit(opened: Pick<OpenedDatabase, 'raw' | 'hooks' | 'generations'>, now: () => Date): number {
  const watched = installTouchTriggers(opened.raw, (table) => REGISTRY_KEYS.get(table) ?? null);
  installPlacementTriggers(opened.raw);
  opened.hooks.beforeCommit = () => {
    // Caches keyed on table generations (db/generations.ts) go stale with this commit; the activity
    // tables also say which years of placement they touched (the period figures' year slices).
    const touched = readTouched(opened.raw);
    const years = readTouchedYears(opened.raw);
    clearTouchedYears(opened.raw);
    opened.generations.touched(touched.map((t) => ({ table: t.table, ids: t.ids, count: t.count, years: years.get(t.table) })));
    // The same tables' counters in the file, in this transaction (values stored in the file, db/stored-reads.ts),
    // and an activity table's counters of the years it touched ('any year' when they are not known).
    bumpVersions(opened.raw, [
      ...touched.map((t) => t.table),
      ...touched.flatMap((t) => (hasPlacement(t.table) ? yearCounterNames(t.table, years.get(t.table)) : [])),
    ]);
    appendPending(opened.raw, now());
  };
  return watched;
}

/**
 * An entry of its own, in its own transaction, on the raw connection: for the moments the backups
 * service holds the connection alone (a backup, a copy, a restore); never while a transaction is
 * open on it.
 */
export function appendNote(raw: BetterSqlite3.Database, now: Date, note: AuditNote): AuditEntry | null {
  return withAuditNote(note, () => {
    raw.exec('BEGIN IMMEDIATE');
    try {
      const entry = appendPending(raw, now);
      raw.exec('COMMIT');
      return entry;
    } catch (err) {
      if (raw.inTransaction) raw.exec('ROLLBACK');
      throw err;
    }
  });
}

/** An entry of its own through Kysely (an empty transaction whose commit writes the note), for handlers. */
export async function recordNote(db: Kysely<Database>, note: AuditNote): Promise<void> {
  await withAuditNote(note, () => db.transaction().execute(() => Promise.resolve(undefined)));
}
