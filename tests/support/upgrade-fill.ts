/**
 * Deterministic rows for every table of a database at any schema version (issue 15 item 6). The
 * fixtures of tests/fixtures/upgrade/ are made with it (scripts/make-upgrade-fixtures.mjs), so an
 * old file holds data in each table that existed at its version, not only the ones a feature test
 * happens to fill.
 *
 * The rows are found, not hand-written per version: for each table (parents before children, by
 * its foreign keys) a first guess is built from the column's type and name (dates for *_on/*_from,
 * timestamps for *_at, years for `year`, the parent's key for a foreign key, Vietnamese text with
 * diacritics for text), then inserted under a savepoint. When SQLite refuses it, its message names
 * the constraint (the CHECK expression, the UNIQUE or NOT NULL columns), and only the columns that
 * constraint mentions are changed, trying the string and number literals of the table's own SQL
 * (the values its CHECKs allow), NULL, and a few type-shaped values. A change is kept when the row
 * goes in, or when it moves the refusal to another constraint not seen before (progress); the
 * search is bounded and fails loudly naming the table. Everything depends only on the schema and
 * the row's index, so the same version always gets the same rows.
 */
import type BetterSqlite3 from 'better-sqlite3';

export type Cell = string | number | null | Buffer;

interface Column {
  name: string;
  type: string;
  notNull: boolean;
  pk: boolean;
  hasDefault: boolean;
}

interface ForeignKey {
  from: string;
  table: string;
  to: string | null;
}

interface TableShape {
  name: string;
  sql: string;
  columns: Column[];
  foreignKeys: ForeignKey[];
}

/** Rows attempted per table; singleton tables (a CHECK that allows one row) keep fewer. */
export const ROWS_PER_TABLE = 3;
const MAX_STEPS = 80;

function shapes(raw: BetterSqlite3.Database): TableShape[] {
  const tables = raw
    .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string; sql: string }[];
  return tables.map((t) => ({
    name: t.name,
    sql: t.sql,
    columns: (
      raw.pragma(`table_info("${t.name}")`) as { name: string; type: string; notnull: number; pk: number; dflt_value: unknown }[]
    ).map((c) => ({ name: c.name, type: c.type.toUpperCase(), notNull: c.notnull === 1, pk: c.pk > 0, hasDefault: c.dflt_value !== null })),
    foreignKeys: (raw.pragma(`foreign_key_list("${t.name}")`) as { from: string; table: string; to: string | null }[]).map((k) => ({
      from: k.from,
      table: k.table,
      to: k.to,
    })),
  }));
}

/** Parents before children (a table's own key to itself does not count). */
export function orderByForeignKeys<T extends { name: string; foreignKeys: { table: string }[] }>(tables: T[]): T[] {
  const done = new Set<string>();
  const out: T[] = [];
  let left = [...tables];
  while (left.length > 0) {
    const ready = left.filter((t) =>
      t.foreignKeys.every((k) => k.table === t.name || done.has(k.table) || !left.some((l) => l.name === k.table)),
    );
    if (ready.length === 0) throw new Error(`foreign keys form a cycle among ${left.map((t) => t.name).join(', ')}`);
    for (const t of ready) {
      out.push(t);
      done.add(t.name);
    }
    left = left.filter((t) => !done.has(t.name));
  }
  return out;
}

function literalsOf(sql: string): { strings: string[]; numbers: number[] } {
  const strings = [...sql.matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1]!.replace(/''/g, "'"));
  const numbers = [...sql.replace(/'(?:[^']|'')*'/g, '').matchAll(/(?<![\w.])(-?\d+(?:\.\d+)?)(?![\w.])/g)].map((m) => Number(m[1]));
  return { strings: [...new Set(strings)], numbers: [...new Set(numbers)] };
}

const pad = (n: number) => String(n).padStart(2, '0');

function isTimestamp(name: string): boolean {
  return name === 'at' || name.endsWith('_at');
}

function isDate(name: string): boolean {
  return /(^|_)(on|date|from|to)$/.test(name) || name === 'date';
}

/** Earlier dates for starts, later for ends, so "end >= start" holds at the first guess. */
function dateFor(name: string, i: number): string {
  const late = /(to|end|ended|retired|resolved|closed|unfrozen)/.test(name);
  return late ? `2025-${pad(6 + i)}-${pad(20 + i)}` : `2024-${pad(1 + i)}-${pad(10 + i)}`;
}

