/**
 * A real backend (migrated database in a temporary data directory, shipped catalogue, injected
 * clock) with typed helpers around its dispatch, for backend tests that go through the contract.
 */
import path from 'node:path';
import { openBackend, type Backend } from '../../electron/backend/index';
import type { ScryptParams } from '../../electron/backend/auth/password';
import type { Method, MethodInput, MethodOutput } from '../../shared/ipc/contract';
import type { ErrorBody, Result } from '../../shared/ipc/errors';

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

/** scrypt at 1 MiB: a login in a few milliseconds (production: DEFAULT_SCRYPT, tested in auth-password.test.ts). */
export const TEST_PASSWORD_COST: ScryptParams = { N: 2 ** 10, r: 8, p: 1, keyLength: 64 };

/** The Quản trị account startBackend sets up (or logs in with, when the folder already has it). */
// The same account as the e2e tests' ADMIN (tests/e2e/support/accounts.ts): the Hà Nội fixture, built here, is opened by both.
export const TEST_ADMIN = { username: 'quantri', displayName: 'Trần Văn Quản', password: 'QuanTri2026!' } as const;

export interface StartOptions {
  /** 'admin' (default): set up the Quản trị account, or log in with it; 'none': no session (auth tests). */
  login?: 'admin' | 'none';
  /** Start the read-only SQL worker as the file opens, as the app's shells do (BackendOptions.readerAtOpen). */
  readerAtOpen?: boolean;
  /** The idle lock's clock (auth tests move it); default real time. */
  idleClock?: () => number;
  /** The backfill of the lists' keys in small chunks (BackendOptions.testListKeys). */
  listKeys?: {
    atOpenMax: number;
    budgetMs: number;
    unitsPerStep: number;
    rowsPerStep: number;
    beforeChunk?: (n: number) => Promise<void> | void;
    /** The chunks on the host's thread (as when the keys worker cannot start). */
    onHost?: boolean;
  };
  /** Files above this many bytes have the open's quick_check on a worker (BackendOptions.testOpenCheckOnHostMax). */
  openCheckOnHostMax?: number;
  /** The form a freeze writes (1: as earlier versions did; default 2, frozen-v2.ts). */
  frozenForm?: 1 | 2;
  /** Awaited before each checkpoint of the WAL goes to its worker (BackendOptions.testBeforeCheckpoint). */
  beforeCheckpoint?: () => Promise<void> | void;
}

export async function startBackend(dataDir: string, startIso = '2026-11-22T03:00:00Z', opts: StartOptions = {}): Promise<TestBackend> {
  const clock = testClock(startIso);
  const backend = await openBackend({
    dataDir,
    shell: 'web',
    appVersion: 'test',
    now: clock.now,
    cataloguePath: CATALOGUE_PATH,
    testPasswordCost: TEST_PASSWORD_COST,
    ...(opts.idleClock ? { idleClock: opts.idleClock } : {}),
    ...(opts.readerAtOpen ? { readerAtOpen: true } : {}),
    ...(opts.listKeys ? { testListKeys: opts.listKeys } : {}),
    ...(opts.frozenForm ? { frozenForm: opts.frozenForm } : {}),
    ...(opts.beforeCheckpoint ? { testBeforeCheckpoint: opts.beforeCheckpoint } : {}),
    ...(opts.openCheckOnHostMax !== undefined ? { testOpenCheckOnHostMax: opts.openCheckOnHostMax } : {}),
  });
  if ((opts.login ?? 'admin') === 'admin') await loginAsAdmin(backend);
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

/** Sets up the Quản trị account on a new folder, or logs in with it on one that has it. */
export async function loginAsAdmin(backend: Backend): Promise<void> {
  const status = await backend.dispatch('auth.status', {});
  if (!status.ok) throw new Error(`auth.status failed: ${status.error.message}`);
  const setUp = (status.value as { setUp: boolean }).setUp;
  const r = setUp
    ? await backend.dispatch('auth.login', { username: TEST_ADMIN.username, password: TEST_ADMIN.password })
    : await backend.dispatch('auth.setup', TEST_ADMIN);
  if (!r.ok) throw new Error(`startBackend: ${setUp ? 'auth.login' : 'auth.setup'} failed: ${r.error.code} ${r.error.message}`);
}
