// Issue 16: the shipped benches' generator repeated after ~10.500 draws (3.434 distinct date-and-unit
// pairs in 603.500 rows). Two checks on the cached provinces, printed by bench/province.bench.mjs
// (read-only connections, a few seconds even at 2m):
//   distinct  per activity kind: rows, distinct (date, unit) pairs and, for the kinds dated by a day
//             drawn uniformly over 3.600 days, what a uniform draw gives (K·(1 − (1 − 1/K)^N));
//             and the rows that are exact repeats of another row (every column but the id and stamps).
//   same      the content of two scales' provinces: every registry (units, organisations, models,
//             sites, mass organisations, members: every column but ids and stamps, units named by
//             name and parent name) and the first kind's first N activity records (N = the smaller
//             scale's count, the same seeded draws) hashed and compared. Ids are random UUIDs, the
//             rest comes from the seeded generator, so equal hashes = the same data.
import { createHash } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import { n } from './figures.mjs';

const KINDS = [
  ['propaganda_sessions', 'date', true],
  ['tips', 'received_on', false],
  ['activity_events', 'date', false],
  ['mediations', 'received_on', false],
  ['incidents', 'occurred_on', false],
  ['awards', 'year', false],
];
const DAYS = 3_600;
const SKIP = new Set(['id', 'created_at', 'updated_at', 'deleted_at']);

const columnsOf = (db, table) =>
  db
    .prepare(`PRAGMA table_info("${table}")`)
    .all()
    .map((c) => c.name)
    .filter((c) => !SKIP.has(c));

/** Distinct (date, unit) pairs and exact repeats per activity kind; returns printable lines. */
export function distinctPairs(file) {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    const communes = db.prepare("SELECT count(*) FROM units WHERE level = 'xa'").pluck().get();
    return KINDS.map(([table, col, uniform]) => {
      const rows = db.prepare(`SELECT count(*) FROM "${table}"`).pluck().get();
      const pairs = db.prepare(`SELECT count(*) FROM (SELECT DISTINCT "${col}", unit_id FROM "${table}")`).pluck().get();
      const cols = columnsOf(db, table)
        .map((c) => `"${c}"`)
        .join(', ');
      const distinct = db.prepare(`SELECT count(*) FROM (SELECT DISTINCT ${cols} FROM "${table}")`).pluck().get();
      const k = DAYS * communes;
      const expected = uniform
        ? ` (a uniform draw over ${n(DAYS)} days × ${n(communes)} communes gives ${n(k * (1 - (1 - 1 / k) ** rows))})`
        : '';
      return `${table}: ${n(rows)} rows, ${n(pairs)} distinct (${col}, unit) pairs${expected}, ${n(rows - distinct)} exact repeats of another row`;
    });
  } finally {
    db.close();
  }
}

/** A hash per registry and of the first kind's first `firstRows` propaganda records (units by name and parent name). */
export function contentHashes(file, firstRows) {
  const db = new BetterSqlite3(file, { readonly: true });
  const unitName = new Map(
    db
      .prepare("SELECT u.id, u.name || ' < ' || coalesce(p.name, '') AS label FROM units u LEFT JOIN units p ON p.id = u.parent_id")
      .all()
      .map((r) => [r.id, r.label]),
  );
  const idCols = /(^|_)id$/;
  const sig = (row) =>
    JSON.stringify(
      Object.entries(row).map(([k, v]) =>
        k === 'unit_id' || k === 'parent_id' || k === 'origin_unit_id' ? (unitName.get(v) ?? v) : idCols.test(k) ? null : v,
      ),
    );
  const hashOf = (sql, sort = true) => {
    const lines = db.prepare(sql).all().map(sig);
    if (sort) lines.sort();
    return { rows: lines.length, hash: createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16) };
  };
  const all = (table) =>
    `SELECT ${columnsOf(db, table)
      .map((c) => `"${c}"`)
      .join(', ')} FROM "${table}"`;
  try {
    return {
      units: hashOf(all('units')),
      organizations: hashOf(all('organizations')),
      models: hashOf(all('models')),
      model_sites: hashOf(all('model_sites')),
      mass_orgs: hashOf(all('mass_orgs')),
      members: hashOf(all('mass_org_members')),
      [`propaganda, first ${n(firstRows)} by rowid`]: hashOf(`${all('propaganda_sessions')} ORDER BY rowid LIMIT ${firstRows}`, false),
    };
  } finally {
    db.close();
  }
}

/** Compares two scales' hashes; printable lines. */
export function compareScales(a, b, labelA, labelB) {
  return Object.keys(a).map(
    (k) =>
      `${k}: ${labelA} ${a[k].hash} (${n(a[k].rows)} rows), ${labelB} ${b[k].hash} (${n(b[k].rows)} rows) — ${a[k].hash === b[k].hash && a[k].rows === b[k].rows ? 'same' : 'DIFFERENT'}`,
  );
}
