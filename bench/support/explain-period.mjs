// EXPLAIN QUERY PLAN of the period figures' grouped reading (repos/period-counts.repo.ts) on a data
// folder: `node bench/support/explain-period.mjs <data folder>` (docs/decisions.md (h16-period) quotes it).
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { bundleBackend } from './bundle.mjs';

const app = await bundleBackend(
  'explain-period',
  `export { countedGroupsQuery } from './electron/backend/repos/period-counts.repo.ts';
   export { ACTIVITY_KINDS } from './shared/domain/activities.ts';`,
);
const BASELINE = {
  propaganda: ['propaganda_sessions', 'date'],
  events: ['activity_events', 'date'],
  tips: ['tips', 'received_on'],
  mediations: ['mediations', 'received_on'],
  incidents: ['incidents', 'occurred_on'],
  awards: ['awards', 'year'],
};
const dir = process.argv[2];
const file = path.join(
  dir,
  fs.readdirSync(dir).find((f) => f.endsWith('.sqlite') || f.endsWith('.db')),
);
const raw = new BetterSqlite3(file, { readonly: true });
const db = new Kysely({ dialect: new SqliteDialect({ database: raw }) });
// EXPLAIN_YEARS=10: the ten-year period 2017–2026 (previous 2007–2016); default one year, 2026.
const years = Number(process.env['EXPLAIN_YEARS'] ?? 1);
const period = { from: `${2027 - years}-01-01`, to: '2026-12-31' };
const previous = { from: `${2027 - 2 * years}-01-01`, to: `${2026 - years}-12-31` };
const cpu = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
let appCpu = 0;
let baseCpu = 0;
const units = raw.prepare('SELECT id FROM units').pluck().all();
const unitClasses = JSON.stringify(Object.fromEntries(units.map((id, i) => [id, i % 30])));
for (const kind of app.ACTIVITY_KINDS) {
  const q = app.countedGroupsQuery(kind, { slice: period, period, previous, unitClasses }).compile(db);
  const plan = raw.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...q.parameters);
  console.log(`\n${kind}: ${q.sql.replace(/json_each\(\?\)/, 'json_each(?)')}`);
  for (const p of plan) console.log(`  ${'  '.repeat(p.parent ? 1 : 0)}${p.detail}`);
  const slice = { from: previous.from, to: period.to };
  // The statement a call runs for the year slices it misses (grouped by year too): its plan.
  const byYear = app.countedGroupsQuery(kind, { slice, period, previous, unitClasses }, true).compile(db);
  const cy = /, ((?:substr|CAST)\(.*?\)+) AS cy/.exec(byYear.sql)?.[1];
  console.log(`  by year, ${slice.from}…${slice.to}: SELECT …, ${cy} AS cy FROM … GROUP BY …, cy`);
  for (const p of raw.prepare(`EXPLAIN QUERY PLAN ${byYear.sql}`).all(...byYear.parameters))
    console.log(`    ${'  '.repeat(p.parent ? 1 : 0)}${p.detail}`);
  const whole = app.countedGroupsQuery(kind, { slice, period, previous, unitClasses }).compile(db);
  const c0 = cpu();
  const rows = raw.prepare(whole.sql).all(...whole.parameters);
  const c1 = cpu();
  // The bench's baseline over the period alone: GROUP BY unit_id, count(*).
  const [table, col] = BASELINE[kind];
  const [lo, hi] = col === 'year' ? [Number(period.from.slice(0, 4)), 2026] : [period.from, period.to];
  raw
    .prepare(`SELECT unit_id, count(*) FROM "${table}" WHERE deleted_at IS NULL AND "${col}" BETWEEN ? AND ? GROUP BY unit_id`)
    .all(lo, hi);
  const c2 = cpu();
  appCpu += c1 - c0;
  baseCpu += c2 - c1;
  console.log(
    `  → ${rows.length} groups (both periods, one statement): ${Math.round(c1 - c0)} ms CPU; baseline ${Math.round(c2 - c1)} ms CPU`,
  );
}
console.log(`\nall kinds: grouped ${Math.round(appCpu)} ms CPU, baseline ${Math.round(baseCpu)} ms CPU`);
raw.close();
