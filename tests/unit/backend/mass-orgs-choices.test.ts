/**
 * massOrgs.choices (issue 16: no list sends more than a screen plus a page): the entry grid's team
 * column asks for what is typed instead of loading every mediation team of the file. The answer must
 * be what the grid's type-ahead found in the whole list (massOrgs.list of the kind, labelled as the
 * grid labelled it before: the name, with the unit's name where two teams share a name) — the same
 * choices in the same order, cut to the page — for searches with and without diacritics; at most
 * `limit` rows, `more` when others match; the teams of every unit of the file, ended ones included,
 * never a deleted one nor one of another kind.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MassOrgDto } from '../../../shared/ipc/contracts/mass-orgs.contract';
import { MASS_ORG_CHOICES_MAX } from '../../../shared/ipc/contracts/mass-orgs.contract';
import type { UnitDto } from '../../../shared/ipc/contract';
import { BUILT_IN_KINDS } from '../../../shared/domain/mass-orgs';
import { EMPTY_FILTER } from '../../../shared/domain/registries';
import { compareVietnamese, foldVietnamese } from '../../../shared/lib/text';
import { ChoiceIndex, type Choice } from '../../../shared/lib/tsv';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { GIA_VIEN_SETUP } from '../../support/offices';

const START = '2026-11-22T03:00:00.000Z';
const kindId = (code: string) => BUILT_IN_KINDS.find((k) => k.code === code)!.id;
const TEAM = kindId('to_hoa_giai');
const OTHER = kindId('to_tu_quan');

const tmp = useTempDir('antq-massorgs-choices-');
let t: TestBackend;
let teams: MassOrgDto[];

async function byName(name: string): Promise<UnitDto> {
  const found = (await t.call('units.list', { includeEnded: true })).filter((u) => u.name === name);
  if (found.length !== 1) throw new Error(`expected one unit named ${name}`);
  return found[0]!;
}

function org(unitId: string, kind: string, name: string): Promise<MassOrgDto> {
  return t.call('massOrgs.create', {
    kindId: kind,
    unitId,
    name,
    decisionIssuer: '',
    decisionNumber: '',
    decisionDate: null,
    validFrom: '2024-07-01',
    note: '',
  });
}

beforeEach(async () => {
  t = await startBackend(tmp.path(), START);
  await t.call('office.setup', GIA_VIEN_SETUP);
  const hoa = await byName('Xã Gia Hòa');
  const hung = await byName('Xã Gia Hưng');
  const thon = (parentId: string, name: string) =>
    t.call('units.create', { parentId, name, kind: 'thon', code: null, validFrom: '2020-01-01' });
  const dong = await thon(hung.id, 'Thôn Đông');
  const thon1 = await thon(hoa.id, 'Thôn 1');
  teams = [
    await org(dong.id, TEAM, 'Tổ hòa giải thôn Đông'),
    await org(thon1.id, TEAM, 'Tổ hòa giải thôn 1'),
    // Two teams of one name, in two communes: each label names its unit.
    await org(hoa.id, TEAM, 'Tổ hòa giải số 1'),
    await org(hung.id, TEAM, 'TỔ HÒA GIẢI SỐ 1'),
    await org(hung.id, TEAM, 'Tổ hòa giải (liên thôn) Gia Hưng'),
  ];
  // Enough teams for a page to be cut.
  for (let i = 2; i <= 70; i++) teams.push(await org(hoa.id, TEAM, `Tổ hòa giải xóm ${i}`));
  await t.call('massOrgs.end', { id: teams[1]!.id, validTo: '2025-06-30', reason: 'Giải thể' });
  const gone = await org(hoa.id, TEAM, 'Tổ hòa giải thôn Đông cũ');
  await t.call('massOrgs.delete', { id: gone.id });
  await org(dong.id, OTHER, 'Tổ tự quản thôn Đông');
});
afterEach(() => t.close());

/** What the grid offered before: the whole kind from massOrgs.list, labelled and ordered as it labelled them. */
async function wholeList(): Promise<Choice[]> {
  const units = await t.call('units.list', { includeEnded: true });
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const rows = (await t.call('massOrgs.list', { ...EMPTY_FILTER, kind: TEAM })).rows;
  const sorted = [...rows].sort((a, b) => compareVietnamese(a.name, b.name));
  const count = new Map<string, number>();
  for (const r of sorted) count.set(foldVietnamese(r.name), (count.get(foldVietnamese(r.name)) ?? 0) + 1);
  return sorted.map((r) => {
    const ctx = unitName.get(r.unitId) ?? null;
    const label = (count.get(foldVietnamese(r.name)) ?? 0) > 1 && ctx ? `${r.name} (${ctx})` : r.name;
    return { value: r.id, label, keys: [ctx ?? ''] };
  });
}

