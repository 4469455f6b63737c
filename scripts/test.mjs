// `npm test`: everything CI checks, in the order a failure is cheapest to find — types per layer,
// layer boundaries, lint (ESLint, then Prettier's check), unit tests, the build, then the
// end-to-end tests in Chromium against the built app. Ends with one line "N passed, N failed"
// over the unit and e2e tests.
//
// The three static checks (typecheck, layers, lint) are each one single-threaded process and do not
// depend on one another, so they run side by side (two cores: about the time of the longest, lint,
// instead of the sum); their output is held and printed whole when each ends, so logs do not
// interleave. Unit, build and e2e use every core themselves and run one after another.
import { spawn } from 'node:child_process';
import fs from 'node:fs';

fs.mkdirSync('.cache', { recursive: true });
const stages = [
  [
    { name: 'typecheck', cmd: ['node', 'scripts/typecheck.mjs'] },
    {
      name: 'layers',
      cmd: ['npx', 'depcruise', '--config', '.dependency-cruiser.cjs', 'electron', 'renderer', 'shared', 'tests', 'scripts'],
    },
    // ESLint (type-aware, zero warnings) and then `prettier --check`: see eslint.config.js.
    { name: 'lint', cmd: ['npm', 'run', '--silent', 'lint'] },
  ],
  [{ name: 'unit', cmd: ['npx', 'vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=.cache/vitest.json'] }],
  [{ name: 'build', cmd: ['node', 'scripts/build.mjs', '--quiet'] }],
  [
    {
      name: 'e2e',
      cmd: ['npx', 'playwright', 'test', '--reporter=list,json'],
      env: { PLAYWRIGHT_JSON_OUTPUT_NAME: '.cache/playwright.json' },
    },
  ],
];

/** Runs one step; alone it writes straight to the terminal, beside others its output is held until it ends. */
function run(step, alone) {
  return new Promise((resolve) => {
    const started = Date.now();
    if (alone) console.log(`\n=== ${step.name} ===`);
    const child = spawn(step.cmd[0], step.cmd.slice(1), {
      stdio: alone ? 'inherit' : ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...step.env },
    });
    const held = [];
    if (!alone) {
      child.stdout.on('data', (c) => held.push(c));
      child.stderr.on('data', (c) => held.push(c));
    }
    let ended = false;
    const finish = (status) => {
      if (ended) return;
      ended = true;
      if (!alone) {
        console.log(`\n=== ${step.name} ===`);
        process.stdout.write(Buffer.concat(held));
      }
      console.log(`=== ${step.name}: ${status === 0 ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
      resolve(status);
    };
    child.on('error', (err) => {
      held.push(Buffer.from(`${err.message}\n`));
      finish(1);
    });
    child.on('close', (code) => finish(code ?? 1));
  });
}

const only = process.argv.slice(2);
const failedSteps = [];
for (const stage of stages) {
  const steps = stage.filter((s) => !only.length || only.includes(s.name));
  if (!steps.length) continue;
  const statuses = await Promise.all(steps.map((s) => run(s, steps.length === 1)));
  steps.forEach((s, i) => statuses[i] !== 0 && failedSteps.push(s.name));
  // Later steps depend on the build; stop early when it is broken.
  if (failedSteps.includes('build')) break;
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
