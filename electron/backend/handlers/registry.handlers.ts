/** Handlers of the generic registry methods (shared/ipc/contracts/registry.contract.ts). */
import type { ServiceContext } from '../context';
import type { HandlersFor } from '../dispatch';
import type { registryContract } from '../../../shared/ipc/contracts/registry.contract';
import { specFor } from '../services/xlsx-import/registry';
import { registryOverview } from '../services/overview.service';
import { ownersFor } from '../services/ownership-guard';
import { commitImport, exportFile, previewImport, templateFile } from '../services/xlsx-import/import.service';

export function registryHandlers(ctx: ServiceContext): HandlersFor<keyof typeof registryContract> {
  return {
    'registry.overview': (input) => registryOverview(ctx, input),
    'ownership.lookup': ({ table, ids }) => ownersFor(ctx, table, ids),
    'xlsx.template': ({ registry }) => templateFile(specFor(registry)),
    'xlsx.preview': ({ registry, fileBase64, jobId }) => previewImport(ctx, specFor(registry), fileBase64, jobId),
    'xlsx.commit': ({ registry, fileBase64, acceptWarnings, jobId }) =>
      commitImport(ctx, specFor(registry), fileBase64, { acceptWarnings, jobId }),
    'xlsx.export': ({ registry, filter, jobId }) => exportFile(ctx, specFor(registry), filter, jobId),
  };
}
