/**
 * The input of `organizations.create` for an agency the evaluation tests rate: an administrative
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
