// The benches' one way to load the app's backend code: esbuild bundles the named exports from
// source (TypeScript) into node_modules/.cache/antq-bench/<name>-<checkout>-backend.mjs (inside the
// project so that better-sqlite3 resolves from the bundle; <checkout> is a hash of the project's path,
// so that worktrees sharing one node_modules never import each other's bundle) and the bench imports
// the bundle.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createHash } from 'node:crypto';
import { build } from 'esbuild';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Bundles `contents` (export lines, paths relative to the project root) and imports the result. */
export async function bundleBackend(name, contents) {
  const cacheDir = path.join(ROOT, 'node_modules', '.cache', 'antq-bench');
  fs.mkdirSync(cacheDir, { recursive: true });
  const checkout = createHash('sha256').update(ROOT).digest('hex').slice(0, 8);
  const bundleFile = path.join(cacheDir, `${name}-${checkout}-backend.mjs`);
  await build({
    stdin: { contents, resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    outfile: bundleFile,
    // esbuild: the read-only worker's bundle is built from source on first use (db/reader.ts).
    external: ['electron', 'better-sqlite3', 'esbuild'],
    logLevel: 'error',
    logOverride: { 'empty-import-meta': 'silent' },
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  return import(pathToFileURL(bundleFile).href);
}

/** The benches' Quản trị account (issue 15: every call needs a session); scrypt at test cost. */
export const BENCH_ADMIN = { username: 'quantri', displayName: 'Trần Văn Quản', password: 'QuanTri2026!' };
const BENCH_PASSWORD_COST = { N: 2 ** 10, r: 8, p: 1, keyLength: 64 };

/** Sets up the account on a new folder, or logs in with it on a cached one. */
async function benchLogin(backend) {
  const status = await backend.dispatch('auth.status', {});
  if (!status.ok) throw new Error(`auth.status: ${status.error.message}`);
  const r = status.value.setUp
    ? await backend.dispatch('auth.login', { username: BENCH_ADMIN.username, password: BENCH_ADMIN.password })
    : await backend.dispatch('auth.setup', BENCH_ADMIN);
  if (!r.ok) throw new Error(`bench login: ${r.error.message}`);
}

/**
 * Opens the bundled backend (`app` from bundleBackend) on a data folder with the clock fixed at
 * `now`, and a `call(method, input)` that returns the value or throws the Vietnamese message.
 * `options`: more of the backend's options (a bench leg's `frozenForm`).
 */
export async function openBenchBackend(app, dataDir, now, options = {}) {
  const backend = await app.openBackend({
    ...options,
    dataDir,
    shell: 'web',
    appVersion: 'bench',
    now: () => new Date(now),
    cataloguePath: path.join(ROOT, 'resources', 'catalogue', 'admin-units.json'),
    testPasswordCost: BENCH_PASSWORD_COST,
    // An idle clock that never moves: a long bench step never finds the session locked.
    idleClock: () => 0,
  });
  await benchLogin(backend);
  // A copy whose lists' keys are missing (an older cache) has them computed after the open: timed legs start after.
  await backend.listKeysSettled?.();
  const call = async (method, input) => {
    const r = await backend.dispatch(method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.message} ${JSON.stringify(r.error.details ?? {})}`);
    return r.value;
  };
  return { backend, call };
}

/** The middle value of a list of timings (the upper middle for an even count). */
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** `office.setup` for Công an huyện Gia Viễn (Ninh Bình, before 2025) with its communes from the catalogue. */
export const GIA_VIEN_SETUP = {
  level: 'huyen',
  era: 'truoc_2025',
  provinceCode: '37',
  districtCode: '373',
  communeCode: null,
  name: 'Công an huyện Gia Viễn',
  code: '373',
  importChildren: true,
};
