/**
 * The local web host (electron/host/server.ts) and its command line (electron/host/args.ts):
 * the per-launch token guards the API (header only, never a cookie), the page and its files need no
 * secret, Host/Origin checks stop DNS rebinding and cross-site calls, static files never escape the
 * renderer folder (the resolver itself: tests/unit/electron/static-files.test.ts), and every
 * response carries the CSP.
 */
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { TOKEN_HEADER, createHostServer, isAllowedCaller, launchUrl } from '../../../electron/host/server';
import { parseHostArgs } from '../../../electron/host/args';
import { CONTENT_SECURITY_POLICY } from '../../../electron/static/csp';
import type { Result } from '../../../shared/ipc/errors';
import { GENERIC_MESSAGES } from '../../../shared/ipc/errors';
import { makeTempDir, removeDir } from '../../support/temp-dir';
import { isVietnameseMessage } from '../../support/vietnamese';

const TOKEN = 'tok_3q9Zp-4Kx8Lm2Vb7Nc1Rw5Ty6Ua0Sd';
const INDEX_HTML = '<!doctype html><html lang="vi"><title>ANTQ</title><div id="root">INDEX-MARKER</div></html>';
const APP_JS = 'console.log("APP-JS-MARKER");';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

let rendererDir: string;
let outsideDir: string;
let server: http.Server;
let port: number;
let dispatch: Mock<(method: unknown, input: unknown) => Promise<Result<unknown>>>;

beforeEach(async () => {
  outsideDir = makeTempDir('antq-host-');
  rendererDir = path.join(outsideDir, 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), INDEX_HTML);
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), APP_JS);
  // A secret next to the renderer folder (and one whose name shares its prefix): never served.
  fs.writeFileSync(path.join(outsideDir, 'secret.txt'), 'SECRET-MARKER');
  fs.mkdirSync(path.join(outsideDir, 'renderer-evil'));
  fs.writeFileSync(path.join(outsideDir, 'renderer-evil', 'x.txt'), 'SECRET-MARKER');

  dispatch = vi.fn(async (method: unknown) => ({ ok: true as const, value: { echoed: method } }));
  server = createHostServer({ dispatch, rendererDir, token: TOKEN });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterEach(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  removeDir(outsideDir);
});

