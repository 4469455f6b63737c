/**
 * Layer rules of architecture.md §1, checked on every `npm test`:
 * renderer → shared; electron/backend → shared; electron/main → backend, shared;
 * preload → electron + shared/ipc only; nothing imports renderer (except the renderer's own unit
 * tests, which may load its pure .ts modules); only main and preload import 'electron'; tests never
 * load 'electron'. Inside shared: lib ← domain ← ipc (domain never sees the contract). Inside the
 * backend: handlers → services → repos → db, and the file layer (xlsx/, reports/) is called by
 * services, never the other way.
 *
 * Type-only imports count (tsPreCompilationDeps): a type imported across a layer couples the layers
 * as much as a value does, even if the compiler erases it.
 *
 * Every rule has a must-fail probe in tests/layer-fixtures/tree, run by
 * tests/unit/tooling/layer-rules.test.ts. Rule paths are written relative to the directory cruised
 * from, so the same rules apply to the probe tree.
 */

const BACKEND = '^electron/backend/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    // ---- shared -------------------------------------------------------------------------------
    {
      name: 'shared-is-pure',
      comment: 'shared/ is pure TypeScript: no Node, no DOM libraries, no database, no UI, no other layer.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { pathNot: ['^shared/', '^node_modules/zod/'] },
    },
    {
      name: 'shared-no-node-builtins',
      severity: 'error',
      from: { path: '^shared/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'shared-domain-not-ipc',
      comment: 'The domain is below the contract: the contract may use domain types, never the reverse.',
      severity: 'error',
      from: { path: '^shared/domain/' },
      to: { path: '^shared/ipc/' },
    },
    {
      name: 'shared-lib-is-bottom',
      comment: 'shared/lib (text, dates, ids) knows nothing of the domain or the contract.',
      severity: 'error',
      from: { path: '^shared/lib/' },
      to: { path: ['^shared/domain/', '^shared/ipc/'] },
    },
    // ---- renderer -----------------------------------------------------------------------------
    {
      name: 'renderer-only-shared',
      comment: 'The renderer reaches the backend only through the contract (shared/ipc), never by import, not even for a type.',
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
      comment: 'Only the renderer itself and its unit tests (tests/unit/renderer) may import renderer code.',
      severity: 'error',
      from: { pathNot: ['^renderer/', '^tests/unit/renderer/'] },
      to: { path: '^renderer/' },
    },
    {
      name: 'renderer-tests-pure-modules',
      comment: 'Renderer unit tests load pure .ts modules (models, hooks-free logic), not components.',
      severity: 'error',
      from: { path: '^tests/unit/renderer/' },
      to: { path: '^renderer/.*\\.tsx$' },
    },
    // ---- electron -----------------------------------------------------------------------------
    {
      name: 'only-main-and-preload-import-electron',
      comment: 'Vitest, the web host and the CLI must load the backend without the Electron binary.',
      severity: 'error',
      from: { pathNot: ['^electron/main/', '^electron/preload/'] },
      to: { path: '^node_modules/electron/' },
    },
    {
      name: 'backend-stays-below-main',
      severity: 'error',
      from: { path: BACKEND },
      to: { path: ['^electron/main/', '^electron/preload/', '^electron/host/'] },
    },
    {
      name: 'host-not-main',
      severity: 'error',
      from: { path: '^electron/host/' },
      to: { path: ['^electron/main/', '^electron/preload/'] },
    },
    {
      name: 'main-not-host',
      severity: 'error',
      from: { path: '^electron/main/' },
      to: { path: ['^electron/host/'] },
    },
    {
      name: 'preload-only-contract',
      comment: 'The preload is sandboxed: it may import electron and shared/ipc, nothing else (no domain, no Node).',
      severity: 'error',
      from: { path: '^electron/preload/' },
      to: { pathNot: ['^node_modules/electron/', '^shared/ipc/'] },
    },
    // ---- backend inner order: handlers → services → repos → db; services → xlsx ---------------
    {
      name: 'db-is-bottom',
      comment: 'db/ (open, schema, migrations) knows no repo, service, handler or file format.',
      severity: 'error',
      from: { path: `${BACKEND}db/` },
      to: { path: `${BACKEND}(repos|services|handlers|xlsx|reports)/` },
    },
    {
      name: 'repos-below-services',
      comment: 'Repositories are plain queries: they never call a service, a handler or a file format.',
      severity: 'error',
      from: { path: `${BACKEND}repos/` },
      to: { path: `${BACKEND}(services|handlers|xlsx|reports)/` },
    },
    {
      name: 'services-below-handlers',
      severity: 'error',
      from: { path: `${BACKEND}services/` },
      to: { path: `${BACKEND}handlers/` },
    },
    {
      name: 'file-layer-below-services',
      comment: 'xlsx and the file writers (reports/) are called by services, never the other way.',
      severity: 'error',
      from: { path: `${BACKEND}(xlsx|reports)/` },
      to: { path: `${BACKEND}(services|handlers)/` },
    },
    {
      name: 'file-libraries-only-in-file-layer',
      comment:
        'A service never imports a file-format library (exceljs; later docx, pptxgenjs): it calls electron/backend/xlsx or reports, which alone know them.',
      severity: 'error',
      from: { path: '^(electron|renderer|shared)/', pathNot: `${BACKEND}(xlsx|reports)/` },
      to: { path: '(^|/)node_modules/(exceljs|docx|pptxgenjs)/' },
    },
    {
      name: 'handlers-call-services',
      comment: 'A handler maps a contract method to a service call; it does not reach repos, db or files itself.',
      severity: 'error',
      from: { path: `${BACKEND}handlers/` },
      to: { path: `${BACKEND}(repos|db|xlsx|reports)/` },
    },
    // ---- tests --------------------------------------------------------------------------------
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
    // node_modules may be a symlink to a shared install: keep its paths as node_modules/….
    preserveSymlinks: true,
    // Type-only imports are dependencies too: see the header.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.tests.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    // The probes break every rule on purpose; tests/unit/tooling cruises them on their own.
    exclude: { path: ['^dist/', '^tests/layer-fixtures/'] },
  },
};
