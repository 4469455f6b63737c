/**
 * 0019_accounts: accounts and roles (issue 15 item 1). The accounts of this copy of the app, the
 * office's data key wrapped once per account (under a key derived from its password) and once under
 * the recovery key printed at set-up, and the settings of the session (idle lock, the count of wrong
 * login attempts that makes the next one wait). Never sent to the province. Frozen once shipped.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE accounts (
      id TEXT PRIMARY KEY NOT NULL,
      username TEXT NOT NULL CHECK (length(username) BETWEEN 1 AND 50),
      username_folded TEXT NOT NULL UNIQUE,
      display_name TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
      role TEXT NOT NULL CHECK (role IN ('quan_tri', 'lanh_dao', 'can_bo', 'chi_xem')),
      password_kdf TEXT NOT NULL,
      password_salt BLOB NOT NULL,
      password_hash BLOB NOT NULL,
      disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
      must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
      last_login_at TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT`.execute(db);
  await sql`
    CREATE TABLE data_key_wraps (
      id TEXT PRIMARY KEY NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('account', 'recovery')),
      account_id TEXT UNIQUE REFERENCES accounts(id),
      kdf TEXT NOT NULL,
      salt BLOB NOT NULL,
      nonce BLOB NOT NULL,
      wrapped BLOB NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      CHECK ((kind = 'account') = (account_id IS NOT NULL))
    ) STRICT`.execute(db);
  await sql`CREATE UNIQUE INDEX data_key_wraps_one_recovery ON data_key_wraps (kind) WHERE kind = 'recovery'`.execute(db);
  await sql`
    CREATE TABLE auth_settings (
      singleton INTEGER PRIMARY KEY NOT NULL CHECK (singleton = 1),
      idle_lock_minutes INTEGER NOT NULL CHECK (idle_lock_minutes BETWEEN 1 AND 240),
      data_key_check BLOB,
      login_failures INTEGER NOT NULL DEFAULT 0 CHECK (login_failures >= 0),
      last_failure_at TEXT,
      updated_by TEXT,
      updated_at TEXT NOT NULL
    ) STRICT`.execute(db);
}
