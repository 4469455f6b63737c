/**
 * The read-only SQL worker (issue 16 item 3; reader.ts is its host side). A worker_threads thread
 * that opens the office's database file read-only and runs the SELECTs the host's own Kysely
 * compiled, one after the other, so a long statement holds this thread, never the host's.
 *
 * - WAL: each statement runs in its own read transaction, begun when it starts, so it sees every
 *   commit made before the host posted it (the app's connection and the long-write connection).
 * - The pragmas that matter for reads: trusted_schema OFF, a busy timeout (a reader may meet
 *   SQLITE_BUSY while another connection recovers the WAL; waiting here holds only this thread) and
 *   query_only, so nothing but a read can ever run here even if a write slipped through.
 * - The app's SQL functions (sql-functions.ts), registered exactly as on the other connections.
 * - Only statements that return rows are run; anything else is refused.
 *
 * - `writable` (the open's quick_check, quickCheckOffHost): the file is opened read-write, as the
 *   app opens it, so the -wal and -shm SQLite creates beside a WAL file are removed again when the
 *   connection closes (a read-only connection may not remove them); query_only still stops writes.
 * - `mode: 'keys'`: this thread is the keys worker instead (keys-worker.ts), with a write connection.
 * - `mode: 'checkpoint'`: this thread checkpoints the WAL instead (checkpoint-worker.ts).
 *
 * Bundled on its own (scripts/build.mjs → reader-worker.cjs beside the main and host bundles; for
 * tests and benches reader.ts builds it on first use), so it imports only what it needs.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { registerFunctions } from './sql-functions';
import { READER_CHUNK_ROWS, type ReaderReply, type ReaderRequest, workerErrorOf } from './reader-protocol';
import { runKeysWorker, type KeysWorkerData } from './keys-worker';
import { runCheckpointWorker, type CheckpointWorkerData } from './checkpoint-worker';

function runReader(port: MessagePort, { file, writable }: { file: string; writable?: boolean }): void {
  const raw = new BetterSqlite3(file, { readonly: !writable, fileMustExist: true });
  raw.pragma('trusted_schema = OFF');
  raw.pragma('busy_timeout = 5000');
  raw.pragma('query_only = ON');
  registerFunctions(raw);

  /** Prepared statements by SQL text: the lists and slices repeat a few dozen shapes. */
  const STATEMENTS_KEPT = 200;
  const statements = new Map<string, BetterSqlite3.Statement>();

  function prepared(sql: string): BetterSqlite3.Statement {
    let stmt = statements.get(sql);
    if (stmt) return stmt;
    stmt = raw.prepare(sql);
    if (!stmt.reader) throw new Error('reader: only statements that return rows run on the read-only worker');
    if (statements.size >= STATEMENTS_KEPT) statements.delete(statements.keys().next().value!);
    statements.set(sql, stmt);
    return stmt;
  }

  /** Structured clone turns a Buffer into a plain Uint8Array: give better-sqlite3 its Buffer back. */
  function bindable(parameters: readonly unknown[]): unknown[] {
    return parameters.map((p) => (p instanceof Uint8Array && !Buffer.isBuffer(p) ? Buffer.from(p.buffer, p.byteOffset, p.byteLength) : p));
  }

  /** The columns that hold a BLOB in some row: the host makes them Buffers again (reader.ts). */
  function blobColumns(rows: readonly Record<string, unknown>[]): string[] {
    const found = new Set<string>();
    for (const row of rows) for (const key in row) if (row[key] instanceof Uint8Array) found.add(key);
    return [...found];
  }

  port.on('message', (request: ReaderRequest) => {
    if ('next' in request) {
      const read = unsent.get(request.id);
      if (read) sendSlice(read);
      return;
    }
    if ('close' in request) {
      unsent.clear();
      statements.clear();
      raw.close();
      port.postMessage({ id: request.id, rows: [], blobs: [], done: true } satisfies ReaderReply);
      return;
    }
    let rows: Record<string, unknown>[];
    try {
      rows = prepared(request.sql).all(bindable(request.parameters)) as Record<string, unknown>[];
    } catch (err) {
      port.postMessage({ id: request.id, error: workerErrorOf(err) } satisfies ReaderReply);
      return;
    }
    sendSlice({ id: request.id, rows, blobs: blobColumns(rows), at: 0 });
  });

  /** Reads whose rows are not all sent yet (the host asks for each next slice). */
  const unsent = new Map<number, Unsent>();

  interface Unsent {
    id: number;
    rows: Record<string, unknown>[];
    blobs: string[];
    at: number;
  }

  function sendSlice(read: Unsent): void {
    const done = read.at + READER_CHUNK_ROWS >= read.rows.length;
    port.postMessage({
      id: read.id,
      rows: read.rows.slice(read.at, read.at + READER_CHUNK_ROWS),
      blobs: read.blobs,
      done,
    } satisfies ReaderReply);
    read.at += READER_CHUNK_ROWS;
    if (done) unsent.delete(read.id);
    else unsent.set(read.id, read);
  }
  port.postMessage({ id: 0, rows: [], blobs: [], done: true } satisfies ReaderReply);
}

const data = workerData as KeysWorkerData | CheckpointWorkerData | { mode?: 'read'; file: string; writable?: boolean };
if (data.mode === 'keys') runKeysWorker(parentPort!, data);
else if (data.mode === 'checkpoint') runCheckpointWorker(parentPort!, data);
else runReader(parentPort!, data);
