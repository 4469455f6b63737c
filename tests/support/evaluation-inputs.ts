/**
 * Inputs the evaluation tests share. `agencyInput`: `organizations.create` for an administrative
 * agency at commune level with a party organisation and a security force; `over` changes any field.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { MethodInput, UnitDto } from '../../shared/ipc/contract';
import type { TestBackend } from './backend';
import { organizationInput } from './offices';

export function agencyInput(
  name: string,
  unitId: string,
  over: Partial<MethodInput<'organizations.create'>> = {},
): MethodInput<'organizations.create'> {
  return {
    name,
    kind: 'co_quan',
    subKind: 'co_quan_hanh_chinh',
    isArmedForces: false,
    unitId,
    managingLevel: 'xa',
    bcaMonitored: false,
    hasPartyOrg: true,
    hasSecurityForce: true,
    subUnitCount: 5,
    sectorGroup: null,
    insuredEmployees: null,
    revenueBillion: null,
    capitalBillion: null,
    taxCode: null,
    address: null,
    validFrom: '2015-01-01',
    ...over,
  };
}

/** The input of `evaluation.register` with every optional document and figure empty; `over` fills any. */
export function registrationInput(
  subjectType: 'unit' | 'organization',
  subjectId: string,
  year: number,
  over: Partial<MethodInput<'evaluation.register'>> = {},
): MethodInput<'evaluation.register'> {
  return {
    subjectType,
    subjectId,
    year,
    registeredOn: `${year}-02-15`,
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
    ...over,
  };
}

/**
 * A registration with its documents: the commune's resolution (05-NQ/CB of 20/01, a resolution of
 * its own) and plan (12/KH of 10/02), registered 15/02 of `year`; `over` changes any field.
 */
export function documentedRegistration(
  subjectType: 'unit' | 'organization',
  subjectId: string,
  year: number,
  over: Partial<MethodInput<'evaluation.register'>> = {},
): MethodInput<'evaluation.register'> {
  return registrationInput(subjectType, subjectId, year, {
    resolutionNumber: '05-NQ/CB',
    resolutionDate: `${year}-01-20`,
    resolutionForm: 'chuyen_de_rieng',
    planNumber: '12/KH',
    planDate: `${year}-02-10`,
    ...over,
  });
}

/**
 * The `ruleSets.import` input of a province rule set in the shipped example's format
 * (resources/rulesets/example-province-extra.json) with its first criterion only, renamed NB-1;
 * `over` changes the set's fields (id, name…), `rule` the criterion's.
 */
export function provinceRuleSetImport(
  over: Record<string, unknown> = {},
  rule: Record<string, unknown> = {},
): MethodInput<'ruleSets.import'> {
  const example = JSON.parse(fs.readFileSync(path.resolve('resources/rulesets/example-province-extra.json'), 'utf8')) as Record<
    string,
    unknown
  > & { rules: Record<string, unknown>[] };
  const province = {
    ...example,
    id: 'ninh-binh-bo-sung',
    version: '2025-01-01',
    example: false,
    rules: [{ ...example.rules[0]!, id: 'NB-1', ...rule }],
    ...over,
  };
  return { fileName: 'ninh-binh.json', base64: Buffer.from(JSON.stringify(province)).toString('base64') };
}

/** An incident record: one serious crime ("Cố ý gây thương tích") on 30/06/2025, solved, in `unitId` (and at `organizationId`). */
export function seriousIncident(unitId: string, organizationId: string | null = null) {
  return {
    occurredOn: '2025-06-30',
    unitId,
    organizationId,
    category: 'toi_pham_nghiem_trong' as const,
    count: 1,
    solved: 1,
    deaths: 0,
    injuries: 0,
    description: 'Cố ý gây thương tích',
    excuse: null,
    excuseReason: null,
    excuseApprovedBy: null,
    excuseApprovedOn: null,
    note: null,
  };
}

/** The council's override of KDC-2 to "không đạt" for the residential area `subjectId` in `year`. */
export function councilOverride(subjectId: string, year: number) {
  return {
    subjectType: 'unit' as const,
    subjectId,
    year,
    ruleId: 'KDC-2',
    verdict: 'khong_dat' as const,
    reason: 'Hội đồng xét lại',
    by: 'Thượng tá Trần Văn Dũng',
    on: '2025-11-20',
  };
}

/**
 * A residential area under `parentId` with its households, a documented registration for `year`
 * and its figures recorded for `year` and the year before: what a seal test builds on.
 */
export async function registeredArea(t: Pick<TestBackend, 'call'>, parentId: string, name: string, year: number): Promise<UnitDto> {
  const a = await t.call('units.create', { parentId, name, kind: 'thon', code: null, validFrom: '2020-01-01' });
  await t.call('unitStats.upsert', { rows: [{ unitId: a.id, year, households: 120, residents: 450, trongDiem: false }] });
  await t.call('evaluation.register', documentedRegistration('unit', a.id, year, { householdsRegistered: 120 }));
  for (const y of [year, year - 1]) await t.call('evaluation.recordFigures', recordedFigures('unit', a.id, y));
  return a;
}

/** `evaluation.recordFigures` for a subject and year: statistics complete, nothing counted against it; `over` changes any field. */
export function recordedFigures(
  subjectType: 'unit' | 'organization',
  subjectId: string,
  year: number,
  over: Partial<MethodInput<'evaluation.recordFigures'>> = {},
): MethodInput<'evaluation.recordFigures'> {
  return {
    subjectType,
    subjectId,
    year,
    statsComplete: true,
    counts: { ky_luat_luc_luong_bao_ve: null, ky_luat_can_bo: null, pham_toi_trong_truong: null, te_nan_trong_truong: null },
    securityForceLevel: null,
    securityForceTitles: [],
    by: 'Đại úy Lê Văn Cường',
    on: '2025-11-03',
    note: null,
    ...over,
  };
}

/**
 * Two communes of the Gia Viễn office (Gia Hòa, Gia Hưng) with three residential areas (a1, a2 under
 * Gia Hòa; b1 under Gia Hưng) and a school managed by Gia Hưng: the evaluation-cache tests' ground.
 */
export async function cacheTestGround(t: Pick<TestBackend, 'call'>) {
  const units = await t.call('units.list', { includeEnded: false });
  const hoa = units.find((u) => u.name === 'Xã Gia Hòa')!.id;
  const hung = units.find((u) => u.name === 'Xã Gia Hưng')!.id;
  const area = async (parentId: string, name: string) =>
    (await t.call('units.create', { parentId, name, kind: 'thon', code: null, validFrom: '2020-01-01' })).id;
  const a1 = await area(hoa, 'Thôn Đệm');
  const a2 = await area(hoa, 'Thôn Hạ');
  const b1 = await area(hung, 'Thôn Thượng');
  const school = (await t.call('organizations.create', organizationInput(hung, 'Trường THCS Gia Hưng', { managingLevel: 'xa' }))).id;
  return { hoa, hung, a1, a2, b1, school };
}
