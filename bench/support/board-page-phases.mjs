// Where the host is held by the board's first page after a restart (issue 16 item 3): an earlier
// session keeps the board in the file; a fresh backend opens the file and asks the first page while
// a 1 ms timer records the gaps between turns; then the pieces of reading the kept board back are
// timed one by one on the same text (the SELECT, the split, the slices, and one whole JSON.parse).
// A helper for finding the block, not a benchmark:
//   node bench/support/board-page-phases.mjs [rows]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { bundleBackend, openBenchBackend } from './bundle.mjs';
import { NOW, PROVINCE_EXPORTS, provinceFolder } from './province.mjs';

const rows = Number(process.argv[2] ?? 50_000);
const app = await bundleBackend('board-page-phases', PROVINCE_EXPORTS);
const { dir } = await provinceFolder(app, rows);
const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'antq-board-page-'));
fs.cpSync(dir, copy, { recursive: true });
const file = path.join(
  copy,
  fs.readdirSync(copy).find((f) => f.endsWith('.db') || f.endsWith('.sqlite')),
);
const BOARD = { year: 2026, category: null, unitId: null };
const pageOf = (offset, search = '', sort = 'default', dir = 'asc') => ({ ...BOARD, search, page: { offset, limit: 100, sort, dir } });

const before = await openBenchBackend(app, copy, NOW);
await before.call('evaluation.board', BOARD);
before.backend.close();

/** The gaps between turns longer than 20 ms while `fn` runs, and the longest. */
async function gaps(label, fn) {
  const found = [];
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    if (now - last > 20) found.push(Math.round(now - last));
    last = now;
  }, 1);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  await fn();
  const c = process.cpuUsage(c0);
  clearInterval(timer);
  const end = performance.now();
  if (end - last > 20) found.push(Math.round(end - last));
  console.log(
    `${label}: ${Math.round(end - t0)} ms wall, ${Math.round((c.user + c.system) / 1000)} ms CPU; gaps over 20 ms: ${found.join(', ') || 'none'}`,
  );
}

for (let run = 0; run < 3; run++) {
  const o = await openBenchBackend(app, copy, NOW);
  await new Promise((r) => setTimeout(r, 200));
  await gaps(`run ${run + 1}: first page after a restart`, () => o.call('evaluation.boardPage', pageOf(0)));
  await gaps(`run ${run + 1}: the next page`, () => o.call('evaluation.boardPage', pageOf(100)));
  await gaps(`run ${run + 1}: a search "thon 1"`, () => o.call('evaluation.boardPage', pageOf(0, 'thon 1')));
  await gaps(`run ${run + 1}: another search "xa gia"`, () => o.call('evaluation.boardPage', pageOf(0, 'xa gia')));
  for (const [sort, dir] of [
    ['name', 'asc'],
    ['parent', 'desc'],
    ['status', 'asc'],
    ['live', 'desc'],
  ]) {
    await gaps(`run ${run + 1}: ordered by ${sort} ${dir}`, () => o.call('evaluation.boardPage', pageOf(0, '', sort, dir)));
  }
  o.backend.close();
}

const raw = new BetterSqlite3(file, { readonly: true });
const time = (label, fn) => {
  const t0 = performance.now();
  const v = fn();
  console.log(`  ${label}: ${(performance.now() - t0).toFixed(1)} ms`);
  return v;
};
for (let run = 0; run < 3; run++) {
  console.log(`pieces, run ${run + 1}:`);
  const text = time('SELECT of the kept text', () =>
    raw.prepare("SELECT value FROM stored_reads WHERE name = 'evaluation.board'").pluck().get(),
  );
  const lines = time('split into rows', () => text.slice(text.indexOf(',"rows":[\n') + 10, -3).split(',\n'));
  const slices = [];
  for (let i = 0; i < lines.length; i += 500) {
    const t0 = performance.now();
    JSON.parse(`[${lines.slice(i, i + 500).join(',')}]`);
    slices.push(performance.now() - t0);
  }
  console.log(
    `  ${slices.length} slices of 500 rows: longest ${Math.max(...slices).toFixed(1)} ms, sum ${slices.reduce((a, b) => a + b, 0).toFixed(1)} ms`,
  );
  time(`one JSON.parse of the whole ${Math.round(text.length / 1e3)} KB`, () => JSON.parse(text));
}
raw.close();
fs.rmSync(copy, { recursive: true, force: true });
