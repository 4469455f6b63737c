/**
 * The checkpoint worker's side (issue 16 item 3): the host's connections never checkpoint the WAL
 * themselves (`wal_autocheckpoint = 0`, db/checkpointer.ts); the checkpoints run here, on a
 * worker_threads thread with a connection of its own, so copying the WAL's pages into the main
 * file and its fsyncs never hold the host's thread.
 *
 * - PASSIVE only: it copies what no reader still needs and never takes the writer's lock, so the
 *   host's writes never wait for it (RESTART and TRUNCATE hold the writer's lock for the whole
 *   checkpoint). The WAL is then started again from its beginning by the next write, and cut to
 *   `journal_size_limit` (the host's connections set it).
 * - busy_timeout 0: a checkpoint that meets another (the backup's TRUNCATE) answers busy at once.
 * - Read-write with query_only ON: a read-only connection may not checkpoint; nothing else runs here.
 * - Close: answered after a checkpoint running ends; the closed flag is set once the connection is
 *   closed, which the host waits for (checkpointer.ts close()).
 *
 * Started from reader-worker.ts (one bundle, reader-worker.cjs) when workerData.mode is 'checkpoint'.
 */
import type { MessagePort } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { CHECKPOINT_FLAG_CLOSED, type CheckpointReply, type CheckpointRequest, workerErrorOf } from './reader-protocol';

export interface CheckpointWorkerData {
  mode: 'checkpoint';
  file: string;
  /** Int32Array(1) over a SharedArrayBuffer: CHECKPOINT_FLAG_CLOSED, set by this side. */
  flags: SharedArrayBuffer;
}

export function runCheckpointWorker(port: MessagePort, data: CheckpointWorkerData): void {
  const flags = new Int32Array(data.flags);
  const closed = () => {
    Atomics.store(flags, CHECKPOINT_FLAG_CLOSED, 1);
    Atomics.notify(flags, CHECKPOINT_FLAG_CLOSED);
  };
  let raw: BetterSqlite3.Database | null;
  try {
    raw = new BetterSqlite3(data.file, { fileMustExist: true, timeout: 0 });
    raw.pragma('trusted_schema = OFF');
    raw.pragma('query_only = ON');
  } catch (err) {
    closed();
    throw err;
  }

  port.on('message', (request: CheckpointRequest) => {
    if ('close' in request) {
      raw?.close();
      raw = null;
      closed();
      port.postMessage({ id: request.id, closed: true } satisfies CheckpointReply);
      return;
    }
    if (!raw) {
      port.postMessage({ id: request.id, busy: 1, log: -1, checkpointed: -1 } satisfies CheckpointReply);
      return;
    }
    try {
      const [r] = raw.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
      port.postMessage({
        id: request.id,
        busy: r?.busy ?? 1,
        log: r?.log ?? -1,
        checkpointed: r?.checkpointed ?? -1,
      } satisfies CheckpointReply);
    } catch (err) {
      port.postMessage({ id: request.id, error: workerErrorOf(err) } satisfies CheckpointReply);
    }
  });
  port.postMessage({ id: 0, busy: 0, log: 0, checkpointed: 0 } satisfies CheckpointReply);
}
