/**
 * The point the last good check of the audit chain reached (seq and hash), in a small file beside
 * the database, so the check at every start reads only the entries added since (100.000 entries
 * took seconds to check in full on this machine: docs/decisions.md (h15-audit)). Only a speed-up:
 * when the file is missing, unreadable, or the database no longer holds that entry with that hash
 * (a restored backup), the check at start is a full one. The on-demand check is always full.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ChainPoint } from '../../../shared/domain/audit';

export const CHECKPOINT_FILE = 'nhat-ky-thao-tac.diem-kiem-tra.json';

export function auditCheckpoint(dataDir: string): { read(): ChainPoint | null; write(p: ChainPoint): void } {
  const file = path.join(dataDir, CHECKPOINT_FILE);
  return {
    read() {
      try {
        const v = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<ChainPoint>;
        return typeof v.seq === 'number' &&
          Number.isInteger(v.seq) &&
          v.seq > 0 &&
          typeof v.hash === 'string' &&
          /^[0-9a-f]{64}$/.test(v.hash)
          ? { seq: v.seq, hash: v.hash }
          : null;
      } catch {
        return null;
      }
    },
    write(p) {
      try {
        const temp = `${file}.tmp`;
        fs.writeFileSync(temp, JSON.stringify({ seq: p.seq, hash: p.hash }));
        fs.renameSync(temp, file);
      } catch (err) {
        // A read-only folder: the next start checks from further back, nothing else changes.
        console.error('audit: the checkpoint could not be written', err);
      }
    },
  };
}
