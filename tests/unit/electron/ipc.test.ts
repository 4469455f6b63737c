/**
 * The IPC channel's sender check and its "always a Result" promise, with fake ipcMain/events; and a
 * static check that the preload (which imports 'electron' and so cannot be loaded here) uses the
 * same channel and exposes nothing but `bridge`.
 */
import fs from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import type { Dispatch } from '../../../electron/backend/dispatch';
import {
  createInvokeHandler,
  IPC_CHANNEL,
  isTrustedSender,
  registerIpc,
  type InvokeEventLike,
  type IpcMainLike,
} from '../../../electron/main/ipc';
import type { Result } from '../../../shared/ipc/errors';
import { BRIDGE_CHANNEL, BRIDGE_GLOBAL } from '../../../shared/ipc/bridge';

// Loading the real 'electron' package here would be a bug (its binary is absent in CI): fail loudly.
vi.mock('electron', () => {
  throw new Error("tests must not load 'electron'");
});

const quietLog = { error: vi.fn() };

function fakeIpcMain() {
  const handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => Promise<Result<unknown>>>();
  const ipcMain: IpcMainLike = {
    handle(channel, listener) {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
  };
  return { ipcMain, handlers };
}

/** An event from a frame at `url`; `main` says whether that frame is its contents' main frame. */
function eventFrom(url: string, main: boolean): InvokeEventLike {
  const frame = { url };
  const mainFrame = main ? frame : { url: 'app://antq/index.html' };
  return { senderFrame: frame, sender: { mainFrame } };
}

const OK: Result<unknown> = { ok: true, value: { version: '0.1.0' } };

describe('isTrustedSender', () => {
  it.each([
    ['app://antq/index.html', true, true],
    ['app://antq/', true, true],
    ['app://antq/units/1?x=2#y', true, true],
    ['app://antq/index.html', false, false],
    ['app://evil/index.html', true, false],
    ['app://antq.evil/index.html', true, false],
    ['app://antq:8080/index.html', true, false],
    ['app://user@antq/index.html', true, false],
    ['https://antq/index.html', true, false],
    ['http://127.0.0.1:4000/', true, false],
    ['file:///C:/app/index.html', true, false],
    ['about:blank', true, false],
    ['', true, false],
  ])('%s (main frame: %s) → %s', (url, main, expected) => {
    expect(isTrustedSender(url, main)).toBe(expected);
  });
});

describe('registerIpc', () => {
  it('registers exactly one handler, on bridge:invoke', () => {
    const { ipcMain, handlers } = fakeIpcMain();
    registerIpc(ipcMain, vi.fn<Dispatch>(), isTrustedSender, quietLog);
    expect(IPC_CHANNEL).toBe('bridge:invoke');
    expect([...handlers.keys()]).toEqual(['bridge:invoke']);
  });

  it('passes a trusted message to dispatch and returns its Result unchanged', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const dispatch = vi.fn<Dispatch>().mockResolvedValue(OK);
    registerIpc(ipcMain, dispatch, isTrustedSender, quietLog);
    const handler = handlers.get(IPC_CHANNEL)!;

    const result = await handler(eventFrom('app://antq/index.html', true), 'app.info', {}, 'extra', 42);

    expect(result).toBe(OK);
    expect(dispatch).toHaveBeenCalledTimes(1);
    // Only (method, input) are forwarded, never extra arguments.
    expect(dispatch).toHaveBeenCalledWith('app.info', {});
  });

  it('uses the isTrusted function it is given', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const dispatch = vi.fn<Dispatch>().mockResolvedValue(OK);
    const isTrusted = vi.fn(() => false);
    registerIpc(ipcMain, dispatch, isTrusted, quietLog);
    const result = await handlers.get(IPC_CHANNEL)!(eventFrom('app://antq/index.html', true), 'app.info', {});
    expect(isTrusted).toHaveBeenCalledWith('app://antq/index.html', true);
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(dispatch).not.toHaveBeenCalled();
  });
});

