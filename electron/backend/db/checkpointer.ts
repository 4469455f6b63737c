/**
 * The WAL's checkpoints off the host's thread (issue 16 item 3). SQLite's automatic checkpoint
 * runs inside the COMMIT that takes the WAL past 1.000 pages, on the committing connection: for a
 * long write (an Excel import's commit, a freeze, a hand-off apply, saveMany) that was about half of
 * the COMMIT's time on the host (docs/decisions.md (h18-blocks), "Left").
 *
 * - The host's connections (the app's and the long-write connection) are opened with
 *   `wal_autocheckpoint = 0`, so no commit of theirs checkpoints, and `journal_size_limit` =
 *   WAL_BOUND_BYTES, so the -wal is cut back to the bound when the next write starts it again from
 *   its beginning (the file's size then says whether the WAL grew past the bound since).
 * - The checkpoints run on the checkpoint worker (checkpoint-worker.ts: a thread with a connection
 *   of its own, PASSIVE), asked for after every long write and after any call that leaves the -wal
 *   larger than WAL_BOUND_BYTES. Requests made while one runs are merged into one more.
 * - A checkpoint goes through the backend's call gate as a writing call does, so a backup's or a
 *   restore's exclusive section never has one under it: the backup's own TRUNCATE checkpoint
 *   (repos/backups.repo.ts pinCheckpointed) then meets no other checkpointer.
 * - `close()` is synchronous, like the keys worker's: it asks the worker to close its connection
 *   and waits (Atomics.wait, bounded: the end of a checkpoint running) until it has, so when the
 *   backend's close() or a restore's swap returns, no connection of the worker is left on the file,
 *   and the app's final TRUNCATE checkpoint meets no other checkpointer.
 * - Fallback: when the worker cannot start, the host's connections get SQLite's automatic
 *   checkpoint back (1.000 pages), exactly as before, with one console error.
 */
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';
import { closeWorkerAndWait, readerWorkerPath, WorkerError, workerReady } from './reader';
import { CHECKPOINT_FLAG_CLOSED, type CheckpointReply, type CheckpointRequest } from './reader-protocol';
import type { CheckpointWorkerData } from './checkpoint-worker';

/** The WAL's size past which a checkpoint is asked for: SQLite's own default (1.000 pages of 4 KB). */
export const WAL_BOUND_BYTES = 4 * 1024 * 1024;

/** SQLite's default automatic checkpoint, given back to the host's connections when the worker cannot start. */
const SQLITE_AUTOCHECKPOINT_PAGES = 1000;

/** What the checkpoint worker did, for tests and benches. */
export const CHECKPOINTS = {
  onWorker: 0,
  last: null as { busy: number; log: number; checkpointed: number } | null,
};

/** Runs a checkpoint the way a writing call runs (the backend's call gate). */
export type CheckpointGate = (fn: () => Promise<void>) => Promise<void>;

interface Pending {
  resolve: (r: { busy: number; log: number; checkpointed: number }) => void;
  reject: (err: Error) => void;
}

export class Checkpointer {
  readonly #file: string;
  readonly #gate: CheckpointGate;
  readonly #workerPath: () => Promise<string>;
  readonly #flags = new Int32Array(new SharedArrayBuffer(4));
  /** The host's connections, given SQLite's automatic checkpoint back if the worker cannot start. */
  readonly #connections = new Set<BetterSqlite3.Database>();
  #ready: Promise<void> | null = null;
  #worker: Worker | null = null;
  #failed = false;
  #closed = false;
  #running: Promise<void> | null = null;
  #again = false;
  #pending = new Map<number, Pending>();
  #next = 1;

  constructor(file: string, gate: CheckpointGate, workerPath: () => Promise<string> = readerWorkerPath) {
    this.#file = file;
    this.#gate = gate;
    this.#workerPath = workerPath;
  }

  /** A host connection on the file: no checkpoint inside its commits (unless the worker could not start). */
  attach(raw: BetterSqlite3.Database): void {
    this.#connections.add(raw);
    raw.pragma(`journal_size_limit = ${WAL_BOUND_BYTES}`);
    raw.pragma(`wal_autocheckpoint = ${this.#failed ? SQLITE_AUTOCHECKPOINT_PAGES : 0}`);
  }

