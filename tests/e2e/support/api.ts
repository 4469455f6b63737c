/**
 * The one way e2e tests talk to the host's API: typed by the contract, like the renderer's client.
 * Used to arrange data before driving the screen, and to probe that the backend refuses what the
 * screen never offers. `call` returns the value or throws; `result` returns the whole envelope.
 */
import type { Method, MethodInput, MethodOutput } from '../../../shared/ipc/contract';
import type { Result } from '../../../shared/ipc/errors';
import { hostToken, type RunningHost } from './host';
import { GIA_VIEN_SETUP } from '../../support/offices';
import { ADMIN, type Credentials } from './accounts';

export interface Api {
  /** The method's value; throws (naming the method and the error) when the backend refuses. */
  call<M extends Method>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** The result envelope as the renderer receives it; input unchecked so refusals can be probed. */
  result<M extends Method>(method: M, input: unknown): Promise<Result<MethodOutput<M>>>;
}

export interface PostOptions {
  /** Send this token instead of the launch token (null: send none), to probe the refusal. */
  token?: string | null;
}

/** POSTs to /api/<method> as the renderer's HTTP transport does; returns the HTTP response. */
export async function postApi(host: RunningHost, method: string, input: unknown, opts: PostOptions = {}): Promise<Response> {
  const url = new URL(host.url);
  const token = opts.token === undefined ? hostToken(host) : opts.token;
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (token !== null) headers['X-Antq-Token'] = token;
  return fetch(`${url.origin}/api/${method}`, { method: 'POST', headers, body: JSON.stringify(input) });
}

async function post<T>(host: RunningHost, method: string, input: unknown): Promise<Result<T>> {
  return (await (await postApi(host, method, input)).json()) as Result<T>;
}

/** Hosts whose session the tests have arranged already (once per host: later logins are the test's own). */
const arranged = new WeakSet<RunningHost>();

/**
 * The session every API-seeded test needs: on a fresh data folder, creates the Quản trị account
 * (tests/e2e/support/accounts.ts ADMIN) as the set-up's first step does; otherwise logs in as it
 * when no session is open. Done once per host, before its first call other than auth.*.
 */
export async function ensureSession(host: RunningHost): Promise<void> {
  if (arranged.has(host)) return;
  arranged.add(host);
  const status = await post<MethodOutput<'auth.status'>>(host, 'auth.status', {});
  if (!status.ok) throw new Error(`auth.status: ${JSON.stringify(status.error)}`);
  if (status.value.session !== null) return;
  const r = status.value.setUp
    ? await post(host, 'auth.login', { username: ADMIN.username, password: ADMIN.password })
    : await post(host, 'auth.setup', ADMIN);
  if (!r.ok) throw new Error(`arranging the Quản trị session: ${JSON.stringify(r.error)}`);
}

/** Opens the host's one session as `who` through the API (the page follows after a reload). */
export async function loginAs(host: RunningHost, who: Credentials): Promise<void> {
  arranged.add(host);
  const r = await post(host, 'auth.login', { username: who.username, password: who.password });
  if (!r.ok) throw new Error(`auth.login as ${who.username}: ${JSON.stringify(r.error)}`);
}

export function apiOf(host: RunningHost): Api {
  const result = async <M extends Method>(method: M, input: unknown): Promise<Result<MethodOutput<M>>> => {
    if (!method.startsWith('auth.') && method !== 'app.info') await ensureSession(host);
    return post<MethodOutput<M>>(host, method, input);
  };
  return {
    result,
    async call(method, input) {
      const r = await result(method, input);
      if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
      return r.value;
    },
  };
}

/** Sets up Công an huyện Gia Viễn (pre-2025 catalogue, 18 communes) through the API. */
export async function setupGiaVien(host: RunningHost): Promise<void> {
  await apiOf(host).call('office.setup', GIA_VIEN_SETUP);
}