describe('createInvokeHandler: refused senders', () => {
  const cases: Array<[string, InvokeEventLike]> = [
    ['a subframe of the app', eventFrom('app://antq/frame.html', false)],
    ['another origin', eventFrom('https://example.com/', true)],
    ['a file:// page', eventFrom('file:///tmp/evil.html', true)],
    ['a look-alike host', eventFrom('app://antq.evil/index.html', true)],
    ['a destroyed frame (senderFrame null)', { senderFrame: null, sender: { mainFrame: {} } }],
  ];
  it.each(cases)('%s gets FORBIDDEN and dispatch is not called', async (_name, event) => {
    const dispatch = vi.fn<Dispatch>().mockResolvedValue(OK);
    const result = await createInvokeHandler(dispatch, isTrustedSender, quietLog)(event, 'units.delete', { id: 'x' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('FORBIDDEN');
      expect(result.error.message).toBe('Không có quyền thực hiện yêu cầu này.');
    }
    expect(dispatch).not.toHaveBeenCalled();
  });
});

describe('createInvokeHandler: never lets an exception escape', () => {
  it('turns a synchronous throw from dispatch into an INTERNAL Result', async () => {
    const dispatch: Dispatch = () => {
      throw new Error('boom with C:\\secret\\path');
    };
    const result = await createInvokeHandler(dispatch, isTrustedSender, quietLog)(eventFrom('app://antq/index.html', true), 'app.info', {});
    expect(result).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'Đã có lỗi không mong muốn. Dữ liệu chưa bị thay đổi; vui lòng thử lại.' },
    });
  });

  it('turns a rejected dispatch into an INTERNAL Result', async () => {
    const dispatch = vi.fn<Dispatch>().mockRejectedValue(new Error('db closed'));
    const result = await createInvokeHandler(dispatch, isTrustedSender, quietLog)(eventFrom('app://antq/index.html', true), 'app.info', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('turns an event whose getters throw into an INTERNAL Result', async () => {
    const event = {
      get senderFrame(): never {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
      sender: { mainFrame: {} },
    };
    const dispatch = vi.fn<Dispatch>();
    const result = await createInvokeHandler(dispatch, isTrustedSender, quietLog)(event, 'app.info', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(dispatch).not.toHaveBeenCalled();
  });
});

describe('electron/preload/index.ts (read as text: it imports electron)', () => {
  const source = fs.readFileSync(new URL('../../../electron/preload/index.ts', import.meta.url), 'utf8');
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');

  it('invokes the shared channel that main handles, and writes no channel name of its own', () => {
    const channels = [...code.matchAll(/'([a-z]+:[a-z]+)'/g)].map((m) => m[1]);
    expect(channels).toEqual([]);
    expect(IPC_CHANNEL).toBe(BRIDGE_CHANNEL);
    expect(code).toMatch(/ipcRenderer\.invoke\(BRIDGE_CHANNEL, method, input\)/);
  });

  it('checks its bridge object against the shared Bridge type', () => {
    expect(code).toMatch(/\}\s*satisfies Bridge;/);
  });

  it('imports values only from the electron module and shared/ipc/bridge, and types from shared/ipc', () => {
    const imports = [...code.matchAll(/^import\s+(type\s+)?[^'"]*from\s+'([^']+)';/gm)].map((m) => [m[1] ? 'type' : 'value', m[2]]);
    expect(imports).toEqual([
      ['value', 'electron'],
      ['value', '../../shared/ipc/bridge'],
      ['type', '../../shared/ipc/errors'],
    ]);
    expect(code).not.toMatch(/\brequire\s*\(/);
  });

  it('exposes exactly one global, bridge, and never the raw ipcRenderer', () => {
    const exposed = [...code.matchAll(/exposeInMainWorld\(\s*([A-Za-z_']+)/g)].map((m) => m[1]);
    expect(exposed).toEqual(['BRIDGE_GLOBAL']);
    expect(BRIDGE_GLOBAL).toBe('bridge');
    expect(code).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer/);
    expect(code).not.toMatch(/ipcRenderer\.(on|send|sendSync|postMessage)\b/);
  });
});

describe('shell.printPdf: the window prints its own page', () => {
  const never: Dispatch = () => Promise.reject(new Error('the backend must not see shell.printPdf'));

  function printingEvent(url: string, main: boolean, bytes = new Uint8Array([0x25, 0x50, 0x44, 0x46])) {
    const frame = { url };
    const printToPDF = vi.fn((_options: unknown) => Promise.resolve(bytes));
    const event: InvokeEventLike = { senderFrame: frame, sender: { mainFrame: main ? frame : {}, printToPDF } };
    return { event, printToPDF };
  }

  it('prints A4 with the page CSS size and margins, never reaching the backend', async () => {
    const { event, printToPDF } = printingEvent('app://antq/index.html', true);
    const result = await createInvokeHandler(never, isTrustedSender, quietLog)(event, 'shell.printPdf', {});
    expect(result).toEqual({ ok: true, value: { base64: Buffer.from('%PDF').toString('base64') } });
    expect(printToPDF).toHaveBeenCalledTimes(1);
    expect(printToPDF.mock.calls[0]![0]).toMatchObject({ pageSize: 'A4', preferCSSPageSize: true, displayHeaderFooter: false });
  });

  it('is refused to a foreign page or a subframe, and to unexpected input', async () => {
    for (const [url, main] of [
      ['https://evil.example/', true],
      ['app://antq/index.html', false],
    ] as const) {
      const { event, printToPDF } = printingEvent(url, main);
      const result = await createInvokeHandler(never, isTrustedSender, quietLog)(event, 'shell.printPdf', {});
      expect(result.ok).toBe(false);
      expect(printToPDF).not.toHaveBeenCalled();
    }
    const { event, printToPDF } = printingEvent('app://antq/index.html', true);
    const bad = await createInvokeHandler(never, isTrustedSender, quietLog)(event, 'shell.printPdf', { pages: '1-9' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(printToPDF).not.toHaveBeenCalled();
  });
});

describe('shell.chooseFolder: the system folder dialog, in Electron only', () => {
  const never: Dispatch = () => Promise.reject(new Error('the backend must not see shell.chooseFolder'));
  const event = (url: string, main: boolean): InvokeEventLike => {
    const frame = { url };
    return { senderFrame: frame, sender: { mainFrame: main ? frame : {} } };
  };

  it('returns the chosen folder (or null when cancelled), never reaching the backend', async () => {
    const chooseFolder = vi.fn((_sender: unknown, _title: string) => Promise.resolve('/media/usb/SaoLuu'));
    const handler = createInvokeHandler(never, isTrustedSender, quietLog, { chooseFolder });
    const e = event('app://antq/index.html', true);
    expect(await handler(e, 'shell.chooseFolder', { title: 'Chọn thư mục' })).toEqual({ ok: true, value: { folder: '/media/usb/SaoLuu' } });
    expect(chooseFolder).toHaveBeenCalledWith(e.sender, 'Chọn thư mục');
    chooseFolder.mockResolvedValueOnce(null as unknown as string);
    expect(await handler(e, 'shell.chooseFolder', { title: 'Chọn thư mục' })).toEqual({ ok: true, value: { folder: null } });
  });

  it('is refused to a foreign page, and to unexpected input', async () => {
    const chooseFolder = vi.fn(() => Promise.resolve('/x'));
    const handler = createInvokeHandler(never, isTrustedSender, quietLog, { chooseFolder });
    expect((await handler(event('https://evil.example/', true), 'shell.chooseFolder', { title: 'x' })).ok).toBe(false);
    expect(await handler(event('app://antq/index.html', true), 'shell.chooseFolder', { title: 'x', path: '/' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(chooseFolder).not.toHaveBeenCalled();
  });
});
