/**
 * Table generations (db/generations.ts): the counters caches key on move with every commit that
 * writes a table, through a Kysely transaction or a write sent alone, and only for the tables
 * written; a listener sees the touched rows; another opened file never shares a key.
 */
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useTempDir } from '../../support/temp-dir';
import { openDatabase, type OpenedDatabase } from '../../../electron/backend/db/open';
import { migrate } from '../../../electron/backend/db/migrator';
import { LATEST_VERSION, MIGRATIONS } from '../../../electron/backend/db/migrations';
import { installAudit } from '../../../electron/backend/audit/recorder';
import type { CommitTouch } from '../../../electron/backend/db/generations';
import { MODEL_GROUPS } from '../../../shared/domain/models';

const tmp = useTempDir('antq-generations-');

describe('table generations', () => {
  let opened: OpenedDatabase;
  beforeEach(async () => {
    opened = openDatabase(path.join(tmp.path(), 'antq.db'), LATEST_VERSION);
    await migrate(opened.raw, opened.db, MIGRATIONS, { backupDir: tmp.path(), now: () => new Date() });
    installAudit(opened, () => new Date('2026-12-06T01:00:00.000Z'));
  });
  afterEach(() => opened.raw.close());
  const insertType = (db: typeof opened.db, name: string) =>
    sql`INSERT INTO model_types (id, name, name_folded, category, created_at, updated_at)
        VALUES (${name}, ${name}, ${name}, ${MODEL_GROUPS[0]}, 'x', 'x')`.execute(db);

  it('moves the key of a table written in a transaction, and only of that table', async () => {
    const g = opened.generations;
    const types = g.key(['model_types']);
    const units = g.key(['units']);
    await opened.db.transaction().execute((trx) => insertType(trx, 'a'));
    expect(g.key(['model_types'])).not.toBe(types);
    expect(g.key(['units'])).toBe(units);
    expect(g.of('model_types')).toBe(1);
  });

  it('moves it for a write sent outside a transaction, and not for a read', async () => {
    const g = opened.generations;
    await opened.db.selectFrom('model_types').selectAll().execute();
    expect(g.of('model_types')).toBe(0);
    await insertType(opened.db, 'b');
    expect(g.of('model_types')).toBe(1);
  });

  it('tells listeners the rows each commit touched; bumpAll moves every key', async () => {
    const g = opened.generations;
    const seen: (readonly CommitTouch[])[] = [];
    const off = g.subscribe((t) => seen.push(t));
    await opened.db.transaction().execute(async (trx) => {
      await insertType(trx, 'c');
      await insertType(trx, 'd');
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toEqual([{ table: 'model_types', ids: ['c', 'd'], count: 2 }]);
    const before = g.key(['units', 'model_types']);
    g.bumpAll();
    expect(g.key(['units', 'model_types'])).not.toBe(before);
    expect(seen.at(-1)).toEqual([]);
    off();
    await insertType(opened.db, 'e');
    expect(seen).toHaveLength(2);
  });

  it('another opened file never gives the same key', () => {
    const other = openDatabase(path.join(tmp.path(), 'other.db'), LATEST_VERSION);
    try {
      expect(other.generations.key(['units'])).not.toBe(opened.generations.key(['units']));
    } finally {
      other.raw.close();
    }
  });
});
