/**
 * Serving the built renderer's files: one module for the Electron `app://` protocol
 * (electron/main/protocol.ts) and the local web host (electron/host/server.ts), so both resolve
 * paths, pick MIME types and send security headers the same way.
 *
 * Imports: Node built-ins and ./csp only, so main and host can both use it without importing each
 * other or the backend.
 */
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { CONTENT_SECURITY_POLICY } from './csp';
import { STATIC_TEXTS } from './texts';

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

/** Segment characters that mean something to a file system (separators, drives, streams, NUL). */
const FORBIDDEN_SEGMENT_CHARS = new Set(['\\', '/', ':']);

/** A separator, drive colon or control character (U+0000–U+001F) anywhere in the segment. */
function hasForbiddenChar(segment: string): boolean {
  for (const ch of segment) {
    if (FORBIDDEN_SEGMENT_CHARS.has(ch) || ch.charCodeAt(0) < 0x20) return true;
  }
  return false;
}

export type PathApi = Pick<typeof path, 'resolve' | 'relative' | 'isAbsolute' | 'sep'>;

/**
 * Maps the raw path of a URL (the part before `?`/`#`, still percent-encoded) to a file inside
 * `rootDir`, or null when it tries to leave the folder. Every segment is percent-decoded once and
 * refused if it is `.`/`..` (raw or encoded), ends in a dot or space (Windows strips those, so `.. `
 * would become `..`), or holds a separator, drive colon or control character. We refuse rather than
 * normalise: a request that spells `..` is not a request we want to guess the meaning of. The result
 * is then checked to be inside `rootDir` as a last line of defence. A directory path (`/`, `/x/`)
 * means its index.html. `pathApi` lets tests exercise Windows rules (`path.win32`) on Linux.
 */
export function resolveStaticPath(rootDir: string, rawPath: string, pathApi: PathApi = path): string | null {
  const segments: string[] = [];
  for (const raw of rawPath.split('/')) {
    if (raw === '') continue;
    let decoded: string;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (/^\.+$/.test(decoded)) return null;
    if (decoded.endsWith('.') || decoded.endsWith(' ')) return null;
    if (hasForbiddenChar(decoded)) return null;
    segments.push(decoded);
  }
  if (segments.length === 0 || rawPath.endsWith('/')) segments.push('index.html');

  const root = pathApi.resolve(rootDir);
  const resolved = pathApi.resolve(root, ...segments);
  const rel = pathApi.relative(root, resolved);
  if (rel === '' || rel === '..' || rel.startsWith(`..${pathApi.sep}`) || pathApi.isAbsolute(rel)) return null;
  return resolved;
}

/** Headers sent on every response, errors included, so no page of ours ever runs without the CSP. */
export function securityHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    // The files change only when the app is updated; no-cache avoids a stale UI after an update.
    'Cache-Control': 'no-cache',
  };
}

/** What to answer, independent of how it is sent (an Electron Response or a Node ServerResponse). */
export interface StaticReply {
  status: number;
  headers: Record<string, string>;
  /** null for HEAD. */
  body: Uint8Array | string | null;
}

export function textReply(status: number, text: string, extra: Record<string, string> = {}): StaticReply {
  return { status, headers: { ...securityHeaders('text/plain; charset=utf-8'), ...extra }, body: text };
}

export type ReadFileFn = (filePath: string) => Promise<Uint8Array>;

function isNotFound(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR';
}

/**
 * GET/HEAD of a file under `rootDir`, given the raw URL path. An extension-less path that does not
 * exist falls back to index.html, so a reload on a client-side route still loads the app instead
 * of a blank error page. Never throws: an unreadable file is a 500.
 */
export async function serveStatic(rootDir: string, method: string, rawPath: string, read: ReadFileFn = readFile): Promise<StaticReply> {
  const verb = method.toUpperCase();
  if (verb !== 'GET' && verb !== 'HEAD') return textReply(405, STATIC_TEXTS.methodNotAllowed, { Allow: 'GET, HEAD' });
  const filePath = resolveStaticPath(rootDir, rawPath);
  if (filePath === null) return textReply(403, STATIC_TEXTS.forbidden);

  const tryRead = async (p: string): Promise<StaticReply | null> => {
    try {
      const body = await read(p);
      const headers = { ...securityHeaders(mimeTypeFor(p)), 'Content-Length': String(body.byteLength) };
      return { status: 200, headers, body: verb === 'HEAD' ? null : body };
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  };

  try {
    const found = await tryRead(filePath);
    if (found) return found;
    if (path.extname(filePath) === '') {
      const index = resolveStaticPath(rootDir, '/');
      const fallback = index === null ? null : await tryRead(index);
      if (fallback) return fallback;
    }
    return textReply(404, STATIC_TEXTS.notFound);
  } catch {
    return textReply(500, STATIC_TEXTS.unreadable);
  }
}
