/** Handlers of shared/ipc/contracts/handoff-keys.contract.ts. */
import type { ServiceContext } from '../context';
import type { HandlersFor } from '../dispatch';
import type { handoffKeysContract } from '../../../shared/ipc/contracts/handoff-keys.contract';

export function handoffKeysHandlers(ctx: ServiceContext): HandlersFor<keyof typeof handoffKeysContract> {
  void ctx;
  return {};
}
