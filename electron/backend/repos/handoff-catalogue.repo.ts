/**
 * Which catalogue rows (model types, mass-organisation kinds) are still in use at the province:
 * referenced by a row that does not belong to a given office. An office's catalogue rows that its
 * newer file no longer holds are removed only when nothing else uses them (issue 12 loose ends).
 * Table and column names come from the table registry's references, never from input.
 */
import { sql } from 'kysely';
import type { Db } from './units.repo';

/** SQLite binds at most 32,766 parameters; stay far below. */
const CHUNK = 500;

/**
 * The ids among `ids` that a row of `table` points at through `column`, leaving out the rows of
 * `table` owned by any of `peerIds` (their own rows are judged from the file being landed).
 */
export async function catalogueIdsInUse(
  db: Db,
  ref: { table: string; column: string },
  ids: readonly string[],
  peerIds: readonly string[],
): Promise<Set<string>> {
  const out = new Set<string>();
  const owners = peerIds.length > 0 ? sql.join(peerIds.map((p) => sql`${p}`)) : sql`NULL`;
  for (let i = 0; i < ids.length; i += CHUNK) {
    const part = ids.slice(i, i + CHUNK);
    const { rows } = await sql<{ id: string }>`
      SELECT DISTINCT t.${sql.ref(ref.column)} AS id
      FROM ${sql.table(ref.table)} AS t
      WHERE t.${sql.ref(ref.column)} IN (${sql.join(part.map((p) => sql`${p}`))})
        AND NOT EXISTS (
          SELECT 1 FROM handoff_ownership AS o
          WHERE o.table_name = ${ref.table} AND o.row_id = t.id AND o.peer_id IN (${owners})
        )`.execute(db);
    for (const r of rows) out.add(r.id);
  }
  return out;
}
