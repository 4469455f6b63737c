// Issue 16's hand-off leg (bench/province.bench.mjs): the province at each scale takes in one
// office's snapshot (issue 12). The office is Công an huyện Hoằng Hóa (Thanh Hóa, before 2025: its
// communes include "Xã Hoằng Phụ" and "Xã Hoằng Phú", whose names collide once accents are folded),
// with BENCH_HANDOFF_RECORDS activity records (default 20.000) entered through activities.saveMany,
// built for each scale (the same seeded records) and sent once to it (handoffSend.write). For each scale, a copy of the
// cached province trusts the office's key and the office trusts the province's (the officers'
// key exchange, not timed); then each run copies that set-up province and measures, through
// dispatch, handoffInbox.inspect (every check + dry run) and handoffInbox.apply (the checks again,
// the automatic copy of the database, one transaction) — what the officer waits for.
//
// Baseline: raw prepared INSERTs of the very rows the file carries (decrypted, as the province
// stores them: handoff/payload.ts storedRow), one plain INSERT per table reused for every row, one
// transaction, foreign keys deferred, the app's pragmas, into a fresh copy of a migrated database
// (the yardstick of bench/handoff.bench.mjs). Not into the province itself: the snapshot's unit rows
// carry the catalogue codes the province's own units already hold (the app maps them through
// handoff_unit_map), so a raw INSERT of them there is refused by the unique code.
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openBenchBackend } from './bundle.mjs';
import { payloadTables } from './handoff-payload.mjs';
import { NOW } from './province.mjs';
import { SHARES, reseed, pick } from './activity-records.mjs';
import { loopWatch, n, sec } from './figures.mjs';

/** What this module needs from the bundled backend (added to the bench's bundle). */
export const HANDOFF_EXPORTS = `
  export { fileIdentity } from './electron/backend/handoff/identity.ts';
  export { storedRow } from './electron/backend/handoff/payload.ts';
`;

const RECORDS = Number(process.env['BENCH_HANDOFF_RECORDS'] ?? 20_000);
const OFFICE = {
  level: 'huyen',
  era: 'truoc_2025',
  provinceCode: '38',
  districtCode: '399',
  communeCode: null,
  name: 'Công an huyện Hoằng Hóa',
  code: '399',
  importChildren: true,
};

const dbFile = (dir) =>
  path.join(
    dir,
    fs.readdirSync(dir).find((f) => f.endsWith('.sqlite') || f.endsWith('.db')),
  );

/** `to` trusts `from`'s key as officers do: its key file, the fingerprint confirmed. */
async function trustKey(from, to, folder) {
  fs.mkdirSync(folder, { recursive: true });
  const own = await from.call('handoffKeys.own', {});
  const file = await from.call('handoffKeys.exportKeyFile', { folder });
  await to.call('handoffKeys.trustKeyFile', { path: file.path, fingerprint: own.fingerprint, replaceExisting: false });
}

/** Raw INSERTs of the payload's rows into `file`, one transaction, foreign keys deferred; the transaction's time. */
function rawInsertPayload(file, tables) {
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  const stmts = tables.map((t) =>
    db.prepare(`INSERT INTO "${t.table}" (${t.columns.map((c) => `"${c}"`).join(', ')}) VALUES (${t.columns.map(() => '?').join(', ')})`),
  );
  const t0 = performance.now();
  db.transaction(() => {
    db.pragma('defer_foreign_keys = ON');
    for (const [i, t] of tables.entries()) for (const v of t.values) stmts[i].run(v);
  })();
  const took = performance.now() - t0;
  db.close();
  return took;
}

let office = null;
let offices = 0;
/**
 * The office, its snapshot folder and a fresh migrated database: made again for each scale (the
 * same seeded records), so each scale's province receives the office's first file (sequence 1),
 * as a province taking in a new office does.
 */
async function officeOnce(app, work, log) {
  closeHandoffOffice();
  const k = offices++;
  const officeDir = path.join(work, `handoff-office-${k}`);
  const freshDir = path.join(work, `handoff-fresh-${k}`);
  const usb = path.join(work, `handoff-usb-${k}`);
  fs.mkdirSync(usb, { recursive: true });
  const t0 = performance.now();
  const o = await openBenchBackend(app, officeDir, NOW);
  await o.call('office.setup', OFFICE);
  const communes = (await o.call('units.list', { includeEnded: false })).filter((u) => u.level === 'xa');
  reseed(12_000_399);
  let stored = 0;
  for (const [kind, [share, make]] of Object.entries(SHARES)) {
    const count = Math.round(RECORDS * share);
    for (let i = 0; i < count; i += 5000) {
      const records = Array.from({ length: Math.min(5000, count - i) }, () => make(pick(communes).id));
      stored += (await o.call('activities.saveMany', { kind, records })).ids.length;
    }
  }
  const fresh = await openBenchBackend(app, freshDir, NOW);
  fresh.backend.close();
  office = { dir: officeDir, o, usb, freshDir, stored, communes: communes.length, file: null, setupMs: performance.now() - t0 };
  log(`  hand-off: office ${OFFICE.name}, ${communes.length} communes, ${n(stored)} records through saveMany in ${sec(office.setupMs)}`);
  return office;
}

