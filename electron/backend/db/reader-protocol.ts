/** Messages between the host (reader.ts) and the read-only SQL worker (reader-worker.ts). */

/** One compiled SELECT of the host's Kysely. Id 0 is never sent: the worker's "ready" reply uses it. */
export type ReaderRequest =
  | { id: number; sql: string; parameters: readonly unknown[] }
  /** Closes the worker's connection (answered after every read posted before it); the host then ends the thread. */
  | { id: number; close: true }
  /** The host took the last slice of read `id` (in a turn of its own): the worker sends the next one. */
  | { id: number; next: true };

/**
 * A read's rows come in slices of at most READER_CHUNK_ROWS, the last with `done`; the worker sends
 * the next slice only when the host asks for it (`next`, posted from a later turn of the host's
 * loop): a MessagePort hands every queued message over in one go, so slices sent at once would be
 * received (deserialised) in one block.
 */
export type ReaderReply =
  { id: number; rows: Record<string, unknown>[]; blobs: string[]; done: boolean } | { id: number; error: WorkerErrorData };

/** An error thrown on a worker's thread, as its reply carries it (rebuilt on the host by WorkerError). */
export interface WorkerErrorData {
  message: string;
  code: string | null;
  name: string;
}

/** What a worker posts for an error it caught: its message, SQLite code and name (every worker's replies). */
export function workerErrorOf(err: unknown): WorkerErrorData {
  const e = err as { message?: unknown; code?: unknown; name?: unknown };
  return {
    message: String(e.message ?? err),
    code: typeof e.code === 'string' ? e.code : null,
    name: typeof e.name === 'string' ? e.name : 'Error',
  };
}

/** Rows per message: receiving 1,000 wide rows (a member's) costs the host a few tens of ms. */
export const READER_CHUNK_ROWS = 1000;

/**
 * The keys worker (keys-worker.ts; the same bundle as the reader, started with `mode: 'keys'`): the
 * backfill of the activity lists' keys, one chunk per request, on a write connection of its own.
 */
export type KeysRequest =
  | { id: number; chunk: { budgetMs: number; steps: { unitsPerStep: number; rowsPerStep: number } | null } }
  /** Closes the connection (after the chunk running, if any), then the host ends the thread. */
  | { id: number; close: true };

/** A chunk's result, `busy` when the file was held by another writer (tried again later), or its error. */
export type KeysReply =
  | { id: number; changed: number; finished: boolean }
  | { id: number; busy: true }
  | { id: number; closed: true }
  | { id: number; error: WorkerErrorData };

/** The flags the host and the keys worker share (an Int32Array over a SharedArrayBuffer). */
export const KEYS_FLAG_STOP = 0;
export const KEYS_FLAG_CLOSED = 1;

/**
 * The checkpoint worker (checkpoint-worker.ts; the same bundle, started with `mode: 'checkpoint'`):
 * a PASSIVE checkpoint of the WAL per request, on a connection of its own.
 */
export type CheckpointRequest = { id: number; checkpoint: true } | { id: number; close: true };

/** A checkpoint's result (SQLite's busy / log / checkpointed), the close's answer, or an error. */
export type CheckpointReply =
  { id: number; busy: number; log: number; checkpointed: number } | { id: number; closed: true } | { id: number; error: WorkerErrorData };

/** The flag the host waits on while the checkpoint worker closes its connection (an Int32Array over a SharedArrayBuffer). */
export const CHECKPOINT_FLAG_CLOSED = 0;
