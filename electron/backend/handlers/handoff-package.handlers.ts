/** Handlers of shared/ipc/contracts/handoff-package.contract.ts. */
import type { ServiceContext } from '../context';
import type { HandlersFor } from '../dispatch';
import type { handoffPackageContract } from '../../../shared/ipc/contracts/handoff-package.contract';

export function handoffPackageHandlers(ctx: ServiceContext): HandlersFor<keyof typeof handoffPackageContract> {
  void ctx;
  return {};
}
