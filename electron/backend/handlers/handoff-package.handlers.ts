/** Handlers of shared/ipc/contracts/handoff-package.contract.ts. */
import type { ServiceContext } from '../context';
import type { HandlersFor } from '../dispatch';
import type { handoffPackageContract } from '../../../shared/ipc/contracts/handoff-package.contract';
import { getPolicy, listPackageRecords, makePackage, setPolicy } from '../services/handoff-package.service';
import { applyPackage, inspectPackage } from '../services/handoff-package-apply.service';

export function handoffPackageHandlers(ctx: ServiceContext): HandlersFor<keyof typeof handoffPackageContract> {
  return {
    'handoffPackage.policy': () => getPolicy(ctx),
    'handoffPackage.setPolicy': (input) => setPolicy(ctx, input),
    'handoffPackage.list': () => listPackageRecords(ctx),
    'handoffPackage.make': (input) => makePackage(ctx, input),
    'handoffPackage.inspect': (input) => inspectPackage(ctx, input),
    'handoffPackage.apply': (input) => applyPackage(ctx, input),
  };
}
