/**
 * The inputs the period figures' blocks and the overview share (issue 16 items 2 and 4): the file's
 * organisations with their eligibility (organizations-of-file.ts) and the mass organisations'
 * members counted for both years of a period in one read (mass-org-figures.ts). Each is kept until
 * a commit on its tables: an edit shows at once in both periods' figures, in the overview and in a
 * commune's figures, and only in the years and units it belongs to.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UnitDto } from '../../../shared/ipc/contract';
import { BUILT_IN_KINDS } from '../../../shared/domain/mass-orgs';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { organizationInput } from '../../support/offices';
import { setupGiaVien } from './activities-records';

const tmp = useTempDir('antq-shared-reads-');
let t: TestBackend;
let hoa: UnitDto;
let sinh: UnitDto;

const kindId = (code: string) => BUILT_IN_KINDS.find((k) => k.code === code)!.id;
const YEAR = { from: '2026-01-01', to: '2026-12-31' };
const figures = (unitId: string | null = null) => t.call('period.figures', { ...YEAR, unitId });
const overview = () => t.call('registry.overview', { ...YEAR, unitId: null });

beforeEach(async () => {
  t = await startBackend(tmp.path());
  const byName = await setupGiaVien(t);
  hoa = byName('Xã Gia Hòa');
  sinh = byName('Xã Gia Sinh');
}, 60_000);
afterEach(() => t.close());

describe('inputs shared by the period blocks and the overview', () => {
  it('a team, its member and its rating change both periods, the overview and the commune, each in its own year', async () => {
    const first = await figures();
    const inHoa = await figures(hoa.id);
    const inSinh = await figures(sinh.id);
    const view = await overview();

    const team = await t.call('massOrgs.create', {
      kindId: kindId('to_hoa_giai'),
      unitId: hoa.id,
      name: 'Tổ hòa giải thôn Đông',
      decisionIssuer: null,
      decisionNumber: null,
      decisionDate: null,
      validFrom: '2020-01-01',
      note: null,
    });
    const withTeam = await figures();
    expect(withTeam.registry.current.massOrgs.organizations).toBe(first.registry.current.massOrgs.organizations + 1);
    expect(withTeam.registry.previous.massOrgs.organizations).toBe(first.registry.previous.massOrgs.organizations + 1);
    expect((await overview()).massOrgs.organizations).toBe(view.massOrgs.organizations + 1);

    // Joined this year: counted in 2026, not in 2025.
    await t.call('members.create', {
      massOrgId: team.id,
      fullName: 'Phạm Văn Đông',
      gender: 'nam',
      birthYear: 1975,
      ethnicity: 'Kinh',
      phone: '',
      role: 'to_vien',
      joinedOn: '2026-03-01',
      note: '',
    });
    const withMember = await figures();
    expect(withMember.registry.current.massOrgs.members).toBe(first.registry.current.massOrgs.members + 1);
    expect(withMember.registry.previous.massOrgs.members).toBe(first.registry.previous.massOrgs.members);
    expect((await overview()).massOrgs.members).toBe(view.massOrgs.members + 1);
    expect((await figures(hoa.id)).registry.current.massOrgs.members).toBe(inHoa.registry.current.massOrgs.members + 1);
    expect((await figures(sinh.id)).registry.current.massOrgs).toEqual(inSinh.registry.current.massOrgs);

    await t.call('massOrgs.rate', { id: team.id, year: 2026, level: 'hieu_qua', notRatedReason: null, reasonNote: '' });
    const rated = await figures();
    expect(rated.registry.current.massOrgs.effective).toBe(first.registry.current.massOrgs.effective + 1);
    expect(rated.registry.previous.massOrgs.effective).toBe(first.registry.previous.massOrgs.effective);
    expect((await overview()).massOrgs.effective).toBe(view.massOrgs.effective + 1);
  });

  it('an organisation changes both periods, the overview and its commune; ending it before the year takes it out of the year', async () => {
    const first = await figures();
    const inHoa = await figures(hoa.id);
    const inSinh = await figures(sinh.id);
    const view = await overview();

    const org = await t.call('organizations.create', organizationInput(hoa.id, 'Trường THCS Gia Hòa', { validFrom: '2010-01-01' }));
    const withOrg = await figures();
    expect(withOrg.registry.current.organizations.total).toBe(first.registry.current.organizations.total + 1);
    expect(withOrg.registry.previous.organizations.total).toBe(first.registry.previous.organizations.total + 1);
    expect((await overview()).organizations.total).toBe(view.organizations.total + 1);
    expect((await figures(hoa.id)).registry.current.organizations.total).toBe(inHoa.registry.current.organizations.total + 1);
    expect((await figures(sinh.id)).registry.current.organizations).toEqual(inSinh.registry.current.organizations);

    await t.call('organizations.end', { id: org.id, validTo: '2025-06-30', reason: 'Giải thể' });
    const ended = await figures();
    expect(ended.registry.current.organizations.total).toBe(first.registry.current.organizations.total);
    expect(ended.registry.previous.organizations.total).toBe(first.registry.previous.organizations.total + 1);
    expect((await overview()).organizations.total).toBe(view.organizations.total);
  });
});
