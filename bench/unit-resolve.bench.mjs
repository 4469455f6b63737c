// Issue 16: the cost of finding the units a record sheet names, where one name ("Thôn 1") exists
// under every commune. A province with BENCH_COMMUNES communes (500), each with a Thôn 1, is built
// through the unit list sheet; then a mass organisations sheet and a yearly figures sheet with one
// row per commune naming "Xã … / Thôn 1" are previewed through dispatch (xlsx.preview: prepare,
// parse every row, classify; nothing written), median of BENCH_RUNS runs. The lookup alone is timed
// too: the strict index (built once per import), and, when this checkout still has it, the older
// resolver that folded every same-named unit's path for every row (run this file on an older
// checkout for the "before" figures). Prints figures; never fails on a time.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleBackend, openBenchBackend, median } from './support/bundle.mjs';

const NOW = '2026-11-22T03:00:00.000Z';
const COMMUNES = Number(process.env['BENCH_COMMUNES'] ?? 500);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 5);

const app = await bundleBackend(
  'unit-resolve',
  [
    "export { openBackend } from './electron/backend/index.ts';",
    "export { EMPTY_PROVINCE_SETUP } from './tests/support/units-xlsx.ts';",
    "export { specFor } from './electron/backend/services/xlsx-import/registry.ts';",
    "export { writeWorkbook } from './electron/backend/xlsx/workbook.ts';",
    "export { UnitIndex } from './electron/backend/xlsx/unit-index.ts';",
    "export * as cells from './electron/backend/xlsx/cells.ts';",
  ].join('\n'),
);

const ms = (t) => `${t.toFixed(1)} ms`;
const spread = (xs) => `${ms(Math.min(...xs))}–${ms(Math.max(...xs))}`;

async function sheet(registry, rows) {
  const spec = app.specFor(registry);
  const buffer = await app.writeWorkbook({ title: spec.title, columns: spec.columns, rows, template: false });
  return buffer.toString('base64');
}

/** Distinct commune names with diacritics: "Xã Hòa Lợi 1", "Xã Hòa Lợi 2", … */
function communeName(i) {
  const first = ['An', 'Bình', 'Hòa', 'Phú', 'Tân', 'Thạnh', 'Đông', 'Tây', 'Hưng', 'Long'];
  const second = ['Lợi', 'Sơn', 'Hải', 'Lâm', 'Thành', 'Điền', 'Phong', 'Hiệp', 'Quang', 'Trung'];
  return `Xã ${first[i % 10]} ${second[Math.floor(i / 10) % 10]} ${Math.floor(i / 100) + 1}`;
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'antq-bench-resolve-'));
try {
  const { backend, call } = await openBenchBackend(app, dataDir, NOW);
  await call('office.setup', app.EMPTY_PROVINCE_SETUP);
  const root = (await call('units.list', { includeEnded: false })).find((u) => u.parentId === null);
  const names = Array.from({ length: COMMUNES }, (_, i) => communeName(i));
  await call('xlsx.commit', {
    registry: 'units',
    fileBase64: await sheet(
      'units',
      names.map((name) => ({ parent: root.name, name, kind: 'Xã', validFrom: '01/07/2025' })),
    ),
  });
  await call('xlsx.commit', {
    registry: 'units',
    fileBase64: await sheet(
      'units',
      names.map((parent) => ({ parent, name: 'Thôn 1', kind: 'Thôn', validFrom: '01/07/2025' })),
    ),
  });
  const units = await call('units.list', { includeEnded: true });
  console.log(`${units.length} units; ${COMMUNES} named "Thôn 1"; ${RUNS} runs each (median, min–max)`);

  const files = {
    mass_orgs: await sheet(
      'mass_orgs',
      names.map((c, i) => ({
        unit: `${c} / Thôn 1`,
        kind: 'Tổ bảo vệ an ninh, trật tự',
        name: `Tổ bảo vệ ANTT ${i + 1}`,
        validFrom: '01/07/2025',
      })),
    ),
    unit_year_stats: await sheet(
      'unit_year_stats',
      names.map((c, i) => ({ year: 2025, unit: `${c} / Thôn 1`, households: 100 + i, residents: 400 + i })),
    ),
  };
  for (const [registry, fileBase64] of Object.entries(files)) {
    const times = [];
    let counts = null;
    for (let r = 0; r < RUNS; r++) {
      const t0 = performance.now();
      counts = (await call('xlsx.preview', { registry, fileBase64 })).counts;
      times.push(performance.now() - t0);
    }
    console.log(
      `preview ${registry.padEnd(16)} ${COMMUNES} rows: ${ms(median(times)).padStart(10)} (${spread(times)})  ${JSON.stringify(counts)}`,
    );
  }

  // The lookup alone, same paths, same units.
  const paths = names.map((c) => `${c} / Thôn 1`);
  const lookups = (make, resolve) => {
    const times = [];
    let found = 0;
    for (let r = 0; r < RUNS; r++) {
      const t0 = performance.now();
      const m = make();
      found = paths.filter((p) => resolve(m, p).ok).length;
      times.push(performance.now() - t0);
    }
    return `${ms(median(times)).padStart(10)} (${spread(times)}), ${found} of ${paths.length} found`;
  };
  console.log(
    `lookup, strict index (build + ${paths.length} paths): ${lookups(
      () => new app.UnitIndex(units),
      (m, p) => m.resolve(p, 'record'),
    )}`,
  );
  if (app.cells.UnitResolver && app.cells.UnitResolver !== app.UnitIndex) {
    console.log(
      `lookup, older folding resolver (build + ${paths.length} paths): ${lookups(
        () => new app.cells.UnitResolver(units),
        (m, p) => m.resolve(p),
      )}`,
    );
  }
  backend.close();
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}
