/** Handlers of the period figures (shared/ipc/contracts/period.contract.ts): thin, they call the service. */
import type { ServiceContext } from '../context';
import type { HandlersFor } from '../dispatch';
import type { periodContract } from '../../../shared/ipc/contracts/period.contract';
import { periodFigures } from '../services/period.service';

export function periodHandlers(ctx: ServiceContext): HandlersFor<keyof typeof periodContract> {
  return {
    'period.figures': (input) => periodFigures(ctx, input),
  };
}
