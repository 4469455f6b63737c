// Issue 16 item 2 ("Excel import ≥ 0.2× raw inserts, memory bounded, the host never held"): the mass
// organisations' and members' Excel imports on a copy of the cached province (10.546 mass organisations,
// 135.716 members at every scale): a file of ORGS new organisations and a file of MEMBERS new members of
// live organisations, each previewed and committed through dispatch (the dialog's two calls), against
// raw prepared INSERTs of the very rows the import stored, on a fresh copy, in one transaction (the
// app's pragmas). App and raw alternated, RUNS runs, medians; CPU is process CPU of the calls / of
// the raw transaction; "longest block" is the longest gap between two turns of a 5 ms timer during
// the calls; RSS rise is the process's peak RSS during the calls above its RSS before them.
//   node bench/support/massorgs-import.mjs [rows=50000] [runs=3] [orgs=1000] [members=10000]
// PROFILE_CALL=<file>: a CPU profile (node:inspector) of each leg's first app run, <file>-<registry>.cpuprofile.
// ONLY=mass_orgs|members: one leg.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import inspector from 'node:inspector';
import BetterSqlite3 from 'better-sqlite3';
import { bundleBackend, openBenchBackend } from './bundle.mjs';
import { NOW, PROVINCE_EXPORTS, provinceFolder } from './province.mjs';
import { n, sec, median, spread } from './figures.mjs';

