// EXPLAIN QUERY PLAN and timings of the statements activities.page runs (docs/decisions.md (h16-lists)),
// on a copy of a bench province folder: node bench/support/activities-plans.mjs <folder>/antq.db
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleBackend } from './bundle.mjs';

const app = await bundleBackend(
  'activities-plans',
  `export { openDatabase } from './electron/backend/db/open.ts';
   export { LATEST_VERSION } from './electron/backend/db/migrations/index.ts';
   export { aggregateActivities, queryActivityPage } from './electron/backend/repos/activities.page.ts';
   export { Kysely, SqliteDialect } from 'kysely';`,
);
const src = process.argv[2];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'antq-plans-'));
fs.copyFileSync(src, path.join(dir, 'antq.db'));
const { raw } = app.openDatabase(path.join(dir, 'antq.db'), app.LATEST_VERSION);
// The same connection (its registered functions), with Kysely's log giving each statement's SQL and values.
const seen = [];
const db = new app.Kysely({
  dialect: new app.SqliteDialect({ database: raw }),
  log: (e) => seen.push({ text: e.query.sql, p: e.query.parameters }),
});
const prepare = (text) => raw.prepare(text);
const q = (extra = {}) => ({ unitIds: null, from: null, to: null, category: null, words: [], ...extra });
const page = (offset, sort = 'default', dir = 'asc') => ({ offset, limit: 100, sort, dir });
const cases = [
  ['count + totals, no filter', () => app.aggregateActivities(db, 'propaganda', q())],
  ['first page, default order', () => app.queryActivityPage(db, 'propaganda', q(), page(0))],
  ['page at row 40.000, default order', () => app.queryActivityPage(db, 'propaganda', q(), page(40_000))],
  ['count + totals, one year', () => app.aggregateActivities(db, 'propaganda', q({ from: '2026-01-01', to: '2026-12-31' }))],
  ['first page, one year', () => app.queryActivityPage(db, 'propaganda', q({ from: '2026-01-01', to: '2026-12-31' }), page(0))],
  ['first page, by attendance', () => app.queryActivityPage(db, 'propaganda', q(), page(0, 'attendance', 'desc'))],
  ['count + totals, search "phong chong"', () => app.aggregateActivities(db, 'propaganda', q({ words: ['phong', 'chong'] }))],
  ['first page, search "phong chong"', () => app.queryActivityPage(db, 'propaganda', q({ words: ['phong', 'chong'] }), page(0))],
];
for (const [label, run] of cases) {
  const times = [];
  for (let i = 0; i < 3; i++) {
    seen.length = 0;
    const t = performance.now();
    await run();
    times.push(Math.round(performance.now() - t));
  }
  const last = seen[seen.length - 1];
  console.log(`-- ${label}`);
  for (const r of prepare(`EXPLAIN QUERY PLAN ${last.text}`).all(...last.p)) console.log(`     ${r.detail}`);
  console.log(`    times ${times.join(', ')} ms`);
}
raw.close();
fs.rmSync(dir, { recursive: true, force: true });
