// Builds everything `npm start` and the e2e tests run: the renderer (Vite), the Electron main and
// preload (CommonJS, as Electron's sandboxed preload requires), and the web host (ESM).
import { build as viteBuild } from 'vite';
import { build as esbuild } from 'esbuild';
import fs from 'node:fs';

const quiet = process.argv.includes('--quiet');
// --out DIR builds elsewhere than dist/ (parallel work on one checkout); it must stay inside the
// project so the host bundle still resolves node_modules.
const outIndex = process.argv.indexOf('--out');
const out = outIndex > 0 ? process.argv[outIndex + 1] : 'dist';
const started = Date.now();

await viteBuild({
  configFile: 'vite.config.ts',
  logLevel: quiet ? 'warn' : 'info',
  build: { outDir: `../${out}/renderer` },
});

const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  sourcemap: true,
  // esbuild: only reader.ts's fallback for unbundled runs imports it, never reached from dist/.
  external: ['electron', 'better-sqlite3', 'esbuild'],
  logLevel: 'warning',
  legalComments: 'none',
  // The catalogue loader probes import.meta.url and falls back when it is absent (CJS bundles).
  logOverride: { 'empty-import-meta': 'silent' },
};

fs.mkdirSync(`${out}/electron`, { recursive: true });
fs.mkdirSync(`${out}/host`, { recursive: true });
await Promise.all([
  esbuild({ ...common, entryPoints: ['electron/main/index.ts'], outfile: `${out}/electron/main.cjs`, format: 'cjs' }),
  esbuild({ ...common, entryPoints: ['electron/preload/index.ts'], outfile: `${out}/electron/preload.cjs`, format: 'cjs' }),
  esbuild({
    ...common,
    entryPoints: ['electron/host/main.ts'],
    outfile: `${out}/host/main.mjs`,
    format: 'esm',
    // Bundled CommonJS dependencies may call require(); give the ESM bundle one.
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  }),
  // The read-only SQL worker (electron/backend/db/reader.ts), beside each bundle that starts it.
  ...['electron', 'host'].map((dir) =>
    esbuild({
      ...common,
      entryPoints: ['electron/backend/db/reader-worker.ts'],
      outfile: `${out}/${dir}/reader-worker.cjs`,
      format: 'cjs',
    }),
  ),
]);
console.log(`build: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
