/**
 * The packaged app's hardening (issue 15 item 8), checked from the configuration without the
 * Electron binary: the fuses of electron-builder.yml, read with the YAML parser electron-builder
 * itself uses (js-yaml, a dependency of app-builder-lib) and checked against the installed
 * app-builder-lib's own schema (an unknown key would be refused there, or silently do nothing);
 * and the single-instance lock: its module with fake Electron objects, and main/index.ts's source
 * (parsed with TypeScript, never imported: it loads 'electron').
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import ts from 'typescript';
import { describe, expect, it, vi } from 'vitest';
import { claimSingleInstance, focusFirstWindow, type FocusableWindow } from '../../../electron/main/single-instance';
import { PROJECT_ROOT } from '../../support/backend';

vi.mock('electron', () => {
  throw new Error("tests must not load 'electron'");
});

const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };

interface BuilderConfig {
  asar?: boolean;
  asarUnpack?: string[];
  electronFuses?: Record<string, unknown>;
}

const config = yaml.load(fs.readFileSync(path.join(PROJECT_ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

describe('electron-builder fuses', () => {
  it('turns off RunAsNode, NODE_OPTIONS and inspect arguments; turns on cookie encryption, asar integrity and app-only-from-asar', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    // Loading only from app.asar, and checking its integrity, mean nothing without an asar.
    expect(config.asar).toBe(true);
    console.log(`fuses: ${JSON.stringify(config.electronFuses)}`);
  });

  it('uses only fuse names the installed electron-builder knows (its schema refuses others)', () => {
    const schemaFile = require.resolve('app-builder-lib/scheme.json');
    const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8')) as {
      definitions: Record<string, { properties: Record<string, { type: string }>; additionalProperties: boolean }>;
    };
    const fuses = schema.definitions['FuseOptionsV1']!;
    expect(fuses.additionalProperties).toBe(false);
    for (const [name, value] of Object.entries(config.electronFuses ?? {})) {
      expect(fuses.properties[name], `fuse ${name}`).toBeDefined();
      expect(typeof value).toBe(fuses.properties[name]!.type);
    }
    const version = (JSON.parse(fs.readFileSync(path.join(path.dirname(schemaFile), 'package.json'), 'utf8')) as { version: string })
      .version;
    console.log(`app-builder-lib ${version}: ${Object.keys(config.electronFuses ?? {}).length} fuses, all in its FuseOptionsV1`);
  });

  it('keeps the native SQLite module outside the asar (a .node file cannot be loaded from inside it)', () => {
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**');
  });
});

function fakeWindow(state: { minimized: boolean; visible: boolean }) {
  const calls: string[] = [];
  const win: FocusableWindow = {
    isMinimized: () => state.minimized,
    restore: () => calls.push('restore'),
    isVisible: () => state.visible,
    show: () => calls.push('show'),
    focus: () => calls.push('focus'),
  };
  return { win, calls };
}

function fakeApp(lockFree: boolean) {
  const listeners = new Map<string, () => void>();
  let requests = 0;
  return {
    app: {
      requestSingleInstanceLock: () => {
        requests++;
        return lockFree;
      },
      on: (event: 'second-instance', listener: () => void) => listeners.set(event, listener),
    },
    listeners,
    requests: () => requests,
  };
}

describe('single-instance lock', () => {
  it('the second launch is told to quit and registers nothing', () => {
    const second = fakeApp(false);
    expect(claimSingleInstance(second.app, () => null)).toBe(false);
    expect(second.requests()).toBe(1);
    expect(second.listeners.size).toBe(0);
  });

  it('the first instance, on a second launch, restores, shows and focuses its window', () => {
    const first = fakeApp(true);
    const { win, calls } = fakeWindow({ minimized: true, visible: false });
    let current: FocusableWindow | null = null;
    expect(claimSingleInstance(first.app, () => current)).toBe(true);
    // Before the window exists a second launch changes nothing (and does not throw).
    first.listeners.get('second-instance')!();
    expect(calls).toEqual([]);
    current = win;
    first.listeners.get('second-instance')!();
    expect(calls).toEqual(['restore', 'show', 'focus']);
  });

  it('a visible, not minimised window is only focused', () => {
    const { win, calls } = fakeWindow({ minimized: false, visible: true });
    focusFirstWindow(win);
    expect(calls).toEqual(['focus']);
  });
});

describe('main/index.ts (source, not loaded)', () => {
  const file = path.join(PROJECT_ROOT, 'electron', 'main', 'index.ts');
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);

  /** Start offsets of every call whose callee reads `name` (e.g. "app.whenReady"). */
  function callsOf(name: string): ts.CallExpression[] {
    const out: ts.CallExpression[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && node.expression.getText(source).replace(/\s+/g, '') === name) out.push(node);
      ts.forEachChild(node, visit);
    };
    visit(source);
    return out;
  }

  it('claims the single-instance lock before the app is ready, and quits and returns when refused', () => {
    const [claim] = callsOf('claimSingleInstance');
    expect(claim).toBeDefined();
    expect(claim!.arguments[0]!.getText(source)).toBe('app');
    const guard = claim!.parent;
    // if (!claimSingleInstance(app, ...)) { app.quit(); return; }
    expect(ts.isPrefixUnaryExpression(guard) && guard.operator === ts.SyntaxKind.ExclamationToken).toBe(true);
    const ifStatement = guard.parent;
    expect(ts.isIfStatement(ifStatement)).toBe(true);
    const body = (ifStatement as ts.IfStatement).thenStatement.getText(source).replace(/\s+/g, ' ');
    expect(body).toBe('{ app.quit(); return; }');
    // Every whenReady that opens the app comes after the claim (the one before it only reports bad arguments).
    const statementOf = (n: ts.Node): ts.Node => (ts.isExpressionStatement(n) || ts.isSourceFile(n) ? n : statementOf(n.parent));
    const opening = callsOf('app.whenReady').filter((c) => statementOf(c).getText(source).includes('.then(onReady)'));
    expect(opening.length).toBe(1);
    expect(opening[0]!.getStart(source)).toBeGreaterThan(claim!.getStart(source));
    // userData (where Electron keeps the lock) is moved into the data folder before the claim.
    const setPath = callsOf('app.setPath').find((c) => c.arguments[0]!.getText(source) === "'userData'");
    expect(setPath!.getStart(source)).toBeLessThan(claim!.getStart(source));
  });

  it('takes the data-folder lock before it opens the database', () => {
    const [lock] = callsOf('lockDataFolder');
    const [open] = callsOf('openBackend');
    expect(lock).toBeDefined();
    expect(open).toBeDefined();
    expect(lock!.getStart(source)).toBeLessThan(open!.getStart(source));
  });
});
