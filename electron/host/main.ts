/**
 * Entry of the web host (`npm start` without the Electron binary, and the e2e tests):
 *   node dist/host/main.mjs [--data-dir DIR] [--port N] [--renderer DIR]
 * ANTQ_NOW=2026-11-22T08:00:00Z fixes the clock (tests only); with it, ANTQ_TEST_PASSWORD_COST=low
 * hashes new passwords at 1 MiB instead of 128 MiB (e2e tests only: a log-in per test at the real
 * cost takes seconds on a loaded machine; never honoured without ANTQ_NOW). Prints the URL to open, with the
 * token in its fragment (#token=…), which the browser never sends to any server.
 */
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { openBackend, defaultDataDir, type Backend } from '../backend/index';
import { defaultCataloguePath } from '../backend/catalogue/catalogue';
import { lockDataFolder, type FolderLock } from '../backend/db/folder-lock';
import { createHostServer, launchUrl } from './server';
import { parseHostArgs } from './args';
import type { ScryptParams } from '../backend/auth/password';

/** The e2e tests' password cost (see the header); null in every real start. */
function testPasswordCost(env: NodeJS.ProcessEnv): ScryptParams | null {
  if (env['ANTQ_TEST_PASSWORD_COST'] !== 'low' || !env['ANTQ_NOW']) return null;
  console.error('ANTQ_TEST_PASSWORD_COST=low: mật khẩu được băm ở mức thử nghiệm (chỉ dùng cho kiểm thử).');
  return { N: 2 ** 10, r: 8, p: 1, keyLength: 64 };
}

/**
 * The e2e tests' slow backfill of the lists' keys (ANTQ_TEST_LIST_KEYS=slow, honoured only with
 * ANTQ_NOW): one row per chunk and a pause between chunks, so the screen can be seen while it runs.
 */
function testListKeys(env: NodeJS.ProcessEnv) {
  if (env['ANTQ_TEST_LIST_KEYS'] !== 'slow' || !env['ANTQ_NOW']) return null;
  const beforeChunk = () => new Promise<void>((resolve) => setTimeout(resolve, 40));
  return { atOpenMax: 0, budgetMs: 0, unitsPerStep: 1, rowsPerStep: 1, beforeChunk };
}

async function main(): Promise<void> {
  const args = parseHostArgs(process.argv.slice(2));
  const here = path.dirname(fileURLToPath(import.meta.url));
  const dataDir = path.resolve(args.dataDir ?? defaultDataDir(process.env, process.platform, os.homedir()));
  const fixedNow = process.env['ANTQ_NOW'];
  const cost = testPasswordCost(process.env);
  const lock: FolderLock = lockDataFolder(dataDir);
  let backend: Backend;
  try {
    backend = await openBackend({
      dataDir,
      shell: 'web',
      appVersion: process.env['npm_package_version'] ?? '0.0.0',
      cataloguePath: defaultCataloguePath(here),
      readerAtOpen: true,
      ...(fixedNow ? { now: () => new Date(fixedNow) } : {}),
      ...(cost ? { testPasswordCost: cost } : {}),
      ...(testListKeys(process.env) ? { testListKeys: testListKeys(process.env)! } : {}),
    });
  } catch (err) {
    lock.release();
    throw err;
  }
  const token = randomBytes(24).toString('base64url');
  const server = createHostServer({
    dispatch: backend.dispatch,
    rendererDir: args.rendererDir ?? path.resolve(here, '..', 'renderer'),
    token,
  });
  server.listen(args.port, '127.0.0.1', () => {
    const { port } = server.address() as { port: number };
    console.log(`Dữ liệu: ${backend.databasePath}`);
    console.log(`ANTQ_URL=${launchUrl(port, token)}`);
    console.log(`Mở địa chỉ trên bằng trình duyệt (Chrome, Edge, Firefox) để sử dụng phần mềm.`);
  });
  const stop = () => {
    server.close();
    backend.close();
    lock.release();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  // The person reads the Vietnamese message; the low-level cause goes to the log (stderr) too.
  console.error(err instanceof Error ? err.message : err);
  const cause = err instanceof Error ? err.cause : undefined;
  if (cause !== undefined) console.error('Nguyên nhân (chi tiết kỹ thuật):', cause);
  process.exit(1);
});
