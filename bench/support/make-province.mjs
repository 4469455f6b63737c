// Builds (or finds) the cached province of each scale ahead of a bench run, so that the run itself
// measures and does not generate: `node bench/support/make-province.mjs 50k 500k 2m` with the
// project's Node 22. The same generator and cache as bench/province.bench.mjs (support/province.mjs).
import { bundleBackend } from './bundle.mjs';
import { PROVINCE_EXPORTS, provinceFolder } from './province.mjs';
import { WRITES_EXPORTS } from './province-writes.mjs';

const scale = (s) => {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(s.trim());
  if (!m) throw new Error(`"${s}" is not a size like 50k, 500k or 2m`);
  return Math.round(Number(m[1]) * { '': 1, k: 1e3, m: 1e6 }[m[2].toLowerCase()]);
};
const app = await bundleBackend('province', PROVINCE_EXPORTS + WRITES_EXPORTS);
for (const arg of process.argv.slice(2)) {
  const rows = scale(arg);
  const t = performance.now();
  const { dir, facts } = await provinceFolder(app, rows);
  console.log(`province ${rows}: ${facts.rows} records in ${dir} (${Math.round((performance.now() - t) / 1000)} s)`);
}
