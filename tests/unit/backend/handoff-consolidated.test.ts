/**
 * The province's consolidated figures and the read-only rule for data owned by an office (issue 12
 * item 7), through the real backend on a province (Công an tỉnh Lai Châu, post-2025 catalogue).
 * An office's applied snapshot is simulated: its rows are created, then marked as its own in
 * handoff_ownership with an enrolled key and an applied file (tests/support/handoff-seed.ts).
 */
import ExcelJS from 'exceljs';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackend, type TestBackend } from '../../support/backend';
import { makeTempDir, removeDir } from '../../support/temp-dir';
import { dumpDatabase, queryAll } from '../../support/sqlite';
import { LAI_CHAU_SETUP, organizationInput } from '../../support/offices';
import { documentedRegistration } from '../../support/evaluation-inputs';
import { markOwned, markOwnedIds, seedAppliedFile, seedOfficePeer, seedUnitMatch, type SeededOffice } from '../../support/handoff-seed';
import { sampleRecords } from './activities-records';
import { METHOD_ACCESS } from '../../../electron/backend/services/ownership-guard';
import { ownedMessage } from '../../../shared/domain/ownership';
import { METHODS, type Method, type MethodInput, type UnitDto } from '../../../shared/ipc/contract';
import { handoffInboxContract } from '../../../shared/ipc/contracts/handoff-inbox.contract';
import { handoffKeysContract } from '../../../shared/ipc/contracts/handoff-keys.contract';
import { handoffPackageContract } from '../../../shared/ipc/contracts/handoff-package.contract';
import { handoffSendContract } from '../../../shared/ipc/contracts/handoff-send.contract';

const LAI_CHAU = LAI_CHAU_SETUP;

const PCCC_TYPE = 'f28d9677-9cf2-42e6-9c30-af2fa94aede5';
const TO_BAO_VE_KIND = '9068e308-4a4e-4512-9e34-06939b518384';
const PERIOD = { from: '2026-01-01', to: '2026-12-31' } as const;
const BINH_LU = 'Công an xã Bình Lư';

let t: TestBackend;
let dir: string;
const file = () => t.backend.databasePath;

interface Seeded {
  binhLu: UnitDto;
  sinSuoiHo: UnitDto;
  doanKet: UnitDto;
  kdc: UnitDto;
  kdc2: UnitDto;
  orgId: string;
  provinceOrgId: string;
  modelId: string;
  siteId: string;
  recognitionId: string;
  massOrgId: string;
  memberId: string;
  propagandaId: string;
  tipId: string;
  docId: string;
  typeId: string;
  kindId: string;
  batchId: string;
  a: SeededOffice;
}
let s: Seeded;

async function unitNamed(name: string): Promise<UnitDto> {
  const u = (await t.call('units.list', { includeEnded: true })).find((x) => x.name === name);
  if (!u) throw new Error(`no unit ${name}`);
  return u;
}

