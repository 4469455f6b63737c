/**
 * Issue 16 item 3, the backup (backups.create, and the one before freezing a year): the file is
 * copied with SQLite's online backup in steps, a turn of the host's event loop between two steps.
 * While the copy runs — seen from outside: its temporary file is in the backups folder — the host
 * answers app.info; a writing call made then waits and lands after the backup. A commit of another
 * connection during the copy leaves a complete, sound copy (integrity_check, the same rows as the
 * live file). A freeze cancelled during its backup leaves no backup, no failure and nothing frozen.
 * No assertion depends on a time: turns of the event loop are counted.
 */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { GIA_VIEN_SETUP, organizationInput } from '../../support/offices';
import { loadHeavyIncidents } from '../../support/long-task';
import { BACKUP_PAGES_PER_STEP } from '../../../electron/backend/repos/backups.repo';
import { MANIFEST_FILE } from '../../../electron/backend/backups/manifest';
import type { BackupDto } from '../../../shared/ipc/contracts/backups.contract';

const tmp = useTempDir('antq-backups-stepped-');
const YEAR = 2025;
let t: TestBackend;
let communeId: string;

beforeEach(async () => {
  t = await startBackend(tmp.path(), '2026-11-22T03:00:00.000Z');
  await t.call('office.setup', GIA_VIEN_SETUP);
  const communes = (await t.call('units.list', { includeEnded: false })).filter((u) => u.level === 'xa');
  communeId = communes[0]!.id;
  await loadHeavyIncidents(
    t,
    communes.map((c) => c.id),
    YEAR,
  );
}, 120_000);
afterEach(() => t.close());

const folder = () => path.join(tmp.path(), 'sao-luu');
const turn = () => new Promise((resolve) => setImmediate(resolve));
/** The backup's temporary file is there while the copy runs (backup-file.ts). */
const copying = () => fs.existsSync(folder()) && fs.readdirSync(folder()).some((f) => f.startsWith('.') && f.endsWith('.tmp'));

