import os from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Pure tests (shared/, renderer/, the bench helpers, the tooling rule): no database, no files, no
 * mocks, no module-level state they change. They share their workers' loaded modules
 * (isolate: false) instead of starting a fresh process with a fresh module graph per file.
 */
const PURE = [
  'tests/unit/shared/**/*.test.ts',
  'tests/unit/renderer/**/*.test.ts',
  'tests/unit/bench/**/*.test.ts',
  'tests/unit/tooling/**/*.test.ts',
];

export default defineConfig({
  test: {
    environment: 'node',
    pool: 'forks',
    testTimeout: 20_000,
    // Vitest's default in a run is one worker fewer than the cores: on the two-core CI machine that
    // is ONE worker. The tests are independent (each backend test opens its own temporary folder),
    // so use every core.
    maxWorkers: os.availableParallelism(),
    projects: [
      { extends: true, test: { name: 'pure', include: PURE, isolate: false } },
      { extends: true, test: { name: 'backend', include: ['tests/unit/**/*.test.ts'], exclude: [...configDefaults.exclude, ...PURE] } },
    ],
  },
});
