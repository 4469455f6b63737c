// The hand-off to the province (issue 12) at scale: Công an huyện Gia Viễn with 200.000 activity
// records over its 18 communes and ten years (entered through activities.saveMany, so every record is
// checked and stored as an officer's would be), enrolled at Công an tỉnh Ninh Bình and holding the
// province's key. Measures through the contract's dispatch:
//   export  handoffSend.write (snapshot, canonical JSON, gzip, age, signature, write, read back, verify)
//   import  handoffInbox.inspect (every check + dry run) and handoffInbox.apply (the checks again, the
//           automatic copy of the database, one transaction), each run on a fresh copy of the same
//           set-up province (its keys, the office enrolled, nothing applied yet)
// and, as the yardstick, raw prepared INSERTs of the very rows the file carries (decrypted from it,
// as the province stores them), one plain INSERT statement per table reused for every row (the
// fastest a prepared insert gets: no conflict clause), in one transaction,
// into a fresh copy of a migrated database (the same schema and indexes) with the app's pragmas:
// WAL, synchronous=FULL, foreign keys on and checked at commit. The bare write cost (foreign keys
// off) is measured too, for reference.
//
// The import and the raw inserts are alternated (app first in odd runs, raw first in even runs) over
// BENCH_RUNS runs (default 5), so a change in the machine's load hits both; each run's ratio is raw
// time ÷ import time of that run (= import throughput ÷ raw throughput), and the median and min–max
// of the runs are printed with rows/s. Target ≥ 0,5.
//
// BENCH_RECORDS=<n> changes the size (default 200.000). BENCH_PROFILE=<folder> writes a CPU profile
// of the first run's inspect and apply there (.cpuprofile, open in Chrome's DevTools or summarise
// with `node bench/support/profile-summary.mjs <file>`). BENCH_DIR=<folder> keeps the office, its
// file and the province's set-up copy there and reuses them on the next run with the same size (for
// profiling rounds; the export is then not measured again). Prints figures; never fails on a time.
// Needs no build (the backend is bundled from source).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Session } from 'node:inspector/promises';
import BetterSqlite3 from 'better-sqlite3';
import { SHARES, pick } from './support/activity-records.mjs';
import { bundleBackend, openBenchBackend } from './support/bundle.mjs';
import { payloadTables } from './support/handoff-payload.mjs';

