/**
 * `activities.list`: the whole list of a kind for a filter, bounded (issue 16: no list sends more
 * than a screen's worth plus a page). The screen reads pages (activities.page); no screen calls this
 * method, which stays for small scopes and periods (and names the section's access in the shell).
 * At 2 M rows the propaganda list with no period was 280 MB of JSON and one 11 s block of the host
 * (docs/decisions-h18-blocks.md).
 */
import type { ServiceContext } from '../context';
import { AppError } from '../errors';
import { checkPeriod, queryActivities } from './activities.service';
import type { ActivityKind } from '../../../shared/domain/activities';
import type { ActivityFilter, ActivityRows } from '../../../shared/ipc/contracts/activities.contract';
import { formatIntVi } from '../../../shared/lib/numbers';

/** The most records `activities.list` answers with. */
export const LIST_MAX_ROWS = 10_000;

function tooManyRows(): AppError {
  return new AppError(
    'RULE',
    `Danh sách có hơn ${formatIntVi(LIST_MAX_ROWS)} bản ghi, quá nhiều để gửi một lần. Hãy chọn khoảng thời gian hoặc đơn vị hẹp hơn, hoặc xem danh sách theo trang.`,
  );
}

/** The records of the filter, as listActivities gives them; refused (RULE) above LIST_MAX_ROWS in the scope and period. */
export async function listActivitiesBounded<K extends ActivityKind>(
  ctx: ServiceContext,
  filter: ActivityFilter & { kind: K },
): Promise<ActivityRows[K][]> {
  checkPeriod(filter);
  return queryActivities(ctx, ctx.db, filter.kind, filter, { max: LIST_MAX_ROWS, refusal: tooManyRows });
}
