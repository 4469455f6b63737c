/** Handlers of the incident statistics' completeness (shared/ipc/contracts/incident-stats.contract.ts). */
import type { ServiceContext } from '../context';
import type { HandlersFor } from '../dispatch';
import type { incidentStatsContract } from '../../../shared/ipc/contracts/incident-stats.contract';
import * as s from '../services/incident-stats.service';

export function incidentStatsHandlers(ctx: ServiceContext): HandlersFor<keyof typeof incidentStatsContract> {
  return {
    'incidentStats.completeness': (input) => s.completeness(ctx, input),
    'incidentStats.declare': (input) => s.declare(ctx, input),
  };
}
