/** How many rows this connection has changed since it opened: work done in slices tells by it whether anything was written meanwhile. */
import { sql } from 'kysely';
import type { Db } from './units.repo';

export async function totalChangesOf(db: Db): Promise<number> {
  const r = await sql<{ n: number }>`SELECT total_changes() AS n`.execute(db);
  return r.rows[0]!.n;
}