/** The province's own data, then office Bình Lư's (created, then marked owned), and two other offices. */
async function seed(): Promise<Seeded> {
  await t.call('office.setup', LAI_CHAU);
  const binhLu = await unitNamed('Xã Bình Lư');
  const sinSuoiHo = await unitNamed('Xã Sin Suối Hồ');
  const doanKet = await unitNamed('Phường Đoàn Kết');

  // The province's own records.
  const provinceOrg = await t.call(
    'organizations.create',
    organizationInput(doanKet.id, 'Trường THPT Đoàn Kết', { managingLevel: 'tinh' }),
  );
  await t.call('activities.save', { kind: 'propaganda', id: null, record: { ...sampleRecords(doanKet.id).propaganda, attendance: 50 } });

  // What office Bình Lư's file brought: two residential areas under its commune and their records.
  const kdc = await t.call('units.create', { parentId: binhLu.id, name: 'Bản Lư 1', kind: 'ban', code: null, validFrom: '2025-07-01' });
  const kdc2 = await t.call('units.create', { parentId: binhLu.id, name: 'Bản Lư 2', kind: 'ban', code: null, validFrom: '2025-07-01' });
  await t.call('unitStats.upsert', {
    rows: [
      { unitId: kdc.id, year: 2026, households: 150, residents: 600, trongDiem: false },
      { unitId: binhLu.id, year: 2026, households: 900, residents: 3600, trongDiem: true },
    ],
  });
  await t.call('units.areaType', { id: kdc.id, areaType: 'nong_thon' });
  const org = await t.call('organizations.create', organizationInput(kdc.id, 'Trường THCS Bình Lư', { managingLevel: 'xa' }));
  const org2 = await t.call('organizations.create', organizationInput(kdc2.id, 'Trường Mầm non Bình Lư', { managingLevel: 'xa' }));
  const type = await t.call('modelTypes.create', { name: 'Camera an ninh bản', group: 'camera_an_ninh' });
  const model = await t.call('models.create', {
    name: 'Tổ liên gia an toàn PCCC Bản Lư',
    typeId: PCCC_TYPE,
    originUnitId: kdc.id,
    originLevel: 'xa',
    foundedOn: '2026-03-15',
    status: 'hoat_dong',
    note: '',
  });
  const site = await t.call('modelSites.create', {
    modelId: model.id,
    unitId: kdc.id,
    organizationName: '',
    startedOn: '2026-04-01',
    teams: 2,
    members: 18,
    note: '',
  });
  await t.call('models.rate', { id: model.id, year: 2026, rating: 'hieu_qua', note: '' });
  const recognition = await t.call('models.recognise', {
    id: model.id,
    recognisedBy: 'UBND xã Bình Lư',
    decisionNumber: '12/QĐ-UBND',
    recognisedOn: '2026-06-01',
    note: '',
  });
  const kind = await t.call('massOrgKinds.create', { name: 'Tổ tự quản bản' });
  const massOrg = await t.call('massOrgs.create', {
    kindId: TO_BAO_VE_KIND,
    unitId: kdc.id,
    name: 'Tổ bảo vệ ANTT Bản Lư 1',
    decisionIssuer: '',
    decisionNumber: '',
    decisionDate: null,
    validFrom: '2025-08-01',
    note: '',
  });
  const member = await t.call('members.create', {
    massOrgId: massOrg.id,
    fullName: 'Lò Văn Minh',
    gender: 'nam',
    birthYear: 1980,
    ethnicity: 'Thái',
    phone: '',
    role: 'to_vien',
    joinedOn: '2025-08-01',
    note: '',
  });
  await t.call('massOrgs.rate', { id: massOrg.id, year: 2026, level: 'hoan_thanh_tot', notRatedReason: null, reasonNote: '' });
  const samples = sampleRecords(kdc.id);
  const propaganda = await t.call('activities.save', { kind: 'propaganda', id: null, record: { ...samples.propaganda, attendance: 120 } });
  const tip = await t.call('activities.save', { kind: 'tips', id: null, record: samples.tips });
  const doc = await t.call('leadershipDocs.save', {
    id: null,
    unitId: kdc.id,
    issuedOn: '2026-02-01',
    docType: 'ke_hoach',
    number: '03/KH-CAX',
    title: 'Kế hoạch phong trào năm 2026',
    note: null,
  });
  const reg = (id: string, households: number | null) =>
    t.call('evaluation.register', documentedRegistration('unit', id, 2026, { householdsRegistered: households }));
  await reg(kdc.id, 150);
  await reg(binhLu.id, null);
  await t.call('incidentStats.declare', {
    subjectType: 'unit',
    subjectId: kdc.id,
    year: 2026,
    groups: ['an_ninh'],
    by: 'Trưởng Công an xã',
    on: '2026-10-01',
    note: null,
  });
  // A move of records between its residential areas, made at the office.
  await t.call('units.end', {
    id: kdc2.id,
    validTo: '2026-09-30',
    reason: 'Sáp nhập vào Bản Lư 1',
    successorId: kdc.id,
    transfer: [{ table: 'organizations', id: org2.id }],
  });
  const batchId = queryAll<{ batch_id: string }>(file(), 'SELECT batch_id FROM unit_transfers')[0]!.batch_id;

  // The office's key, its applied file, its commune matched by code, and every row it sent.
  const a = seedOfficePeer(file(), { officeCode: '03390', name: BINH_LU });
  const received = seedAppliedFile(file(), a, { sequence: 3, year: 2026, appliedAt: '2026-11-20T08:30:00.000Z' });
  seedUnitMatch(file(), a, '5b0c5a4e-0a43-4d8e-9a43-3a1f1d0c0001', binhLu.id);
  const areas = [kdc.id, kdc2.id];
  const inAreas = `IN (${areas.map(() => '?').join(', ')})`;
  markOwned(file(), a, received, 'units', `id ${inAreas}`, ...areas);
  markOwned(file(), a, received, 'unit_year_stats', `year = 2026 AND unit_id IN (?, ?)`, kdc.id, binhLu.id);
  markOwnedIds(file(), a, received, 'unit_attributes', [kdc.id]);
  markOwned(file(), a, received, 'organizations', `unit_id ${inAreas}`, ...areas);
  markOwned(file(), a, received, 'model_types', 'id = ?', type.id);
  markOwned(file(), a, received, 'mass_org_kinds', 'id = ?', kind.id);
  markOwned(file(), a, received, 'models', 'id = ?', model.id);
  markOwned(file(), a, received, 'model_sites', 'model_id = ?', model.id);
  markOwned(file(), a, received, 'model_ratings', 'model_id = ?', model.id);
  markOwned(file(), a, received, 'model_recognitions', 'model_id = ?', model.id);
  markOwned(file(), a, received, 'mass_orgs', `unit_id ${inAreas}`, ...areas);
  markOwned(file(), a, received, 'mass_org_members', 'mass_org_id = ?', massOrg.id);
  markOwned(file(), a, received, 'mass_org_ratings', 'mass_org_id = ?', massOrg.id);
  for (const table of ['propaganda_sessions', 'tips', 'leadership_documents'])
    markOwned(file(), a, received, table, `unit_id ${inAreas}`, ...areas);
  for (const table of ['evaluation_registrations', 'evaluation_history', 'incident_stats_declarations']) {
    markOwned(file(), a, received, table, `subject_id IN (?, ?, ?)`, kdc.id, kdc2.id, binhLu.id);
  }
  markOwned(file(), a, received, 'unit_transfers', 'batch_id = ?', batchId);

  // Office Sin Suối Hồ enrolled but never sent; office Tả Lèng sent only its 2025 file.
  const b = seedOfficePeer(file(), { officeCode: '03394', name: 'Công an xã Sin Suối Hồ' });
  seedUnitMatch(file(), b, '5b0c5a4e-0a43-4d8e-9a43-3a1f1d0c0002', sinSuoiHo.id);
  const c = seedOfficePeer(file(), { officeCode: '03405', name: 'Công an xã Tả Lèng' });
  seedAppliedFile(file(), c, { sequence: 1, year: 2025, appliedAt: '2025-12-20T08:30:00.000Z' });

  return {
    binhLu,
    sinSuoiHo,
    doanKet,
    kdc,
    kdc2,
    orgId: org.id,
    provinceOrgId: provinceOrg.id,
    modelId: model.id,
    siteId: site.id,
    recognitionId: recognition.id,
    massOrgId: massOrg.id,
    memberId: member.id,
    propagandaId: propaganda.row.id,
    tipId: tip.row.id,
    docId: doc.id,
    typeId: type.id,
    kindId: kind.id,
    batchId,
    a,
  };
}

