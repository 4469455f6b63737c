/**
 * Handlers of the backups (shared/ipc/contracts/backups.contract.ts): thin, they call the backups
 * service of the data folder. Each is one function, so a role check (issue 15 item 1: restore for
 * Quản trị only) can wrap it like the ownership guard wraps others.
 */
import type { ServiceContext } from '../context';
import type { HandlersFor } from '../dispatch';
import type { backupsContract } from '../../../shared/ipc/contracts/backups.contract';
import type { BackupService } from '../backups/backups.service';

function service(ctx: ServiceContext): BackupService {
  if (!ctx.backups) throw new Error('backups: this backend was built without a backups service');
  return ctx.backups;
}

export function backupsHandlers(ctx: ServiceContext): HandlersFor<keyof typeof backupsContract> {
  return {
    'backups.list': () => service(ctx).list(),
    'backups.status': () => service(ctx).status(),
    'backups.create': () => service(ctx).create('manual'),
    'backups.copy': ({ id, folder }) => service(ctx).copy(id, folder),
    'backups.restore': ({ id }) => service(ctx).restore(id),
    'backups.undoRestore': () => service(ctx).undoRestore(),
  };
}
