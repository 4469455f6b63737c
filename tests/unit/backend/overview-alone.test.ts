/**
 * The overview asked before any period figures (issue 16 item 2): it counts the members of its own
 * year alone (mass-org-figures.ts massOrgYear, one GROUP BY with the year's test in WHERE) and takes
 * the units from the models' world. Each edit shows in the next overview; the answer equals the one
 * given after a period's figures (which reads both years of the period) and a cold computation.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUILT_IN_KINDS } from '../../../shared/domain/mass-orgs';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { setupGiaVien } from './activities-records';

const tmp = useTempDir('antq-overview-alone-');
let t: TestBackend;

const kindId = (code: string) => BUILT_IN_KINDS.find((k) => k.code === code)!.id;
const YEAR = { from: '2026-01-01', to: '2026-12-31' };
const overview = () => t.call('registry.overview', { ...YEAR, unitId: null });
const member = (massOrgId: string, fullName: string, joinedOn: string) =>
  t.call('members.create', {
    massOrgId,
    fullName,
    gender: 'nam',
    birthYear: 1975,
    ethnicity: 'Kinh',
    phone: '',
    role: 'to_vien',
    joinedOn,
    note: '',
  });

beforeEach(async () => {
  t = await startBackend(tmp.path());
  await setupGiaVien(t);
}, 60_000);
afterEach(() => t.close());

describe('the overview without a period asked first', () => {
  it("counts this year's members, sees each edit, and equals the answer after the period's figures", async () => {
    const hoa = (await t.call('units.list', { includeEnded: false })).find((u) => u.name === 'Xã Gia Hòa')!;
    const view = await overview();
    const team = await t.call('massOrgs.create', {
      kindId: kindId('to_hoa_giai'),
      unitId: hoa.id,
      name: 'Tổ hòa giải thôn Tây',
      decisionIssuer: null,
      decisionNumber: null,
      decisionDate: null,
      validFrom: '2020-01-01',
      note: null,
    });
    const withTeam = await overview();
    expect(withTeam.massOrgs.organizations).toBe(view.massOrgs.organizations + 1);
    expect(withTeam.massOrgs.members).toBe(view.massOrgs.members);

    // Joined this year: counted; joined next year: not counted in 2026.
    await member(team.id, 'Lê Văn Tây', '2026-04-01');
    const joined = await overview();
    expect(joined.massOrgs.members).toBe(view.massOrgs.members + 1);
    await member(team.id, 'Lê Văn Nam', '2027-02-01');
    const later = await overview();
    expect(later.massOrgs.members).toBe(view.massOrgs.members + 1);
    const row = later.perUnit.find((u) => u.unitId === hoa.id)!;
    expect(row.massOrgs.members).toBe(joined.perUnit.find((u) => u.unitId === hoa.id)!.massOrgs.members);

    // The same answer once the period's figures have read both years, and on a freshly opened file.
    await t.call('period.figures', { ...YEAR, unitId: null });
    await t.call('massOrgs.rate', { id: team.id, year: 2026, level: 'hieu_qua', notRatedReason: null, reasonNote: '' });
    const rated = await overview();
    expect(rated.massOrgs.effective).toBe(view.massOrgs.effective + 1);
    await t.call('period.figures', { ...YEAR, unitId: null });
    expect(await overview()).toEqual(rated);
    // Reopened, a period not kept in the file (nothing in memory): computed cold, the same registries.
    t.close();
    t = await startBackend(tmp.path(), t.clock.stamp());
    const cold = await t.call('registry.overview', { from: '2026-01-02', to: '2026-12-31', unitId: null });
    expect(cold.massOrgs).toEqual(rated.massOrgs);
    expect(cold.organizations).toEqual(rated.organizations);
    expect(cold.perUnit.map((u) => u.massOrgs)).toEqual(rated.perUnit.map((u) => u.massOrgs));
  }, 60_000);
});
