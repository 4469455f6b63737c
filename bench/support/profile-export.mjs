// Profiles and times one Excel export (xlsx.export) on a copy of the cached province, with the
// longest gap between turns of the host (issue 16 item 3). A helper, not a benchmark:
//   node [--cpu-prof] bench/support/profile-export.mjs [rows] [registry,registry…]
// e.g. `members`, `organizations`, `propaganda`. Prints wall and CPU time, the longest gap between
// 5 ms timer turns (wall and CPU) and how many times app.info was answered during the export.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleBackend, openBenchBackend } from './bundle.mjs';
import { NOW, PROVINCE_EXPORTS, provinceFolder } from './province.mjs';

const rows = Number(process.argv[2] ?? 50_000);
const registries = (process.argv[3] ?? 'members').split(',');
const app = await bundleBackend('profile-export', PROVINCE_EXPORTS);
const { dir } = await provinceFolder(app, rows);
const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'antq-export-'));
fs.cpSync(dir, copy, { recursive: true });
const { backend, call } = await openBenchBackend(app, copy, NOW);
const cpu = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
const filter = { unitId: null, year: null, search: '', kind: null, status: null };

for (const registry of registries) {
  let last = performance.now();
  let lastCpu = cpu();
  let longest = 0;
  let longestCpu = 0;
  let answers = 0;
  let asking = false;
  const timer = setInterval(() => {
    const now = performance.now();
    const nowCpu = cpu();
    longest = Math.max(longest, now - last);
    longestCpu = Math.max(longestCpu, nowCpu - lastCpu);
    last = now;
    lastCpu = nowCpu;
    if (asking) return;
    asking = true;
    void backend.dispatch('app.info', {}).then((r) => {
      asking = false;
      if (r.ok) answers++;
    });
  }, 5);
  const t = performance.now();
  const c0 = cpu();
  const r = await call('xlsx.export', { registry, filter });
  clearInterval(timer);
  const wall = performance.now() - t;
  console.log(
    `xlsx.export ${registry}: ${r.rows} rows, ${Math.round((r.base64.length * 3) / 4 / 1024)} KB, ` +
      `${Math.round(wall)} ms wall, ${Math.round(cpu() - c0)} ms CPU; longest gap ${Math.round(longest)} ms ` +
      `(CPU ${Math.round(longestCpu)} ms); app.info answered ${answers} times`,
  );
  if (process.env['EXPORT_KEEP']) fs.writeFileSync(path.join(os.tmpdir(), `export-${registry}.xlsx`), Buffer.from(r.base64, 'base64'));
}
backend.close();
fs.rmSync(copy, { recursive: true, force: true });
