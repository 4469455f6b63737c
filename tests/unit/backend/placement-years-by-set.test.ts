/**
 * saveMany's placement years (insertActivitiesAtOnce, h21-writes): the years of the rows it inserts are
 * noted from the records it bound (placementYearsOf), not read back by key. For every activity kind,
 * the years noted in temp.placement_touch must equal those the INSERT trigger notes for the same
 * records written by the trigger's path (insertActivities) — the years the period figures' slices and
 * counters are invalidated by (issue 16 item 4).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ACTIVITY_KINDS, ACTIVITY_KIND_INFO, type ActivityKind } from '../../../shared/domain/activities';
import { ACTIVITY_INPUTS } from '../../../shared/ipc/contracts/activities.contract';
import { openDatabase, type OpenedDatabase } from '../../../electron/backend/db/open';
import { LATEST_VERSION } from '../../../electron/backend/db/migrations';
import { insertActivities, insertActivitiesAtOnce, type NewActivity } from '../../../electron/backend/repos/activities.repo';
import { installPlacementTriggers, readTouchedYears } from '../../../electron/backend/repos/placement-touch.repo';
import { startBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { giaVienCommunes, sampleRecords } from './activities-records';

const tmp = useTempDir('antq-placement-set-');
let opened: OpenedDatabase | null = null;

afterEach(() => {
  opened?.raw.close();
  opened = null;
});

const ROLLBACK = new Error('rollback');

/** The placement years one write notes in its transaction (rolled back afterwards). */
type Db = Parameters<typeof insertActivities>[0];

async function notedBy(o: OpenedDatabase, write: (trx: Db) => Promise<void>): Promise<Map<string, string[]>> {
  let years: Map<string, string[]> | null = null;
  await o.db
    .transaction()
    .execute(async (trx) => {
      await write(trx);
      years = readTouchedYears(o.raw);
      throw ROLLBACK;
    })
    .catch((err: unknown) => {
      if (err !== ROLLBACK) throw err;
    });
  if (years === null) throw new Error('no years read');
  return years;
}

describe('placement years noted from the records (saveMany)', () => {
  it('note the years the INSERT trigger notes, for every kind', async () => {
    const t = await startBackend(tmp.path());
    const communes = await giaVienCommunes(t);
    const path = t.backend.databasePath;
    t.close();
    opened = openDatabase(path, LATEST_VERSION);
    installPlacementTriggers(opened.raw);
    const o = opened;
    const years = ['2019', '2024', '2026', '2024'];
    let n = 0;
    for (const kind of ACTIVITY_KINDS as readonly ActivityKind[]) {
      const field = ACTIVITY_KIND_INFO[kind].placement;
      const records = years.map((y, i) => {
        const base = sampleRecords(communes[i % communes.length]!.id)[kind] as Record<string, unknown>;
        const placed = { ...base, [field]: field === 'year' ? Number(y) : `${y}-0${i + 1}-1${i}` };
        return ACTIVITY_INPUTS[kind].parse(placed);
      });
      const rows = (): NewActivity[] =>
        records.map((record) => ({ id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`, record }));
      const at = '2026-11-22T03:00:00.000Z';
      const byTrigger = await notedBy(o, (trx) => insertActivities(trx, kind, rows(), at));
      const fromRecords = await notedBy(o, (trx) => insertActivitiesAtOnce(trx, kind, rows(), at));
      expect(byTrigger.size, kind).toBe(1);
      expect([...byTrigger.values()][0]).toEqual(['2019', '2024', '2026']);
      expect(fromRecords, kind).toEqual(byTrigger);
    }
  }, 60_000);
});
