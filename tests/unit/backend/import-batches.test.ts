/**
 * The Excel import's rows are moved into their table BATCH_ROWS at a time (issue 16 item 3,
 * h18-blocks: one move of 2.000 rows into a 2 M-row table held the host's thread ~230 ms), with the
 * long write's pause between two statements. The rows land as one move would put them: every row,
 * in the file's order, each with its list keys.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BATCH_ROWS, insertStats } from '../../../electron/backend/repos/activities.repo';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { queryAll } from '../../support/sqlite';
import { propagandaSheet } from '../../support/propaganda-sheet';
import { setupGiaVien } from './activities-records';

const tmp = useTempDir('antq-import-batches-');
let t: TestBackend;

beforeEach(async () => {
  t = await startBackend(tmp.path());
  await setupGiaVien(t);
}, 60_000);
afterEach(() => t.close());

describe('Excel import in batches', () => {
  it(`moves ${BATCH_ROWS} rows a statement; every row lands in the file's order`, async () => {
    const rows = 2 * BATCH_ROWS + 100;
    const sheet = await propagandaSheet(rows);
    const before = insertStats.moves;
    expect(await t.call('xlsx.commit', { registry: 'propaganda', fileBase64: sheet })).toMatchObject({ created: rows });
    expect(insertStats.moves - before).toBe(3);

    const stored = queryAll(
      t.backend.databasePath,
      'SELECT topic, attendance, sort_unit IS NOT NULL AS unitKey, sort_title IS NOT NULL AND search_folded IS NOT NULL AS textKey FROM propaganda_sessions ORDER BY rowid',
    );
    expect(stored.map((r) => r['topic'])).toEqual(Array.from({ length: rows }, (_, i) => `Chủ đề số ${i}`));
    expect(stored.map((r) => r['attendance'])).toEqual(Array.from({ length: rows }, (_, i) => i + 1));
    expect(stored.every((r) => r['unitKey'] === 1 && r['textKey'] === 1)).toBe(true);
    const listed = await t.call('activities.page', {
      kind: 'propaganda',
      unitId: null,
      from: null,
      to: null,
      search: 'chu de so 1099',
      category: null,
      page: { offset: 0, limit: 10, sort: 'default', dir: 'asc' },
    });
    expect(listed.rows.map((r) => (r as { topic: string }).topic)).toEqual(['Chủ đề số 1099']);
  }, 120_000);
});