const TOTAL = Number(process.env['BENCH_RECORDS'] ?? 200_000);
const RUNS = Math.max(1, Number(process.env['BENCH_RUNS'] ?? 5));
const PROFILE = process.env['BENCH_PROFILE'] ?? null;
const KEEP = process.env['BENCH_DIR'] ?? null;
const NOW = '2026-11-22T03:00:00.000Z';
const n = (x) => Math.round(x).toLocaleString('vi-VN');
const ms = (t) => `${n(t)} ms`;
const mb = (b) => `${(b / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;
const fmt = (x) => x.toLocaleString('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const spread = (xs, f) => `median ${f(median(xs))} (min ${f(Math.min(...xs))} – max ${f(Math.max(...xs))})`;
/** CPU time of this process (user + system, every thread) in ms: what the machine's other load does not stretch. */
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const load = () =>
  os
    .loadavg()
    .map((l) => l.toLocaleString('vi-VN', { maximumFractionDigits: 1 }))
    .join(' / ');

const app = await bundleBackend(
  'handoff',
  "export { openBackend } from './electron/backend/index.ts';\n" +
    "export { fileIdentity } from './electron/backend/handoff/identity.ts';\n" +
    "export { storedRow } from './electron/backend/handoff/payload.ts';",
);

const SETUP = { era: 'truoc_2025', provinceCode: '37', communeCode: null, importChildren: true };
const OFFICE = { ...SETUP, level: 'huyen', districtCode: '373', name: 'Công an huyện Gia Viễn', code: '373' };
const PROVINCE = { ...SETUP, level: 'tinh', districtCode: null, name: 'Công an tỉnh Ninh Bình', code: '37' };

function open(dataDir) {
  return openBenchBackend(app, dataDir, NOW);
}

/** `to` trusts `from`'s key as officers do: its key file, the fingerprint confirmed. */
async function trustKey(from, to, folder) {
  fs.mkdirSync(folder, { recursive: true });
  const own = await from.call('handoffKeys.own', {});
  const file = await from.call('handoffKeys.exportKeyFile', { folder });
  await to.call('handoffKeys.trustKeyFile', { path: file.path, fingerprint: own.fingerprint, replaceExisting: false });
}

/**
 * The office with its records, its file on the "stick", and the province set up (closed, to be
 * copied for each run). With BENCH_DIR, made once and reused.
 */
async function prepare(dir) {
  const officeDir = path.join(dir, 'office');
  const provinceDir = path.join(dir, 'province');
  const rawDir = path.join(dir, 'fresh-migrated');
  const usb = path.join(dir, 'usb');
  const doneFile = path.join(dir, `prepared-${TOTAL}.json`);
  if (fs.existsSync(doneFile)) {
    console.log(`prepared earlier in ${dir} (BENCH_DIR): no load, no export measured`);
    return { ...JSON.parse(fs.readFileSync(doneFile, 'utf8')), provinceDir, rawDir };
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(usb, { recursive: true });
  const office = await open(officeDir);
  const province = await open(provinceDir);
  await office.call('office.setup', OFFICE);
  await province.call('office.setup', PROVINCE);
  await trustKey(office, province, path.join(dir, 'keys-office'));
  await trustKey(province, office, path.join(dir, 'keys-province'));

  const communes = (await office.call('units.list', { includeEnded: false })).filter((u) => u.level === 'xa');
  const t0 = performance.now();
  let stored = 0;
  for (const [kind, [share, make]] of Object.entries(SHARES)) {
    const count = Math.round(TOTAL * share);
    for (let i = 0; i < count; i += 5000) {
      const records = Array.from({ length: Math.min(5000, count - i) }, () => make(pick(communes).id));
      stored += (await office.call('activities.saveMany', { kind, records })).ids.length;
    }
  }
  console.log(
    `load: ${n(stored)} activity records over ${communes.length} communes through activities.saveMany in ${ms(performance.now() - t0)}`,
  );
  const scope = { year: 2026, from: null, to: null };
  const s = performance.now();
  const sent = await office.call('handoffSend.write', { scope, folder: usb });
  console.log(`export: handoffSend.write ${ms(performance.now() - s)} — ${sent.fileName}, ${mb(sent.bytes)} (load avg ${load()})`);
  office.backend.close();
  province.backend.close();
  const raw = await open(rawDir);
  raw.backend.close();
  const facts = { file: sent.path, stored };
  fs.writeFileSync(doneFile, JSON.stringify(facts));
  return { ...facts, provinceDir, rawDir };
}

/** The rows the file carries, decrypted as the province would, as the province stores them (not timed). */
async function payloadOf(file, provinceDir) {
  const { tables, jsonBytes, gzBytes } = await payloadTables(app, file, provinceDir);
  const rows = tables.reduce((k, t) => k + t.values.length, 0);
  console.log(`file: payload ${mb(jsonBytes)} of JSON, ${mb(gzBytes)} gzip, ${n(rows)} rows in ${tables.length} tables`);
  return { tables, rows };
}

/**
 * Raw prepared INSERTs of the stored rows (prepared before the clock starts) into a fresh copy of a
 * migrated database, in one transaction, with the app's pragmas (foreign keys on, checked at commit
 * as the import's one transaction is; the app never turns them off), or with foreign keys off.
 */
function rawInsert(template, dir, tables, foreignKeys) {
  fs.cpSync(template, dir, { recursive: true });
  const db = new BetterSqlite3(
    path.join(
      dir,
      fs.readdirSync(dir).find((f) => f.endsWith('.sqlite') || f.endsWith('.db')),
    ),
  );
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  let rows = 0;
  const t0 = performance.now();
  const c0 = cpu();
  db.transaction(() => {
    if (foreignKeys) db.pragma('defer_foreign_keys = ON');
    for (const { table, columns, values } of tables) {
      const stmt = db.prepare(
        `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      );
      for (const v of values) stmt.run(v);
      rows += values.length;
    }
  })();
  const took = performance.now() - t0;
  const cpuMs = cpu() - c0;
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return { rows, took, cpuMs };
}

let session = null;
async function profiled(name, fn) {
  if (!session) return fn();
  await session.post('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    fs.writeFileSync(path.join(PROFILE, `handoff-${name}.cpuprofile`), JSON.stringify(profile));
  }
}

