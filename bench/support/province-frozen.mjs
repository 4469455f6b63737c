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
