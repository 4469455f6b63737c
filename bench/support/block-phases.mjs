// Where the host is held during one long call (issue 16 item 3): runs a freeze or an Excel import
// (preview + commit) on a copy of the cached province while a 5 ms timer watches the event loop
// and polls the job's progress label; prints the longest gaps with the label before and after each.
// A helper for finding the block, not a benchmark:
//   node bench/support/block-phases.mjs [rows] [freeze|import] [importRows]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { bundleBackend, openBenchBackend } from './bundle.mjs';
import { NOW, PROVINCE_EXPORTS, provinceFolder } from './province.mjs';
import { WRITES_EXPORTS, propagandaFile } from './province-writes.mjs';

const rows = Number(process.argv[2] ?? 50_000);
const what = process.argv[3] ?? 'freeze';
const importRows = Number(process.argv[4] ?? 100_000);
const app = await bundleBackend('block-phases', PROVINCE_EXPORTS + WRITES_EXPORTS);
const { dir } = await provinceFolder(app, rows);
const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'antq-phases-'));
fs.cpSync(dir, copy, { recursive: true });
const { backend, call } = await openBenchBackend(app, copy, NOW);

/** Runs `fn(jobId)` while watching gaps between turns; returns the 8 longest with their labels. */
async function phases(name, fn) {
  const jobId = randomUUID();
  let label = '(before)';
  let last = performance.now();
  // CPU time of the process too: on a loaded machine a wall-clock gap may be the scheduler's, not the call's.
  const cpu = () => {
    const c = process.cpuUsage();
    return (c.user + c.system) / 1000;
  };
  let lastCpu = cpu();
  const gaps = [];
  let polling = false;
  const timer = setInterval(() => {
    const now = performance.now();
    const nowCpu = cpu();
    if (now - last > 50) gaps.push({ ms: Math.round(now - last), cpuMs: Math.round(nowCpu - lastCpu), before: label });
    last = now;
    lastCpu = nowCpu;
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
  const t = performance.now();
  await fn(jobId);
  clearInterval(timer);
  console.log(`${name}: ${Math.round(performance.now() - t)} ms; longest gaps between turns of the host:`);
  const show = (g) => `  ${g.ms} ms (CPU ${g.cpuMs} ms) after "${g.before}"${g.after ? ` → "${g.after}"` : ''}`;
  for (const g of [...gaps].sort((a, b) => b.ms - a.ms).slice(0, 6)) console.log(show(g));
  console.log('  by CPU time:');
  for (const g of [...gaps].sort((a, b) => b.cpuMs - a.cpuMs).slice(0, 6)) console.log(show(g));
}

if (what === 'freeze') {
  await phases('freeze', (jobId) => call('evaluation.freeze', { year: 2026, by: 'Nguyễn Văn An', note: null, jobId }));
} else {
  const file = await propagandaFile(app, call, importRows, 7);
  await phases('preview', (jobId) => call('xlsx.preview', { registry: 'propaganda', fileBase64: file, jobId }));
  await phases('commit', (jobId) => call('xlsx.commit', { registry: 'propaganda', fileBase64: file, acceptWarnings: true, jobId }));
}
backend.close();
fs.rmSync(copy, { recursive: true, force: true });
