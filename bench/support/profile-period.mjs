// Profiles one first load (a freshly opened backend, nothing cached) of the period figures or the
// overview on a copy of the cached province: a helper for finding where the time goes, not a
// benchmark. node bench/support/profile-period.mjs [rows] [year|ten|overview]
// PROFILE_CALL=<file>: the .cpuprofile of the measured call alone (summarise it with profile-summary.mjs).
// PROFILE_EDIT=1: one call, then one propaganda session saved, and the profiled call after it.
// PROFILE_RESTART=1 (with PROFILE_EDIT=1): the first call in a session of its own, the backend opened
// again (the figures read back from the file), then the edit and the profiled call: the first edit after a restart.
// PROFILE_EDIT=<n> (n > 1): after the first edit and call (not profiled), n more pairs of a saved
// session and a call, all profiled (the saves too: summarise by the call's functions), each call's CPU printed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleBackend, openBenchBackend } from './bundle.mjs';
import { NOW, PROVINCE_EXPORTS, editedPropaganda, provinceFolder } from './province.mjs';
import BetterSqlite3 from 'better-sqlite3';
import { cpuProfiler } from './cpu-profile.mjs';

// PROFILE_THREADS=1: each thread's CPU during the measured call (/proc/self/task, 10 ms ticks: the host's
// thread first, the read-only worker last, V8's GC and compiler helpers between).
// PROFILE_SQL=1: the CPU time of each SQL statement during the measured call, slowest first.
const sqlCpu = new Map();
let timing = false;
if (process.env['PROFILE_SQL']) {
  const prepare = BetterSqlite3.prototype.prepare;
  BetterSqlite3.prototype.prepare = function (sql, ...rest) {
    const stmt = prepare.call(this, sql, ...rest);
    for (const m of ['all', 'get', 'run', 'iterate']) {
      const f = stmt[m];
      stmt[m] = function (...args) {
        if (!timing) return f.apply(this, args);
        const c = process.cpuUsage();
        const r = f.apply(this, args);
        const d = process.cpuUsage(c);
        const e = sqlCpu.get(sql) ?? { us: 0, calls: 0 };
        e.us += d.user + d.system;
        e.calls++;
        sqlCpu.set(sql, e);
        return r;
      };
    }
    return stmt;
  };
}

const rows = Number(process.argv[2] ?? 50_000);
const what = process.argv[3] ?? 'year';
const app = await bundleBackend(
  'profile-period',
  PROVINCE_EXPORTS + "export { lastPhases } from './electron/backend/services/phase-cpu.ts';\n",
);
const { dir } = await provinceFolder(app, rows);
const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'antq-prof-'));
fs.cpSync(dir, copy, { recursive: true });
// A first computation: nothing kept in the file by an earlier session (migration 0026's stored_reads;
// the file is in the folder's data/ since the cache's v2 layout).
const forgetKept = () => {
  for (const d of [copy, path.join(copy, 'data')].filter((d) => fs.existsSync(d)))
    for (const f of fs.readdirSync(d).filter((n) => n.endsWith('.sqlite') || n.endsWith('.db'))) {
      const conn = new BetterSqlite3(path.join(d, f));
      if (conn.prepare("SELECT 1 FROM sqlite_master WHERE name = 'stored_reads'").get()) conn.exec('DELETE FROM stored_reads');
      conn.close();
    }
};
forgetKept();
let { backend, call } = await openBenchBackend(app, copy, NOW);
const [method, input] =
  what === 'overview'
    ? ['registry.overview', { from: '2026-01-01', to: '2026-12-31', unitId: null }]
    : ['period.figures', { from: what === 'ten' ? '2017-01-01' : '2026-01-01', to: '2026-12-31', unitId: null }];
