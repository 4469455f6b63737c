/**
 * Crash proof (issue 15 item 5): a child process doing mixed writes through the real dispatch
 * (single saves, 5-row batches, freezing and unfreezing a year, backups through the backups
 * service) is SIGKILLed at random moments, a fresh child each time. After every kill: PRAGMA
 * integrity_check is ok, no compound operation is half in the file, the audit chain verifies,
 * every operation the child acknowledged (logged and fsynced after its commit) is still there with
 * its audit entry, and every backup under a final name opens with quick_check ok. ANTQ_KILLS sets the number of kills (`npm run stress`: 1.000).
 */
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { crashRun, formatTally, prepareOffice } from '../../crash/harness';
import { batchTopic, CRASH_YEAR, FREEZER, lostFindings, partialFindings } from '../../crash/ops';
import { startBackend } from '../../support/backend';
import { DATABASE_FILE } from '../../../electron/backend/index';
import { useTempDir } from '../../support/temp-dir';

const KILLS = Number(process.env['ANTQ_KILLS'] ?? 200);
const SEED = Number(process.env['ANTQ_CRASH_SEED'] ?? 20261205);
const tmp = useTempDir('antq-crash-');

describe('SIGKILL during mixed writes', () => {
  it(
    `${KILLS} kills: 0 corrupt, 0 partial, 0 lost`,
    async () => {
      const tally = await crashRun(tmp.path(), {
        kills: KILLS,
        seed: SEED,
        maxDelayMs: 250,
        startShare: 0.1,
        progress: (k, t) => {
          if (k % 100 === 0) console.log(`… ${formatTally(t)}`);
        },
      });
      console.log(formatTally(tally));
      expect(tally.findings).toEqual([]);
      expect(tally.kills).toBe(KILLS);
      expect([tally.corrupt, tally.partial, tally.lost]).toEqual([0, 0, 0]);
      // The kills landed while work was acknowledged, not only before the first commit.
      expect(tally.acknowledged).toBeGreaterThan(KILLS / 4);
    },
    KILLS * 3_000 + 60_000,
  );
});

describe('the checks after a kill', () => {
  it('find a half-written batch, a freeze missing a result, and a lost acknowledged write', async () => {
    const dataDir = path.join(tmp.path(), 'du-lieu');
    const unitId = await prepareOffice(dataDir);
    const t = await startBackend(dataDir);
    const { row } = await t.call('activities.save', {
      kind: 'propaganda',
      id: null,
      record: {
        date: '2026-03-10',
        unitId,
        organizationId: null,
        purpose: 'tuyen_truyen',
        form: 'truc_tiep',
        topic: batchTopic('x-1', 0),
        venue: null,
        attendance: 1,
        leaflets: 0,
        loudspeakerMinutes: 0,
        posts: 0,
        newsletters: 0,
        commitments: 0,
        note: null,
      },
    });
    await t.call('evaluation.freeze', { year: CRASH_YEAR, by: FREEZER, note: null });
    t.close();
    const db = new BetterSqlite3(path.join(dataDir, DATABASE_FILE));
    try {
      expect(lostFindings(db, [{ op: 'x-0', kind: 'save', id: row.id }])).toEqual([]);
      db.prepare('DELETE FROM evaluation_frozen_results WHERE rowid = (SELECT max(rowid) FROM evaluation_frozen_results)').run();
      const partial = partialFindings(db);
      expect(partial.some((p) => p.startsWith('Lô x-1: 1/5 rows'))).toBe(true);
      expect(partial.some((p) => /frozen results$/.test(p))).toBe(true);
      expect(lostFindings(db, [{ op: 'x-2', kind: 'save', id: 'khong-co' }])).toEqual([
        'x-2: saved record khong-co missing',
        'x-2: no audit entry for saved record khong-co',
      ]);
      // An audit entry edited in the file breaks the chain; a backup acknowledged but absent is lost.
      db.exec('DROP TRIGGER audit_log_no_update');
      db.prepare("UPDATE audit_log SET summary = 'Thêm 2 buổi tuyên truyền' WHERE method = 'activities.save'").run();
      expect(partialFindings(db).some((p) => /^audit chain broken at entry \d+ \(edited\)$/.test(p))).toBe(true);
      expect(lostFindings(db, [{ op: 'x-3', kind: 'backup', fileName: 'thu-cong-khong-co.db' }], path.join(dataDir, 'sao-luu'))).toEqual([
        'x-3: no audit entry for backup thu-cong-khong-co.db',
        'x-3: acknowledged backup thu-cong-khong-co.db missing',
      ]);
    } finally {
      db.close();
    }
  }, 60_000);
});
