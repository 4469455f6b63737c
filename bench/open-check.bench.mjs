// The integrity check at start (PRAGMA quick_check in electron/backend/db/open.ts) on a 100 MB data
// file: builds a migrated office database through the app's own code, fills it to about 100 MB with
// rows and an index shaped like the app's (text, dates, a secondary index), then measures the median
// time of openDatabase (which runs quick_check before anything else) and of quick_check alone.
// Prints figures; never fails on a time. Needs no build (the backend is bundled from source).
// BENCH_MB=<n> changes the target size. The figures are with the file in the OS cache (it was just
// written); a cold start from a slow disk adds the time to read the file once.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleBackend, median } from './support/bundle.mjs';
import BetterSqlite3 from 'better-sqlite3';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TARGET_MB = Number(process.env['BENCH_MB'] ?? 100);
const app = await bundleBackend(
  'open-check',
  "export { openBackend } from './electron/backend/index.ts';\n" +
    "export { openDatabase } from './electron/backend/db/open.ts';\n" +
    "export { LATEST_VERSION } from './electron/backend/db/migrations/index.ts';",
);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'antq-bench-open-'));
try {
  const backend = await app.openBackend({
    dataDir,
    shell: 'web',
    appVersion: 'bench',
    cataloguePath: path.join(ROOT, 'resources', 'catalogue', 'admin-units.json'),
  });
  const file = backend.databasePath;
  backend.close();

  // Fill: rows of Vietnamese-like text with a date and a secondary index, in batches.
  const raw = new BetterSqlite3(file);
  raw.exec('CREATE TABLE bench_filler (id INTEGER PRIMARY KEY, unit TEXT, day TEXT, body TEXT)');
  raw.exec('CREATE INDEX bench_filler_unit_day ON bench_filler (unit, day)');
  const insert = raw.prepare('INSERT INTO bench_filler (unit, day, body) VALUES (?, ?, ?)');
  const words = ['tuyên truyền', 'an ninh', 'trật tự', 'thôn', 'xã', 'hòa giải', 'tố giác', 'khen thưởng', 'tổ dân phố', 'phong trào'];
  let i = 0;
  const started = Date.now();
  while (fs.statSync(file).size + (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0) < TARGET_MB * 1024 * 1024) {
    raw.transaction(() => {
      for (let k = 0; k < 5000; k++, i++) {
        const body = Array.from({ length: 60 }, (_, j) => words[(i * 7 + j * 3) % words.length]).join(' ');
        insert.run(`unit-${i % 997}`, `20${10 + (i % 17)}-0${1 + (i % 9)}-1${i % 10}`, body);
      }
    })();
    raw.pragma('wal_checkpoint(TRUNCATE)');
  }
  raw.pragma('wal_checkpoint(TRUNCATE)');
  raw.close();
  const mb = fs.statSync(file).size / 1024 / 1024;
  console.log(
    `open-check: file ${mb.toFixed(1)} MB, ${i.toLocaleString('vi-VN')} filler rows (built in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );

  const opens = [];
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    const opened = app.openDatabase(file, app.LATEST_VERSION);
    opens.push(performance.now() - t0);
    opened.raw.close();
  }
  const checks = [];
  const conn = new BetterSqlite3(file);
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    const rows = conn.pragma('quick_check');
    checks.push(performance.now() - t0);
    if (rows.length !== 1 || rows[0].quick_check !== 'ok') throw new Error('the bench file is damaged');
  }
  conn.close();
  console.log(
    `open-check: openDatabase (with quick_check) median ${median(opens).toFixed(0)} ms over 5 (min ${Math.min(...opens).toFixed(0)}, max ${Math.max(...opens).toFixed(0)})`,
  );
  console.log(`open-check: quick_check alone       median ${median(checks).toFixed(0)} ms over 5`);
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}
