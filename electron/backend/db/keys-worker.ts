/**
 * The keys worker's side (issue 16 item 3): the backfill of the activity lists' stored keys
 * (repos/activities.keys.ts `ListKeysBackfill`) runs its chunks here, on a worker_threads thread
 * with a write connection of its own, so neither a chunk's statements, nor its commit, nor the
 * WAL's auto-checkpoint that a commit may run, nor the cold pages a chunk reads, hold the host.
 *
 * - The host sends the statements (plain SQL its own Kysely compiled, keys-chunk.ts `KeysPlan`) once,
 *   in workerData, and then asks for one chunk at a time; the cursor lives here.
 * - The host decides when a chunk may run (through its call gate, holding the app connection's
 *   write gate meanwhile); this side only runs it.
 * - Stop: the host sets the shared stop flag (a chunk running commits what it did and returns), asks
 *   to close, and waits for the closed flag, so the connection is closed when the host's close()
 *   returns.
 *
 * Started from reader-worker.ts (one bundle, reader-worker.cjs) when workerData.mode is 'keys'.
 */
import type { MessagePort } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { registerFunctions } from './sql-functions';
import { applyKeysPragmas, isBusy, newBackfillCursor, runKeysChunk, type KeysPlan } from './keys-chunk';
import { KEYS_FLAG_CLOSED, KEYS_FLAG_STOP, type KeysReply, type KeysRequest, workerErrorOf } from './reader-protocol';

export interface KeysWorkerData {
  mode: 'keys';
  file: string;
  plan: KeysPlan;
  /** Int32Array(2) over a SharedArrayBuffer: KEYS_FLAG_STOP set by the host, KEYS_FLAG_CLOSED by this side. */
  flags: SharedArrayBuffer;
}

export function runKeysWorker(port: MessagePort, data: KeysWorkerData): void {
  const flags = new Int32Array(data.flags);
  const stopped = () => Atomics.load(flags, KEYS_FLAG_STOP) !== 0;
  const closed = () => {
    Atomics.store(flags, KEYS_FLAG_CLOSED, 1);
    Atomics.notify(flags, KEYS_FLAG_CLOSED);
  };
  let raw: BetterSqlite3.Database | null;
  try {
    raw = new BetterSqlite3(data.file, { fileMustExist: true });
    applyKeysPragmas(raw);
    registerFunctions(raw);
  } catch (err) {
    closed();
    throw err;
  }
  const cursor = newBackfillCursor();

  port.on('message', (request: KeysRequest) => {
    if ('close' in request) {
      raw?.close();
      raw = null;
      closed();
      port.postMessage({ id: request.id, closed: true } satisfies KeysReply);
      return;
    }
    if (!raw || stopped()) {
      port.postMessage({ id: request.id, changed: 0, finished: false } satisfies KeysReply);
      return;
    }
    try {
      const { budgetMs, steps } = request.chunk;
      const r = runKeysChunk(raw, data.plan, budgetMs, cursor, steps ?? undefined, stopped);
      port.postMessage({ id: request.id, changed: r.changed, finished: r.finished } satisfies KeysReply);
    } catch (err) {
      if (isBusy(err)) port.postMessage({ id: request.id, busy: true } satisfies KeysReply);
      else port.postMessage({ id: request.id, error: workerErrorOf(err) } satisfies KeysReply);
    }
  });
  port.postMessage({ id: 0, changed: 0, finished: false } satisfies KeysReply);
}
