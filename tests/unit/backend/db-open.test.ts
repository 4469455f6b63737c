/**
 * Opening the data file when something is wrong with it or with its folder (issue 10, items 7-9):
 * a damaged page, a malformed file, a full disk, a read-only folder, a folder in place of the file,
 * a file in place of the folder, an empty file, our id over a foreign schema. Each is refused with
 * its own Vietnamese message that says what to do, keeps the low-level cause for the log, and
 * (where the file exists) leaves it byte for byte with nothing created beside it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { APPLICATION_ID, openDatabase } from '../../../electron/backend/db/open';
import { migrate } from '../../../electron/backend/db/migrator';
import { LATEST_VERSION, MIGRATIONS } from '../../../electron/backend/db/migrations';
import { DB_TEXTS } from '../../../electron/backend/db/texts';
import { DATABASE_FILE, createHandlers, openBackend } from '../../../electron/backend/index';
import { IDENTITY_KEY_FILE } from '../../../electron/backend/handoff/identity';
import { createDispatch } from '../../../electron/backend/dispatch';
import { createClock, newUuid } from '../../../electron/backend/clock';
import { loadCatalogue } from '../../../electron/backend/catalogue/catalogue';
import { AppError } from '../../../electron/backend/errors';
import { CATALOGUE_PATH, startBackend } from '../../support/backend';
import { QUICK_CHECKS } from '../../../electron/backend/db/reader';
import { useTempDir } from '../../support/temp-dir';
import { sha256 } from '../../support/sqlite';
import { isVietnameseMessage } from '../../support/vietnamese';
import { GIA_VIEN_SETUP } from '../../support/offices';

const tmp = useTempDir('antq-open-');
const NOW = new Date('2026-11-22T03:00:00.000Z');

function backendOptions(dataDir: string) {
  return { dataDir, shell: 'web' as const, appVersion: 'test', now: () => NOW, cataloguePath: CATALOGUE_PATH };
}

async function openFails(dataDir: string, extra: { testOpenCheckOnHostMax?: number } = {}): Promise<AppError> {
  const err = await openBackend({ ...backendOptions(dataDir), ...extra }).then(
    (b) => {
      b.close();
      return null;
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect(isVietnameseMessage((err as AppError).message)).toBe(true);
  return err as AppError;
}

/** An office with units, closed: the main file holds everything (checkpointed, no -wal). */
async function makeOffice(dataDir: string): Promise<string> {
  const t = await startBackend(dataDir);
  await t.call('office.setup', GIA_VIEN_SETUP);
  t.close();
  return path.join(dataDir, DATABASE_FILE);
}

/** Overwrites `bytes` at `offset` of page `page` (1-based) of a SQLite file. */
function scribble(file: string, page: number, offset: number, bytes: Buffer): void {
  const pageSize = new BetterSqlite3(file, { readonly: true }).pragma('page_size', { simple: true }) as number;
  const fd = fs.openSync(file, 'r+');
  try {
    fs.writeSync(fd, bytes, 0, bytes.length, (page - 1) * pageSize + offset);
  } finally {
    fs.closeSync(fd);
  }
}

function rootPageOf(file: string, table: string): number {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return (db.prepare('SELECT rootpage FROM sqlite_schema WHERE name = ?').get(table) as { rootpage: number }).rootpage;
  } finally {
    db.close();
  }
}

/** The read-only inspections above leave empty -wal/-shm files behind (a reader may not delete them). */
function dropEmptyWal(file: string): void {
  const wal = `${file}-wal`;
  if (fs.existsSync(wal) && fs.statSync(wal).size === 0) {
    fs.rmSync(wal);
    fs.rmSync(`${file}-shm`, { force: true });
  }
}

function listing(dir: string): string[] {
  return fs.readdirSync(dir).sort();
}

