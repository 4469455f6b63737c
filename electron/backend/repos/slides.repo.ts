/**
 * The deck's own reads and writes: the presenter's order and hidden slides (slide_preferences).
 * Plain functions over a Kysely db or transaction; rows become plain objects here.
 */
import type { Db } from './units.repo';

export interface StoredSlidePreference {
  key: string;
  position: number;
  hidden: boolean;
}

export async function listSlidePreferences(db: Db): Promise<StoredSlidePreference[]> {
  const rows = await db.selectFrom('slide_preferences').selectAll().orderBy('position').orderBy('slide_key').execute();
  return rows.map((r) => ({ key: r.slide_key, position: r.position, hidden: r.hidden === 1 }));
}

/** Replaces every stored preference with these (one row per key). */
export async function replaceSlidePreferences(db: Db, prefs: readonly StoredSlidePreference[], at: string): Promise<void> {
  await db.deleteFrom('slide_preferences').execute();
  if (prefs.length === 0) return;
  await db
    .insertInto('slide_preferences')
    .values(prefs.map((p) => ({ slide_key: p.key, position: p.position, hidden: p.hidden ? 1 : 0, updated_at: at })))
    .execute();
}
