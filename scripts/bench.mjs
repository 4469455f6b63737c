// `npm run bench`: runs every bench/*.bench.mjs in turn. Benchmarks print figures (times, ratios,
// counts); they are never part of `npm test` and never fail on a time.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const files = fs
  .readdirSync('bench')
  .filter((f) => f.endsWith('.bench.mjs'))
  .sort();
if (files.length === 0) console.log('No benchmarks in bench/.');
let failed = 0;
for (const f of files) {
  console.log(`\n=== bench/${f} ===`);
  const r = spawnSync(process.execPath, [`bench/${f}`, ...process.argv.slice(2)], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
