/**
 * The local web host: serves the built renderer and the same dispatch over HTTP on 127.0.0.1, for
 * machines without the Electron binary and for the end-to-end tests.
 *
 * The per-launch token guards the API only, and travels only in the X-Antq-Token header: the page
 * reads it from the address fragment (`#token=…`, never sent to any server) and keeps it in the
 * tab's sessionStorage. No cookie: browsers do not separate cookies by port, so a cookie set here
 * would be sent to every other server on 127.0.0.1 the person follows a link to. The static files
 * hold no secret and need no token. Host and Origin are checked against DNS rebinding and
 * cross-site calls.
 */
import http from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { Dispatch } from '../backend/dispatch';
import { GENERIC_MESSAGES, type Result } from '../../shared/ipc/errors';
import { securityHeaders, serveStatic, textReply, type StaticReply } from '../static/files';
import { STATIC_TEXTS } from '../static/texts';

export const TOKEN_HEADER = 'x-antq-token';
// Large enough for a base64 Excel file of a whole province (the contract caps it at 64 MB of text).
const MAX_BODY_BYTES = 72 * 1024 * 1024;

/** The address the person opens: the token rides in the fragment, never in a request. */
export function launchUrl(port: number, token: string): string {
  return `http://127.0.0.1:${port}/#token=${token}`;
}

export interface HostOptions {
  dispatch: Dispatch;
  rendererDir: string;
  token: string;
}

function sameToken(given: string | null | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function sendReply(res: http.ServerResponse, reply: StaticReply): void {
  res.writeHead(reply.status, reply.headers);
  res.end(reply.body ?? undefined);
}

function sendJson(res: http.ServerResponse, status: number, body: Result<unknown>): void {
  res.writeHead(status, securityHeaders('application/json; charset=utf-8'));
  res.end(JSON.stringify(body));
}

const FORBIDDEN: Result<never> = { ok: false, error: { code: 'FORBIDDEN', message: GENERIC_MESSAGES.FORBIDDEN } };

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

function header(req: http.IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * Whether an API call may come from where it says. The Origin header, when present, must be
 * exactly one of our own origins (scheme, host and port, compared as whole strings: no prefix,
 * suffix or case games). A browser always sends Origin on a POST and marks its requests with
 * Sec-Fetch-Site; so a request carrying fetch metadata must also carry our Origin and be
 * same-origin. A client without either (a script holding the token) is judged by the token alone.
 */
export function isAllowedCaller(origin: string | undefined, fetchSite: string | undefined, allowedOrigins: ReadonlySet<string>): boolean {
  if (origin !== undefined && !allowedOrigins.has(origin)) return false;
  if (fetchSite !== undefined && (fetchSite !== 'same-origin' || origin === undefined)) return false;
  return true;
}

async function handleApi(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  rawPath: string,
  opts: HostOptions,
  allowedOrigins: ReadonlySet<string>,
): Promise<void> {
  if (!isAllowedCaller(header(req, 'origin'), header(req, 'sec-fetch-site'), allowedOrigins)) {
    sendJson(res, 403, FORBIDDEN);
    return;
  }
  if (req.method !== 'POST' || !sameToken(header(req, TOKEN_HEADER), opts.token)) {
    sendJson(res, 403, FORBIDDEN);
    return;
  }
  const body = await readBody(req, MAX_BODY_BYTES);
  if (body === 'too_large') {
    sendJson(res, 413, { ok: false, error: { code: 'VALIDATION', message: 'Dữ liệu gửi lên quá lớn.' } });
    return;
  }
  let input: unknown;
  try {
    input = body.length ? JSON.parse(body.toString('utf8')) : {};
  } catch {
    sendJson(res, 400, { ok: false, error: { code: 'VALIDATION', message: GENERIC_MESSAGES.VALIDATION } });
    return;
  }
  let method: string;
  try {
    method = decodeURIComponent(rawPath.slice('/api/'.length));
  } catch {
    sendJson(res, 400, { ok: false, error: { code: 'UNKNOWN_METHOD', message: GENERIC_MESSAGES.UNKNOWN_METHOD } });
    return;
  }
  sendJson(res, 200, await opts.dispatch(method, input));
}

export function createHostServer(opts: HostOptions): http.Server {
  const server = http.createServer((req, res) => {
    void (async () => {
      const port = (server.address() as { port: number } | null)?.port;
      const allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
      const host = header(req, 'host');
      if (host === undefined || !allowedHosts.has(host)) {
        sendReply(res, textReply(403, STATIC_TEXTS.forbidden));
        return;
      }
      // The raw request target, not a parsed URL: URL parsing folds `..` away, and the static
      // resolver wants to see (and refuse) it.
      const target = req.url ?? '/';
      if (!target.startsWith('/')) {
        sendReply(res, textReply(403, STATIC_TEXTS.forbidden));
        return;
      }
      const rawPath = target.split(/[?#]/, 1)[0]!;
      if (rawPath.startsWith('/api/')) {
        const allowedOrigins = new Set([...allowedHosts].map((h) => `http://${h}`));
        await handleApi(req, res, rawPath, opts, allowedOrigins);
        return;
      }
      sendReply(res, await serveStatic(opts.rendererDir, req.method ?? 'GET', rawPath));
    })().catch((err: unknown) => {
      console.error('host: request failed', err);
      if (!res.headersSent) sendReply(res, textReply(500, STATIC_TEXTS.internal));
      else res.end();
    });
  });
  return server;
}
