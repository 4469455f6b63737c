// The hand-off to the province (issue 12) at scale: Công an huyện Gia Viễn with 200.000 activity
// records over its 18 communes and ten years (entered through activities.saveMany, so every record is
// checked and stored as an officer's would be), enrolled at Công an tỉnh Ninh Bình and holding the
// province's key. Measures through the contract's dispatch:
//   export  handoffSend.write (snapshot, canonical JSON, gzip, age, signature, write, read back, verify)
//   import  handoffInbox.inspect (every check + dry run) and handoffInbox.apply (the checks again, the
//           automatic copy of the database, one transaction)
// and, as the yardstick, raw prepared INSERTs of the very rows the file carries (decrypted from it)
// into a freshly migrated database with the app's pragmas, in one transaction. The ratio is import
// throughput ÷ raw throughput (target ≥ 0,5). BENCH_RECORDS=<n> changes the size.
// Prints figures; never fails on a time. Needs no build (the backend is bundled from source).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import BetterSqlite3 from 'better-sqlite3';
import { Decrypter } from 'age-encryption';
import { SHARES, pick } from './support/activity-records.mjs';
import { bundleBackend, openBenchBackend } from './support/bundle.mjs';

const TOTAL = Number(process.env['BENCH_RECORDS'] ?? 200_000);
const NOW = '2026-11-22T03:00:00.000Z';
const ms = (t) => `${n(Math.round(t))} ms`;
const n = (x) => x.toLocaleString('vi-VN');
const mb = (b) => `${(b / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;

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
 * Raw prepared INSERTs of the payload's rows, as the province stores them (stand-ins in omitted
 * personal columns, prepared before the clock starts), into a fresh migrated database, in one
 * transaction: with foreign keys off (the bare write cost), or with the app's pragmas (foreign keys
 * on, checked at commit as the import's one transaction does; the app never turns them off).
 */
async function rawInsert(dir, payload, foreignKeys) {
  const { backend } = await open(dir);
  const file = backend.databasePath;
  backend.close();
  const tables = Object.entries(payload.tables)
    .filter(([, t]) => t.rows.length > 0)
    .map(([table, t]) => {
      const rows = t.rows.map((r) => app.storedRow(table, t.columns, r, payload.omitted[table] ?? []));
      const columns = Object.keys(rows[0]);
      return { table, columns, values: rows.map((r) => columns.map((c) => r[c])) };
    });
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  let rows = 0;
  const t0 = performance.now();
  db.transaction(() => {
    if (foreignKeys) db.pragma('defer_foreign_keys = ON');
    for (const { table, columns, values } of tables) {
      const stmt = db.prepare(
        `INSERT OR REPLACE INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      );
      for (const v of values) stmt.run(v);
      rows += values.length;
    }
  })();
  const took = performance.now() - t0;
  db.close();
  return { rows, took };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'antq-bench-handoff-'));
try {
  const officeDir = path.join(dir, 'office');
  const provinceDir = path.join(dir, 'province');
  const usb = path.join(dir, 'usb');
  fs.mkdirSync(usb);
  const office = await open(officeDir);
  const province = await open(provinceDir);
  await office.call('office.setup', OFFICE);
  await province.call('office.setup', PROVINCE);
  const provinceId = await app.fileIdentity(provinceDir).readOrCreate();
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
  let s = performance.now();
  const sent = await office.call('handoffSend.write', { scope, folder: usb });
  const exportMs = performance.now() - s;
  console.log(`export: handoffSend.write ${ms(exportMs)} — ${sent.fileName}, ${mb(sent.bytes)}`);

  // The rows the file carries, decrypted as the province would (not timed).
  const d = new Decrypter();
  d.addIdentity(provinceId.ageIdentity);
  const tar = fs.readFileSync(sent.path);
  const entries = [];
  for (let at = 0; at + 512 <= tar.length;) {
    const name = tar
      .subarray(at, at + 100)
      .toString('latin1')
      .replace(/\0.*$/s, '');
    if (!name) break;
    const size = parseInt(tar.subarray(at + 124, at + 136).toString('latin1'), 8);
    entries.push({ name, data: tar.subarray(at + 512, at + 512 + size) });
    at += 512 + Math.ceil(size / 512) * 512;
  }
  const gz = Buffer.from(await d.decrypt(entries.find((e) => e.name === 'payload.json.gz.age').data));
  const json = zlib.gunzipSync(gz);
  const payload = JSON.parse(json.toString('utf8'));
  const payloadRows = Object.values(payload.tables).reduce((k, t) => k + t.rows.length, 0);
  console.log(
    `file: payload ${mb(json.length)} of JSON, ${mb(gz.length)} gzip, ${n(payloadRows)} rows in ${Object.keys(payload.tables).length} tables`,
  );

  s = performance.now();
  const [checked] = (await province.call('handoffInbox.inspect', { path: sent.path })).files;
  const inspectMs = performance.now() - s;
  if (checked.status !== 'ready') throw new Error(`inspect: ${checked.status} ${JSON.stringify(checked.reason)}`);
  console.log(`import: handoffInbox.inspect (checks + dry run) ${ms(inspectMs)}`);
  s = performance.now();
  await province.call('handoffInbox.apply', { path: sent.path, sha256: checked.sha256 });
  const applyMs = performance.now() - s;
  console.log(`import: handoffInbox.apply (checks again + copy of the database + one transaction) ${ms(applyMs)}`);
  office.backend.close();
  province.backend.close();

  const fmt = (x) => x.toLocaleString('vi-VN', { maximumFractionDigits: 2 });
  for (const [label, foreignKeys] of [
    ['foreign keys off', false],
    ["app's pragmas: foreign keys on, checked at commit", true],
  ]) {
    const raw = await rawInsert(path.join(dir, foreignKeys ? 'raw-fk' : 'raw'), payload, foreignKeys);
    console.log(`raw (${label}): ${n(raw.rows)} prepared INSERTs in one transaction ${ms(raw.took)}`);
    console.log(
      `ratio vs raw (${label}): import throughput ÷ raw insert throughput = ${fmt(raw.took / applyMs)} (apply alone), ` +
        `${fmt(raw.took / (applyMs + inspectMs))} (inspect + apply); target ≥ 0,5`,
    );
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
