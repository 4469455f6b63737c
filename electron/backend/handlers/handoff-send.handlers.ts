/** Handlers of shared/ipc/contracts/handoff-send.contract.ts. */
import type { ServiceContext } from '../context';
import type { HandlersFor } from '../dispatch';
import type { handoffSendContract } from '../../../shared/ipc/contracts/handoff-send.contract';
import { listSent, preview, writeSnapshot } from '../services/handoff-send.service';
import { importReceipt } from '../services/handoff-send-receipt.service';

export function handoffSendHandlers(ctx: ServiceContext): HandlersFor<keyof typeof handoffSendContract> {
  return {
    'handoffSend.preview': (input) => preview(ctx, input),
    'handoffSend.write': (input) => writeSnapshot(ctx, input),
    'handoffSend.list': async () => ({ files: await listSent(ctx) }),
    'handoffSend.importReceipt': (input) => importReceipt(ctx, input),
  };
}