describe('integrity check at open (item 7)', () => {
  it('refuses a file with a corrupted page, saying to restore the copy in sao-luu, and changes nothing', async () => {
    const dir = tmp.path();
    const file = await makeOffice(dir);
    // Break the b-tree page header of the units table (page type and cell count).
    scribble(file, rootPageOf(file, 'units'), 0, Buffer.from([0x0b, 0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00]));
    dropEmptyWal(file);
    // The database and the office's hand-off identity (created at the first start), nothing else.
    expect(listing(dir)).toEqual([DATABASE_FILE, IDENTITY_KEY_FILE]);
    const before = sha256(file);
    const files = listing(dir);
    const err = await openFails(dir);
    expect(err.message).toBe(DB_TEXTS.damaged(DATABASE_FILE, path.join(dir, 'sao-luu')));
    expect(err.message).toMatch(/bị hỏng/);
    expect(err.message).toMatch(/sao-luu/);
    // Either quick_check listed the damage or SQLite stopped on it: the cause is kept for the log.
    const cause = err.cause as { code?: string; message: string };
    expect(cause.code === 'SQLITE_CORRUPT' || cause.message.startsWith('quick_check: ')).toBe(true);
    expect(sha256(file)).toBe(before);
    expect(listing(dir)).toEqual(files);
  });

  it('refuses a file whose damage only quick_check finds (pages lost from the free list)', async () => {
    const dir = tmp.path();
    const file = await makeOffice(dir);
    // The header's free-list page count (offset 36) claims pages that are not there.
    scribble(file, 1, 36, Buffer.from([0x00, 0x00, 0x00, 0x07]));
    const before = sha256(file);
    const err = await openFails(dir);
    expect(err.message).toBe(DB_TEXTS.damaged(DATABASE_FILE, path.join(dir, 'sao-luu')));
    expect((err.cause as Error).message).toMatch(/^quick_check: /);
    expect(sha256(file)).toBe(before);
  });

  it('refuses a malformed file (its schema page broken) with the same message, cause kept', async () => {
    const dir = tmp.path();
    const file = await makeOffice(dir);
    // Page 1 holds the schema's b-tree right after the 100-byte file header.
    scribble(file, 1, 100, Buffer.from([0x0d, 0xff, 0xff, 0x7f, 0xff, 0xff, 0xff, 0xff]));
    const before = sha256(file);
    const err = await openFails(dir);
    expect(err.message).toBe(DB_TEXTS.damaged(DATABASE_FILE, path.join(dir, 'sao-luu')));
    expect(err.cause).toBeDefined();
    expect(sha256(file)).toBe(before);
  });

  it('opens a sound file after the check, as before', async () => {
    const dir = tmp.path();
    await makeOffice(dir);
    const t = await startBackend(dir);
    expect((await t.call('office.get', {}))?.name).toBe('Công an huyện Gia Viễn');
    t.close();
  });
});

describe('the open’s quick_check on a worker thread (a file above OPEN_CHECK_ON_HOST_MAX_BYTES)', () => {
  // Every file's check sent to the worker, as a large office's is.
  const OFF_HOST = { testOpenCheckOnHostMax: 0 };

  it('refuses each damaged file with the same message and cause, changing nothing and creating nothing beside it', async () => {
    const cases: { damage: (file: string) => void; quickCheckFinds: boolean }[] = [
      {
        damage: (file) => scribble(file, rootPageOf(file, 'units'), 0, Buffer.from([0x0b, 0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00])),
        quickCheckFinds: false,
      },
      { damage: (file) => scribble(file, 1, 36, Buffer.from([0x00, 0x00, 0x00, 0x07])), quickCheckFinds: true },
      { damage: (file) => scribble(file, 1, 100, Buffer.from([0x0d, 0xff, 0xff, 0x7f, 0xff, 0xff, 0xff, 0xff])), quickCheckFinds: false },
    ];
    for (const [i, c] of cases.entries()) {
      const dir = path.join(tmp.path(), `case-${i}`);
      const file = await makeOffice(dir);
      c.damage(file);
      dropEmptyWal(file);
      const before = sha256(file);
      const files = listing(dir);
      const checks = QUICK_CHECKS.onWorker;
      const err = await openFails(dir, OFF_HOST);
      expect(err.message).toBe(DB_TEXTS.damaged(DATABASE_FILE, path.join(dir, 'sao-luu')));
      const cause = err.cause as { code?: string; message: string };
      if (c.quickCheckFinds) {
        // The worker read the file through and answered with the damage it found.
        expect(cause.message).toMatch(/^quick_check: /);
        expect(QUICK_CHECKS.onWorker).toBe(checks + 1);
      } else {
        expect(cause.code?.startsWith('SQLITE_CORRUPT') || cause.message.startsWith('quick_check: ')).toBe(true);
      }
      expect(sha256(file)).toBe(before);
      expect(listing(dir)).toEqual(files);
    }
  });

  it('opens a sound file after the worker’s check, which leaves no descriptor of its own on the file', async () => {
    const dir = tmp.path();
    await makeOffice(dir);
    const checks = QUICK_CHECKS.onWorker;
    const t = await startBackend(dir, undefined, { openCheckOnHostMax: 0 });
    expect(QUICK_CHECKS.onWorker).toBe(checks + 1);
    expect((await t.call('office.get', {}))?.name).toBe('Công an huyện Gia Viễn');
    await t.call('units.list', { includeEnded: true });
    t.close();
    // Closed: no descriptor of this process is left on the file (the worker's connection closed too).
    const file = path.join(dir, DATABASE_FILE);
    const open = fs.readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return fs.readlinkSync(path.join('/proc/self/fd', fd)) === file;
      } catch {
        return false;
      }
    });
    expect(open).toEqual([]);
  });
});

describe('files that must be refused without writing a byte (item 9)', () => {
  it('refuses our application id over a foreign schema at version 0: no journal switch, no migration', async () => {
    const dir = tmp.path();
    const file = path.join(dir, DATABASE_FILE);
    const raw = new BetterSqlite3(file);
    raw.exec("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('keep me')");
    raw.pragma(`application_id = ${APPLICATION_ID}`);
    raw.close();
    const before = sha256(file);
    const err = await openFails(dir);
    expect(err.message).toBe(DB_TEXTS.foreignSchema(DATABASE_FILE));
    expect(sha256(file)).toBe(before);
    expect(listing(dir)).toEqual([DATABASE_FILE]);
  });

  it('refuses a 0-byte antq.db instead of making a new office in it', async () => {
    const dir = tmp.path();
    const file = path.join(dir, DATABASE_FILE);
    fs.writeFileSync(file, '');
    const err = await openFails(dir);
    expect(err.message).toBe(DB_TEXTS.emptyFile(DATABASE_FILE, path.join(dir, 'sao-luu')));
    expect(fs.statSync(file).size).toBe(0);
    expect(listing(dir)).toEqual([DATABASE_FILE]);
  });
});

