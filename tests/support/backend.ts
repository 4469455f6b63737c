/**
 * A real backend (migrated database in a temporary data directory, shipped catalogue, injected
 * clock) with typed helpers around its dispatch, for backend tests that go through the contract.
 */
import path from 'node:path';
import { openBackend, type Backend } from '../../electron/backend/index';
import type { Method, MethodInput, MethodOutput } from '../../shared/ipc/contract';
import type { ErrorBody, Result } from '../../shared/ipc/errors';
import { TEST_DATA_KEY } from './keys';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '..', '..');
export const CATALOGUE_PATH = path.join(PROJECT_ROOT, 'resources', 'catalogue', 'admin-units.json');

/** A clock the test can move forward; every read returns the current instant. */
export interface TestClock {
  now: () => Date;
  set(iso: string): void;
  /** The ISO timestamp the backend will write for the current instant. */
  stamp(): string;
}

export function testClock(startIso: string): TestClock {
  let current = new Date(startIso);
  return {
    now: () => new Date(current.getTime()),
    set: (iso) => {
      current = new Date(iso);
    },
    stamp: () => current.toISOString(),
  };
}

export interface TestBackend {
  backend: Backend;
  clock: TestClock;
  /** The raw envelope, for refusals. */
  send(method: string, input: unknown): Promise<Result<unknown>>;
  /** A call that must succeed; throws with the error body otherwise. */
  call<M extends Method>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** A call that must fail; returns its error body. */
  fail<M extends Method>(method: M, input: MethodInput<M>): Promise<ErrorBody>;
  close(): void;
}

export async function startBackend(dataDir: string, startIso = '2026-11-22T03:00:00Z'): Promise<TestBackend> {
  const clock = testClock(startIso);
  const backend = await openBackend({
    dataDir,
    shell: 'web',
    appVersion: 'test',
    now: clock.now,
    cataloguePath: CATALOGUE_PATH,
  });
  // Until accounts log in here (h15-auth), the session's key is put in directly: protected fields
  // are sealed with the same fixed key a hand-built context uses (tests/support/keys.ts).
  backend.keyring.set(TEST_DATA_KEY);
  let closed = false;
  return {
    backend,
    clock,
    send: (method, input) => backend.dispatch(method, input),
    async call(method, input) {
      const r = await backend.dispatch(method, input);
      if (!r.ok) throw new Error(`${method} failed: ${r.error.code} ${r.error.message}`);
      return r.value as never;
    },
    async fail(method, input) {
      const r = await backend.dispatch(method, input);
      if (r.ok) throw new Error(`${method} unexpectedly succeeded: ${JSON.stringify(r.value)}`);
      return r.error;
    },
    close: () => {
      if (closed) return;
      closed = true;
      backend.close();
    },
  };
}
