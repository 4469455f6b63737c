// Where activities.saveMany's time goes (issue 16 item 2, "saveMany ≥ 0.7× raw inserts"): on a copy
// of the 50k province with its propaganda table padded (province-writes.mjs), one warm-up call, then
// RUNS calls of 5.000 propaganda records through dispatch, each with its process CPU; PROFILE_CALL=<file>
// writes a CPU profile (node:inspector) of each timed call alone (<file>-<run>.cpuprofile). FIRST=1: each run is the first call
// of a fresh backend on a fresh copy (what the province bench times). A helper, not a benchmark:
//   node bench/support/profile-savemany.mjs [rows=50000] [runs=5]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleBackend, openBenchBackend } from './bundle.mjs';
import { NOW, PROVINCE_EXPORTS, provinceFolder } from './province.mjs';
import { WRITES_EXPORTS, paddedFolder } from './province-writes.mjs';
import { SHARES, reseed, pick } from './activity-records.mjs';
import { cpuProfiler } from './cpu-profile.mjs';

const rows = Number(process.argv[2] ?? 50_000);
const runs = Number(process.argv[3] ?? 5);
const app = await bundleBackend('profile-savemany', PROVINCE_EXPORTS + WRITES_EXPORTS);
const { dir } = await provinceFolder(app, rows);
const padded = await paddedFolder(app, dir, rows);
const FIRST = process.env['FIRST'] === '1';
async function open() {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'antq-savemany-'));
  fs.cpSync(padded, copy, { recursive: true });
  return { copy, ...(await openBenchBackend(app, copy, NOW)) };
}
let { copy, backend, call } = await open();
const communes = (await call('units.list', { includeEnded: false })).filter((u) => u.level === 'xa');
const batch = (seed) => {
  reseed(seed);
  return Array.from({ length: 5_000 }, () => SHARES.propaganda[1](pick(communes).id));
};
if (!FIRST) await call('activities.saveMany', { kind: 'propaganda', records: batch(1) });

const profiler = await cpuProfiler(process.env['PROFILE_CALL']);
const cpus = [];
for (let i = 0; i < runs; i++) {
  if (FIRST && i > 0) {
    backend.close();
    fs.rmSync(copy, { recursive: true, force: true });
    ({ copy, backend, call } = await open());
  }
  const records = batch(100 + i);
  await profiler?.start();
  const c = process.cpuUsage();
  const t = performance.now();
  await call('activities.saveMany', { kind: 'propaganda', records });
  const u = process.cpuUsage(c);
  if (profiler) {
    // One profile per call (the opening of the next fresh backend is not in any).
    const profile = await profiler.stop();
    fs.writeFileSync(process.env['PROFILE_CALL'].replace(/(\.cpuprofile)?$/, `-${i + 1}.cpuprofile`), JSON.stringify(profile));
  }
  cpus.push(Math.round((u.user + u.system) / 1000));
  console.log(`run ${i + 1}: ${Math.round(performance.now() - t)} ms wall, ${cpus.at(-1)} ms CPU`);
}
profiler?.close();
cpus.sort((a, b) => a - b);
console.log(`median CPU ${cpus[Math.floor(cpus.length / 2)]} ms`);
backend.close();
fs.rmSync(copy, { recursive: true, force: true });
