/**
 * The freeze's write of its rows (h19-board): one single-row INSERT per frozen row with the audit's
 * INSERT trigger on evaluation_frozen_results lifted for the write and the rows noted by set
 * (insertNotedBySet, repos/audit.repo.ts). The freeze's audit entry must still count every frozen row
 * and name the first ones, and the trigger must be back afterwards: a second freeze (after an
 * unfreeze) is noted the same way, and a row written later by any other path is noted by the trigger.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { queryAll } from '../../support/sqlite';
import { GIA_VIEN_SETUP } from '../../support/offices';

const tmp = useTempDir('antq-freeze-write-');
let t: TestBackend;
const YEAR = 2026;

beforeEach(async () => {
  t = await startBackend(tmp.path(), '2026-11-22T03:00:00.000Z');
  await t.call('office.setup', GIA_VIEN_SETUP);
}, 60_000);
afterEach(() => t.close());

interface Entry {
  seq: number;
  method: string;
  summary: string;
  record_ids: string;
}

/** The audit entry of the last freeze, and the ids of its frozen rows in the order they were written. */
function lastFreeze(): { entry: Entry; rows: string[] } {
  const file = t.backend.databasePath;
  const entry = queryAll<Entry>(
    file,
    "SELECT seq, method, summary, record_ids FROM audit_log WHERE method = 'evaluation.freeze' ORDER BY seq DESC LIMIT 1",
  )[0]!;
  const rows = queryAll<{ id: string }>(
    file,
    `SELECT r.id FROM evaluation_frozen_results r JOIN evaluation_freezes f ON f.id = r.freeze_id
      WHERE f.year = ? AND f.unfrozen_at IS NULL ORDER BY r.rowid`,
    YEAR,
  ).map((r) => r.id);
  return { entry, rows };
}

describe("the freeze's rows noted by set", () => {
  it('counts and names the frozen rows in the audit entry, at the first freeze and at a freeze after an unfreeze', async () => {
    for (let round = 0; round < 2; round++) {
      const done = await t.call('evaluation.freeze', { year: YEAR, by: 'Phạm Văn Dũng', note: null });
      const { entry, rows } = lastFreeze();
      expect(rows.length).toBe(done.subjects);
      expect(rows.length).toBeGreaterThan(10);
      // The trigger's note, made by set: the count of rows written and the first rows' ids.
      expect(entry.summary).toContain(`${rows.length} kết quả đã chốt`);
      const ids = JSON.parse(entry.record_ids) as string[];
      expect(ids).toContain(rows[0]);
      expect(ids).toContain(rows[1]);
      if (round === 0) await t.call('evaluation.unfreeze', { year: YEAR, by: 'Phạm Văn Dũng', reason: 'Kiểm tra lại số liệu' });
    }
  }, 120_000);
});
