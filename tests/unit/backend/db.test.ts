/**
 * Opening and migrating the office's database (electron/backend/db/open.ts, migrator.ts,
 * migrations/): pragmas, the transactional runner, the copy taken before migrating, and refusing
 * files that are newer, foreign or not databases at all — without touching them.
 */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { APPLICATION_ID, assertOpenable, openDatabase, readHeader, type OpenedDatabase } from '../../../electron/backend/db/open';
import { migrate } from '../../../electron/backend/db/migrator';
import { LATEST_VERSION, MIGRATIONS, type Migration } from '../../../electron/backend/db/migrations';
import { DATABASE_FILE, openBackend } from '../../../electron/backend/index';
import { AppError } from '../../../electron/backend/errors';
import { CATALOGUE_PATH } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { dumpDatabase, sha256, tableNames, withReadonly } from '../../support/sqlite';
import { isVietnameseMessage } from '../../support/vietnamese';

const tmp = useTempDir('antq-db-');
const NOW = new Date('2026-11-22T03:00:00.000Z');

const opened: OpenedDatabase[] = [];
function open(file: string, latest = LATEST_VERSION): OpenedDatabase {
  const o = openDatabase(file, latest);
  opened.push(o);
  return o;
}
function closeAll(): void {
  for (const o of opened.splice(0)) if (o.raw.open) o.raw.close();
}
afterEach(closeAll);

function backendOptions(dataDir: string) {
  return { dataDir, shell: 'web' as const, appVersion: 'test', now: () => NOW, cataloguePath: CATALOGUE_PATH };
}

function migrationOptions(dir: string) {
  return { backupDir: path.join(dir, 'sao-luu'), now: () => NOW };
}

function createTable(name: string): Migration['up'] {
  return async (db) => {
    await sql`CREATE TABLE ${sql.raw(name)} (id INTEGER PRIMARY KEY, note TEXT)`.execute(db);
  };
}

const M1: Migration = { version: 1, name: '0001_a', up: createTable('a') };
const M2: Migration = { version: 2, name: '0002_b', up: createTable('b') };
const M3: Migration = { version: 3, name: '0003_c', up: createTable('c') };

/** A step that creates a table and inserts into it, then fails. */
const FAILING_2: Migration = {
  version: 2,
  name: '0002_breaks',
  up: async (db) => {
    await createTable('half')(db);
    await sql`INSERT INTO half (note) VALUES ('written before the failure')`.execute(db);
    await sql`INSERT INTO a (note) VALUES ('also written before the failure')`.execute(db);
    throw new Error('step failed halfway');
  },
};

function userVersion(raw: BetterSqlite3.Database): number {
  return Number(raw.pragma('user_version', { simple: true }));
}

function filesIn(dir: string): string[] {
  return fs.readdirSync(dir).sort();
}

/** Makes a database file the way a given version of the app would leave it, then closes it. */
function makeFile(file: string, opts: { applicationId?: number; userVersion: number; wal?: boolean; tables?: string[] }): void {
  const raw = new BetterSqlite3(file);
  if (opts.wal) raw.pragma('journal_mode = WAL');
  for (const t of opts.tables ?? ['future_table']) raw.exec(`CREATE TABLE ${t} (x TEXT); INSERT INTO ${t} VALUES ('keep me')`);
  if (opts.applicationId !== undefined) raw.pragma(`application_id = ${opts.applicationId}`);
  raw.pragma(`user_version = ${opts.userVersion}`);
  raw.close();
}

async function expectRefusedUnchanged(dataDir: string, pattern: RegExp): Promise<void> {
  const file = path.join(dataDir, DATABASE_FILE);
  const before = sha256(file);
  const listing = filesIn(dataDir);
  const err = await openBackend(backendOptions(dataDir)).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  const message = (err as AppError).message;
  expect(message).toMatch(pattern);
  expect(isVietnameseMessage(message)).toBe(true);
  expect(sha256(file)).toBe(before);
  // Nothing new next to it: no -wal/-shm/-journal, no backup folder.
  expect(filesIn(dataDir)).toEqual(listing);
}