if (process.env['PROFILE_EDIT']) {
  await call(method, input);
  if (process.env['PROFILE_RESTART']) {
    backend.close();
    ({ backend, call } = await openBenchBackend(app, copy, NOW));
    await call(method, input);
  }
  const commune = (await call('units.list', { includeEnded: false })).find((u) => u.level === 'xa');
  const record = editedPropaganda(commune.id);
  await call('activities.save', { kind: 'propaganda', id: null, record });
}
// PROFILE_COLD_RUNS=<n> (without PROFILE_EDIT): n first computations before the measured one, each in a
// backend opened again with nothing kept in the file, so the measured one runs compiled code (as the
// province bench's third run does) rather than the process's first.
for (let i = 0; i < Number(process.env['PROFILE_COLD_RUNS'] ?? 0) && !process.env['PROFILE_EDIT']; i++) {
  await backend.readerStarted();
  await call(method, input);
  backend.close();
  forgetKept();
  ({ backend, call } = await openBenchBackend(app, copy, NOW));
}
// PROFILE_READER_STARTED=1: the read-only SQL worker started before the measured call, as the province
// bench's legs start it with the opening (otherwise the first heavy read starts it: ~50 ms of CPU on its thread).
if (process.env['PROFILE_READER_STARTED']) await backend.readerStarted();
const profiler = await cpuProfiler(process.env['PROFILE_CALL']);
await profiler?.start();
const edits = Number(process.env['PROFILE_EDIT'] ?? 0);
const pairs = edits > 1 ? edits : 1;
if (edits > 1) await call(method, input);
const commune2 = edits > 1 ? (await call('units.list', { includeEnded: false })).find((u) => u.level === 'xa') : null;
for (let i = 0; i < pairs; i++) {
  if (edits > 1) await call('activities.save', { kind: 'propaganda', id: null, record: editedPropaganda(commune2.id, i + 1) });
  timing = true;
  const tasks = () =>
    new Map(
      fs.readdirSync('/proc/self/task').map((t) => {
        const st = fs.readFileSync(`/proc/self/task/${t}/stat`, 'utf8');
        const name = st.slice(st.indexOf('(') + 1, st.lastIndexOf(')'));
        const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
        return [`${t} ${name}`, (Number(f[11]) + Number(f[12])) * 10];
      }),
    );
  const tasks0 = process.env['PROFILE_THREADS'] ? tasks() : null;
  const cpu0 = process.cpuUsage();
  const host0 = process.threadCpuUsage();
  const t = performance.now();
  await call(method, input);
  const cpu = process.cpuUsage(cpu0);
  const host = process.threadCpuUsage(host0);
  if (tasks0) {
    const d = [...tasks()].map(([k, v]) => [k, v - (tasks0.get(k) ?? 0)]).filter(([, v]) => v > 0);
    console.log(`  threads (ms, 10 ms ticks): ${d.map(([k, v]) => `${k} ${v}`).join(', ')}`);
  }
  console.log(
    `${method} ${what}: ${Math.round(performance.now() - t)} ms, CPU ${Math.round((cpu.user + cpu.system) / 1000)} ms ` +
      `(the host's thread ${Math.round((host.user + host.system) / 1000)} ms, other threads: the reader worker, GC helpers)`,
  );
  if (app.lastPhases?.[method])
    console.log(
      `  steps (CPU): ${Object.entries(app.lastPhases[method])
        .map(([k, ms]) => `${k} ${Math.round(ms)} ms`)
        .join(', ')}`,
    );
  timing = false;
}
if (sqlCpu.size > 0) {
  const all = [...sqlCpu].sort((a, b) => b[1].us - a[1].us);
  console.log(
    `SQL: ${Math.round(all.reduce((t, [, e]) => t + e.us, 0) / 1000)} ms CPU in ${all.reduce((t, [, e]) => t + e.calls, 0)} calls`,
  );
  for (const [sql, e] of all.slice(0, Number(process.env['PROFILE_SQL']) > 1 ? Number(process.env['PROFILE_SQL']) : 25)) {
    console.log(
      `${String(Math.round(e.us / 1000)).padStart(6)} ms ${String(e.calls).padStart(5)}×  ${sql.replace(/\s+/g, ' ').slice(0, 220)}`,
    );
  }
}
if (profiler) {
  fs.writeFileSync(process.env['PROFILE_CALL'], JSON.stringify(await profiler.stop()));
  profiler.close();
}
backend.close();
fs.rmSync(copy, { recursive: true, force: true });
