// Builds everything `npm start` and the e2e tests run: the renderer (Vite), the Electron main and
// preload (CommonJS, as Electron's sandboxed preload requires), and the web host (ESM).
import { build as viteBuild } from 'vite';
import { build as esbuild } from 'esbuild';
import fs from 'node:fs';

const quiet = process.argv.includes('--quiet');
const started = Date.now();

await viteBuild({ configFile: 'vite.config.ts', logLevel: quiet ? 'warn' : 'info' });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  sourcemap: true,
  external: ['electron', 'better-sqlite3'],
  logLevel: 'warning',
  legalComments: 'none',
  // The catalogue loader probes import.meta.url and falls back when it is absent (CJS bundles).
  logOverride: { 'empty-import-meta': 'silent' },
};

fs.mkdirSync('dist/electron', { recursive: true });
await Promise.all([
  esbuild({ ...common, entryPoints: ['electron/main/index.ts'], outfile: 'dist/electron/main.cjs', format: 'cjs' }),
  esbuild({ ...common, entryPoints: ['electron/preload/index.ts'], outfile: 'dist/electron/preload.cjs', format: 'cjs' }),
  esbuild({
    ...common,
    entryPoints: ['electron/host/main.ts'],
    outfile: 'dist/host/main.mjs',
    format: 'esm',
    // Bundled CommonJS dependencies may call require(); give the ESM bundle one.
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  }),
]);
console.log(`build: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
