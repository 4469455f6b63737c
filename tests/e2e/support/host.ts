/**
 * Starts the built web host (dist/host/main.mjs) as a child process on a data directory, with the
 * clock fixed, and resolves with the URL it prints. Used by every e2e test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const FIXED_NOW = '2026-11-22T03:00:00.000Z';
export const FIXED_TODAY = '2026-11-22';

export interface RunningHost {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

export function newDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'antq-e2e-'));
}

export async function startHost(dataDir: string): Promise<RunningHost> {
  // ANTQ_DIST lets parallel work on one checkout test its own build (npm run build -- --out DIR).
  const dist = process.env['ANTQ_DIST'] ?? 'dist';
  const child: ChildProcess = spawn(process.execPath, [`${dist}/host/main.mjs`, '--data-dir', dataDir], {
    env: { ...process.env, ANTQ_NOW: FIXED_NOW },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /ANTQ_URL=(\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    dataDir,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** The launch token, from the fragment of the printed address (#token=…). */
export function hostToken(host: RunningHost): string {
  return new URLSearchParams(new URL(host.url).hash.slice(1)).get('token') ?? '';
}
