/**
 * Entry of the web host (`npm start` without the Electron binary, and the e2e tests):
 *   node dist/host/main.mjs [--data-dir DIR] [--port N] [--renderer DIR]
 * ANTQ_NOW=2026-11-22T08:00:00Z fixes the clock (tests only). Prints the URL with its token.
 */
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { openBackend, defaultDataDir } from '../backend/index';
import { defaultCataloguePath } from '../backend/catalogue/catalogue';
import { CONTENT_SECURITY_POLICY } from '../backend/csp';
import { createHostServer } from './server';
import { parseHostArgs } from './args';

async function main(): Promise<void> {
  const args = parseHostArgs(process.argv.slice(2));
  const here = path.dirname(fileURLToPath(import.meta.url));
  const dataDir = path.resolve(args.dataDir ?? defaultDataDir(process.env, process.platform, os.homedir()));
  const fixedNow = process.env['ANTQ_NOW'];
  const backend = await openBackend({
    dataDir,
    shell: 'web',
    appVersion: process.env['npm_package_version'] ?? '0.0.0',
    cataloguePath: defaultCataloguePath(here),
    ...(fixedNow ? { now: () => new Date(fixedNow) } : {}),
  });
  const token = randomBytes(24).toString('base64url');
  const server = createHostServer({
    dispatch: backend.dispatch,
    rendererDir: args.rendererDir ?? path.resolve(here, '..', 'renderer'),
    token,
    csp: CONTENT_SECURITY_POLICY,
  });
  server.listen(args.port, '127.0.0.1', () => {
    const { port } = server.address() as { port: number };
    console.log(`Dữ liệu: ${backend.databasePath}`);
    console.log(`ANTQ_URL=http://127.0.0.1:${port}/?token=${token}`);
    console.log(`Mở địa chỉ trên bằng trình duyệt (Chrome, Edge, Firefox) để sử dụng phần mềm.`);
  });
  const stop = () => {
    server.close();
    backend.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
