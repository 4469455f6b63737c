/**
 * Where the key that seals frozen evaluation results comes from. The key is kept apart from the
 * data it protects: a database file copied to another machine, or edited with an SQL tool, cannot
 * be re-sealed without it. Today it is a random 256-bit key in a file of the data folder, created
 * the first time a seal is needed; when user accounts arrive, another `SealKeySource` (a key derived
 * from the account's credentials) takes its place and nothing else changes.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface SealKeySource {
  /** Where the key lives, as the messages name it. */
  readonly description: string;
  /** The key, or null when there is none yet (or it cannot be read). */
  read(): Buffer | null;
  /** The key, created on first need. */
  readOrCreate(): Buffer;
}

export const SEAL_KEY_FILE = 'khoa-niem-phong.key';
const KEY_BYTES = 32;

function parseKey(text: string): Buffer | null {
  const hex = text.trim();
  return /^[0-9a-f]{64}$/.test(hex) ? Buffer.from(hex, 'hex') : null;
}

/** A random key in `<dataDir>/khoa-niem-phong.key` (hex, readable by the owner only). */
export function fileSealKey(dataDir: string): SealKeySource {
  const file = path.join(dataDir, SEAL_KEY_FILE);
  const read = (): Buffer | null => {
    try {
      return parseKey(fs.readFileSync(file, 'utf8'));
    } catch {
      return null;
    }
  };
  return {
    description: `tệp khóa niêm phong "${SEAL_KEY_FILE}" trong thư mục dữ liệu`,
    read,
    readOrCreate(): Buffer {
      const existing = read();
      if (existing) return existing;
      const key = crypto.randomBytes(KEY_BYTES);
      // 'wx' never overwrites: if another process created the key in between, use that one.
      try {
        const fd = fs.openSync(file, 'wx', 0o600);
        try {
          fs.writeSync(fd, `${key.toString('hex')}\n`);
          fs.fsyncSync(fd);
        } finally {
          fs.closeSync(fd);
        }
      } catch (err) {
        const again = read();
        if (again) return again;
        throw err;
      }
      return key;
    },
  };
}

/** For a context built without a key source (some tests): no key, and sealing is refused. */
export const NO_SEAL_KEY: SealKeySource = {
  description: 'khóa niêm phong (chưa được cấu hình)',
  read: () => null,
  readOrCreate: () => {
    throw new Error('No seal key source in this service context.');
  },
};
