/**
 * The SQL functions the app's queries call, registered on every connection that runs them: the
 * app's, the long-write connection (long-write.ts) and the read-only worker (reader-worker.ts), which
 * bundles this module, so it imports nothing but better-sqlite3's types and shared/lib.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { vietnameseSortKey } from '../../../shared/lib/sort-key';
import { foldVietnamese } from '../../../shared/lib/text';

/** The SQL name of vietnameseSortKey (shared/lib/sort-key.ts), for ordering by a name no column keeps a key of. */
export const VI_SORT_KEY_SQL = 'antq_vi_sort_key';

/**
 * The SQL name of the lists' search test: `antq_has_words(text, words)` is 1 when every
 * space-separated word of `words` (already folded) occurs in foldVietnamese(text), the rule the
 * activity lists searched with on the screen (activities-page.service.ts).
 */
export const HAS_WORDS_SQL = 'antq_has_words';

/** The SQL name of foldVietnamese (shared/lib/text.ts): the stored search text of a record (repos/activities.keys.ts). */
export const FOLD_SQL = 'antq_fold';

/**
 * Functions the app's queries call (never used in the schema, so trusted_schema stays OFF): the
 * Vietnamese sort key and the folded search test, deterministic, so SQLite may compute them once
 * per distinct argument.
 */
const SORT_KEY_MEMO = 50_000;

export function registerFunctions(raw: BetterSqlite3.Database): void {
  // Lists order by unit names (a few thousand, repeated on every row) and record titles (often
  // repeated): keys computed once per distinct text while the memo lasts (cleared when full).
  const memo = new Map<string, string>();
  raw.function(VI_SORT_KEY_SQL, { deterministic: true }, (text: unknown) => {
    if (typeof text !== 'string') return null;
    let key = memo.get(text);
    if (key === undefined) {
      if (memo.size >= SORT_KEY_MEMO) memo.clear();
      memo.set(text, (key = vietnameseSortKey(text)));
    }
    return key;
  });
  // The lists' searches test names (units, organisations, teams: a few thousand, once per word and
  // query): each folded once while the memo lasts.
  const folded = new Map<string, string>();
  raw.function(HAS_WORDS_SQL, { deterministic: true }, (text: unknown, words: unknown) => {
    if (typeof text !== 'string' || typeof words !== 'string') return 0;
    let hay = folded.get(text);
    if (hay === undefined) {
      if (folded.size >= SORT_KEY_MEMO) folded.clear();
      folded.set(text, (hay = foldVietnamese(text)));
    }
    for (const w of words.split(' ')) if (w !== '' && !hay.includes(w)) return 0;
    return 1;
  });
  raw.function(FOLD_SQL, { deterministic: true }, (text: unknown) => (typeof text === 'string' ? foldVietnamese(text) : null));
}