beforeAll(async () => {
  dir = makeTempDir('antq-consolidated-');
  t = await startBackend(dir);
  s = await seed();
}, 60_000);
afterAll(() => {
  t.close();
  removeDir(dir);
});

describe('the province figures hold every office’s applied data plus its own', () => {
  it('overview: organisations, residential areas, households of the office are in the totals and under its commune', async () => {
    const o = await t.call('registry.overview', { ...PERIOD, unitId: null });
    expect(o.organizations.total).toBe(3);
    expect(o.territory.residentialAreas).toBe(2);
    const commune = o.perUnit.find((u) => u.unitId === s.binhLu.id)!;
    expect(commune.organizations.total).toBe(2);
    expect(commune.territory.households).toBe(900);
    expect(commune.massOrgs.organizations).toBe(1);
    expect(commune.models.sites).toBe(1);
  });

  it('period figures: sessions and attendance of the province and the office together, by commune', async () => {
    const f = await t.call('period.figures', { ...PERIOD, unitId: null });
    expect(f.activities.current['propaganda.sessions']).toBe(2);
    expect(f.activities.current['propaganda.attendance']).toBe(170);
    expect(f.activities.current['tips.total']).toBe(1);
    const commune = f.perUnit.find((u) => u.unitId === s.binhLu.id)!;
    expect(commune.figures['propaganda.attendance']).toBe(120);
  });

  it('evaluation board: the office’s residential area and commune registrations are on the province board', async () => {
    const board = await t.call('evaluation.board', { year: 2026, category: null, unitId: null });
    const ids = board.rows.map((r) => r.subjectId);
    expect(ids).toContain(s.kdc.id);
    expect(ids).toContain(s.binhLu.id);
  });
});

