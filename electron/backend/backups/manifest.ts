/**
 * The backups folder's manifest (sao-luu/danh-sach-sao-luu.json): the app's own backup files with
 * date, reason, size, sha256 and record counts, the last restore (for its undo) and the last
 * failure. Rotation deletes only files listed here. Kept beside the backups, outside the database,
 * so a restore never rewinds it. Written atomically: temporary file, flushed, renamed, folder flushed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { BACKUP_REASONS, backupDto } from '../../../shared/ipc/contracts/backups.contract';
import { fsyncFile, fsyncFolder } from './backup-file';

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
