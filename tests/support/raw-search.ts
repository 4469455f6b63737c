/**
 * The raw-byte search of the tests of protected fields (issue 15 item 2): every file under a data
 * folder (the database, its -wal and -shm, every backup) searched for given texts, in UTF-8,
 * UTF-16LE and UTF-16BE, the encodings SQLite may store text in.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Every file under `dir`, recursively. */
export function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .flatMap((e) => (e.isFile() ? [path.join(e.parentPath, e.name)] : []));
}

/** Which of `needles` appear in any file under `dir`, as "file: needle (encoding)". */
export function foundIn(dir: string, needles: readonly string[]): string[] {
  const out: string[] = [];
  for (const file of filesUnder(dir)) {
    const bytes = fs.readFileSync(file);
    for (const n of needles) {
      const le = Buffer.from(n, 'utf16le');
      const be = Buffer.from(le).swap16();
      for (const [enc, b] of [
        ['utf8', Buffer.from(n, 'utf8')],
        ['utf16le', le],
        ['utf16be', be],
      ] as const) {
        if (bytes.includes(b)) out.push(`${path.basename(file)}: ${n} (${enc})`);
      }
    }
  }
  return out;
}
