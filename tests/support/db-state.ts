/**
 * A fingerprint of a whole database: for every table its row count and a SHA-256 over all its
 * columns, rows ordered by primary key (rowid for a table without one), plus user_version. Two equal
 * fingerprints mean "the database is unchanged"; `diffDbState` names the tables that differ.
 *
 * Read through a separate read-only connection (as someone inspecting the file would), so it sees
 * exactly what has been committed, WAL included. Values are encoded with their SQLite type so that
 * 1 and '1', NULL and '', a BLOB and its hex text all hash differently.
 */
import crypto from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import { DERIVED_TABLES } from './sqlite';

export interface TableState {
  rows: number;
  checksum: string;
}

export interface DbState {
  userVersion: number;
  tables: Record<string, TableState>;
}

export interface DbStateOptions {
  /** Tables left out (a refusal log the test checks on its own). */
  exclude?: readonly string[];
}

interface ColumnInfo {
  name: string;
  pk: number;
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function encodeValue(v: unknown): string {
  if (v === null || v === undefined) return 'n';
  if (typeof v === 'bigint') return `i${v.toString()}`;
  if (typeof v === 'number') return Number.isInteger(v) ? `i${v}` : `r${v.toString()}`;
  if (typeof v === 'string') return `t${v.length}:${v}`;
  if (Buffer.isBuffer(v)) return `b${v.length}:${v.toString('hex')}`;
  throw new Error(`db-state: unexpected value type ${typeof v}`);
}

function userTables(db: BetterSqlite3.Database): string[] {
  const rows = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as {
    name: string;
  }[];
  return rows.map((r) => r.name);
}

function hasRowid(db: BetterSqlite3.Database, table: string): boolean {
  try {
    db.prepare(`SELECT rowid FROM ${quoteIdent(table)} LIMIT 0`).all();
    return true;
  } catch {
    return false;
  }
}

/** The ORDER BY of a table: its primary key, else rowid; then every column, so the order is total. */
function orderOf(db: BetterSqlite3.Database, table: string, columns: ColumnInfo[]): string {
  const key = columns
    .filter((c) => c.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((c) => quoteIdent(c.name));
  if (key.length === 0 && hasRowid(db, table)) key.push('rowid');
  const all = columns.map((c) => quoteIdent(c.name));
  return [...key, ...all].join(', ');
}

export function tableState(db: BetterSqlite3.Database, table: string): TableState {
  const columns = db.prepare(`PRAGMA table_info(${quoteIdent(table)})`).all() as ColumnInfo[];
  const hash = crypto.createHash('sha256');
  hash.update(`${table}(${columns.map((c) => c.name).join(',')})\n`);
  const stmt = db.prepare(`SELECT * FROM ${quoteIdent(table)} ORDER BY ${orderOf(db, table, columns)}`).raw(true);
  stmt.safeIntegers(true);
  let rows = 0;
  for (const row of stmt.iterate() as Iterable<unknown[]>) {
    rows++;
    hash.update(row.map(encodeValue).join('|'));
    hash.update('\n');
  }
  return { rows, checksum: hash.digest('hex') };
}

/** The fingerprint of an open connection (any connection: the test's own or a read-only one). */
export function dbStateOf(db: BetterSqlite3.Database, options: DbStateOptions = {}): DbState {
  const exclude = new Set([...(options.exclude ?? []), ...DERIVED_TABLES]);
  const tables: Record<string, TableState> = {};
  for (const name of userTables(db)) {
    if (!exclude.has(name)) tables[name] = tableState(db, name);
  }
  return { userVersion: Number(db.pragma('user_version', { simple: true })), tables };
}

/** The fingerprint of a database file, read through a separate read-only connection. */
export function dbState(file: string, options: DbStateOptions = {}): DbState {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    return dbStateOf(db, options);
  } finally {
    db.close();
  }
}

/** The tables whose count or checksum differ (or exist on one side only); 'user_version' too. */
export function diffDbState(before: DbState, after: DbState): string[] {
  const out: string[] = [];
  if (before.userVersion !== after.userVersion) out.push('user_version');
  const names = new Set([...Object.keys(before.tables), ...Object.keys(after.tables)]);
  for (const name of [...names].sort()) {
    const a = before.tables[name];
    const b = after.tables[name];
    if (!a || !b || a.rows !== b.rows || a.checksum !== b.checksum) out.push(name);
  }
  return out;
}
