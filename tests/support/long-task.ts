/**
 * Long evaluation work for tests of progress and cancel (issue 16 item 3), shared by the backend
 * test (tests/unit/backend/evaluation-jobs.test.ts) and the screen test
 * (tests/e2e/evaluation-progress.spec.ts): a district made heavy with 12.000 incidents over its
 * communes, loaded through activities.saveMany, and the watch of a running job — the host's turns
 * counted while the call runs, its progress polled between them, another call answered meanwhile,
 * and an optional step (a cancel) on the first turn.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Method, MethodInput, MethodOutput } from '../../shared/ipc/contract';
import type { JobProgressDto } from '../../shared/ipc/contracts/jobs.contract';

/** Anything that calls the contract: a unit test's backend or an e2e host's API. */
export interface Caller {
  call<M extends Method>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
}

/** Incidents over two years (year and year − 1) spread over the communes, enough to make the work long. */
export function heavyIncidents(communeIds: readonly string[], year: number, count = 12_000): Record<string, unknown>[] {
  const records: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    records.push({
      occurredOn: `${year - (i % 2)}-${String(1 + (i % 10)).padStart(2, '0')}-${String(1 + (i % 27)).padStart(2, '0')}`,
      unitId: communeIds[i % communeIds.length]!,
      organizationId: null,
      category: i % 3 === 0 ? 'te_nan_xa_hoi' : 'toi_pham_it_nghiem_trong',
      count: 1,
      solved: i % 3 === 0 ? 0 : 1,
      deaths: 0,
      injuries: 0,
      description: `Vụ việc số ${i + 1}`,
      excuse: null,
      excuseReason: null,
      excuseApprovedBy: null,
      excuseApprovedOn: null,
      note: null,
    });
  }
  return records;
}

/** Loads `heavyIncidents` through activities.saveMany, 5.000 rows a call. */
export async function loadHeavyIncidents(api: Caller, communeIds: readonly string[], year: number): Promise<void> {
  const records = heavyIncidents(communeIds, year);
  for (let i = 0; i < records.length; i += 5000)
    await api.call('activities.saveMany', { kind: 'incidents', records: records.slice(i, i + 5000) } as MethodInput<'activities.saveMany'>);
}

export interface Watched<T> {
  result: Promise<T>;
  /** Turns of the event loop the watcher got while the call ran. */
  turns: number;
  /** Every progress the job reported when polled. */
  seen: JobProgressDto[];
  /** Another call (app.info) was answered before the job ended. */
  appInfoBeforeEnd: boolean;
  maxBlockMs: number;
}

/** Runs `call` (job `jobId`) while a ticker takes turns of the event loop and polls the job's progress between them. */
export async function watchJob<T>(api: Caller, jobId: string, call: Promise<T>, onFirstTurn?: () => Promise<void>): Promise<Watched<T>> {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  let settled = false;
  let turns = 0;
  const seen: JobProgressDto[] = [];
  let appInfoBeforeEnd = false;
  const done = call.finally(() => {
    settled = true;
  });
  done.catch(() => undefined);
  while (!settled) {
    await new Promise((resolve) => setImmediate(resolve));
    if (settled) break;
    turns++;
    const p = await api.call('jobs.progress', { jobId });
    if (p) seen.push(p);
    if (turns === 1) {
      // Another call is answered while the job is still running.
      await api.call('app.info', {});
      appInfoBeforeEnd = !settled;
      await onFirstTurn?.();
    }
  }
  loop.disable();
  return { result: done, turns, seen, appInfoBeforeEnd, maxBlockMs: loop.max / 1e6 };
}
