// The unit list import (registry 'units') at province size: 150 communes, then one file of 2,000
// residential areas with 2025 figures, through the app's own dispatch (xlsx.preview, xlsx.commit:
// the same service path as the screen). Prints the time of each step and rows/s, then the same
// file again (nothing new), then the cost of resolving 2,000 "Xã … / Thôn 1" paths with the strict
// index (built once per import). The older folding resolver is gone (issue 16); its figures, measured
// on an older checkout, are in bench/unit-resolve.bench.mjs and docs/decisions.md (h16-resolver).
// Prints figures; never fails on a time. Needs no build (the backend is bundled from source).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleBackend, openBenchBackend } from './support/bundle.mjs';

const NOW = '2026-11-22T03:00:00.000Z';
const COMMUNES = Number(process.env['BENCH_COMMUNES'] ?? 150);
const AREAS = Number(process.env['BENCH_AREAS'] ?? 2000);

const ms = (t) => `${t.toFixed(0)} ms`;
const rate = (rows, t) => `${Math.round((rows * 1000) / t).toLocaleString('vi-VN')} dòng/s`;

const app = await bundleBackend(
  'units-import',
  [
    "export { openBackend } from './electron/backend/index.ts';",
    "export { provinceSheet, unitSheetBase64, EMPTY_PROVINCE_SETUP } from './tests/support/units-xlsx.ts';",
    "export { UnitIndex } from './electron/backend/xlsx/unit-index.ts';",
  ].join('\n'),
);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'antq-bench-units-'));
try {
  const { backend, call } = await openBenchBackend(app, dataDir, NOW);
  await call('office.setup', app.EMPTY_PROVINCE_SETUP);
  const root = (await call('units.list', { includeEnded: false })).find((u) => u.parentId === null);
  const sheet = app.provinceSheet(root.name, COMMUNES, AREAS);
  const communesFile = await app.unitSheetBase64(sheet.communes);
  const areasFile = await app.unitSheetBase64(sheet.areas);
  console.log(`file: ${AREAS} residential areas under ${COMMUNES} communes, ${((areasFile.length * 0.75) / 1024).toFixed(0)} KB`);

  const step = async (label, method, file, rows) => {
    const t0 = performance.now();
    const out = await call(method, { registry: 'units', fileBase64: file });
    const t = performance.now() - t0;
    const summary = out.counts ? JSON.stringify(out.counts) : JSON.stringify(out);
    console.log(`${label.padEnd(36)} ${ms(t).padStart(8)}  ${rate(rows, t).padStart(14)}  ${summary}`);
    return t;
  };
  await step(`commit ${COMMUNES} communes`, 'xlsx.commit', communesFile, sheet.communes.length);
  await step(`preview ${AREAS} areas`, 'xlsx.preview', areasFile, AREAS);
  const commit = await step(`commit ${AREAS} areas`, 'xlsx.commit', areasFile, AREAS);
  await step(`preview the same file again`, 'xlsx.preview', areasFile, AREAS);
  await step(`commit the same file again`, 'xlsx.commit', areasFile, AREAS);
  console.log(`→ ${AREAS} residential areas imported in ${ms(commit)} (commit alone; preview is a separate step)`);

  // Lookup cost alone: every area named by its path, where "Thôn 1" exists under every commune.
  const units = await call('units.list', { includeEnded: true });
  const paths = sheet.areas.map((r) => `${r.parent} / ${r.name}`);
  const time = (fn) => {
    const t0 = performance.now();
    let found = 0;
    for (const p of paths) if (fn(p).ok) found++;
    return { t: performance.now() - t0, found };
  };
  const t0 = performance.now();
  const index = new app.UnitIndex(units);
  const built = performance.now() - t0;
  const strict = time((p) => index.resolve(p));
  console.log(
    `resolve ${paths.length} paths among ${units.length} units: index ${ms(built)} to build + ${ms(strict.t)} (${strict.found} found)`,
  );
  backend.close();
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}
