/**
 * Long work watched from the screen (issue 16 item 3): a long call (the evaluation board, freezing
 * a year, an import, …) takes an optional `jobId` the screen made up (a uuid); while it runs, the
 * screen asks `jobs.progress` for how far it got (every ~250 ms) and may `jobs.cancel` it. A
 * cancelled call fails with CANCELLED and writes nothing (the work stops before its write
 * transaction). See electron/backend/jobs/jobs.ts and docs/decisions.md (h16-eval).
 */
import { z } from 'zod';
import { uuid } from '../common';

/** The optional job id a long call's input carries (`jobId: jobIdInput`). */
export const jobIdInput = uuid.optional();

export const jobProgressDto = z.object({
  /** What is being done, in Vietnamese, counts included ("Đang đánh giá 1.200/10.499 đối tượng"). */
  label: z.string(),
  done: z.number(),
  /** null while the total is not known yet (the bar is then indeterminate). */
  total: z.number().nullable(),
  cancelled: z.boolean(),
  finished: z.boolean(),
});
export type JobProgressDto = z.infer<typeof jobProgressDto>;

export const jobsContract = {
  /** How far a job got; null when no such job ran recently (not started yet, or long finished). */
  'jobs.progress': {
    input: z.object({ jobId: uuid }).strict(),
    output: jobProgressDto.nullable(),
  },
  /** Asks a running job to stop before it writes; false when it is not running (finished, unknown). */
  'jobs.cancel': {
    input: z.object({ jobId: uuid }).strict(),
    output: z.object({ cancelled: z.boolean() }),
  },
} as const;
