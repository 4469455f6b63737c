/**
 * The one IPC channel between the renderer and the backend, and the check of who is calling.
 *
 * `ipcMain.handle` answers any frame of any web contents that can reach ipcRenderer, including a
 * subframe or a page that managed to navigate elsewhere; so before a message reaches the backend
 * we check that it comes from the main frame of a page served from our own origin. Whatever
 * happens, the caller gets a `Result`: a thrown Error would cross IPC as a bare message string.
 *
 * Two methods never reach the backend: shell.printPdf (shared/ipc/shell.ts), the window printing
 * its own page to PDF (print-pdf.ts), and shell.chooseFolder, the system's folder dialog; they
 * pass the same sender check first.
 *
 * No value import of 'electron': Electron objects are parameters so tests can pass fakes.
 */
import type { Dispatch } from '../backend/dispatch';
import { GENERIC_MESSAGES, type Result } from '../../shared/ipc/errors';
import { BRIDGE_CHANNEL } from '../../shared/ipc/bridge';
import { isAppUrl } from './protocol';
import { CHOOSE_FOLDER_METHOD, PRINT_PDF_METHOD, chooseFolderInput } from '../../shared/ipc/shell';
import { printPdf, type PrintableContents } from './print-pdf';

/** The channel of shared/ipc/bridge.ts, which the preload uses too. */
export const IPC_CHANNEL = BRIDGE_CHANNEL;

/** The parts of Electron's IpcMainInvokeEvent that the sender check reads. */
export interface InvokeEventLike {
  readonly senderFrame: { readonly url: string } | null;
  /** The sender's web contents: its main frame, and printing for shell.printPdf (shared/ipc/shell.ts). */
  readonly sender: { readonly mainFrame: unknown } & Partial<PrintableContents>;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<Result<unknown>>): void;
}

/** What the window does itself besides printing: the folder dialog (shell.chooseFolder). */
export interface ShellActions {
  /** The system's folder dialog over the sender's window; null when cancelled. */
  chooseFolder(sender: unknown, title: string): Promise<string | null>;
}

export interface IpcLog {
  error(message: string, err?: unknown): void;
}

/** A message is trusted only from the main frame of a page on the app origin (app://antq). */
export function isTrustedSender(frameUrl: string, isMainFrame: boolean): boolean {
  return isMainFrame && isAppUrl(frameUrl);
}

const FORBIDDEN: Result<never> = {
  ok: false,
  error: { code: 'FORBIDDEN', message: GENERIC_MESSAGES.FORBIDDEN },
};

const INTERNAL: Result<never> = {
  ok: false,
  error: { code: 'INTERNAL', message: GENERIC_MESSAGES.INTERNAL },
};

/**
 * The handler body, exported so tests can call it without a fake ipcMain. Only the first two
 * arguments are forwarded: the preload sends exactly (method, input), and anything more is noise.
 */
export function createInvokeHandler(
  dispatch: Dispatch,
  isTrusted: (frameUrl: string, isMainFrame: boolean) => boolean = isTrustedSender,
  log: IpcLog = console,
  shell: ShellActions | null = null,
): (event: InvokeEventLike, ...args: unknown[]) => Promise<Result<unknown>> {
  return async (event, ...args) => {
    try {
      // senderFrame is null when the frame navigated away or was destroyed while the message was
      // in flight: we can no longer tell who sent it, so it is refused.
      const frame = event.senderFrame;
      if (frame === null || frame === undefined) return FORBIDDEN;
      const isMainFrame = frame === event.sender.mainFrame;
      if (!isTrusted(frame.url, isMainFrame)) {
        log.error(`ipc: refused a message from ${isMainFrame ? 'main frame' : 'subframe'} ${frame.url}`);
        return FORBIDDEN;
      }
      // The one method the window answers itself: printing the page it shows (shared/ipc/shell.ts).
      if (args[0] === PRINT_PDF_METHOD) {
        const contents = event.sender;
        if (typeof contents.printToPDF !== 'function') return INTERNAL;
        return await printPdf({ printToPDF: (o) => contents.printToPDF!(o) }, args[1]);
      }
      if (args[0] === CHOOSE_FOLDER_METHOD) {
        const input = chooseFolderInput.safeParse(args[1]);
        if (!input.success || !shell) return { ok: false, error: { code: 'VALIDATION', message: GENERIC_MESSAGES.VALIDATION } };
        return { ok: true, value: { folder: await shell.chooseFolder(event.sender, input.data.title) } };
      }
      const result = await dispatch(args[0], args[1]);
      return result;
    } catch (err) {
      log.error('ipc: dispatch failed', err);
      return INTERNAL;
    }
  };
}

export function registerIpc(
  ipcMain: IpcMainLike,
  dispatch: Dispatch,
  isTrusted: (frameUrl: string, isMainFrame: boolean) => boolean = isTrustedSender,
  log: IpcLog = console,
  shell: ShellActions | null = null,
): void {
  ipcMain.handle(IPC_CHANNEL, createInvokeHandler(dispatch, isTrusted, log, shell));
}
