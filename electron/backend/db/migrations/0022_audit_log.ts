/**
 * 0022_audit_log: the tamper-evident log of every change and every view of a tip's informant
 * (issue 15 item 3). Frozen once shipped.
 *
 * - audit_log: one row per committed change (appended inside the change's own transaction by
 *   electron/backend/audit/recorder.ts), the actor as they were at the time (id, name, role: an
 *   account renamed later does not rewrite the past), the contract method, at most 20 record ids
 *   (a JSON array), a short Vietnamese summary (tables and counts, never a column's value),
 *   prev_hash and hash (SHA-256 over the canonical encoding of shared/domain/audit.ts).
 * - Two triggers refuse UPDATE and DELETE: the log is append-only through SQL. Someone who edits
 *   the file by other means (drops the triggers, writes bytes) breaks the hash chain instead,
 *   which the check at start and on demand finds and names.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE audit_log (
      seq INTEGER PRIMARY KEY NOT NULL CHECK (seq >= 1),
      at TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('change', 'view', 'system')),
      actor_id TEXT,
      actor_name TEXT,
      actor_role TEXT,
      method TEXT NOT NULL CHECK (length(method) BETWEEN 1 AND 80),
      record_ids TEXT NOT NULL CHECK (json_valid(record_ids) AND json_type(record_ids) = 'array' AND json_array_length(record_ids) <= 20),
      summary TEXT NOT NULL CHECK (length(summary) <= 500),
      prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
      hash TEXT NOT NULL CHECK (length(hash) = 64)
    ) STRICT`.execute(db);
  await sql`CREATE INDEX audit_log_at ON audit_log (at)`.execute(db);
  await sql`CREATE INDEX audit_log_actor ON audit_log (actor_id, seq)`.execute(db);
  await sql`CREATE INDEX audit_log_method ON audit_log (method, seq)`.execute(db);
  await sql`
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'Nhật ký thao tác chỉ được ghi thêm: không được sửa một dòng đã ghi.'); END`.execute(db);
  await sql`
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'Nhật ký thao tác chỉ được ghi thêm: không được xóa một dòng đã ghi.'); END`.execute(db);
}
