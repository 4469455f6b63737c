// The evaluation board at province size (issue 14 item 2): Công an huyện Gia Viễn's 18 communes
// with 2.982 residential areas under them (3.000 subjects), a third registered in bulk. Measures
// through the contract's dispatch what one registration in the drawer costs the board:
//   before  evaluation.register + evaluation.board (the whole board reloaded after each step)
//   after   evaluation.register + evaluation.boardRows (only the rows the change moved)
// Median of BENCH_RUNS runs (default 5). Prints figures; never fails on a time.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleBackend, openBenchBackend, median, GIA_VIEN_SETUP } from './support/bundle.mjs';

const NOW = '2026-11-22T03:00:00.000Z';
const RUNS = Math.max(1, Number(process.env['BENCH_RUNS'] ?? 5));
const AREAS = Number(process.env['BENCH_AREAS'] ?? 2982);
const ms = (t) => `${Math.round(t).toLocaleString('vi-VN')} ms`;

const app = await bundleBackend('evaluation-board', "export { openBackend } from './electron/backend/index.ts';");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'antq-bench-eval-'));
try {
  const { backend, call } = await openBenchBackend(app, dataDir, NOW);
  await call('office.setup', GIA_VIEN_SETUP);
  const communes = (await call('units.list', { includeEnded: false })).filter((u) => u.level === 'xa');
  const areas = [];
  for (let i = 0; i < AREAS; i++) {
    const c = communes[i % communes.length];
    areas.push(
      await call('units.create', {
        parentId: c.id,
        name: `Thôn ${Math.floor(i / communes.length) + 1}`,
        kind: 'thon',
        code: null,
        validFrom: '2020-01-01',
      }),
    );
  }
  const doc = {
    resolutionNumber: null,
    resolutionDate: null,
    resolutionForm: null,
    planNumber: '02/KH',
    planDate: '2026-02-05',
    note: null,
  };
  const third = areas.slice(0, Math.floor(AREAS / 3)).map((u) => ({ subjectType: 'unit', subjectId: u.id }));
  let t = performance.now();
  await call('evaluation.registerMany', { year: 2026, subjects: third, registeredOn: '2026-02-16', ...doc });
  console.log(`registerMany of ${third.length.toLocaleString('vi-VN')} areas: ${ms(performance.now() - t)}`);
  const subjects = (await call('evaluation.board', { year: 2026, category: null, unitId: null })).rows.length;
  console.log(`subjects on the board: ${subjects.toLocaleString('vi-VN')}`);

  const reg = [],
    full = [],
    rows = [];
  for (let r = 0; r < RUNS; r++) {
    const a = areas[Math.floor(AREAS / 3) + r];
    t = performance.now();
    await call('evaluation.register', {
      subjectType: 'unit',
      subjectId: a.id,
      year: 2026,
      registeredOn: '2026-02-16',
      ...doc,
      householdsRegistered: 120,
      staffBriefed: null,
      staffTotal: null,
      departmentsGood: null,
      departmentsTotal: null,
    });
    reg.push(performance.now() - t);
    t = performance.now();
    await call('evaluation.board', { year: 2026, category: null, unitId: null });
    full.push(performance.now() - t);
    t = performance.now();
    const out = await call('evaluation.boardRows', { year: 2026, subjects: [{ subjectType: 'unit', subjectId: a.id }] });
    rows.push(performance.now() - t);
    if (out.rows.length !== 2) throw new Error(`expected the area and its commune, got ${out.rows.length} rows`);
  }
  const before = median(reg) + median(full);
  const after = median(reg) + median(rows);
  console.log(`evaluation.register (drawer, median): ${ms(median(reg))}`);
  console.log(`evaluation.board (whole board, median): ${ms(median(full))}   [${full.map(ms).join(', ')}]`);
  console.log(`evaluation.boardRows (2 rows, median): ${ms(median(rows))}   [${rows.map(ms).join(', ')}]`);
  console.log(
    `one registration, before: ${ms(before)}; after: ${ms(after)}; ${(before / after).toLocaleString('vi-VN', { maximumFractionDigits: 1 })}× less`,
  );
  backend.close();
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}
