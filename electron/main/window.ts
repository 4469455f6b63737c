/**
 * The one window factory, and the hardening every web contents gets.
 *
 * The renderer is our own bundled code, but it displays data typed by people and read from files
 * sent by other offices; if any of that ever ran as script, these options decide what it could do.
 * So the page gets no Node, runs in the Chromium sandbox, cannot open windows, cannot navigate
 * away from the app, cannot embed <webview>, and is refused every permission (Electron security
 * checklist; VS Code and Signal Desktop do the same).
 *
 * No value import of 'electron': Electron objects are parameters so tests can pass fakes.
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import { originOf } from './protocol';

export const WINDOW_TITLE = 'Quản lý phong trào Toàn dân bảo vệ an ninh Tổ quốc';

/** Same as `productName` in package.json and electron-builder.yml (menus, taskbar, dialogs). */
export const APP_NAME = 'ANTQ - Phong trào Toàn dân bảo vệ an ninh Tổ quốc';

/** Same as `appId` in electron-builder.yml: Windows groups taskbar buttons and shortcuts by it. */
export const APP_USER_MODEL_ID = 'vn.antq.desktop';

export interface WindowOptionsExtra {
  /** Developer tools; only for unpackaged (development) runs. Default false. */
  devTools?: boolean;
}

export function windowOptions(preloadPath: string, extra: WindowOptionsExtra = {}): BrowserWindowConstructorOptions {
  return {
    width: 1366,
    height: 768,
    minWidth: 1024,
    minHeight: 640,
    title: WINDOW_TITLE,
    // Shown on 'ready-to-show' so the person never sees a white, half-painted window.
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // The spellchecker would download Hunspell dictionaries from Google: no network, ever.
      spellcheck: false,
      experimentalFeatures: false,
      // Dropping a file on the window must not navigate to it (and replace the app with the file).
      navigateOnDragDrop: false,
      // A page looping on alert() could otherwise lock the person out of the window.
      safeDialogs: true,
      devTools: extra.devTools ?? false,
    },
  };
}

export interface PreventableEvent {
  preventDefault(): void;
}

export interface NavigationEvent extends PreventableEvent {
  url: string;
}

/**
 * The part of Electron's `WebContents` that hardening uses. The real WebContents satisfies it
 * (electron/main/index.ts passes one, so the compiler checks that), and tests pass a fake.
 */
export interface HardenableContents {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  on(event: 'will-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-frame-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  session: {
    setPermissionRequestHandler(handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
    setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
  };
}

/** Contents already hardened: `web-contents-created` and the factory may both reach the same one. */
const hardened = new WeakSet<object>();

/**
 * Denies window.open, navigations and redirects that leave `appOrigin` (in the main frame and in
 * subframes), <webview> attachment, and every permission request or check.
 */
export function hardenWebContents(contents: HardenableContents, appOrigin: string): void {
  if (hardened.has(contents)) return;
  hardened.add(contents);

  // No second window and no hand-off to the system browser: the app has nothing to open, and
  // opening a link would be a network call.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));

  const stayInApp = (event: NavigationEvent): void => {
    if (originOf(event.url) !== appOrigin) event.preventDefault();
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  contents.on('will-frame-navigate', stayInApp);

  contents.on('will-attach-webview', (event) => event.preventDefault());

  // Camera, microphone, geolocation, notifications, clipboard reading, USB…: none is used, so none
  // is granted, and the answer is the same whether Chromium asks up front or checks later.
  contents.session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  contents.session.setPermissionCheckHandler(() => false);
}

export interface WindowLike {
  webContents: HardenableContents;
  once(event: 'ready-to-show', listener: () => void): unknown;
  show(): void;
}

export type WindowConstructor<W extends WindowLike> = new (options: BrowserWindowConstructorOptions) => W;

export interface CreateWindowOptions extends WindowOptionsExtra {
  preloadPath: string;
  appOrigin: string;
}

/** Builds the main window with the options above, hardens it, and shows it once painted. */
export function createMainWindow<W extends WindowLike>(BrowserWindow: WindowConstructor<W>, opts: CreateWindowOptions): W {
  const extra: WindowOptionsExtra = opts.devTools === undefined ? {} : { devTools: opts.devTools };
  const win = new BrowserWindow(windowOptions(opts.preloadPath, extra));
  hardenWebContents(win.webContents, opts.appOrigin);
  win.once('ready-to-show', () => win.show());
  return win;
}
