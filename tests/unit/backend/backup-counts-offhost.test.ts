/**
 * A backup's counts per registry and of protected values in clear are read on the worker that ran
 * its quick_check (backups/backup-file.ts checkBackupFileOffHost; docs/decisions-h20-blocks.md: at
 * 2 M records they held the host's thread 700 ms). They must equal the counts the host reads
 * (checkBackupFile): a file of an older schema holding informants in clear, the sealed file after
 * its migration and set-up, and a file without one of the counted tables (counted null).
 */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKUP_COUNTED } from '../../../shared/ipc/contracts/backups.contract';
import { QUICK_CHECKS } from '../../../electron/backend/db/reader';
import { checkBackupFile, checkBackupFileOffHost } from '../../../electron/backend/backups/backup-file';
import { LATEST_VERSION } from '../../../electron/backend/db/migrations';
import { PROJECT_ROOT, startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { readFixture } from '../../support/upgrade-fixtures';

const tmp = useTempDir('antq-backup-counts-');
let t: TestBackend | null = null;
afterEach(() => {
  t?.close();
  t = null;
});

describe("a backup's counts, read on the worker", () => {
  it('equal the host’s, for an older file with values in clear and for the sealed one', async () => {
    const dir = path.join(tmp.path(), 'office');
    fs.mkdirSync(dir, { recursive: true });
    readFixture(path.join(PROJECT_ROOT, 'tests', 'fixtures', 'upgrade'), 18, path.join(dir, 'antq.db'));
    // Opens (the backup before migrating v18), migrates, sets up: set-up seals the live file.
    t = await startBackend(dir);
    await t.call('backups.create', {});
    const list = await t.call('backups.list', {});
    const byReason = Object.fromEntries(list.entries.map((e) => [e.reason, path.join(dir, 'sao-luu', e.fileName)]));

    const before = QUICK_CHECKS.moreOnWorker;
    const old = await checkBackupFileOffHost(byReason['migration']!, LATEST_VERSION);
    expect(QUICK_CHECKS.moreOnWorker).toBeGreaterThan(before);
    expect(old).toEqual(checkBackupFile(byReason['migration']!, LATEST_VERSION));
    expect(old.clearProtected).toBe(true);
    expect(Object.values(old.counts).some((n) => n !== null && n > 0)).toBe(true);

    const sealed = await checkBackupFileOffHost(byReason['manual']!, LATEST_VERSION);
    expect(sealed).toEqual(checkBackupFile(byReason['manual']!, LATEST_VERSION));
    expect(sealed.clearProtected).toBe(false);
    expect(Object.values(sealed.counts)).not.toContain(null);

    // A counted table the file does not have counts null on both sides.
    const lacking = path.join(tmp.path(), 'lacking.db');
    fs.copyFileSync(byReason['manual']!, lacking);
    const table = BACKUP_COUNTED[BACKUP_COUNTED.length - 1]!;
    const db = new BetterSqlite3(lacking);
    db.exec(`DROP TABLE "${table}"`);
    db.close();
    const without = await checkBackupFileOffHost(lacking, LATEST_VERSION);
    expect(without).toEqual(checkBackupFile(lacking, LATEST_VERSION));
    expect(without.counts[table]).toBeNull();
  }, 60_000);
});
