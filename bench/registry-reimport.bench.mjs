// Issue 16, done-when: "an exported list of every registry re-imports unchanged at province scale,
// same-named units included" (support/province-reimport.mjs does the work). On a copy of the cached
// province (BENCH_SCALES, default 50k; the registries but the activity lists are the same at every
// scale), every registry's export is previewed back into the same file; prints per registry the
// rows, the preview's counts, how many records sit on same-named or accent-colliding units, the
// times, and the errors grouped by message. BENCH_REGISTRIES=units,members limits the registries.
// Not part of bench/province.bench.mjs: the members list alone (135.716 rows) took 19 minutes to
// export and preview on the loaded 2-core machine. Prints counts; never fails on them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleBackend } from './support/bundle.mjs';
import { PROVINCE_EXPORTS, provinceFolder } from './support/province.mjs';
import { reimportEveryRegistry, reimportTable } from './support/province-reimport.mjs';
import { n, sec } from './support/figures.mjs';

const scale = (s) => Math.round(parseFloat(s) * ({ k: 1e3, m: 1e6 }[s.trim().slice(-1).toLowerCase()] ?? 1));
const SCALES = (process.env['BENCH_SCALES'] ?? '50k').split(',').map(scale);
const ONLY = (process.env['BENCH_REGISTRIES'] ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);

const app = await bundleBackend('registry-reimport', PROVINCE_EXPORTS);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'antq-bench-reimport-'));
let copies = 0;
const copyOf = (dir) => {
  const to = path.join(work, `copy-${copies++}`);
  fs.cpSync(dir, to, { recursive: true });
  return to;
};
try {
  console.log(
    `registry re-import: ${os.cpus().length} CPUs, load avg ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')}`,
  );
  for (const rows of SCALES) {
    const t = performance.now();
    const { dir } = await provinceFolder(app, rows);
    console.log(`\n--- province of ${n(rows)} activity records ---`);
    const result = await reimportEveryRegistry({ app, dir, copyOf, only: ONLY });
    console.log(
      `\nRe-import of every registry's export into the same file (xlsx.preview), ${n(rows)} province, ${sec(performance.now() - t)}:`,
    );
    console.log(reimportTable(result));
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
