/**
 * Migration 0016_handoff_unknowns on a database at the version before it, holding data: the rebuilt tables keep
 * every row, their CHECKs, indexes and the foreign keys pointing at them; the NOT NULL personal
 * columns take NULL; handoff_received takes 'replay' and a NULL hash for a file never read; foreign
 * keys are on again afterwards, and a dangling reference found during the step fails it.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../../electron/backend/db/open';
import { migrate } from '../../../electron/backend/db/migrator';
import { MIGRATIONS } from '../../../electron/backend/db/migrations';
import { useTempDir } from '../../support/temp-dir';

const tmp = useTempDir('antq-m0016-');
const NOW = new Date('2026-11-22T03:00:00.000Z');
const options = () => ({ backupDir: path.join(tmp.path(), 'sao-luu'), now: () => NOW });
const opened: OpenedDatabase[] = [];
afterEach(() => {
  for (const o of opened.splice(0)) if (o.raw.open) o.raw.close();
});

const T = '2026-01-01T00:00:00.000Z';
const UNIT = '0b9f8c1e-5d2a-4c3b-9a1e-2f3d4c5b6a71';
const ORG = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
const MEMBER = '2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a';
const KIND = '9068e308-4a4e-4512-9e34-06939b518384';

/** The version just before 0016_handoff_unknowns. */
const BEFORE = MIGRATIONS.findIndex((m) => m.name === '0016_handoff_unknowns');

async function atVersionBefore(): Promise<OpenedDatabase> {
  const o = openDatabase(path.join(tmp.path(), 'antq.db'), MIGRATIONS.length);
  opened.push(o);
  await migrate(o.raw, o.db, MIGRATIONS.slice(0, BEFORE), options());
  const run = (s: string, ...args: unknown[]) => o.raw.prepare(s).run(...args);
  run(
    `INSERT INTO units (id, parent_id, level, kind, name, name_folded, source, created_at, updated_at) VALUES (?, NULL, 'xa', 'xa', 'Xã A', 'xa a', 'manual', ?, ?)`,
    UNIT,
    T,
    T,
  );
  run(
    `INSERT INTO mass_orgs (id, kind_id, unit_id, name, name_folded, valid_from, created_at, updated_at) VALUES (?, ?, ?, 'Tổ 1', 'to 1', '2025-01-01', ?, ?)`,
    ORG,
    KIND,
    UNIT,
    T,
    T,
  );
  run(
    `INSERT INTO mass_org_members (id, mass_org_id, full_name, full_name_folded, full_name_sort, gender, role, joined_on, created_at, updated_at)
     VALUES (?, ?, 'Lò Văn Minh', 'lo van minh', 'lo van minh', 'nam', 'to_vien', '2025-01-01', ?, ?)`,
    MEMBER,
    ORG,
    T,
    T,
  );
  run(
    `INSERT INTO mass_org_member_ratings (id, member_id, year, level, created_at, updated_at) VALUES ('r1', ?, 2025, 'hoan_thanh', ?, ?)`,
    MEMBER,
    T,
    T,
  );
  run(
    `INSERT INTO awards (id, year, unit_id, recipient, recipient_name, form, issuer, created_at, updated_at) VALUES ('a1', 2025, ?, 'ca_nhan', 'Lò Văn Minh', 'khac', 'UBND', ?, ?)`,
    UNIT,
    T,
    T,
  );
  run(
    `INSERT INTO handoff_received (id, file_name, sha256, bytes, status, reason_code, received_at) VALUES ('h1', 'x.antq', ?, 10, 'refused', 'SCHEMA_INVALID', ?)`,
    'a'.repeat(64),
    T,
  );
  return o;
}

const notNull = (o: OpenedDatabase, table: string) =>
  Object.fromEntries(
    (o.raw.prepare(`SELECT name, "notnull" AS n FROM pragma_table_info('${table}')`).all() as { name: string; n: number }[]).map((c) => [
      c.name,
      c.n,
    ]),
  );

