/**
 * The activity side of the period figures, read in slices (issue 16): instead of turning every
 * record of both periods into a list row (names, a Vietnamese sort) and holding them all, the
 * records are read kind by kind, one calendar year at a time, straight from their table through the
 * placement index, and each slice is added to the accumulators and dropped. Memory is one slice;
 * time grows with the records in the two periods, not with the table. Between slices the work
 * yields to the host (Job.checkpoint) and reports how many records it has read.
 */
import type { Db } from '../repos/units.repo';
import type { Job } from '../jobs/jobs';
import { placedActivityRows } from '../repos/activities.repo';
import { ACTIVITY_KINDS, type ActivityKind, type ActivityRecords } from '../../../shared/domain/activities';
import {
  excusedOccurrence,
  figuresAccumulator,
  figuresOf,
  mediationTally,
  sortExcused,
  type ActivityFigures,
  type CountingRules,
  type DatePeriod,
  type ExcusedOccurrence,
  type MediationTally,
} from '../../../shared/domain/period';
import { formatIntVi } from '../../../shared/lib/numbers';

export interface PeriodCounts {
  current: ActivityFigures;
  prior: ActivityFigures;
  /** The period's figures per breakdown group (period.service perUnit). */
  groups: Map<string, ActivityFigures>;
  mediations: MediationTally;
  excused: ExcusedOccurrence[];
}

/** [from, to] cut at 1 January of each year: the slices the records are read in. */
export function yearSlices(from: string, to: string): DatePeriod[] {
  const out: DatePeriod[] = [];
  let start = from;
  while (start <= to) {
    const yearEnd = `${start.slice(0, 4)}-12-31`;
    const end = yearEnd < to ? yearEnd : to;
    out.push({ from: start, to: end });
    start = `${Number(start.slice(0, 4)) + 1}-01-01`;
  }
  return out;
}

/**
 * Counts the records of `previous` and `period` (previous ends the day before period starts) for the
 * scope, the breakdown groups of the period, its mediations by team and its excused occurrences.
 */
export async function countPeriodRecords(
  db: Db,
  job: Job,
  at: {
    period: DatePeriod;
    previous: DatePeriod;
    inScope: (unitId: string) => boolean;
    groupOf: (unitId: string) => string | null;
    today: string;
    rules: CountingRules;
  },
): Promise<PeriodCounts> {
  const { period, previous, inScope, today, rules } = at;
  const scopeGroup = (u: string) => (inScope(u) ? '' : null);
  const now = figuresAccumulator(scopeGroup, period, today, rules);
  const before = figuresAccumulator(scopeGroup, previous, today, rules);
  const byGroup = figuresAccumulator(at.groupOf, period, today, rules);
  const mediations = mediationTally(inScope, period);
  const excused: ExcusedOccurrence[] = [];

  const slices = yearSlices(previous.from < period.from ? previous.from : period.from, period.to);
  const steps = ACTIVITY_KINDS.length * slices.length;
  let step = 0;
  let read = 0;
  const addSlice = <K extends ActivityKind>(kind: K, rows: readonly ActivityRecords[K][]) => {
    for (const r of rows) {
      now.add(kind, r);
      before.add(kind, r);
      byGroup.add(kind, r);
    }
    if (kind === 'mediations') for (const r of rows as readonly ActivityRecords['mediations'][]) mediations.add(r);
    if (kind === 'incidents') {
      for (const r of rows as readonly ActivityRecords['incidents'][]) {
        const e = excusedOccurrence(r, inScope, period.from, period.to);
        if (e) excused.push(e);
      }
    }
  };
  for (const kind of ACTIVITY_KINDS) {
    for (const slice of slices) {
      await job.checkpoint();
      // Stored rows carry the record's fields under the domain's names (checked in activities.contract.ts).
      const rows = (await placedActivityRows(db, kind, slice.from, slice.to)) as unknown as ActivityRecords[typeof kind][];
      addSlice(kind, rows);
      read += rows.length;
      job.report(++step, steps, `Đã đọc ${formatIntVi(read)} bản ghi`);
    }
  }
  return {
    current: figuresOf(now.result(), ''),
    prior: figuresOf(before.result(), ''),
    groups: byGroup.result(),
    mediations,
    excused: sortExcused(excused),
  };
}
