/**
 * One app instance per data folder (issue 15 item 8). Electron's single-instance lock lives in
 * userData, which main/index.ts puts inside the data folder, so a second launch on the same folder
 * is refused by the lock and hands its turn to the first: the first window comes to the front
 * (restored if minimised, shown if hidden) and the second process quits before it opens anything.
 * The data-folder lock (backend/db/folder-lock.ts) stays the guard against the web host and any
 * other process, which Electron's lock does not see.
 *
 * Takes Electron objects as parameters (architecture.md §5), so it is tested with fakes.
 */

export interface SingleInstanceApp {
  requestSingleInstanceLock(): boolean;
  on(event: 'second-instance', listener: () => void): unknown;
}

export interface FocusableWindow {
  isMinimized(): boolean;
  restore(): void;
  isVisible(): boolean;
  show(): void;
  focus(): void;
}

/** Brings the first window to the front; nothing to do while it is not created yet. */
export function focusFirstWindow(win: FocusableWindow | null): void {
  if (win === null) return;
  if (win.isMinimized()) win.restore();
  if (!win.isVisible()) win.show();
  win.focus();
}

/**
 * Takes the single-instance lock. Returns false when another instance holds it: the caller quits
 * at once (no window, no database). Otherwise a later launch focuses `currentWindow()`.
 */
export function claimSingleInstance(app: SingleInstanceApp, currentWindow: () => FocusableWindow | null): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', () => focusFirstWindow(currentWindow()));
  return true;
}
