/**
 * How the renderer reaches the backend: Electron's preload bridge when present, otherwise the web
 * host over HTTP with the per-launch token from the page address.
 */
import type { Result } from '../../../shared/ipc/errors';

export type Transport = (method: string, input: unknown) => Promise<Result<unknown>>;

interface Bridge {
  invoke(method: string, input: unknown): Promise<Result<unknown>>;
}

declare global {
  interface Window {
    bridge?: Bridge;
  }
}

const TOKEN_KEY = 'antq.token';

/** Takes the token from ?token=… once, keeps it for the tab, and removes it from the address bar. */
function hostToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

export function httpTransport(token: string): Transport {
  return async (method, input) => {
    try {
      const res = await fetch(`./api/${encodeURIComponent(method)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Antq-Token': token },
        body: JSON.stringify(input ?? {}),
      });
      return (await res.json()) as Result<unknown>;
    } catch {
      return {
        ok: false,
        error: { code: 'INTERNAL', message: 'Mất kết nối tới phần mềm. Hãy kiểm tra cửa sổ dòng lệnh đang chạy phần mềm.' },
      };
    }
  };
}

export function defaultTransport(): Transport {
  const bridge = window.bridge;
  if (bridge) return (method, input) => bridge.invoke(method, input);
  return httpTransport(hostToken());
}