  /** After a long write: a checkpoint of what it wrote, on the worker. */
  request(): void {
    if (this.#closed || this.#failed) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.#loop().finally(() => (this.#running = null));
  }

  /** After any call: a checkpoint when the -wal has grown past the bound (a stat, no SQLite call). */
  afterCall(): void {
    if (this.#closed || this.#failed || this.#running) return;
    if (walSize(this.#file) > WAL_BOUND_BYTES) this.request();
  }

  /**
   * A checkpoint on the worker now, outside the call gate: only for a caller that holds the gate
   * alone (a backup's exclusive section, which has waited for a checkpoint running to end). The
   * backup's TRUNCATE checkpoint on the host then finds the frames copied and the main file
   * flushed by the worker (docs/decisions-h21-io.md). Never throws: null when none ran.
   */
  async checkpointHeld(): Promise<{ busy: number; log: number; checkpointed: number } | null> {
    if (this.#closed || this.#failed) return null;
    try {
      const r = await this.#checkpoint();
      if (r) {
        CHECKPOINTS.onWorker++;
        CHECKPOINTS.last = r;
      }
      return r;
    } catch (err) {
      console.error('checkpoint: refused before a backup', err);
      return null;
    }
  }

  /** Resolves when no checkpoint is asked for or running (tests). */
  async settled(): Promise<void> {
    while (this.#running) await this.#running;
  }

  async #loop(): Promise<void> {
    do {
      this.#again = false;
      try {
        await this.#gate(async () => {
          if (this.#closed) return;
          const r = await this.#checkpoint();
          if (r) {
            CHECKPOINTS.onWorker++;
            CHECKPOINTS.last = r;
          }
        });
      } catch (err) {
        // A checkpoint refused (a full disk): every commit is still in the -wal; the next one tries again.
        if (!this.#closed) console.error('checkpoint: refused', err);
      }
    } while (this.#again && !this.#closed && !this.#failed);
  }

  async #checkpoint(): Promise<{ busy: number; log: number; checkpointed: number } | null> {
    try {
      await (this.#ready ??= this.#spawn());
    } catch (err) {
      if (this.#closed) return null;
      this.#fallBack(err);
      return null;
    }
    const worker = this.#worker;
    if (!worker || this.#closed) return null;
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, checkpoint: true } satisfies CheckpointRequest);
    });
  }

  /** No worker to checkpoint on: the host's connections checkpoint as SQLite does by default. */
  #fallBack(err: unknown): void {
    console.error('checkpoint: no worker; the host checkpoints as SQLite does by default', err);
    this.#failed = true;
    for (const raw of this.#connections) if (raw.open) raw.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT_PAGES}`);
  }

  async #spawn(): Promise<void> {
    const path = await this.#workerPath();
    if (this.#closed) throw new Error('checkpoint worker: closed before it started');
    const data: CheckpointWorkerData = { mode: 'checkpoint', file: this.#file, flags: this.#flags.buffer };
    const worker = new Worker(path, { workerData: data });
    this.#worker = worker;
    await workerReady(worker, 'checkpoint worker').catch((err: unknown) => {
      // Never started: nothing to close (close() must not wait for it).
      this.#worker = null;
      void worker.terminate();
      throw err;
    });
    worker.on('message', (reply: CheckpointReply) => this.#answer(reply));
    worker.on('error', (err) => this.#lost(err));
    worker.on('exit', (code) => this.#lost(new Error(`checkpoint worker: exited with code ${code}`)));
    worker.unref();
  }

  #answer(reply: CheckpointReply): void {
    if ('closed' in reply) return;
    const pending = this.#pending.get(reply.id);
    if (!pending) return;
    this.#pending.delete(reply.id);
    if (this.#pending.size === 0) this.#worker?.unref();
    if ('error' in reply) pending.reject(new WorkerError(reply.error.message, reply.error.code, reply.error.name));
    else pending.resolve({ busy: reply.busy, log: reply.log, checkpointed: reply.checkpointed });
  }

  #lost(err: Error): void {
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    this.#worker = null;
    // A worker lost while the backend is open would leave the WAL with no checkpointer: the host's
    // connections get SQLite's automatic checkpoint back, as when the worker cannot start.
    if (!this.#closed && !this.#failed) this.#fallBack(err);
    for (const p of pending) {
      if (this.#closed) p.resolve({ busy: 1, log: -1, checkpointed: -1 });
      else p.reject(err);
    }
  }

  /** Closes the worker's connection and waits until it is closed (see the module's note). */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#connections.clear();
    const worker = this.#worker;
    if (worker) {
      const request = { id: this.#next++, close: true } satisfies CheckpointRequest;
      closeWorkerAndWait(worker, request, this.#flags, CHECKPOINT_FLAG_CLOSED, 'checkpoint worker');
    }
    this.#lost(new Error('checkpoint worker: closed'));
  }
}

/** Bytes in the -wal beside `file` (0 when there is none). */
function walSize(file: string): number {
  try {
    return fs.statSync(`${file}-wal`).size;
  } catch {
    return 0;
  }
}
