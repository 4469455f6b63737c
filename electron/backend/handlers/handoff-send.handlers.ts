/** Handlers of shared/ipc/contracts/handoff-send.contract.ts. */
import type { ServiceContext } from '../context';
import type { HandlersFor } from '../dispatch';
import type { handoffSendContract } from '../../../shared/ipc/contracts/handoff-send.contract';

export function handoffSendHandlers(ctx: ServiceContext): HandlersFor<keyof typeof handoffSendContract> {
  void ctx;
  return {};
}
