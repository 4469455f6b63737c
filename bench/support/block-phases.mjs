// Where the host is held during one long call (issue 16 item 3): runs a freeze or an Excel import
// (preview + commit) on a copy of the cached province while a 5 ms timer watches the event loop
// and polls the job's progress label; prints the longest gaps with the label before and after each.
// A helper for finding the block, not a benchmark:
//   node [--expose-gc] [--trace-gc] bench/support/block-phases.mjs [rows] [freeze|freeze-after-backup|backup|import|orgs|sweep] [importRows]
// `orgs`: the province run's "Excel import, 8.000 organisations" — the app's own export of the
// organisations, previewed and committed (a re-import: every row unchanged). PROFILE_CALL=<file>
// writes a CPU profile (node:inspector) of the import's calls alone (the export is not in it).
// Each run also sums wall and CPU time per progress label (the freeze's split: backup / engine and
// seal / write). `sweep` runs the reading paths one after the other (board, period one and ten years
// and ten years after an edit, overview, the board after a restart and an edit, the propaganda list
// with no date range, members.page, activities.page, xlsx.export of the members and organisations)
// and lists each one's longest gap; BLOCK_PATHS=overview,members… filters them. PROFILE_GAPS=<n>
// profiles the host thread and prints what ran in the n gaps with the most host-thread CPU (with
// PROFILE_BY=blocked: the most time blocked, neither on a core nor waiting for one).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import inspector from 'node:inspector';
import { bundleBackend, openBenchBackend } from './bundle.mjs';
import { NOW, PROVINCE_EXPORTS, editedPropaganda, provinceFolder } from './province.mjs';
import { WRITES_EXPORTS, propagandaFile } from './province-writes.mjs';
import { gapProfiler, hostWait, inWindow, usNow, waitParts } from './gap-profile.mjs';

const rows = Number(process.argv[2] ?? 50_000);
const what = process.argv[3] ?? 'freeze';
const importRows = Number(process.argv[4] ?? 100_000);
const app = await bundleBackend('block-phases', PROVINCE_EXPORTS + WRITES_EXPORTS);
const { dir } = await provinceFolder(app, rows);
const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'antq-phases-'));
fs.cpSync(dir, copy, { recursive: true });
let { backend, call } = await openBenchBackend(app, copy, NOW);

