/**
 * How a service runs its long work as a job (issue 16 item 3): through the context's registry when
 * there is one (the running app: the screen can watch and cancel it by `jobId`), else as a detached
 * job that still yields between slices (tests that build a context by hand).
 */
import type { ServiceContext } from '../context';
import { detachedJob, type Job } from './jobs';
import { formatIntVi } from '../../../shared/lib/numbers';

export function runJob<T>(
  ctx: ServiceContext,
  jobId: string | null | undefined,
  label: string,
  work: (job: Job) => Promise<T>,
): Promise<T> {
  return ctx.jobs ? ctx.jobs.run(jobId, label, work) : work(detachedJob());
}

/** "Đang đánh giá 1.200/10.499 đối tượng": a count label the progress display shows as it is. */
export function countLabel(verb: string, done: number, total: number, noun: string): string {
  return `${verb} ${formatIntVi(done)}/${formatIntVi(total)} ${noun}`;
}

/**
 * Maps `items` through `fn` with a checkpoint between items and progress reported as
 * "<verb> done/total <noun>": the loop every long computation over subjects or rows uses.
 */
export async function mapWithCheckpoints<A, B>(
  job: Job,
  items: readonly A[],
  fn: (item: A, index: number) => B,
  verb: string,
  noun: string,
): Promise<B[]> {
  const out: B[] = new Array<B>(items.length);
  for (let i = 0; i < items.length; i++) {
    if ((i & 15) === 0) {
      job.report(i, items.length, countLabel(verb, i, items.length, noun));
      await job.checkpoint();
    }
    out[i] = fn(items[i]!, i);
  }
  job.report(items.length, items.length, countLabel(verb, items.length, items.length, noun));
  return out;
}
