/**
 * The one list of methods that cross the process boundary (renderer ↔ backend). Each feature keeps
 * its methods, with their zod input and output, in shared/ipc/contracts/<feature>.contract.ts; this
 * file only lists them. The renderer's client type and the backend's handler map are both derived
 * from the object below, so a missing or mistyped handler is a compile error (architecture.md §2).
 */
import type { z } from 'zod';
import { officeContract } from './contracts/office.contract';
import { unitsContract } from './contracts/units.contract';
import { unitHistoryContract } from './contracts/unit-history.contract';
import { organizationsContract } from './contracts/organizations.contract';
import { modelsContract } from './contracts/models.contract';
import { massOrgsContract } from './contracts/mass-orgs.contract';
import { registryContract } from './contracts/registry.contract';
import { activitiesContract } from './contracts/activities.contract';
import { periodContract } from './contracts/period.contract';
import { dashboardContract } from './contracts/dashboard.contract';
import { evaluationContract } from './contracts/evaluation.contract';
import { rubricsContract } from './contracts/rubrics.contract';
import { incidentStatsContract } from './contracts/incident-stats.contract';
import { handoffKeysContract } from './contracts/handoff-keys.contract';
import { handoffSendContract } from './contracts/handoff-send.contract';
import { handoffInboxContract } from './contracts/handoff-inbox.contract';
import { handoffPackageContract } from './contracts/handoff-package.contract';
import { reportsContract } from './contracts/reports.contract';
import { slidesContract } from './contracts/slides.contract';
import { backupsContract } from './contracts/backups.contract';
import { jobsContract } from './contracts/jobs.contract';

// The DTOs most features share, listed here so `shared/ipc/contract` stays the one import.
export { empty, isoDate, uuid } from './common';
export {
  era,
  officeLevel,
  unitChangeDto,
  unitDto,
  unitKind,
  unitLevel,
  type UnitChangeDto,
  type UnitDto,
} from './contracts/units.contract';
export { catalogueUnitDto, officeDto, type CatalogueUnitDto, type OfficeDto } from './contracts/office.contract';

export const contract = {
  ...officeContract,
  ...unitsContract,
  ...unitHistoryContract,
  ...organizationsContract,
  ...modelsContract,
  ...massOrgsContract,
  ...registryContract,
  ...activitiesContract,
  ...periodContract,
  ...dashboardContract,
  ...evaluationContract,
  ...rubricsContract,
  ...incidentStatsContract,
  ...handoffKeysContract,
  ...handoffSendContract,
  ...handoffInboxContract,
  ...handoffPackageContract,
  ...reportsContract,
  ...slidesContract,
  ...backupsContract,
  ...jobsContract,
} as const;

export type Contract = typeof contract;
export type Method = keyof Contract;
export type MethodInput<M extends Method> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends Method> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends Method> = z.output<Contract[M]['output']>;

export const METHODS = Object.keys(contract) as Method[];

export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
