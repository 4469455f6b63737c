/**
 * The one static-file module (electron/static/files.ts) used by the Electron app:// protocol and
 * the web host: path resolution (traversal in every spelling, Windows rules), MIME types, missing
 * files and folders, methods, and the security headers on every answer.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mimeTypeFor, resolveStaticPath, serveStatic } from '../../../electron/static/files';
import { CONTENT_SECURITY_POLICY } from '../../../electron/static/csp';
import { makeTempDir, removeDir } from '../../support/temp-dir';

const ROOT = path.resolve('/srv/antq/renderer');
const inRoot = (...parts: string[]) => path.join(ROOT, ...parts);

describe('resolveStaticPath', () => {
  it.each([
    ['/', inRoot('index.html')],
    ['', inRoot('index.html')],
    ['/index.html', inRoot('index.html')],
    ['/assets/app.js', inRoot('assets', 'app.js')],
    ['//assets//a.css', inRoot('assets', 'a.css')],
    ['/assets/', inRoot('assets', 'index.html')],
    ['/T%C3%A0i%20li%E1%BB%87u/%E1%BA%A3nh.png', inRoot('Tài liệu', 'ảnh.png')],
    ['/..foo/a.js', inRoot('..foo', 'a.js')],
    ['/%252e%252e/x', inRoot('%2e%2e', 'x')],
  ])('%s → %s', (rawPath, expected) => {
    expect(resolveStaticPath(ROOT, rawPath)).toBe(expected);
  });

  it.each([
    '/../../etc/passwd',
    '/assets/../index.html',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/.%2E/etc/passwd',
    '/..%2f..%2fetc%2fpasswd',
    '/..%5c..%5cWindows%5cwin.ini',
    '/./index.html',
    '/.../x',
    '/..%20/x',
    '/index.html.',
    '/%2Fetc%2Fpasswd',
    '/C:%5CWindows%5Cwin.ini',
    '/index.html%00.png',
    '/%00',
    '/%E0%A4%A',
    '/%',
  ])('refuses %s', (rawPath) => {
    expect(resolveStaticPath(ROOT, rawPath)).toBeNull();
  });

  it('applies Windows rules with path.win32 (backslashes, drives, UNC, streams)', () => {
    const winRoot = 'C:\\Program Files\\ANTQ\\resources\\app.asar\\dist\\renderer';
    expect(resolveStaticPath(winRoot, '/assets/a.js', path.win32)).toBe(`${winRoot}\\assets\\a.js`);
    for (const p of ['/..%5c..%5cwin.ini', '/C:%5cWindows%5cwin.ini', '/D:', '/%5c%5cserver%5cshare', '/index.html%3a%3a%24DATA']) {
      expect(resolveStaticPath(winRoot, p, path.win32), p).toBeNull();
    }
  });

  it('property: the result is null or strictly inside the folder, for any raw path', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 40 }),
          fc
            .array(fc.constantFrom('/', '..', '.', '%2e', '%2f', '%5c', '%00', '\\', 'a', 'etc', '%', '%2', '//', ' '), { maxLength: 12 })
            .map((p) => p.join('')),
        ),
        (rawPath) => {
          const out = resolveStaticPath(ROOT, rawPath);
          if (out !== null) expect(out.startsWith(ROOT + path.sep)).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('mimeTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['a.JS', 'text/javascript; charset=utf-8'],
    ['a.css', 'text/css; charset=utf-8'],
    ['a.woff2', 'font/woff2'],
    ['a.svg', 'image/svg+xml'],
    ['a.json', 'application/json; charset=utf-8'],
    ['a.exe', 'application/octet-stream'],
    ['noext', 'application/octet-stream'],
  ])('%s → %s', (name, type) => {
    expect(mimeTypeFor(name)).toBe(type);
  });
});

describe('serveStatic on a real folder', () => {
  let outside: string;
  let root: string;
  beforeEach(() => {
    outside = makeTempDir('antq-static-');
    root = path.join(outside, 'renderer');
    fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>ANTQ</title>');
    fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
    fs.writeFileSync(path.join(outside, 'secret.txt'), 'SECRET');
  });
  afterEach(() => removeDir(outside));

  const text = (body: Uint8Array | string | null) =>
    body === null ? null : typeof body === 'string' ? body : Buffer.from(body).toString('utf8');

  it('serves a file with its MIME type, length and the security headers', async () => {
    const r = await serveStatic(root, 'GET', '/assets/app.js');
    expect(r.status).toBe(200);
    expect(text(r.body)).toBe('console.log(1)');
    expect(r.headers['Content-Type']).toBe('text/javascript; charset=utf-8');
    expect(r.headers['Content-Length']).toBe('14');
    expect(r.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(r.headers['X-Content-Type-Options']).toBe('nosniff');
    expect(r.headers['Referrer-Policy']).toBe('no-referrer');
  });

  it('answers a missing file with 404, a traversal with 403, both with the CSP and never the secret', async () => {
    const missing = await serveStatic(root, 'GET', '/assets/missing.js');
    expect(missing.status).toBe(404);
    expect(missing.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const r = await serveStatic(root, 'GET', p);
      expect(r.status, p).toBe(403);
      expect(text(r.body)).not.toContain('SECRET');
      expect(r.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    }
  });

  it('serves the page for an extension-less route and for a folder path, 404 for a folder without index', async () => {
    expect(text((await serveStatic(root, 'GET', '/units/12')).body)).toContain('<title>ANTQ</title>');
    expect(text((await serveStatic(root, 'GET', '/assets')).body)).toContain('<title>ANTQ</title>');
    expect((await serveStatic(root, 'GET', '/assets/')).status).toBe(404);
  });

  it('answers HEAD without a body and refuses other methods with 405 and Allow', async () => {
    const head = await serveStatic(root, 'HEAD', '/index.html');
    expect(head.status).toBe(200);
    expect(head.body).toBeNull();
    const post = await serveStatic(root, 'POST', '/index.html');
    expect(post.status).toBe(405);
    expect(post.headers['Allow']).toBe('GET, HEAD');
  });

  it('answers 500 when a file exists but cannot be read', async () => {
    const r = await serveStatic(root, 'GET', '/index.html', async () => {
      throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
    });
    expect(r.status).toBe(500);
    expect(r.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
  });
});
