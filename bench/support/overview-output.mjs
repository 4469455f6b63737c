// Prints the overview's JSON on a copy of the cached province, computed cold (nothing kept in the
// file, nothing in memory), for the whole office and for each unit directly below the root, and also
// after a one-year period's figures (the members' pair kept in memory): for checking that a change
// leaves every overview output byte-identical. Not a benchmark.
//   node bench/support/overview-output.mjs [rows] > out.json
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleBackend, openBenchBackend } from './bundle.mjs';
import { NOW, PROVINCE_EXPORTS, provinceFolder } from './province.mjs';
import BetterSqlite3 from 'better-sqlite3';

const rows = Number(process.argv[2] ?? 50_000);
const app = await bundleBackend('overview-output', PROVINCE_EXPORTS);
const { dir } = await provinceFolder(app, rows, () => {});
const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'antq-ovout-'));
fs.cpSync(dir, copy, { recursive: true });
const forget = () => {
  for (const f of fs.readdirSync(copy).filter((n) => n.endsWith('.sqlite') || n.endsWith('.db'))) {
    const conn = new BetterSqlite3(path.join(copy, f));
    if (conn.prepare("SELECT 1 FROM sqlite_master WHERE name = 'stored_reads'").get()) conn.exec('DELETE FROM stored_reads');
    conn.close();
  }
};
const out = {};
const periods = [
  ['2026-01-01', '2026-12-31'],
  ['2017-01-01', '2026-12-31'],
  ['2025-03-01', '2025-09-30'],
];
for (const [from, to] of periods) {
  forget();
  let o = await openBenchBackend(app, copy, NOW);
  const whole = await o.call('registry.overview', { from, to, unitId: null });
  out[`${from}..${to} cold`] = whole;
  // Three units below the root and one commune, each computed cold.
  const units = await o.call('units.list', { includeEnded: false });
  const picks = [...whole.perUnit.slice(0, 3).map((u) => u.unitId), units.find((u) => u.level === 'xa').id];
  o.backend.close();
  for (const unitId of picks) {
    forget();
    o = await openBenchBackend(app, copy, NOW);
    out[`${from}..${to} ${unitId} cold`] = await o.call('registry.overview', { from, to, unitId });
    o.backend.close();
  }
  // After the period's figures of the same period (the pair of years kept in memory).
  forget();
  o = await openBenchBackend(app, copy, NOW);
  await o.call('period.figures', { from, to, unitId: null });
  out[`${from}..${to} after the period`] = await o.call('registry.overview', { from, to, unitId: null });
  o.backend.close();
}
process.stdout.write(JSON.stringify(out));
fs.rmSync(copy, { recursive: true, force: true });
