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
/** One frozen row per statement (see insertFrozenResults). */
const frozenInsertSql = `INSERT INTO evaluation_frozen_results (${FROZEN_COLUMNS.join(', ')}) VALUES (${FROZEN_COLUMNS.map(() => '?').join(', ')})`;

/**
 * Writes frozen rows whose `content` is already in stored form (compactFrozen against the list
 * given to insertFreeze); the MAC in `hash` is of the sealed (expanded) content.
 *
 * One prepared single-row INSERT, kept (db/batch.ts `keep`), run once per row; on the long-write
 * connection the batch pauses every 100 rows (db/batch.ts runBatchPausing). The caller lifts the
 * audit's INSERT trigger around the whole write (audit.repo.ts insertNotedBySet, evaluation.service.ts):
 * without a trigger a single-row INSERT keeps no statement journal, so each row's pages are written
 * once, as the raw driver writes them (h19-board: the multi-row INSERT of 100 rows kept one because a
 * statement of several rows may fail half-way). The values bound are the same, so the stored bytes are.
 */
export async function insertFrozenResults(
  db: Db,
  rows: readonly (FrozenRow & { id: string; freezeId: string; year: number })[],
  at: string,
): Promise<void> {
  const params: BatchValue[][] = rows.map((r) => [r.id, r.freezeId, r.subjectType, r.subjectId, r.year, r.overall, r.content, r.hash, at]);
  await db.executeQuery(batchQuery(frozenInsertSql, params, { keep: true }));
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
