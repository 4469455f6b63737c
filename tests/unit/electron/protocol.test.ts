/**
 * The app:// protocol: origin rules, safe path resolution (no escape from dist/renderer), MIME
 * types, the CSP header on every response, scheme registration and the network block, all with
 * fakes and an in-memory file reader.
 */
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../electron/static/csp';
import {
  APP_INDEX_URL,
  APP_ORIGIN,
  blockRemoteRequests,
  createAppRequestHandler,
  handleAppProtocol,
  isAllowedRequestUrl,
  mimeTypeFor,
  originOf,
  registerAppSchemePrivileges,
  resolveAppPath,
  type ReadFileFn,
  type RequestFilterSession,
} from '../../../electron/main/protocol';

// Loading the real 'electron' package here would be a bug (its binary is absent in CI): fail loudly.
vi.mock('electron', () => {
  throw new Error("tests must not load 'electron'");
});

const ROOT = path.resolve('/opt/antq/dist/renderer');
const inRoot = (...p: string[]) => path.join(ROOT, ...p);

const EXPECTED_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; " +
  "frame-ancestors 'none'";

describe('CONTENT_SECURITY_POLICY', () => {
  it('is exactly the agreed policy', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(EXPECTED_CSP);
  });
});

describe('origin', () => {
  it('is app://antq', () => {
    expect(APP_ORIGIN).toBe('app://antq');
    expect(APP_INDEX_URL).toBe('app://antq/index.html');
  });

  it.each([
    ['app://antq/index.html', 'app://antq'],
    ['APP://ANTQ/x', 'app://antq'],
    ['app://antq:1234/x', 'app://antq:1234'],
    ['https://example.com/a', 'https://example.com'],
    ['app://u:p@antq/x', null],
    ['file:///etc/passwd', null],
    ['data:text/html,x', null],
    ['nonsense', null],
  ])('originOf(%s) = %s', (url, expected) => {
    expect(originOf(url)).toBe(expected);
  });
});

describe('resolveAppPath', () => {
  it.each([
    ['app://antq/', inRoot('index.html')],
    ['app://antq', inRoot('index.html')],
    ['app://antq/index.html', inRoot('index.html')],
    ['app://antq/index.html?x=1#/units', inRoot('index.html')],
    ['app://antq/assets/index-abc123.js', inRoot('assets', 'index-abc123.js')],
    ['app://antq//assets//a.css', inRoot('assets', 'a.css')],
    ['app://antq/assets/', inRoot('assets', 'index.html')],
    ['app://antq/fonts/Be%20Vietnam%20Pro.woff2', inRoot('fonts', 'Be Vietnam Pro.woff2')],
    ['app://antq/%E1%BA%A3nh.png', inRoot('ảnh.png')],
    ['app://antq/..foo/a.js', inRoot('..foo', 'a.js')],
  ])('%s → a file inside the renderer folder', (url, expected) => {
    expect(resolveAppPath(ROOT, url)).toBe(expected);
  });

  it.each([
    // Traversal, raw and encoded in every spelling.
    'app://antq/../../etc/passwd',
    'app://antq/assets/../../../etc/passwd',
    'app://antq/%2e%2e/%2e%2e/etc/passwd',
    'app://antq/%2E%2E/%2E%2E/etc/passwd',
    'app://antq/.%2e/etc/passwd',
    'app://antq/..%2f..%2fetc%2fpasswd',
    'app://antq/..%2F..%2Fetc%2Fpasswd',
    'app://antq/assets%2f..%2f..%2fsecret',
    'app://antq/..%5c..%5cWindows%5cwin.ini',
    'app://antq/%252e%252e/x/../../y',
    'app://antq/./index.html',
    'app://antq/.../x',
    'app://antq/..%20/x',
    'app://antq\\..\\..\\etc\\passwd',
    // Absolute paths, drives, control characters, broken escapes.
    'app://antq/%2Fetc%2Fpasswd',
    'app://antq/C:%5CWindows%5Cwin.ini',
    'app://antq/index.html%00.png',
    'app://antq/%E0%A4%A',
    // Not our origin.
    'app://evil/index.html',
    'app://antq.evil/index.html',
    'app://antq:80/index.html',
    'app://user@antq/index.html',
    'https://antq/index.html',
    'file:///etc/passwd',
    '',
  ])('refuses %s', (url) => {
    expect(resolveAppPath(ROOT, url)).toBeNull();
  });

  it('treats a double-encoded dot segment as a plain name, never as ".."', () => {
    // %252e%252e decodes once to the literal file name "%2e%2e", which stays inside the root.
    expect(resolveAppPath(ROOT, 'app://antq/%252e%252e/x')).toBe(inRoot('%2e%2e', 'x'));
  });

  it('applies Windows rules with path.win32 (backslashes, drives, UNC)', () => {
    const winRoot = 'C:\\Program Files\\ANTQ\\resources\\app.asar\\dist\\renderer';
    expect(resolveAppPath(winRoot, 'app://antq/assets/a.js', path.win32)).toBe(`${winRoot}\\assets\\a.js`);
    expect(resolveAppPath(winRoot, 'app://antq/..%5c..%5cwin.ini', path.win32)).toBeNull();
    expect(resolveAppPath(winRoot, 'app://antq/C:%5cWindows%5cwin.ini', path.win32)).toBeNull();
    expect(resolveAppPath(winRoot, 'app://antq/D:', path.win32)).toBeNull();
    expect(resolveAppPath(winRoot, 'app://antq/%5c%5cserver%5cshare', path.win32)).toBeNull();
    expect(resolveAppPath(winRoot, 'app://antq/index.html%3a%3a%24DATA', path.win32)).toBeNull();
  });
});