function firstGuess(table: string, c: Column, i: number): Cell {
  if (c.type === 'INTEGER') {
    if (c.name === 'year' || c.name.endsWith('_year')) return 2023 + i;
    return i + 1;
  }
  if (c.type === 'REAL') return 1.5 + i;
  if (c.type === 'BLOB') return Buffer.from(`Nội dung ${table}.${c.name} số ${i + 1}`, 'utf8');
  if (isTimestamp(c.name)) return `2025-0${1 + i}-0${2 + i}T03:0${i}:00.000Z`;
  if (isDate(c.name)) return dateFor(c.name, i);
  if (c.name.endsWith('_json') || c.name === 'data' || c.name === 'body' || c.name === 'inputs') return `{"hàng":${i}}`;
  if (c.name === 'id' || c.name.endsWith('_id')) return `${table}-${c.name}-${i}`;
  return `Giá trị ${table}.${c.name} số ${i + 1} (Hà Nội, Đắk Lắk)`;
}

function candidatesFor(shape: TableShape, c: Column, i: number, parents: Map<string, Cell[]>, preferred: string[]): Cell[] {
  const lit = literalsOf(shape.sql);
  const out: Cell[] = [];
  const fk = shape.foreignKeys.find((k) => k.from === c.name);
  if (fk) {
    const keys = parents.get(`${fk.table}.${fk.to ?? ''}`) ?? [];
    for (let k = 0; k < keys.length; k++) out.push(keys[(i + k) % keys.length]!);
  }
  if (c.type === 'BLOB') {
    out.push(firstGuess(shape.name, c, i));
  } else if (c.type === 'INTEGER' || c.type === 'REAL') {
    out.push(firstGuess(shape.name, c, i), 0, 1, 2, i + 1, 2020 + i, 2025, ...lit.numbers);
  } else {
    out.push(...preferred, ...lit.strings.filter((s) => !preferred.includes(s)));
    out.push(firstGuess(shape.name, c, i), dateFor(c.name, i), `2025-0${1 + i}-0${2 + i}T03:00:00.000Z`, '{}', '[]', `mã-${c.name}-${i}`);
  }
  if (!c.notNull) out.push(null);
  return [...new Set(out)];
}

/** A string matching a GLOB pattern of character classes and plain characters ('[0-1][0-9]-[0-3][0-9]' → '11-11'). */
function globSample(pattern: string): string {
  return pattern.replace(/\[(.)-(.)\]/g, (_m, lo: string, hi: string) =>
    String.fromCharCode(Math.min(lo.charCodeAt(0) + 1, hi.charCodeAt(0))),
  );
}

/** The columns a refusal names, or null when SQLite's message does not name any we know. */
function columnsNamed(message: string, shape: TableShape): { key: string; columns: string[]; preferred: string[] } {
  const all = shape.columns.map((c) => c.name);
  const m = /^(CHECK|UNIQUE|NOT NULL) constraint failed: (.*)$/s.exec(message);
  if (m) {
    const body = m[2]!;
    const words = new Set(body.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []);
    const dotted = [...body.matchAll(/\.([A-Za-z_][A-Za-z0-9_]*)/g)].map((x) => x[1]!);
    const columns = all.filter((c) => words.has(c) || dotted.includes(c));
    // A GLOB pattern is a literal no value equals: a sample that matches it is tried first.
    const globs = [...body.matchAll(/GLOB '([^']*)'/g)].map((g) => globSample(g[1]!));
    // A fixed length (a SHA-256 in hex): a string of that length.
    const lengths = [...body.matchAll(/length\(\w+\)\s*=\s*(\d+)/g)].map((l) => '0123456789abcdef'.repeat(8).slice(0, Number(l[1])));
    return { key: message, columns, preferred: [...globs, ...lengths, ...literalsOf(body).strings] };
  }
  if (/FOREIGN KEY constraint failed/.test(message)) return { key: message, columns: shape.foreignKeys.map((k) => k.from), preferred: [] };
  const strict = /cannot store \w+ value in \w+ column [^.]+\.(\w+)/.exec(message);
  if (strict) return { key: message, columns: [strict[1]!], preferred: [] };
  return { key: message, columns: [], preferred: [] };
}

/** Inserts `row` under a savepoint; a probe (keep false) always rolls back. Returns SQLite's refusal or null. */
function tryInsert(raw: BetterSqlite3.Database, shape: TableShape, row: Record<string, Cell>, keep = false): string | null {
  const cols = Object.keys(row);
  const sql = `INSERT INTO "${shape.name}" (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`;
  raw.exec('SAVEPOINT fill');
  try {
    raw.prepare(sql).run(...cols.map((c) => row[c]));
    if (!keep) raw.exec('ROLLBACK TO fill');
    raw.exec('RELEASE fill');
    return null;
  } catch (err) {
    raw.exec('ROLLBACK TO fill');
    raw.exec('RELEASE fill');
    return (err as Error).message;
  }
}

