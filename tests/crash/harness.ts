/**
 * The parent side of the crash proof (issue 15 item 5): prepares an office, bundles the child
 * (tests/crash/child.ts) for plain Node, then starts a fresh child per kill, SIGKILLs it at a
 * random moment (mostly while it writes, sometimes while it is still opening the file), and checks
 * the file each time: integrity_check, compound operations all-or-none, acknowledged writes there.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { build } from 'esbuild';
import { CATALOGUE_PATH, PROJECT_ROOT, startBackend } from '../support/backend';
import { GIA_VIEN_SETUP } from '../support/offices';
import { DATABASE_FILE } from '../../electron/backend/index';
import { CRASH_YEAR, FREEZER, lostFindings, mulberry32, parseAcks, partialFindings } from './ops';

export interface CrashTally {
  kills: number;
  corrupt: number;
  partial: number;
  lost: number;
  /** Acknowledged operations checked after the last kill. */
  acknowledged: number;
  /** Kills that landed before the child had opened the database. */
  duringStart: number;
  /** What went wrong, for the assertion message (first few). */
  findings: string[];
  seconds: number;
  /** Mean milliseconds from go to READY (opening the file), and of the parent's check after a kill. */
  meanStartMs: number;
  meanCheckMs: number;
}

export interface CrashRun {
  kills: number;
  seed: number;
  /** Longest random wait between READY and the kill. */
  maxDelayMs: number;
  /** Share of kills aimed at the opening of the database (0–60 ms after go, whether READY or not). */
  startShare: number;
  progress?: (done: number, tally: CrashTally) => void;
}

/** An office with a few areas to evaluate, frozen and unfrozen once (the seal key exists). Returns the unit for records. */
export async function prepareOffice(dataDir: string): Promise<string> {
  const t = await startBackend(dataDir);
  try {
    await t.call('office.setup', GIA_VIEN_SETUP);
    const units = await t.call('units.list', { includeEnded: false });
    const commune = units.find((u) => u.name === 'Xã Gia Hòa');
    if (!commune) throw new Error('Xã Gia Hòa not found');
    for (const name of ['Thôn Một', 'Thôn Hai', 'Thôn Ba', 'Thôn Bốn']) {
      await t.call('units.create', { parentId: commune.id, name, kind: 'thon', code: null, validFrom: '2020-01-01' });
    }
    await t.call('evaluation.freeze', { year: CRASH_YEAR, by: FREEZER, note: null });
    await t.call('evaluation.unfreeze', { year: CRASH_YEAR, reason: 'Chuẩn bị', by: FREEZER });
    return commune.id;
  } finally {
    t.close();
  }
}

/** The child as one CommonJS file; native and heavy packages stay external, found through NODE_PATH. */
export async function bundleChild(outDir: string): Promise<string> {
  const out = path.join(outDir, 'crash-child.cjs');
  await build({
    entryPoints: [path.join(PROJECT_ROOT, 'tests', 'crash', 'child.ts')],
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    outfile: out,
    external: ['better-sqlite3', 'exceljs', 'docx', 'pptxgenjs', 'esbuild'],
    logLevel: 'silent',
  });
  return out;
}

interface ChildEnd {
  ready: boolean;
  startMs: number;
  signal: NodeJS.Signals | null;
  code: number | null;
  stderr: string;
}

/** A child that has loaded its code and waits for "go" before it opens the database. */
interface WarmChild {
  child: ChildProcessWithoutNullStreams;
  loaded: Promise<void>;
  ended: Promise<ChildEnd>;
  onReady: (fn: () => void) => void;
  state: { ready: boolean; startMs: number; stderr: string };
}

function spawnWarm(script: string, args: string[]): WarmChild {
  const child = spawn(process.execPath, [script, ...args], {
    // The rule sets are found from the project folder, as when the app runs.
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      NODE_PATH: path.join(PROJECT_ROOT, 'node_modules'),
      NODE_COMPILE_CACHE: path.join(path.dirname(script), 'compile-cache'),
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const state = { ready: false, startMs: 0, stderr: '' };
  let readyFn: (() => void) | null = null;
  let out = '';
  let loadedFn: () => void = () => {};
  const loaded = new Promise<void>((resolve) => (loadedFn = resolve));
  let wentAt = 0;
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
    if (out.includes('LOADED')) loadedFn();
    if (!state.ready && out.includes('READY')) {
      state.ready = true;
      state.startMs = Date.now() - wentAt;
      readyFn?.();
    }
  });
  child.stderr.on('data', (c: Buffer) => (state.stderr += c.toString()));
  const ended = new Promise<ChildEnd>((resolve) =>
    child.on('exit', (code, signal) => {
      loadedFn();
      resolve({ ready: state.ready, startMs: state.startMs, signal, code, stderr: state.stderr });
    }),
  );
  return {
    child,
    loaded,
    ended,
    state,
    onReady: (fn) => {
      wentAt = Date.now();
      readyFn = fn;
    },
  };
}

