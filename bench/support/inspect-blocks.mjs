// Where the host is held while the province takes in one office's snapshot (issue 16 item 3):
// builds the hand-off leg's set-up (bench/support/province-handoff.mjs) on the cached province,
// then runs handoffInbox.inspect and handoffInbox.apply while a 5 ms timer watches the event loop
// (wall, process CPU and the host thread's own CPU of each gap over 50 ms) and app.info is dispatched on every tick (turns counted).
// A helper for finding the block, not a benchmark:
//   [PROFILE_GAPS=<n> [PROFILE_BY=blocked]] node bench/support/inspect-blocks.mjs [provinceRows] [inspect|both]
// PROFILE_CALL=<file> writes a CPU profile (node:inspector) of the two calls (the set-up is not in it).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import inspector from 'node:inspector';
import { bundleBackend, openBenchBackend } from './bundle.mjs';
import { NOW, PROVINCE_EXPORTS, provinceFolder } from './province.mjs';
import { HANDOFF_EXPORTS, closeHandoffOffice, handoffLeg } from './province-handoff.mjs';
import { gapProfiler, hostWait, inWindow, usNow, waitParts } from './gap-profile.mjs';

const rows = Number(process.argv[2] ?? 50_000);
const what = process.argv[3] ?? 'both';
const app = await bundleBackend('inspect-blocks', PROVINCE_EXPORTS + HANDOFF_EXPORTS);
const { dir } = await provinceFolder(app, rows);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'antq-inspect-'));
let copies = 0;
const copyOf = (d) => {
  const to = path.join(work, `copy-${copies++}`);
  fs.cpSync(d, to, { recursive: true });
  return to;
};
const leg = await handoffLeg({ app, dir, work, copyOf });
const d = copyOf(leg.provinceDir);
const { backend } = await openBenchBackend(app, d, NOW);

const hostStat = `/proc/self/task/${process.pid}/stat`;
/** The host (main) thread's own CPU time in ms, 10 ms ticks (0 where /proc is absent). */
function hostCpu() {
  if (!fs.existsSync(hostStat)) return 0;
  const fields = fs.readFileSync(hostStat, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** PROFILE_GAPS=<n>: what ran on the host thread in the n gaps with the most host CPU (gap-profile.mjs). */
const profiler = process.env.PROFILE_GAPS ? gapProfiler() : null;
/** The gaps profiled first: by host-thread CPU, or (PROFILE_BY=blocked) by the time the thread was blocked. */
const profiledFirst = process.env.PROFILE_BY === 'blocked' ? (a, b) => b.blockedMs - a.blockedMs : (a, b) => b.hostMs - a.hostMs;

const cpu = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

/** Runs `fn` while a 5 ms timer watches gaps and asks app.info each tick; the longest gaps and the answers counted. */
async function watch(name, fn, jobId) {
  let label = '(before)';
  let last = performance.now();
  let lastCpu = cpu();
  let lastHost = hostCpu();
  let lastUs = usNow();
  let lastWait = hostWait();
  const gaps = [];
  let answered = 0;
  let asking = false;
  const timer = setInterval(() => {
    const now = performance.now();
    const c = cpu();
    const h = hostCpu();
    const us = usNow();
    const w = hostWait();
    if (now - last > 50)
      gaps.push({
        ...waitParts(now - last, lastWait, w),
        ms: Math.round(now - last),
        cpuMs: Math.round(c - lastCpu),
        hostMs: Math.round(h - lastHost),
        label,
        fromUs: lastUs,
        toUs: us,
      });
    last = now;
    lastUs = us;
    lastCpu = c;
    lastHost = h;
    lastWait = w;
    if (asking) return;
    asking = true;
    void backend.dispatch('app.info', {}).then(async () => {
      answered++;
      const p = await backend.dispatch('jobs.progress', { jobId });
      if (p.ok && p.value) label = p.value.label;
      asking = false;
    });
  }, 5);
  if (profiler) await profiler.start();
  const t0 = performance.now();
  const c0 = cpu();
  const value = await fn();
  const profile = profiler ? await profiler.stop() : null;
  const ms = performance.now() - t0;
  const cpuMs = cpu() - c0;
  clearInterval(timer);
  gaps.sort((a, b) => b.ms - a.ms);
  console.log(`${name}: ${Math.round(ms)} ms wall, ${Math.round(cpuMs)} ms CPU; app.info answered ${answered} times`);
  const list = (gs) =>
    gs
      .slice(0, 8)
      .map((g) => `${g.ms}/${g.cpuMs}/${g.hostMs} [${g.parts}] ${g.label}`)
      .join('; ') || 'none over 50 ms';
  console.log(`  longest gaps (wall / process CPU / host thread CPU ms, progress label before): ${list(gaps)}`);
  console.log(`  by host thread CPU: ${list([...gaps].sort((a, b) => b.hostMs - a.hostMs))}`);
  const own = gaps.reduce((m, g) => Math.max(m, g.runMs + g.blockedMs), 0);
  console.log(`  longest gap without its waits for a core (on core + blocked): ${own} ms`);
  console.log(`  by host thread blocked: ${list([...gaps].sort((a, b) => b.blockedMs - a.blockedMs))}`);
  if (profile)
    for (const g of [...gaps].sort(profiledFirst).slice(0, Number(process.env.PROFILE_GAPS) || 3)) {
      console.log(`  ${g.ms}/${g.cpuMs}/${g.hostMs} ${g.label}:`);
      for (const line of inWindow(profile, g.fromUs, g.toUs)) console.log(`      ${line}`);
    }
  return value;
}

const call = async (method, input) => {
  const r = await backend.dispatch(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value;
};
const session = process.env['PROFILE_CALL'] ? new inspector.Session() : null;
const post = (method) => new Promise((resolve, reject) => session.post(method, (err, value) => (err ? reject(err) : resolve(value))));
if (session) {
  session.connect();
  await post('Profiler.enable');
  await post('Profiler.start');
}
const inspectJob = randomUUID();
const [checked] = (
  await watch('handoffInbox.inspect', () => call('handoffInbox.inspect', { path: leg.file, jobId: inspectJob }), inspectJob)
).files;
console.log(`  status ${checked.status}`);
const applyJob = randomUUID();
if (what === 'both')
  await watch(
    'handoffInbox.apply',
    () => call('handoffInbox.apply', { path: leg.file, sha256: checked.sha256, jobId: applyJob }),
    applyJob,
  );
if (session) {
  const { profile } = await post('Profiler.stop');
  fs.writeFileSync(process.env['PROFILE_CALL'], JSON.stringify(profile));
  console.log(`profile written to ${process.env['PROFILE_CALL']}`);
}
backend.close();
closeHandoffOffice();
fs.rmSync(work, { recursive: true, force: true });
