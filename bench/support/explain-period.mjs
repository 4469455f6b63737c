// EXPLAIN QUERY PLAN of the period figures' grouped reading (repos/period-counts.repo.ts) on a data
// folder: `node bench/support/explain-period.mjs <data folder>` (docs/decisions-h16-period.md quotes it).
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, Kysely, SqliteDialect } from 'kysely';
import { bundleBackend } from './bundle.mjs';

const app = await bundleBackend(
  'explain-period',
  `export { countedGroupsQuery } from './electron/backend/repos/period-counts.repo.ts';
   export { ACTIVITY_KINDS } from './shared/domain/activities.ts';`,
);
const dir = process.argv[2];
const file = path.join(dir, fs.readdirSync(dir).find((f) => f.endsWith('.sqlite') || f.endsWith('.db')));
const raw = new BetterSqlite3(file, { readonly: true });
const db = new Kysely({ dialect: new SqliteDialect({ database: raw }) });
const period = { from: '2026-01-01', to: '2026-12-31' };
const previous = { from: '2025-01-01', to: '2025-12-31' };
const units = raw.prepare('SELECT id FROM units').pluck().all();
const unitClasses = JSON.stringify(Object.fromEntries(units.map((id, i) => [id, i % 30])));
for (const kind of app.ACTIVITY_KINDS) {
  const q = app.countedGroupsQuery(kind, { slice: period, period, previous, unitClasses }).compile(db);
  const plan = raw.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...q.parameters);
  console.log(`\n${kind}: ${q.sql.replace(/json_each\(\?\)/, 'json_each(?)')}`);
  for (const p of plan) console.log(`  ${'  '.repeat(p.parent ? 1 : 0)}${p.detail}`);
  const t = performance.now();
  const rows = raw.prepare(q.sql).all(...q.parameters);
  console.log(`  → ${rows.length} groups in ${Math.round(performance.now() - t)} ms`);
}
void CompiledQuery;
raw.close();
