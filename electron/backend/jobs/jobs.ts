/**
 * Long work that never blocks the host (issue 16 item 3). A long call (evaluating a province,
 * freezing a year, an import, period figures over years) runs as a job: the caller passes a jobId
 * it made up, the work calls `checkpoint()` between small pieces, and in between the host answers
 * other calls — among them `jobs.progress` (what the screen shows) and `jobs.cancel`.
 *
 * `checkpoint()` yields to the event loop once the current slice has run for SLICE_MS, and throws
 * CANCELLED once the person cancelled: work must call it only before it opens its write
 * transaction, so a cancelled job writes nothing. A write transaction itself is one short slice.
 */
import { AppError } from '../errors';

/** How long a slice may hold the host before it yields (the target is 200 ms; this leaves room). */
export const SLICE_MS = 50;

export interface JobProgress {
  /** What is being done, in Vietnamese ("Đang đánh giá 1.200/10.499 đối tượng"). */
  label: string;
  done: number;
  /** null while the total is not known yet. */
  total: number | null;
  cancelled: boolean;
  finished: boolean;
}

export interface Job {
  readonly id: string;
  /** Records progress; cheap, call it as often as you like. */
  report(done: number, total: number | null, label?: string): void;
  /** Yields to the host when the slice is used up; throws CANCELLED when cancelled. */
  checkpoint(): Promise<void>;
  /** Throws CANCELLED when cancelled, without yielding (call it right before the write transaction). */
  throwIfCancelled(): void;
  /**
   * Gives the host a turn now, whatever is left of the slice, then starts a new slice; throws
   * CANCELLED when cancelled. For counts worth seeing move on the screen: on a fast machine a whole
   * phase can fit in one slice, and its progress would never be read before it ends.
   */
  yieldNow(): Promise<void>;
}

const yieldToHost = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Turns of the host for a loop outside a job: `if (turns.due()) await turns.take();` between items
 * yields once SLICE_MS has run since the last turn (the clock is read every 256 items, and no
 * promise is made for the others).
 */
export class HostTurns {
  #since = performance.now();
  #calls = 0;

  due(): boolean {
    return (++this.#calls & 255) === 0 && performance.now() - this.#since >= SLICE_MS;
  }

  async take(): Promise<void> {
    await yieldToHost();
    this.#since = performance.now();
  }
}

/**
 * `items.map(fn)` with turns of the host, for a per-row conversion outside a job (a whole
 * registry's rows with a protected field to open: 135.716 members' phones are about 1,4 s of CPU,
 * which must not be one block).
 */
export async function mapInTurns<A, B>(items: readonly A[], fn: (item: A, index: number) => B): Promise<B[]> {
  const out = new Array<B>(items.length);
  const turns = new HostTurns();
  for (let i = 0; i < items.length; i++) {
    if (turns.due()) await turns.take();
    out[i] = fn(items[i]!, i);
  }
  return out;
}

/** Items sorted by one Array.prototype.sort call before sortInTurns merges them (a few ms each). */
const SORT_RUN = 4096;

/**
 * `[...items].sort(compare)` with turns of the host (issue 16 item 3: 600.000 activity rows sorted by
 * date, unit and Vietnamese text in one call held the host for seconds): runs of SORT_RUN items are
 * sorted by the engine, then merged pairwise with HostTurns between items. The merge takes the left
 * item on ties, so the order is the stable sort's, the same as Array.prototype.sort's.
 */
export async function sortInTurns<T>(items: readonly T[], compare: (a: T, b: T) => number): Promise<T[]> {
  const turns = new HostTurns();
  let runs: T[][] = [];
  for (let i = 0; i < items.length; i += SORT_RUN) {
    if (i > 0) await turns.take();
    runs.push(items.slice(i, i + SORT_RUN).sort(compare));
  }
  while (runs.length > 1) {
    const next: T[][] = [];
    for (let r = 0; r < runs.length; r += 2) {
      const a = runs[r]!;
      const b = runs[r + 1];
      if (!b) {
        next.push(a);
        continue;
      }
      const out = new Array<T>(a.length + b.length);
      let i = 0;
      let j = 0;
      let k = 0;
      while (i < a.length && j < b.length) {
        if (turns.due()) await turns.take();
        out[k++] = compare(b[j]!, a[i]!) < 0 ? b[j++]! : a[i++]!;
      }
      while (i < a.length) out[k++] = a[i++]!;
      while (j < b.length) out[k++] = b[j++]!;
      next.push(out);
    }
    runs = next;
  }
  return runs[0] ?? [];
}

class RunningJob implements Job {
  private sliceStart = performance.now();
  readonly state: JobProgress;

  constructor(
    readonly id: string,
    label: string,
  ) {
    this.state = { label, done: 0, total: null, cancelled: false, finished: false };
  }

  report(done: number, total: number | null, label?: string): void {
    this.state.done = done;
    this.state.total = total;
    if (label !== undefined) this.state.label = label;
  }

  throwIfCancelled(): void {
    if (this.state.cancelled) throw new AppError('CANCELLED', 'Đã hủy thao tác. Dữ liệu không thay đổi.');
  }

  async yieldNow(): Promise<void> {
    this.throwIfCancelled();
    await yieldToHost();
    this.sliceStart = performance.now();
    this.throwIfCancelled();
  }

  async checkpoint(): Promise<void> {
    this.throwIfCancelled();
    if (performance.now() - this.sliceStart < SLICE_MS) return;
    await yieldToHost();
    this.sliceStart = performance.now();
    this.throwIfCancelled();
  }
}

/** Finished jobs are kept this long so a last poll still sees them. */
const KEEP_FINISHED_MS = 60_000;

export class Jobs {
  private readonly running = new Map<string, { job: RunningJob; finishedAt: number | null }>();

  /**
   * Runs `work` as a job. Without a jobId (a test, or a caller that shows no progress) the work
   * still yields between slices; it just cannot be watched or cancelled.
   */
  async run<T>(jobId: string | null | undefined, label: string, work: (job: Job) => Promise<T>): Promise<T> {
    const id = jobId ?? `anon-${Math.random().toString(36).slice(2)}`;
    if (jobId && this.running.has(jobId) && this.running.get(jobId)!.finishedAt === null) {
      throw new AppError('CONFLICT', 'Thao tác này đang chạy.');
    }
    this.sweep();
    const job = new RunningJob(id, label);
    const entry = { job, finishedAt: null as number | null };
    this.running.set(id, entry);
    try {
      return await work(job);
    } finally {
      job.state.finished = true;
      entry.finishedAt = Date.now();
      if (!jobId) this.running.delete(id);
    }
  }

  progress(jobId: string): JobProgress | null {
    const entry = this.running.get(jobId);
    return entry ? { ...entry.job.state } : null;
  }

  /** Asks the job to stop at its next checkpoint; false when there is no such running job. */
  cancel(jobId: string): boolean {
    const entry = this.running.get(jobId);
    if (!entry || entry.finishedAt !== null) return false;
    entry.job.state.cancelled = true;
    return true;
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, entry] of this.running) {
      if (entry.finishedAt !== null && now - entry.finishedAt > KEEP_FINISHED_MS) this.running.delete(id);
    }
  }
}

/** For services called without a Jobs registry (tests that build a context by hand). */
export function detachedJob(): Job {
  return new RunningJob('detached', '');
}
