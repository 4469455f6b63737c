/**
 * Each cached block of the period figures and the overview is keyed on the tables it reads
 * (services/read-tables.ts): an edit in one of them changes the figure at once; an edit in a table
 * the block does not read leaves it cached. Observed through `readStats.computed` (how many times
 * each block was computed) on Gia Viễn, through the contract.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UnitDto } from '../../../shared/ipc/contract';
import { readStats } from '../../../electron/backend/services/read-cache';
import { BLOCK_TABLES } from '../../../electron/backend/services/read-tables';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { organizationInput } from '../../support/offices';
import { registrationInput } from '../../support/evaluation-inputs';
import { editOutsideApp } from '../../support/sqlite';
import { activityApi, sampleRecords, setupGiaVien } from './activities-records';

const tmp = useTempDir('antq-block-keys-');
let t: TestBackend;
let hoa: UnitDto;

const BLOCKS = Object.keys(BLOCK_TABLES);
type Counts = Record<string, number>;
const snapshot = (): Counts => Object.fromEntries(BLOCKS.map((b) => [b, readStats.computed[b] ?? 0]));
/** The blocks computed since `before` (names only). */
const recomputed = (before: Counts): string[] => BLOCKS.filter((b) => (readStats.computed[b] ?? 0) > before[b]!).sort();

const YEAR = { from: '2026-01-01', to: '2026-12-31', unitId: null };
const figures = () => t.call('period.figures', YEAR);
const overview = () => t.call('registry.overview', YEAR);

beforeEach(async () => {
  t = await startBackend(tmp.path());
  const byName = await setupGiaVien(t);
  hoa = byName('Xã Gia Hòa');
}, 60_000);
afterEach(() => t.close());

/** One self-managed model ("Dòng họ tự quản", founded 1 March 2026) in Hòa, of the first model type. */
async function createModel(): Promise<void> {
  const type = (await t.call('modelTypes.list', { includeInactive: false }))[0]!;
  await t.call('models.create', {
    name: 'Dòng họ tự quản',
    typeId: type.id,
    originUnitId: hoa.id,
    originLevel: 'xa',
    foundedOn: '2026-03-01',
    status: 'hoat_dong',
    note: null,
  });
}

