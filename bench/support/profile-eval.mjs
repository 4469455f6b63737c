// Profiles the evaluation board (or freeze) once on a copy of the cached province: run with
// node --cpu-prof bench/support/profile-eval.mjs [rows] [board|freeze]. A helper for finding where
// the time goes, not a benchmark (prints the time and a per-phase split from the jobs' labels).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleBackend, openBenchBackend } from './bundle.mjs';
import { NOW, PROVINCE_EXPORTS, provinceFolder } from './province.mjs';

const rows = Number(process.argv[2] ?? 50_000);
const what = process.argv[3] ?? 'board';
const app = await bundleBackend('profile-eval', PROVINCE_EXPORTS);
const { dir } = await provinceFolder(app, rows);
const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'antq-prof-'));
fs.cpSync(dir, copy, { recursive: true });
const { backend, call } = await openBenchBackend(app, copy, NOW);
// PROFILE_WARM=1: one board first, so the profiled call is the second (the cache's case).
if (process.env['PROFILE_WARM'] && what === 'board') await call('evaluation.board', { year: 2026, category: null, unitId: null });
const t = performance.now();
const r =
  what === 'board'
    ? await call('evaluation.board', { year: 2026, category: null, unitId: null })
    : await call('evaluation.freeze', { year: 2026, by: 'Nguyễn Văn An', note: null });
console.log(`${what}: ${Math.round(performance.now() - t)} ms`, what === 'board' ? r.rows.length : r.subjects);
backend.close();
// PROFILE_KEEP=1 keeps the copy (its path is printed) to look at what was written.
if (process.env['PROFILE_KEEP']) console.log(`kept ${copy}`);
else fs.rmSync(copy, { recursive: true, force: true });
