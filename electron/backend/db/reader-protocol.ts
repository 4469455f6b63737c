/** Messages between the host (reader.ts) and the read-only SQL worker (reader-worker.ts). */

/** One compiled SELECT of the host's Kysely. Id 0 is never sent: the worker's "ready" reply uses it. */
export type ReaderRequest =
  | { id: number; sql: string; parameters: readonly unknown[] }
  /** Closes the worker's connection (answered after every read posted before it); the host then ends the thread. */
  | { id: number; close: true };

/**
 * A read's rows come in slices of at most READER_CHUNK_ROWS, one message each, the last with `done`:
 * the host receives (deserialises) one slice per turn of its event loop, never a whole large result
 * in one go.
 */
export type ReaderReply =
  | { id: number; rows: Record<string, unknown>[]; blobs: string[]; done: boolean }
  | { id: number; error: { message: string; code: string | null; name: string } };

/** Rows per message: receiving 1,000 wide rows (a member's) costs the host a few tens of ms. */
export const READER_CHUNK_ROWS = 1000;
