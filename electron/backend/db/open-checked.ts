/**
 * Opening the office's database file with its quick_check off the host's thread (issue 16 item 3):
 * open.ts's checks, in the same order and with the same refusals, but a large file's quick_check
 * runs on a worker (db/reader.ts `quickCheckOffHost`). Its own module so that open.ts, which tools
 * and scripts bundle alone, does not pull in the worker's machinery.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openStorageError } from './failures';
import { assertQuickCheck, checkBeforeOpen, openAfterChecks, type OpenedDatabase } from './open';
import { quickCheckOffHost } from './reader';
import { BACKUP_FOLDER } from './texts';

/**
 * Files up to this size (the main file and its -wal) are checked on the host's thread: quick_check
 * reads about 1.5 ms per MB here, so below it the check costs the host less than starting a worker.
 */
export const OPEN_CHECK_ON_HOST_MAX_BYTES = 16 * 1024 * 1024;

const sizeOf = (f: string): number => (fs.existsSync(f) ? fs.statSync(f).size : 0);

/**
 * openDatabase, with the quick_check of a file above `onHostMaxBytes` run on a worker thread
 * (db/reader.ts `quickCheckOffHost`, read-write with query_only, as the app's own connection would
 * open it) before the app's connection opens: the host's loop keeps turning while every page is
 * read (0.4–1.6 s of CPU at 50k–500k rows). The checks, their order and their refusals are those of
 * openDatabase: a damaged file is refused with the same message, nothing written, nothing created
 * beside it.
 */
export async function openDatabaseChecked(
  file: string,
  latestVersion: number,
  onHostMaxBytes = OPEN_CHECK_ON_HOST_MAX_BYTES,
): Promise<OpenedDatabase> {
  const header = checkBeforeOpen(file, latestVersion);
  if (!header || sizeOf(file) + sizeOf(`${file}-wal`) <= onHostMaxBytes) return openAfterChecks(file, header, true);
  let rows: string[];
  try {
    rows = await quickCheckOffHost(file, { writable: true });
  } catch (err) {
    throw openStorageError(err, path.dirname(file), path.basename(file), path.join(path.dirname(file), BACKUP_FOLDER));
  }
  assertQuickCheck(rows, file);
  return openAfterChecks(file, header, false);
}
