/**
 * The checkpoint worker's fallback (db/checkpointer.ts): the host's connections run with
 * `wal_autocheckpoint = 0` only while a worker checkpoints for them. When the worker cannot start,
 * or is lost while the backend is open, they get SQLite's automatic checkpoint back — otherwise the
 * WAL would grow with every commit and never be copied into the main file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import BetterSqlite3 from 'better-sqlite3';
import { Checkpointer } from '../../../electron/backend/db/checkpointer';
import { useTempDir } from '../../support/temp-dir';

const tmp = useTempDir('antq-checkpointer-fallback-');
const open: BetterSqlite3.Database[] = [];

afterEach(() => {
  for (const db of open.splice(0)) db.close();
  vi.restoreAllMocks();
});

function connection(): { file: string; raw: BetterSqlite3.Database } {
  const file = path.join(tmp.path(), 'antq.db');
  const raw = new BetterSqlite3(file);
  raw.pragma('journal_mode = WAL');
  raw.exec('CREATE TABLE t (x INTEGER)');
  open.push(raw);
  return { file, raw };
}

const direct = (fn: () => Promise<void>) => fn();
const autocheckpoint = (raw: BetterSqlite3.Database) => Number(raw.pragma('wal_autocheckpoint', { simple: true }));

describe('the checkpointer without its worker', () => {
  it('a worker that cannot start gives the host connections SQLite’s automatic checkpoint back', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { file, raw } = connection();
    const cp = new Checkpointer(file, direct, () => Promise.reject(new Error('no bundle')));
    cp.attach(raw);
    expect(autocheckpoint(raw)).toBe(0);
    cp.request();
    await cp.settled();
    expect(autocheckpoint(raw)).toBe(1000);
    cp.close();
  });

  it('a worker lost after it started gives them the automatic checkpoint back too', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { file, raw } = connection();
    // A worker that says it is ready, then dies before answering a checkpoint.
    const script = path.join(tmp.path(), 'dying-worker.cjs');
    fs.writeFileSync(
      script,
      "const { parentPort } = require('node:worker_threads');\n" +
        'parentPort.postMessage({ ready: true });\n' +
        'parentPort.once("message", () => process.exit(3));\n',
    );
    const cp = new Checkpointer(file, direct, () => Promise.resolve(script));
    cp.attach(raw);
    cp.request();
    await cp.settled();
    expect(autocheckpoint(raw)).toBe(1000);
    // Further requests do nothing (no worker to ask), and the connection checkpoints by itself.
    cp.request();
    await cp.settled();
    cp.close();
  });
});
