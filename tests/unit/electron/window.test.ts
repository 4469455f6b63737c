/**
 * The window factory and web-contents hardening, with fake Electron objects (architecture.md §5:
 * nothing here loads 'electron').
 */
import { describe, expect, it, vi } from 'vitest';
import {
  createMainWindow,
  hardenWebContents,
  windowOptions,
  WINDOW_TITLE,
  type HardenableContents,
  type NavigationEvent,
  type PreventableEvent,
} from '../../../electron/main/window';

// Loading the real 'electron' package here would be a bug (its binary is absent in CI): fail loudly.
vi.mock('electron', () => {
  throw new Error("tests must not load 'electron'");
});

const APP_ORIGIN = 'app://antq';

type WindowOptions = ReturnType<typeof windowOptions>;

function fakeContents() {
  const listeners = new Map<string, Array<(event: never) => void>>();
  let openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
  let requestHandler: ((wc: unknown, permission: string, cb: (granted: boolean) => void) => void) | undefined;
  let checkHandler: ((wc: unknown, permission: string) => boolean) | undefined;
  const contents: HardenableContents = {
    setWindowOpenHandler(handler) {
      openHandler = handler;
    },
    on(event: string, listener: (event: never) => void) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return contents;
    },
    session: {
      setPermissionRequestHandler(handler) {
        requestHandler = handler;
      },
      setPermissionCheckHandler(handler) {
        checkHandler = handler;
      },
    },
  };
  /** Emits a navigation-like event and says whether some listener prevented it. */
  const navigate = (event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', url: string): boolean => {
    const e: NavigationEvent = { url, preventDefault: vi.fn() };
    for (const l of listeners.get(event) ?? []) (l as (e: NavigationEvent) => void)(e);
    return vi.mocked(e.preventDefault).mock.calls.length > 0;
  };
  const attachWebview = (): boolean => {
    const e: PreventableEvent = { preventDefault: vi.fn() };
    for (const l of listeners.get('will-attach-webview') ?? []) (l as (e: PreventableEvent) => void)(e);
    return vi.mocked(e.preventDefault).mock.calls.length > 0;
  };
  return {
    contents,
    listeners,
    navigate,
    attachWebview,
    open: (url: string) => openHandler?.({ url }),
    requestPermission: (permission: string) => {
      const cb = vi.fn<(granted: boolean) => void>();
      requestHandler?.(contents, permission, cb);
      return cb;
    },
    checkPermission: (permission: string) => checkHandler?.(contents, permission),
    hasHandlers: () => openHandler !== undefined && requestHandler !== undefined && checkHandler !== undefined,
  };
}

