/**
 * 0022_frozen_rule_texts: a frozen year stores each criterion's text once (issue 16). Every frozen
 * result repeated the clause, title and description of every criterion (about 15 KB a subject, the
 * same for every subject); they now live once per freeze in evaluation_freezes.rule_texts (a JSON
 * array) and the rows refer to them (shared/domain/criteria/frozen-texts.ts).
 *
 * Existing frozen rows are rewritten to the stored form, freeze by freeze in pages of rowids. The
 * sealed content does not change: a row is rewritten only when its stored form reads back as exactly
 * the content it had (a row altered outside the app, not in the form the app writes, stays whole and
 * stays "không xác định"). Re-running it (a file taken back to an older version) finds the column and
 * the references already there and changes nothing. The file keeps its size until the next VACUUM
 * (freed pages are reused by later writes). Frozen once shipped.
 */
import { sql, type Kysely } from 'kysely';
import { RuleTextList, compactFrozen, expandFrozen, parseRuleTexts } from '../../../../shared/domain/criteria/frozen-texts';

const PAGE = 500;

async function compactFreeze(db: Kysely<any>, freezeId: string, stored: string | null): Promise<void> {
  const list = new RuleTextList(parseRuleTexts(stored) ?? []);
  const before = list.texts.length;
  let after = 0;
  for (;;) {
    const page = await sql<{ rowid: number; content: string }>`
      SELECT rowid, content FROM evaluation_frozen_results WHERE freeze_id = ${freezeId} AND rowid > ${after} ORDER BY rowid LIMIT ${PAGE}`.execute(
      db,
    );
    if (page.rows.length === 0) break;
    for (const row of page.rows) {
      after = row.rowid;
      let parsed: unknown;
      try {
        parsed = JSON.parse(row.content);
      } catch {
        continue;
      }
      const compact = compactFrozen(parsed, list);
      if (compact === row.content || expandFrozen(compact, list.texts) !== row.content) continue;
      await sql`UPDATE evaluation_frozen_results SET content = ${compact} WHERE rowid = ${row.rowid}`.execute(db);
    }
  }
  if (list.texts.length > before) {
    await sql`UPDATE evaluation_freezes SET rule_texts = ${JSON.stringify(list.texts)} WHERE id = ${freezeId}`.execute(db);
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  const columns = await sql<{ name: string }>`SELECT name FROM pragma_table_info('evaluation_freezes')`.execute(db);
  if (!columns.rows.some((c) => c.name === 'rule_texts')) {
    await sql`ALTER TABLE evaluation_freezes ADD COLUMN rule_texts TEXT`.execute(db);
  }
  const freezes = await sql<{
    id: string;
    rule_texts: string | null;
  }>`SELECT id, rule_texts FROM evaluation_freezes ORDER BY rowid`.execute(db);
  for (const f of freezes.rows) await compactFreeze(db, f.id, f.rule_texts);
}
