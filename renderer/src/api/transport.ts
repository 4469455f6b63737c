/**
 * How the renderer reaches the backend: Electron's preload bridge when present, otherwise the web
 * host over HTTP with the per-launch token.
 *
 * The token arrives once in the address fragment (`#token=…`): a fragment is never sent to any
 * server, so neither this host's file requests nor any other site the person opens from here can
 * see it. It is then kept in this tab's sessionStorage (so a reload keeps working), removed from the
 * address bar, and sent only as the X-Antq-Token header of API calls. Never a cookie: cookies are
 * not separated by port, so every other server on 127.0.0.1 would receive it.
 */
import type { Bridge } from '../../../shared/ipc/bridge';
import type { Result } from '../../../shared/ipc/errors';
import { TRANSPORT_TEXTS } from './texts';

export type Transport = (method: string, input: unknown) => Promise<Result<unknown>>;

declare global {
  interface Window {
    bridge?: Bridge;
  }
}

const TOKEN_KEY = 'antq.token';
const TOKEN_PARAM = 'token';

/**
 * Takes the token from the fragment once, keeps it for the tab, and removes it from the address bar
 * (leaving any other part of the fragment alone). Exported for tests.
 */
export function takeHostToken(
  location: Pick<Location, 'hash' | 'pathname' | 'search'>,
  storage: Storage,
  history: Pick<History, 'replaceState'>,
): string {
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
  const fromUrl = fragment.get(TOKEN_PARAM);
  if (fromUrl) {
    storage.setItem(TOKEN_KEY, fromUrl);
    fragment.delete(TOKEN_PARAM);
    const rest = fragment.toString();
    history.replaceState(null, '', location.pathname + location.search + (rest ? `#${rest}` : ''));
    return fromUrl;
  }
  return storage.getItem(TOKEN_KEY) ?? '';
}

const FORBIDDEN_NO_TOKEN: Result<never> = { ok: false, error: { code: 'FORBIDDEN', message: TRANSPORT_TEXTS.noToken } };

/** `token` is looked up at every call, so a token that arrives later (see below) is used at once. */
export function httpTransport(token: () => string): Transport {
  return async (method, input) => {
    const current = token();
    // Without a token every call would be refused: say what to do instead of a bare refusal.
    if (current === '') return FORBIDDEN_NO_TOKEN;
    try {
      const res = await fetch(`./api/${encodeURIComponent(method)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Antq-Token': current },
        body: JSON.stringify(input ?? {}),
        // The API needs no cookie, and none should ride along.
        credentials: 'omit',
      });
      return (await res.json()) as Result<unknown>;
    } catch {
      return { ok: false, error: { code: 'INTERNAL', message: TRANSPORT_TEXTS.lostConnection } };
    }
  };
}

export function defaultTransport(): Transport {
  const bridge = window.bridge;
  if (bridge) return (method, input) => bridge.invoke(method, input);
  const take = () => takeHostToken(window.location, window.sessionStorage, window.history);
  take();
  // Pasting the printed address into a tab already showing the app changes only the fragment, which
  // does not reload the page: take the token and start the app again from a clean state.
  window.addEventListener('hashchange', () => {
    if (new URLSearchParams(window.location.hash.replace(/^#/, '')).has(TOKEN_PARAM)) {
      take();
      window.location.reload();
    }
  });
  return httpTransport(take);
}
