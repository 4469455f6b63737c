/**
 * The local web host: serves the built renderer and the same dispatch over HTTP on 127.0.0.1, for
 * machines without the Electron binary and for the end-to-end tests. A random per-launch token
 * guards both the page and the API; Host and Origin are checked against DNS rebinding.
 */
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { timingSafeEqual } from 'node:crypto';
import type { Dispatch } from '../backend/dispatch';
import { GENERIC_MESSAGES, type Result } from '../../shared/ipc/errors';

export const TOKEN_HEADER = 'x-antq-token';
// Large enough for a base64 Excel file of a whole province (the contract caps it at 64 MB of text).
const MAX_BODY_BYTES = 72 * 1024 * 1024;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.json': 'application/json; charset=utf-8',
};

export interface HostOptions {
  dispatch: Dispatch;
  rendererDir: string;
  token: string;
  csp: string;
}

function sameToken(given: string | null | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Resolves a URL path inside the renderer folder, or null if it would escape it. */
export function resolveStatic(rendererDir: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const root = path.resolve(rendererDir);
  const target = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  if (target !== root && !target.startsWith(root + path.sep)) return null;
  return target;
}

function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer, csp: string): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

function sendJson(res: http.ServerResponse, status: number, body: Result<unknown>, csp: string): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(body), csp);
}

/**
 * Collects a request body up to `max` bytes. Past the limit the rest is read and dropped (not cut
 * off), so the client still receives the 413 answer instead of a broken connection.
 */
function readBody(req: http.IncomingMessage, max: number): Promise<Buffer | 'too_large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= max) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > max ? 'too_large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return null;
}

const REFUSED_PAGE = `<!doctype html><html lang="vi"><meta charset="utf-8"><title>Không có quyền truy cập</title>
<body style="font-family: sans-serif; padding: 2rem"><h1>Không có quyền truy cập</h1>
<p>Hãy mở đúng địa chỉ (có mã truy cập) mà lệnh <code>npm start</code> đã in ra.</p></body></html>`;

export function createHostServer(opts: HostOptions): http.Server {
  const { dispatch, rendererDir, token, csp } = opts;

  const server = http.createServer((req, res) => {
    void (async () => {
      const port = (server.address() as { port: number } | null)?.port;
      const allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
      if (!req.headers.host || !allowedHosts.has(req.headers.host)) {
        send(res, 403, 'text/plain; charset=utf-8', 'Forbidden', csp);
        return;
      }
      const url = new URL(req.url ?? '/', `http://${req.headers.host}`);

      if (url.pathname.startsWith('/api/')) {
        const origin = req.headers.origin;
        if (origin !== undefined && !allowedHosts.has(origin.replace(/^http:\/\//, ''))) {
          sendJson(res, 403, { ok: false, error: { code: 'FORBIDDEN', message: GENERIC_MESSAGES.FORBIDDEN } }, csp);
          return;
        }
        const given = req.headers[TOKEN_HEADER];
        if (req.method !== 'POST' || !sameToken(Array.isArray(given) ? given[0] : given, token)) {
          sendJson(res, 403, { ok: false, error: { code: 'FORBIDDEN', message: GENERIC_MESSAGES.FORBIDDEN } }, csp);
          return;
        }
        const body = await readBody(req, MAX_BODY_BYTES);
        if (body === 'too_large') {
          sendJson(res, 413, { ok: false, error: { code: 'VALIDATION', message: 'Dữ liệu gửi lên quá lớn.' } }, csp);
          return;
        }
        let input: unknown;
        try {
          input = body.length ? JSON.parse(body.toString('utf8')) : {};
        } catch {
          sendJson(res, 400, { ok: false, error: { code: 'VALIDATION', message: GENERIC_MESSAGES.VALIDATION } }, csp);
          return;
        }
        let method: string;
        try {
          method = decodeURIComponent(url.pathname.slice('/api/'.length));
        } catch {
          sendJson(res, 400, { ok: false, error: { code: 'UNKNOWN_METHOD', message: GENERIC_MESSAGES.UNKNOWN_METHOD } }, csp);
          return;
        }
        sendJson(res, 200, await dispatch(method, input), csp);
        return;
      }

      if (req.method !== 'GET' && req.method !== 'HEAD') {
        send(res, 405, 'text/plain; charset=utf-8', 'Method Not Allowed', csp);
        return;
      }
      // The page itself needs the token; the bundled assets it loads are not secret.
      // Whether this is the page is decided on the resolved file, so no other spelling of the path
      // (%69ndex.html, /assets/..%2findex.html) reaches index.html without the token.
      const file = resolveStatic(rendererDir, url.pathname === '/' ? '/index.html' : url.pathname);
      const isPage = file !== null && file === path.resolve(rendererDir, 'index.html');
      // The renderer removes the token from the address bar; a cookie (per port, HttpOnly, strict)
      // lets the person reload the page. The API still requires the token in a header.
      const cookieName = `antq_token_${port}`;
      const fromQuery = sameToken(url.searchParams.get('token'), token);
      if (isPage && !fromQuery && !sameToken(readCookie(req.headers.cookie, cookieName), token)) {
        send(res, 403, 'text/html; charset=utf-8', REFUSED_PAGE, csp);
        return;
      }
      if (isPage && fromQuery) {
        res.setHeader('Set-Cookie', `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`);
      }
      if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
        send(res, 404, 'text/plain; charset=utf-8', 'Not Found', csp);
        return;
      }
      send(res, 200, MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream', fs.readFileSync(file), csp);
    })().catch((err: unknown) => {
      console.error('host: request failed', err);
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Internal Server Error', csp);
      else res.end();
    });
  });
  return server;
}
