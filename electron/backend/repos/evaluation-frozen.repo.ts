/**
 * Frozen results (evaluation_frozen_results) as the services see them: `content` is always the JSON
 * the freeze sealed. Stored, a row's criteria texts are references into its freeze's list
 * (evaluation_freezes.rule_texts, migration 0021): each text once a freeze instead of once a subject
 * (shared/domain/criteria/frozen-texts.ts). Rows written before 0021 with the texts inline, or with
 * no list, read as they are.
 */
import { sql } from 'kysely';
import type { Db } from './units.repo';
import { batchQuery, type BatchValue } from '../db/batch';
import type { SubjectType } from '../../../shared/domain/evaluation';
import { expandFrozen, parseRuleTexts } from '../../../shared/domain/criteria/frozen-texts';

export interface FrozenRow {
  subjectType: SubjectType;
  subjectId: string;
  overall: string;
  /** The sealed JSON (expanded on read; the stored form on write, see insertFrozenResults). */
  content: string;
  hash: string;
}

/** The columns of a frozen row, in the order of the INSERT's parameters. */
const FROZEN_COLUMNS = ['id', 'freeze_id', 'subject_type', 'subject_id', 'year', 'overall', 'content', 'hash', 'created_at'] as const;
/** Rows per statement: 900 parameters, under SQLite's variable limit; one statement between two pauses of the long write. */
export const FROZEN_ROWS_PER_STATEMENT = 100;
const frozenRow = `(${FROZEN_COLUMNS.map(() => '?').join(', ')})`;
const frozenInsertSql = (n: number) =>
  `INSERT INTO evaluation_frozen_results (${FROZEN_COLUMNS.join(', ')}) VALUES ${Array.from({ length: n }, () => frozenRow).join(', ')}`;

/**
 * Writes frozen rows whose `content` is already in stored form (compactFrozen against the list
 * given to insertFreeze); the MAC in `hash` is of the sealed (expanded) content.
 *
 * One multi-row INSERT per FROZEN_ROWS_PER_STATEMENT rows, prepared once per connection and
 * kept (db/batch.ts `keep`): a freeze writes 8.600 rows of 1,6 KB, and Kysely's compile of each
 * 100-row query plus SQLite's parse of its 900 parameters were a third of the write. Multi-row
 * rather than a single-row statement run per row: the audit's triggers make every statement keep a
 * statement journal (docs/decisions.md (h16-writes)), paid once per statement. The values bound
 * are those Kysely bound, so the stored bytes are the same.
 */
export async function insertFrozenResults(
  db: Db,
  rows: readonly (FrozenRow & { id: string; freezeId: string; year: number })[],
  at: string,
): Promise<void> {
  for (let i = 0; i < rows.length; i += FROZEN_ROWS_PER_STATEMENT) {
    const chunk = rows.slice(i, i + FROZEN_ROWS_PER_STATEMENT);
    const params: BatchValue[] = [];
    for (const r of chunk) params.push(r.id, r.freezeId, r.subjectType, r.subjectId, r.year, r.overall, r.content, r.hash, at);
    await db.executeQuery(batchQuery(frozenInsertSql(chunk.length), [params], { keep: true }));
  }
}

/** The criteria texts a freeze's rows refer to; null when it has none (rows stored whole). */
export async function ruleTextsOf(db: Db, freezeId: string): Promise<string[] | null> {
  const r = await db.selectFrom('evaluation_freezes').select('rule_texts').where('id', '=', freezeId).executeTakeFirst();
  return parseRuleTexts(r?.rule_texts ?? null);
}

/** What a freeze record stores beside its rows, as stored (form 1: its texts; form 2: its rule sets, frozen-v2.ts). */
export async function freezeRuleTextOf(db: Db, freezeId: string): Promise<string | null> {
  const r = await db.selectFrom('evaluation_freezes').select('rule_texts').where('id', '=', freezeId).executeTakeFirst();
  return r?.rule_texts ?? null;
}

/** The frozen rows of a freeze, by "type:id", each with the content it was sealed with. */
export async function frozenResultsOf(
  db: Db,
  freezeId: string,
  subject?: { subjectType: SubjectType; subjectId: string },
): Promise<Map<string, FrozenRow>> {
  let q = db.selectFrom('evaluation_frozen_results').selectAll().where('freeze_id', '=', freezeId);
  if (subject) q = q.where('subject_type', '=', subject.subjectType).where('subject_id', '=', subject.subjectId);
  const rows = await q.execute();
  // Form 2 rows hold no text references (their freeze stores rule sets, not a list: parseRuleTexts gives null).
  const texts = rows.length ? await ruleTextsOf(db, freezeId) : null;
  return new Map(
    rows.map((r) => [
      `${r.subject_type}:${r.subject_id}`,
      {
        subjectType: r.subject_type as SubjectType,
        subjectId: r.subject_id,
        overall: r.overall,
        content: expandFrozen(r.content, texts),
        hash: r.hash,
      },
    ]),
  );
}

/**
 * Year and content of the frozen rows under freezes not undone whose content mentions `text`
 * (a cheap filter before the caller parses the content). The rule-set references a caller looks
 * for (result.ruleSets) are never replaced by text references, so the stored form is searched.
 */
export async function openFrozenContentsMentioning(db: Db, text: string): Promise<{ year: number; content: string }[]> {
  return db
    .selectFrom('evaluation_frozen_results as r')
    .innerJoin('evaluation_freezes as f', 'f.id', 'r.freeze_id')
    .select(['r.year', 'r.content'])
    .where('f.unfrozen_at', 'is', null)
    .where(sql<boolean>`instr(r.content, ${text}) > 0`)
    .execute();
}