describe('folders and files in the wrong place (item 8)', () => {
  it('a folder in place of antq.db', async () => {
    const dir = tmp.path();
    fs.mkdirSync(path.join(dir, DATABASE_FILE));
    const err = await openFails(dir);
    expect(err.message).toBe(DB_TEXTS.fileIsFolder(DATABASE_FILE, dir));
    expect(fs.readdirSync(path.join(dir, DATABASE_FILE))).toEqual([]);
  });

  it('a file in place of the data folder, and a file in place of one of its parents', async () => {
    const asFile = path.join(tmp.path(), 'du-lieu');
    fs.writeFileSync(asFile, 'not a folder');
    const err = await openFails(asFile);
    expect(err.message).toBe(DB_TEXTS.folderIsFile(asFile));
    expect(err.cause).toBeDefined();
    const below = path.join(asFile, 'con');
    expect((await openFails(below)).message).toBe(DB_TEXTS.folderIsFile(below));
    expect(fs.readFileSync(asFile, 'utf8')).toBe('not a folder');
  });

  /** Makes a folder read-only even for root (chattr +i), or with chmod for other users. */
  function readOnly(dir: string): (() => void) | null {
    const root = process.getuid?.() === 0;
    if (root) {
      if (spawnSync('chattr', ['+i', dir]).status !== 0) return null;
    } else {
      fs.chmodSync(dir, 0o555);
    }
    const undo = () => (root ? spawnSync('chattr', ['-i', dir]) : fs.chmodSync(dir, 0o755));
    try {
      fs.writeFileSync(path.join(dir, 'probe'), '');
      fs.rmSync(path.join(dir, 'probe'));
      undo();
      return null;
    } catch {
      return undo;
    }
  }

  it('a read-only data folder, empty or holding an office', async (ctx) => {
    const empty = path.join(tmp.path(), 'rong');
    fs.mkdirSync(empty);
    const withOffice = path.join(tmp.path(), 'co-du-lieu');
    const file = await makeOffice(withOffice);
    const before = sha256(file);
    const undoEmpty = readOnly(empty);
    const undoOffice = readOnly(withOffice);
    if (!undoEmpty || !undoOffice) {
      undoEmpty?.();
      undoOffice?.();
      ctx.skip();
      return;
    }
    try {
      const e1 = await openFails(empty);
      expect(e1.message).toBe(DB_TEXTS.readOnly(empty));
      expect(e1.cause).toBeDefined();
      expect((await openFails(withOffice)).message).toBe(DB_TEXTS.readOnly(withOffice));
    } finally {
      undoEmpty();
      undoOffice();
    }
    expect(fs.readdirSync(empty)).toEqual([]);
    expect(sha256(file)).toBe(before);
  });
});

describe('a full disk during work (item 8)', () => {
  it('says the disk is full, keeps SQLITE_FULL in the log (not a failed rollback), and writes nothing', async () => {
    const dir = tmp.path();
    const opened = openDatabase(path.join(dir, DATABASE_FILE), LATEST_VERSION);
    try {
      await migrate(opened.raw, opened.db, MIGRATIONS, { backupDir: path.join(dir, 'sao-luu'), now: () => NOW });
      const clock = createClock(() => NOW);
      const handlers = createHandlers(
        { db: opened.db, clock, newId: newUuid, catalogue: () => loadCatalogue(CATALOGUE_PATH) },
        { version: 't', dataDir: dir, databasePath: opened.path, shell: 'web', clock },
      );
      const log = { error: vi.fn() };
      const dispatch = createDispatch(handlers, log);
      // Simulated full disk: the file may not grow by a single page (PRAGMA max_page_count), and has
      // no free page to reuse (a migration that rebuilds a table leaves some: VACUUM them away).
      opened.raw.exec('VACUUM');
      const pages = Number(opened.raw.pragma('page_count', { simple: true }));
      opened.raw.pragma(`max_page_count = ${pages}`);
      const r = await dispatch('office.setup', GIA_VIEN_SETUP);
      expect(r).toEqual({ ok: false, error: { code: 'STORAGE', message: DB_TEXTS.diskFull } });
      expect(log.error).toHaveBeenCalledTimes(1);
      expect((log.error.mock.calls[0]![1] as { code?: string }).code).toBe('SQLITE_FULL');
      expect(opened.raw.inTransaction).toBe(false);
      expect(await dispatch('office.get', {})).toEqual({ ok: true, value: null });
      expect(opened.raw.prepare('SELECT count(*) AS n FROM units').get()).toEqual({ n: 0 });
    } finally {
      opened.raw.close();
    }
  });
});
