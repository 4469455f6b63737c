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
import { resolveStaticPath, serveStatic, textReply, type PathApi, type ReadFileFn } from '../static/files';
import { STATIC_TEXTS } from '../static/texts';

export { mimeTypeFor, type ReadFileFn } from '../static/files';

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
    onBeforeRequest(listener: (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void): void;
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

/**
 * Maps an `app://antq/…` URL to a file inside `rootDir`, or null when the URL is not ours or tries
 * to leave the folder (the path rules are the shared ones of electron/static/files.ts).
 */
export function resolveAppPath(rootDir: string, rawUrl: string, pathApi: PathApi = path): string | null {
  const match = APP_URL_PATTERN.exec(rawUrl);
  if (!match) return null;
  return resolveStaticPath(rootDir, match[1] ?? '/', pathApi);
}

/**
 * The `protocol.handle` callback: GET/HEAD of files under `rootDir` only, through the shared
 * static-file server; a URL that is not app://antq/… is refused before any path is looked at.
 */
export function createAppRequestHandler(
  rootDir: string,
  read: ReadFileFn = readFile,
): (request: { url: string; method: string }) => Promise<Response> {
  return async (request) => {
    const method = request.method.toUpperCase();
    const match = APP_URL_PATTERN.exec(request.url);
    // serveStatic answers a wrong method with 405 first, whatever the URL (as before the move).
    const reply = match
      ? await serveStatic(rootDir, method, match[1] ?? '/', read)
      : method === 'GET' || method === 'HEAD'
        ? textReply(403, STATIC_TEXTS.forbidden)
        : await serveStatic(rootDir, method, '/', read);
    const body = reply.body === null ? null : typeof reply.body === 'string' ? reply.body : new Uint8Array(reply.body);
    return new Response(body, { status: reply.status, headers: new Headers(reply.headers) });
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
