/**
 * The columns the table registry marks `encrypted`, read and rewritten as stored (sealed or, in a
 * file upgraded from before issue 15, plaintext): for sealing an upgraded file's values in place
 * (keys/seal-existing.ts). Table and column names come from the registry, never from input.
 */
import type { Kysely } from 'kysely';
import type { Db } from './units.repo';

type Cell = string | number | null;
type LooseDb = Record<string, Record<string, Cell>>;
function loose(db: Db): Kysely<LooseDb> {
  return db as unknown as Kysely<LooseDb>;
}

/** Rows of `table` with any of `columns` not NULL: the key and those columns as stored. */
export async function storedEncryptedValues(
  db: Db,
  table: string,
  key: string,
  columns: readonly string[],
): Promise<{ id: string; values: Record<string, string | null> }[]> {
  const rows = await loose(db)
    .selectFrom(table)
    .select([key, ...columns])
    .where((eb) => eb.or(columns.map((c) => eb(c, 'is not', null))))
    .orderBy(key)
    .execute();
  return rows.map((r) => ({
    id: String(r[key]),
    values: Object.fromEntries(columns.map((c) => [c, (r[c] ?? null) as string | null])),
  }));
}

/** Rewrites some encrypted columns of one row (the values already sealed by the caller). */
export async function rewriteEncryptedValues(
  db: Db,
  table: string,
  key: string,
  id: string,
  values: Record<string, string | null>,
): Promise<void> {
  await loose(db).updateTable(table).set(values).where(key, '=', id).execute();
}
