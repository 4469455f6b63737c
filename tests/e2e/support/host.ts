/**
 * Starts the built web host (dist/host/main.mjs) as a child process on a data directory, with the
 * clock fixed, and resolves with the URL it prints. Used by every e2e test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ADMIN } from './accounts';

export const FIXED_NOW = '2026-11-22T03:00:00.000Z';
export const FIXED_TODAY = '2026-11-22';

/** Where the host processes keep Node's compile cache (see startHost). */
const COMPILE_CACHE = path.join(os.tmpdir(), 'antq-e2e-compile-cache');

export interface RunningHost {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

export function newDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'antq-e2e-'));
}

export interface StartOptions {
  /**
   * On a data folder that has accounts, log in as Quản trị (support/accounts.ts ADMIN) through the
   * API once started, as a person would before using the reopened app (default). False: leave the
   * session closed, to drive the login screen.
   */
  login?: boolean;
  /**
   * How long the host may take to print its address before the start counts as failed (default
   * 20 s). The fixtures' spare host (support/fixtures.ts) starts while another test runs, off that
   * test's critical path, and allows longer; the test that takes it is bounded by its own timeout.
   */
  startTimeoutMs?: number;
  /** More environment for the host (tests only: ANTQ_TEST_LIST_KEYS=slow). */
  env?: Record<string, string>;
}

export async function startHost(dataDir: string, opts: StartOptions = {}): Promise<RunningHost> {
  // ANTQ_DIST lets parallel work on one checkout test its own build (npm run build -- --out DIR).
  const dist = process.env['ANTQ_DIST'] ?? 'dist';
  const child: ChildProcess = spawn(process.execPath, [`${dist}/host/main.mjs`, '--data-dir', dataDir], {
    // Passwords are hashed at a test cost (the host accepts it only with a fixed clock): the e2e tests
    // check the flows; the production scrypt parameters are checked by tests/unit/backend/auth-password.test.ts.
    // NODE_COMPILE_CACHE: Node keeps V8's compiled code of the 7 MB bundle on disk (keyed by the
    // file's content), so the hundreds of host starts after the first skip most of the compiling.
    env: { ...process.env, ANTQ_NOW: FIXED_NOW, ANTQ_TEST_PASSWORD_COST: 'low', NODE_COMPILE_CACHE: COMPILE_CACHE, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`host did not start:\n${output}`));
    }, opts.startTimeoutMs ?? 20_000);
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
  if (opts.login ?? true) await loginIfSetUp(url);
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

async function postJson(url: string, method: string, input: unknown): Promise<{ ok: boolean; value?: unknown }> {
  const token = new URLSearchParams(new URL(url).hash.slice(1)).get('token') ?? '';
  const res = await fetch(`${new URL(url).origin}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Antq-Token': token },
    body: JSON.stringify(input),
  });
  return (await res.json()) as { ok: boolean; value?: unknown };
}

/** A reopened data folder: log in as ADMIN so the page opens on the workspace. */
async function loginIfSetUp(url: string): Promise<void> {
  const status = await postJson(url, 'auth.status', {});
  const value = status.value as { setUp: boolean; session: unknown } | undefined;
  if (!value?.setUp || value.session !== null) return;
  const r = await postJson(url, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
  if (!r.ok) throw new Error(`logging in as ${ADMIN.username} on the reopened folder: ${JSON.stringify(r)}`);
}
