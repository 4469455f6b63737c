/** Handlers of the period figures (shared/ipc/contracts/period.contract.ts): thin, they call the service. */
import type { ServiceContext } from '../context';
import type { HandlersFor } from '../dispatch';
import type { periodContract } from '../../../shared/ipc/contracts/period.contract';
import { periodFigures } from '../services/period.service';
import { officeBreakdown } from '../services/consolidation.service';
import {
  deleteLeadershipDoc,
  getPeriodSettings,
  listLeadershipDocs,
  saveLeadershipDoc,
  savePeriodSettings,
} from '../services/period-settings.service';

export function periodHandlers(ctx: ServiceContext): HandlersFor<keyof typeof periodContract> {
  return {
    'period.figures': (input) => periodFigures(ctx, input),
    'period.byOffice': (input) => officeBreakdown(ctx, input),
    'period.settings': () => getPeriodSettings(ctx),
    'period.saveSettings': (input) => savePeriodSettings(ctx, input),
    'leadershipDocs.list': (input) => listLeadershipDocs(ctx, input),
    'leadershipDocs.save': (input) => saveLeadershipDoc(ctx, input),
    'leadershipDocs.delete': (input) => deleteLeadershipDoc(ctx, input.id),
  };
}