const ask = (search: string, limit = MASS_ORG_CHOICES_MAX) => t.call('massOrgs.choices', { kindId: TEAM, search, limit });

describe('massOrgs.choices', () => {
  it('answers what the whole list offered for each typed text, in its order, cut to the page', async () => {
    const whole = new ChoiceIndex(await wholeList());
    expect(whole.size).toBe(74);
    for (const text of [
      '',
      'hoa',
      'dong',
      'Đông',
      'thon dong',
      'so 1',
      'SỐ 1',
      'gia hung',
      'xom 7',
      '(lien',
      ')',
      '|',
      'xyz',
      'Tổ hòa giải xóm 70',
    ]) {
      for (const limit of [1, 8, MASS_ORG_CHOICES_MAX]) {
        const expected = whole.search(text, 1000);
        const got = await ask(text, limit);
        expect(
          got.rows.map((r) => ({ value: r.id, label: r.label })),
          `"${text}" (limit ${limit})`,
        ).toEqual(expected.slice(0, limit).map((c) => ({ value: c.value, label: c.label })));
        expect(got.more, `"${text}" (limit ${limit})`).toBe(expected.length > limit);
      }
    }
  });

  it('finds a team without its diacritics, in another commune, ended ones too; never a deleted one or another kind', async () => {
    const dong = await ask('to hoa giai thon dong');
    expect(dong.rows).toEqual([
      {
        id: teams[0]!.id,
        name: 'Tổ hòa giải thôn Đông',
        unitId: teams[0]!.unitId,
        unitName: 'Thôn Đông',
        validTo: null,
        label: 'Tổ hòa giải thôn Đông',
      },
    ]);
    expect(dong.more).toBe(false);
    // The ended team is offered as the list offered it.
    expect((await ask('thon 1')).rows.map((r) => [r.label, r.validTo])).toEqual([['Tổ hòa giải thôn 1', '2025-06-30']]);
    // Same name in two communes: told apart by the unit, found by it.
    expect((await ask('so 1 gia hung')).rows.map((r) => r.label)).toEqual(['TỔ HÒA GIẢI SỐ 1 (Xã Gia Hưng)']);
    expect((await ask('to hoa giai so 1')).rows.map((r) => r.label)).toEqual(
      expect.arrayContaining(['Tổ hòa giải số 1 (Xã Gia Hòa)', 'TỔ HÒA GIẢI SỐ 1 (Xã Gia Hưng)']),
    );
    expect((await ask('to hoa giai so 1')).rows).toHaveLength(2);
    // A deleted team and a team of another kind are never offered.
    expect((await ask('cu')).rows).toEqual([]);
    expect((await ask('tu quan')).rows).toEqual([]);
  });

  it('never answers more than a page, and refuses a larger limit', async () => {
    const all = await ask('');
    expect(all.rows).toHaveLength(MASS_ORG_CHOICES_MAX);
    expect(all.more).toBe(true);
    expect((await ask('xom', 5)).rows).toHaveLength(5);
    const refused = await t.fail('massOrgs.choices', { kindId: TEAM, search: 'xom', limit: MASS_ORG_CHOICES_MAX + 1 });
    expect(refused.code).toBe('VALIDATION');
  });

  it('sees a team created after an earlier answer', async () => {
    expect((await ask('thon tay')).rows).toEqual([]);
    const tay = await org(teams[0]!.unitId, TEAM, 'Tổ hòa giải thôn Tây');
    expect((await ask('thon tay')).rows.map((r) => r.id)).toEqual([tay.id]);
  });
});

