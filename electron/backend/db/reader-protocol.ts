/** Messages between the host (reader.ts) and the read-only SQL worker (reader-worker.ts). */

/** One compiled SELECT of the host's Kysely. Id 0 is never sent: the worker's "ready" reply uses it. */
export type ReaderRequest =
  | { id: number; sql: string; parameters: readonly unknown[] }
  /** Closes the worker's connection (answered after every read posted before it); the host then ends the thread. */
  | { id: number; close: true };

export type ReaderReply =
  | { id: number; rows: Record<string, unknown>[]; blobs: string[] }
  | { id: number; error: { message: string; code: string | null; name: string } };
