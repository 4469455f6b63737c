// Issue 16: "a frozen year stores each rule text once". After a freeze, on the frozen copy: the
// stored bytes per subject (evaluation_frozen_results.content), the freeze's list of texts
// (evaluation_freezes.rule_texts, migration 0021) — how many, how many distinct, their bytes — and
// how many {"$t": n} references the rows hold in its place. Read on a read-only connection.
import BetterSqlite3 from 'better-sqlite3';
import { n } from './figures.mjs';

/** One line for the freeze leg's note. */
export function frozenTexts(file, year) {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    const freeze = db
      .prepare(
        'SELECT id, subjects, rule_texts FROM evaluation_freezes WHERE year = ? AND unfrozen_at IS NULL ORDER BY frozen_at DESC LIMIT 1',
      )
      .get(year);
    if (!freeze) return 'no freeze found';
    const rows = db
      .prepare('SELECT count(*) AS k, sum(length(CAST(content AS BLOB))) AS bytes FROM evaluation_frozen_results WHERE freeze_id = ?')
      .get(freeze.id);
    const texts = freeze.rule_texts === null ? null : JSON.parse(freeze.rule_texts);
    if (texts === null) return `${n(rows.bytes / rows.k)} bytes per subject stored; rows stored whole (no list of texts)`;
    if (!Array.isArray(texts)) {
      // Form 2 (h16-seal, frozen-v2.ts): the freeze stores its rule sets once; the rows hold inputs and verdicts, no criterion text.
      const titles = texts.ruleSets.flatMap((rs) => rs.rules.map((r) => r.title));
      const sample = db.prepare('SELECT content FROM evaluation_frozen_results WHERE freeze_id = ? LIMIT 200').pluck().all(freeze.id);
      const inRows = titles.filter((t) => sample.some((c) => c.includes(JSON.stringify(t)))).length;
      return (
        `${n(rows.k)} subjects, ${n(rows.bytes / rows.k)} bytes per subject stored (form 2: inputs and verdicts); ` +
        `rule sets stored once in the freeze: ${n(texts.ruleSets.length)} sets, ${n(titles.length)} criteria, ` +
        `${n(Buffer.byteLength(freeze.rule_texts) / 1024)} KB; criterion titles found in 200 rows: ${n(inRows)}`
      );
    }
    const distinct = new Set(texts).size;
    let refs = 0;
    for (const c of db.prepare('SELECT content FROM evaluation_frozen_results WHERE freeze_id = ?').pluck().iterate(freeze.id))
      refs += (c.match(/\{"\$t":\d+\}/g) ?? []).length;
    return (
      `${n(rows.k)} subjects, ${n(rows.bytes / rows.k)} bytes per subject stored; texts of the freeze: ${n(texts.length)} stored, ` +
      `${n(distinct)} distinct (${distinct === texts.length ? 'each once' : 'REPEATED'}), ${n(Buffer.byteLength(freeze.rule_texts) / 1024)} KB, ` +
      `referred to ${n(refs)} times from the rows`
    );
  } finally {
    db.close();
  }
}

/**
 * The floor of the freeze's write (issue 16, h16-seal): the same sealed rows the freeze wrote, read
 * back and inserted raw — better-sqlite3 directly, one prepared statement, one transaction — into a
 * table made from the frozen rows' own CREATE statement and indexes (same columns, constraints,
 * indexes; the freeze ids exist, so the foreign key holds). What any freeze of these rows must
 * spend writing them; CPU time of the process (ms) and the bytes written.
 */
export function writeFloor(file, year) {
  const db = new BetterSqlite3(file);
  try {
    const freeze = db
      .prepare('SELECT id FROM evaluation_freezes WHERE year = ? AND unfrozen_at IS NULL ORDER BY frozen_at DESC LIMIT 1')
      .get(year);
    if (!freeze) return null;
    const rows = db.prepare('SELECT * FROM evaluation_frozen_results WHERE freeze_id = ?').raw().all(freeze.id);
    const columns = db
      .prepare('SELECT * FROM evaluation_frozen_results LIMIT 1')
      .columns()
      .map((c) => c.name);
    const schema = db
      .prepare(
        "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'evaluation_frozen_results' AND sql IS NOT NULL AND type IN ('table', 'index') ORDER BY type = 'index'",
      )
      .all();
    for (const s of schema) {
      let sql = s.sql.replaceAll('evaluation_frozen_results', 'bench_floor_frozen_results');
      // An index keeps its definition under a name of its own.
      if (s.type === 'index')
        sql = sql.replace(/^(CREATE (?:UNIQUE )?INDEX )("?)([\w]+)\2/i, (_m, head, _q, name) => `${head}"bench_floor_${name}"`);
      db.exec(sql);
    }
    const insert = db.prepare(
      `INSERT INTO bench_floor_frozen_results (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    );
    const bytes = rows.reduce((s, r) => s + r.reduce((t, v) => t + (typeof v === 'string' ? Buffer.byteLength(v) : 8), 0), 0);
    const c0 = process.cpuUsage();
    db.transaction(() => {
      for (const r of rows) insert.run(r);
    })();
    const c = process.cpuUsage(c0);
    db.exec('DROP TABLE bench_floor_frozen_results');
    return { cpuMs: (c.user + c.system) / 1000, rows: rows.length, bytes };
  } finally {
    db.close();
  }
}
