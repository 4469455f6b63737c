/**
 * organizations.choices / organizations.choicesByIds (issue 16: an organisation picker never receives
 * the whole registry): the choices for a search are the organisations organizations.list finds for the
 * same search and unit (diacritics ignored), in Vietnamese order of names, at most `limit` with
 * `more` telling whether others match; `unitOnly` keeps the unit's own; ended organisations are
 * offered (marked by validTo), deleted ones are not; a current value is found by id wherever it is.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodInput, UnitDto } from '../../../shared/ipc/contract';
import { EMPTY_FILTER } from '../../../shared/domain/registries';
import { compareVietnamese } from '../../../shared/lib/text';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { GIA_VIEN_SETUP, organizationInput } from '../../support/offices';

const START = '2026-11-22T03:00:00.000Z';
const tmp = useTempDir('antq-org-choices-');
let t: TestBackend;

beforeEach(async () => {
  t = await startBackend(tmp.path(), START);
  await t.call('office.setup', GIA_VIEN_SETUP);
});
afterEach(() => t.close());

async function unit(name: string): Promise<UnitDto> {
  const found = (await t.call('units.list', { includeEnded: true })).filter((u) => u.name === name);
  if (found.length !== 1) throw new Error(`expected one unit ${name}`);
  return found[0]!;
}

/** A primary school at commune level (the shared input, with what these tests need). */
const school = (name: string, unitId: string) =>
  organizationInput(unitId, name, { subKind: 'tieu_hoc', managingLevel: 'xa', subUnitCount: 3 });

const NAMES = ['Trường THCS Gia Hòa', 'Trường Tiểu học Gia Hòa', 'Trường Mầm non Gia Hưng', 'Trường THPT Gia Viễn A', 'Ăn uống Ánh Dương'];

async function seed() {
  const hoa = await unit('Xã Gia Hòa');
  const hung = await unit('Xã Gia Hưng');
  const ids: string[] = [];
  for (let i = 0; i < 30; i++) {
    const name = `${NAMES[i % NAMES.length]!} số ${i}`;
    ids.push((await t.call('organizations.create', school(name, i % 2 === 0 ? hoa.id : hung.id))).id);
  }
  return { hoa, hung, ids };
}

const choices = (c: Partial<MethodInput<'organizations.choices'>>) =>
  t.call('organizations.choices', { unitId: null, unitOnly: false, search: '', limit: 50, ...c });

describe('organizations.choices', () => {
  it('finds what organizations.list finds, without diacritics, in Vietnamese order', async () => {
    const s = await seed();
    const root = (await t.call('units.list', { includeEnded: true })).find((u) => u.parentId === null)!;
    for (const search of ['', 'truong gia hoa', 'TRƯỜNG GIA HÒA', 'mam non', 'an uong', 'so 1']) {
      for (const unitId of [null, s.hoa.id, root.id]) {
        const whole = await t.call('organizations.list', { ...EMPTY_FILTER, search, unitId });
        const got = await choices({ search, unitId });
        expect(new Set(got.rows.map((r) => r.id)), `${search} ${unitId}`).toEqual(new Set(whole.map((o) => o.id)));
        expect(got.more).toBe(false);
        for (let i = 1; i < got.rows.length; i++)
          expect(compareVietnamese(got.rows[i - 1]!.name, got.rows[i]!.name)).toBeLessThanOrEqual(0);
      }
    }
    const one = await choices({ search: 'mam non gia hung so 17' });
    expect(one.rows).toEqual([
      { id: s.ids[17], name: 'Trường Mầm non Gia Hưng số 17', unitId: s.hung.id, unitName: 'Xã Gia Hưng', validTo: null },
    ]);
    expect((await choices({ search: 'khong co truong nao' })).rows).toEqual([]);
  });

  it('sends at most the limit and says more match', async () => {
    await seed();
    const whole = await t.call('organizations.list', EMPTY_FILTER);
    const first = await choices({ limit: 7 });
    expect(first.rows.map((r) => r.id)).toEqual(whole.slice(0, 7).map((o) => o.id));
    expect(first.more).toBe(true);
    expect((await choices({ limit: 30 })).more).toBe(false);
    await expect(choices({ limit: 51 })).rejects.toThrow();
    await expect(choices({ limit: 0 })).rejects.toThrow();
  });

  it('keeps the unit subtree or the unit only, offers ended ones and not deleted ones', async () => {
    const s = await seed();
    const root = (await t.call('units.list', { includeEnded: true })).find((u) => u.parentId === null)!;
    expect((await choices({ unitId: root.id })).rows).toHaveLength(30);
    expect((await choices({ unitId: root.id, unitOnly: true })).rows).toHaveLength(0);
    const own = await choices({ unitId: s.hung.id, unitOnly: true });
    expect(own.rows).toHaveLength(15);
    expect(own.rows.every((r) => r.unitId === s.hung.id && r.unitName === 'Xã Gia Hưng')).toBe(true);
    await t.call('organizations.end', { id: s.ids[1]!, validTo: '2026-06-30', reason: 'Sáp nhập' });
    await t.call('organizations.delete', { id: s.ids[3]! });
    const after = await choices({ search: 'so' });
    expect(after.rows.find((r) => r.id === s.ids[1])?.validTo).toBe('2026-06-30');
    expect(after.rows.some((r) => r.id === s.ids[3])).toBe(false);
    expect(await t.call('organizations.choicesByIds', { ids: [s.ids[3]!, s.ids[1]!] })).toEqual([
      { id: s.ids[1], name: 'Trường Tiểu học Gia Hòa số 1', unitId: s.hung.id, unitName: 'Xã Gia Hưng', validTo: '2026-06-30' },
    ]);
  });

  it('gives a current value by id, in the order asked', async () => {
    const s = await seed();
    const got = await t.call('organizations.choicesByIds', { ids: [s.ids[29]!, s.ids[0]!] });
    expect(got.map((r) => [r.id, r.name])).toEqual([
      [s.ids[29], 'Ăn uống Ánh Dương số 29'],
      [s.ids[0], 'Trường THCS Gia Hòa số 0'],
    ]);
    await expect(t.call('organizations.choicesByIds', { ids: [] })).rejects.toThrow();
    await expect(
      t.call('organizations.choices', { unitId: '00000000-0000-4000-8000-000000000000', unitOnly: false, search: '', limit: 5 }),
    ).rejects.toThrow(/Không tìm thấy đơn vị/);
  });
});
