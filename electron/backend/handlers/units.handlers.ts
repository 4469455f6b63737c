/** Handlers of the unit tree's methods (shared/ipc/contracts/units.contract.ts). */
import type { ServiceContext } from '../context';
import type { HandlersFor } from '../dispatch';
import type { unitsContract } from '../../../shared/ipc/contracts/units.contract';
import * as units from '../services/units.service';

export function unitsHandlers(ctx: ServiceContext): HandlersFor<keyof typeof unitsContract> {
  return {
    'units.list': ({ includeEnded }) => units.listUnitTree(ctx, includeEnded),
    'units.search': (input) => units.searchUnits(ctx, input),
    'units.get': ({ id }) => units.getUnitDetail(ctx, id),
    'units.create': (input) => units.createUnit(ctx, input),
    'units.update': (input) => units.editUnit(ctx, input),
    'units.move': (input) => units.moveUnit(ctx, input),
    'units.end': (input) => units.endUnit(ctx, input),
    'units.reopen': ({ id }) => units.reopenUnit(ctx, id),
    'units.delete': ({ id }) => units.deleteUnit(ctx, id),
    'units.usage': ({ id }) => units.unitUsage(ctx, id),
  };
}
