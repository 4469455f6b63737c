/**
 * The most records an Excel export of an activity kind writes (issue 16): a file of more rows than an
 * import takes back (MAX_IMPORT_ROWS) is refused before any row is built, asking for a period or a
 * narrower unit. At 2 M rows an export with no period built ~600.000 rows in memory for a file no
 * import could read. Counted over the scope and period, before the search and the category, as
 * activities.list's bound (activities-list.service.ts). Tests lower `maxRows`.
 */
import { AppError } from '../../errors';
import { MAX_IMPORT_ROWS } from '../../xlsx/workbook';
import { IMPORT_TEXTS } from './texts';

export const EXPORT_BOUND = { maxRows: MAX_IMPORT_ROWS };

/** The bound queryActivities applies to an export. */
export function exportBound(): { max: number; refusal: () => AppError } {
  const max = EXPORT_BOUND.maxRows;
  return { max, refusal: () => new AppError('RULE', IMPORT_TEXTS.exportTooMany(max)) };
}