describe('mimeTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['a.js', 'text/javascript; charset=utf-8'],
    ['a.css', 'text/css; charset=utf-8'],
    ['logo.svg', 'image/svg+xml'],
    ['logo.png', 'image/png'],
    ['font.woff2', 'font/woff2'],
    ['data.json', 'application/json; charset=utf-8'],
    ['favicon.ico', 'image/x-icon'],
    ['UPPER.JS', 'text/javascript; charset=utf-8'],
    ['unknown.bin', 'application/octet-stream'],
    ['noext', 'application/octet-stream'],
  ])('%s → %s', (file, type) => {
    expect(mimeTypeFor(file)).toBe(type);
  });
});

describe('createAppRequestHandler', () => {
  const files = new Map<string, string>([
    [inRoot('index.html'), '<!doctype html><title>ANTQ</title>'],
    [inRoot('assets', 'app.js'), 'console.log(1)'],
    [inRoot('assets', 'app.css'), 'body{}'],
    [inRoot('icon.svg'), '<svg/>'],
  ]);
  const notFound = (p: string) => Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
  const read = vi.fn<ReadFileFn>(async (p) => {
    const text = files.get(p);
    if (text === undefined) throw notFound(p);
    return new TextEncoder().encode(text);
  });
  const handler = createAppRequestHandler(ROOT, read);
  const get = (url: string, method = 'GET') => handler({ url, method });

  it('serves index.html with its type and the CSP', async () => {
    const res = await get('app://antq/index.html');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(EXPECTED_CSP);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toBe('<!doctype html><title>ANTQ</title>');
  });

  it('serves assets with their MIME types', async () => {
    expect((await get('app://antq/assets/app.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await get('app://antq/assets/app.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await get('app://antq/icon.svg')).headers.get('content-type')).toBe('image/svg+xml');
  });

  it('refuses traversal with 403 and never reads outside the renderer folder', async () => {
    read.mockClear();
    for (const url of ['app://antq/../../etc/passwd', 'app://antq/%2e%2e/%2e%2e/etc/passwd', 'app://antq/..%2f..%2fetc%2fpasswd']) {
      const res = await get(url);
      expect(res.status, url).toBe(403);
      expect(res.headers.get('content-security-policy')).toBe(EXPECTED_CSP);
    }
    expect(read).not.toHaveBeenCalled();
  });

  it('a real Request (which normalises the URL first) still only reads inside the folder', async () => {
    read.mockClear();
    // Request folds this to app://antq/etc/passwd: a client route, so the app's index.html.
    const res = await handler(new Request('app://antq/%2e%2e/%2e%2e/etc/passwd'));
    expect(await res.text()).toBe('<!doctype html><title>ANTQ</title>');
    const withExt = await handler(new Request('app://antq/../../etc/shadow.txt'));
    expect(withExt.status).toBe(404);
    expect(read.mock.calls.length).toBeGreaterThan(0);
    for (const [p] of read.mock.calls) expect(p.startsWith(ROOT + path.sep)).toBe(true);
  });

  it('answers 404 for a missing file with an extension, with the CSP', async () => {
    const res = await get('app://antq/assets/missing.js');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-security-policy')).toBe(EXPECTED_CSP);
  });

  it('falls back to index.html for an extension-less client route', async () => {
    const res = await get('app://antq/units/123');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get('app://antq/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBeNull();
    const post = await get('app://antq/index.html', 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    expect(post.headers.get('content-security-policy')).toBe(EXPECTED_CSP);
  });

  it('answers 500 (not a throw) when the file cannot be read', async () => {
    const failing = createAppRequestHandler(ROOT, async () => {
      throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
    });
    const res = await failing({ url: 'app://antq/index.html', method: 'GET' });
    expect(res.status).toBe(500);
    expect(res.headers.get('content-security-policy')).toBe(EXPECTED_CSP);
  });
});

describe('registration', () => {
  it('registers app as standard, secure and fetch-capable, and nothing more', () => {
    const registerSchemesAsPrivileged = vi.fn();
    registerAppSchemePrivileges({ registerSchemesAsPrivileged });
    expect(registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it('handles the app scheme with the file handler', async () => {
    const handle = vi.fn();
    handleAppProtocol({ handle }, ROOT);
    expect(handle).toHaveBeenCalledTimes(1);
    expect(handle.mock.calls[0]?.[0]).toBe('app');
    expect(typeof handle.mock.calls[0]?.[1]).toBe('function');
  });
});

describe('network block', () => {
  it.each([
    ['app://antq/index.html', true],
    ['app://antq/assets/a.js', true],
    ['data:image/png;base64,AAAA', true],
    ['blob:app://antq/5f1c', true],
    ['devtools://devtools/bundled/inspector.html', true],
    ['https://example.com/', false],
    ['http://127.0.0.1:8080/', false],
    ['ws://localhost/', false],
    ['wss://example.com/', false],
    ['file:///etc/passwd', false],
    ['app://evil/x', false],
    ['ftp://example.com/', false],
  ])('%s allowed: %s', (url, allowed) => {
    expect(isAllowedRequestUrl(url)).toBe(allowed);
  });

  it('cancels remote requests at the session and lets app requests through', () => {
    let listener: Parameters<RequestFilterSession['webRequest']['onBeforeRequest']>[0] | undefined;
    const session: RequestFilterSession = {
      webRequest: {
        onBeforeRequest(l) {
          listener = l;
        },
      },
    };
    blockRemoteRequests(session);
    const decide = (url: string) => {
      const cb = vi.fn();
      listener?.({ url }, cb);
      return cb.mock.calls[0]?.[0] as unknown;
    };
    expect(decide('https://fonts.googleapis.com/css')).toEqual({ cancel: true });
    expect(decide('app://antq/index.html')).toEqual({ cancel: false });
  });
});