describe('cached blocks keyed on the tables they read', () => {
  it('an activity record changes the figures and recomputes no block; the overview stays cached', async () => {
    const first = await figures();
    const view = await overview();
    const at = snapshot();
    await activityApi(t).save('propaganda', sampleRecords(hoa.id).propaganda);
    const after = await figures();
    expect(after.activities.current['propaganda.sessions']).toBe(first.activities.current['propaganda.sessions'] + 1);
    expect(await overview()).toEqual(view);
    expect(recomputed(at)).toEqual([]);
  });

  it('a leadership document recomputes the report inputs alone', async () => {
    const first = await figures();
    await overview();
    const at = snapshot();
    await t.call('leadershipDocs.save', {
      id: null,
      unitId: hoa.id,
      issuedOn: '2026-03-02',
      docType: 'ke_hoach',
      number: '15/KH-UBND',
      title: 'Về công tác bảo đảm an ninh, trật tự',
      note: null,
    });
    expect((await figures()).report.current['leadership.total']).toBe(first.report.current['leadership.total'] + 1);
    await overview();
    expect(recomputed(at)).toEqual(['period.reportInputs']);
  });

  it('a model recomputes the world, the registry blocks and the overview, not the frame, report inputs or registrations', async () => {
    const first = await figures();
    const view = await overview();
    const at = snapshot();
    await createModel();
    expect((await figures()).registry.current.models.models).toBe(first.registry.current.models.models + 1);
    expect((await overview()).models.models).toBe(view.models.models + 1);
    expect(recomputed(at)).toEqual(['models.world', 'period.registryBlock', 'registry.overview']);
  });

  it('an organisation and its registration: the blocks that read organisations, then the registrations', async () => {
    const first = await figures();
    const view = await overview();
    let at = snapshot();
    const school = await t.call('organizations.create', organizationInput(hoa.id, 'Trường THCS Gia Hòa', { validFrom: '2010-01-01' }));
    const withSchool = await figures();
    expect(withSchool.registry.current.organizations.total).toBe(first.registry.current.organizations.total + 1);
    expect((await overview()).organizations.total).toBe(view.organizations.total + 1);
    expect(recomputed(at)).toEqual(['period.registryBlock', 'period.reportInputs', 'registrations.block', 'registry.overview']);

    at = snapshot();
    await t.send('evaluation.register', registrationInput('organization', school.id, 2026));
    const registered = (await figures()).registrations.figures.groups.co_so_giao_duc;
    expect(registered.registered).toBe(withSchool.registrations.figures.groups.co_so_giao_duc.registered + 1);
    await overview();
    expect(recomputed(at)).toEqual(['registrations.block', 'registry.overview']);
  });

  it("a unit's households recompute the overview alone; a new commune recomputes every block that reads units", async () => {
    await figures();
    const view = await overview();
    let at = snapshot();
    await t.call('unitStats.upsert', { rows: [{ unitId: hoa.id, year: 2026, households: 4321, residents: 12345, trongDiem: false }] });
    await figures();
    const after = await overview();
    expect(after.perUnit.find((u) => u.unitId === hoa.id)!.territory.households).toBe(4321);
    expect(after.territory.households).not.toBe(view.territory.households);
    expect(recomputed(at)).toEqual(['registry.overview']);

    at = snapshot();
    const rootId = (await t.call('units.list', { includeEnded: false })).find((u) => u.parentId === null)!.id;
    await t.call('units.create', { parentId: rootId, name: 'Xã Gia Mới', kind: 'xa', code: null, validFrom: '2020-01-01' });
    expect((await figures()).perUnit.map((r) => r.name)).toContain('Xã Gia Mới');
    expect((await overview()).perUnit.map((r) => r.name)).toContain('Xã Gia Mới');
    expect(recomputed(at)).toEqual(BLOCKS.slice().sort());
  });
});

describe("after a restart: the models' world read only when a registry block is computed", () => {
  const restart = async () => {
    t.close();
    t = await startBackend(tmp.path(), t.clock.stamp());
  };
  /** The figures computed with nothing kept in memory or in the file (the oracle). */
  const cold = async () => {
    const path = t.backend.databasePath;
    t.close();
    editOutsideApp(path, (db) => db.exec('DELETE FROM stored_reads'));
    t = await startBackend(tmp.path(), t.clock.stamp());
    return figures();
  };

  it('a propaganda edit after a restart: the figure changes, the registry blocks read back from the file, the world not read', async () => {
    const first = await figures();
    await restart();
    expect(await figures()).toEqual(first);
    const at = snapshot();
    await activityApi(t).save('propaganda', { ...sampleRecords(hoa.id).propaganda, date: '2026-04-04', attendance: 250 });
    const after = await figures();
    expect(after.activities.current['propaganda.sessions']).toBe(first.activities.current['propaganda.sessions'] + 1);
    expect(after.activities.current['propaganda.attendance']).toBe(first.activities.current['propaganda.attendance'] + 250);
    expect(after.registry).toEqual(first.registry);
    // The frame is kept in memory only (read again after every restart); the world is not read at all.
    expect(recomputed(at)).toEqual(['period.frame']);
    expect(await cold()).toEqual(after);
  });

  it("a model created after a restart: the world read once for both periods' blocks, the new model counted", async () => {
    const first = await figures();
    await restart();
    await figures();
    const at = snapshot();
    await createModel();
    const after = await figures();
    expect(after.registry.current.models.models).toBe(first.registry.current.models.models + 1);
    expect(after.registry.current.newModels.map((m) => m.name)).toContain('Dòng họ tự quản');
    expect(recomputed(at)).toEqual(['models.world', 'period.frame', 'period.registryBlock']);
    expect(readStats.computed['models.world']! - at['models.world']!).toBe(1);
    expect(readStats.computed['period.registryBlock']! - at['period.registryBlock']!).toBe(2);
    expect(await cold()).toEqual(after);
  });
});
