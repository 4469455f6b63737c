/** Handlers of the audit log (shared/ipc/contracts/audit.contract.ts): thin, over services/audit.service.ts. */
import type { ServiceContext } from '../context';
import type { HandlersFor } from '../dispatch';
import type { auditContract } from '../../../shared/ipc/contracts/audit.contract';
import { auditStatus, exportAudit, listAudit, verifyAudit } from '../services/audit.service';

export function auditHandlers(ctx: ServiceContext): HandlersFor<keyof typeof auditContract> {
  return {
    'audit.list': (input) => listAudit(ctx, input),
    'audit.verify': () => verifyAudit(ctx),
    'audit.export': (input) => exportAudit(ctx, input),
    'audit.head': () => auditStatus(ctx),
  };
}
