/**
 * A fresh temporary directory per test, removed afterwards. Register once per file (or describe):
 *   const tmp = useTempDir('antq-db-');   ...   tmp.path()
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach } from 'vitest';

export interface TempDir {
  /** The directory of the running test. */
  path(): string;
}

export function makeTempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

export function useTempDir(prefix: string): TempDir {
  let current: string | null = null;
  beforeEach(() => {
    current = makeTempDir(prefix);
  });
  afterEach(() => {
    if (current) removeDir(current);
    current = null;
  });
  return {
    path: () => {
      if (!current) throw new Error('useTempDir: no test is running');
      return current;
    },
  };
}

/**
 * A maker of fresh temporary directories (as many as a test wants), all removed after the file's
 * tests: `const tempDir = tempDirs('antq-age-');  ...  const dir = tempDir();`
 */
export function tempDirs(prefix: string): () => string {
  const made: string[] = [];
  afterAll(() => made.splice(0).forEach(removeDir));
  return () => {
    const dir = makeTempDir(prefix);
    made.push(dir);
    return dir;
  };
}
