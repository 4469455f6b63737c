/**
 * A fresh temporary directory per test, removed afterwards. Register once per file (or describe):
 *   const tmp = useTempDir('antq-db-');   ...   tmp.path()
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';

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
