/** Handlers of the long-work methods (shared/ipc/contracts/jobs.contract.ts): progress and cancel of a running job. */
import type { ServiceContext } from '../context';
import type { HandlersFor } from '../dispatch';
import type { jobsContract } from '../../../shared/ipc/contracts/jobs.contract';

export function jobsHandlers(ctx: ServiceContext): HandlersFor<keyof typeof jobsContract> {
  return {
    'jobs.progress': ({ jobId }) => ctx.jobs?.progress(jobId) ?? null,
    'jobs.cancel': ({ jobId }) => ({ cancelled: ctx.jobs?.cancel(jobId) ?? false }),
  };
}
