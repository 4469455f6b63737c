/**
 * The choices of one kind of mass organisation (massOrgs.choices: the entry grid's mediation team
 * column, a form's team picker; massOrgs.choicesByIds: a picker's current value).
 */
import { sql } from 'kysely';
import type { Db } from './units.repo';

/** One organisation as a choice cell shows it, before its label is made. */
export interface OrgChoiceRow {
  id: string;
  name: string;
  name_folded: string;
  unit_id: string;
  unit_name: string | null;
  valid_to: string | null;
}

const likeWord = (w: string) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The live organisations of a kind, every unit's, that may match the typed words: each word in the
 * folded name or the folded name of its unit (a live unit). A superset of what the type-ahead
 * matches (massOrgs.choices ranks and cuts them); `words` are only those that cannot span the label's
 * parts (no "(", ")" or "|"), the others are left to that ranking.
 */
export async function queryOrgChoiceRows(
  db: Db,
  kindId: string,
  words: readonly string[],
  nearUnitId: string | null = null,
): Promise<OrgChoiceRow[]> {
  const conds = [sql`o.deleted_at IS NULL`, sql`o.kind_id = ${kindId}`];
  if (nearUnitId !== null) {
    // The unit, every unit below it and every unit above it (a record's team may sit at any of them).
    conds.push(sql`o.unit_id IN (
      WITH RECURSIVE below(id) AS (
        SELECT id FROM units WHERE id = ${nearUnitId}
        UNION ALL
        SELECT units.id FROM units JOIN below ON units.parent_id = below.id
      ), above(id) AS (
        SELECT parent_id FROM units WHERE id = ${nearUnitId} AND parent_id IS NOT NULL
        UNION ALL
        SELECT units.parent_id FROM units JOIN above ON units.id = above.id WHERE units.parent_id IS NOT NULL
      )
      SELECT id FROM below UNION SELECT id FROM above)`);
  }
  for (const w of words) {
    conds.push(sql`(o.name_folded LIKE ${likeWord(w)} ESCAPE '\\' OR u.name_folded LIKE ${likeWord(w)} ESCAPE '\\')`);
  }
  const r = await sql<OrgChoiceRow>`
    SELECT o.id, o.name, o.name_folded, o.unit_id, u.name AS unit_name, o.valid_to
    FROM mass_orgs o LEFT JOIN units u ON u.id = o.unit_id AND u.deleted_at IS NULL
    WHERE ${sql.join(conds, sql` AND `)}`.execute(db);
  return r.rows;
}

/** The given live organisations as choices, with their kind (a picker's current value). */
export async function orgChoiceRowsByIds(db: Db, ids: readonly string[]): Promise<(OrgChoiceRow & { kind_id: string })[]> {
  if (ids.length === 0) return [];
  const r = await sql<OrgChoiceRow & { kind_id: string }>`
    SELECT o.id, o.name, o.name_folded, o.unit_id, u.name AS unit_name, o.valid_to, o.kind_id
    FROM mass_orgs o LEFT JOIN units u ON u.id = o.unit_id AND u.deleted_at IS NULL
    WHERE o.deleted_at IS NULL AND o.id IN (${sql.join([...ids])})`.execute(db);
  return r.rows;
}

/** The folded names that two or more live organisations of the kind share (their labels name the unit). */
export async function repeatedOrgNames(db: Db, kindId: string, names: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  const distinct = [...new Set(names)];
  // In statements of 500 names: under SQLite's variable limit.
  for (let i = 0; i < distinct.length; i += 500) {
    const r = await sql<{ name_folded: string }>`
      SELECT name_folded FROM mass_orgs
      WHERE kind_id = ${kindId} AND deleted_at IS NULL AND name_folded IN (${sql.join(distinct.slice(i, i + 500))})
      GROUP BY name_folded HAVING count(*) > 1`.execute(db);
    for (const row of r.rows) out.add(row.name_folded);
  }
  return out;
}
