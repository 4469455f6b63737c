/**
 * Values computed once and kept in the file (migration 0026), so the first look at a screen after
 * the app starts again reads them instead of computing them again (issue 16: the first loads of the
 * period figures and the overview).
 *
 * - Every commit moves `table_versions` of the tables it wrote, inside its own transaction
 *   (`bumpVersions`, from the audit hook): the counters always match the rows, a rollback included,
 *   and a backup or restored file carries both together.
 * - A value is stored with the counters of the tables it was computed from, read on this
 *   connection before the computation started: a commit landing during the computation leaves the
 *   value under counters that are already behind, so it is never served.
 * - `code` names the build that computed it (app version and schema version): an upgrade, which is
 *   the only other way rows change (migrations run before the hook is installed), serves nothing
 *   stored before it.
 * - Storing is deferred off the call that computed the value: `put` notes it, and the value is
 *   written when the backend is idle (no call in flight, no long write, no open transaction on the
 *   connection), one value per turn, a second after the last `put` — a user editing and looking
 *   again and again writes nothing until they pause. A value whose tables moved meanwhile is
 *   dropped (it would never be served). Closing the file writes what is still pending. Storing
 *   never fails a call; at most `LIMIT` values and `LIMIT_BYTES` of JSON are kept (the oldest
 *   stored dropped first).
 */
import type BetterSqlite3 from 'better-sqlite3';

/** Tables that are not counted: the counters themselves and the stored values. */
export const UNCOUNTED_TABLES: readonly string[] = ['table_versions', 'stored_reads'];

const LIMIT = 64;
/** The board of a province is ~5 MB of JSON per filter: a few filters and years, not every one ever asked. */
const LIMIT_BYTES = 48_000_000;

const bumps = new WeakMap<BetterSqlite3.Database, BetterSqlite3.Statement | null>();

/**
 * The counter of the rows of an activity table placed in one year (`year` '2026'), or in any year
 * ('*', moved by a commit that cannot say which years it touched): rows of `table_versions` named
 * `table@year`, moved beside the table's own counter (audit/recorder.ts). What a value computed from
 * one year of one table keys itself on in the file: `yearVersionKey` below.
 */
export const yearCounterName = (table: string, year: string): string => `${table}@${year}`;

/**
 * The counters a commit moves for the years it touched of a table with placement (the years noted by
 * repos/placement-touch.repo.ts): each year's, or the table's "any year" counter when the years are
 * not known (none noted, or a row without a placement: '*'). Conservative: a commit whose years are
 * not known makes every year's value of the table stale.
 */
export function yearCounterNames(table: string, years: readonly string[] | undefined): string[] {
  if (!years || years.length === 0 || years.includes('*')) return [yearCounterName(table, '*')];
  return years.map((y) => yearCounterName(table, y));
}

/** Moves the counter of each table written by the open transaction (call before its COMMIT). */
export function bumpVersions(raw: BetterSqlite3.Database, tables: readonly string[]): void {
  if (tables.length === 0) return;
  let stmt = bumps.get(raw);
  if (stmt === undefined) {
    const exists = raw.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'table_versions'").get();
    stmt = exists
      ? raw.prepare('INSERT INTO table_versions (name, version) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET version = version + 1')
      : null;
    bumps.set(raw, stmt);
  }
  if (!stmt) return;
  for (const t of tables) if (!UNCOUNTED_TABLES.includes(t)) stmt.run(t);
}

/** When and how the values are written (the backend passes its gate; tests may pass nothing). */
export interface StoredReadsOptions {
  /** Runs `fn` only when no call is in flight; false when it did not run (backups/gate.ts runIfIdle). */
  whenIdle?: (fn: () => Promise<void>) => Promise<boolean>;
  /** True while another connection holds the file for a long write (db/write-gate.ts). */
  busy?: () => boolean;
  /** Quiet time after the last `put` before writing (ms). */
  delayMs?: number;
}

interface Pending {
  name: string;
  args: string;
  key: string;
  tables: readonly string[];
  value: unknown;
  /** How the value is written as JSON text (JSON.stringify unless the caller keeps its own form). */
  encode: (value: unknown) => string;
  /** `putLatest`: the value made at the write, under the counters read at the write. */
  make?: () => unknown;
}

