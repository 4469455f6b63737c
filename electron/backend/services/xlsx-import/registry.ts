/**
 * RegistryId → its ImportSpec. Each registry's spec lives with its feature
 * (electron/backend/xlsx/specs/*.spec.ts); this is the one place they are listed.
 */
import type { RegistryId } from '../../../../shared/domain/registries';
import { AppError } from '../../errors';
import type { AnySpec } from '../../xlsx/spec';
import { unitYearStatsSpec } from './specs/unit-year-stats.spec';
import { unitsSpec } from './specs/units.spec';
import { organizationsSpec } from './specs/organizations.spec';
import { modelSitesSpec, modelsSpec } from './specs/models.spec';
import { massOrgsSpec, membersSpec } from './specs/mass-orgs.spec';
import { ACTIVITY_SPECS } from './specs/activities.spec';
import { registrationsSpec } from './specs/registrations.spec';

/** Every registry has its spec; a new RegistryId without one does not compile. */
const SPECS: Record<RegistryId, AnySpec> = {
  units: unitsSpec,
  unit_year_stats: unitYearStatsSpec,
  organizations: organizationsSpec,
  models: modelsSpec,
  model_sites: modelSitesSpec,
  mass_orgs: massOrgsSpec,
  members: membersSpec,
  evaluation_registrations: registrationsSpec,
  ...ACTIVITY_SPECS,
};

export function specFor(id: RegistryId): AnySpec {
  const spec = SPECS[id];
  // Only reachable with an id that bypassed the contract's enum.
  if (!spec) throw new AppError('NOT_FOUND', 'Danh mục không hợp lệ.');
  return spec;
}
