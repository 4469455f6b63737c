/**
 * The period figures' activity counts in turns (issue 16 item 3, h18-blocks): the groups of a kind's
 * statement are made in HostTurns (repos/period-counts.repo.ts countedGroupsByYear) and a slice's
 * groups are added with a checkpoint every GROUPS_PER_TURN (services/period-records.ts). With a
 * clock that makes every turn due, both points yield, and the figures are those computed with a
 * clock that never makes a turn due (the work in one piece). No assertion reads a time.
 */
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PeriodFiguresDto } from '../../../shared/ipc/contracts/period.contract';
import { HostTurns } from '../../../electron/backend/jobs/jobs';
import { GROUPS_PER_TURN, periodRecordStats } from '../../../electron/backend/services/period-records';
import { sliceStats } from '../../../electron/backend/services/period-slices';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { activityApi, sampleRecords, setupGiaVien, type RecordInput } from './activities-records';

const tmp = useTempDir('antq-period-turns-');
let t: TestBackend;

const TEN_YEARS = { from: '2017-01-01', to: '2026-12-31', unitId: null };
const TIPS = 3_000;

/** Day `i` of the year as an ISO date (i < 365). */
const dayOf = (year: number, i: number) => new Date(Date.UTC(year, 0, 1 + i)).toISOString().slice(0, 10);

beforeEach(async () => {
  t = await startBackend(tmp.path());
  await setupGiaVien(t);
  const units = await t.call('units.list', { includeEnded: false });
  const root = units.find((u) => u.parentId === null)!;
  const communes = units.filter((u) => u.parentId === root.id);
  const api = activityApi(t);
  // Criminal tips group by their dates: each of these is a group of its own (receivedOn, resolvedOn, extensions).
  const tips: RecordInput<'tips'>[] = Array.from({ length: TIPS }, (_, i) => {
    // i = 720·k + 2·day + (year − 2025): each tip its own (year, day, k).
    const year = 2025 + (i % 2);
    const day = Math.floor(i / 2) % 360;
    return {
      ...sampleRecords(communes[i % communes.length]!.id).tips,
      receivedOn: dayOf(year, day),
      resolvedOn: dayOf(year, day + 1 + Math.floor(i / 720)),
    };
  });
  await t.call('activities.saveMany', api.saveManyInput('tips', tips));
  const s = sampleRecords(communes[0]!.id);
  await api.save('propaganda', s.propaganda);
}, 120_000);
afterEach(() => {
  vi.restoreAllMocks();
  t.close();
});

/** The figures on a freshly opened backend with nothing kept (memory or file), under `clock`. */
async function coldFigures(clock: () => number): Promise<PeriodFiguresDto> {
  t.close();
  const conn = new BetterSqlite3(t.backend.databasePath);
  conn.exec('DELETE FROM stored_reads');
  conn.close();
  t = await startBackend(tmp.path(), t.clock.stamp());
  const spy = vi.spyOn(performance, 'now').mockImplementation(clock);
  try {
    return await t.call('period.figures', TEN_YEARS);
  } finally {
    spy.mockRestore();
  }
}

describe('period figures in turns', () => {
  it('yields while making and adding the groups of one statement, with the same figures', async () => {
    // A clock that never moves: no turn is ever due, the groups are made and added in one piece.
    const still = await coldFigures(() => 1_000);
    const groupsBefore = sliceStats.kept;
    const checkpointsBefore = periodRecordStats.checkpointsInSlices;
    const takes = vi.spyOn(HostTurns.prototype, 'take');
    // A clock that runs 100 ms between two readings: every turn is due.
    let now = 0;
    const racing = await coldFigures(() => (now += 100));
    expect(racing).toEqual(still);
    expect(racing.activities.current['tips.total'] + racing.activities.previous['tips.total']).toBe(TIPS);

    // The tips' groups of the ten years and the ten before: one group per tip here.
    const groups = sliceStats.kept - groupsBefore;
    expect(groups).toBeGreaterThan(2 * GROUPS_PER_TURN);
    // countedGroupsByYear took a turn every 256 rows of its statement (the clock is read every 256).
    expect(takes.mock.calls.length).toBeGreaterThanOrEqual(Math.floor(TIPS / 256) - 1);
    // Each slice of 1.500 tips (2025, 2026) has a checkpoint inside it.
    expect(periodRecordStats.checkpointsInSlices - checkpointsBefore).toBeGreaterThanOrEqual(Math.floor(TIPS / 2 / GROUPS_PER_TURN) * 2);
  }, 120_000);
});