function request(opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: opts.method ?? 'GET',
        path: opts.path,
        headers: { host: `127.0.0.1:${port}`, ...opts.headers },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

function api(method: string, body: unknown, headers: Record<string, string> = { [TOKEN_HEADER]: TOKEN }): Promise<Reply> {
  return request({
    method: 'POST',
    path: `/api/${method}`,
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

function expectCsp(reply: Reply): void {
  expect(reply.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  expect(reply.headers['x-content-type-options']).toBe('nosniff');
}

function expectForbiddenJson(reply: Reply): void {
  expect(reply.status).toBe(403);
  expect(JSON.parse(reply.body)).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: GENERIC_MESSAGES.FORBIDDEN } });
  expectCsp(reply);
}

describe('the page', () => {
  it('serves the page without any token (it holds no secret), with the CSP', async () => {
    const r = await request({ path: '/' });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.body).toBe(INDEX_HTML);
    expectCsp(r);
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    expect((await request({ path: '/index.html' })).body).toBe(INDEX_HTML);
  });

  it('never sets a cookie: not on the page, not when the address carries a token, not on the API', async () => {
    // Cookies are not separated by port: one set here would reach every server on 127.0.0.1.
    for (const p of ['/', `/?token=${TOKEN}`, '/index.html', '/assets/app.js', '/nope.js']) {
      const r = await request({ path: p });
      expect(r.headers['set-cookie'], p).toBeUndefined();
    }
    expect((await api('units.list', {})).headers['set-cookie']).toBeUndefined();
  });

  it('prints the launch address with the token in the fragment, never in the query', () => {
    const u = new URL(launchUrl(40123, TOKEN));
    expect(u.origin).toBe('http://127.0.0.1:40123');
    expect(u.pathname).toBe('/');
    expect(u.search).toBe('');
    expect(u.hash).toBe(`#token=${TOKEN}`);
  });

  it('serves the bundled assets without the token, with their MIME type and the CSP', async () => {
    const r = await request({ path: '/assets/app.js' });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(r.body).toBe(APP_JS);
    expectCsp(r);
  });

  it('answers 404 for a missing file and for a folder without index.html; a client route gets the page', async () => {
    const missing = await request({ path: '/assets/nope.js' });
    expect(missing.status).toBe(404);
    expectCsp(missing);
    expect((await request({ path: '/assets/' })).status).toBe(404);
    // Extension-less paths fall back to the page, as the Electron protocol does (one module).
    expect((await request({ path: '/units/12' })).body).toBe(INDEX_HTML);
  });

  it('refuses other methods on pages (405) with the CSP', async () => {
    const r = await request({ method: 'PUT', path: '/' });
    expect(r.status).toBe(405);
    expectCsp(r);
  });
});

describe('path traversal', () => {
  it.each([
    '/../../etc/passwd',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/..%2f..%2fetc%2fpasswd',
    '/assets/../../secret.txt',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/%2e%2e%2fsecret.txt',
    '/..%5csecret.txt',
    '/../renderer-evil/x.txt',
    '/..%2frenderer-evil%2fx.txt',
    '/%00/etc/passwd',
    '/assets/app.js%00.html',
    '/%E0%A4%A',
  ])('%s → 404 or 403, never file contents', async (p) => {
    const r = await request({ path: p });
    expect([403, 404]).toContain(r.status);
    expect(r.body).not.toContain('SECRET-MARKER');
    expect(r.body).not.toMatch(/root:.*:0:0:/);
    expectCsp(r);
  });
});

describe('the API', () => {
  it('refuses a call without the token (403 FORBIDDEN) and does not dispatch', async () => {
    expectForbiddenJson(await api('units.list', { includeEnded: true }, {}));
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('refuses a wrong token, including one of another length and the cookie alone', async () => {
    expectForbiddenJson(await api('units.list', {}, { [TOKEN_HEADER]: 'wrong' }));
    expectForbiddenJson(await api('units.list', {}, { [TOKEN_HEADER]: TOKEN.toUpperCase() }));
    expectForbiddenJson(await api('units.list', {}, { [TOKEN_HEADER]: TOKEN.slice(1) }));
    expectForbiddenJson(await api('units.list', {}, { cookie: `antq_token_${port}=${TOKEN}` }));
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('dispatches a call with the token: (method, parsed body), and returns its Result', async () => {
    const r = await api('units.search', { query: 'thôn 3', includeEnded: false, limit: 20 });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
    expectCsp(r);
    expect(JSON.parse(r.body)).toEqual({ ok: true, value: { echoed: 'units.search' } });
    expect(dispatch).toHaveBeenCalledTimes(1);
    expect(dispatch).toHaveBeenCalledWith('units.search', { query: 'thôn 3', includeEnded: false, limit: 20 });
  });

  it('passes an empty body as {} and returns error Results as they are', async () => {
    dispatch.mockResolvedValueOnce({ ok: false, error: { code: 'NOT_FOUND', message: 'Không tìm thấy đơn vị.' } });
    const r = await request({ method: 'POST', path: '/api/units.get', headers: { [TOKEN_HEADER]: TOKEN } });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'Không tìm thấy đơn vị.' } });
    expect(dispatch).toHaveBeenCalledWith('units.get', {});
  });

  it('accepts its own origin', async () => {
    const r = await api('app.info', {}, { [TOKEN_HEADER]: TOKEN, origin: `http://127.0.0.1:${port}` });
    expect(r.status).toBe(200);
    expect(dispatch).toHaveBeenCalledWith('app.info', {});
  });

  it('refuses invalid JSON with 400 VALIDATION and does not dispatch', async () => {
    for (const body of ['{not json', '{"a":', 'undefined']) {
      const r = await api('units.list', body);
      expect(r.status).toBe(400);
      const parsed = JSON.parse(r.body) as Result<unknown>;
      expect(parsed).toEqual({ ok: false, error: { code: 'VALIDATION', message: GENERIC_MESSAGES.VALIDATION } });
      expect(isVietnameseMessage(GENERIC_MESSAGES.VALIDATION)).toBe(true);
      expectCsp(r);
    }
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('refuses GET (and other methods than POST) on /api/ with 403, even with the token', async () => {
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const r = await request({ method, path: '/api/units.list', headers: { [TOKEN_HEADER]: TOKEN } });
      expectForbiddenJson(r);
    }
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('refuses a foreign Origin (403), even with the token', async () => {
    for (const origin of [
      'http://evil.example',
      `http://evil.example:${port}`,
      `https://127.0.0.1:${port}`,
      'null',
      `http://127.0.0.1:${port + 1}`,
    ]) {
      expectForbiddenJson(await api('units.list', { includeEnded: true }, { [TOKEN_HEADER]: TOKEN, origin }));
    }
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('accepts an Origin only in its full form: scheme, host and port, exactly', async () => {
    const lookAlikes = [
      `127.0.0.1:${port}`,
      `localhost:${port}`,
      `//127.0.0.1:${port}`,
      `http://127.0.0.1:${port}.evil`,
      `http://127.0.0.1:${port}/`,
      `http://127.0.0.1:${port}/api`,
      `http://127.0.0.1:${port}0`,
      `http://127.0.0.1`,
      `http://localhost`,
      `HTTP://127.0.0.1:${port}`,
      `http://http://127.0.0.1:${port}`,
      `http://user@127.0.0.1:${port}`,
      `ws://127.0.0.1:${port}`,
      `https://localhost:${port}`,
      '',
    ];
    for (const origin of lookAlikes) {
      const r = await api('units.list', {}, { [TOKEN_HEADER]: TOKEN, origin });
      expect(r.status, JSON.stringify(origin)).toBe(403);
    }
    expect(dispatch).not.toHaveBeenCalled();
    expect((await api('app.info', {}, { [TOKEN_HEADER]: TOKEN, origin: `http://localhost:${port}` })).status).toBe(200);
  });

  it('requires our Origin on a browser request (one with fetch metadata), and refuses cross-site ones', async () => {
    const own = `http://127.0.0.1:${port}`;
    // A browser always sends Origin with a POST; its absence there means something is off.
    expectForbiddenJson(await api('units.list', {}, { [TOKEN_HEADER]: TOKEN, 'sec-fetch-site': 'same-origin' }));
    for (const site of ['cross-site', 'same-site', 'none']) {
      expectForbiddenJson(await api('units.list', {}, { [TOKEN_HEADER]: TOKEN, 'sec-fetch-site': site, origin: own }));
    }
    expect(dispatch).not.toHaveBeenCalled();
    const ok = await api('app.info', {}, { [TOKEN_HEADER]: TOKEN, 'sec-fetch-site': 'same-origin', origin: own });
    expect(ok.status).toBe(200);
  });

  it('isAllowedCaller: exact origins; fetch metadata needs same-origin and an Origin', () => {
    const allowed = new Set(['http://127.0.0.1:5000', 'http://localhost:5000']);
    expect(isAllowedCaller(undefined, undefined, allowed)).toBe(true);
    expect(isAllowedCaller('http://127.0.0.1:5000', undefined, allowed)).toBe(true);
    expect(isAllowedCaller('http://127.0.0.1:5000', 'same-origin', allowed)).toBe(true);
    expect(isAllowedCaller('127.0.0.1:5000', undefined, allowed)).toBe(false);
    expect(isAllowedCaller('http://127.0.0.1:50000', undefined, allowed)).toBe(false);
    expect(isAllowedCaller(undefined, 'same-origin', allowed)).toBe(false);
    expect(isAllowedCaller('http://127.0.0.1:5000', 'cross-site', allowed)).toBe(false);
  });

  it('refuses a malformed method name in the path without dispatching', async () => {
    const r = await request({ method: 'POST', path: '/api/%E0%A4%A', headers: { [TOKEN_HEADER]: TOKEN }, body: '{}' });
    expect(r.status).toBeGreaterThanOrEqual(400);
    expectCsp(r);
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('hands an unknown method name to dispatch as it is (dispatch refuses it)', async () => {
    dispatch.mockResolvedValueOnce({ ok: false, error: { code: 'UNKNOWN_METHOD', message: GENERIC_MESSAGES.UNKNOWN_METHOD } });
    const r = await api('units.n%C3%B3', {});
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(dispatch).toHaveBeenCalledWith('units.nó', {});
  });

  it('refuses an oversized body (413) without dispatching, whatever the exact limit', async () => {
    // Streams 1 MB chunks (up to 256 MB) until the server answers, so the test does not hard-code
    // the limit and stops sending as soon as the refusal arrives.
    const reply = await new Promise<Reply>((resolve, reject) => {
      let answered = false;
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/units.list',
          headers: { host: `127.0.0.1:${port}`, [TOKEN_HEADER]: TOKEN, 'content-type': 'application/json' },
          agent: false,
        },
        (res) => {
          answered = true;
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        },
      );
      req.on('error', (err) => {
        if (!answered) reject(err);
      });
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (!answered && sent < 256) {
          sent++;
          if (!req.write(chunk)) {
            req.once('drain', pump);
            return;
          }
        }
        if (!answered) req.end();
      };
      req.write('{"pad":"');
      pump();
    });
    expect(reply.status).toBe(413);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(isVietnameseMessage((JSON.parse(reply.body) as { error: { message: string } }).error.message)).toBe(true);
    expectCsp(reply);
    expect(dispatch).not.toHaveBeenCalled();
  });
});

describe('Host header (DNS rebinding)', () => {
  it.each(['evil.example:PORT', 'evil.example', '127.0.0.1', '127.0.0.1:1', 'localhost', '0.0.0.0:PORT', '[::1]:PORT'])(
    'refuses Host %s with 403 for the page and the API',
    async (hostTemplate) => {
      const host = hostTemplate.replace('PORT', String(port));
      const page = await request({ path: `/?token=${TOKEN}`, headers: { host } });
      expect(page.status).toBe(403);
      expect(page.body).not.toContain('INDEX-MARKER');
      expectCsp(page);
      const call = await api('units.list', {}, { [TOKEN_HEADER]: TOKEN, host });
      expect(call.status).toBe(403);
      expect(dispatch).not.toHaveBeenCalled();
    },
  );

  it('accepts localhost:PORT as well as 127.0.0.1:PORT', async () => {
    const r = await request({ path: `/?token=${TOKEN}`, headers: { host: `localhost:${port}` } });
    expect(r.status).toBe(200);
  });
});

describe('parseHostArgs', () => {
  it('defaults to no data dir, port 0 (any free port) and the bundled renderer', () => {
    expect(parseHostArgs([])).toEqual({ dataDir: null, port: 0, rendererDir: null });
  });

  it('reads --data-dir X and --data-dir=X (keeping spaces and Vietnamese letters)', () => {
    expect(parseHostArgs(['--data-dir', '/srv/Dữ liệu ANTQ']).dataDir).toBe('/srv/Dữ liệu ANTQ');
    expect(parseHostArgs(['--data-dir=/srv/antq']).dataDir).toBe('/srv/antq');
    expect(parseHostArgs(['--data-dir=/srv/a=b']).dataDir).toBe('/srv/a=b');
  });

  it('reads --renderer and all flags together', () => {
    expect(parseHostArgs(['--port', '8080', '--data-dir=/d', '--renderer', '/r'])).toEqual({
      dataDir: '/d',
      port: 8080,
      rendererDir: '/r',
    });
  });

  it.each([
    [['--port', '0'], 0],
    [['--port', '1'], 1],
    [['--port', '8080'], 8080],
    [['--port=65535'], 65535],
  ])('accepts %j', (argv, port) => {
    expect(parseHostArgs(argv).port).toBe(port);
  });

  it.each([['-1'], ['65536'], ['70000'], ['1.5'], ['abc'], ['8080abc'], ['NaN'], ['Infinity']])(
    'refuses --port %s with a Vietnamese error',
    (value) => {
      expect(() => parseHostArgs(['--port', value])).toThrow('Cổng (--port) không hợp lệ.');
      expect(() => parseHostArgs([`--port=${value}`])).toThrow('Cổng (--port) không hợp lệ.');
    },
  );

  it('refuses a flag without its value with a Vietnamese error', () => {
    for (const argv of [['--port'], ['--port='], ['--data-dir'], ['--data-dir='], ['--renderer']]) {
      let message = '';
      try {
        parseHostArgs(argv);
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message, argv.join(' ')).toMatch(/^Thiếu giá trị cho tham số --/);
      expect(isVietnameseMessage(message)).toBe(true);
    }
  });

  it('lets the last occurrence win', () => {
    expect(parseHostArgs(['--port', '1', '--port=2']).port).toBe(2);
  });
});
