/**
 * The database fingerprint (tests/support/db-state.ts): equal for an untouched database, different
 * for any change a refusal must not make — a row added or removed, one column changed, a value of
 * another type with the same text, a BLOB — and blind only to the tables it is told to exclude.
 */
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dbState, dbStateOf, diffDbState } from '../../support/db-state';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';

const tmp = useTempDir('antq-db-state-');

describe('db-state on a plain database', () => {
  let db: BetterSqlite3.Database;
  beforeEach(() => {
    db = new BetterSqlite3(path.join(tmp.path(), 'x.db'));
    db.exec(`CREATE TABLE a (id TEXT PRIMARY KEY, v ANY, b BLOB) STRICT;
             CREATE TABLE k (x INTEGER, y TEXT);
             CREATE TABLE w (p TEXT, q TEXT, v TEXT, PRIMARY KEY (p, q)) WITHOUT ROWID;
             INSERT INTO a VALUES ('1', 1, NULL), ('2', 'x', x'00ff');
             INSERT INTO k VALUES (1, 'a'), (2, 'b');
             INSERT INTO w VALUES ('a', 'b', 'c');`);
  });
  afterEach(() => db.close());

  it('is stable and independent of insertion order', () => {
    const s1 = dbStateOf(db);
    expect(dbStateOf(db)).toEqual(s1);
    expect(s1.tables['a']?.rows).toBe(2);
    db.exec("DELETE FROM a; INSERT INTO a VALUES ('2', 'x', x'00ff'), ('1', 1, NULL);");
    expect(diffDbState(s1, dbStateOf(db))).toEqual([]);
  });

  it.each([
    ['insert', "INSERT INTO a VALUES ('3', NULL, NULL)", 'a'],
    ['delete', "DELETE FROM a WHERE id = '1'", 'a'],
    ['type of a value', "UPDATE a SET v = '1' WHERE id = '1'", 'a'],
    ['null to empty text', "UPDATE a SET v = '' WHERE id = '1'", 'a'],
    ['one byte of a blob', "UPDATE a SET b = x'00fe' WHERE id = '2'", 'a'],
    ['a table without a key', "UPDATE k SET y = 'c' WHERE x = 2", 'k'],
    ['a WITHOUT ROWID table', "UPDATE w SET v = 'd'", 'w'],
    ['a new table', 'CREATE TABLE z (id INTEGER)', 'z'],
    ['user_version', 'PRAGMA user_version = 7', 'user_version'],
  ])('sees a change: %s', (_what, statement, table) => {
    const before = dbStateOf(db);
    db.exec(statement);
    expect(diffDbState(before, dbStateOf(db))).toEqual([table]);
  });

  it('leaves out exactly the excluded tables', () => {
    const before = dbStateOf(db, { exclude: ['k'] });
    db.exec("INSERT INTO k VALUES (3, 'c')");
    expect(diffDbState(before, dbStateOf(db, { exclude: ['k'] }))).toEqual([]);
    db.exec("INSERT INTO w VALUES ('x', 'y', 'z')");
    expect(diffDbState(before, dbStateOf(db, { exclude: ['k'] }))).toEqual(['w']);
  });
});

describe('db-state of a running backend', () => {
  let t: TestBackend;
  beforeEach(async () => {
    t = await startBackend(tmp.path());
  });
  afterEach(() => t.close());

  it('reads committed WAL content through a read-only connection', async () => {
    const before = dbState(t.backend.databasePath);
    expect(Object.keys(before.tables)).toContain('handoff_received');
    expect(before.userVersion).toBeGreaterThanOrEqual(13);
    await t.call('office.setup', {
      level: 'huyen',
      era: 'truoc_2025',
      provinceCode: '37',
      districtCode: '373',
      communeCode: null,
      name: 'Công an huyện Gia Viễn',
      code: '373',
      importChildren: false,
    });
    const changed = diffDbState(before, dbState(t.backend.databasePath));
    expect(changed).toContain('units');
  });
});
