/**
 * Inputs the evaluation tests share. `agencyInput`: `organizations.create` for an administrative
 * agency at commune level with a party organisation and a security force; `over` changes any field.
 */
import type { MethodInput } from '../../shared/ipc/contract';

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
