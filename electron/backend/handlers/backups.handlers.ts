/**
 * Handlers of the backups (shared/ipc/contracts/backups.contract.ts): thin, they call the backups
 * service of the data folder. Each is one function, so a role check (issue 15 item 1: restore for
 * Quản trị only) can wrap it like the ownership guard wraps others.
 */
import type { ServiceContext } from '../context';
import type { HandlersFor } from '../dispatch';
import type { backupsContract } from '../../../shared/ipc/contracts/backups.contract';
import type { BackupService } from '../backups/backups.service';
import { recordNote } from '../audit/recorder';
import { AUDIT_TEXTS } from '../audit/texts';

function service(ctx: ServiceContext): BackupService {
  if (!ctx.backups) throw new Error('backups: this backend was built without a backups service');
  return ctx.backups;
}

export function backupsHandlers(ctx: ServiceContext): HandlersFor<keyof typeof backupsContract> {
  return {
    'backups.list': () => service(ctx).list(),
    'backups.status': () => service(ctx).status(),
    'backups.create': () => service(ctx).create('manual'),
    // A whole copy of the data leaves the PC: logged, after the copy is made and checked.
    'backups.copy': async ({ id, folder }) => {
      const copied = service(ctx).copy(id, folder);
      await recordNote(ctx.db, { kind: 'system', summary: AUDIT_TEXTS.backupCopied(id, folder), ids: [id] });
      return copied;
    },
    'backups.restore': ({ id }) => service(ctx).restore(id),
    'backups.undoRestore': () => service(ctx).undoRestore(),
    'backups.eraseClear': ({ ids }) => service(ctx).eraseClear(ids),
  };
}
