/**
 * The read cache of the period figures (issue 16 item 4, services/read-cache.ts): the report inputs,
 * the models' world, the registry blocks and the registration figures are computed once per
 * generation of the tables; every commit through the contract makes them stale (a test per cache
 * changes a record and sees the figure change), and a restore (a new file) drops them.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UnitDto } from '../../../shared/ipc/contract';
import type { ServiceContext } from '../../../electron/backend/context';
import { TableGenerations } from '../../../electron/backend/db/generations';
import { cachedRead } from '../../../electron/backend/services/read-cache';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { GIA_VIEN_SETUP, organizationInput } from '../../support/offices';
import { registrationInput } from '../../support/evaluation-inputs';

describe('cachedRead', () => {
  const counting = () => {
    let calls = 0;
    return { compute: () => Promise.resolve(++calls), calls: () => calls };
  };

  it('computes once per name, arguments and generation; a commit on any table recomputes', async () => {
    const generations = new TableGenerations();
    const ctx = { generations } as unknown as ServiceContext;
    const c = counting();
    expect(await cachedRead(ctx, 'x', [2026], c.compute)).toBe(1);
    expect(await cachedRead(ctx, 'x', [2026], c.compute)).toBe(1);
    expect(await cachedRead(ctx, 'x', [2025], c.compute)).toBe(2);
    expect(await cachedRead(ctx, 'y', [2026], c.compute)).toBe(3);
    generations.touched([{ table: 'leadership_documents', ids: ['a'], count: 1 }]);
    expect(await cachedRead(ctx, 'x', [2026], c.compute)).toBe(4);
    generations.touched([{ table: 'propaganda_sessions', ids: ['b'], count: 1 }]);
    expect(await cachedRead(ctx, 'x', [2026], c.compute)).toBe(5);
    generations.bumpAll();
    expect(await cachedRead(ctx, 'x', [2026], c.compute)).toBe(6);
    expect(c.calls()).toBe(6);
  });

  it('caches nothing without generations, and never a failure', async () => {
    const c = counting();
    const bare = {} as unknown as ServiceContext;
    await cachedRead(bare, 'x', [], c.compute);
    await cachedRead(bare, 'x', [], c.compute);
    expect(c.calls()).toBe(2);
    const ctx = { generations: new TableGenerations() } as unknown as ServiceContext;
    await expect(cachedRead(ctx, 'z', [], () => Promise.reject(new Error('hỏng')))).rejects.toThrow('hỏng');
    expect(await cachedRead(ctx, 'z', [], () => Promise.resolve('lần hai'))).toBe('lần hai');
  });
});

const tmp = useTempDir('antq-period-cache-');
let t: TestBackend;

beforeEach(async () => {
  t = await startBackend(tmp.path());
  await t.call('office.setup', GIA_VIEN_SETUP);
});
afterEach(() => t.close());

async function unit(name: string): Promise<UnitDto> {
  const found = (await t.call('units.list', { includeEnded: true })).filter((u) => u.name === name);
  if (found.length !== 1) throw new Error(`expected one unit named ${name}, found ${found.length}`);
  return found[0]!;
}

const YEAR = { from: '2026-01-01', to: '2026-12-31', unitId: null };
const figures = () => t.call('period.figures', YEAR);

describe('period figures through the cache', () => {
  it('a repeated call gives the same figures; each cached block follows an edit at once', async () => {
    const hoa = await unit('Xã Gia Hòa');
    const first = await figures();
    expect(await figures()).toEqual(first);

    // Report inputs: a leadership document of the year.
    await t.call('leadershipDocs.save', {
      id: null,
      unitId: hoa.id,
      issuedOn: '2026-03-02',
      docType: 'ke_hoach',
      number: '15/KH-UBND',
      title: 'Về công tác bảo đảm an ninh, trật tự',
      note: null,
    });
    const withDoc = await figures();
    expect(withDoc.report.current['leadership.total']).toBe(first.report.current['leadership.total'] + 1);

    // The models' world and the registry block: a model founded in the year.
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
    const withModel = await figures();
    expect(withModel.registry.current.models.models).toBe(withDoc.registry.current.models.models + 1);
    expect(withModel.registry.current.newModels.map((m) => m.name)).toContain('Dòng họ tự quản');

    // The registry block: an organisation.
    const school = await t.call('organizations.create', organizationInput(hoa.id, 'Trường THCS Gia Hòa', { validFrom: '2010-01-01' }));
    const withSchool = await figures();
    expect(withSchool.registry.current.organizations.total).toBe(withModel.registry.current.organizations.total + 1);

    // The registration figures: the school registers for 2026.
    const before = withSchool.registrations.figures.groups.co_so_giao_duc;
    await t.send('evaluation.register', registrationInput('organization', school.id, 2026));
    const registered = (await figures()).registrations.figures.groups.co_so_giao_duc;
    expect(registered.registered).toBe(before.registered + 1);

    // A deletion is an edit too.
    await t.call('organizations.delete', { id: school.id });
    expect((await figures()).registry.current.organizations.total).toBe(withModel.registry.current.organizations.total);
  });

  it('the units, scope and breakdown follow an edit of the unit tree and of the counting rules', async () => {
    const before = await figures();
    const rootId = (await t.call('units.list', { includeEnded: false })).find((u) => u.parentId === null)!.id;
    await t.call('units.create', { parentId: rootId, name: 'Xã Gia Mới', kind: 'xa', code: null, validFrom: '2020-01-01' });
    const after = await figures();
    expect(after.perUnit.map((r) => r.name)).toContain('Xã Gia Mới');
    expect(after.perUnit).toHaveLength(before.perUnit.length + 1);

    const settings = await t.call('period.settings', {});
    const categories = settings.categories.map((c) => (c.category === 'toi_pham_nghiem_trong' ? { ...c, grave: true } : c));
    await t.call('period.saveSettings', { statYearStart: settings.statYearStart, categories, by: 'Đại úy Lê Minh' });
    expect(after.graveList).not.toContain('tội phạm nghiêm trọng;');
    expect((await figures()).graveList).toContain('tội phạm nghiêm trọng');
    expect((await figures()).graveList).not.toBe(after.graveList);
  });

  it('a restore drops what the cache held for the file before', async () => {
    const hoa = await unit('Xã Gia Hòa');
    const made = await t.call('backups.create', {});
    const empty = await figures();
    await t.call('organizations.create', organizationInput(hoa.id, 'Trường THCS Gia Hòa', { validFrom: '2010-01-01' }));
    expect((await figures()).registry.current.organizations.total).toBe(empty.registry.current.organizations.total + 1);
    await t.call('backups.restore', { id: made.id });
    expect((await figures()).registry.current.organizations.total).toBe(empty.registry.current.organizations.total);
  });
});
