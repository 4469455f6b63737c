/**
 * Migration 0021_frozen_rule_texts on a file frozen by the previous version (every frozen row with
 * its criteria texts inline, no rule_texts column): the rows are rewritten to refer to the freeze's
 * list, each text once; what reads back is character for character what was sealed, so the board
 * still verifies every frozen result; a row altered outside the app stays whole and stays
 * "không xác định"; new freezes store the texts once from the start.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import BetterSqlite3 from 'better-sqlite3';
import { startBackend, type TestBackend } from '../../support/backend';
import { dropLaterSchema, schemaAfter } from '../../support/schema-rewind';
import { useTempDir } from '../../support/temp-dir';
import { queryAll, queryOne } from '../../support/sqlite';
import { GIA_VIEN_SETUP } from '../../support/offices';
import { MIGRATIONS } from '../../../electron/backend/db/migrations';
import { expandFrozen, parseRuleTexts } from '../../../shared/domain/criteria';

/** These tests make years frozen in the first form (the whole result per subject), as earlier versions wrote them; form 2 is evaluation-seal-v2.test.ts. */
const FORM_1 = { frozenForm: 1 } as const;

const tmp = useTempDir('antq-m0021-');
const YEAR = 2025;
let t: TestBackend;
const file = () => path.join(tmp.path(), 'antq.db');
const BEFORE = MIGRATIONS.findIndex((m) => m.name === '0021_frozen_rule_texts');

beforeEach(async () => {
  t = await startBackend(tmp.path(), '2026-11-22T03:00:00.000Z', FORM_1);
  await t.call('office.setup', GIA_VIEN_SETUP);
  await t.call('evaluation.freeze', { year: YEAR, by: 'Thượng tá Trần Văn Dũng', note: null });
});
afterEach(() => t.close());

type Stored = { id: string; content: string; hash: string };
const rows = () => queryAll<Stored>(file(), 'SELECT id, content, hash FROM evaluation_frozen_results ORDER BY id');

/** Takes the file back to what the version before 0021 wrote: texts inline, no column, older user_version. */
async function asPreviousVersion(): Promise<Stored[]> {
  t.close();
  const previous = await schemaAfter(MIGRATIONS.slice(0, BEFORE));
  const db = new BetterSqlite3(file());
  try {
    // What later migrations created (the audit log, indexes) goes too: they run again on open.
    dropLaterSchema(db, previous);
    const freeze = db.prepare('SELECT id, rule_texts FROM evaluation_freezes').get() as { id: string; rule_texts: string };
    const texts = parseRuleTexts(freeze.rule_texts);
    for (const r of db.prepare('SELECT id, content FROM evaluation_frozen_results').all() as Stored[])
      db.prepare('UPDATE evaluation_frozen_results SET content = ? WHERE id = ?').run(expandFrozen(r.content, texts), r.id);
    db.exec('ALTER TABLE evaluation_freezes DROP COLUMN rule_texts');
    db.pragma(`user_version = ${BEFORE}`);
  } finally {
    db.close();
  }
  return rows();
}

describe('migration 0021_frozen_rule_texts', () => {
  it('a new freeze stores each criterion text once, and its rows verify', async () => {
    const freeze = queryOne(file(), 'SELECT rule_texts FROM evaluation_freezes') as { rule_texts: string };
    const texts = parseRuleTexts(freeze.rule_texts)!;
    expect(texts.length).toBeGreaterThan(10);
    expect(new Set(texts).size).toBe(texts.length);
    for (const r of rows()) for (const text of texts) expect(r.content).not.toContain(JSON.stringify(text));
    const board = await t.call('evaluation.board', { year: YEAR, category: null, unitId: null });
    expect(board.rows.length).toBeGreaterThan(0);
    expect(board.rows.every((r) => !r.tampered && r.frozen !== null)).toBe(true);
  });

  it('rewrites a year frozen before it without changing what was sealed; an altered row stays whole and "không xác định"', async () => {
    const whole = await asPreviousVersion();
    // Someone edited one row with an SQL tool before the upgrade (a space the app never writes).
    const altered = whole[0]!;
    const db = new BetterSqlite3(file());
    db.prepare('UPDATE evaluation_frozen_results SET content = ? WHERE id = ?').run(altered.content.replace('{', '{ '), altered.id);
    db.close();

    t = await startBackend(tmp.path(), '2026-11-23T03:00:00.000Z', FORM_1);
    const freeze = queryOne(file(), 'SELECT rule_texts FROM evaluation_freezes') as { rule_texts: string };
    const texts = parseRuleTexts(freeze.rule_texts)!;
    expect(texts.length).toBeGreaterThan(10);
    const after = rows();
    expect(after.map((r) => r.hash)).toEqual(whole.map((r) => r.hash));
    for (const [i, r] of after.entries()) {
      if (r.id === altered.id) {
        expect(r.content).toBe(altered.content.replace('{', '{ '));
        continue;
      }
      expect(r.content.length).toBeLessThan(whole[i]!.content.length / 2);
      expect(expandFrozen(r.content, texts)).toBe(whole[i]!.content);
    }
    const board = await t.call('evaluation.board', { year: YEAR, category: null, unitId: null });
    const subjectOf = (id: string) =>
      (queryOne(file(), 'SELECT subject_id FROM evaluation_frozen_results WHERE id = ?', id) as { subject_id: string }).subject_id;
    const alteredSubject = subjectOf(altered.id);
    for (const r of board.rows) {
      if (r.subjectId === alteredSubject) expect(r).toMatchObject({ tampered: true, frozen: null });
      else expect(r).toMatchObject({ tampered: false, frozen: r.live });
    }
  });
});
