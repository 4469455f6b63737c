/** Handlers of the app, office and catalogue methods (shared/ipc/contracts/office.contract.ts). */
import type { ServiceContext } from '../context';
import type { HandlersFor } from '../dispatch';
import type { Clock } from '../clock';
import type { officeContract } from '../../../shared/ipc/contracts/office.contract';
import { currentOffice, setupOffice } from '../services/office.service';

/** What app.info reports about the running app (decided at start-up, not stored). */
export interface AppInfo {
  version: string;
  dataDir: string;
  databasePath: string;
  shell: 'electron' | 'web';
  clock: Clock;
}

export function officeHandlers(ctx: ServiceContext, info: AppInfo): HandlersFor<keyof typeof officeContract> {
  return {
    'app.info': () => ({
      version: info.version,
      dataDir: info.dataDir,
      databasePath: info.databasePath,
      today: info.clock.today(),
      shell: info.shell,
    }),
    'office.get': () => currentOffice(ctx),
    'office.setup': (input) => setupOffice(ctx, ctx.catalogue(), input),
    'catalogue.provinces': ({ era }) => ctx.catalogue().provinces(era),
    'catalogue.districts': ({ provinceCode }) => ctx.catalogue().districts(provinceCode),
    'catalogue.communes': ({ era, parentCode }) => ctx.catalogue().communes(era, parentCode),
  };
}