describe('windowOptions', () => {
  const opts = windowOptions('/app/dist/electron/preload.cjs');
  const web = opts.webPreferences ?? {};

  it('isolates and sandboxes the page, with no Node anywhere', () => {
    expect(web.contextIsolation).toBe(true);
    expect(web.sandbox).toBe(true);
    expect(web.nodeIntegration).toBe(false);
    expect(web.nodeIntegrationInWorker).toBe(false);
    expect(web.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and the risky features off', () => {
    expect(web.webSecurity).toBe(true);
    expect(web.allowRunningInsecureContent).toBe(false);
    expect(web.webviewTag).toBe(false);
    expect(web.spellcheck).toBe(false);
    expect(web.experimentalFeatures).toBe(false);
    expect(web.navigateOnDragDrop).toBe(false);
  });

  it('loads the given preload and has no devtools unless asked', () => {
    expect(web.preload).toBe('/app/dist/electron/preload.cjs');
    expect(web.devTools).toBe(false);
    expect(windowOptions('/p.cjs', { devTools: true }).webPreferences?.devTools).toBe(true);
  });

  it('has the Vietnamese title, the default and minimum size, and waits to be shown', () => {
    expect(opts.title).toBe('Quản lý phong trào Toàn dân bảo vệ an ninh Tổ quốc');
    expect(opts.title).toBe(WINDOW_TITLE);
    expect([opts.width, opts.height]).toEqual([1366, 768]);
    expect([opts.minWidth, opts.minHeight]).toEqual([1024, 640]);
    expect(opts.show).toBe(false);
  });
});

describe('hardenWebContents', () => {
  it('denies window.open for any URL, including the app itself', () => {
    const f = fakeContents();
    hardenWebContents(f.contents, APP_ORIGIN);
    expect(f.open('https://example.com/')).toEqual({ action: 'deny' });
    expect(f.open('app://antq/index.html')).toEqual({ action: 'deny' });
  });

  it.each(['will-navigate', 'will-redirect', 'will-frame-navigate'] as const)(
    '%s: prevents leaving the app origin and allows staying in it',
    (event) => {
      const f = fakeContents();
      hardenWebContents(f.contents, APP_ORIGIN);
      expect(f.navigate(event, 'https://example.com/')).toBe(true);
      expect(f.navigate(event, 'http://127.0.0.1:5173/')).toBe(true);
      expect(f.navigate(event, 'file:///etc/passwd')).toBe(true);
      expect(f.navigate(event, 'app://evil/index.html')).toBe(true);
      expect(f.navigate(event, 'app://antq.evil/index.html')).toBe(true);
      expect(f.navigate(event, 'app://someone@antq/index.html')).toBe(true);
      expect(f.navigate(event, 'data:text/html,<h1>x</h1>')).toBe(true);
      expect(f.navigate(event, 'javascript:alert(1)')).toBe(true);
      expect(f.navigate(event, 'not a url')).toBe(true);
      expect(f.navigate(event, 'app://antq/index.html')).toBe(false);
      expect(f.navigate(event, 'app://antq/units/123?x=1#top')).toBe(false);
    },
  );

  it('prevents attaching a <webview>', () => {
    const f = fakeContents();
    hardenWebContents(f.contents, APP_ORIGIN);
    expect(f.attachWebview()).toBe(true);
  });

  it('denies every permission request and check', () => {
    const f = fakeContents();
    hardenWebContents(f.contents, APP_ORIGIN);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const cb = f.requestPermission(permission);
      expect(cb).toHaveBeenCalledTimes(1);
      expect(cb).toHaveBeenCalledWith(false);
      expect(f.checkPermission(permission)).toBe(false);
    }
  });

  it('registers its listeners once even when called twice on the same contents', () => {
    const f = fakeContents();
    hardenWebContents(f.contents, APP_ORIGIN);
    hardenWebContents(f.contents, APP_ORIGIN);
    expect(f.listeners.get('will-navigate')).toHaveLength(1);
    expect(f.hasHandlers()).toBe(true);
  });
});

describe('createMainWindow', () => {
  it('builds the window from windowOptions, hardens it, and shows it on ready-to-show', () => {
    const f = fakeContents();
    const received: WindowOptions[] = [];
    const readyListeners: Array<() => void> = [];
    const show = vi.fn();
    class FakeWindow {
      webContents = f.contents;
      show = show;
      constructor(options: WindowOptions) {
        received.push(options);
      }
      once(event: 'ready-to-show', listener: () => void) {
        if (event === 'ready-to-show') readyListeners.push(listener);
        return this;
      }
    }
    const win = createMainWindow(FakeWindow, { preloadPath: '/x/preload.cjs', appOrigin: APP_ORIGIN });

    expect(win).toBeInstanceOf(FakeWindow);
    expect(received).toEqual([windowOptions('/x/preload.cjs')]);
    expect(f.hasHandlers()).toBe(true);
    expect(f.navigate('will-navigate', 'https://example.com/')).toBe(true);
    expect(show).not.toHaveBeenCalled();
    for (const l of readyListeners) l();
    expect(show).toHaveBeenCalledTimes(1);
  });
});