/** One row of `shape`, found as the module header says; null when the table takes no more rows. */
function findRow(raw: BetterSqlite3.Database, shape: TableShape, i: number, parents: Map<string, Cell[]>): Record<string, Cell> | null {
  const row: Record<string, Cell> = {};
  for (const c of shape.columns) {
    const fk = shape.foreignKeys.find((k) => k.from === c.name);
    const keys = fk ? (parents.get(`${fk.table}.${fk.to ?? ''}`) ?? []) : [];
    // A key to its own table: the first row has no parent, later rows point at the first.
    if (fk) row[c.name] = keys.length > 0 ? keys[i % keys.length]! : null;
    // The second row leaves its optional columns empty where the table allows it, so NULLs are carried too.
    else row[c.name] = i === 1 && !c.notNull ? null : firstGuess(shape.name, c, i);
  }
  const seen = new Set<string>();
  for (let step = 0; step < MAX_STEPS; step++) {
    const refusal = tryInsert(raw, shape, row);
    if (refusal === null) return row;
    seen.add(refusal);
    const named = columnsNamed(refusal, shape);
    const change = improve(raw, shape, row, named, i, parents, seen);
    if (!change) return null;
    Object.assign(row, change);
  }
  return null;
}

/** A change of one column, then of every nullable named column to NULL, then of two columns. */
function improve(
  raw: BetterSqlite3.Database,
  shape: TableShape,
  row: Record<string, Cell>,
  named: { key: string; columns: string[]; preferred: string[] },
  i: number,
  parents: Map<string, Cell[]>,
  seen: Set<string>,
): Record<string, Cell> | null {
  const cols = shape.columns.filter((c) => named.columns.includes(c.name));
  const cands = new Map(cols.map((c) => [c.name, candidatesFor(shape, c, i, parents, named.preferred)]));
  const attempts: Record<string, Cell>[] = [];
  for (const c of cols) for (const v of cands.get(c.name)!) if (v !== row[c.name]) attempts.push({ [c.name]: v });
  const nullable = cols.filter((c) => !c.notNull);
  if (nullable.length > 1) attempts.push(Object.fromEntries(nullable.map((c) => [c.name, null])));
  for (let a = 0; a < cols.length; a++) {
    for (let b = a + 1; b < cols.length; b++) {
      for (const va of cands.get(cols[a]!.name)!)
        for (const vb of cands.get(cols[b]!.name)!) attempts.push({ [cols[a]!.name]: va, [cols[b]!.name]: vb });
    }
  }
  let progress: Record<string, Cell> | null = null;
  for (const change of attempts.slice(0, 40_000)) {
    const refusal = tryInsert(raw, shape, { ...row, ...change });
    if (refusal === null) return change;
    if (progress === null && !seen.has(refusal) && refusal !== named.key) progress = change;
  }
  return progress;
}

/** The key values other tables may point at: every column some foreign key names, plus rowid-less PKs. */
function keysOf(raw: BetterSqlite3.Database, shape: TableShape, wanted: Set<string>, parents: Map<string, Cell[]>): void {
  for (const w of wanted) {
    const [table, to] = w.split('.') as [string, string];
    if (table !== shape.name) continue;
    const col = to !== '' ? to : (shape.columns.find((c) => c.pk)?.name ?? 'rowid');
    parents.set(
      w,
      (raw.prepare(`SELECT "${col}" AS k FROM "${shape.name}" ORDER BY rowid`).all() as { k: Cell }[]).map((r) => r.k),
    );
  }
}

/**
 * Adds up to ROWS_PER_TABLE rows to every table, in one transaction. Returns the rows added per
 * table; throws naming the first table that took none.
 */
export function fillEveryTable(raw: BetterSqlite3.Database): Record<string, number> {
  const ordered = orderByForeignKeys(shapes(raw));
  const wanted = new Set(ordered.flatMap((t) => t.foreignKeys.map((k) => `${k.table}.${k.to ?? ''}`)));
  const parents = new Map<string, Cell[]>();
  const added: Record<string, number> = {};
  raw.exec('BEGIN IMMEDIATE');
  try {
    for (const shape of ordered) {
      let n = 0;
      for (let i = 0; i < ROWS_PER_TABLE; i++) {
        // Keys to its own table are refreshed after each row so the next row can point at it.
        keysOf(raw, shape, wanted, parents);
        const row = findRow(raw, shape, i, parents);
        if (row === null) continue;
        const refusal = tryInsert(raw, shape, row, true);
        if (refusal !== null) throw new Error(`${shape.name}: the row found could not be inserted again (${refusal})`);
        n++;
      }
      const count = (raw.prepare(`SELECT count(*) AS n FROM "${shape.name}"`).get() as { n: number }).n;
      if (count === 0) throw new Error(`${shape.name}: no row could be made for this table`);
      added[shape.name] = n;
      keysOf(raw, shape, wanted, parents);
    }
    raw.exec('COMMIT');
  } catch (err) {
    if (raw.inTransaction) raw.exec('ROLLBACK');
    throw err;
  }
  return added;
}