describe('breakdown "Theo đơn vị gửi"', () => {
  it('gives each enrolled office its figures and last file, and "chưa gửi" / "thiếu dữ liệu" instead of zeros', async () => {
    const r = await t.call('period.byOffice', PERIOD);
    expect(r.province).toBe(true);
    expect(r.offices.map((o) => o.name)).toEqual([BINH_LU, 'Công an xã Sin Suối Hồ', 'Công an xã Tả Lèng']);
    const [a, b, c] = r.offices;
    expect(a).toMatchObject({
      officeCode: '03390',
      status: 'da_gui',
      unitIds: [s.binhLu.id],
      lastFile: { fileName: 'ANTQ_03390_2026_3.antq', sequence: 3, year: 2026, appliedAt: '2026-11-20T08:30:00.000Z' },
    });
    expect(a!.activity!['propaganda.sessions']).toBe(1);
    expect(a!.activity!['propaganda.attendance']).toBe(120);
    expect(a!.activity!['tips.total']).toBe(1);
    expect(a!.registry).toEqual({
      // Bản Lư 2 ended on 30/09: still active during the year.
      residentialAreas: 2,
      households: 900,
      residents: 3600,
      organizations: 2,
      modelSites: 1,
      massOrgs: 1,
      members: 1,
    });
    expect(b).toMatchObject({ status: 'chua_gui', lastFile: null, activity: null, registry: null, unitIds: [s.sinSuoiHo.id] });
    expect(c).toMatchObject({ status: 'thieu_du_lieu', activity: null, registry: null });
    expect(c!.lastFile?.year).toBe(2025);
  });

  it('for 2025 the office that sent only 2025 has figures', async () => {
    const r = await t.call('period.byOffice', { from: '2025-01-01', to: '2025-12-31' });
    expect(r.offices.find((o) => o.officeCode === '03405')?.status).toBe('da_gui');
  });

  it('at an office the breakdown is empty', async () => {
    const d = makeTempDir('antq-consolidated-office-');
    const o = await startBackend(d);
    try {
      await o.call('office.setup', {
        level: 'xa',
        era: 'sau_2025',
        provinceCode: '12',
        districtCode: null,
        communeCode: '03390',
        name: BINH_LU,
        code: '03390',
        importChildren: true,
      });
      expect(await o.call('period.byOffice', PERIOD)).toEqual({ province: false, offices: [] });
    } finally {
      o.close();
      removeDir(d);
    }
  });

  it('refuses an end before the start', async () => {
    const e = await t.fail('period.byOffice', { from: '2026-12-31', to: '2026-01-01' });
    expect(e.code).toBe('VALIDATION');
  });
});