/** One import as the officer does it, on a fresh copy of the set-up province: inspect, then apply. */
async function importOnce(provinceTemplate, dir, file, profile) {
  fs.cpSync(provinceTemplate, dir, { recursive: true });
  const province = await open(dir);
  if (profile && PROFILE) {
    fs.mkdirSync(PROFILE, { recursive: true });
    session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
  }
  try {
    let s = performance.now();
    let c = cpu();
    const [checked] = (await profiled('inspect', () => province.call('handoffInbox.inspect', { path: file }))).files;
    const inspectMs = performance.now() - s;
    const inspectCpu = cpu() - c;
    if (checked.status !== 'ready') throw new Error(`inspect: ${checked.status} ${JSON.stringify(checked.reason)}`);
    s = performance.now();
    c = cpu();
    await profiled('apply', () => province.call('handoffInbox.apply', { path: file, sha256: checked.sha256 }));
    const applyMs = performance.now() - s;
    const applyCpu = cpu() - c;
    return { inspectMs, applyMs, inspectCpu, applyCpu };
  } finally {
    if (session) {
      session.disconnect();
      session = null;
    }
    province.backend.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const dir = KEEP ? path.resolve(KEEP) : fs.mkdtempSync(path.join(os.tmpdir(), 'antq-bench-handoff-'));
try {
  const prepared = await prepare(dir);
  const { tables, rows } = await payloadOf(prepared.file, prepared.provinceDir);
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const before = load();
    const legs = {};
    const importLeg = async () =>
      Object.assign(legs, await importOnce(prepared.provinceDir, path.join(dir, `run-${i}`), prepared.file, i === 0));
    const rawLeg = () => {
      const r = rawInsert(prepared.rawDir, path.join(dir, `raw-${i}`), tables, true);
      legs.raw = r.took;
      legs.rawCpu = r.cpuMs;
    };
    const rawOffLeg = () => (legs.rawOff = rawInsert(prepared.rawDir, path.join(dir, `raw-off-${i}`), tables, false).took);
    if (i % 2 === 0) {
      await importLeg();
      rawLeg();
      rawOffLeg();
    } else {
      rawOffLeg();
      rawLeg();
      await importLeg();
    }
    runs.push(legs);
    console.log(
      `run ${i + 1}/${RUNS} (${i % 2 === 0 ? 'import first' : 'raw first'}, load avg ${before}): inspect ${ms(legs.inspectMs)}, ` +
        `apply ${ms(legs.applyMs)}, raw ${ms(legs.raw)} (foreign keys off ${ms(legs.rawOff)}); ` +
        `ratio apply ${fmt(legs.raw / legs.applyMs)}, inspect + apply ${fmt(legs.raw / (legs.inspectMs + legs.applyMs))}; ` +
        `CPU time: inspect ${ms(legs.inspectCpu)}, apply ${ms(legs.applyCpu)}, raw ${ms(legs.rawCpu)}`,
    );
  }
  const rate = (x) => `${n(x)} rows/s`;
  const perSecond = (f) => runs.map((r) => (rows / f(r)) * 1000);
  const col = (f) => runs.map(f);
  const line = (label, f) => console.log(`  ${label.padEnd(24)}${spread(col(f), ms)}; ${spread(perSecond(f), rate)}`);
  console.log(`\n${n(rows)} rows, ${RUNS} alternated runs (load avg now ${load()}); wall-clock time:`);
  line("raw, app's pragmas", (r) => r.raw);
  line('raw, foreign keys off', (r) => r.rawOff);
  line('import: apply', (r) => r.applyMs);
  line('import: inspect', (r) => r.inspectMs);
  line('import: inspect + apply', (r) => r.inspectMs + r.applyMs);
  console.log(`ratio = import throughput ÷ raw insert throughput (app's pragmas) = raw time ÷ import time, per run; target ≥ 0,5:`);
  console.log(
    `  apply alone        ${spread(
      col((r) => r.raw / r.applyMs),
      fmt,
    )}`,
  );
  console.log(
    `  inspect + apply    ${spread(
      col((r) => r.raw / (r.inspectMs + r.applyMs)),
      fmt,
    )}`,
  );
  console.log(
    `  (against raw with foreign keys off: apply alone ${spread(
      col((r) => r.rawOff / r.applyMs),
      fmt,
    )})`,
  );
  console.log(`the same ratio in CPU time of the process (not stretched by other processes; leaves out waits for the disk):`);
  console.log(
    `  apply alone        ${spread(
      col((r) => r.rawCpu / r.applyCpu),
      fmt,
    )}`,
  );
  console.log(
    `  inspect + apply    ${spread(
      col((r) => r.rawCpu / (r.inspectCpu + r.applyCpu)),
      fmt,
    )}`,
  );
} finally {
  if (!KEEP) fs.rmSync(dir, { recursive: true, force: true });
  else
    for (const f of fs.readdirSync(dir))
      if (/^(run|raw|raw-off)-\d+$/.test(f)) fs.rmSync(path.join(dir, f), { recursive: true, force: true });
}
