/** Handlers of shared/ipc/contracts/handoff-keys.contract.ts. */
import type { ServiceContext } from '../context';
import type { HandlersFor } from '../dispatch';
import type { handoffKeysContract } from '../../../shared/ipc/contracts/handoff-keys.contract';
import {
  confirmPeerById,
  exportKeyFile,
  listPeers,
  ownIdentity,
  previewKeyFile,
  provinceKeys,
  trustKeyFile,
} from '../services/handoff-keys.service';

export function handoffKeysHandlers(ctx: ServiceContext): HandlersFor<keyof typeof handoffKeysContract> {
  return {
    'handoffKeys.own': () => ownIdentity(ctx),
    'handoffKeys.exportKeyFile': ({ folder }) => exportKeyFile(ctx, folder),
    'handoffKeys.previewKeyFile': ({ path }) => previewKeyFile(ctx, path),
    'handoffKeys.trustKeyFile': (input) => trustKeyFile(ctx, input),
    'handoffKeys.confirmPeer': (input) => confirmPeerById(ctx, input),
    'handoffKeys.listPeers': () => listPeers(ctx.db),
    'handoffKeys.province': () => provinceKeys(ctx),
  };
}
