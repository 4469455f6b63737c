/**
 * Simulates, at a province, what applying an office's snapshot leaves behind (issue 12 item 7)
 * without the inbox: an enrolled office key (handoff_peers), an applied file (handoff_received),
 * rows marked as the office's (handoff_ownership) and its unit matched to a province unit
 * (handoff_unit_map). Writes through a second connection to the data folder's database file; the
 * rows themselves are created through the contract first, as the province's, then marked owned.
 */
import crypto from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';

function withWriter<T>(file: string, fn: (db: BetterSqlite3.Database) => T): T {
  const db = new BetterSqlite3(file, { fileMustExist: true });
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

export interface SeededOffice {
  peerId: string;
  officeCode: string;
  name: string;
}

/** An enrolled (trusted) office key. */
export function seedOfficePeer(file: string, o: { officeCode: string; name: string; at?: string }): SeededOffice {
  const peerId = crypto.randomUUID();
  const at = o.at ?? '2026-01-05T02:00:00.000Z';
  const key = crypto.randomBytes(32).toString('base64');
  const digits = Array.from({ length: 6 }, () => String(crypto.randomInt(0, 10000)).padStart(4, '0')).join('-');
  withWriter(file, (db) =>
    db
      .prepare(
        `INSERT INTO handoff_peers (id, role, office_code, name, level, sign_public_key, age_recipient, fingerprint, status, source,
           confirmed_at, retired_at, replaced_by, created_at, updated_at)
         VALUES (?, 'office', ?, ?, 'xa', ?, NULL, ?, 'trusted', 'key-file', ?, NULL, NULL, ?, ?)`,
      )
      .run(peerId, o.officeCode, o.name, key, digits, at, at, at),
  );
  return { peerId, officeCode: o.officeCode, name: o.name };
}

/** A file of the office recorded as applied; returns its handoff_received id. */
export function seedAppliedFile(file: string, office: SeededOffice, f: { sequence: number; year: number; appliedAt: string }): string {
  const id = crypto.randomUUID();
  const name = `ANTQ_${office.officeCode}_${f.year}_${f.sequence}.antq`;
  const bytes = crypto.randomBytes(64);
  const sha = crypto.createHash('sha256').update(bytes).digest('hex');
  withWriter(file, (db) =>
    db
      .prepare(
        `INSERT INTO handoff_received (id, peer_id, office_code, year, sequence, file_name, sha256, bytes, status, reason_code, reason,
           file, summary_json, received_at, applied_at, receipt_written_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'applied', NULL, NULL, ?, NULL, ?, ?, NULL)`,
      )
      .run(id, office.peerId, office.officeCode, f.year, f.sequence, name, sha, bytes.length, bytes, f.appliedAt, f.appliedAt),
  );
  return id;
}

/** The office's own unit matched to the province's unit (by official code, as the inbox does). */
export function seedUnitMatch(file: string, office: SeededOffice, remoteUnitId: string, localUnitId: string): void {
  withWriter(file, (db) =>
    db
      .prepare('INSERT INTO handoff_unit_map (peer_id, remote_unit_id, local_unit_id) VALUES (?, ?, ?)')
      .run(office.peerId, remoteUnitId, localUnitId),
  );
}

/**
 * Marks the rows of `table` selected by `where` (SQL over the table's own columns, with `params`)
 * as the office's. Returns how many rows were marked.
 */
export function markOwned(
  file: string,
  office: SeededOffice,
  receivedId: string,
  table: string,
  where: string,
  ...params: unknown[]
): number {
  return withWriter(file, (db) => {
    const r = db
      .prepare(
        `INSERT OR REPLACE INTO handoff_ownership (table_name, row_id, peer_id, received_id)
         SELECT ?, id, ?, ? FROM "${table}" WHERE ${where}`,
      )
      .run(table, office.peerId, receivedId, ...params);
    return r.changes;
  });
}

/** Marks rows of a table whose key is not `id` (unit_attributes: unit_id). */
export function markOwnedIds(file: string, office: SeededOffice, receivedId: string, table: string, ids: readonly string[]): void {
  withWriter(file, (db) => {
    const stmt = db.prepare('INSERT OR REPLACE INTO handoff_ownership (table_name, row_id, peer_id, received_id) VALUES (?, ?, ?, ?)');
    for (const id of ids) stmt.run(table, id, office.peerId, receivedId);
  });
}
