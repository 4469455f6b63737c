// `npm test`: everything CI checks, in the order a failure is cheapest to find — types per layer,
// layer boundaries, lint (ESLint, then Prettier's check), unit tests, the build, then the
// end-to-end tests in Chromium against the built app. Ends with one line "N passed, N failed"
// over the unit and e2e tests.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

fs.mkdirSync('.cache', { recursive: true });
const steps = [
  { name: 'typecheck', cmd: ['node', 'scripts/typecheck.mjs'] },
  {
    name: 'layers',
    cmd: ['npx', 'depcruise', '--config', '.dependency-cruiser.cjs', 'electron', 'renderer', 'shared', 'tests', 'scripts'],
  },
  // ESLint (type-aware, zero warnings) and then `prettier --check`: see eslint.config.js.
  { name: 'lint', cmd: ['npm', 'run', '--silent', 'lint'] },
  { name: 'unit', cmd: ['npx', 'vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=.cache/vitest.json'] },
  { name: 'build', cmd: ['node', 'scripts/build.mjs', '--quiet'] },
  {
    name: 'e2e',
    cmd: ['npx', 'playwright', 'test', '--reporter=list,json'],
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: '.cache/playwright.json' },
  },
];

const only = process.argv.slice(2);
const failedSteps = [];
for (const step of steps) {
  if (only.length && !only.includes(step.name)) continue;
  console.log(`\n=== ${step.name} ===`);
  const started = Date.now();
  const r = spawnSync(step.cmd[0], step.cmd.slice(1), { stdio: 'inherit', env: { ...process.env, ...step.env } });
  console.log(`=== ${step.name}: ${r.status === 0 ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  if (r.status !== 0) failedSteps.push(step.name);
  // Later steps depend on the build; stop early when it is broken.
  if (r.status !== 0 && step.name === 'build') break;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}
let passed = 0;
let failed = 0;
const vitest = readJson('.cache/vitest.json');
if (vitest) {
  passed += vitest.numPassedTests ?? 0;
  failed += vitest.numFailedTests ?? 0;
}
const pw = readJson('.cache/playwright.json');
if (pw?.stats) {
  passed += pw.stats.expected ?? 0;
  failed += (pw.stats.unexpected ?? 0) + (pw.stats.flaky ?? 0);
}
fs.rmSync('.cache/vitest.json', { force: true });
fs.rmSync('.cache/playwright.json', { force: true });
if (failedSteps.length) console.log(`\nFailed steps: ${failedSteps.join(', ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failedSteps.length || failed ? 1 : 0);