describe('ownership.lookup', () => {
  it('names the office of owned rows and leaves the province’s own out', async () => {
    const r = await t.call('ownership.lookup', { table: 'organizations', ids: [s.orgId, s.provinceOrgId] });
    expect(r.owners).toEqual([{ id: s.orgId, officeCode: '03390', officeName: BINH_LU }]);
  });
});

/** One input per mutating method that touches owned rows (missing one fails the coverage test). */
async function refusedCalls(): Promise<Partial<Record<Method, unknown>>> {
  const org = await t.call('organizations.get', { id: s.orgId });
  const model = (await t.call('models.get', { id: s.modelId })).model;
  const massOrg = (await t.call('massOrgs.get', { id: s.massOrgId })).org;
  const member = (await t.call('members.get', { id: s.memberId })).member;
  const samples = sampleRecords(s.kdc.id);
  const subject = { subjectType: 'unit' as const, subjectId: s.kdc.id, year: 2026 };
  const commune = { subjectType: 'unit' as const, subjectId: s.binhLu.id, year: 2026 };
  const { id: _o, ...orgFields } = org as typeof org & { id: string };
  const orgInput = Object.fromEntries(
    Object.keys(organizationInput(s.kdc.id, 'x')).map((k) => [k, (orgFields as Record<string, unknown>)[k]]),
  );
  return {
    'units.create': { parentId: s.kdc.id, name: 'Tổ 1', kind: 'khac', code: null, validFrom: '2026-01-01' },
    'units.update': { id: s.kdc.id, name: 'Bản Lư Một', kind: 'ban', code: null, validFrom: '2025-07-01' },
    'units.move': { id: s.kdc.id, newParentId: s.sinSuoiHo.id },
    'units.end': { id: s.binhLu.id, validTo: '2026-10-01', reason: 'Thử', successorId: null, transfer: [] },
    'units.reopen': { id: s.kdc2.id },
    'units.delete': { id: s.binhLu.id },
    'unitStats.upsert': { rows: [{ unitId: s.binhLu.id, year: 2026, households: 1, residents: 2, trongDiem: false }] },
    'units.areaType': { id: s.kdc.id, areaType: 'do_thi' },
    'units.trongDiem': { id: s.binhLu.id, year: 2026, value: false },
    'units.merge': {
      unitIds: [s.binhLu.id, s.sinSuoiHo.id],
      effectiveDate: '2026-10-01',
      reason: 'Thử',
      successor: { mode: 'existing', unitId: s.sinSuoiHo.id },
      note: null,
      transfer: [],
    },
    'units.split': {
      id: s.binhLu.id,
      effectiveDate: '2026-10-01',
      reason: 'Thử',
      successors: [
        { name: 'Xã A', kind: 'xa', code: null, primary: true },
        { name: 'Xã B', kind: 'xa', code: null, primary: false },
      ],
      children: [],
      note: null,
    },
    'units.untransfer': { batchId: s.batchId },
    'reorg.apply': {
      groups: [
        {
          key: 'g1',
          mode: 'keep',
          successorId: null,
          successor: { name: 'Xã Bình Lư', kind: 'xa', code: '03390' },
          unitIds: [s.binhLu.id],
        },
      ],
      primaries: [],
      reason: 'Thử',
    },
    'organizations.create': organizationInput(s.kdc.id, 'Trường mới'),
    'organizations.update': { id: s.orgId, ...orgInput, name: 'Đổi tên' },
    'organizations.end': { id: s.orgId, validTo: '2026-10-01', reason: 'Giải thể' },
    'organizations.reopen': { id: s.orgId },
    'organizations.delete': { id: s.orgId },
    'modelTypes.update': { id: s.typeId, name: 'Đổi tên', group: 'camera_an_ninh', active: true },
    'modelTypes.delete': { id: s.typeId },
    'models.create': {
      ...{ name: 'Mô hình mới', typeId: PCCC_TYPE, originLevel: 'xa', foundedOn: '2026-03-15', status: 'hoat_dong', note: '' },
      originUnitId: s.kdc.id,
    },
    'models.update': {
      id: s.modelId,
      name: 'Đổi tên',
      typeId: model.typeId,
      originUnitId: model.originUnitId,
      originLevel: 'xa',
      foundedOn: '2026-03-15',
      note: '',
    },
    'models.changeStatus': { id: s.modelId, status: 'so_ket', on: '2026-10-01', note: '' },
    'models.undoStatus': { id: s.modelId },
    'models.retire': { id: s.modelId, on: '2026-10-01', reason: 'Kém hiệu quả' },
    'models.rate': { id: s.modelId, year: 2026, rating: 'chua_hieu_qua', note: '' },
    'models.recognise': { id: s.modelId, recognisedBy: 'UBND tỉnh', decisionNumber: null, recognisedOn: '2026-10-01', note: '' },
    'models.removeRecognition': { id: s.recognitionId },
    'models.delete': { id: s.modelId },
    'modelSites.create': {
      modelId: s.modelId,
      unitId: s.doanKet.id,
      organizationName: '',
      startedOn: '2026-05-01',
      teams: 1,
      members: 5,
      note: '',
    },
    'modelSites.update': { id: s.siteId, unitId: s.kdc.id, organizationName: '', startedOn: '2026-04-01', teams: 3, members: 20, note: '' },
    'modelSites.end': { id: s.siteId, endedOn: '2026-10-01', reason: null },
    'modelSites.reopen': { id: s.siteId },
    'modelSites.delete': { id: s.siteId },
    'massOrgKinds.update': { id: s.kindId, name: 'Đổi tên', active: true },
    'massOrgs.create': {
      ...{
        kindId: TO_BAO_VE_KIND,
        name: 'Tổ mới',
        decisionIssuer: '',
        decisionNumber: '',
        decisionDate: null,
        validFrom: '2026-01-01',
        note: '',
      },
      unitId: s.kdc.id,
    },
    'massOrgs.update': {
      id: s.massOrgId,
      kindId: massOrg.kindId,
      unitId: massOrg.unitId,
      name: 'Đổi tên',
      decisionIssuer: massOrg.decisionIssuer,
      decisionNumber: massOrg.decisionNumber,
      decisionDate: massOrg.decisionDate,
      validFrom: massOrg.validFrom,
      note: massOrg.note,
    },
    'massOrgs.end': { id: s.massOrgId, validTo: '2026-10-01', reason: 'Giải thể' },
    'massOrgs.reopen': { id: s.massOrgId },
    'massOrgs.delete': { id: s.massOrgId },
    'massOrgs.rate': { id: s.massOrgId, year: 2026, level: 'hoan_thanh', notRatedReason: null, reasonNote: '' },
    'massOrgs.unrate': { id: s.massOrgId, year: 2026 },
    'members.create': {
      massOrgId: s.massOrgId,
      fullName: 'Người mới',
      gender: 'nu',
      birthYear: 1990,
      ethnicity: 'Thái',
      phone: '',
      role: 'to_vien',
      joinedOn: '2026-01-01',
      note: '',
    },
    'members.update': {
      id: s.memberId,
      fullName: 'Đổi tên',
      gender: member.gender,
      birthYear: member.birthYear,
      ethnicity: member.ethnicity,
      phone: '',
      role: member.role,
      joinedOn: member.joinedOn,
      note: member.note,
    },
    'members.leave': { id: s.memberId, leftOn: '2026-10-01', reason: null },
    'members.rejoin': { id: s.memberId },
    'members.delete': { id: s.memberId },
    'members.rate': {
      id: s.memberId,
      year: 2026,
      level: 'hoan_thanh',
      notRatedReason: null,
      reasonNote: '',
      actingLeader: false,
      newlyTransferred: false,
    },
    'members.unrate': { id: s.memberId, year: 2026 },
    'xlsx.commit': { registry: 'unit_year_stats', fileBase64: await changedStatsFile() },
    'activities.save': { kind: 'propaganda', id: s.propagandaId, record: { ...samples.propaganda, attendance: 1 } },
    'activities.saveMany': { kind: 'tips', records: [samples.tips] },
    'activities.delete': { kind: 'tips', id: s.tipId },
    'activities.restore': { kind: 'propaganda', id: s.propagandaId },
    'tips.setInformant': { tipId: s.tipId, informant: null },
    'leadershipDocs.save': {
      id: s.docId,
      unitId: s.kdc.id,
      issuedOn: '2026-02-01',
      docType: 'ke_hoach',
      number: '04/KH',
      title: 'Đổi',
      note: null,
    },
    'leadershipDocs.delete': { id: s.docId },
    'evaluation.register': {
      ...commune,
      registeredOn: '2026-02-20',
      resolutionNumber: null,
      resolutionDate: null,
      resolutionForm: null,
      planNumber: null,
      planDate: null,
      householdsRegistered: null,
      staffBriefed: null,
      staffTotal: null,
      departmentsGood: null,
      departmentsTotal: null,
      note: null,
    },
    'evaluation.registerMany': {
      year: 2026,
      subjects: [{ subjectType: commune.subjectType, subjectId: commune.subjectId }],
      registeredOn: '2026-02-20',
      resolutionNumber: null,
      resolutionDate: null,
      resolutionForm: null,
      planNumber: null,
      planDate: null,
      note: null,
    },
    'evaluation.advance': { ...commune, date: '2026-10-01', step: 'tu_danh_gia', chair: 'Chủ tịch UBND xã' },
    'evaluation.undoStep': { ...commune, reason: 'Thử', by: 'Cán bộ tỉnh' },
    'evaluation.attest': { ...subject, ruleId: 'KDC-2', value: true, by: 'Cán bộ tỉnh', on: '2026-10-01', note: null },
    'evaluation.clearAttestation': { ...subject, ruleId: 'KDC-2' },
    'evaluation.override': { ...commune, ruleId: 'XA-1', verdict: 'dat', reason: 'Thử', by: 'Cán bộ tỉnh', on: '2026-10-01' },
    'evaluation.clearOverride': { ...commune, ruleId: 'XA-1' },
    'evaluation.recordFigures': {
      ...commune,
      statsComplete: true,
      counts: { ky_luat_luc_luong_bao_ve: null, ky_luat_can_bo: null, pham_toi_trong_truong: null, te_nan_trong_truong: null },
      securityForceLevel: null,
      securityForceTitles: [],
      by: 'Cán bộ tỉnh',
      on: '2026-10-01',
      note: null,
    },
    'incidentStats.declare': { ...commune, groups: [], by: 'Cán bộ tỉnh', on: '2026-10-01', note: null },
    'rubrics.score': {
      subject: s.kdc.id,
      year: 2026,
      rubricId: 'qd510-khu-dan-cu',
      kind: 'tham_dinh',
      items: {},
      by: 'Cán bộ tỉnh',
      note: null,
    },
  };
}

