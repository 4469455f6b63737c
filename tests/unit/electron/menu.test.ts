/** The application menu template and the about box, as plain data. */
import { describe, expect, it, vi } from 'vitest';
import { aboutBox, menuTemplate } from '../../../electron/main/menu';

// Loading the real 'electron' package here would be a bug (its binary is absent in CI): fail loudly.
vi.mock('electron', () => {
  throw new Error("tests must not load 'electron'");
});

type MenuItemConstructorOptions = ReturnType<typeof menuTemplate>[number];

function submenu(item: MenuItemConstructorOptions | undefined): MenuItemConstructorOptions[] {
  const sub = item?.submenu;
  if (!Array.isArray(sub)) throw new Error(`no submenu array under ${item?.label ?? '?'}`);
  return sub;
}

function allItems(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? allItems(i.submenu) : [])]);
}

const labelsAndRoles = (items: MenuItemConstructorOptions[]) => items.filter((i) => i.type !== 'separator').map((i) => [i.label, i.role]);

describe('menuTemplate (Windows / Linux)', () => {
  const onAbout = vi.fn();
  const template = menuTemplate({ platform: 'win32', appName: 'ANTQ', devTools: false, onAbout });

  it('has Tệp, Xem, Trợ giúp in that order', () => {
    expect(template.map((m) => m.label)).toEqual(['Tệp', 'Xem', 'Trợ giúp']);
  });

  it('Tệp → Thoát quits', () => {
    expect(labelsAndRoles(submenu(template[0]))).toEqual([['Thoát', 'quit']]);
  });

  it('Xem → reload, zoom in/out/reset, full screen', () => {
    expect(labelsAndRoles(submenu(template[1]))).toEqual([
      ['Tải lại', 'reload'],
      ['Phóng to', 'zoomIn'],
      ['Thu nhỏ', 'zoomOut'],
      ['Cỡ mặc định', 'resetZoom'],
      ['Toàn màn hình', 'togglefullscreen'],
    ]);
  });

  it('Trợ giúp → Giới thiệu calls onAbout', () => {
    const items = submenu(template[2]);
    expect(items.map((i) => i.label)).toEqual(['Giới thiệu']);
    const click = items[0]?.click;
    expect(typeof click).toBe('function');
    (click as () => void)();
    expect(onAbout).toHaveBeenCalledTimes(1);
  });

  it('has no developer tools when packaged', () => {
    expect(allItems(template).some((i) => i.role === 'toggleDevTools')).toBe(false);
  });

  it('offers developer tools in development only', () => {
    const dev = menuTemplate({ platform: 'linux', appName: 'ANTQ', devTools: true, onAbout });
    const devItems = allItems(dev).filter((i) => i.role === 'toggleDevTools');
    expect(devItems).toHaveLength(1);
    expect(devItems[0]?.label).toBe('Công cụ phát triển');
  });

  it('is the same on Linux', () => {
    const linux = menuTemplate({ platform: 'linux', appName: 'ANTQ', devTools: false, onAbout });
    expect(linux.map((m) => m.label)).toEqual(['Tệp', 'Xem', 'Trợ giúp']);
  });

  it('labels every visible item in Vietnamese (no role-provided English labels)', () => {
    for (const item of allItems(template)) {
      if (item.type === 'separator') continue;
      expect(item.label, JSON.stringify(item.role)).toBeTruthy();
    }
  });
});

describe('menuTemplate (macOS)', () => {
  const template = menuTemplate({ platform: 'darwin', appName: 'ANTQ', devTools: false, onAbout: () => {} });

  it('puts Thoát in the application menu and adds an Edit menu so copy/paste shortcuts work', () => {
    expect(template.map((m) => m.label)).toEqual(['ANTQ', 'Sửa', 'Xem', 'Trợ giúp']);
    expect(labelsAndRoles(submenu(template[0]))).toContainEqual(['Thoát', 'quit']);
    const editRoles = submenu(template[1]).map((i) => i.role);
    expect(editRoles).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']));
  });
});

describe('aboutBox', () => {
  it('names the app and shows the version and where the data is, in Vietnamese', () => {
    const box = aboutBox({ version: '0.1.0', dataDir: 'C:\\Users\\a\\AppData\\Roaming\\antq-desktop', databasePath: 'C:\\x\\antq.db' });
    expect(box.type).toBe('info');
    expect(box.title).toBe('Giới thiệu');
    expect(box.message).toBe('Quản lý phong trào Toàn dân bảo vệ an ninh Tổ quốc');
    expect(box.detail).toContain('Phiên bản: 0.1.0');
    expect(box.detail).toContain('Thư mục dữ liệu: C:\\Users\\a\\AppData\\Roaming\\antq-desktop');
    expect(box.detail).toContain('Tệp cơ sở dữ liệu: C:\\x\\antq.db');
    expect(box.buttons).toEqual(['Đóng']);
  });
});
