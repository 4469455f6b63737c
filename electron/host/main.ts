/**
 * Entry of the web host (`npm start` without the Electron binary, and the e2e tests):
 *   node dist/host/main.mjs [--data-dir DIR] [--port N] [--renderer DIR]
 * ANTQ_NOW=2026-11-22T08:00:00Z fixes the clock (tests only). Prints the URL to open, with the
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

async function main(): Promise<void> {
  const args = parseHostArgs(process.argv.slice(2));
  const here = path.dirname(fileURLToPath(import.meta.url));
  const dataDir = path.resolve(args.dataDir ?? defaultDataDir(process.env, process.platform, os.homedir()));
  const fixedNow = process.env['ANTQ_NOW'];
  const lock: FolderLock = lockDataFolder(dataDir);
  let backend: Backend;
  try {
    backend = await openBackend({
      dataDir,
      shell: 'web',
      appVersion: process.env['npm_package_version'] ?? '0.0.0',
      cataloguePath: defaultCataloguePath(here),
      ...(fixedNow ? { now: () => new Date(fixedNow) } : {}),
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