const THROUGH_0016 = MIGRATIONS.filter((m) => m.version <= 16);

describe('migration 0016_handoff_unknowns', () => {
  it('keeps every row, index and reference, and lets the personal columns be NULL', async () => {
    const o = await atVersionBefore();
    const indexes = () => o.raw.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").all();
    const before = indexes();
    // Through 0016 only: a later migration may add its own indexes.
    await migrate(o.raw, o.db, THROUGH_0016, options());
    expect(o.raw.pragma('user_version', { simple: true })).toBe(16);
    expect(o.raw.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(indexes()).toEqual(before);
    expect(o.raw.prepare("SELECT name FROM sqlite_schema WHERE name LIKE '%_0016'").all()).toEqual([]);
    expect(o.raw.prepare('SELECT full_name, gender FROM mass_org_members').all()).toEqual([{ full_name: 'Lò Văn Minh', gender: 'nam' }]);
    expect(o.raw.prepare('SELECT recipient_name FROM awards').all()).toEqual([{ recipient_name: 'Lò Văn Minh' }]);
    expect(o.raw.prepare('SELECT id, status FROM handoff_received').all()).toEqual([{ id: 'h1', status: 'refused' }]);
    expect(notNull(o, 'mass_org_members')).toMatchObject({ full_name: 0, full_name_folded: 0, full_name_sort: 0, gender: 0, role: 1 });
    expect(notNull(o, 'awards')).toMatchObject({ recipient_name: 0, recipient: 1 });
    expect(notNull(o, 'handoff_received')).toMatchObject({ sha256: 0, file_name: 1 });

    // The children still point at the rebuilt tables, and foreign keys hold.
    expect(() => o.raw.prepare(`DELETE FROM mass_org_members WHERE id = ?`).run(MEMBER)).toThrow(/FOREIGN KEY/);
    expect(o.raw.pragma('foreign_key_check')).toEqual([]);
    // NULL is "not known"; a value is still checked.
    o.raw.prepare('UPDATE mass_org_members SET full_name = NULL, full_name_folded = NULL, full_name_sort = NULL, gender = NULL').run();
    expect(() => o.raw.prepare("UPDATE mass_org_members SET gender = 'x'").run()).toThrow(/CHECK/);
    o.raw.prepare('UPDATE awards SET recipient_name = NULL').run();
    expect(() => o.raw.prepare("UPDATE awards SET recipient_name = '  '").run()).toThrow(/CHECK/);
    // A refused file never read: no hash; a replay needs its hash; an applied file still needs its bytes.
    const insert = (id: string, sha: string | null, status: string) =>
      o.raw
        .prepare(`INSERT INTO handoff_received (id, file_name, sha256, bytes, status, received_at) VALUES (?, 'y.antq', ?, 0, ?, ?)`)
        .run(id, sha, status, T);
    insert('h2', null, 'refused');
    expect(() => insert('h3', null, 'replay')).toThrow(/CHECK/);
    insert('h4', 'b'.repeat(64), 'replay');
    expect(() => insert('h5', 'c'.repeat(64), 'applied')).toThrow(/CHECK/);
  });

  it('fails and leaves the version before it when a reference dangles', async () => {
    const o = await atVersionBefore();
    o.raw.pragma('foreign_keys = OFF');
    o.raw
      .prepare(
        "INSERT INTO mass_org_member_ratings (id, member_id, year, level, created_at, updated_at) VALUES ('r2', 'gone', 2025, 'hoan_thanh', ?, ?)",
      )
      .run(T, T);
    o.raw.pragma('foreign_keys = ON');
    await expect(migrate(o.raw, o.db, MIGRATIONS, options())).rejects.toThrow(/mass_org_member_ratings/);
    expect(o.raw.pragma('user_version', { simple: true })).toBe(BEFORE);
    expect(o.raw.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(notNull(o, 'mass_org_members')).toMatchObject({ gender: 1 });
  });
});
