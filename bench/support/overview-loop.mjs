// The overview's first computation in a loop on a copy of the cached province, alternated with its
// fuller baseline (the province bench's overviewRegistriesGroupBy(2026), same SQL): each round opens a
// fresh backend (nothing kept in the file), times the call's CPU, and the baseline's CPU on a
// read-only connection. Prints each round's steps and the medians. For comparing two checkouts on
// the same load (run them alternately), not a benchmark.
//   node bench/support/overview-loop.mjs [rows=50000] [rounds=8]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleBackend, median, openBenchBackend } from './bundle.mjs';
import { NOW, PROVINCE_EXPORTS, provinceFolder } from './province.mjs';
import BetterSqlite3 from 'better-sqlite3';
import { cpuProfiler } from './cpu-profile.mjs';

const rows = Number(process.argv[2] ?? 50_000);
const rounds = Number(process.argv[3] ?? 8);
const app = await bundleBackend(
  'overview-loop',
  PROVINCE_EXPORTS + "export { lastPhases } from './electron/backend/services/phase-cpu.ts';\n",
);
const { dir } = await provinceFolder(app, rows, () => {});
const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'antq-ovloop-'));
fs.cpSync(dir, copy, { recursive: true });
const dbFile = path.join(
  copy,
  fs.readdirSync(copy).find((n) => n.endsWith('.sqlite') || n.endsWith('.db')),
);
const forget = () => {
  const conn = new BetterSqlite3(dbFile);
  conn.exec('DELETE FROM stored_reads');
  conn.close();
};
const base = new BetterSqlite3(dbFile, { readonly: true });
const count = (sql, ...args) => base.prepare(sql).all(...args).length;
const validIn = (f, t) => `(${f} IS NULL OR ${f} <= ?) AND (${t} IS NULL OR ${t} >= ?)`;
const baseline = (y) => {
  const [lo, hi] = [`${y}-12-31`, `${y}-01-01`];
  let n = 0;
  n += count(
    `SELECT unit_id, kind, count(*) FROM organizations WHERE deleted_at IS NULL AND ${validIn('valid_from', 'valid_to')} GROUP BY unit_id, kind`,
    lo,
    hi,
  );
  n += count(
    `SELECT unit_id, kind_id, count(*) FROM mass_orgs WHERE deleted_at IS NULL AND ${validIn('valid_from', 'valid_to')} GROUP BY unit_id, kind_id`,
    lo,
    hi,
  );
  n += count(
    `SELECT mass_org_id, count(*) FROM mass_org_members INDEXED BY mass_org_members_live_org WHERE deleted_at IS NULL AND ${validIn('joined_on', 'left_on')} GROUP BY mass_org_id`,
    lo,
    hi,
  );
  n += count('SELECT level, count(*) FROM mass_org_ratings WHERE deleted_at IS NULL AND year = ? GROUP BY level', y);
  n += count(
    'SELECT subject_type, status, count(*) FROM evaluation_registrations WHERE deleted_at IS NULL AND year = ? GROUP BY subject_type, status',
    y,
  );
  n += count('SELECT origin_unit_id, status, count(*) FROM models WHERE deleted_at IS NULL GROUP BY origin_unit_id, status');
  n += count('SELECT unit_id, count(*) FROM model_sites WHERE deleted_at IS NULL GROUP BY unit_id');
  n += count('SELECT unit_id, households, residents FROM unit_year_stats WHERE year = ?', y);
  return n;
};
const cpu = (fn) => {
  const c = process.cpuUsage();
  return Promise.resolve(fn()).then(() => {
    const d = process.cpuUsage(c);
    return (d.user + d.system) / 1000;
  });
};
const input = { from: '2026-01-01', to: '2026-12-31', unitId: null };
const appMs = [];
const baseMs = [];
const steps = new Map();
const profiles = [];
// PROFILE=<file>: a .cpuprofile of the app's calls from the third round on (summarise with profile-summary.mjs).
const profiler = await cpuProfiler(process.env['PROFILE']);
for (let i = 0; i < rounds; i++) {
  forget();
  const o = await openBenchBackend(app, copy, NOW);
  await o.backend.readerStarted();
  if (profiler && i >= 2) await profiler.start();
  const a = await cpu(() => o.call('registry.overview', input));
  if (profiler && i >= 2) profiles.push(await profiler.stop());
  o.backend.close();
  const b = await cpu(() => baseline(2026));
  appMs.push(a);
  baseMs.push(b);
  const phases = Object.entries(app.lastPhases['registry.overview'] ?? {});
  for (const [k, ms] of phases) steps.set(k, [...(steps.get(k) ?? []), ms]);
  console.log(
    `round ${i + 1}: app ${a.toFixed(0)} ms, baseline ${b.toFixed(0)} ms, ${(a / b).toFixed(1)}×; ${phases.map(([k, ms]) => `${k} ${Math.round(ms)}`).join(', ')}`,
  );
}
console.log(
  `median: app ${median(appMs).toFixed(0)} ms, baseline ${median(baseMs).toFixed(0)} ms, ${(median(appMs) / median(baseMs)).toFixed(2)}× (load ${os.loadavg()[0].toFixed(1)})`,
);
console.log(`steps (median CPU ms): ${[...steps].map(([k, xs]) => `${k} ${median(xs).toFixed(0)}`).join(', ')}`);
if (profiler) {
  // One profile of every profiled call: the samples of each appended (time deltas kept per profile).
  const [first, ...rest] = profiles;
  let next = Math.max(...first.nodes.map((n) => n.id)) + 1;
  for (const p of rest) {
    const ids = new Map(p.nodes.map((n) => [n.id, next++]));
    first.nodes.push(...p.nodes.map((n) => ({ ...n, id: ids.get(n.id), children: (n.children ?? []).map((c) => ids.get(c)) })));
    first.samples.push(...p.samples.map((s) => ids.get(s)));
    first.timeDeltas.push(...p.timeDeltas);
  }
  fs.writeFileSync(process.env['PROFILE'], JSON.stringify(first));
  profiler.close();
}
base.close();
fs.rmSync(copy, { recursive: true, force: true });
