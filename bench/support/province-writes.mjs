// Issue 16's write paths at province scale (bench/province.bench.mjs, and alone through
// bench/province-writes.bench.mjs): the Excel import of a 10.000-row and a 100.000-row propaganda
// file (preview + commit through dispatch, the two calls the import dialog makes) and
// activities.saveMany of 5.000 rows (the entry grid's save), each against raw prepared INSERTs of the
// very rows the app stored, on a fresh copy, in one transaction, with the app's pragmas.
//
// The propaganda table is first filled to the scale's row count (50.000, 500.000: "a table already
// holding 500k rows"): raw INSERTs of generated records of the app's shape into a cached copy of the
// province (.cache/bench/province-<PROVINCE_DATA>-<N>-propaganda), so the duplicate checks face that many rows.
//
// Per path: app and raw legs alternated, median and min–max, rows/s of each, speed ratio = raw time ÷
// app time (the issue's "≥ 0.2× raw inserts"), the resident memory sampled every 20 ms during the app
// leg (the import yields, so a timer runs), the process's peak (maxRSS), and the longest the event
// loop was held during the app leg (perf_hooks.monitorEventLoopDelay: the host answers nothing else
// for that long).
import fs from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import BetterSqlite3 from 'better-sqlite3';
import { ROOT, openBenchBackend } from './bundle.mjs';
import { NOW, PROVINCE_DATA } from './province.mjs';
import { SHARES, reseed, pick } from './activity-records.mjs';
import { n, sec, median, spread } from './figures.mjs';

/** What this module needs from the bundled backend (added to the bench's bundle). */
export const WRITES_EXPORTS = `
  export { writeWorkbook } from './electron/backend/xlsx/workbook.ts';
  export { UnitIndex } from './electron/backend/xlsx/unit-index.ts';
  export { activityColumns } from './electron/backend/services/xlsx-import/specs/activities.spec.ts';
  export { ACTIVITY_FIELDS } from './shared/domain/activities.ts';
  export { installTouchTriggers } from './electron/backend/repos/audit.repo.ts';
`;

const SAVE_MANY = 5_000;
// BENCH_IMPORT_ROWS=none: saveMany alone.
const IMPORT_SIZES = (process.env['BENCH_IMPORT_ROWS'] ?? '10k,100k')
  .split(',')
  .filter((s) => s.trim() !== '' && s.trim() !== 'none')
  .map((s) => Math.round(parseFloat(s) * (/k$/i.test(s) ? 1e3 : 1)));
const cpuMs = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

const mb = (bytes) => `${n(bytes / 1048576)} MB`;

const dbFile = (dir) =>
  path.join(
    dir,
    fs.readdirSync(dir).find((f) => f.endsWith('.db') || f.endsWith('.sqlite')),
  );

function openRaw(file) {
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  return db;
}

/**
 * The raw-insert baseline of every write path (this file's and bench/province.bench.mjs's Excel import
 * of organisations): prepared INSERTs of `rows` (objects keyed by column) into `table` of the database
 * file, one transaction, the app's pragmas; returns the time of the transaction alone.
 */
export function rawInsert(file, table, rows) {
  return rawInsertTimed(file, table, rows).ms;
}

