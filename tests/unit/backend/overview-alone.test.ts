/**
 * The overview asked before any period figures (issue 16 item 2): it counts the mass organisations,
 * their members of its own year and their effective ratings in one statement (mass-orgs.repo.ts
 * overviewByUnitKind; mass-org-figures.ts massOrgRowsOfYear) and takes the units from the models' world. Each edit shows in the next overview; the answer equals the one
 * given after a period's figures (which reads both years of the period) and a cold computation.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUILT_IN_KINDS } from '../../../shared/domain/mass-orgs';
import { startBackend, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { setupGiaVien } from './activities-records';
import { organizationInput } from '../../support/offices';
import { registrationInput } from '../../support/evaluation-inputs';

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

  it('counts in one statement what the period fold counts: ended, deleted and rated organisations, members who left or were deleted', async () => {
    const units = await t.call('units.list', { includeEnded: false });
    const hoa = units.find((u) => u.name === 'Xã Gia Hòa')!;
    const sinh = units.find((u) => u.name === 'Xã Gia Sinh')!;
    const team = (unitId: string, name: string, code: string) =>
      t.call('massOrgs.create', {
        kindId: kindId(code),
        unitId,
        name,
        decisionIssuer: null,
        decisionNumber: null,
        decisionDate: null,
        validFrom: '2020-01-01',
        note: null,
      });
    const rate = (id: string, level: 'hieu_qua' | 'chua_hieu_qua') =>
      t.call('massOrgs.rate', { id, year: 2026, level, notRatedReason: null, reasonNote: '' });
    const start = await overview();
    const a = await team(hoa.id, 'Tổ hòa giải thôn Đông', 'to_hoa_giai');
    const b = await team(hoa.id, 'Tổ hòa giải thôn Bắc', 'to_hoa_giai');
    const c = await team(sinh.id, 'Tổ hòa giải thôn Nam', 'to_hoa_giai');
    const ended = await team(sinh.id, 'Tổ hòa giải thôn Cũ', 'to_hoa_giai');
    const deleted = await team(sinh.id, 'Tổ hòa giải thôn Xóa', 'to_hoa_giai');
    await member(a.id, 'Nguyễn Văn Một', '2024-01-01');
    await member(a.id, 'Nguyễn Văn Hai', '2026-06-01');
    const left = await member(b.id, 'Nguyễn Văn Ba', '2021-01-01');
    await t.call('members.leave', { id: left.id, leftOn: '2025-06-30', reason: '' });
    const gone = await member(b.id, 'Nguyễn Văn Bốn', '2021-01-01');
    await t.call('members.delete', { id: gone.id });
    await member(c.id, 'Nguyễn Văn Năm', '2020-05-01');
    await member(ended.id, 'Nguyễn Văn Sáu', '2021-01-01');
    await member(deleted.id, 'Nguyễn Văn Bảy', '2021-01-01');
    await t.call('massOrgs.end', { id: ended.id, validTo: '2025-12-31', reason: 'Sáp nhập' });
    await t.call('massOrgs.delete', { id: deleted.id });
    await rate(a.id, 'hieu_qua');
    await rate(c.id, 'chua_hieu_qua');
    // A rating taken back: its row stays, deleted.
    await rate(b.id, 'hieu_qua');
    await t.call('massOrgs.unrate', { id: b.id, year: 2026 });

    // First, nothing kept: the one statement.
    const alone = await overview();
    const byUnit = (o: typeof alone, id: string) => o.perUnit.find((u) => u.unitId === id)?.massOrgs;
    // Then the period's figures keep the pair of years; the overview of another period (not cached)
    // folds the kept pair for the same year.
    await t.call('period.figures', { from: '2026-01-02', to: '2026-12-31', unitId: null });
    const folded = await t.call('registry.overview', { from: '2026-01-02', to: '2026-12-31', unitId: null });
    expect(folded.massOrgs).toEqual(alone.massOrgs);
    expect(folded.perUnit.map((u) => u.massOrgs)).toEqual(alone.perUnit.map((u) => u.massOrgs));
    // And what it counts, against the figures before these records (a period not cached, on a reopened
    // file: the one statement again): Gia Hòa +2 teams, +2 members active in 2026 (one joined this
    // year; the one who left in 2025 and the deleted one are not counted), +1 effective; Gia Sinh +1
    // team (the one ended in 2025 and the deleted one are not), +1 member, none effective.
    t.close();
    t = await startBackend(tmp.path(), t.clock.stamp());
    const after = await t.call('registry.overview', { from: '2026-01-03', to: '2026-12-31', unitId: null });
    const mediation = (o: typeof alone, id: string) => {
      const k = byUnit(o, id)!.byKind.find((r) => r.kindId === kindId('to_hoa_giai'));
      return { organizations: k?.organizations ?? 0, members: k?.members ?? 0, effective: k?.effective ?? 0 };
    };
    const delta = (id: string) => {
      const [x, y] = [mediation(start, id), mediation(after, id)];
      return { organizations: y.organizations - x.organizations, members: y.members - x.members, effective: y.effective - x.effective };
    };
    expect(delta(hoa.id)).toEqual({ organizations: 2, members: 2, effective: 1 });
    expect(delta(sinh.id)).toEqual({ organizations: 1, members: 1, effective: 0 });
    expect(after.perUnit.map((u) => u.massOrgs)).toEqual(alone.perUnit.map((u) => u.massOrgs));
  }, 60_000);
  it("counts the organisations by their TT124 status alone and the registrations of those in scope; each edit seen, the same from the period's organisations", async () => {
    const hoa = (await t.call('units.list', { includeEnded: false })).find((u) => u.name === 'Xã Gia Hòa')!;
    const before = await overview();
    const groupOf = (o: typeof before) => o.registrations.figures.groups.doanh_nghiep;
    // An enterprise without size figures: counted, its status "incomplete", not in TT124's scope.
    const input = organizationInput(hoa.id, 'Công ty TNHH Gia Hòa', { kind: 'doanh_nghiep', subKind: 'tu_nhan', validFrom: '2015-01-01' });
    const firm = await t.call('organizations.create', input);
    const incomplete = await overview();
    expect(incomplete.organizations.total).toBe(before.organizations.total + 1);
    expect(incomplete.organizations.byKind.doanh_nghiep).toBe(before.organizations.byKind.doanh_nghiep + 1);
    expect(incomplete.organizations.incomplete).toBe(before.organizations.incomplete + 1);
    expect(incomplete.organizations.eligible).toBe(before.organizations.eligible);
    expect(groupOf(incomplete)).toEqual(groupOf(before));
    // Its sizes make it a medium enterprise: in scope, a subject of the registration figures.
    const medium = {
      ...input,
      sectorGroup: 'thuong_mai_dich_vu' as const,
      insuredEmployees: 150,
      revenueBillion: 500,
      capitalBillion: 200,
    };
    await t.call('organizations.update', { id: firm.id, ...medium });
    const eligible = await overview();
    expect(eligible.organizations.eligible).toBe(before.organizations.eligible + 1);
    expect(eligible.organizations.incomplete).toBe(before.organizations.incomplete);
    expect(groupOf(eligible)).toEqual({ ...groupOf(before), total: groupOf(before).total + 1 });
    await t.call('evaluation.register', registrationInput('organization', firm.id, 2026));
    const registered = await overview();
    expect(groupOf(registered)).toEqual({
      ...groupOf(before),
      total: groupOf(before).total + 1,
      registered: groupOf(before).registered + 1,
    });
    // A micro enterprise after all: out of scope, its registration no longer counted. Asked after the
    // period's figures (the file's organisations with their reasons in memory: counted from them).
    await t.call('organizations.update', { id: firm.id, ...medium, insuredEmployees: 5, revenueBillion: 1, capitalBillion: 1 });
    await t.call('period.figures', { ...YEAR, unitId: null });
    const micro = await t.call('registry.overview', { from: '2026-01-02', to: '2026-12-31', unitId: null });
    expect(micro.organizations).toEqual({
      ...incomplete.organizations,
      incomplete: before.organizations.incomplete,
      ineligible: before.organizations.ineligible + 1,
    });
    expect(groupOf(micro)).toEqual(groupOf(before));
    expect(micro.perUnit.find((u) => u.unitId === hoa.id)!.organizations.ineligible).toBe(
      before.perUnit.find((u) => u.unitId === hoa.id)!.organizations.ineligible + 1,
    );
    // Reopened, nothing in memory: read narrowly, the same figures.
    t.close();
    t = await startBackend(tmp.path(), t.clock.stamp());
    const cold = await t.call('registry.overview', { from: '2026-01-03', to: '2026-12-31', unitId: null });
    expect(cold.organizations).toEqual(micro.organizations);
    expect(cold.perUnit.map((u) => u.organizations)).toEqual(micro.perUnit.map((u) => u.organizations));
    expect(cold.registrations.figures).toEqual(micro.registrations.figures);
  }, 60_000);
});
