/**
 * The entry grid's organisation and mediation team columns (issue 16: no list sends more than a screen
 * plus a page): the grid's lookups never ask for the organisation registry (organizations.list: 8,000
 * organisations, 7.8 MB at a province) nor for every mediation team (massOrgs.list: 1,044 teams,
 * 243 KB). Opening a grid asks for nothing; a typed or pasted name asks organizations.choices or
 * massOrgs.choices for one page (at most 50), and the cell reads the name from that answer.
 * The API is replaced by a function that records every call and answers from a small registry.
 */
import { describe, expect, it } from 'vitest';
import type { OrgChoiceDto } from '../../../shared/ipc/contracts/organizations.contract';
import { ORG_CHOICES_MAX } from '../../../shared/ipc/contracts/organizations.contract';
import { foldVietnamese } from '../../../shared/lib/text';
import { ChoiceIndex } from '../../../shared/lib/tsv';
import { BUILT_IN_KINDS } from '../../../shared/domain/mass-orgs';
import { MASS_ORG_CHOICES_MAX, type MassOrgChoiceDto } from '../../../shared/ipc/contracts/mass-orgs.contract';
import { ACTIVITY_KINDS } from '../../../shared/domain/activities';
import { loadGridLookups, teamChoiceOf } from '../../../renderer/src/features/activities/grid/lookups';
import { RemoteOrgChoices } from '../../../renderer/src/features/activities/grid/org-choices';
import { gridFields } from '../../../renderer/src/features/activities/layout';

const REGISTRY: OrgChoiceDto[] = [
  ...Array.from({ length: 120 }, (_, i) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    name: `Trường Tiểu học số ${i + 1}`,
    unitId: 'u1',
    unitName: 'Xã Gia Hòa',
    validTo: null,
  })),
  { id: '00000000-0000-4000-9000-000000000001', name: 'Trường THCS Kim Đồng', unitId: 'u1', unitName: 'Xã Gia Hòa', validTo: null },
  { id: '00000000-0000-4000-9000-000000000002', name: 'Trường THCS Kim Đồng', unitId: 'u2', unitName: 'Xã Gia Hưng', validTo: null },
];

/** Mediation teams as massOrgs.choices labels them (two of one name, told apart by their units). */
const TEAMS: MassOrgChoiceDto[] = [
  ...Array.from({ length: 70 }, (_, i) => ({
    id: `00000000-0000-4000-a000-${String(i).padStart(12, '0')}`,
    name: `Tổ hòa giải xóm ${i + 1}`,
    unitId: 'u1',
    unitName: 'Xã Gia Hòa',
    validTo: null,
    label: `Tổ hòa giải xóm ${i + 1}`,
  })),
  {
    id: '00000000-0000-4000-b000-000000000001',
    name: 'Tổ hòa giải thôn Đông',
    unitId: 'u1',
    unitName: 'Xã Gia Hòa',
    validTo: null,
    label: 'Tổ hòa giải thôn Đông (Xã Gia Hòa)',
  },
  {
    id: '00000000-0000-4000-b000-000000000002',
    name: 'Tổ hòa giải thôn Đông',
    unitId: 'u2',
    unitName: 'Xã Gia Hưng',
    validTo: null,
    label: 'Tổ hòa giải thôn Đông (Xã Gia Hưng)',
  },
];

const TEAM_KIND = BUILT_IN_KINDS.find((k) => k.code === 'to_hoa_giai')!.id;

type Recorded = { method: string; input: Record<string, unknown> };

/** The API as the grid calls it: records each call, answers organizations.choices from REGISTRY. */
function fakeApi() {
  const calls: Recorded[] = [];
  const call = ((method: string, input: Record<string, unknown>) => {
    calls.push({ method, input });
    if (method === 'organizations.choices') {
      const words = foldVietnamese(String(input['search'])).split(' ').filter(Boolean);
      const limit = Number(input['limit']);
      const hits = REGISTRY.filter((o) => words.every((w) => foldVietnamese(o.name).includes(w)));
      return Promise.resolve({ rows: hits.slice(0, limit), more: hits.length > limit });
    }
    if (method === 'massOrgs.choices') {
      const limit = Number(input['limit']);
      const hits = new ChoiceIndex(TEAMS.map(teamChoiceOf)).search(String(input['search']), limit + 1);
      const rows = hits.map((c) => TEAMS.find((tm) => tm.id === c.value)!);
      return Promise.resolve({ rows: rows.slice(0, limit), more: rows.length > limit });
    }
    return Promise.reject(new Error(`not expected: ${method}`));
  }) as unknown as Parameters<typeof loadGridLookups>[2];
  return { call, calls };
}

