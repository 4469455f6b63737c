/**
 * One record of every kind an office's screens save, entered through the contract as an officer
 * would (issue 12 item 4): so a snapshot of the office has a row in every table whose rows are
 * checked at the province with the screens' schemas, and a test can alter each of them.
 *
 * `commune` is a commune (xã/phường) of the office, `hamlet` a residential area under it that existed
 * on 1 January of the year before `YEAR`. The clock of the backend must be in `YEAR` after the
 * dates used here (the test backend's clock is 22/11/2026).
 */
import type { TestBackend } from './backend';
import { organizationInput } from './offices';
import { documentedRegistration } from './evaluation-inputs';
import { TO_BAO_VE_ANTT_KIND_ID } from '../../shared/domain/mass-orgs';
import { ACTIVITY_KINDS } from '../../shared/domain/activities';
import type { MethodInput } from '../../shared/ipc/contract';
import { sampleRecords } from '../unit/backend/activities-records';

export const RECORDS_YEAR = 2026;
/** The example rubric shipped with the app (resources/rulesets/rubric-example.json), for residential areas. */
export const EXAMPLE_RUBRIC = 'vi-du-bieu-diem-khu-dan-cu';

export interface ScreenRecords {
  modelId: string;
  siteId: string;
  massOrgId: string;
  leaderId: string;
  memberId: string;
}

async function models(t: TestBackend, commune: string, hamlet: string): Promise<{ modelId: string; siteId: string }> {
  const type = await t.call('modelTypes.create', { name: 'Camera an ninh tự quản', group: 'camera_an_ninh' });
  const model = await t.call('models.create', {
    name: 'Camera giám sát thôn xóm',
    typeId: type.id,
    originUnitId: commune,
    originLevel: 'xa',
    foundedOn: '2024-03-01',
    status: 'ra_mat',
    note: null,
  });
  await t.call('models.changeStatus', { id: model.id, status: 'hoat_dong', on: '2024-06-01', note: 'Đi vào hoạt động' });
  const site = await t.call('modelSites.create', {
    modelId: model.id,
    unitId: hamlet,
    organizationName: null,
    organizationId: null,
    startedOn: '2024-06-01',
    teams: 2,
    members: 12,
    note: null,
  });
  const ended = await t.call('modelSites.create', {
    modelId: model.id,
    unitId: commune,
    organizationName: 'Chợ trung tâm',
    organizationId: null,
    startedOn: '2024-07-01',
    teams: 1,
    members: 5,
    note: null,
  });
  await t.call('modelSites.end', { id: ended.id, endedOn: '2025-12-31', reason: 'Chợ di dời' });
  await t.call('models.rate', { id: model.id, year: 2025, rating: 'hieu_qua', note: null });
  await t.call('models.recognise', {
    id: model.id,
    recognisedBy: 'UBND huyện',
    decisionNumber: '12/QĐ-UBND',
    recognisedOn: '2025-09-02',
    note: null,
  });
  const old = await t.call('models.create', {
    name: 'Tổ tự quản cũ',
    typeId: type.id,
    originUnitId: commune,
    originLevel: 'xa',
    foundedOn: '2023-01-10',
    status: 'hoat_dong',
    note: null,
  });
  await t.call('models.retire', { id: old.id, on: '2025-06-30', reason: 'Không còn phù hợp' });
  return { modelId: model.id, siteId: site.id };
}

async function massOrgs(t: TestBackend, hamlet: string): Promise<{ massOrgId: string; leaderId: string; memberId: string }> {
  const team = await t.call('massOrgs.create', {
    kindId: TO_BAO_VE_ANTT_KIND_ID,
    unitId: hamlet,
    name: 'Tổ bảo vệ ANTT thôn',
    decisionIssuer: 'UBND xã',
    decisionNumber: '05/QĐ',
    decisionDate: '2024-01-01',
    validFrom: '2024-01-01',
    note: null,
  });
  const person = { gender: 'nam', birthYear: 1975, ethnicity: 'Kinh', joinedOn: '2024-01-01', note: '' } as const;
  const leader = await t.call('members.create', {
    massOrgId: team.id,
    fullName: 'Lê Văn Tổ Trưởng',
    phone: '0912 345 678',
    role: 'to_truong',
    ...person,
  });
  const member = await t.call('members.create', { massOrgId: team.id, fullName: 'Hà Văn Tổ Viên', phone: '', role: 'to_vien', ...person });
  await t.call('massOrgs.rate', { id: team.id, year: 2025, level: 'hoan_thanh_tot', notRatedReason: null, reasonNote: null });
  const rating = { year: 2025, notRatedReason: null, reasonNote: null, actingLeader: false, newlyTransferred: false };
  await t.call('members.rate', { id: leader.id, level: 'hoan_thanh_tot', ...rating });
  await t.call('members.rate', { id: member.id, level: 'hoan_thanh_xuat_sac', ...rating });
  await t.call('members.leave', { id: member.id, leftOn: '2026-03-31', reason: 'Chuyển nơi ở' });
  const ended = await t.call('massOrgs.create', {
    kindId: TO_BAO_VE_ANTT_KIND_ID,
    unitId: hamlet,
    name: 'Tổ tự quản đã giải thể',
    decisionIssuer: null,
    decisionNumber: null,
    decisionDate: null,
    validFrom: '2024-02-01',
    note: null,
  });
  await t.call('massOrgs.end', { id: ended.id, validTo: '2025-12-31', reason: 'Giải thể' });
  return { massOrgId: team.id, leaderId: leader.id, memberId: member.id };
}

