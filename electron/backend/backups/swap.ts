/**
 * Replacing the closed database file with a checked backup: the backup copied beside the database
 * under a temporary name and flushed, the old -wal/-shm removed (a WAL left from the old file must
 * never be replayed onto the new one; the old file was checkpointed and closed first), then the
 * copy renamed over the database (atomic on one file system) and the folder flushed. A crash at any
 * point leaves either the old file whole or the new one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fsyncFile, fsyncFolder } from './backup-file';

export function replaceDatabaseFile(dbFile: string, source: string): void {
  const temp = path.join(path.dirname(dbFile), `.${path.basename(dbFile)}.khoi-phuc.tmp`);
  fs.rmSync(temp, { force: true });
  try {
    fs.copyFileSync(source, temp, fs.constants.COPYFILE_EXCL);
    fsyncFile(temp);
    fs.rmSync(`${dbFile}-wal`, { force: true });
    fs.rmSync(`${dbFile}-shm`, { force: true });
    fs.renameSync(temp, dbFile);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
  fsyncFolder(path.dirname(dbFile));
}
