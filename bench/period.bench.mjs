// The period figures (period.figures) over a district's activity records: ~50.000 records of the six
// kinds spread over Gia Viễn's 18 communes and ten years (2017–2026), entered through the app's own
// dispatch (activities.saveMany, so every record is checked and stored as an officer's would be).
// Then measures, in process and through the contract's dispatch (output checked), the median time of
// period.figures for one year, for five years, and for one commune over five years.
// Prints figures; never fails on a time. Needs no build (the backend is bundled from source).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleBackend, openBenchBackend, median, GIA_VIEN_SETUP } from './support/bundle.mjs';
import { SHARES, pick } from './support/activity-records.mjs';

const TOTAL = Number(process.env['BENCH_RECORDS'] ?? 50_000);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 5);
const NOW = '2026-11-22T03:00:00.000Z';

const ms = (t) => `${t.toFixed(0)} ms`;
const n = (x) => x.toLocaleString('vi-VN');

// ---- the app's backend code, bundled from source for this run ---------------------------------
const app = await bundleBackend('period', "export { openBackend } from './electron/backend/index.ts';");

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'antq-bench-period-'));
try {
  const { backend, call } = await openBenchBackend(app, dataDir, NOW);
  await call('office.setup', GIA_VIEN_SETUP);
  const communes = (await call('units.list', { includeEnded: false })).filter((u) => u.level === 'xa');

  const t0 = performance.now();
  let stored = 0;
  for (const [kind, [share, make]] of Object.entries(SHARES)) {
    const count = Math.round(TOTAL * share);
    const records = Array.from({ length: count }, () => make(pick(communes).id));
    for (let i = 0; i < records.length; i += 5000) {
      stored += (await call('activities.saveMany', { kind, records: records.slice(i, i + 5000) })).ids.length;
    }
  }
  console.log(
    `load: ${n(stored)} activity records over ${communes.length} communes and 2017–2026 through activities.saveMany in ${ms(performance.now() - t0)}`,
  );

  const measure = async (label, input) => {
    const times = [];
    let out = null;
    for (let i = 0; i < RUNS; i++) {
      const s = performance.now();
      out = await call('period.figures', input);
      times.push(performance.now() - s);
    }
    const f = out.activities.current;
    console.log(
      `period.figures ${label}: median ${ms(median(times))}, first ${ms(times[0])} (${RUNS} runs) — ` +
        `${n(f['propaganda.sessions'])} buổi, ${n(f['tips.total'])} nguồn tin, ${n(f['incidents.crimes'])} vụ phạm tội, ${out.perUnit.length} đơn vị`,
    );
  };
  await measure('year 2026, whole district', { from: '2026-01-01', to: '2026-12-31', unitId: null });
  await measure('2022–2026, whole district', { from: '2022-01-01', to: '2026-12-31', unitId: null });
  await measure('2017–2026, whole district', { from: '2017-01-01', to: '2026-12-31', unitId: null });
  await measure(`2022–2026, ${communes[0].name}`, { from: '2022-01-01', to: '2026-12-31', unitId: communes[0].id });
  backend.close();
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}
