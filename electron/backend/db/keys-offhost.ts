/**
 * The host's side of the keys worker (keys-worker.ts): the backfill of the activity lists' keys
 * (repos/activities.keys.ts `ListKeysBackfill`) runs its chunks on a worker_threads thread with a
 * write connection of its own. The worker is the read-only reader's bundle (reader-worker.cjs,
 * found or built by `readerWorkerPath`), started with `mode: 'keys'`.
 *
 * - `chunk()` posts one chunk and resolves with its result (or 'busy': another writer held the
 *   file). The caller decides when a chunk may run (the call gate, the app connection's write gate).
 * - `close()` is synchronous: it sets the shared stop flag (a chunk running commits and returns),
 *   asks the worker to close its connection, and waits (Atomics.wait, bounded) until it has, so a
 *   restore may replace the file and the app's final checkpoint meets no other connection. The wait
 *   is at most the end of one chunk.
 * - `end()` is the same, asynchronous, for a backfill that finished.
 */
import { Worker } from 'node:worker_threads';
import { closeWorkerAndWait, readerWorkerPath, WorkerError, workerReady } from './reader';
import type { ChunkResult, ChunkSteps, KeysPlan } from './keys-chunk';
import { KEYS_FLAG_CLOSED, KEYS_FLAG_STOP, type KeysReply, type KeysRequest } from './reader-protocol';
import type { KeysWorkerData } from './keys-worker';

interface Pending {
  resolve: (r: ChunkResult | 'busy') => void;
  reject: (err: Error) => void;
}

export class KeysWorker {
  /** Resolves once the worker has opened its connection; rejects if it cannot start. */
  readonly ready: Promise<void>;
  readonly #flags = new Int32Array(new SharedArrayBuffer(8));
  #worker: Worker | null = null;
  #closed = false;
  #pending = new Map<number, Pending>();
  #next = 1;
  #onClosed: (() => void) | null = null;

  constructor(file: string, plan: KeysPlan, workerPath: () => Promise<string> = readerWorkerPath) {
    this.ready = this.#spawn(file, plan, workerPath);
    // A failure to start is the caller's (it awaits ready); never an unhandled rejection.
    this.ready.catch(() => {});
  }

  async #spawn(file: string, plan: KeysPlan, workerPath: () => Promise<string>): Promise<void> {
    const path = await workerPath();
    if (this.#closed) throw new Error('keys worker: closed before it started');
    const data: KeysWorkerData = { mode: 'keys', file, plan, flags: this.#flags.buffer };
    const worker = new Worker(path, { workerData: data });
    this.#worker = worker;
    await workerReady(worker, 'keys worker').catch((err: unknown) => {
      // Never started: nothing to close (close() must not wait for it).
      this.#worker = null;
      void worker.terminate();
      throw err;
    });
    worker.on('message', (reply: KeysReply) => this.#answer(reply));
    worker.on('error', (err) => this.#lost(err));
    worker.on('exit', (code) => this.#lost(new Error(`keys worker: exited with code ${code}`)));
    worker.unref();
  }

  /** One chunk on the worker: its result, or 'busy'. After close(), resolves with nothing done. */
  async chunk(budgetMs: number, steps: ChunkSteps | undefined): Promise<ChunkResult | 'busy'> {
    await this.ready;
    const worker = this.#worker;
    if (!worker || this.#closed) return { changed: 0, finished: false };
    const id = this.#next++;
    return new Promise<ChunkResult | 'busy'>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      worker.ref();
      // Only the numbers: the caller's steps may carry more (the tests' options).
      const bounded = steps ? { unitsPerStep: steps.unitsPerStep, rowsPerStep: steps.rowsPerStep } : null;
      worker.postMessage({ id, chunk: { budgetMs, steps: bounded } } satisfies KeysRequest);
    });
  }

  #answer(reply: KeysReply): void {
    if ('closed' in reply) {
      this.#onClosed?.();
      return;
    }
    const pending = this.#pending.get(reply.id);
    if (!pending) return;
    this.#pending.delete(reply.id);
    if (this.#pending.size === 0) this.#worker?.unref();
    if ('error' in reply) pending.reject(new WorkerError(reply.error.message, reply.error.code, reply.error.name));
    else if ('busy' in reply) pending.resolve('busy');
    else pending.resolve({ changed: reply.changed, finished: reply.finished });
  }

  /** The worker died: a chunk waiting fails (the backfill stops; the next open takes it up). */
  #lost(err: Error): void {
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const p of pending) {
      if (this.#closed) p.resolve({ changed: 0, finished: false });
      else p.reject(err);
    }
  }

  /** Stops and closes the worker's connection, waiting until it is closed (see the module's note). */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    Atomics.store(this.#flags, KEYS_FLAG_STOP, 1);
    const worker = this.#worker;
    if (worker) {
      const request = { id: this.#next++, close: true } satisfies KeysRequest;
      closeWorkerAndWait(worker, request, this.#flags, KEYS_FLAG_CLOSED, 'keys worker');
    }
    this.#lost(new Error('keys worker: closed'));
  }

  /** The backfill is over: the worker's connection closed and its thread ended, without blocking. */
  async end(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const worker = this.#worker;
    if (!worker) return;
    await new Promise<void>((resolve) => {
      this.#onClosed = resolve;
      worker.ref();
      worker.postMessage({ id: this.#next++, close: true } satisfies KeysRequest);
      // A worker that died has no connection left to close.
      worker.once('exit', () => resolve());
    });
    await worker.terminate();
  }
}
