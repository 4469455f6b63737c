/**
 * The backups folder's manifest (sao-luu/danh-sach-sao-luu.json): the app's own backup files with
 * date, reason, size, sha256 and record counts, the last restore (for its undo) and the last
 * failure. Rotation deletes only files listed here. Kept beside the backups, outside the database,
 * so a restore never rewinds it. Written atomically: temporary file, flushed, renamed, folder flushed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { BACKUP_REASONS, backupDto, type BackupDto } from '../../../shared/ipc/contracts/backups.contract';
import { backupsToKeep } from '../../../shared/domain/backup-rotation';
import { fsyncAsync, fsyncFile, fsyncFolder } from './backup-file';

export const MANIFEST_FILE = 'danh-sach-sao-luu.json';
const FORMAT = 'antq-sao-luu';

const manifestSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(1),
  entries: z.array(backupDto),
  lastRestore: z.object({ at: z.string(), restoredId: z.string(), beforeId: z.string() }).nullable(),
  lastFailure: z.object({ at: z.string(), reason: z.enum(BACKUP_REASONS), message: z.string() }).nullable(),
});
export type Manifest = z.infer<typeof manifestSchema>;

export function emptyManifest(): Manifest {
  return { format: FORMAT, version: 1, entries: [], lastRestore: null, lastFailure: null };
}

/**
 * The manifest of `folder`; an empty one when there is none yet. A manifest that cannot be read
 * is moved aside (kept, never deleted) and an empty one starts: its files stay, unlisted, untouched.
 */
export function readManifest(folder: string, now: Date): Manifest {
  const file = path.join(folder, MANIFEST_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return emptyManifest();
    throw err;
  }
  let parsed: z.ZodSafeParseResult<Manifest>;
  try {
    parsed = manifestSchema.safeParse(JSON.parse(text));
  } catch {
    parsed = { success: false } as z.ZodSafeParseResult<Manifest>;
  }
  if (parsed.success) return parsed.data;
  console.error(`backups: unreadable manifest ${file}, moved aside`);
  fs.renameSync(file, `${file}.hong-${now.toISOString().replace(/[:.]/g, '-')}`);
  return emptyManifest();
}

export function writeManifest(folder: string, manifest: Manifest): void {
  fs.mkdirSync(folder, { recursive: true });
  const file = path.join(folder, MANIFEST_FILE);
  const temp = path.join(folder, `.${MANIFEST_FILE}.tmp`);
  try {
    fs.writeFileSync(temp, `${JSON.stringify(manifest, null, 2)}\n`, { encoding: 'utf8', mode: 0o644 });
    fsyncFile(temp);
    fs.renameSync(temp, file);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
  fsyncFolder(folder);
}

/**
 * The same write with its flushes on libuv's pool (issue 16 item 3): a new backup's manifest is
 * written right after a copy of the whole database, when an fsync of even a small file waits for
 * the disk to take that copy's pages (148 ms of the host's thread at 2 M records,
 * docs/decisions-h21-io.md). Only inside a backup's exclusive section (no call runs, so no other
 * writer of the manifest); the same temporary file, rename and folder flush, in the same order.
 */
export async function writeManifestAsync(folder: string, manifest: Manifest): Promise<void> {
  await fs.promises.mkdir(folder, { recursive: true });
  const file = path.join(folder, MANIFEST_FILE);
  const temp = path.join(folder, `.${MANIFEST_FILE}.tmp`);
  try {
    await fs.promises.writeFile(temp, `${JSON.stringify(manifest, null, 2)}\n`, { encoding: 'utf8', mode: 0o644 });
    await fsyncAsync(temp);
    await fs.promises.rename(temp, file);
  } catch (err) {
    // The cause thrown is the write's, not a failed clean-up's.
    await fs.promises.rm(temp, { force: true }).catch(() => undefined);
    throw err;
  }
  await fsyncAsync(folder, true);
}

/** A backup file name the app may delete: a plain `*.db` name inside the folder, no path, no dot file. */
export function isOwnName(fileName: string): boolean {
  return fileName === path.basename(fileName) && fileName.endsWith('.db') && !fileName.startsWith('.');
}

/** The entries the policy drops (never the two of the last restore), in the manifest's order. */
function dropped(m: Manifest, now: Date): BackupDto[] {
  const pinned = new Set(m.lastRestore ? [m.lastRestore.beforeId, m.lastRestore.restoredId] : []);
  const keep = backupsToKeep(m.entries, now, pinned);
  return m.entries.filter((e) => !keep.has(e.id));
}

/**
 * Drops from the manifest, and deletes from `folder`, the backups rotation does not keep, never the
 * one a restore can be undone to. Only a plain file name listed here, inside the folder, is deleted;
 * a file that cannot be deleted stays listed.
 */
export function rotateManifest(folder: string, m: Manifest, now: Date): void {
  const gone = new Set(
    dropped(m, now).filter((e) => {
      if (!isOwnName(e.fileName)) return false;
      try {
        fs.rmSync(path.join(folder, e.fileName));
        return true;
      } catch (err) {
        return (err as NodeJS.ErrnoException).code === 'ENOENT';
      }
    }),
  );
  m.entries = m.entries.filter((e) => !gone.has(e));
}

/**
 * rotateManifest, each file deleted on libuv's pool: the last name of a backup of the whole database
 * frees all its blocks (65–200 ms for a 450 MB file under strace, docs/decisions-h21-io.md).
 */
export async function rotateManifestAsync(folder: string, m: Manifest, now: Date): Promise<void> {
  const gone = new Set<BackupDto>();
  for (const e of dropped(m, now)) {
    if (!isOwnName(e.fileName)) continue;
    const deleted = await fs.promises.rm(path.join(folder, e.fileName)).then(
      () => true,
      (err: NodeJS.ErrnoException) => err.code === 'ENOENT',
    );
    if (deleted) gone.add(e);
  }
  m.entries = m.entries.filter((e) => !gone.has(e));
}