const rows = Number(process.argv[2] ?? 50_000);
const RUNS = Number(process.argv[3] ?? 3);
const ORGS = Number(process.argv[4] ?? 1_000);
const MEMBERS = Number(process.argv[5] ?? 10_000);
const app = await bundleBackend(
  'massorgs-import',
  PROVINCE_EXPORTS +
    `
  export { writeWorkbook } from './electron/backend/xlsx/workbook.ts';
  export { UnitIndex } from './electron/backend/xlsx/unit-index.ts';
  export { massOrgsSpec, membersSpec } from './electron/backend/services/xlsx-import/specs/mass-orgs.spec.ts';
`,
);
const { dir } = await provinceFolder(app, rows);
const dbFile = (d) => path.join(d, 'antq.db');
const copyOf = (from) => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'antq-massorgs-'));
  fs.cpSync(from, d, { recursive: true });
  return d;
};
const cpuMs = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
// The host (main) thread's own CPU in ms (Linux /proc, 10 ms ticks; 0 elsewhere): a wall gap on a
// loaded machine may be the scheduler's, not the call's.
const hostStat = `/proc/self/task/${process.pid}/stat`;
const hostCpu = () => {
  if (!fs.existsSync(hostStat)) return 0;
  const f = fs.readFileSync(hostStat, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
};
const dmy = (iso) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

// The two files, made once from the province's own units and organisations.
const setup = copyOf(dir);
const o = await openBenchBackend(app, setup, NOW);
const units = await o.call('units.list', { includeEnded: false });
o.backend.close();
const index = new app.UnitIndex(units);
const byId = new Map(units.map((u) => [u.id, u]));
const db0 = new BetterSqlite3(dbFile(setup), { readonly: true });
const kinds = db0.prepare('SELECT id, name FROM mass_org_kinds WHERE active = 1 ORDER BY sort_order, name').all();
const liveOrgs = db0
  .prepare(
    `SELECT o.id, o.name, o.unit_id, o.valid_from, k.name AS kind FROM mass_orgs o JOIN mass_org_kinds k ON k.id = o.kind_id
     WHERE o.deleted_at IS NULL AND o.valid_to IS NULL ORDER BY o.rowid`,
  )
  .all()
  .filter((x) => byId.has(x.unit_id));
const storedMembers = db0.prepare('SELECT count(*) FROM mass_org_members WHERE deleted_at IS NULL').pluck().get();
const storedOrgs = db0.prepare('SELECT count(*) FROM mass_orgs WHERE deleted_at IS NULL').pluck().get();
db0.close();
fs.rmSync(setup, { recursive: true, force: true });
const communes = units.filter((u) => u.level === 'xa' || u.level === 'thon');
const orgRows = Array.from({ length: ORGS }, (_, i) => ({
  unit: index.label(communes[(i * 7919) % communes.length]),
  kind: kinds[i % kinds.length].name,
  name: `Tổ tự quản số ${i + 1}`,
  decisionIssuer: 'UBND xã',
  decisionNumber: `${i + 1}/QĐ-UBND`,
  decisionDate: '15/12/2024',
  validFrom: '01/01/2025',
  validTo: null,
  endReason: null,
  note: null,
}));
const HO = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi'];
const memberRows = Array.from({ length: MEMBERS }, (_, i) => {
  const org = liveOrgs[(i * 104729) % liveOrgs.length];
  return {
    unit: index.label(byId.get(org.unit_id)),
    kind: org.kind,
    org: org.name,
    fullName: `${HO[i % HO.length]} Văn Mới ${i + 1}`,
    gender: i % 2 ? 'Nữ' : 'Nam',
    birthYear: 1950 + (i % 55),
    ethnicity: 'Kinh',
    role: 'Tổ viên',
    phone: `09${String(10_000_000 + i).slice(-8)}`,
    joinedOn: dmy(org.valid_from > '2025-01-01' ? org.valid_from : '2025-01-01'),
    leftOn: null,
    leftReason: null,
    note: null,
  };
});
const fileOf = async (spec, title, rowsOf) =>
  (await app.writeWorkbook({ title, columns: spec.columns, rows: rowsOf, template: false })).toString('base64');
const files = {
  mass_orgs: await fileOf(app.massOrgsSpec, 'Tổ chức quần chúng', orgRows),
  members: await fileOf(app.membersSpec, 'Thành viên', memberRows),
};
console.log(
  `province ${n(rows)}: ${n(storedOrgs)} mass organisations, ${n(storedMembers)} members stored; files: ${n(ORGS)} new organisations, ${n(MEMBERS)} new members of ${n(liveOrgs.length)} live organisations`,
);

function rawInsert(file, table, rowsOf) {
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  const columns = Object.keys(rowsOf[0]);
  const stmt = db.prepare(
    `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
  );
  const values = rowsOf.map((r) => columns.map((c) => r[c]));
  const t0 = performance.now();
  const c0 = cpuMs();
  db.transaction(() => {
    for (const v of values) stmt.run(v);
  })();
  const out = { ms: performance.now() - t0, cpu: cpuMs() - c0 };
  db.close();
  return out;
}

async function leg(registry, table, count) {
  const app_ = { ms: [], cpu: [], block: 0, blockCpu: 0, rise: 0 };
  const raw = { ms: [], cpu: [] };
  let stored = null;
  let note = '';
  for (let i = 0; i < RUNS; i++) {
    const a = async () => {
      const d = copyOf(dir);
      const ob = await openBenchBackend(app, d, NOW);
      const before = fs.readFileSync(dbFile(d)) && new BetterSqlite3(dbFile(d), { readonly: true });
      const last = before.prepare(`SELECT max(rowid) FROM "${table}"`).pluck().get();
      before.close();
      let lastTurn = performance.now();
      let lastHost = hostCpu();
      let longest = 0;
      const timer = setInterval(() => {
        const now = performance.now();
        const host = hostCpu();
        longest = Math.max(longest, now - lastTurn);
        app_.blockCpu = Math.max(app_.blockCpu, host - lastHost);
        lastTurn = now;
        lastHost = host;
      }, 5);
      const rss0 = process.memoryUsage().rss;
      let peak = rss0;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
      const session = process.env['PROFILE_CALL'] && i === 0 ? new inspector.Session() : null;
      const post = (method) => new Promise((res, rej) => session.post(method, (err, v) => (err ? rej(err) : res(v))));
      if (session) {
        session.connect();
        await post('Profiler.enable');
        await post('Profiler.start');
      }
      const t0 = performance.now();
      const c0 = cpuMs();
      const p = await ob.call('xlsx.preview', { registry, fileBase64: files[registry] });
      const c = await ob.call('xlsx.commit', { registry, fileBase64: files[registry], acceptWarnings: true });
      if (session) {
        const { profile } = await post('Profiler.stop');
        fs.writeFileSync(`${process.env['PROFILE_CALL']}-${registry}.cpuprofile`, JSON.stringify(profile));
        session.disconnect();
      }
      app_.cpu.push(cpuMs() - c0);
      app_.ms.push(performance.now() - t0);
      longest = Math.max(longest, performance.now() - lastTurn);
      clearInterval(timer);
      clearInterval(sampler);
      app_.block = Math.max(app_.block, longest);
      app_.rise = Math.max(app_.rise, peak - rss0);
      note = `${n(p.counts.new)} new, ${n(p.counts.error)} errors; ${n(c.created)} written`;
      ob.backend.close();
      if (!stored) {
        const r = new BetterSqlite3(dbFile(d), { readonly: true });
        stored = r.prepare(`SELECT * FROM "${table}" WHERE rowid > ? ORDER BY rowid`).all(last);
        r.close();
      }
      fs.rmSync(d, { recursive: true, force: true });
    };
    const b = async () => {
      while (!stored) await new Promise((res) => setTimeout(res, 0));
      const d = copyOf(dir);
      const r = rawInsert(
        dbFile(d),
        table,
        stored.map((x) => ({ ...x, id: crypto.randomUUID() })),
      );
      raw.ms.push(r.ms);
      raw.cpu.push(r.cpu);
      fs.rmSync(d, { recursive: true, force: true });
    };
    if (i % 2 === 0) {
      await a();
      await b();
    } else {
      await b();
      await a();
    }
  }
  console.log(
    `Excel import, ${n(count)} ${registry === 'members' ? 'members' : 'mass organisations'} (preview + commit): app ${spread(app_.ms)}, raw ${spread(raw.ms)}: ` +
      `${(median(raw.ms) / median(app_.ms)).toFixed(3)}× raw by wall; CPU app ${sec(median(app_.cpu))}, raw ${sec(median(raw.cpu))}: ` +
      `${(median(raw.cpu) / median(app_.cpu)).toFixed(3)}× raw by CPU; longest block ${sec(app_.block)} (host thread CPU in the longest-CPU gap ${sec(app_.blockCpu)}); RSS rise ${n(app_.rise / 1048576)} MB; ${note}`,
  );
}

const ONLY = process.env['ONLY'];
if (!ONLY || ONLY === 'mass_orgs') await leg('mass_orgs', 'mass_orgs', ORGS);
if (!ONLY || ONLY === 'members') await leg('members', 'mass_org_members', MEMBERS);