const cpuNow = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

/**
 * The hand-off leg at one scale: returns { prepare, appLeg, baseLeg, describe } for the bench's
 * `measure`. `dir` is the cached province, `copyOf` makes a throw-away copy, `work` the bench's scratch folder.
 */
export async function handoffLeg({ app, dir, work, copyOf, log = console.log }) {
  const off = await officeOnce(app, work, log);
  // The province at this scale, keys exchanged with the office (not timed).
  const t0 = performance.now();
  const provinceDir = copyOf(dir);
  const p = await openBenchBackend(app, provinceDir, NOW);
  await trustKey(off.o, p, path.join(work, `keys-office-${path.basename(provinceDir)}`));
  await trustKey(p, off.o, path.join(work, `keys-province-${path.basename(provinceDir)}`));
  p.backend.close();
  // The office sends its first file to this scale's province (each cached province has its own key).
  const usb = path.join(off.usb, path.basename(provinceDir));
  fs.mkdirSync(usb, { recursive: true });
  const sent = await off.o.call('handoffSend.write', { scope: { year: 2026, from: null, to: null }, folder: usb });
  const { tables } = await payloadTables(app, sent.path, provinceDir);
  const rows = tables.reduce((k, t) => k + t.values.length, 0);
  log(
    `  hand-off: snapshot ${sent.fileName}, ${n(sent.bytes / 1024)} KB, ${n(rows)} rows in ${tables.length} tables ` +
      `(${tables.map((t) => `${t.table} ${n(t.values.length)}`).join(', ')}); keys exchanged and file written in ${sec(performance.now() - t0)}`,
  );
  let grewBy = null;
  return {
    rows,
    provinceDir,
    file: sent.path,
    label: `Hand-off import, ${n(rows)} rows of one office (inspect + apply)`,
    appLeg: async () => {
      // The CPU and the longest block are the two calls' alone (issue 16, h18-freeze): copying the
      // province (synchronous, seconds at 2m) and opening it (its quick_check) are the bench's. The
      // leg's whole CPU, as the table counted it before, is in the note.
      const leg0 = cpuNow();
      const d = copyOf(provinceDir);
      const o = await openBenchBackend(app, d, NOW);
      const loop = loopWatch();
      const c0 = cpuNow();
      const t = performance.now();
      const [checked] = (await o.call('handoffInbox.inspect', { path: sent.path })).files;
      if (checked.status !== 'ready') throw new Error(`handoffInbox.inspect: ${checked.status} ${JSON.stringify(checked.reason)}`);
      const inspectMs = performance.now() - t;
      const inspectCpu = cpuNow() - c0;
      await o.call('handoffInbox.apply', { path: sent.path, sha256: checked.sha256 });
      const ms = performance.now() - t;
      const cpu = cpuNow() - c0;
      const blockMs = loop.stop();
      const blockOwnMs = loop.own();
      const ownGap = loop.ownParts();
      const way = o.backend.backups.lastWay;
      o.backend.close();
      const legCpu = cpuNow() - leg0;
      grewBy ??= fs.statSync(dbFile(d)).size - fs.statSync(dbFile(provinceDir)).size;
      fs.rmSync(d, { recursive: true, force: true });
      return {
        ms,
        cpu,
        blockMs,
        blockOwnMs,
        note:
          `inspect ${sec(inspectMs)} + apply ${sec(ms - inspectMs)} (apply includes the automatic copy of the database, made as "${way}"); ` +
          `CPU inspect ${sec(inspectCpu)} + apply ${sec(cpu - inspectCpu)}; the whole leg with copying and opening the province ${sec(legCpu)} CPU; ` +
          `the gap of the longest own block ${ownGap}; ` +
          `${n((rows / ms) * 1000)} rows/s; database grew by ${n(grewBy / 1e6)} MB; baseline into a fresh migrated file (unit codes)`,
      };
    },
    baseLeg: async () => {
      const d = copyOf(off.freshDir);
      const ms = rawInsertPayload(dbFile(d), tables);
      fs.rmSync(d, { recursive: true, force: true });
      return { ms };
    },
    cleanup: () => fs.rmSync(provinceDir, { recursive: true, force: true }),
  };
}

/** Closes the office opened by the first scale's leg. */
export function closeHandoffOffice() {
  office?.o.backend.close();
  office = null;
}
