/**
 * Serves the built renderer (dist/renderer) from the privileged custom scheme `app://antq/…`, and
 * owns what "the app origin" means for the rest of electron/main (window hardening, IPC sender
 * checks, the network block).
 *
 * Why a custom scheme rather than file://: file:// pages share one opaque origin with every file on
 * the disk, cannot be given response headers (so no CSP header), and make `fetch`/module loading
 * behave differently from the web host. A standard + secure scheme gives the renderer a real origin
 * (`app://antq`) that we can check senders and navigations against.
 *
 * No value import of 'electron': the Electron objects come in as parameters so Vitest can pass
 * fakes (architecture.md §5).
 */
import type { CustomScheme } from 'electron';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../backend/csp';

export const APP_SCHEME = 'app';
export const APP_HOST = 'antq';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * standard: relative URLs, a real origin and localStorage work as on https;
 * secure: the page counts as a secure context (crypto.randomUUID, clipboard…);
 * supportFetchAPI: the renderer may fetch its own bundled JSON.
 * Nothing else (no bypassCSP, no corsEnabled, no service workers): none is needed.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

/** The part of Electron's `protocol` module used here; the real module satisfies it. */
export interface ProtocolLike {
  registerSchemesAsPrivileged(customSchemes: CustomScheme[]): void;
  handle(scheme: string, handler: (request: Request) => Promise<Response>): void;
}

/** The part of an Electron `Session` used to block network requests. */
export interface RequestFilterSession {
  webRequest: {
    onBeforeRequest(
      listener: (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void,
    ): void;
  };
}

/**
 * The origin of a URL as Chromium sees it for our standard scheme. Node's URL reports the origin
 * of every non-special scheme as the string "null", so we build `scheme://host[:port]` ourselves.
 * Returns null for unparsable URLs, URLs without a host, and URLs carrying credentials (there is
 * no legitimate reason for them here, and they are a common spoofing trick).
 */
export function originOf(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.username !== '' || u.password !== '') return null;
  if (u.host === '') return null;
  return `${u.protocol.toLowerCase()}//${u.host.toLowerCase()}`;
}

/** True when the URL belongs to the app's own origin. */
export function isAppUrl(url: string): boolean {
  return originOf(url) === APP_ORIGIN;
}

/**
 * Matches the raw request URL: scheme and host exactly (case-insensitive), no credentials, no
 * port, then the path up to the query or fragment. We parse the raw text ourselves rather than
 * through `new URL`, because URL parsing silently folds `..` and `%2e%2e` segments away; we want
 * to see them and refuse the request outright, not guess what the caller meant.
 */
