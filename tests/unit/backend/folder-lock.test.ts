/**
 * One running app per data folder (issue 10 item 10): the lock of electron/backend/db/folder-lock.ts
 * refuses a second app on the same folder with a Vietnamese message, allows other folders, and is
 * an OS lock, so a process that dies (even SIGKILL) never leaves a stale lock behind.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { build } from 'esbuild';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCK_FILE, lockDataFolder, type FolderLock } from '../../../electron/backend/db/folder-lock';
import { DB_TEXTS } from '../../../electron/backend/db/texts';
import { AppError } from '../../../electron/backend/errors';
import { PROJECT_ROOT } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { isVietnameseMessage } from '../../support/vietnamese';

const tmp = useTempDir('antq-lock-');
const held: FolderLock[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const l of held.splice(0)) l.release();
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

function take(dir: string): FolderLock {
  const l = lockDataFolder(dir);
  held.push(l);
  return l;
}

function refusal(dir: string): AppError {
  let caught: unknown = null;
  try {
    take(dir);
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(AppError);
  return caught as AppError;
}

describe('lockDataFolder in one process', () => {
  it('refuses a second lock on the same folder with a Vietnamese message, cause kept', () => {
    const dir = tmp.path();
    take(dir);
    const err = refusal(dir);
    expect(err.message).toBe(DB_TEXTS.folderInUse(dir));
    expect(isVietnameseMessage(err.message)).toBe(true);
    expect((err.cause as { code?: string }).code).toMatch(/^SQLITE_BUSY/);
  });

  it('allows the folder again once released, and other folders at any time', () => {
    const a = tmp.path();
    const b = path.join(tmp.path(), 'khac');
    const first = take(a);
    take(b);
    first.release();
    first.release();
    expect(() => take(a)).not.toThrow();
    expect(fs.existsSync(path.join(a, LOCK_FILE))).toBe(true);
  });

  it('creates a missing data folder, and refuses a file in place of it with its own message', () => {
    const missing = path.join(tmp.path(), 'moi', 'du-lieu');
    take(missing);
    expect(fs.statSync(missing).isDirectory()).toBe(true);
    const asFile = path.join(tmp.path(), 'tep');
    fs.writeFileSync(asFile, 'x');
    expect(refusal(asFile).message).toBe(DB_TEXTS.folderIsFile(asFile));
  });
});

describe('lockDataFolder across processes', () => {
  /** Bundles the lock module for a plain Node child (better-sqlite3 stays external, found via NODE_PATH). */
  async function childScript(dir: string): Promise<string> {
    const bundle = path.join(dir, 'lock.cjs');
    await build({
      entryPoints: [path.join(PROJECT_ROOT, 'electron/backend/db/folder-lock.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      external: ['better-sqlite3'],
      outfile: bundle,
      logLevel: 'silent',
    });
    const script = path.join(dir, 'hold.cjs');
    fs.writeFileSync(
      script,
      `const { lockDataFolder } = require(${JSON.stringify(bundle)});
try { lockDataFolder(process.argv[2]); console.log('LOCKED'); setInterval(() => {}, 1000); }
catch (err) { console.log('REFUSED ' + err.message); process.exit(3); }`,
    );
    return script;
  }

  function run(script: string, dataDir: string): Promise<{ child: ChildProcess; first: string }> {
    const child = spawn(process.execPath, [script, dataDir], {
      env: { ...process.env, NODE_PATH: path.join(PROJECT_ROOT, 'node_modules') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    return new Promise((resolve, reject) => {
      let out = '';
      child.stderr.on('data', (c: Buffer) => (out += c.toString()));
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes('\n')) resolve({ child, first: out.split('\n')[0]! });
      });
      child.on('exit', (code) => setTimeout(() => reject(new Error(`child exited ${code}: ${out}`)), 50));
    });
  }

  it('a second process is refused while the first runs; after the first is killed (SIGKILL) the lock is free', async () => {
    const work = tmp.path();
    const dataDir = path.join(work, 'du-lieu');
    const script = await childScript(work);
    const first = await run(script, dataDir);
    expect(first.first).toBe('LOCKED');
    // Another process, and this one, are refused while it lives.
    const second = await run(script, dataDir).catch((e: Error) => ({ first: e.message, child: null }));
    expect(second.first).toBe(`REFUSED ${DB_TEXTS.folderInUse(dataDir)}`);
    expect(refusal(dataDir).message).toBe(DB_TEXTS.folderInUse(dataDir));
    // Killed without any chance to clean up: the OS drops the lock, nothing stale remains.
    await new Promise<void>((resolve) => {
      first.child.once('exit', () => resolve());
      first.child.kill('SIGKILL');
    });
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE))).toBe(true);
    expect(() => take(dataDir)).not.toThrow();
  }, 30_000);
});