/** The year's households per unit exported, one owned row's households changed: an import that would update it. */
async function changedStatsFile(): Promise<string> {
  const exported = await t.call('xlsx.export', {
    registry: 'unit_year_stats',
    filter: { unitId: s.binhLu.id, year: 2026, search: '', kind: null, status: null },
  });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(exported.base64, 'base64') as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  let col = 0;
  let headerRow = 0;
  ws.eachRow((row, n) => {
    row.eachCell((cell, c) => {
      if (col === 0 && typeof cell.value === 'string' && cell.value.startsWith('Số hộ')) {
        col = c;
        headerRow = n;
      }
    });
  });
  if (col === 0) throw new Error('no "Số hộ" column in the export');
  ws.eachRow((row, n) => {
    if (n > headerRow && typeof row.getCell(col).value === 'number') row.getCell(col).value = 999;
  });
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

describe('read-only at the province for data owned by an office', () => {
  it('every contract method is classified (read, office-wide, or the rows it changes)', () => {
    const handoff = new Set<string>([
      ...Object.keys(handoffInboxContract),
      ...Object.keys(handoffKeysContract),
      ...Object.keys(handoffPackageContract),
      ...Object.keys(handoffSendContract),
    ]);
    const missing = METHODS.filter((m) => !handoff.has(m) && METHOD_ACCESS[m] === undefined);
    expect(missing).toEqual([]);
  });

  it('refuses every mutating method on owned rows with the office named, and changes nothing', async () => {
    const calls = await refusedCalls();
    const guarded = Object.entries(METHOD_ACCESS)
      .filter(([, a]) => a !== 'read' && a !== 'office')
      .map(([m]) => m as Method);
    expect(guarded.filter((m) => !(m in calls))).toEqual([]);
    const before = dumpDatabase(file());
    const results: Record<string, string> = {};
    for (const m of guarded) {
      const r = await t.send(m, calls[m]);
      results[m] = r.ok ? 'ĐÃ CHẤP NHẬN' : `${r.error.code} ${r.error.message}`;
    }
    const expected = Object.fromEntries(
      guarded.map((m) => [m, `RULE ${m === 'xlsx.commit' ? results[m]?.slice(5) : ownedMessage(BINH_LU)}`]),
    );
    expect(results).toEqual(expected);
    expect(results['xlsx.commit']).toMatch(/do các đơn vị gửi lên/);
    expect(dumpDatabase(file())).toEqual(before);
  }, 60_000);

  it('the refusal names the office and carries its code', async () => {
    const e = await t.fail('organizations.delete', { id: s.orgId });
    expect(e).toEqual({ code: 'RULE', message: 'Dữ liệu do Công an xã Bình Lư gửi lên, chỉ xem tại tỉnh.', details: { ownedBy: '03390' } });
  });

  it('the province still edits its own rows, and adds units under a matched commune', async () => {
    const org = await t.call('organizations.get', { id: s.provinceOrgId });
    const fields = Object.fromEntries(
      Object.keys(organizationInput(s.doanKet.id, 'x')).map((k) => [k, (org as Record<string, unknown>)[k]]),
    );
    const updated = await t.call('organizations.update', {
      id: s.provinceOrgId,
      ...(fields as MethodInput<'organizations.create'>),
      name: 'Trường THPT Đoàn Kết mới',
    });
    expect(updated.name).toBe('Trường THPT Đoàn Kết mới');
    const made = await t.call('units.create', { parentId: s.binhLu.id, name: 'Bản Mới', kind: 'ban', code: null, validFrom: '2026-01-01' });
    expect(made.parentId).toBe(s.binhLu.id);
    // Another year's figures of the matched commune are the province's own.
    await t.call('unitStats.upsert', { rows: [{ unitId: s.binhLu.id, year: 2025, households: 880, residents: 3500, trongDiem: false }] });
  });
});

describe('the province’s whole is its own root', () => {
  it('a parentless unit listed first (one an office file could bring) does not replace the province in the overview or the period', async () => {
    const stray = '0a000000-0000-4000-8000-000000000001';
    const db = new BetterSqlite3(file());
    try {
      // rowid 0: a table scan meets it before the province's own root.
      db.prepare(
        `INSERT INTO units (rowid, id, parent_id, level, kind, name, name_folded, code, valid_from, valid_to, end_reason, source, created_at, updated_at, deleted_at)
         VALUES (0, ?, NULL, 'xa', 'xa', 'Xã Ngoài Danh Mục', 'xa ngoai danh muc', NULL, NULL, NULL, NULL, 'manual', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', NULL)`,
      ).run(stray);
      expect((db.prepare('SELECT id FROM units WHERE deleted_at IS NULL').get() as { id: string }).id).toBe(stray);
    } finally {
      db.close();
    }
    const f = await t.call('period.figures', { ...PERIOD, unitId: null });
    expect(f.unitName).toBe('Tỉnh Lai Châu');
    const o = await t.call('registry.overview', { ...PERIOD, unitId: null });
    expect(o.perUnit.map((u) => u.unitId)).toContain(s.binhLu.id);
  });
});
