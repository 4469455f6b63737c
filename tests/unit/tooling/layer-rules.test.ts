/**
 * The layer rules catch what they claim to: every probe in tests/layer-fixtures/tree breaks the
 * rule named on its `// expect:` line (dependency-cruiser) or `// expect-lint:` line (ESLint) and
 * nothing else, the `.allowed` files pass, and the real tree passes both checkers' layer rules.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const TREE = path.join(ROOT, 'tests/layer-fixtures/tree');
const DEPCRUISE = path.join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruiser.mjs');
const LAYERS = ['electron', 'renderer', 'shared', 'tests'];

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

function treeFiles(dir = TREE): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? treeFiles(full) : [path.relative(TREE, full).split(path.sep).join('/')];
  });
}

/** Rule names after `// <tag>:` on the file's first lines; [] for `pass` or no such line. */
function expected(file: string, tag: 'expect' | 'expect-lint'): string[] {
  const text = fs.readFileSync(path.join(TREE, file), 'utf8');
  const match = new RegExp(`^// ${tag}: (.+)$`, 'm').exec(text);
  if (!match?.[1] || match[1].trim() === 'pass') return [];
  return match[1]
    .split(',')
    .map((s) => s.trim())
    .sort();
}

function cruise(cwd: string, dirs: string[]): Violation[] {
  const args = [DEPCRUISE, '--config', path.join(ROOT, '.dependency-cruiser.cjs')];
  args.push('--ts-config', path.join(ROOT, 'tsconfig.tests.json'), '--output-type', 'json', ...dirs);
  let out: string;
  try {
    out = execFileSync(process.execPath, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } catch (err) {
    // Exit code 1 means "violations found"; the JSON is still on stdout.
    out = (err as { stdout: string }).stdout;
  }
  const result = JSON.parse(out) as { summary: { violations: Violation[] } };
  return result.summary.violations;
}

/** ESLint with the repository's config, types off (the probes are syntax rules), any path. */
function linter(): ESLint {
  return new ESLint({ cwd: ROOT, overrideConfig: [tseslint.configs.disableTypeChecked] });
}

describe('dependency-cruiser rules', () => {
  it('fails every probe with its own rule and passes the allowed files', () => {
    const violations = cruise(TREE, LAYERS);
    const files = treeFiles().filter((f) => /\.tsx?$/.test(f));
    expect(files.filter((f) => f.includes('.probe.')).length).toBeGreaterThanOrEqual(14);
    for (const file of files) {
      const got = [...new Set(violations.filter((v) => v.from === file).map((v) => v.rule.name))].sort();
      expect({ file, rules: got }).toEqual({ file, rules: expected(file, 'expect') });
    }
  }, 60_000);

  it('passes on the real tree', () => {
    const violations = cruise(ROOT, [...LAYERS, 'scripts']);
    expect(violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
  }, 60_000);
});

describe('ESLint house rules', () => {
  it('flags SQL outside repos/migrations and explicit any outside migrations, on each probe', async () => {
    const eslint = linter();
    const files = treeFiles().filter((f) => /\.tsx?$/.test(f));
    for (const file of files) {
      const text = fs.readFileSync(path.join(TREE, file), 'utf8');
      // The probe is linted as if it stood at the same place in the repository.
      const [result] = await eslint.lintText(text, { filePath: path.join(ROOT, file) });
      const got = [...new Set((result?.messages ?? []).map((m) => m.ruleId ?? m.message))].sort();
      expect({ file, rules: got }).toEqual({ file, rules: expected(file, 'expect-lint') });
    }
  }, 60_000);

  it('finds no SQL outside repos and migrations in the real backend', async () => {
    const eslint = new ESLint({
      cwd: ROOT,
      overrideConfig: [tseslint.configs.disableTypeChecked],
      ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-syntax',
    });
    const results = await eslint.lintFiles(['electron']);
    const found = results.flatMap((r) => r.messages.map((m) => `${path.relative(ROOT, r.filePath)}:${m.line} ${m.message}`));
    expect(found).toEqual([]);
  }, 120_000);
});
