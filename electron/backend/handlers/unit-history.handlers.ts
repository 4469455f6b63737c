/** Handlers of units across time: thin translations from the contract to the service. */
import type { ServiceContext } from '../context';
import type { HandlersFor } from '../dispatch';
import type { unitHistoryContract } from '../../../shared/ipc/contracts/unit-history.contract';
import * as history from '../services/unit-history';

export function unitHistoryHandlers(ctx: ServiceContext): HandlersFor<keyof typeof unitHistoryContract> {
  return {
    'unitStats.get': ({ unitId }) => history.getUnitStats(ctx, unitId),
    'unitStats.list': (input) => history.listUnitStats(ctx, input),
    'unitStats.upsert': (input) => history.upsertUnitStats(ctx, input),
    'units.areaType': (input) => history.setUnitAreaType(ctx, input),
    'units.trongDiem': (input) => history.setTrongDiem(ctx, input),
    'units.merge': (input) => history.mergeUnits(ctx, input),
    'units.split': (input) => history.splitUnit(ctx, input),
    'units.lineage': ({ id }) => history.unitLineage(ctx, id),
    'units.attached': (input) => history.attachedItems(ctx, input),
    'units.transfers': ({ id }) => history.unitTransfers(ctx, id),
    'units.untransfer': ({ batchId }) => history.undoTransfer(ctx, batchId),
    'units.asOf': ({ date }) => history.unitsAsOf(ctx, date),
    'reorg.propose': () => history.proposeReorg2025(ctx),
    'reorg.apply': (input) => history.applyReorg2025(ctx, input),
    'figures.rollup': (input) => history.rollUpFigures(ctx, input),
  };
}