const TICK_MS = 1000 / 100;
const hostStat = `/proc/self/task/${process.pid}/stat`;
/** The host (main) thread's own CPU time in ms (0 where /proc is absent). */
function hostCpu() {
  if (!fs.existsSync(hostStat)) return 0;
  const fields = fs.readFileSync(hostStat, 'utf8').split(') ')[1].split(' ');
  // utime and stime: fields 14 and 15 of the line, 12th and 13th after "(comm) ".
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

/** Runs `fn(jobId)` while watching gaps between turns; returns the 8 longest with their labels. */
async function phases(name, fn) {
  // With --expose-gc, the bench's own garbage (the province, the generated files: ~1,8 GB before an
  // import's preview) is collected before the phase and before the watch starts, not inside its first gap (docs/decisions.md (h16-blocks)).
  if (typeof globalThis.gc === 'function') globalThis.gc();
  const jobId = randomUUID();
  let label = '(before)';
  let last = performance.now();
  // CPU time of the process too: on a loaded machine a wall-clock gap may be the scheduler's, not the call's.
  const cpu = () => {
    const c = process.cpuUsage();
    return (c.user + c.system) / 1000;
  };
  let lastCpu = cpu();
  // The host thread's own CPU in a gap (Linux: /proc/self/task/<pid>/stat, 10 ms ticks): process
  // CPU counts every thread, the read-only SQL worker's too (db/reader.ts).
  let lastHost = hostCpu();
  let lastWait = hostWait();
  const gaps = [];
  let polling = false;
  // The gap's window on the monotonic clock in µs, the clock of the CPU profile's samples (PROFILE_GAPS).
  let lastUs = usNow();
  const timer = setInterval(() => {
    const now = performance.now();
    const nowUs = usNow();
    const nowCpu = cpu();
    const nowHost = hostCpu();
    const nowWait = hostWait();
    if (now - last > 50)
      gaps.push({
        ...waitParts(now - last, lastWait, nowWait),
        ms: Math.round(now - last),
        cpuMs: Math.round(nowCpu - lastCpu),
        hostMs: Math.round(nowHost - lastHost),
        before: label,
        fromUs: lastUs,
        toUs: nowUs,
      });
    last = now;
    lastUs = nowUs;
    lastCpu = nowCpu;
    lastHost = nowHost;
    lastWait = nowWait;
    if (polling) return;
    polling = true;
    void backend.dispatch('jobs.progress', { jobId }).then((r) => {
      polling = false;
      if (r.ok && r.value) {
        for (const g of gaps) if (g.after === undefined && g.before !== r.value.label) g.after = r.value.label;
        label = r.value.label;
      }
    });
  }, 5);
  // A marker for --trace-gc's lines, which go to the same stdout.
  console.log(`start of ${name}`);
  if (profiler) await profiler.start();
  const t = performance.now();
  const cpu0 = cpu();
  // Wall and CPU time per progress label, as the poller sees the label change.
  const split = new Map();
  let at = { label, wall: t, cpu: cpu0 };
  const labelWatch = setInterval(() => {
    if (label === at.label) return;
    const key = at.label.replace(/[\d.]+\/[\d.]+/, 'n/N');
    const s = split.get(key) ?? { wall: 0, cpu: 0 };
    s.wall += performance.now() - at.wall;
    s.cpu += cpu() - at.cpu;
    split.set(key, s);
    at = { label, wall: performance.now(), cpu: cpu() };
  }, 5);
  await fn(jobId);
  // The gap from the last turn to the call's end (a call that never yields has no other).
  if (performance.now() - last > 50)
    gaps.push({
      ...waitParts(performance.now() - last, lastWait, hostWait()),
      ms: Math.round(performance.now() - last),
      cpuMs: Math.round(cpu() - lastCpu),
      hostMs: Math.round(hostCpu() - lastHost),
      before: label,
      fromUs: lastUs,
      toUs: usNow(),
    });
  clearInterval(timer);
  clearInterval(labelWatch);
  const profile = profiler ? await profiler.stop() : null;
  const tail = split.get(at.label.replace(/[\d.]+\/[\d.]+/, 'n/N')) ?? { wall: 0, cpu: 0 };
  tail.wall += performance.now() - at.wall;
  tail.cpu += cpu() - at.cpu;
  split.set(at.label.replace(/[\d.]+\/[\d.]+/, 'n/N'), tail);
  const wall = performance.now() - t;
  const longest = gaps.reduce((m, g) => Math.max(m, g.ms), 0);
  const longestCpu = gaps.reduce((m, g) => Math.max(m, g.cpuMs), 0);
  const longestHost = gaps.reduce((m, g) => Math.max(m, g.hostMs), 0);
  // The longest gap had the host never waited for a core (on a core + blocked): what the call itself
  // holds, whatever else the machine runs.
  const ownLongest = gaps.reduce((m, g) => Math.max(m, g.runMs + g.blockedMs), 0);
  summary.push({ name, wall: Math.round(wall), cpu: Math.round(cpu() - cpu0), longest, longestCpu, longestHost, ownLongest });
  console.log(`${name}: ${Math.round(wall)} ms wall, ${Math.round(cpu() - cpu0)} ms CPU; longest gaps between turns of the host:`);
  const show = (g) =>
    `  ${g.ms} ms (CPU ${g.cpuMs} ms, host thread CPU ${g.hostMs} ms; ${g.parts}) after "${g.before}"${g.after ? ` → "${g.after}"` : ''}`;
  for (const g of [...gaps].sort((a, b) => b.ms - a.ms).slice(0, 6)) console.log(show(g));
  console.log('  by time blocked (neither on a core nor waiting for one: the disk, a lock):');
  for (const g of [...gaps].sort((a, b) => b.blockedMs - a.blockedMs).slice(0, 3)) console.log(show(g));
  console.log('  by CPU time:');
  for (const g of [...gaps].sort((a, b) => b.cpuMs - a.cpuMs).slice(0, 6)) console.log(show(g));
  if (profile) {
    console.log('  host thread in the gaps with the most host CPU (PROFILE_GAPS; self time, then total time by function):');
    for (const g of [...gaps].sort(profiledFirst).slice(0, Number(process.env.PROFILE_GAPS) || 3)) {
      console.log(show(g));
      for (const line of inWindow(profile, g.fromUs, g.toUs)) console.log(`      ${line}`);
    }
  }
  if (split.size > 1) {
    console.log('  time by phase (progress label):');
    for (const [k, v] of split) console.log(`    ${Math.round(v.wall)} ms wall, ${Math.round(v.cpu)} ms CPU: "${k}"`);
  }
}

const profiler = process.env.PROFILE_GAPS ? gapProfiler() : null;
/** The gaps profiled first: by host-thread CPU, or (PROFILE_BY=blocked) by the time the thread was blocked. */
const profiledFirst = process.env.PROFILE_BY === 'blocked' ? (a, b) => b.blockedMs - a.blockedMs : (a, b) => b.hostMs - a.hostMs;

const summary = [];
const aCommune = async () => (await call('units.list', { includeEnded: false })).find((u) => u.level === 'xa');
/** The province run's edits (bench/province.bench.mjs): one propaganda session (editedPropaganda), one incident. */
const incidentRecord = (unitId) => ({
  occurredOn: '2026-06-30',
  unitId,
  organizationId: null,
  category: 'te_nan_xa_hoi',
  count: 1,
  solved: 0,
  deaths: 0,
  injuries: 0,
  description: 'Vụ việc giữa hai phiên',
  excuse: null,
  excuseReason: null,
  excuseApprovedBy: null,
  excuseApprovedOn: null,
  note: null,
});
const wantedPath = (name) => !process.env.BLOCK_PATHS || process.env.BLOCK_PATHS.split(',').some((p) => name.includes(p));
/** The reading paths of the sweep (issue 16 item 3): each one's longest gap between turns of the host. */
const SWEEP = [
  ['evaluation.board', () => call('evaluation.board', { year: 2026, category: null, unitId: null })],
  ['period.figures one year', () => call('period.figures', { from: '2026-01-01', to: '2026-12-31', unitId: null })],
  ['period.figures ten years', () => call('period.figures', { from: '2017-01-01', to: '2026-12-31', unitId: null })],
  [
    'period.figures ten years after a propaganda edit',
    () => call('period.figures', { from: '2017-01-01', to: '2026-12-31', unitId: null }),
    // The figures computed once, then one session saved (not watched): the province run's leg.
    async () => {
      await call('period.figures', { from: '2017-01-01', to: '2026-12-31', unitId: null });
      await call('activities.save', { kind: 'propaganda', id: null, record: editedPropaganda((await aCommune()).id) });
    },
  ],
  ['registry.overview', () => call('registry.overview', { from: '2026-01-01', to: '2026-12-31', unitId: null })],
  [
    'evaluation.board after a restart and an edit',
    () => call('evaluation.board', { year: 2026, category: null, unitId: null }),
    // The session before looked at the board, saved one incident and closed (the province run's leg).
    async () => {
      await call('evaluation.board', { year: 2026, category: null, unitId: null });
      await call('activities.save', { kind: 'incidents', id: null, record: incidentRecord((await aCommune()).id) });
      backend.close();
      ({ backend, call } = await openBenchBackend(app, copy, NOW));
    },
  ],
  ['dashboard.get whole office', () => call('dashboard.get', { year: 2026, unitId: null })],
  ['dashboard.get one commune', async () => call('dashboard.get', { year: 2026, unitId: (await aCommune()).id })],
  [
    'xlsx.export propaganda no date range',
    // Refused above MAX_IMPORT_ROWS records (h19-ckpt, export-bound.ts): the refusal is what is watched then.
    (jobId) =>
      call('xlsx.export', {
        registry: 'propaganda',
        filter: { unitId: null, year: null, search: '', kind: null, status: null, from: null, to: null },
        jobId,
      }).catch((e) => console.log(`  refused: ${e.message}`)),
  ],
  [
    'activities.list propaganda no date range',
    // Refused above LIST_MAX_ROWS records (h18-blocks): the refusal is what is watched then.
    () =>
      call('activities.list', { kind: 'propaganda', unitId: null, from: null, to: null, search: '', category: null }).catch((e) =>
        console.log(`  refused: ${e.message}`),
      ),
  ],
  [
    'members.page first page',
    () =>
      call('members.page', {
        unitId: null,
        year: 2026,
        search: '',
        kind: null,
        status: null,
        massOrgId: null,
        page: { offset: 0, limit: 100, sort: 'fullName', dir: 'asc' },
      }),
  ],
  [
    'activities.page propaganda first page',
    () =>
      call('activities.page', {
        kind: 'propaganda',
        unitId: null,
        from: null,
        to: null,
        search: '',
        category: null,
        page: { offset: 0, limit: 100, sort: 'default', dir: 'asc' },
      }),
  ],
  [
    'xlsx.export members',
    () => call('xlsx.export', { registry: 'members', filter: { unitId: null, year: null, search: '', kind: null, status: null } }),
  ],
  [
    'xlsx.export organizations',
    (jobId) =>
      call('xlsx.export', { registry: 'organizations', filter: { unitId: null, year: null, search: '', kind: null, status: null }, jobId }),
  ],
];

if (what === 'freeze') {
  await phases('freeze', (jobId) => call('evaluation.freeze', { year: 2026, by: 'Nguyễn Văn An', note: null, jobId }));
} else if (what === 'freeze-after-backup') {
  // A freeze right after a backup with nothing written in between (the backup not watched): its
  // backup is the one just made, linked under the freeze's name once its digest is read again.
  await call('backups.create', {});
  await phases('freeze after a backup', (jobId) => call('evaluation.freeze', { year: 2026, by: 'Nguyễn Văn An', note: null, jobId }));
  console.log(`the freeze's backup was made as "${backend.backups.lastWay}"`);
} else if (what === 'backup') {
  await phases('backups.create', () => call('backups.create', {}));
  console.log(`the backup was made as "${backend.backups.lastWay}"`);
} else if (what === 'sweep') {
  for (const [name, fn, setup] of SWEEP) {
    if (!wantedPath(name)) continue;
    if (setup) await setup();
    await phases(name, fn);
  }
} else if (what === 'orgs') {
  const exported = await call('xlsx.export', {
    registry: 'organizations',
    filter: { unitId: null, year: null, search: '', kind: null, status: null },
  });
  const session = process.env['PROFILE_CALL'] ? new inspector.Session() : null;
  const post = (method) => new Promise((resolve, reject) => session.post(method, (err, value) => (err ? reject(err) : resolve(value))));
  if (session) {
    session.connect();
    await post('Profiler.enable');
    await post('Profiler.start');
  }
  let counts = null;
  await phases('preview', async (jobId) => {
    counts = (await call('xlsx.preview', { registry: 'organizations', fileBase64: exported.base64, jobId })).counts;
  });
  await phases('commit', (jobId) => call('xlsx.commit', { registry: 'organizations', fileBase64: exported.base64, jobId }));
  console.log(`organisations: ${exported.rows} rows exported; preview counts ${JSON.stringify(counts)}`);
  if (session) {
    const { profile } = await post('Profiler.stop');
    fs.writeFileSync(process.env['PROFILE_CALL'], JSON.stringify(profile));
    session.disconnect();
  }
} else {
  const file = await propagandaFile(app, call, importRows, 7);
  await phases('preview', (jobId) => call('xlsx.preview', { registry: 'propaganda', fileBase64: file, jobId }));
  await phases('commit', (jobId) => call('xlsx.commit', { registry: 'propaganda', fileBase64: file, acceptWarnings: true, jobId }));
}
console.log('\nsummary (longest gap between turns of the host: wall, process CPU, the host thread CPU in it):');
for (const r of summary)
  console.log(
    `  ${r.name}: ${r.wall} ms wall / ${r.cpu} ms CPU; longest block ${r.longest} ms (CPU ${r.longestCpu} ms, host thread CPU ${r.longestHost} ms)${r.longest > 200 ? '  > 200 ms' : ''}; without the waits for a core ${r.ownLongest} ms`,
  );
backend.close();
fs.rmSync(copy, { recursive: true, force: true });
