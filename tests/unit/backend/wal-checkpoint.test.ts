/**
 * The WAL's checkpoints run on a worker, never inside a commit on the host (issue 16 item 3,
 * db/checkpointer.ts): a long write's COMMIT leaves its pages in the -wal (the main file does not
 * grow), the worker then copies them into the main file; the -wal is cut back to its bound by the
 * next write; a close right after a long write leaves no connection on the file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import BetterSqlite3 from 'better-sqlite3';
import { CHECKPOINTS, WAL_BOUND_BYTES } from '../../../electron/backend/db/checkpointer';
import { startBackend, type StartOptions, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { queryOne } from '../../support/sqlite';
import { propagandaSheet } from '../../support/propaganda-sheet';
import { activityApi, sampleRecords, setupGiaVien } from './activities-records';

const tmp = useTempDir('antq-wal-checkpoint-');
let t: TestBackend | null = null;
let unitOf: (name: string) => { id: string } = () => ({ id: '' });

afterEach(() => t?.close());

/** Rows enough for the import's WAL to pass SQLite's automatic checkpoint (1.000 pages) inside its commit. */
const ROWS = 4000;

async function start(opts: StartOptions = {}): Promise<TestBackend> {
  t = await startBackend(tmp.path(), undefined, opts);
  unitOf = await setupGiaVien(t);
  return t;
}

/** Pages of the database as committed (read through the WAL) and pages the main file holds. */
function pages(file: string): { committed: number; inMainFile: number } {
  const db = new BetterSqlite3(file, { fileMustExist: true });
  try {
    const pageSize = Number(db.pragma('page_size', { simple: true }));
    return { committed: Number(db.pragma('page_count', { simple: true })), inMainFile: fs.statSync(file).size / pageSize };
  } finally {
    db.close();
  }
}

function walSize(file: string): number {
  return fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0;
}

/** Descriptors of this process still open on the file (Linux; none elsewhere). */
function openOn(file: string): string[] {
  if (!fs.existsSync('/proc/self/fd')) return [];
  return fs.readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return fs.readlinkSync(path.join('/proc/self/fd', fd)) === file;
    } catch {
      return false;
    }
  });
}

describe('the WAL checkpointed off the host', () => {
  it("a long write's commit does not checkpoint; the worker does, and the next write cuts the -wal back", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const b = await start({ beforeCheckpoint: () => held });
    const file = b.backend.databasePath;
    const sheet = await propagandaSheet(ROWS);
    const before = CHECKPOINTS.onWorker;

    expect(await b.call('xlsx.commit', { registry: 'propaganda', fileBase64: sheet })).toMatchObject({ created: ROWS });
    // Committed, and its pages are all still in the -wal: no checkpoint ran inside the commit.
    const afterCommit = pages(file);
    expect(walSize(file)).toBeGreaterThan(WAL_BOUND_BYTES);
    expect(afterCommit.inMainFile).toBeLessThan(afterCommit.committed);
    expect(CHECKPOINTS.onWorker).toBe(before);

    release();
    await b.backend.checkpointsSettled();
    expect(CHECKPOINTS.onWorker).toBeGreaterThan(before);
    expect(CHECKPOINTS.last).toMatchObject({ busy: 0 });
    expect(CHECKPOINTS.last!.checkpointed).toBe(CHECKPOINTS.last!.log);
    expect(CHECKPOINTS.last!.log).toBeGreaterThan(1000);
    const checkpointed = pages(file);
    expect(checkpointed.inMainFile).toBe(checkpointed.committed);

    // The next write starts the -wal again from its beginning and cuts it back to the bound.
    await activityApi(b).save('propaganda', sampleRecords(unitOf('Xã Gia Hòa').id).propaganda);
    expect(walSize(file)).toBeLessThanOrEqual(WAL_BOUND_BYTES);
    expect(queryOne<{ n: number }>(file, 'SELECT count(*) AS n FROM propaganda_sessions')?.n).toBe(ROWS + 1);
  }, 180_000);

  it('a call on the app connection that takes the -wal past its bound is checkpointed on the worker after it', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const b = await start({ beforeCheckpoint: () => held });
    const file = b.backend.databasePath;
    const base = sampleRecords(unitOf('Xã Gia Hòa').id).propaganda;
    const records = Array.from({ length: ROWS }, (_, i) => ({ ...base, topic: `Buổi tuyên truyền số ${i + 1}`, attendance: 1 + i }));
    const before = CHECKPOINTS.onWorker;
    // saveMany writes on the app's connection (not a long write): its commit does not checkpoint either.
    await b.call('activities.saveMany', { kind: 'propaganda', records });
    const afterCommit = pages(file);
    expect(walSize(file)).toBeGreaterThan(WAL_BOUND_BYTES);
    expect(afterCommit.inMainFile).toBeLessThan(afterCommit.committed);
    release();
    await b.backend.checkpointsSettled();
    expect(CHECKPOINTS.onWorker).toBeGreaterThan(before);
    const checkpointed = pages(file);
    expect(checkpointed.inMainFile).toBe(checkpointed.committed);
  }, 180_000);

  it('a close right after a long write leaves no connection on the file, and no -wal', async () => {
    const b = await start();
    const file = b.backend.databasePath;
    const sheet = await propagandaSheet(ROWS);
    // The first import starts the worker; the close comes right after the second one's commit.
    const first = await b.call('xlsx.commit', { registry: 'propaganda', fileBase64: sheet });
    await b.backend.checkpointsSettled();
    const settled = CHECKPOINTS.onWorker;
    const second = await b.call('xlsx.commit', { registry: 'propaganda', fileBase64: await propagandaSheet(ROWS + 500) });
    b.close();
    // The second long write's checkpoint was asked for; the close stopped it or waited for it.
    expect(second.created).toBeGreaterThan(0);
    expect(CHECKPOINTS.onWorker).toBeLessThanOrEqual(settled + 1);
    expect(openOn(file)).toEqual([]);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    const count = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    try {
      expect((count.prepare('SELECT count(*) AS n FROM propaganda_sessions').get() as { n: number }).n).toBe(
        first.created + second.created,
      );
      expect(count.pragma('quick_check', { simple: true })).toBe('ok');
    } finally {
      count.close();
    }
  }, 180_000);
});
