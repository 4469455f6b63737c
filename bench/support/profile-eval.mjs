// Profiles the evaluation board (or freeze) once on a copy of the cached province: run with
// node --cpu-prof bench/support/profile-eval.mjs [rows] [board|freeze]. A helper for finding where
// the time goes, not a benchmark (prints the time and a per-phase split from the jobs' labels).
import fs from 'node:fs';
import inspector from 'node:inspector';
import BetterSqlite3 from 'better-sqlite3';
import os from 'node:os';
import path from 'node:path';
import { bundleBackend, openBenchBackend } from './bundle.mjs';
import { NOW, PROVINCE_EXPORTS, provinceFolder } from './province.mjs';

const rows = Number(process.argv[2] ?? 50_000);
const what = process.argv[3] ?? 'board';
const app = await bundleBackend('profile-eval', PROVINCE_EXPORTS);
const { dir } = await provinceFolder(app, rows);
const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'antq-prof-'));
fs.cpSync(dir, copy, { recursive: true });
// PROFILE_FRESH=n: n first computations first, each on a backend opened afresh with nothing kept in the
// file, so the profiled call is a warm process's first computation (what the bench's median times).
const forgetKept = () => {
  const conn = new BetterSqlite3(path.join(copy, 'antq.db'));
  conn.exec('DELETE FROM stored_reads');
  conn.close();
};
for (let i = 0; i < Number(process.env['PROFILE_FRESH'] ?? 0); i++) {
  const o = await openBenchBackend(app, copy, NOW);
  await (what === 'board'
    ? o.call('evaluation.board', { year: 2026, category: null, unitId: null })
    : o.call('evaluation.board', { year: 2025, category: null, unitId: null }));
  o.backend.close();
  forgetKept();
}
let { backend, call } = await openBenchBackend(app, copy, NOW);
// PROFILE_WARM=1: one board first, so the profiled call is the second (the cache's case).
// PROFILE_EDIT=1: one board, then one incident saved (the board after an edit).
const warm = (process.env['PROFILE_WARM'] || process.env['PROFILE_EDIT']) && what === 'board';
if (warm) await call('evaluation.board', { year: 2026, category: null, unitId: null });
const commune = (await call('units.list', { includeEnded: false })).find((u) => u.level === 'xa');
const edit = async () => {
  const record = { occurredOn: '2026-06-30', unitId: commune.id, organizationId: null, category: 'te_nan_xa_hoi', count: 1, solved: 0 };
  const rest = { deaths: 0, injuries: 0, description: 'Vụ việc thêm', excuse: null, excuseReason: null, excuseApprovedBy: null };
  await call('activities.save', { kind: 'incidents', id: null, record: { ...record, ...rest, excuseApprovedOn: null, note: null } });
};
if (process.env['PROFILE_EDIT'] && what === 'board') await edit();
// PROFILE_RESTART=1 (with PROFILE_EDIT=1): the app closed after the edit and opened again (the board's kept state).
if (process.env['PROFILE_RESTART']) {
  backend.close();
  ({ backend, call } = await openBenchBackend(app, copy, NOW));
}
// PROFILE_CALL=<file>: the profile of the measured call alone (node:inspector), instead of --cpu-prof's whole process.
const session = process.env['PROFILE_CALL'] ? new inspector.Session() : null;
const post = (method) => new Promise((resolve, reject) => session.post(method, (err, value) => (err ? reject(err) : resolve(value))));
if (session) {
  session.connect();
  await post('Profiler.enable');
  await post('Profiler.start');
}
const cpu0 = process.cpuUsage();
const t = performance.now();
const measured = () =>
  what === 'board'
    ? call('evaluation.board', { year: 2026, category: null, unitId: null })
    : call('evaluation.freeze', { year: 2026, by: 'Nguyễn Văn An', note: null });
let r = await measured();
// PROFILE_REPEAT=n (with PROFILE_EDIT=1): n more edits, each followed by the board, in the same profile.
for (let i = 1; i < Number(process.env['PROFILE_REPEAT'] ?? 1); i++) {
  if (process.env['PROFILE_EDIT']) await edit();
  r = await measured();
}
const cpu = process.cpuUsage(cpu0);
console.log(
  `${what}: ${Math.round(performance.now() - t)} ms, CPU ${Math.round((cpu.user + cpu.system) / 1000)} ms`,
  what === 'board' ? r.rows.length : r.subjects,
);
if (session) {
  const { profile } = await post('Profiler.stop');
  fs.writeFileSync(process.env['PROFILE_CALL'], JSON.stringify(profile));
  session.disconnect();
}
backend.close();
// PROFILE_KEEP=1 keeps the copy (its path is printed) to look at what was written.
if (process.env['PROFILE_KEEP']) console.log(`kept ${copy}`);
else fs.rmSync(copy, { recursive: true, force: true });