/** Says go, then SIGKILLs at a random moment: while opening (startShare) or after READY. */
function goAndKill(w: WarmChild, random: () => number, run: CrashRun): Promise<ChildEnd> {
  const kill = () => w.child.kill('SIGKILL');
  const duringStart = random() < run.startShare;
  const delay = Math.floor(random() * (duringStart ? 60 : run.maxDelayMs));
  w.onReady(() => {
    if (!duringStart) setTimeout(kill, delay);
  });
  w.child.stdin.write('go\n');
  if (duringStart) setTimeout(kill, delay);
  return w.ended;
}

function check(file: string, ackLog: string, tally: CrashTally, backupDir: string): void {
  const acks = fs.existsSync(ackLog) ? parseAcks(fs.readFileSync(ackLog, 'utf8')) : [];
  tally.acknowledged = acks.length;
  // Opened as the next start of the app opens it (read-write: a left-over -wal is recovered).
  const db = new BetterSqlite3(file);
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') {
      tally.corrupt++;
      tally.findings.push(`kill ${tally.kills}: integrity_check ${String(integrity)}`);
      return;
    }
    const partial = partialFindings(db);
    if (partial.length > 0) tally.partial++;
    const lost = lostFindings(db, acks, backupDir);
    if (lost.length > 0) tally.lost++;
    for (const f of [...partial, ...lost].slice(0, 3)) tally.findings.push(`kill ${tally.kills}: ${f}`);
  } finally {
    db.close();
  }
}

export async function crashRun(workDir: string, run: CrashRun): Promise<CrashTally> {
  const started = Date.now();
  const dataDir = path.join(workDir, 'du-lieu');
  const unitId = await prepareOffice(dataDir);
  const script = await bundleChild(workDir);
  const ackLog = path.join(workDir, 'acks.log');
  const file = path.join(dataDir, DATABASE_FILE);
  const random = mulberry32(run.seed);
  const tally: CrashTally = {
    kills: 0,
    corrupt: 0,
    partial: 0,
    lost: 0,
    acknowledged: 0,
    duringStart: 0,
    findings: [],
    seconds: 0,
    meanStartMs: 0,
    meanCheckMs: 0,
  };
  let startSum = 0;
  let checkSum = 0;
  const argsFor = (k: number) => [dataDir, ackLog, String(run.seed * 100_000 + k), unitId, CATALOGUE_PATH];
  let next = spawnWarm(script, argsFor(1));
  try {
    for (let k = 1; k <= run.kills; k++) {
      const current = next;
      await current.loaded;
      // The next child loads its code while this one works (it opens nothing before its go).
      next = spawnWarm(script, argsFor(k + 1));
      const end = await goAndKill(current, random, run);
      if (end.signal !== 'SIGKILL') {
        tally.findings.push(`child ${k} ended by itself (code ${end.code}): ${end.stderr.slice(0, 500)}`);
        break;
      }
      tally.kills++;
      if (!end.ready) tally.duringStart++;
      else startSum += end.startMs;
      const t0 = Date.now();
      check(file, ackLog, tally, path.join(dataDir, 'sao-luu'));
      checkSum += Date.now() - t0;
      tally.meanStartMs = Math.round(startSum / Math.max(1, tally.kills - tally.duringStart));
      tally.meanCheckMs = Math.round(checkSum / tally.kills);
      if (tally.corrupt > 0) break;
      run.progress?.(k, tally);
    }
  } finally {
    next.child.kill('SIGKILL');
    await next.ended;
  }
  tally.seconds = Math.round((Date.now() - started) / 100) / 10;
  return tally;
}

export function formatTally(t: CrashTally): string {
  return (
    `kills ${t.kills} / corrupt ${t.corrupt} / partial ${t.partial} / lost ${t.lost}` +
    ` (acknowledged operations checked: ${t.acknowledged}; kills during start-up: ${t.duringStart};` +
    ` ${t.seconds} s, child start ${t.meanStartMs} ms, check ${t.meanCheckMs} ms on average)`
  );
}