const OPEN = new WeakMap<BetterSqlite3.Database, StoredReads>();

/** Writes what the connection's store still holds (called right before the connection closes). */
export function flushStoredReads(raw: BetterSqlite3.Database): void {
  OPEN.get(raw)?.flush();
}

export class StoredReads {
  readonly #raw: BetterSqlite3.Database;
  readonly #code: string;
  readonly #options: StoredReadsOptions;
  readonly #pending = new Map<string, Pending>();
  #timer: ReturnType<typeof setTimeout> | null = null;
  readonly #versions: BetterSqlite3.Statement;
  readonly #get: BetterSqlite3.Statement;
  readonly #put: BetterSqlite3.Statement;
  readonly #args: BetterSqlite3.Statement;
  readonly #prune: BetterSqlite3.Statement;
  /** Values stored and served since the file was opened (tests and the bench read them). */
  readonly stats = { stored: 0, served: 0, skipped: 0 };

  constructor(raw: BetterSqlite3.Database, code: string, options: StoredReadsOptions = {}) {
    this.#raw = raw;
    this.#code = code;
    this.#options = options;
    OPEN.set(raw, this);
    this.#versions = raw.prepare('SELECT name, version FROM table_versions WHERE name IN (SELECT value FROM json_each(?))');
    // Only a value stored under the same counters and build is read (a stale board is 5 MB of text).
    this.#get = raw.prepare('SELECT value FROM stored_reads WHERE name = ? AND args = ? AND code = ? AND tables_key = ?');
    this.#args = raw.prepare('SELECT args FROM stored_reads WHERE name = ? AND code = ? AND tables_key = ?').pluck();
    this.#put = raw.prepare(
      `INSERT INTO stored_reads (name, args, code, tables_key, value, used_at)
       VALUES (?, ?, ?, ?, ?, (SELECT coalesce(max(used_at), 0) + 1 FROM stored_reads))
       ON CONFLICT (name, args) DO UPDATE SET code = excluded.code, tables_key = excluded.tables_key,
         value = excluded.value, used_at = excluded.used_at`,
    );
    // The most recently stored first: beyond LIMIT values or LIMIT_BYTES of JSON, the rest go.
    this.#prune = raw.prepare(
      `DELETE FROM stored_reads WHERE id IN (
         SELECT id FROM (SELECT id, row_number() OVER w AS n, sum(length(value)) OVER w AS bytes FROM stored_reads
                         WINDOW w AS (ORDER BY used_at DESC ROWS UNBOUNDED PRECEDING))
         WHERE n > ${LIMIT} OR bytes > ${LIMIT_BYTES})`,
    );
  }

  /** The committed counters of `tables`, as one string (take it before computing). */
  key(tables: readonly string[]): string {
    const rows = this.#versions.all(JSON.stringify(tables)) as { name: string; version: number }[];
    const of = new Map(rows.map((r) => [r.name, r.version]));
    return tables.map((t) => of.get(t) ?? 0).join('.');
  }

  /**
   * For each of `years`, one string that changes whenever a commit touches a row of `table` placed in
   * that year (before or after the change) or touches the table without saying its years: the file's
   * counterpart of generations.yearKey (services/period-slices.ts keeps year slices in the file under it).
   */
  yearKeys(table: string, years: readonly string[]): string[] {
    const any = yearCounterName(table, '*');
    const names = [any, ...years.map((y) => yearCounterName(table, y))];
    const rows = this.#versions.all(JSON.stringify(names)) as { name: string; version: number }[];
    const of = new Map(rows.map((r) => [r.name, r.version]));
    const anyVersion = of.get(any) ?? 0;
    return years.map((y) => `${anyVersion}.${of.get(yearCounterName(table, y)) ?? 0}`);
  }

  /** The arguments of the values stored for `name` under `key` by this build. */
  argsOf(name: string, key: string): string[] {
    return this.#args.all(name, this.#code, key) as string[];
  }

  /** The value stored for `name` and `args` under `key` by this build, or undefined. */
  get<T>(name: string, args: string, key: string): T | undefined {
    const text = this.getText(name, args, key);
    return text === undefined ? undefined : (JSON.parse(text) as T);
  }

  /** The JSON text stored for `name` and `args` under `key` by this build (a caller that parses it itself). */
  getText(name: string, args: string, key: string): string | undefined {
    const row = this.#get.get(name, args, this.#code, key) as { value: string } | undefined;
    if (!row) return undefined;
    this.stats.served++;
    return row.value;
  }

  /**
   * Notes `value` (plain JSON data) for `name` and `args`, computed from `tables` under `key`: written
   * when the backend is next idle (see above), or when the file closes. `encode` gives the JSON text
   * (JSON.stringify by default; the board writes one row per line, read back in slices).
   */
  put(name: string, args: string, key: string, value: unknown, tables: readonly string[], encode?: (value: unknown) => string): void {
    this.#pending.set(`${name}\u0000${args}`, { name, args, key, tables, value, encode: encode ?? ((v) => JSON.stringify(v)) });
    if (this.#timer) clearTimeout(this.#timer);
    this.#schedule(this.#options.delayMs ?? 1000);
  }

  /**
   * Notes a value made only when it is written (`make()`, then stored under the counters of `tables`
   * read right before it, in the same synchronous turn: a commit on this connection cannot land
   * between the two). `make` returns undefined when there is nothing to keep. Noting it again (after
   * each commit, say) costs nothing until the write, when the backend is idle or the file closes.
   */
  putLatest(name: string, args: string, tables: readonly string[], make: () => unknown): void {
    this.#pending.set(`${name}\u0000${args}`, { name, args, key: '', tables, value: undefined, make, encode: (v) => JSON.stringify(v) });
    if (this.#timer) clearTimeout(this.#timer);
    this.#schedule(this.#options.delayMs ?? 1000);
  }

  /** Writes every pending value now (the file is closing); what cannot be written is dropped. */
  flush(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    for (const p of [...this.#pending.values()]) this.#write(p);
    this.#pending.clear();
  }

  #schedule(ms: number): void {
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#turn();
    }, ms);
    this.#timer.unref?.();
  }

  async #turn(): Promise<void> {
    const writeOne = () => {
      const next = this.#pending.values().next();
      if (next.done) return;
      if (this.#raw.inTransaction || this.#options.busy?.()) return;
      const id = `${next.value.name}\u0000${next.value.args}`;
      this.#pending.delete(id);
      // Another connection holds the file (the keys' backfill, say): tried again on a later turn,
      // unless a newer value was noted meanwhile.
      if (this.#write(next.value) === 'busy' && !this.#pending.has(id)) this.#pending.set(id, next.value);
    };
    try {
      if (this.#options.whenIdle) await this.#options.whenIdle(() => Promise.resolve(writeOne()));
      else writeOne();
    } catch {
      this.stats.skipped++;
    }
    if (this.#pending.size > 0 && !this.#timer && this.#raw.open) this.#schedule(50);
  }

  #write(p: Pending): 'done' | 'busy' {
    const raw = this.#raw;
    if (!raw.open || raw.inTransaction) {
      this.stats.skipped++;
      return 'done';
    }
    let key = p.key;
    let value = p.value;
    if (p.make) {
      key = this.key(p.tables);
      try {
        value = p.make();
      } catch {
        value = undefined;
      }
      if (value === undefined) {
        this.stats.skipped++;
        return 'done';
      }
    } else if (this.key(p.tables) !== p.key) {
      this.stats.skipped++;
      return 'done';
    }
    const wait = raw.pragma('busy_timeout', { simple: true }) as number;
    raw.pragma('busy_timeout = 0');
    try {
      raw.exec('BEGIN IMMEDIATE');
    } catch {
      this.stats.skipped++;
      return 'busy';
    } finally {
      raw.pragma(`busy_timeout = ${wait}`);
    }
    try {
      this.#put.run(p.name, p.args, this.#code, key, p.encode(value));
      this.#prune.run();
      raw.exec('COMMIT');
      this.stats.stored++;
    } catch {
      // A value that could not be kept (a full disk, say) is computed again next time; the read
      // that computed it has its answer already.
      if (raw.inTransaction) raw.exec('ROLLBACK');
      this.stats.skipped++;
    }
    return 'done';
  }
}