async function evaluation(t: TestBackend, hamlet: string): Promise<void> {
  const key = { subjectType: 'unit', subjectId: hamlet, year: RECORDS_YEAR } as const;
  await t.call('evaluation.register', documentedRegistration('unit', hamlet, RECORDS_YEAR, { householdsRegistered: 110 }));
  await t.call('evaluation.attest', { ...key, ruleId: 'KDC-2', value: true, by: 'Trưởng Công an xã', on: '2026-11-06', note: null });
  await t.call('evaluation.override', {
    ...key,
    ruleId: 'KDC-1a',
    verdict: 'dat',
    reason: 'Đã xác minh tại thôn',
    by: 'Ban Chỉ đạo xã',
    on: '2026-11-06',
  });
  await t.call('evaluation.recordFigures', {
    ...key,
    statsComplete: true,
    counts: { ky_luat_luc_luong_bao_ve: null, ky_luat_can_bo: null, pham_toi_trong_truong: null, te_nan_trong_truong: null },
    securityForceLevel: null,
    securityForceTitles: [],
    by: 'Trưởng Công an xã',
    on: '2026-11-06',
    note: null,
  });
  await t.call('incidentStats.declare', { ...key, groups: ['an_ninh'], by: 'Trưởng Công an xã', on: '2026-11-06', note: null });
  await t.call('rubrics.score', {
    subject: hamlet,
    year: RECORDS_YEAR,
    rubricId: EXAMPLE_RUBRIC,
    kind: 'tu_cham',
    items: { '1.1': true, '1.2': false, '1.3': 5.5, '2': 12, '6.1': 1, L1: false },
    by: 'Trưởng thôn',
    note: null,
  });
  // The steps last: a decided subject takes no more attestations.
  await t.call('evaluation.advance', { ...key, step: 'tu_danh_gia', date: '2026-11-05', chair: 'Nguyễn Văn An, Trưởng thôn' });
  await t.call('evaluation.advance', { ...key, step: 'de_nghi', date: '2026-11-07', number: '15/TTr' });
  await t.call('evaluation.advance', { ...key, step: 'tham_dinh', date: '2026-11-10', by: 'Thường trực Ban Chỉ đạo xã' });
  await t.call('evaluation.advance', {
    ...key,
    step: 'quyet_dinh',
    date: '2026-11-12',
    outcome: 'khong_cong_nhan',
    number: '20/QĐ-UBND',
    signer: 'Chủ tịch UBND xã',
    reason: null,
  });
}

/** Every kind of record the screens save, placed in `commune` and `hamlet`. */
export async function seedScreenRecords(t: TestBackend, commune: string, hamlet: string): Promise<ScreenRecords> {
  await t.call('units.areaType', { id: hamlet, areaType: 'nong_thon' });
  await t.call('unitStats.upsert', { rows: [{ unitId: hamlet, year: RECORDS_YEAR, households: 120, residents: 480, trongDiem: false }] });
  const gone = await t.call('units.create', { parentId: commune, name: 'Xóm đã nhập', kind: 'khac', code: null, validFrom: '2024-01-01' });
  await t.call('units.end', { id: gone.id, validTo: '2025-12-31', reason: 'Nhập vào thôn khác', successorId: null, transfer: [] });
  await t.call('organizations.create', organizationInput(commune, 'Trường THCS trung tâm', { address: 'Thôn 1' }));
  const m = await models(t, commune, hamlet);
  const o = await massOrgs(t, hamlet);
  await evaluation(t, hamlet);
  await t.call('leadershipDocs.save', {
    id: null,
    unitId: commune,
    issuedOn: '2026-03-01',
    docType: 'nghi_quyet',
    number: '05-NQ/ĐU',
    title: 'Về công tác bảo đảm an ninh, trật tự năm 2026',
    note: null,
  });
  const records = sampleRecords(hamlet);
  for (const kind of ACTIVITY_KINDS)
    await t.call('activities.save', { kind, id: null, record: records[kind] } as MethodInput<'activities.save'>);
  return { ...m, ...o };
}
