/**
 * quick_check of a copy of the database runs on a read-only worker, not on the host's thread (issue
 * 16 item 3; db/reader.ts quickCheckOffHost): the backup's check of its written file and of a file
 * about to be restored (backups/backup-file.ts checkBackupFileOffHost), and the inbox's copy before
 * an apply (handoff/inbox-files.ts). A damaged copy is refused with the same message as before, the
 * worker's descriptor on the copy is closed once the check is done.
 */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { QUICK_CHECKS, quickCheckOffHost } from '../../../electron/backend/db/reader';
import { checkBackupFile, checkBackupFileOffHost } from '../../../electron/backend/backups/backup-file';
import { BACKUP_TEXTS } from '../../../electron/backend/backups/texts';
import { LATEST_VERSION } from '../../../electron/backend/db/migrations';
import { backupDatabase } from '../../../electron/backend/handoff/inbox-files';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { setupGiaVien } from './activities-records';
import { handlesOn } from '../../support/file-handles';

const tmp = useTempDir('antq-quick-check-');

/** A page in the middle of the file overwritten (the b-tree checks of quick_check find it). */
function damage(file: string): void {
  const bytes = fs.readFileSync(file);
  const pageSize = bytes.readUInt16BE(16);
  for (let i = pageSize * 2 + 8; i < pageSize * 3; i++) bytes[i] = 0x5a;
  fs.writeFileSync(file, bytes);
}

let t: TestBackend;
beforeEach(async () => {
  t = await startBackend(tmp.path());
  await setupGiaVien(t);
});
afterEach(() => t.close());

/** A checked copy of the open database (VACUUM INTO: rollback journal, as a backup's file). */
function copyOf(name: string): string {
  const file = path.join(tmp.path(), name);
  const db = new BetterSqlite3(t.backend.databasePath, { readonly: true });
  try {
    db.prepare('VACUUM INTO ?').run(file);
  } finally {
    db.close();
  }
  return file;
}

describe('quick_check of a copy, off the host’s thread', () => {
  it('a sound copy: "ok" from the worker, which lets go of the file after', async () => {
    const file = copyOf('copy.db');
    const before = QUICK_CHECKS.onWorker;
    expect(await quickCheckOffHost(file)).toEqual(['ok']);
    expect(QUICK_CHECKS.onWorker).toBe(before + 1);
    if (handlesOn(file) !== null) expect(handlesOn(file)).toBe(0);
    const checked = await checkBackupFileOffHost(file, LATEST_VERSION);
    expect(checked).toEqual(checkBackupFile(file, LATEST_VERSION));
    expect(QUICK_CHECKS.onWorker).toBe(before + 2);
  });

  it('a damaged copy: the same refusal as the check on the host', async () => {
    const file = copyOf('damaged.db');
    damage(file);
    const rows = await quickCheckOffHost(file);
    expect(rows).not.toEqual(['ok']);
    const onHost = (() => {
      try {
        checkBackupFile(file, LATEST_VERSION);
      } catch (err) {
        return (err as Error).message;
      }
      return null;
    })();
    expect(onHost).toBe(BACKUP_TEXTS.damaged('damaged.db'));
    await expect(checkBackupFileOffHost(file, LATEST_VERSION)).rejects.toThrow(BACKUP_TEXTS.damaged('damaged.db'));
    if (handlesOn(file) !== null) expect(handlesOn(file)).toBe(0);
  });

  it('a backup made through the app, and the inbox’s copy before an apply, are checked on the worker', async () => {
    const before = QUICK_CHECKS.onWorker;
    const made = await t.call('backups.create', {});
    expect(made.fileName).toMatch(/\.db$/);
    expect(QUICK_CHECKS.onWorker).toBe(before + 1);
    const copy = await backupDatabase(t.backend.databasePath, 'truoc-khi-ap-dung', async (temp) => {
      const db = new BetterSqlite3(t.backend.databasePath, { readonly: true });
      try {
        db.prepare('VACUUM INTO ?').run(temp);
      } finally {
        db.close();
      }
    });
    expect(fs.existsSync(copy)).toBe(true);
    expect(QUICK_CHECKS.onWorker).toBe(before + 2);
    // A copy that comes out damaged is refused and removed, in Vietnamese, nothing renamed.
    await expect(
      backupDatabase(t.backend.databasePath, 'hong', async (temp) => {
        fs.copyFileSync(copy, temp);
        damage(temp);
      }),
    ).rejects.toThrow(/Không sao lưu được cơ sở dữ liệu/);
    expect(fs.readdirSync(path.dirname(copy)).filter((f) => f.startsWith('hong'))).toEqual([]);
  });
});
