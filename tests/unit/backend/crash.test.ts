/**
 * Crash proof (issue 15 item 5): a child process doing mixed writes through the real dispatch
 * (single saves, 5-row batches, freezing and unfreezing a year) is SIGKILLed at random moments,
 * a fresh child each time. After every kill: PRAGMA integrity_check is ok, no compound operation
 * is half in the file, and every operation the child acknowledged (logged and fsynced after its
 * commit) is still there. ANTQ_KILLS sets the number of kills (`npm run stress`: 1.000).
 */
import { describe, expect, it } from 'vitest';
import { crashRun, formatTally } from '../../crash/harness';
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
        afterAckShare: 0.5,
        progress: (k, t) => {
          if (k % 100 === 0) console.log(`… ${formatTally(t)}`);
        },
      });
      console.log(formatTally(tally));
      expect(tally.findings).toEqual([]);
      expect(tally.kills).toBe(KILLS);
      expect([tally.corrupt, tally.partial, tally.lost]).toEqual([0, 0, 0]);
      // The kills landed while work was acknowledged, not only before the first commit.
      expect(tally.acknowledged).toBeGreaterThan(KILLS / 2);
    },
    KILLS * 3_000 + 60_000,
  );
});