function readOnly<T>(file: string, read: (db: BetterSqlite3.Database) => T): T {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** count(*) of every table of the file. */
function rowCounts(file: string): Record<string, number> {
  return readOnly(file, (db) => {
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as {
      name: string;
    }[];
    return Object.fromEntries(
      tables.map(({ name }) => [name, (db.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n]),
    );
  });
}

interface CopyWatch<T> {
  result: T;
  /** Turns of the test's ticker while the backup's temporary file was there. */
  turnsWhileCopying: number;
}

/** Ticks while `call` runs; `onCopying` runs once, on the first turn that finds the copy under way. */
async function watchCopy<T>(call: Promise<T>, onCopying: () => Promise<void> | void): Promise<CopyWatch<T>> {
  let settled = false;
  const result = call.finally(() => (settled = true));
  result.catch(() => undefined);
  let turnsWhileCopying = 0;
  while (!settled) {
    await turn();
    if (settled || !copying()) continue;
    if (turnsWhileCopying++ === 0) await onCopying();
  }
  return { result: await result, turnsWhileCopying };
}

describe('a backup in steps', () => {
  it('lets the host answer app.info during the copy; a write made meanwhile waits and lands after the backup', async () => {
    const pages = readOnly(t.backend.databasePath, (db) => Number(db.pragma('page_count', { simple: true })));
    expect(pages).toBeGreaterThan(4 * BACKUP_PAGES_PER_STEP); // several steps to copy
    let answered = false;
    let backupDone = false;
    let writeLandedAfterBackup: boolean | null = null;
    let write: Promise<unknown> = Promise.resolve();
    const w = await watchCopy(
      t.call('backups.create', {}).finally(() => (backupDone = true)),
      async () => {
        const info = await t.call('app.info', {});
        answered = Boolean(info.version) && copying();
        write = t.call('organizations.create', organizationInput(communeId, 'Trường THCS Gia Hòa')).then(() => {
          writeLandedAfterBackup = backupDone;
        });
      },
    );
    await write;
    const backup: BackupDto = w.result;
    console.log(`backup: ${pages} pages, ${w.turnsWhileCopying} turns of the host during the copy`);
    expect(w.turnsWhileCopying).toBeGreaterThan(1);
    expect(answered).toBe(true);
    expect(writeLandedAfterBackup).toBe(true);
    // The backup holds the data as it was before the held write; the live file has it now.
    const file = path.join(folder(), backup.fileName);
    expect(backup.counts.organizations).toBe(0);
    expect(backup.counts.incidents).toBe(12_000);
    expect(rowCounts(file)['organizations']).toBe(0);
    expect(rowCounts(t.backend.databasePath)['organizations']).toBe(1);
    // A sound file in rollback-journal mode (as VACUUM INTO wrote it): nothing appears beside it when read.
    expect(readOnly(file, (db) => db.pragma('integrity_check', { simple: true }))).toBe('ok');
    const header = fs.readFileSync(file).subarray(18, 20);
    expect([...header]).toEqual([1, 1]);
    expect(fs.existsSync(`${file}-wal`) || fs.existsSync(`${file}-shm`)).toBe(false);
    expect(fs.readdirSync(folder()).filter((f) => f.endsWith('.tmp') || f.endsWith('-journal'))).toEqual([]);
    // Its audit entry, as before.
    const log = readOnly(t.backend.databasePath, (db) => JSON.stringify(db.prepare('SELECT * FROM audit_log').all()));
    expect(log).toContain(backup.id);
  }, 120_000);

  it('is a complete, sound copy when another connection commits during the copy', async () => {
    let landed = false;
    const w = await watchCopy(t.call('backups.create', {}), () => {
      const other = new BetterSqlite3(t.backend.databasePath, { fileMustExist: true });
      try {
        other.exec('DELETE FROM incidents WHERE rowid IN (SELECT rowid FROM incidents ORDER BY rowid LIMIT 100)');
        landed = true;
      } finally {
        other.close();
      }
    });
    expect(landed).toBe(true);
    expect(w.turnsWhileCopying).toBeGreaterThan(1);
    const file = path.join(folder(), w.result.fileName);
    expect(readOnly(file, (db) => db.pragma('integrity_check', { simple: true }))).toBe('ok');
    // Every table holds the same rows as the live file, but the audit log: the backup's own entry
    // is written after the copy (as it was after VACUUM INTO).
    const live = rowCounts(t.backend.databasePath);
    expect(rowCounts(file)).toEqual({ ...live, audit_log: live['audit_log']! - 1 });
    expect(w.result.counts.incidents).toBe(12_000 - 100);
  }, 120_000);

  it('stops when the freeze that asked for it is cancelled: no backup, no failure shown, nothing frozen', async () => {
    const jobId = 'b1b2c3d4-0000-4000-8000-000000000001';
    const manifestBefore = fs.existsSync(path.join(folder(), MANIFEST_FILE))
      ? fs.readFileSync(path.join(folder(), MANIFEST_FILE), 'utf8')
      : null;
    let label = '';
    const w = await watchCopy(t.send('evaluation.freeze', { year: YEAR, by: 'Nguyễn Văn An', note: null, jobId }), async () => {
      label = (await t.call('jobs.progress', { jobId }))?.label ?? '';
      await t.call('jobs.cancel', { jobId });
    });
    expect(w.result).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(label).toMatch(/^Đang sao lưu trước khi chốt(…|: [\d.]+\/[\d.]+ trang)$/);
    expect(fs.readdirSync(folder()).filter((f) => f !== MANIFEST_FILE)).toEqual([]);
    const manifestAfter = fs.existsSync(path.join(folder(), MANIFEST_FILE))
      ? fs.readFileSync(path.join(folder(), MANIFEST_FILE), 'utf8')
      : null;
    expect(manifestAfter).toBe(manifestBefore);
    expect((await t.call('backups.status', {})).lastFailure).toBeNull();
    expect((await t.call('evaluation.freezes', { year: YEAR })).length).toBe(0);
  }, 120_000);
});
