/** Handlers of shared/ipc/contracts/handoff-inbox.contract.ts. */
import type { ServiceContext } from '../context';
import type { HandlersFor } from '../dispatch';
import type { handoffInboxContract } from '../../../shared/ipc/contracts/handoff-inbox.contract';

export function handoffInboxHandlers(ctx: ServiceContext): HandlersFor<keyof typeof handoffInboxContract> {
  void ctx;
  return {};
}
