/**
 * The hostile-input run behind `npm run fuzz` (scripts/fuzz.mjs bundles and starts this file).
 * It opens a real backend on a temporary data folder (set up as Công an huyện Gia Viễn), sends
 * the generated bad inputs of tests/support/hostile-inputs.ts to EVERY contract method and the
 * hostile spreadsheet corpus to the Excel import, all in-process (no network at all), and
 * classifies each call: refused with a Vietnamese message, refused with a wording problem,
 * accepted (valid by the schema), accepted wrongly, or crashed (INTERNAL, a throw, or a hang).
 * A checksum of every table is taken before and after each call (recomputed whenever SQLite's
 * data_version says something was committed); a refused call must leave it unchanged. Bounded in calls and seconds; it stops by itself.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openBackend } from '../../electron/backend/index';
import { loginAsAdmin, TEST_PASSWORD_COST } from '../support/backend';
import { contract, type Method } from '../../shared/ipc/contract';
import { badInputs, TECHNICAL_TERMS, type Variant } from '../support/hostile-inputs';
import { HOSTILE_CASES } from '../corpus/xlsx/hostile';
import { GIA_VIEN_SETUP } from '../support/offices';

const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i;

interface Options {
  maxCalls: number;
  seconds: number;
  /** Only methods starting with this prefix (for a quick look at one area). */
  only: string;
  /** Also list the calls accepted as valid. */
  verbose: boolean;
  callTimeoutMs: number;
  catalogue: string;
}

function options(argv: string[]): Options {
  const num = (name: string, dflt: number) => {
    const i = argv.indexOf(name);
    const v = i >= 0 ? Number(argv[i + 1]) : dflt;
    return Number.isFinite(v) && v > 0 ? v : dflt;
  };
  return {
    maxCalls: num('--max-calls', 20_000),
    seconds: num('--seconds', 600),
    callTimeoutMs: num('--call-timeout-ms', 60_000),
    verbose: argv.includes('--verbose'),
    only: argv.includes('--only') ? String(argv[argv.indexOf('--only') + 1]) : '',
    catalogue: path.resolve('resources', 'catalogue', 'admin-units.json'),
  };
}

/** sha256 over every table's rows, in a stable order. */
function checksum(db: Database.Database): { all: string; tables: number } {
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as {
    name: string;
  }[];
  const all = crypto.createHash('sha256');
  for (const { name } of tables) {
    const rows = db
      .prepare(`SELECT * FROM "${name.replace(/"/g, '""')}"`)
      .raw()
      .all();
    const lines = rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v))).sort();
    all.update(`${name}\n${lines.join('\n')}\n`);
  }
  return { all: all.digest('hex'), tables: tables.length };
}

type Outcome = 'refused' | 'wording' | 'accepted' | 'acceptedWrongly' | 'crashed';

async function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([p, t]);
  } finally {
    clearTimeout(timer);
  }
}

