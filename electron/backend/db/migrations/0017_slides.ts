/**
 * 0017_slides: the presenter's choices for the meeting deck ("Trình chiếu", issue 13 item 5), kept
 * per office so the deck opens as it was left. Frozen once shipped; never edit a migration that
 * has shipped.
 *
 * - slide_preferences: one row per slide key (shared/domain/slides SLIDE_KEYS): its place in the
 *   order and whether it is hidden. No rows = the default order, nothing hidden. A key a later
 *   version drops is ignored when read; a key it adds is placed after its default predecessor.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE slide_preferences (
      slide_key TEXT PRIMARY KEY NOT NULL CHECK (length(slide_key) BETWEEN 1 AND 60),
      position INTEGER NOT NULL CHECK (position >= 0),
      hidden INTEGER NOT NULL CHECK (hidden IN (0, 1)),
      updated_at TEXT NOT NULL
    ) STRICT`.execute(db);
}
