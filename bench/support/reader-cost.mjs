// What a read through the read-only SQL worker (electron/backend/db/reader.ts) costs the host
// thread, against the same SELECT on the app's own connection: for a few result sizes, the host
// thread's busy time (event-loop utilisation, so the worker's own CPU is not counted) and the wall
// time, median of 5 alternated runs. The host pays for receiving the rows (structured clone) and
// for nothing else; the app connection's read holds the host for the whole statement.
//   node bench/support/reader-cost.mjs [rows]     (a copy of the cached province of `rows`, 50k by default)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { bundleBackend, median } from './bundle.mjs';
import { provinceFolder, PROVINCE_EXPORTS } from './province.mjs';

const rows = Number(process.argv[2] ?? 50_000);
const app = await bundleBackend('reader-cost', `${PROVINCE_EXPORTS}\nexport { Reader } from './electron/backend/db/reader.ts';`);
const { dir } = await provinceFolder(app, rows);
const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'antq-reader-cost-'));
fs.cpSync(dir, copy, { recursive: true });
const file = path.join(copy, 'antq.db');
const main = new BetterSqlite3(file);
main.pragma('journal_mode = WAL');
const reader = new app.Reader(file, () => {
  throw new Error('the worker did not start');
});

const QUERIES = [
  ['1 row: count of the propaganda sessions', 'SELECT count(*) AS n FROM propaganda_sessions'],
  ['GROUP BY unit over the propaganda sessions', 'SELECT unit_id, count(*) AS n FROM propaganda_sessions GROUP BY unit_id'],
  ['1,000 member rows', 'SELECT * FROM mass_org_members LIMIT 1000'],
  ['10,000 member rows', 'SELECT * FROM mass_org_members LIMIT 10000'],
  ['100,000 member rows', 'SELECT * FROM mass_org_members LIMIT 100000'],
];

async function measure(run) {
  const elu0 = performance.eventLoopUtilization();
  const t0 = performance.now();
  // Ticks on the host while the read runs: its busy time is what the ticks could not use.
  let longest = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  await run();
  clearInterval(timer);
  longest = Math.max(longest, performance.now() - last);
  const elu = performance.eventLoopUtilization(elu0);
  return { wall: performance.now() - t0, host: elu.active, longest };
}

await reader.run('SELECT 1', []);
console.log(
  `reader cost, province ${rows}: median of 5 (host = the host thread's busy time; longest = the longest gap between its timer's turns)`,
);
for (const [name, q] of QUERIES) {
  const onMain = [];
  const onWorker = [];
  for (let i = 0; i < 5; i++) {
    onMain.push(await measure(async () => main.prepare(q).all()));
    onWorker.push(await measure(() => reader.run(q, [])));
  }
  const m = (xs, k) => Math.round(median(xs.map((x) => x[k])));
  console.log(
    `  ${name}: app connection ${m(onMain, 'wall')} ms wall, host busy ${m(onMain, 'host')} ms, longest gap ${m(onMain, 'longest')} ms | ` +
      `worker ${m(onWorker, 'wall')} ms wall, host busy ${m(onWorker, 'host')} ms, longest gap ${m(onWorker, 'longest')} ms`,
  );
}
await reader.close();
main.close();
fs.rmSync(copy, { recursive: true, force: true });
