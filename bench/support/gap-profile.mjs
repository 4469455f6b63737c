// What ran on the host thread in one gap between its turns (issue 16 item 3): a CPU profile of this
// isolate (node:inspector; the reader and keys workers are other isolates, not in it) and the samples
// that fall between two readings of the monotonic clock. Used by block-phases.mjs and inspect-blocks.mjs
// with PROFILE_GAPS=<n>.
import path from 'node:path';
import fs from 'node:fs';
import inspector from 'node:inspector';

const hostSched = `/proc/self/task/${process.pid}/schedstat`;
const hostIo = `/proc/self/task/${process.pid}/io`;
/**
 * The host thread's scheduler figures (ns on a core, ns waiting for a core) and its storage bytes
 * (read_bytes, write_bytes): what a gap's wall time went to besides CPU. The rest of a gap — neither
 * on a core nor waiting for one — is the thread blocked: on the disk (a read, an fsync) or a lock.
 */
export function hostWait() {
  if (!fs.existsSync(hostSched)) return { run: 0, queue: 0, read: 0, written: 0 };
  const [run, queue] = fs.readFileSync(hostSched, 'utf8').trim().split(' ').map(Number);
  const io = Object.fromEntries(
    fs
      .readFileSync(hostIo, 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split(': ')),
  );
  return { run: run / 1e6, queue: queue / 1e6, read: Number(io.read_bytes), written: Number(io.write_bytes) };
}

/**
 * A gap of `ms` wall between two hostWait() readings, split: on a core, waiting for one (other
 * threads or processes had the cores), blocked (the rest: the disk, a lock, the timer's own 5 ms),
 * and the storage bytes the host thread read and wrote (written: pages dirtied, flushed later).
 */
export function waitParts(ms, from, to) {
  const runMs = Math.round(to.run - from.run);
  const queueMs = Math.round(to.queue - from.queue);
  const blockedMs = Math.round(ms - (to.run - from.run) - (to.queue - from.queue));
  const readKb = Math.round((to.read - from.read) / 1024);
  const writtenKb = Math.round((to.written - from.written) / 1024);
  return {
    runMs,
    queueMs,
    blockedMs,
    parts: `on core ${runMs}, queued ${queueMs}, blocked ${blockedMs}; read ${readKb} KB, written ${writtenKb} KB`,
  };
}

/** The monotonic clock in µs (the V8 profiler's samples are on it: base::TimeTicks, CLOCK_MONOTONIC). */
export function usNow() {
  return Number(process.hrtime.bigint() / 1000n);
}

/**
 * A CPU profile of the host thread (node:inspector profiles this isolate alone, not
 * the reader worker's) started and stopped around each watched call.
 */
export function gapProfiler() {
  const session = new inspector.Session();
  session.connect();
  const post = (method, params) =>
    new Promise((resolve, reject) => session.post(method, params, (err, value) => (err ? reject(err) : resolve(value))));
  return {
    async start() {
      await post('Profiler.enable');
      await post('Profiler.setSamplingInterval', { interval: 500 });
      await post('Profiler.start');
    },
    async stop() {
      const { profile } = await post('Profiler.stop');
      return profile;
    },
  };
}

/** The samples of `profile` between fromUs and toUs: the top functions by self time and by total time. */
export function inWindow(profile, fromUs, toUs) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const c of node.children ?? []) parent.set(c, node.id);
  const name = (node) => {
    const f = node.callFrame;
    return `${f.functionName || '(anonymous)'} ${f.url ? `${path.basename(f.url)}:${f.lineNumber + 1}` : ''}`.trim();
  };
  const self = new Map();
  const total = new Map();
  let at = profile.startTime;
  let sum = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i];
    if (at < fromUs || at > toUs) continue;
    const dt = profile.timeDeltas[i + 1] ?? 0;
    const node = byId.get(profile.samples[i]);
    if (name(node).startsWith('(idle)')) continue;
    sum += dt;
    self.set(name(node), (self.get(name(node)) ?? 0) + dt);
    const seen = new Set();
    for (let id = node.id; id !== undefined; id = parent.get(id)) {
      const k = name(byId.get(id));
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + dt);
    }
  }
  const top = (m, n) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, us]) => `${Math.round(us / 1000)} ms ${k}`);
  return [
    `${Math.round(sum / 1000)} ms sampled`,
    'self:',
    ...top(self, 8),
    'total:',
    ...top(total, 25).filter((l) => !/\(root\)|\(program\)/.test(l)),
  ];
}
