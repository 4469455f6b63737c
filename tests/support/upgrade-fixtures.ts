/**
 * The upgrade fixtures (issue 15 item 6): for each released schema version N, `vNN.db.gz` is a
 * database migrated by the app's own runner up to N and then given rows in every table
 * (upgrade-fill.ts), and `vNN.json.gz` is what was written: per table its columns and rows (in rowid
 * order) and the file's SHA-256. The upgrade test opens each file in the current app and compares.
 *
 * Made by `node scripts/make-upgrade-fixtures.mjs` (which bundles this module). A fixture of a
 * released version is frozen like its migration: the script only adds the missing ones, unless
 * --force.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type BetterSqlite3 from 'better-sqlite3';
import { openDatabase } from '../../electron/backend/db/open';
import { migrate } from '../../electron/backend/db/migrator';
import { MIGRATIONS } from '../../electron/backend/db/migrations';
import { fillEveryTable, type Cell } from './upgrade-fill';

/** A blob in the JSON manifest. */
export interface BlobCell {
  blob: string;
}
export type ManifestCell = string | number | null | BlobCell;

export interface TableDump {
  columns: string[];
  /** The primary-key columns (rows are compared by them: a rebuilt table may renumber rowids). */
  key: string[];
  rows: ManifestCell[][];
}

export interface FixtureManifest {
  version: number;
  sha256: string;
  /** The page size the fixture was compacted to (see docs/decisions.md (h15-proofs)). */
  pageSize: number;
  tables: Record<string, TableDump>;
}

export const FIXTURE_PAGE_SIZE = 1024;

export const fixtureName = (version: number) => `v${String(version).padStart(2, '0')}`;

export function toManifestCell(v: unknown): ManifestCell {
  if (Buffer.isBuffer(v)) return { blob: v.toString('hex') };
  if (typeof v === 'bigint') return Number(v);
  return v as Cell as ManifestCell;
}

export function sha256File(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** Every user table of `raw`, rows in rowid order, cells JSON-safe. */
export function dumpTables(raw: BetterSqlite3.Database): Record<string, TableDump> {
  const names = (
    raw.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as {
      name: string;
    }[]
  ).map((r) => r.name);
  const out: Record<string, TableDump> = {};
  for (const name of names) {
    const info = raw.pragma(`table_info("${name}")`) as { name: string; pk: number }[];
    const columns = info.map((c) => c.name);
    const key = info
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name);
    const rows = (raw.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).raw().all() as unknown[][]).map((r) => r.map(toManifestCell));
    out[name] = { columns, key, rows };
  }
  return out;
}

/** Makes `vNN.db.gz` and `vNN.json.gz` in `dir` for schema version `version` (gzip: the files are ~10x smaller). */
export async function makeFixture(version: number, dir: string): Promise<FixtureManifest> {
  if (version < 1 || version > MIGRATIONS.length) throw new Error(`no migration ${version}`);
  const work = fs.mkdtempSync(path.join(dir, '.make-'));
  const file = path.join(work, 'antq.db');
  const opened = openDatabase(file, version);
  try {
    // A new file: the runner copies nothing (no backup folder is made).
    await migrate(opened.raw, opened.db, MIGRATIONS.slice(0, version), { backupDir: path.join(work, 'unused'), now: () => new Date(0) });
    fillEveryTable(opened.raw);
    // Compact: out of WAL (a page size change needs it), small pages, back to WAL as the app leaves it.
    opened.raw.pragma('journal_mode = DELETE');
    opened.raw.pragma(`page_size = ${FIXTURE_PAGE_SIZE}`);
    opened.raw.exec('VACUUM');
    opened.raw.pragma('journal_mode = WAL');
    const tables = dumpTables(opened.raw);
    opened.raw.close();
    const manifest: FixtureManifest = { version, sha256: sha256File(file), pageSize: FIXTURE_PAGE_SIZE, tables };
    const name = fixtureName(version);
    fs.writeFileSync(path.join(dir, `${name}.db.gz`), zlib.gzipSync(fs.readFileSync(file), { level: 9 }));
    fs.writeFileSync(path.join(dir, `${name}.json.gz`), zlib.gzipSync(`${JSON.stringify(manifest)}\n`, { level: 9 }));
    return manifest;
  } finally {
    if (opened.raw.open) opened.raw.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Reads a fixture: its manifest, and its database written to `dbFile`. */
export function readFixture(dir: string, version: number, dbFile: string): FixtureManifest {
  const name = fixtureName(version);
  fs.writeFileSync(dbFile, zlib.gunzipSync(fs.readFileSync(path.join(dir, `${name}.db.gz`))));
  return JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(dir, `${name}.json.gz`))).toString('utf8')) as FixtureManifest;
}

/** The script's entry: `[--force] [--out DIR] [versions...]`. */
export async function main(argv: readonly string[]): Promise<void> {
  const force = argv.includes('--force');
  const outAt = argv.indexOf('--out');
  const dir = outAt >= 0 ? path.resolve(argv[outAt + 1]!) : path.resolve('tests', 'fixtures', 'upgrade');
  const asked = argv.filter((a, i) => /^\d+$/.test(a) && argv[i - 1] !== '--out').map(Number);
  const versions = asked.length > 0 ? asked : MIGRATIONS.map((m) => m.version);
  fs.mkdirSync(dir, { recursive: true });
  let total = 0;
  for (const v of versions) {
    const db = path.join(dir, `${fixtureName(v)}.db.gz`);
    if (!force && fs.existsSync(db) && fs.existsSync(path.join(dir, `${fixtureName(v)}.json.gz`))) {
      console.log(`${fixtureName(v)}: kept (frozen; --force to remake)`);
      total += fs.statSync(db).size + fs.statSync(path.join(dir, `${fixtureName(v)}.json.gz`)).size;
      continue;
    }
    const m = await makeFixture(v, dir);
    const rows = Object.values(m.tables).reduce((n, t) => n + t.rows.length, 0);
    const size = fs.statSync(db).size + fs.statSync(path.join(dir, `${fixtureName(v)}.json.gz`)).size;
    total += size;
    console.log(`${fixtureName(v)}: ${Object.keys(m.tables).length} tables, ${rows} rows, ${size} bytes (gzip, file and manifest)`);
  }
  console.log(`total ${total} bytes in ${dir}`);
}