describe('the entry grid never loads the organisation registry', () => {
  it.each([...ACTIVITY_KINDS])('opening a %s grid asks for nothing (no organisation, no mediation team)', async (kind) => {
    const api = fakeApi();
    const { org, team } = await loadGridLookups(kind, [], api.call, () => undefined);
    const hasOrg = gridFields(kind).some((f) => f.type === 'org');
    const hasTeam = gridFields(kind).some((f) => f.type === 'team');
    expect(api.calls).toEqual([]);
    // An organisation column (none in today's layouts) gets the lookup that asks, holding nothing yet.
    expect(org === null).toBe(!hasOrg);
    expect(org?.size ?? 0).toBe(0);
    // So does the team column (mediations): no team is held before one is typed.
    expect(team === null).toBe(!hasTeam);
    expect(team?.size ?? 0).toBe(0);
  });

  it('the organisation lookup asks for one page per typed name, and the cell reads the name from the answer', async () => {
    const api = fakeApi();
    const ask = (search: string) => api.call('organizations.choices', { unitId: null, unitOnly: false, search, limit: ORG_CHOICES_MAX });
    const org = new RemoteOrgChoices(ask);
    // Nothing answered yet: not read, but asked.
    expect(org.resolve('truong tieu hoc')).toBeNull();
    await org.ensure(['truong tieu hoc']);
    expect(api.calls).toEqual([
      { method: 'organizations.choices', input: { unitId: null, unitOnly: false, search: 'truong tieu hoc', limit: ORG_CHOICES_MAX } },
    ]);
    expect(org.size).toBe(ORG_CHOICES_MAX);
    expect(org.search('so 7', 8).map((c) => c.label)).toContain('Trường Tiểu học số 7 (Xã Gia Hòa)');
    expect(org.resolve('Trường Tiểu học số 7')?.value).toBe('00000000-0000-4000-8000-000000000006');
    // A text already asked is not asked again.
    await org.ensure(['TRƯỜNG TIỂU HỌC']);
    expect(api.calls).toHaveLength(1);

    // Two organisations of one name: each label names its unit, and picks that one.
    let told = 0;
    org.subscribe(() => told++);
    await org.ensure(['Trường THCS Kim Đồng']);
    expect(told).toBe(1);
    expect(org.resolve('Trường THCS Kim Đồng (Xã Gia Hưng)')?.value).toBe('00000000-0000-4000-9000-000000000002');
    expect(org.search('kim dong', 8).map((c) => c.label)).toEqual([
      'Trường THCS Kim Đồng (Xã Gia Hòa)',
      'Trường THCS Kim Đồng (Xã Gia Hưng)',
    ]);
    // Every call asked for a page at most; none asked for the registry.
    expect(api.calls.map((c) => c.method)).toEqual(['organizations.choices', 'organizations.choices']);
    expect(api.calls.every((c) => Number(c.input['limit']) <= ORG_CHOICES_MAX)).toBe(true);
  });

  it('the team lookup asks massOrgs.choices for one page per typed name and reads the team from the answer', async () => {
    const api = fakeApi();
    const { team } = await loadGridLookups('mediations', [], api.call, () => undefined);
    expect(team).not.toBeNull();
    expect(team!.resolve('thon dong')).toBeNull();
    await team!.ensure(['thon dong']);
    expect(api.calls).toEqual([
      { method: 'massOrgs.choices', input: { kindId: TEAM_KIND, search: 'thon dong', limit: MASS_ORG_CHOICES_MAX } },
    ]);
    expect(team!.search('thon dong', 8).map((c) => c.label)).toEqual([
      'Tổ hòa giải thôn Đông (Xã Gia Hòa)',
      'Tổ hòa giải thôn Đông (Xã Gia Hưng)',
    ]);
    expect(team!.resolve('Tổ hòa giải thôn Đông (Xã Gia Hưng)')?.value).toBe('00000000-0000-4000-b000-000000000002');
    // A page at most, whatever matches.
    await team!.ensure(['xom']);
    expect(team!.size).toBe(2 + MASS_ORG_CHOICES_MAX);
    expect(api.calls.every((c) => c.method === 'massOrgs.choices' && Number(c.input['limit']) <= MASS_ORG_CHOICES_MAX)).toBe(true);
  });
});
