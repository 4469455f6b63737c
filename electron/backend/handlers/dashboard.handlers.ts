/** Handlers of the dashboard (shared/ipc/contracts/dashboard.contract.ts): thin, they call the service. */
import type { ServiceContext } from '../context';
import type { HandlersFor } from '../dispatch';
import type { dashboardContract } from '../../../shared/ipc/contracts/dashboard.contract';
import { dashboard } from '../services/dashboard.service';

export function dashboardHandlers(ctx: ServiceContext): HandlersFor<keyof typeof dashboardContract> {
  return {
    'dashboard.get': (input) => dashboard(ctx, input),
  };
}
