/**
 * 0025_list_keys (issue 16 item 2): stored keys the paged activity lists order and search by, so a
 * page deep in a list, a column sort and a search no longer call JavaScript for every row
 * (repos/activities.keys.ts keeps them; docs/decisions.md (h16-deep) quotes the plans).
 *
 * - `units.sort_key`: vietnameseSortKey(name). NULL = to be computed (a new or renamed unit).
 * - On each activity table: `sort_unit` (its unit's sort_key), `sort_title` (and `sort_title2` for
 *   the kinds whose title has two parts: the Vietnamese sort key of each part as the list shows it)
 *   and `search_folded` (foldVietnamese of the texts and labels a search looks in, names aside).
 *   `sort_title IS NULL` = the row's keys are to be computed.
 * - `<table>_list`: the list's default order over the live rows, so any page is an index walk.
 * - `<table>_keys_pending`, `units_sort_pending`: the rows whose keys are to be computed (empty
 *   between commits), found without a scan.
 * - Triggers (plain SQL, nothing of the app's): a rename of a unit or an edit of a field a key is
 *   made from marks the keys as to be computed; a unit's new sort_key is copied to its records.
 *   The app computes what is marked before every commit and after opening (the backfill of this
 *   migration's NULL columns happens there: a migration has no JavaScript functions).
 *
 * Frozen once shipped.
 */
import { sql, type Kysely } from 'kysely';

/** Activity table → placement column (ACTIVITY_KIND_INFO.placement), title columns (its title fields). */
const TABLES: readonly { table: string; placement: string; titles: readonly string[] }[] = [
  { table: 'propaganda_sessions', placement: 'date', titles: ['topic'] },
  { table: 'activity_events', placement: 'date', titles: ['title'] },
  { table: 'tips', placement: 'received_on', titles: ['summary'] },
  { table: 'mediations', placement: 'received_on', titles: ['summary'] },
  { table: 'incidents', placement: 'occurred_on', titles: ['category', 'description'] },
  { table: 'awards', placement: 'year', titles: ['recipient_name', 'form'] },
];

/** The TEXT columns of a table but its id, stamps and keys: every column a key or the search text may be made of. */
async function sourceColumns(db: Kysely<any>, table: string): Promise<string[]> {
  const r = await sql<{ name: string; type: string }>`SELECT name, type FROM pragma_table_info(${table})`.execute(db);
  const skip = new Set(['id', 'created_at', 'updated_at', 'deleted_at', 'sort_unit', 'sort_title', 'sort_title2', 'search_folded']);
  return r.rows.filter((c) => !skip.has(c.name) && c.type.toUpperCase().startsWith('TEXT')).map((c) => c.name);
}

/** Adds a column unless the file has it (a test's file taken back to the previous version keeps it). */
async function addColumn(db: Kysely<any>, table: string, column: string): Promise<void> {
  const r = await sql<{ name: string }>`SELECT name FROM pragma_table_info(${table})`.execute(db);
  if (!r.rows.some((c) => c.name === column)) await sql`ALTER TABLE ${sql.id(table)} ADD COLUMN ${sql.id(column)} TEXT`.execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  await addColumn(db, 'units', 'sort_key');
  await sql`CREATE INDEX units_sort_pending ON units(id) WHERE sort_key IS NULL`.execute(db);
  await sql`
    CREATE TRIGGER units_sort_key_stale AFTER UPDATE OF name ON units
    WHEN NEW.name IS NOT OLD.name AND NEW.sort_key IS NOT NULL
    BEGIN UPDATE units SET sort_key = NULL WHERE id = NEW.id; END`.execute(db);
  const copies: string[] = [];
  for (const t of TABLES) {
    const q = (name: string) => sql.id(name);
    await addColumn(db, t.table, 'sort_unit');
    await addColumn(db, t.table, 'sort_title');
    if (t.titles.length > 1) await addColumn(db, t.table, 'sort_title2');
    await addColumn(db, t.table, 'search_folded');
    const titleKeys = t.titles.length > 1 ? sql`sort_title, sort_title2` : sql`sort_title`;
    await sql`
      CREATE INDEX ${q(`${t.table}_list`)} ON ${q(t.table)}
        (${q(t.placement)} DESC, sort_unit, unit_id, ${titleKeys}, id) WHERE deleted_at IS NULL`.execute(db);
    await sql`CREATE INDEX ${q(`${t.table}_keys_pending`)} ON ${q(t.table)}(id) WHERE sort_title IS NULL`.execute(db);
    // Every text column a key or the search text is made of, and the unit (its name is in the keys).
    const unique = await sourceColumns(db, t.table);
    const changed = sql.join(
      unique.map((c) => sql`NEW.${q(c)} IS NOT OLD.${q(c)}`),
      sql` OR `,
    );
    await sql`
      CREATE TRIGGER ${q(`${t.table}_keys_stale`)} AFTER UPDATE OF ${sql.join(unique.map(q))} ON ${q(t.table)}
      WHEN NEW.sort_title IS NOT NULL AND (${changed})
      BEGIN UPDATE ${q(t.table)} SET sort_title = NULL WHERE rowid = NEW.rowid; END`.execute(db);
    copies.push(`UPDATE "${t.table}" SET sort_unit = NEW.sort_key WHERE unit_id = NEW.id;`);
  }
  await sql`
    CREATE TRIGGER units_sort_key_copied AFTER UPDATE OF sort_key ON units
    WHEN NEW.sort_key IS NOT NULL AND NEW.sort_key IS NOT OLD.sort_key
    BEGIN ${sql.raw(copies.join(' '))} END`.execute(db);
}