const APP_URL_PATTERN = /^app:\/\/antq(\/[^?#]*)?(?:[?#][\s\S]*)?$/i;

/** Segment characters that mean something to a file system (separators, drives, streams, NUL). */
const FORBIDDEN_SEGMENT_CHARS = /[\\/:\u0000-\u001f]/;

type PathApi = Pick<typeof path, 'resolve' | 'relative' | 'isAbsolute' | 'sep'>;

/**
 * Maps an `app://antq/…` URL to a file inside `rootDir`, or null when the URL is not ours or tries
 * to leave the folder. Every segment is percent-decoded once and refused if it is `.`/`..` (raw or
 * encoded), ends in a dot or space (Windows strips those, so `.. ` would become `..`), or holds a
 * separator, drive colon or control character. The result is then checked to be inside `rootDir`
 * as a last line of defence. `pathApi` lets tests exercise Windows rules (`path.win32`) on Linux.
 */
export function resolveAppPath(rootDir: string, rawUrl: string, pathApi: PathApi = path): string | null {
  const match = APP_URL_PATTERN.exec(rawUrl);
  if (!match) return null;
  const rawPath = match[1] ?? '/';
  const rawSegments = rawPath.split('/');
  const segments: string[] = [];
  for (const raw of rawSegments) {
    if (raw === '') continue;
    let decoded: string;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (/^\.+$/.test(decoded)) return null;
    if (decoded.endsWith('.') || decoded.endsWith(' ')) return null;
    if (FORBIDDEN_SEGMENT_CHARS.test(decoded)) return null;
    segments.push(decoded);
  }
  // A directory URL (`/` or `/x/`) means its index.html, as a static web server would serve.
  if (segments.length === 0 || rawPath.endsWith('/')) segments.push('index.html');

  const root = pathApi.resolve(rootDir);
  const resolved = pathApi.resolve(root, ...segments);
  const rel = pathApi.relative(root, resolved);
  if (rel === '' || rel === '..' || rel.startsWith(`..${pathApi.sep}`) || pathApi.isAbsolute(rel)) return null;
  return resolved;
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/** The Content-Type for a file name; unknown types are served as opaque bytes (never sniffed). */
export function mimeTypeFor(filePath: string): string {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/** Headers sent on every response, errors included, so no page of ours ever runs without the CSP. */
function securityHeaders(contentType: string): Headers {
  return new Headers({
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    // The files change only when the app is updated; no-cache avoids a stale UI after an update.
    'Cache-Control': 'no-cache',
  });
}

function textResponse(status: number, text: string, extra: Record<string, string> = {}): Response {
  const headers = securityHeaders('text/plain; charset=utf-8');
  for (const [k, v] of Object.entries(extra)) headers.set(k, v);
  return new Response(text, { status, headers });
}

function isNotFound(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR';
}

export type ReadFileFn = (filePath: string) => Promise<Uint8Array>;

/**
 * The `protocol.handle` callback: GET/HEAD of files under `rootDir` only. An extension-less path
 * that does not exist falls back to index.html, so a reload on a client-side route still loads the
 * app instead of a blank error page.
 */
export function createAppRequestHandler(
  rootDir: string,
  read: ReadFileFn = readFile,
): (request: { url: string; method: string }) => Promise<Response> {
  return async (request) => {
    const method = request.method.toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') {
      return textResponse(405, 'Phương thức không được hỗ trợ.', { Allow: 'GET, HEAD' });
    }
    const filePath = resolveAppPath(rootDir, request.url);
    if (filePath === null) return textResponse(403, 'Không được phép truy cập.');

    const tryRead = async (p: string): Promise<Response | null> => {
      try {
        const body = await read(p);
        const headers = securityHeaders(mimeTypeFor(p));
        headers.set('Content-Length', String(body.byteLength));
        // Copy into a fresh ArrayBuffer-backed array: Response wants ArrayBuffer, not ArrayBufferLike.
        return new Response(method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
      } catch (err) {
        if (isNotFound(err)) return null;
        throw err;
      }
    };

    try {
      const found = await tryRead(filePath);
      if (found) return found;
      if (path.extname(filePath) === '') {
        const index = resolveAppPath(rootDir, APP_INDEX_URL);
        const fallback = index === null ? null : await tryRead(index);
        if (fallback) return fallback;
      }
      return textResponse(404, 'Không tìm thấy tệp.');
    } catch {
      return textResponse(500, 'Không đọc được tệp của ứng dụng.');
    }
  };
}

/** Must run before the app's `ready` event: Chromium fixes scheme privileges at start-up. */
export function registerAppSchemePrivileges(protocol: Pick<ProtocolLike, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
}

/** Serves `rendererDir` on app://antq/ (call after `ready`). */
export function handleAppProtocol(protocol: Pick<ProtocolLike, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(rendererDir));
}

/** Schemes that never touch the network: in-memory data, the app itself, Chromium's own devtools. */
const LOCAL_SCHEMES = new Set(['data:', 'blob:', 'devtools:', 'about:']);

/** True for requests that stay on this machine; everything else is cancelled. */
export function isAllowedRequestUrl(url: string): boolean {
  if (isAppUrl(url)) return true;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  return LOCAL_SCHEMES.has(u.protocol.toLowerCase());
}

/**
 * The app must work on machines without Internet and must not leak anything: cancel every request
 * that is not for the app's own files, whatever asked for it (page, worker, a forgotten dependency).
 * The CSP already forbids it in the page; this is the second wall, at the session.
 */
export function blockRemoteRequests(session: RequestFilterSession): void {
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequestUrl(details.url) });
  });
}