describe('openDatabase: pragmas of every connection', () => {
  it('sets WAL, synchronous FULL, foreign keys, trusted_schema OFF and the application id', () => {
    const { raw } = open(path.join(tmp.path(), DATABASE_FILE));
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.pragma('synchronous', { simple: true })).toBe(2);
    expect(raw.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(raw.pragma('trusted_schema', { simple: true })).toBe(0);
    expect(raw.pragma('application_id', { simple: true })).toBe(0x414e5451);
    expect(APPLICATION_ID).toBe(0x414e5451);
    expect(Number(raw.pragma('busy_timeout', { simple: true }))).toBeGreaterThan(0);
  });

  it('creates missing parent folders', () => {
    const file = path.join(tmp.path(), 'a', 'b', DATABASE_FILE);
    open(file);
    expect(fs.existsSync(file)).toBe(true);
  });

  it('enforces foreign keys on the migrated schema', async () => {
    const o = open(path.join(tmp.path(), DATABASE_FILE));
    await migrate(o.raw, o.db, MIGRATIONS, migrationOptions(tmp.path()));
    expect(() =>
      o.raw
        .prepare(
          "INSERT INTO units (id, parent_id, level, kind, name, name_folded, created_at, updated_at) VALUES ('x', 'missing', 'xa', 'xa', 'X', 'x', 't', 't')",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
  });
});

describe('openBackend: the file it leaves', () => {
  it('is a WAL database with the ANTQ application id at the latest version, with the schema tables', async () => {
    const dir = tmp.path();
    const backend = await openBackend(backendOptions(dir));
    try {
      expect(backend.databasePath).toBe(path.join(dir, DATABASE_FILE));
      withReadonly(backend.databasePath, (db) => {
        expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
        expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
        expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
        expect(tableNames(db)).toEqual(expect.arrayContaining(['office', 'unit_changes', 'units']));
      });
      const info = await backend.dispatch('app.info', {});
      expect(info).toEqual({
        ok: true,
        value: { version: 'test', dataDir: dir, databasePath: backend.databasePath, today: '2026-11-22', shell: 'web' },
      });
    } finally {
      backend.close();
    }
    // close() checkpoints: the main file holds everything and the WAL is gone or empty.
    const wal = backend.databasePath + '-wal';
    expect(!fs.existsSync(wal) || fs.statSync(wal).size === 0).toBe(true);
  });

  it('opens the same data directory again without a backup (nothing to migrate)', async () => {
    const dir = tmp.path();
    (await openBackend(backendOptions(dir))).close();
    const before = dumpDatabase(path.join(dir, DATABASE_FILE));
    (await openBackend(backendOptions(dir))).close();
    expect(dumpDatabase(path.join(dir, DATABASE_FILE))).toEqual(before);
    expect(fs.existsSync(path.join(dir, 'sao-luu'))).toBe(false);
  });
});

describe('migrate', () => {
  it('takes a fresh database to LATEST_VERSION, and a second run is a no-op', async () => {
    const o = open(path.join(tmp.path(), DATABASE_FILE));
    const first = await migrate(o.raw, o.db, MIGRATIONS, migrationOptions(tmp.path()));
    expect(first).toEqual({ from: 0, to: LATEST_VERSION, backupPath: null });
    expect(userVersion(o.raw)).toBe(LATEST_VERSION);
    const schema = o.raw.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all();

    const second = await migrate(o.raw, o.db, MIGRATIONS, migrationOptions(tmp.path()));
    expect(second).toEqual({ from: LATEST_VERSION, to: LATEST_VERSION, backupPath: null });
    expect(userVersion(o.raw)).toBe(LATEST_VERSION);
    expect(o.raw.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all()).toEqual(schema);
    expect(fs.existsSync(path.join(tmp.path(), 'sao-luu'))).toBe(false);
  });

  it('the shipped list is numbered 1..n in order', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_VERSION).toBe(MIGRATIONS.length);
    for (const m of MIGRATIONS) expect(m.name).toMatch(/^\d{4}_[a-z0-9_]+$/);
  });

  it('runs fake steps in order and records each version', async () => {
    const o = open(path.join(tmp.path(), 'fake.db'), 3);
    const report = await migrate(o.raw, o.db, [M1, M2, M3], migrationOptions(tmp.path()));
    expect(report).toEqual({ from: 0, to: 3, backupPath: null });
    expect(userVersion(o.raw)).toBe(3);
    expect(tableNames(o.raw)).toEqual(['a', 'b', 'c']);
  });

  it('a step that creates a table and then throws leaves the previous version and no trace of the step', async () => {
    const file = path.join(tmp.path(), 'fake.db');
    const o = open(file, 2);
    await migrate(o.raw, o.db, [M1], migrationOptions(tmp.path()));
    o.raw.prepare("INSERT INTO a (note) VALUES ('before')").run();

    await expect(migrate(o.raw, o.db, [M1, FAILING_2], migrationOptions(tmp.path()))).rejects.toThrow('step failed halfway');
    expect(userVersion(o.raw)).toBe(1);
    expect(o.raw.inTransaction).toBe(false);
    expect(tableNames(o.raw)).toEqual(['a']);
    expect(o.raw.prepare('SELECT note FROM a').all()).toEqual([{ note: 'before' }]);

    // The same holds for another connection reading the file, and the runner can go on afterwards.
    expect(dumpDatabase(file)).toEqual({ userVersion: 1, tables: { a: [{ id: 1, note: 'before' }] } });
    // (a later instant, so the second attempt's backup gets its own file name)
    await migrate(o.raw, o.db, [M1, M2], { ...migrationOptions(tmp.path()), now: () => new Date('2026-11-22T03:05:00Z') });
    expect(userVersion(o.raw)).toBe(2);
    expect(tableNames(o.raw)).toEqual(['a', 'b']);
  });

  it('a failing first step on a fresh file leaves version 0 and no tables', async () => {
    const o = open(path.join(tmp.path(), 'fake.db'), 2);
    const broken: Migration = {
      ...FAILING_2,
      version: 1,
      up: async (db) => {
        await createTable('half')(db);
        throw new Error('boom');
      },
    };
    await expect(migrate(o.raw, o.db, [broken], migrationOptions(tmp.path()))).rejects.toThrow('boom');
    expect(userVersion(o.raw)).toBe(0);
    expect(tableNames(o.raw)).toEqual([]);
  });

  it('keeps the steps that succeeded before the failing one', async () => {
    const o = open(path.join(tmp.path(), 'fake.db'), 3);
    const failing3: Migration = { ...FAILING_2, version: 3 };
    await expect(migrate(o.raw, o.db, [M1, M2, failing3], migrationOptions(tmp.path()))).rejects.toThrow();
    expect(userVersion(o.raw)).toBe(2);
    expect(tableNames(o.raw)).toEqual(['a', 'b']);
  });

  it('copies an existing database (version > 0) before migrating it; the copy is a valid database at the old version', async () => {
    const dir = tmp.path();
    const file = path.join(dir, 'fake.db');
    const o = open(file, 3);
    await migrate(o.raw, o.db, [M1], migrationOptions(dir));
    o.raw.prepare("INSERT INTO a (note) VALUES ('Thôn 3')").run(); // still in the WAL: the copy must include it

    const report = await migrate(o.raw, o.db, [M1, M2, M3], migrationOptions(dir));
    expect(report.from).toBe(1);
    expect(report.to).toBe(3);
    expect(report.backupPath).toBe(path.join(dir, 'sao-luu', 'truoc-nang-cap-v1-2026-11-22T03-00-00-000Z.db'));
    const backup = report.backupPath!;
    expect(fs.existsSync(backup)).toBe(true);
    expect(filesIn(path.join(dir, 'sao-luu'))).toEqual([path.basename(backup)]);
    withReadonly(backup, (db) => {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('user_version', { simple: true })).toBe(1);
      expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
      expect(tableNames(db)).toEqual(['a']);
      expect(db.prepare('SELECT note FROM a').all()).toEqual([{ note: 'Thôn 3' }]);
    });
    expect(userVersion(o.raw)).toBe(3);
  });

  it('does not copy a fresh (version 0) database', async () => {
    const dir = tmp.path();
    const o = open(path.join(dir, 'fake.db'), 1);
    const report = await migrate(o.raw, o.db, [M1], migrationOptions(dir));
    expect(report.backupPath).toBeNull();
    expect(fs.existsSync(path.join(dir, 'sao-luu'))).toBe(false);
  });

  it('refuses a list that is out of order, before touching the file', async () => {
    const o = open(path.join(tmp.path(), 'fake.db'), 3);
    await expect(migrate(o.raw, o.db, [M2, M1], migrationOptions(tmp.path()))).rejects.toThrow(/out of order/);
    await expect(migrate(o.raw, o.db, [M1, M3], migrationOptions(tmp.path()))).rejects.toThrow(/out of order/);
    expect(userVersion(o.raw)).toBe(0);
    expect(tableNames(o.raw)).toEqual([]);
  });

  it('refuses a database newer than its list', async () => {
    const o = open(path.join(tmp.path(), 'fake.db'), 5);
    o.raw.pragma('user_version = 4');
    await expect(migrate(o.raw, o.db, [M1, M2], migrationOptions(tmp.path()))).rejects.toThrow(/newer/);
    expect(userVersion(o.raw)).toBe(4);
  });
});