describe("massOrgs.choices near a record's unit (a form's team picker)", () => {
  const near = (nearUnitId: string | null, search = '') =>
    t.call('massOrgs.choices', { kindId: TEAM, search, limit: MASS_ORG_CHOICES_MAX, nearUnitId });

  it('offers the teams of the unit, of the units above it and of the units below it, no other', async () => {
    const root = (await t.call('units.list', { includeEnded: true })).find((u) => u.parentId === null)!;
    const district = await org(root.id, TEAM, 'Tổ hòa giải liên xã');
    const dong = teams[0]!.unitId;
    // Thôn Đông (under Xã Gia Hưng): its own team, Gia Hưng's two, the district's; none of Gia Hòa's.
    expect((await near(dong)).rows.map((r) => r.label)).toEqual([
      'Tổ hòa giải (liên thôn) Gia Hưng',
      'Tổ hòa giải liên xã',
      'TỔ HÒA GIẢI SỐ 1 (Xã Gia Hưng)',
      'Tổ hòa giải thôn Đông',
    ]);
    // Xã Gia Hòa: its own 70, Thôn 1's (ended, still offered) and the district's; cut to a page.
    const hoa = await byName('Xã Gia Hòa');
    const page = await near(hoa.id);
    expect(page.rows).toHaveLength(MASS_ORG_CHOICES_MAX);
    expect(page.more).toBe(true);
    const typed = await near(hoa.id, 'thon');
    expect(typed.rows.map((r) => r.label)).toEqual(['Tổ hòa giải thôn 1']);
    expect((await near(hoa.id, 'lien xa')).rows.map((r) => r.id)).toEqual([district.id]);
    expect((await near(hoa.id, 'gia hung')).rows).toEqual([]);
    // Every team near Gia Hòa, page by page of typed text: none of Gia Hưng's.
    const hung = await byName('Xã Gia Hưng');
    const seen = (await near(hoa.id, 'so 1')).rows;
    expect(seen.map((r) => r.unitId)).toEqual([hoa.id]);
    expect(seen.some((r) => r.unitId === hung.id)).toBe(false);
    // No unit: the whole office, as the grid asks.
    expect((await near(null, 'so 1')).rows).toHaveLength(2);
  });

  it('refuses a unit that does not exist, with a Vietnamese message', async () => {
    const refused = await t.fail('massOrgs.choices', {
      kindId: TEAM,
      search: '',
      limit: 5,
      nearUnitId: '00000000-0000-4000-8000-000000000000',
    });
    expect(refused.code).toBe('NOT_FOUND');
    expect(refused.message).toContain('Không tìm thấy đơn vị');
  });
});

describe('massOrgs.choicesByIds', () => {
  it('answers the given organisations in the order asked, labelled as the choices are; a deleted one is left out', async () => {
    const other = (await t.call('massOrgs.list', { ...EMPTY_FILTER, kind: OTHER })).rows[0]!;
    const gone = await org(teams[0]!.unitId, TEAM, 'Tổ hòa giải sẽ xóa');
    await t.call('massOrgs.delete', { id: gone.id });
    const got = await t.call('massOrgs.choicesByIds', { ids: [teams[3]!.id, gone.id, teams[1]!.id, other.id] });
    expect(got.map((c) => [c.id, c.label, c.validTo])).toEqual([
      [teams[3]!.id, 'TỔ HÒA GIẢI SỐ 1 (Xã Gia Hưng)', null],
      [teams[1]!.id, 'Tổ hòa giải thôn 1', '2025-06-30'],
      [other.id, 'Tổ tự quản thôn Đông', null],
    ]);
    // The same choice as massOrgs.choices gives for it.
    const [asked] = (await ask('so 1 gia hung')).rows;
    expect(got[0]).toEqual(asked);
    const refused = await t.fail('massOrgs.choicesByIds', { ids: [] });
    expect(refused.code).toBe('VALIDATION');
  });
});
