/**
 * Registry figures with nothing in them, for the tests of the period sentences and the report
 * builder: a test spreads over them only what it is about.
 */
import type { MassOrgFigures, ModelFigures, OrganizationFigures } from '../../shared/domain/overview';
import { noHd22Counts } from '../../shared/domain/models-hd22';

export const EMPTY_MODELS: ModelFigures = noHd22Counts();
export const EMPTY_MASS_ORGS: MassOrgFigures = { organizations: 0, members: 0, effective: 0, byKind: [] };
export const EMPTY_ORGANIZATIONS: OrganizationFigures = {
  total: 0,
  byKind: { co_quan: 0, doanh_nghiep: 0, co_so_giao_duc: 0 },
  eligible: 0,
  ineligible: 0,
  incomplete: 0,
};
