/**
 * 0013_handoff: the hand-off to the province by file (issue 12). Frozen once shipped; never edit a
 * migration that has shipped, add a new one.
 *
 * - handoff_peers: the keys this office trusts: at an office, the province's (signing key and the
 *   age recipient files are encrypted to); at the province, each enrolled office's signing key. A
 *   key is 'pending' until an officer confirms its fingerprint ("mã nhận diện") read from paper or
 *   the phone; 'retired' when replaced by a rotation (kept: old files still verify).
 * - handoff_sent: at an office, every snapshot file written, with its hash and the receipt.
 * - handoff_received: at the province, every file taken in or refused, with the bytes of each
 *   accepted file (a roll-back re-applies one of them).
 * - handoff_ownership: at the province, which office a row came from (read-only there, and removed
 *   when a newer full snapshot no longer holds it).
 * - handoff_unit_map: at the province, an office's unit matched to the province's own unit by
 *   official code (records are re-pointed to it).
 * - handoff_packages: province packages made (at the province) or applied (at an office).
 * - handoff_policy: which personal fields the province asks for (set by a province package).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE handoff_peers (
      id TEXT PRIMARY KEY NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('province', 'office')),
      office_code TEXT NOT NULL CHECK (length(office_code) BETWEEN 1 AND 20),
      name TEXT NOT NULL,
      level TEXT CHECK (level IS NULL OR level IN ('tinh', 'huyen', 'xa')),
      sign_public_key TEXT NOT NULL,
      age_recipient TEXT,
      fingerprint TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('pending', 'trusted', 'retired')),
      source TEXT NOT NULL CHECK (source IN ('key-file', 'package', 'snapshot', 'rotation')),
      confirmed_at TEXT,
      retired_at TEXT,
      replaced_by TEXT REFERENCES handoff_peers(id),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      UNIQUE (role, sign_public_key)
    ) STRICT`.execute(db);
  await sql`CREATE UNIQUE INDEX handoff_peers_trusted ON handoff_peers(role, office_code) WHERE status = 'trusted'`.execute(db);

  await sql`
    CREATE TABLE handoff_sent (
      id TEXT PRIMARY KEY NOT NULL,
      sequence INTEGER NOT NULL UNIQUE CHECK (sequence >= 1),
      year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
      period_from TEXT NOT NULL,
      period_to TEXT NOT NULL,
      file_name TEXT NOT NULL,
      folder TEXT NOT NULL,
      sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
      bytes INTEGER NOT NULL CHECK (bytes > 0),
      recipient_peer_id TEXT NOT NULL REFERENCES handoff_peers(id),
      summary_json TEXT NOT NULL,
      receipt_at TEXT,
      receipt_status TEXT,
      receipt_sha256 TEXT,
      created_at TEXT NOT NULL
    ) STRICT`.execute(db);

  await sql`
    CREATE TABLE handoff_received (
      id TEXT PRIMARY KEY NOT NULL,
      peer_id TEXT REFERENCES handoff_peers(id),
      office_code TEXT,
      year INTEGER,
      sequence INTEGER,
      file_name TEXT NOT NULL,
      sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
      bytes INTEGER NOT NULL CHECK (bytes >= 0),
      status TEXT NOT NULL CHECK (status IN ('applied', 'superseded', 'refused')),
      reason_code TEXT,
      reason TEXT,
      file BLOB,
      summary_json TEXT,
      received_at TEXT NOT NULL,
      applied_at TEXT,
      receipt_written_at TEXT,
      CHECK (status = 'refused' OR (peer_id IS NOT NULL AND file IS NOT NULL AND sequence IS NOT NULL))
    ) STRICT`.execute(db);
  await sql`CREATE INDEX handoff_received_peer ON handoff_received(peer_id, sequence)`.execute(db);
  await sql`CREATE INDEX handoff_received_sha ON handoff_received(sha256)`.execute(db);

  await sql`
    CREATE TABLE handoff_ownership (
      table_name TEXT NOT NULL,
      row_id TEXT NOT NULL,
      peer_id TEXT NOT NULL REFERENCES handoff_peers(id),
      received_id TEXT NOT NULL REFERENCES handoff_received(id),
      PRIMARY KEY (table_name, row_id)
    ) STRICT`.execute(db);
  await sql`CREATE INDEX handoff_ownership_peer ON handoff_ownership(peer_id, table_name)`.execute(db);

  await sql`
    CREATE TABLE handoff_unit_map (
      peer_id TEXT NOT NULL REFERENCES handoff_peers(id),
      remote_unit_id TEXT NOT NULL,
      local_unit_id TEXT NOT NULL REFERENCES units(id),
      PRIMARY KEY (peer_id, remote_unit_id)
    ) STRICT`.execute(db);

  await sql`
    CREATE TABLE handoff_packages (
      id TEXT PRIMARY KEY NOT NULL,
      direction TEXT NOT NULL CHECK (direction IN ('made', 'applied')),
      province_code TEXT NOT NULL,
      sequence INTEGER NOT NULL CHECK (sequence >= 1),
      file_name TEXT NOT NULL,
      sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
      summary_json TEXT NOT NULL,
      created_at TEXT NOT NULL,
      UNIQUE (direction, province_code, sequence)
    ) STRICT`.execute(db);

  await sql`
    CREATE TABLE handoff_policy (
      singleton INTEGER PRIMARY KEY NOT NULL CHECK (singleton = 1),
      personal_allowed_json TEXT NOT NULL,
      package_id TEXT REFERENCES handoff_packages(id),
      updated_at TEXT NOT NULL
    ) STRICT`.execute(db);
}
