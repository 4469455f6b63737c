// Summarises a .cpuprofile (from BENCH_PROFILE or `node --cpu-prof`): the functions with the most
// self time, and the total (inclusive) time of the functions named on the command line.
//   node bench/support/profile-summary.mjs <file.cpuprofile> [top=25] [name ...]
import fs from 'node:fs';
import path from 'node:path';

const [file, topArg, ...names] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/support/profile-summary.mjs <file.cpuprofile> [top] [function names]');
  process.exit(2);
}
const top = Number(topArg ?? 25);
const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map();
for (const node of profile.nodes) for (const c of node.children ?? []) parent.set(c, node.id);

// Time of each sample: the gap to the next one.
const selfUs = new Map();
const { samples, timeDeltas } = profile;
for (let i = 0; i < samples.length; i++) {
  const dt = timeDeltas[i + 1] ?? 0;
  selfUs.set(samples[i], (selfUs.get(samples[i]) ?? 0) + dt);
}
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
const label = (node) => {
  const f = node.callFrame;
  const where = f.url ? `${path.basename(f.url)}:${f.lineNumber + 1}` : '';
  return `${f.functionName || '(anonymous)'} ${where}`.trim();
};

const self = new Map();
for (const [id, us] of selfUs) {
  const key = label(byId.get(id));
  self.set(key, (self.get(key) ?? 0) + us);
}
const msOf = (us) => `${(us / 1000).toFixed(0).padStart(7)} ms`;
console.log(`${path.basename(file)}: ${msOf(total)} sampled`);
console.log('self time:');
for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(`${msOf(us)} ${((us / total) * 100).toFixed(1).padStart(5)} %  ${key}`);
}

// Inclusive time of named functions: a sample counts once if any frame on its stack matches.
if (names.length > 0) {
  console.log('inclusive time:');
  for (const name of names) {
    let us = 0;
    for (const [id, t] of selfUs) {
      for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
        if (byId.get(cur).callFrame.functionName === name) {
          us += t;
          break;
        }
      }
    }
    console.log(`${msOf(us)} ${((us / total) * 100).toFixed(1).padStart(5)} %  ${name}`);
  }
}
