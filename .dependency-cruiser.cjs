/**
 * Layer rules of architecture.md §1, checked on every `npm test`:
 * renderer → shared; electron/backend → shared; electron/main → backend, shared;
 * preload → electron + shared/ipc types; nothing imports renderer; only main and preload import
 * 'electron'; tests never load 'electron'.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'shared-is-pure',
      comment: 'shared/ is pure TypeScript: no Node, no DOM libraries, no database, no UI, no other layer.',
      severity: 'error',
      from: { path: '^shared/' },
      to: {
        pathNot: ['^shared/', '^node_modules/zod/'],
      },
    },
    {
      name: 'shared-no-node-builtins',
      severity: 'error',
      from: { path: '^shared/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'renderer-only-shared',
      comment: 'The renderer reaches the backend only through the contract (shared/ipc), never by import.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: ['^electron/', '^scripts/', '^tests/'] },
    },
    {
      name: 'renderer-no-node',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'nothing-imports-renderer',
      comment: "Renderer unit tests (tests/unit/renderer) test the renderer's pure modules.",
      severity: 'error',
      from: { pathNot: ['^renderer/', '^tests/unit/renderer/'] },
      to: { path: '^renderer/' },
    },
    {
      name: 'only-main-and-preload-import-electron',
      comment: "Vitest, the web host and the CLI must load the backend without the Electron binary.",
      severity: 'error',
      from: { pathNot: ['^electron/main/', '^electron/preload/'] },
      to: { path: '^node_modules/electron/' },
    },
    {
      name: 'backend-stays-below-main',
      severity: 'error',
      from: { path: '^electron/backend/' },
      to: { path: ['^electron/main/', '^electron/preload/', '^electron/host/'] },
    },
    {
      name: 'host-not-main',
      severity: 'error',
      from: { path: '^electron/host/' },
      to: { path: ['^electron/main/', '^electron/preload/'] },
    },
    {
      name: 'preload-only-contract',
      severity: 'error',
      from: { path: '^electron/preload/' },
      to: { pathNot: ['^node_modules/electron/', '^shared/ipc/', '^shared/'] },
    },
    {
      name: 'main-not-host',
      severity: 'error',
      from: { path: '^electron/main/' },
      to: { path: ['^electron/host/'] },
    },
    {
      name: 'tests-never-load-electron-entry',
      comment: 'electron/main/index.ts imports the electron module; tests use the factories with fakes.',
      severity: 'error',
      from: { path: '^tests/' },
      to: { path: ['^electron/main/index\\.ts$', '^electron/preload/index\\.ts$', '^node_modules/electron/'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports are erased by the compiler and do not load anything at run time.
    tsPreCompilationDeps: false,
    tsConfig: { fileName: 'tsconfig.tests.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    exclude: { path: ['^dist/'] },
  },
};