async function main(): Promise<void> {
  const opts = options(process.argv.slice(2));
  const started = Date.now();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'antq-fuzz-'));
  const backend = await openBackend({
    dataDir,
    shell: 'web',
    appVersion: 'fuzz',
    cataloguePath: opts.catalogue,
    now: () => new Date('2026-11-22T03:00:00Z'),
    testPasswordCost: TEST_PASSWORD_COST,
  });
  await loginAsAdmin(backend);
  const log: string[] = [];
  const peek = new Database(backend.databasePath, { readonly: true, fileMustExist: true });
  try {
    const setup = await backend.dispatch('office.setup', GIA_VIEN_SETUP);
    if (!setup.ok) throw new Error(`office.setup failed: ${setup.error.message}`);

    const calls: { method: string; variant: Variant }[] = [];
    for (const method of (Object.keys(contract) as Method[]).filter((m) => m.startsWith(opts.only))) {
      for (const variant of badInputs(contract[method].input)) calls.push({ method, variant });
    }
    for (const c of 'xlsx.'.startsWith(opts.only) || opts.only.startsWith('xlsx') ? HOSTILE_CASES : []) {
      const input = { registry: 'unit_year_stats', fileBase64: c.build().toString('base64') };
      // Readable files with bad cells may be previewed; none may be committed.
      calls.push({ method: 'xlsx.preview', variant: { what: `corpus ${c.file}`, input, mustRefuse: c.refusal !== null } });
      calls.push({
        method: 'xlsx.commit',
        variant: { what: `corpus ${c.file}`, input, mustRefuse: c.file !== 'very-hidden-first-sheet.xlsx' },
      });
    }

    const counts: Record<Outcome, number> = { refused: 0, wording: 0, accepted: 0, acceptedWrongly: 0, crashed: 0 };
    let changedOnRefusal = 0;
    let done = 0;
    const first = checksum(peek);
    let before = first.all;
    let lastVersion = peek.pragma('data_version', { simple: true }) as number;
    const rssStart = process.memoryUsage().rss;
    let rssPeak = rssStart;
    let rssPeakCall = '';
    const slowest: { ms: number; call: string; rssMb: number }[] = [];
    for (const { method, variant } of calls) {
      if (done >= opts.maxCalls || Date.now() - started > opts.seconds * 1000) break;
      done++;
      let outcome: Outcome;
      let note = '';
      const callStarted = performance.now();
      try {
        const r = await withTimeout(backend.dispatch(method, variant.input), opts.callTimeoutMs);
        if (r === 'timeout') {
          outcome = 'crashed';
          note = 'no answer in time';
        } else if (r.ok) {
          outcome = variant.mustRefuse ? 'acceptedWrongly' : 'accepted';
        } else if (r.error.code === 'INTERNAL') {
          outcome = 'crashed';
          note = r.error.message;
        } else {
          const texts = [r.error.message, ...Object.values(r.error.details ?? {})];
          const bad = texts.find((t) => TECHNICAL_TERMS.test(t) || !VIETNAMESE.test(t));
          outcome = bad === undefined ? 'refused' : 'wording';
          note = bad ?? '';
        }
      } catch (err) {
        outcome = 'crashed';
        note = String(err);
      }
      const ms = performance.now() - callStarted;
      slowest.push({ ms, call: `${method} ${variant.what}`, rssMb: Math.round(process.memoryUsage().rss / 2 ** 20) });
      slowest.sort((a, b) => b.ms - a.ms);
      slowest.length = Math.min(slowest.length, 5);
      // data_version changes only when another connection committed: the full checksum is
      // recomputed then, and a refused call must not have changed it.
      const version = peek.pragma('data_version', { simple: true }) as number;
      const after = version === lastVersion ? before : checksum(peek).all;
      lastVersion = version;
      if (outcome !== 'accepted' && outcome !== 'acceptedWrongly' && after !== before) {
        changedOnRefusal++;
        log.push(`CHANGED ON REFUSAL ${method} ${variant.what}`);
      }
      before = after;
      counts[outcome]++;
      if (opts.verbose && outcome === 'accepted') log.push(`accepted ${method} ${variant.what}`);
      if (outcome !== 'refused' && outcome !== 'accepted' && log.length < 60)
        log.push(`${outcome.toUpperCase()} ${method} ${variant.what} ${note.slice(0, 160)}`);
      const rss = process.memoryUsage().rss;
      if (rss > rssPeak) {
        rssPeak = rss;
        rssPeakCall = `${method} ${variant.what}`;
      }
    }
    const last = checksum(peek);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`methods in the contract:          ${Object.keys(contract).length}`);
    console.log(`calls:                            ${done} of ${calls.length} generated (${seconds} s)`);
    console.log(`refused with Vietnamese messages: ${counts.refused}`);
    console.log(`refused, wording problem:         ${counts.wording}`);
    console.log(`accepted (valid by the schema):   ${counts.accepted}`);
    console.log(`accepted wrongly:                 ${counts.acceptedWrongly}`);
    console.log(`crashed (internal/throw/hang):    ${counts.crashed}`);
    console.log(`refused calls that changed data:  ${changedOnRefusal}`);
    console.log(`tables checksummed:               ${first.tables}`);
    console.log(`checksum before:                  ${first.all}`);
    console.log(`checksum after:                   ${last.all}${counts.accepted === 0 && last.all === first.all ? ' (equal)' : ''}`);
    console.log(
      `rss: start ${(rssStart / 2 ** 20).toFixed(0)} MB, peak ${(rssPeak / 2 ** 20).toFixed(0)} MB (reached after ${rssPeakCall})`,
    );
    console.log('slowest calls:');
    for (const c of slowest) console.log(`  ${(c.ms / 1000).toFixed(1).padStart(6)} s  rss after ${c.rssMb} MB  ${c.call}`);
    if (log.length > 0) console.log(`\nfindings (${log.length}):\n${log.join('\n')}`);
    process.exitCode = counts.acceptedWrongly + counts.crashed + changedOnRefusal + counts.wording > 0 ? 1 : 0;
  } finally {
    peek.close();
    backend.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