describe('refusing files that are not ours to open', () => {
  it('refuses a database written by a newer version, leaving the file byte for byte and creating nothing next to it', async () => {
    const dir = tmp.path();
    const file = path.join(dir, DATABASE_FILE);
    makeFile(file, { applicationId: APPLICATION_ID, userVersion: LATEST_VERSION + 1, wal: false });
    await expectRefusedUnchanged(dir, /phiên bản mới hơn/);
  });

  it('refuses a newer database that was left in WAL mode (as this app leaves its files) without creating -wal/-shm', async () => {
    const dir = tmp.path();
    const file = path.join(dir, DATABASE_FILE);
    makeFile(file, { applicationId: APPLICATION_ID, userVersion: LATEST_VERSION + 1, wal: true });
    expect(filesIn(dir)).toEqual([DATABASE_FILE]);
    await expectRefusedUnchanged(dir, /phiên bản mới hơn/);
  });

  it('openDatabase itself refuses the newer file with the version numbers in the message', () => {
    const file = path.join(tmp.path(), DATABASE_FILE);
    makeFile(file, { applicationId: APPLICATION_ID, userVersion: 7 });
    expect(() => openDatabase(file, 1)).toThrow(/phiên bản dữ liệu 7, phần mềm này chỉ đọc được đến 1/);
  });

  it('refuses a SQLite file of another program (other application_id, user_version > 0)', async () => {
    const dir = tmp.path();
    makeFile(path.join(dir, DATABASE_FILE), { applicationId: 0x12345678, userVersion: 3, tables: ['contacts'] });
    await expectRefusedUnchanged(dir, /không phải là cơ sở dữ liệu của phần mềm này/);
  });

  it("refuses another program's file even at user_version 0 when its application_id is set", async () => {
    const dir = tmp.path();
    makeFile(path.join(dir, DATABASE_FILE), { applicationId: 0x12345678, userVersion: 0 });
    await expectRefusedUnchanged(dir, /không phải là cơ sở dữ liệu của phần mềm này/);
  });

  it('refuses an ANTQ-less file that claims a version (application_id 0, user_version > 0)', async () => {
    const dir = tmp.path();
    makeFile(path.join(dir, DATABASE_FILE), { userVersion: 1 });
    await expectRefusedUnchanged(dir, /không phải là cơ sở dữ liệu của phần mềm này/);
  });

  it.each([
    ['text', Buffer.from('Đây không phải là cơ sở dữ liệu. '.repeat(200), 'utf8')],
    ['random bytes', Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919 + 13) % 256))],
    ['a short file', Buffer.from('hello')],
  ])('refuses a garbage file (%s) with a Vietnamese message and leaves it alone', async (_label, bytes) => {
    const dir = tmp.path();
    fs.writeFileSync(path.join(dir, DATABASE_FILE), bytes);
    await expectRefusedUnchanged(dir, /không phải là cơ sở dữ liệu/);
  });

  it('readHeader reads a missing file as null and an ANTQ file as its ids', () => {
    const file = path.join(tmp.path(), DATABASE_FILE);
    expect(readHeader(file)).toBeNull();
    makeFile(file, { applicationId: APPLICATION_ID, userVersion: 1 });
    expect(readHeader(file)).toMatchObject({ applicationId: APPLICATION_ID, userVersion: 1 });
  });

  it('assertOpenable accepts a new file, an empty SQLite file and our own older or current file', () => {
    expect(() => assertOpenable(null, 1, 'x.db')).not.toThrow();
    expect(() => assertOpenable({ applicationId: 0, userVersion: 0, pageCount: 1 }, 1, 'x.db')).not.toThrow();
    // Another program's SQLite file (a schema, no application id) is not ours.
    expect(() => assertOpenable({ applicationId: 0, userVersion: 0, pageCount: 3 }, 1, 'x.db')).toThrow(
      /không phải là cơ sở dữ liệu của phần mềm này/,
    );
    expect(() => assertOpenable({ applicationId: APPLICATION_ID, userVersion: 0, pageCount: 1 }, 1, 'x.db')).not.toThrow();
    expect(() => assertOpenable({ applicationId: APPLICATION_ID, userVersion: 1, pageCount: 4 }, 1, 'x.db')).not.toThrow();
    expect(() => assertOpenable({ applicationId: APPLICATION_ID, userVersion: 2, pageCount: 4 }, 1, '/a/b/x.db')).toThrow(/"x\.db"/);
  });

  it('an empty (zero-byte) file is refused, not silently made a new office (issue 10 item 9)', async () => {
    const dir = tmp.path();
    fs.writeFileSync(path.join(dir, DATABASE_FILE), '');
    await expectRefusedUnchanged(dir, /rỗng \(0 byte\)/);
  });
});