/** rawInsert's transaction with its process CPU: { ms, cpu } (opening and closing the file not counted). */
export function rawInsertTimed(file, table, rows) {
  const db = openRaw(file);
  const columns = Object.keys(rows[0]);
  const stmt = db.prepare(
    `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
  );
  const values = rows.map((r) => columns.map((c) => r[c]));
  const t0 = performance.now();
  const c0 = cpuMs();
  db.transaction(() => {
    for (const v of values) stmt.run(v);
  })();
  const cpu = cpuMs() - c0;
  const took = performance.now() - t0;
  db.close();
  return { ms: took, cpu };
}

/**
 * The floor of an insert the audit log watches (issue 15 item 3): the audit's TEMP triggers installed
 * as the app installs them (each row noted in the transaction), the rows bound into a TEMP table and
 * moved by one INSERT … SELECT — the raw driver's cheapest way with a trigger on the table: a
 * prepared single-row INSERT would write each row's pages to a statement journal, since a statement
 * that fires a trigger needs one (docs/decisions.md (h16-writes)). The app computes the same rows' list
 * keys and checks on top of this. Returns { ms, cpu } of the transaction.
 */
export function rawAuditedInsertTimed(app, file, table, rows) {
  const db = openRaw(file);
  app.installTouchTriggers(db, () => null);
  const columns = Object.keys(rows[0]);
  const list = columns.map((c) => `"${c}"`).join(', ');
  db.exec(`CREATE TEMP TABLE bench_stage (${list})`);
  const stage = db.prepare(`INSERT INTO temp.bench_stage (${list}) VALUES (${columns.map(() => '?').join(', ')})`);
  const move = db.prepare(`INSERT INTO main."${table}" (${list}) SELECT ${list} FROM temp.bench_stage ORDER BY rowid`);
  const values = rows.map((r) => columns.map((c) => r[c]));
  const t0 = performance.now();
  const c0 = cpuMs();
  db.transaction(() => {
    for (const v of values) stage.run(v);
    move.run();
    db.exec('DELETE FROM temp.bench_stage');
  })();
  const cpu = cpuMs() - c0;
  const took = performance.now() - t0;
  db.close();
  return { ms: took, cpu };
}

const snake = (k) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** A generated propaganda record as a row of the table (booleans as 0/1, the app's stamps). */
function asRow(record, id) {
  const row = { id };
  for (const [k, v] of Object.entries(record)) row[snake(k)] = typeof v === 'boolean' ? (v ? 1 : 0) : v;
  return { ...row, created_at: NOW, updated_at: NOW, deleted_at: null };
}

/** The province with its propaganda table filled to `rows` rows (cached); returns the data folder. */
export async function paddedFolder(app, dir, rows, log = console.log) {
  const cache = path.join(ROOT, '.cache', 'bench', `province-${PROVINCE_DATA}-${rows}-propaganda`);
  const done = path.join(cache, 'done.json');
  if (fs.existsSync(done)) return path.join(cache, 'data');
  fs.rmSync(cache, { recursive: true, force: true });
  fs.mkdirSync(cache, { recursive: true });
  fs.cpSync(dir, path.join(cache, 'data'), { recursive: true });
  const o = await openBenchBackend(app, path.join(cache, 'data'), NOW);
  const communes = (await o.call('units.list', { includeEnded: false })).filter((u) => u.level === 'xa');
  o.backend.close();
  const db = openRaw(dbFile(path.join(cache, 'data')));
  const have = db.prepare('SELECT count(*) FROM propaganda_sessions').pluck().get();
  const t = performance.now();
  reseed(31_000_000);
  const make = SHARES.propaganda[1];
  let stmt = null;
  db.transaction(() => {
    for (let i = have; i < rows; i++) {
      const row = asRow(make(pick(communes).id), crypto.randomUUID());
      stmt ??= db.prepare(
        `INSERT INTO propaganda_sessions (${Object.keys(row).join(', ')}) VALUES (${Object.keys(row)
          .map(() => '?')
          .join(', ')})`,
      );
      stmt.run(Object.values(row));
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  log(`  province: propaganda table filled from ${n(have)} to ${n(rows)} rows in ${sec(performance.now() - t)}`);
  fs.writeFileSync(done, JSON.stringify({ rows, had: have }));
  return path.join(cache, 'data');
}

/** An Excel file of `count` new propaganda records, as an officer would fill the template (units by their export label). */
export async function propagandaFile(app, call, count, seed) {
  const units = await call('units.list', { includeEnded: false });
  const index = new app.UnitIndex(units);
  const communes = units.filter((u) => u.level === 'xa');
  const fields = app.ACTIVITY_FIELDS.propaganda;
  reseed(seed);
  const make = SHARES.propaganda[1];
  const rows = [];
  for (let i = 0; i < count; i++) {
    const unit = pick(communes);
    const r = make(unit.id);
    const out = { id: null };
    for (const f of fields) {
      const v = r[f.key];
      if (v === null || v === undefined) out[f.key] = null;
      else if (f.type === 'date') out[f.key] = `${v.slice(8, 10)}/${v.slice(5, 7)}/${v.slice(0, 4)}`;
      else if (f.type === 'enum') out[f.key] = f.options[v];
      else if (f.type === 'bool') out[f.key] = v ? 'Có' : 'Không';
      else if (f.type === 'unit') out[f.key] = index.label(unit);
      else out[f.key] = v;
    }
    rows.push(out);
  }
  const buffer = await app.writeWorkbook({
    title: 'Tuyên truyền, phát động',
    columns: app.activityColumns('propaganda'),
    rows,
    template: false,
  });
  return buffer.toString('base64');
}

/**
 * Runs `fn` while sampling RSS every 20 ms and watching the event loop; returns its value, time,
 * process CPU (the samplers' few timer turns included), peak RSS and longest block.
 */
async function watched(fn) {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  loop.enable();
  // The histogram's first sample is its baseline: prime it, so a block from the very start counts.
  await new Promise((r) => setTimeout(r, 30));
  loop.reset();
  const t0 = performance.now();
  const c0 = cpuMs();
  try {
    const value = await fn();
    const ms = performance.now() - t0;
    const cpu = cpuMs() - c0;
    // The last block ends when fn returns: let the 10 ms timer fire once more so the histogram records it.
    await new Promise((r) => setTimeout(r, 25));
    return { value, ms, cpu, peak: Math.max(peak, process.memoryUsage().rss), blockMs: loop.max / 1e6 };
  } finally {
    loop.disable();
    clearInterval(timer);
  }
}

/**
 * App and raw legs alternated; one table row with rows/s, the speed ratio (wall and CPU: on this shared
 * machine the CPU ratio is the steadier one), memory and the longest block. A leg returns { ms, cpu }.
 */
async function measureWrite(label, count, runs, appLeg, rawLeg, log, floorLeg = null) {
  const app = [];
  const raw = [];
  const appCpu = [];
  const baseCpu = [];
  const floor = [];
  const floorCpu = [];
  let peak = 0;
  let block = 0;
  let note = '';
  for (let i = 0; i < runs; i++) {
    const a = async () => {
      const r = await appLeg(i);
      app.push(r.ms);
      appCpu.push(r.cpu);
      peak = Math.max(peak, r.peak);
      block = Math.max(block, r.blockMs);
      if (r.note) note = r.note;
    };
    const b = async () => {
      const r = await rawLeg(i);
      raw.push(r.ms);
      baseCpu.push(r.cpu);
      if (floorLeg) {
        const f = await floorLeg(i);
        floor.push(f.ms);
        floorCpu.push(f.cpu);
      }
    };
    if (i % 2 === 0) {
      await a();
      await b();
    } else {
      await b();
      await a();
    }
  }
  const speed = median(raw) / median(app);
  const cpuSpeed = median(baseCpu) / median(appCpu);
  const floorNote = floorLeg
    ? ` Against the floor with the audit's triggers (raw INSERT … SELECT, ${sec(median(floor))}, CPU ${sec(median(floorCpu))}): ${(median(floor) / median(app)).toFixed(2)}× (by CPU ${(median(floorCpu) / median(appCpu)).toFixed(2)}×).`
    : '';
  const row = {
    label,
    app,
    base: raw,
    appCpu,
    baseCpu,
    cpuRatio: median(appCpu) / median(baseCpu),
    ratio: median(app) / median(raw),
    baselineLabel: 'raw INSERT, same schema',
    rssKb: peak / 1024,
    peakKb: process.resourceUsage().maxRSS,
    note: `app ${n((count / median(app)) * 1000)} rows/s, raw ${n((count / median(raw)) * 1000)} rows/s: ${speed.toFixed(2)}× raw (by CPU ${cpuSpeed.toFixed(2)}×: app ${sec(median(appCpu))}, raw ${sec(median(baseCpu))}); longest event-loop block ${sec(block)}; ${note}${floorNote}`,
    speed,
    cpuSpeed,
    blockMs: block,
  };
  log(
    `  ${label}: app ${spread(app)}; raw ${spread(raw)}; ${row.note}; peak RSS during the app leg ${mb(peak)}, process peak ${mb(row.peakKb * 1024)}`,
  );
  return row;
}

/**
 * The write paths on the province at `rows` activity records: `dir` is its cached data folder,
 * `copyOf` makes a throw-away copy. Returns rows for the bench's table.
 */
export async function writePaths({ app, dir, rows, runs, copyOf, log = console.log }) {
  const padded = await paddedFolder(app, dir, rows, log);
  const probe = new BetterSqlite3(dbFile(padded), { readonly: true });
  const lastRowid = probe.prepare('SELECT max(rowid) FROM propaganda_sessions').pluck().get();
  probe.close();
  const results = [];
  const scratch = copyOf(padded);
  const setup = await openBenchBackend(app, scratch, NOW);
  const files = new Map();
  for (const size of IMPORT_SIZES) files.set(size, await propagandaFile(app, setup.call, size, 40_000 + size));
  const communes = (await setup.call('units.list', { includeEnded: false })).filter((u) => u.level === 'xa');
  setup.backend.close();
  fs.rmSync(scratch, { recursive: true, force: true });

  for (const size of IMPORT_SIZES) {
    let stored = null;
    results.push(
      await measureWrite(
        `Excel import, ${n(size)} propaganda rows (preview + commit)`,
        size,
        runs,
        async () => {
          const d = copyOf(padded);
          const o = await openBenchBackend(app, d, NOW);
          const fileBase64 = files.get(size);
          const r = await watched(async () => {
            const p = await o.call('xlsx.preview', { registry: 'propaganda', fileBase64 });
            const c = await o.call('xlsx.commit', { registry: 'propaganda', fileBase64, acceptWarnings: true });
            return { p, c };
          });
          o.backend.close();
          if (!stored) {
            const db = new BetterSqlite3(dbFile(d), { readonly: true });
            stored = db.prepare('SELECT * FROM propaganda_sessions WHERE rowid > ? ORDER BY rowid').all(lastRowid);
            db.close();
          }
          fs.rmSync(d, { recursive: true, force: true });
          const k = r.value.p.counts;
          return {
            ...r,
            note: `${n(k.new)} new, ${n(k.error)} errors, ${n(r.value.p.duplicates)} repeats, ${n(r.value.p.warnings)} near-duplicate warnings; ${n(r.value.c.created)} written`,
          };
        },
        async () => {
          while (!stored) await new Promise((res) => setTimeout(res, 0));
          const d = copyOf(padded);
          const r = rawInsertTimed(
            dbFile(d),
            'propaganda_sessions',
            stored.map((r) => ({ ...r, id: crypto.randomUUID() })),
          );
          fs.rmSync(d, { recursive: true, force: true });
          return r;
        },
        log,
      ),
    );
  }

  let saved = null;
  results.push(
    await measureWrite(
      `saveMany, ${n(SAVE_MANY)} propaganda records`,
      SAVE_MANY,
      runs,
      async (i) => {
        const d = copyOf(padded);
        const o = await openBenchBackend(app, d, NOW);
        reseed(90_000 + i);
        const records = Array.from({ length: SAVE_MANY }, () => SHARES.propaganda[1](pick(communes).id));
        const r = await watched(() => o.call('activities.saveMany', { kind: 'propaganda', records }));
        o.backend.close();
        if (!saved) {
          const db = new BetterSqlite3(dbFile(d), { readonly: true });
          const ids = new Set(r.value.ids);
          saved = db
            .prepare('SELECT * FROM propaganda_sessions ORDER BY rowid DESC LIMIT ?')
            .all(SAVE_MANY * 2)
            .filter((x) => ids.has(x.id));
          db.close();
        }
        fs.rmSync(d, { recursive: true, force: true });
        return r;
      },
      async () => {
        while (!saved) await new Promise((res) => setTimeout(res, 0));
        const d = copyOf(padded);
        const r = rawInsertTimed(
          dbFile(d),
          'propaganda_sessions',
          saved.map((r) => ({ ...r, id: crypto.randomUUID() })),
        );
        fs.rmSync(d, { recursive: true, force: true });
        return r;
      },
      log,
      async () => {
        const d = copyOf(padded);
        const r = rawAuditedInsertTimed(
          app,
          dbFile(d),
          'propaganda_sessions',
          saved.map((r) => ({ ...r, id: crypto.randomUUID() })),
        );
        fs.rmSync(d, { recursive: true, force: true });
        return r;
      },
    ),
  );
  return results;
}
