// The members list sorted by organisation (issue 16; docs/decisions.md (h16-pickers)): on a copy of the
// cached province (135.716 members, 10.546 mass organisations), the page query before (a correlated
// subquery giving each member row its organisation's Vietnamese sort key) and now (organisations
// ranked once, the page's ids chosen from the covering list index, then its rows read by id:
// repos/mass-org-members.page.ts queryMemberPageByOrg), alternated
// in one run: CPU and wall time, EXPLAIN QUERY PLAN of each, and a check that both give the same rows.
//   node bench/support/members-org-sort.mjs [rows]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { bundleBackend } from './bundle.mjs';
import { PROVINCE_EXPORTS, provinceFolder } from './province.mjs';
import { median } from './figures.mjs';

const rows = Number(process.argv[2] ?? 50_000);
const app = await bundleBackend('members-org-sort', `${PROVINCE_EXPORTS}\n  export { vietnameseSortKey } from './shared/lib/sort-key.ts';`);
const { dir } = await provinceFolder(app, rows);
const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'antq-org-sort-'));
fs.cpSync(dir, copy, { recursive: true });
const Database = createRequire(import.meta.url)('better-sqlite3');
const db = new Database(path.join(copy, 'antq.db'), { readonly: true });
// As the app registers it (db/open.ts): deterministic, memoised per distinct text.
const memo = new Map();
db.function('antq_vi_sort_key', { deterministic: true }, (t) => {
  if (typeof t !== 'string') return null;
  let k = memo.get(t);
  if (k === undefined) memo.set(t, (k = app.vietnameseSortKey(t)));
  return k;
});
const COLS = 'm.id, m.mass_org_id, m.full_name, m.gender, m.birth_year, m.ethnicity, m.role, m.phone, m.joined_on, m.left_on';
const KEY = '(SELECT antq_vi_sort_key(o.name) FROM mass_orgs o WHERE o.id = m.mass_org_id)';
const before = (dir, off) => `SELECT ${COLS} FROM mass_org_members AS m INDEXED BY mass_org_members_list
  WHERE m.deleted_at IS NULL AND +m.mass_org_id IN (SELECT o.id FROM mass_orgs o WHERE o.deleted_at IS NULL)
  ORDER BY (${KEY}) IS NULL ${dir}, ${KEY} ${dir}, m.full_name_sort, m.id LIMIT 100 OFFSET ${off}`;
const now = (dir, off) => `WITH r AS MATERIALIZED (
    SELECT o.id, dense_rank() OVER (ORDER BY antq_vi_sort_key(o.name)) AS rk FROM mass_orgs o WHERE o.deleted_at IS NULL
  ), p AS MATERIALIZED (
    SELECT m.id, r.rk, m.full_name_sort FROM mass_org_members AS m INDEXED BY mass_org_members_list JOIN r ON r.id = m.mass_org_id
    WHERE m.deleted_at IS NULL ORDER BY r.rk ${dir}, m.full_name_sort, m.id LIMIT 100 OFFSET ${off}
  )
  SELECT ${COLS} FROM p JOIN mass_org_members AS m ON m.id = p.id ORDER BY p.rk ${dir}, p.full_name_sort, p.id`;

try {
  for (const [label, q] of [
    ['before', before],
    ['now', now],
  ]) {
    console.log(`${label}: EXPLAIN QUERY PLAN (first page, going up)`);
    for (const r of db.prepare(`EXPLAIN QUERY PLAN ${q('ASC', 0)}`).all()) console.log(`  ${r.id}/${r.parent} ${r.detail}`);
  }
  const RUNS = 3;
  for (const [dir, off] of [
    ['ASC', 0],
    ['DESC', 0],
    ['ASC', 100_000],
  ]) {
    const figures = { before: { cpu: [], wall: [] }, now: { cpu: [], wall: [] } };
    const ids = {};
    for (let i = 0; i < RUNS; i++) {
      for (const [label, q] of [
        ['before', before],
        ['now', now],
      ]) {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        const got = db.prepare(q(dir, off)).all();
        const cpu = process.cpuUsage(c0);
        figures[label].wall.push(performance.now() - t0);
        figures[label].cpu.push((cpu.user + cpu.system) / 1000);
        ids[label] = got.map((r) => r.id).join();
      }
    }
    const f = (x) => `${median(x.cpu).toFixed(0)} ms CPU, ${median(x.wall).toFixed(0)} ms wall`;
    console.log(
      `members by organisation, ${dir === 'ASC' ? 'going up' : 'going down'}, offset ${off.toLocaleString('vi-VN')} (median of ${RUNS}): ` +
        `before ${f(figures.before)}; now ${f(figures.now)}; CPU ratio now/before ${(median(figures.now.cpu) / median(figures.before.cpu)).toFixed(2)}; ` +
        `same 100 rows: ${ids.before === ids.now}`,
    );
  }
} finally {
  db.close();
  fs.rmSync(copy, { recursive: true, force: true });
}
