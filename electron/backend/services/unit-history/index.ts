/**
 * Units across time (issue 3 item 1): yearly figures and flags, area type, merge and split with
 * lineage, the tree as of a date, the guided 2025 reorganisation and the roll-up of past figures.
 *
 * Every change runs in one transaction; the pure rules live in shared/domain/lineage.ts and
 * shared/domain/unit-tree.ts. A refusal throws an AppError with a Vietnamese message, which rolls
 * the transaction back: nothing is half-written.
 */
export { unitsAsOf } from './as-of';
export { getUnitStats, listUnitStats, setTrongDiem, setUnitAreaType, upsertUnitStats, writeStats, type StatsWriteResult } from './figures';
export { mergeUnits, splitUnit, unitLineage } from './merge-split';
export { applyReorg2025, proposeReorg2025 } from './reorg-2025';
export { rollUpFigures } from './roll-up';
export { attachedItems, undoTransfer, unitTransfers } from './transfer';
