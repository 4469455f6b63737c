/** Handlers of shared/ipc/contracts/handoff-inbox.contract.ts: thin, they call the inbox services. */
import type { ServiceContext } from '../context';
import type { HandlersFor } from '../dispatch';
import type { handoffInboxContract } from '../../../shared/ipc/contracts/handoff-inbox.contract';
import { applyPath, inspectPath, rollbackTo } from '../services/handoff-inbox.service';
import { confirmOffice } from '../services/handoff-inbox-enrol.service';
import { completenessMatrix, exportMatrix, receivedHistory, writeReceipt } from '../services/handoff-inbox-report.service';

export function handoffInboxHandlers(ctx: ServiceContext): HandlersFor<keyof typeof handoffInboxContract> {
  return {
    'handoffInbox.inspect': (input) => inspectPath(ctx, input),
    'handoffInbox.confirmOffice': (input) => confirmOffice(ctx, input),
    'handoffInbox.apply': (input) => applyPath(ctx, input),
    'handoffInbox.history': (input) => receivedHistory(ctx, input),
    'handoffInbox.rollback': (input) => rollbackTo(ctx, input),
    'handoffInbox.matrix': () => completenessMatrix(ctx),
    'handoffInbox.exportMatrix': (input) => exportMatrix(ctx, input),
    'handoffInbox.writeReceipt': (input) => writeReceipt(ctx, input),
  };
}
