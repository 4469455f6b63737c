/**
 * The Electron entry (bundled to dist/electron/main.cjs): app lifecycle and wiring only. It is the
 * one module with a value import of 'electron'; everything it calls takes Electron objects as
 * parameters and is unit-tested with fakes (architecture.md §5). Nothing here reaches a network:
 * the page is served from app://antq, remote requests are cancelled at the session, and there is
 * no updater, no crash reporter, no telemetry.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, powerMonitor, protocol, session } from 'electron';
import * as os from 'node:os';
import * as path from 'node:path';
import { defaultDataDir, openBackend, type Backend } from '../backend/index';
import { lockDataFolder, type FolderLock } from '../backend/db/folder-lock';
import { parseArgs } from './args';
import { claimSingleInstance } from './single-instance';
import { lockOnScreenLock } from './screen-lock';
import { isTrustedSender, registerIpc } from './ipc';
import { aboutBox, menuTemplate } from './menu';
import { APP_INDEX_URL, APP_ORIGIN, blockRemoteRequests, handleAppProtocol, registerAppSchemePrivileges } from './protocol';
import { APP_NAME, APP_USER_MODEL_ID, createMainWindow, hardenWebContents } from './window';

const STARTUP_ERROR_TITLE = 'Không khởi động được ứng dụng';

/** Shows a native error box and ends the process with a failure code (used before any window). */
function failStartup(message: string): void {
  dialog.showErrorBox(STARTUP_ERROR_TITLE, message);
  // exit, not quit: nothing is open yet that needs an orderly shutdown, and scripts that launch
  // the app (tests, shortcuts with --data-dir) should see the failure in the exit code.
  app.exit(1);
}

function messageOf(err: unknown): string {
  // The person reads the message; its low-level cause (if any) goes to the log.
  if (err instanceof Error && err.cause !== undefined) console.error('main: cause', err.cause);
  return err instanceof Error && err.message !== '' ? err.message : 'Lỗi không xác định.';
}

/** The folder for a backup copy (a USB stick): the system's folder dialog over the calling window. */
async function chooseFolderDialog(sender: unknown, title: string): Promise<string | null> {
  const win = BrowserWindow.fromWebContents(sender as Electron.WebContents);
  const options: Electron.OpenDialogOptions = { title, properties: ['openDirectory', 'createDirectory'] };
  const r = await (win ? dialog.showOpenDialog(win, options) : dialog.showOpenDialog(options));
  return r.canceled ? null : (r.filePaths[0] ?? null);
}

function main(): void {
  // Scheme privileges are fixed when Chromium starts, so this must run before 'ready'.
  registerAppSchemePrivileges(protocol);

  app.setName(APP_NAME);
  if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);

  const args = parseArgs(process.argv, process.cwd());
  if (!args.ok) {
    // A real dialog needs the app to be ready on Linux; before that it only prints to stderr.
    void app.whenReady().then(() => failStartup(args.message));
    return;
  }
  const dataDir = args.dataDir ?? defaultDataDir(process.env, process.platform, os.homedir());

  // Chromium's own profile (local storage, GPU cache, the single-instance lock) lives beside the
  // database instead of in a second per-user folder. Two consequences we want: a run with
  // --data-dir leaves no trace elsewhere, and the single-instance lock (taken in userData) is per
  // data folder, so one database is never opened by two instances while two offices' folders can
  // be open side by side.
  app.setPath('userData', path.join(dataDir, 'electron-profile'));

  let win: BrowserWindow | null = null;
  let backend: Backend | null = null;
  let folderLock: FolderLock | null = null;
  let quitting = false;

  // A second launch on this folder focuses the first window and quits before opening anything.
  if (!claimSingleInstance(app, () => win)) {
    app.quit();
    return;
  }

  // Every web contents, not only our window's, gets the same rules: if something ever creates
  // another one (a devtools extension, a future feature), it is not left open.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, APP_ORIGIN));

  app.on('window-all-closed', () => app.quit());

  app.on('will-quit', () => {
    quitting = true;
    const b = backend;
    backend = null;
    b?.close();
    folderLock?.release();
    folderLock = null;
  });

  const onReady = async (): Promise<void> => {
    session.defaultSession.setSpellCheckerEnabled(false);
    blockRemoteRequests(session.defaultSession);

    let opened: Backend;
    try {
      // The same data-folder lock as the web host's, so a host and a window never share a file.
      folderLock = lockDataFolder(dataDir);
      // openBackend migrates the database (after copying it), hence asynchronous.
      opened = await openBackend({ dataDir, shell: 'electron', appVersion: app.getVersion(), readerAtOpen: true });
    } catch (err) {
      failStartup(`Không mở được dữ liệu của ứng dụng.\n\n${messageOf(err)}\n\nThư mục dữ liệu: ${dataDir}`);
      return;
    }
    if (quitting) {
      // The person quit while the database was being opened (a long migration): close it now,
      // since will-quit has already run.
      opened.close();
      return;
    }
    backend = opened;
    // The OS screen locked or the PC went to sleep: the session locks and forgets the data key.
    lockOnScreenLock(powerMonitor, () => opened.lock());

    handleAppProtocol(protocol, path.join(__dirname, '..', 'renderer'));
    registerIpc(ipcMain, opened.dispatch, isTrustedSender, console, { chooseFolder: chooseFolderDialog });

    const devTools = !app.isPackaged;
    const showAbout = (): void => {
      const box = aboutBox({ version: app.getVersion(), dataDir, databasePath: opened.databasePath });
      void (win ? dialog.showMessageBox(win, box) : dialog.showMessageBox(box));
    };
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(menuTemplate({ platform: process.platform, appName: APP_NAME, devTools, onAbout: showAbout })),
    );

    const created = createMainWindow(BrowserWindow, {
      preloadPath: path.join(__dirname, 'preload.cjs'),
      appOrigin: APP_ORIGIN,
      devTools,
    });
    win = created;
    created.on('closed', () => {
      win = null;
    });
    created.loadURL(APP_INDEX_URL).catch((err: unknown) => {
      // Most likely dist/renderer is missing (the renderer was not built): say so instead of
      // leaving an invisible window (it is only shown once painted).
      console.error('main: could not load the renderer', err);
      dialog.showErrorBox(STARTUP_ERROR_TITLE, `Không tải được giao diện của ứng dụng.\n\n${messageOf(err)}`);
      app.quit();
    });
  };

  app
    .whenReady()
    .then(onReady)
    .catch((err: unknown) => {
      console.error('main: start-up failed', err);
      failStartup(messageOf(err));
    });
}

main();
