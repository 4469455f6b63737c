/**
 * Forward-only migration runner. Each step runs inside one SQLite transaction that also sets
 * PRAGMA user_version, so a step that fails halfway leaves the file at the previous version
 * (Kysely's own Migrator does not use transactions on SQLite). The file is copied first.
 */
import fs from 'node:fs';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Migration } from './migrations';
import { runtimeStorageError } from './failures';

export interface MigrationReport {
  from: number;
  to: number;
  backupPath: string | null;
}

export interface MigrateOptions {
  /** Folder for the copy taken before migrating an existing database. */
  backupDir: string;
  /** Used only to name the backup file. */
  now: () => Date;
  /**
   * Writes the backup before migrating and returns its path: the app passes its backups service
   * (a checked backup listed in the manifest, rotated with the others); without it, a plain copy.
   */
  backup?: (raw: BetterSqlite3.Database, fromVersion: number) => string;
}

export async function migrate<DB>(
  raw: BetterSqlite3.Database,
  db: Kysely<DB>,
  migrations: readonly Migration[],
  options: MigrateOptions,
): Promise<MigrationReport> {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration list out of order at ${m.name}`);
  });
  const from = Number(raw.pragma('user_version', { simple: true }));
  const latest = migrations.length;
  if (from > latest) {
    throw new Error(`database version ${from} is newer than this app (${latest})`);
  }
  if (from === latest) return { from, to: from, backupPath: null };

  let backupPath: string | null = null;
  if (from > 0 && options.backup) {
    backupPath = options.backup(raw, from);
  } else if (from > 0) {
    fs.mkdirSync(options.backupDir, { recursive: true });
    const stamp = options.now().toISOString().replace(/[:.]/g, '-');
    backupPath = path.join(options.backupDir, `truoc-nang-cap-v${from}-${stamp}.db`);
    // VACUUM INTO refuses an existing file; a retried upgrade in the same millisecond gets a suffix.
    for (let n = 2; fs.existsSync(backupPath); n++) {
      backupPath = path.join(options.backupDir, `truoc-nang-cap-v${from}-${stamp}-${n}.db`);
    }
    // VACUUM INTO writes a consistent copy, including what is still in the WAL.
    try {
      raw.prepare('VACUUM INTO ?').run(backupPath);
    } catch (err) {
      // A full disk or a read-only folder: say so in Vietnamese, keep the cause for the log.
      throw runtimeStorageError(err) ?? err;
    }
  }

  for (const step of migrations.slice(from)) await runStep(raw, db, step);
  return { from, to: latest, backupPath };
}

/** One step in one transaction; a `foreignKeysOff` step with foreign keys off and checked before the commit. */
async function runStep<DB>(raw: BetterSqlite3.Database, db: Kysely<DB>, step: Migration): Promise<void> {
  // PRAGMA foreign_keys is a no-op inside a transaction: it is switched before BEGIN.
  const keysWereOn = Number(raw.pragma('foreign_keys', { simple: true })) === 1;
  if (step.foreignKeysOff && keysWereOn) raw.pragma('foreign_keys = OFF');
  try {
    raw.exec('BEGIN IMMEDIATE');
    try {
      await step.up(db);
      if (step.foreignKeysOff) {
        const dangling = raw.pragma('foreign_key_check') as { table: string; parent: string }[];
        if (dangling.length > 0) throw new Error(`${step.name}: ${dangling[0]!.table} points at missing rows of ${dangling[0]!.parent}`);
      }
      raw.pragma(`user_version = ${step.version}`);
      raw.exec('COMMIT');
    } catch (err) {
      // SQLite may have rolled back already (SQLITE_FULL): a second ROLLBACK would hide the cause.
      if (raw.inTransaction) raw.exec('ROLLBACK');
      throw runtimeStorageError(err) ?? err;
    }
  } finally {
    if (step.foreignKeysOff && keysWereOn) raw.pragma('foreign_keys = ON');
  }
}
