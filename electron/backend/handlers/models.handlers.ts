/** Handlers of the models feature's methods (shared/ipc/contracts/models.contract.ts): thin, they call the service. */
import type { ServiceContext } from '../context';
import type { HandlersFor } from '../dispatch';
import type { modelsContract } from '../../../shared/ipc/contracts/models.contract';
import * as models from '../services/models.service';

export function modelsHandlers(ctx: ServiceContext): HandlersFor<keyof typeof modelsContract> {
  return {
    'modelTypes.list': ({ includeInactive }) => models.listModelTypes(ctx, includeInactive),
    'modelTypes.create': (input) => models.createModelType(ctx, input),
    'modelTypes.update': (input) => models.updateModelType(ctx, input),
    'modelTypes.delete': ({ id }) => models.deleteModelType(ctx, id),
    'models.list': (filter) => models.listModels(ctx, filter),
    'models.get': ({ id }) => models.getModel(ctx, id),
    'models.create': (input) => models.createModel(ctx, input),
    'models.update': (input) => models.updateModel(ctx, input),
    'models.changeStatus': (input) => models.changeModelStatus(ctx, input),
    'models.undoStatus': ({ id }) => models.undoModelStatus(ctx, id),
    'models.retire': (input) => models.retireModel(ctx, input),
    'models.rate': (input) => models.rateModel(ctx, input),
    'models.recognise': (input) => models.recogniseModel(ctx, input),
    'models.removeRecognition': ({ id }) => models.removeRecognition(ctx, id),
    'models.delete': ({ id }) => models.deleteModel(ctx, id),
    'models.summary': (input) => models.modelsOverview(ctx, input),
    'modelSites.list': (filter) => models.listModelSites(ctx, filter),
    'modelSites.create': (input) => models.createModelSite(ctx, input),
    'modelSites.update': (input) => models.updateModelSite(ctx, input),
    'modelSites.end': (input) => models.endModelSite(ctx, input),
    'modelSites.reopen': ({ id }) => models.reopenModelSite(ctx, id),
    'modelSites.delete': ({ id }) => models.deleteModelSite(ctx, id),
  };
}
