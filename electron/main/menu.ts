/**
 * The application menu and the "Giới thiệu" (about) box, as plain data so they are tested without
 * Electron. Kept minimal on purpose: the app's features live in the window, and every menu item
 * is one more thing that could act behind the renderer's back. Built-in roles are used wherever
 * possible because Electron then wires the platform's own behaviour and shortcuts.
 */
import type { MenuItemConstructorOptions, MessageBoxOptions } from 'electron';
import { WINDOW_TITLE } from './window';

export interface MenuOptions {
  platform: NodeJS.Platform;
  /** Shown as the first menu's title on macOS. */
  appName: string;
  /** Adds "Công cụ phát triển"; only for unpackaged (development) runs. */
  devTools: boolean;
  onAbout: () => void;
}

export function menuTemplate(opts: MenuOptions): MenuItemConstructorOptions[] {
  const isMac = opts.platform === 'darwin';
  const about: MenuItemConstructorOptions = { label: 'Giới thiệu', click: () => opts.onAbout() };

  const view: MenuItemConstructorOptions[] = [
    { label: 'Tải lại', role: 'reload' },
    { type: 'separator' },
    { label: 'Phóng to', role: 'zoomIn' },
    { label: 'Thu nhỏ', role: 'zoomOut' },
    { label: 'Cỡ mặc định', role: 'resetZoom' },
    { type: 'separator' },
    { label: 'Toàn màn hình', role: 'togglefullscreen' },
  ];
  if (opts.devTools) {
    view.push({ type: 'separator' }, { label: 'Công cụ phát triển', role: 'toggleDevTools' });
  }

  const template: MenuItemConstructorOptions[] = [];
  if (isMac) {
    // macOS puts Quit under the application menu, and copy/paste shortcuts only work in text
    // fields when an Edit menu with those roles exists. (No macOS build is shipped today; this
    // keeps a developer's Mac usable.)
    template.push(
      {
        label: opts.appName,
        submenu: [{ label: 'Thoát', role: 'quit' }],
      },
      {
        label: 'Sửa',
        submenu: [
          { label: 'Hoàn tác', role: 'undo' },
          { label: 'Làm lại', role: 'redo' },
          { type: 'separator' },
          { label: 'Cắt', role: 'cut' },
          { label: 'Sao chép', role: 'copy' },
          { label: 'Dán', role: 'paste' },
          { label: 'Chọn tất cả', role: 'selectAll' },
        ],
      },
    );
  } else {
    template.push({ label: 'Tệp', submenu: [{ label: 'Thoát', role: 'quit' }] });
  }
  template.push({ label: 'Xem', submenu: view });
  // role 'help' lets macOS add its search field; other platforms ignore it.
  template.push({ label: 'Trợ giúp', role: 'help', submenu: [about] });
  return template;
}

export interface AboutInfo {
  version: string;
  dataDir: string;
  databasePath: string;
}

/** The native "Giới thiệu" message box: what the app is, its version, and where its data lives. */
export function aboutBox(info: AboutInfo): MessageBoxOptions {
  return {
    type: 'info',
    title: 'Giới thiệu',
    message: WINDOW_TITLE,
    detail: [
      `Phiên bản: ${info.version}`,
      `Thư mục dữ liệu: ${info.dataDir}`,
      `Tệp cơ sở dữ liệu: ${info.databasePath}`,
      'Ứng dụng chạy hoàn toàn trên máy này và không kết nối Internet.',
    ].join('\n'),
    buttons: ['Đóng'],
    noLink: true,
  };
}
