/**
 * The one write transaction of long work (a freeze, an import's commit), all rows or none, run so
 * the host is not held while it writes (db/long-write.ts): on the second connection when the
 * context has one, pausing at the job's checkpoint between statements — a cancel rolls it all back.
 * Hand-built contexts (tests) run it on their one connection, as before.
 */
import type { ServiceContext } from '../context';
import type { LongWriteBody } from '../db/long-write';
import { dataStamp } from '../repos/data-stamp.repo';
import type { Job } from './jobs';

export function longTransaction<T>(ctx: ServiceContext, job: Job, body: LongWriteBody<T>): Promise<T> {
  if (ctx.longWrite) return ctx.longWrite.run(() => job.checkpoint(), body);
  return ctx.db.transaction().execute((trx) => body(trx, () => dataStamp(trx)));
}
