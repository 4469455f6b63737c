// temporary profiling harness (not committed)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleBackend, openBenchBackend } from './bundle.mjs';
import { NOW, PROVINCE_EXPORTS } from './province.mjs';
const [rows, method, inputJson, reps] = process.argv.slice(2);
const app = await bundleBackend('h16prof', PROVINCE_EXPORTS);
const src = path.join(path.resolve('.cache/bench'), `province-${rows}`, 'data');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'h16prof-'));
fs.cpSync(src, dir, { recursive: true });
const { backend, call } = await openBenchBackend(app, dir, NOW);
const input = JSON.parse(inputJson);
for (let i = 0; i < Number(reps ?? 2); i++) {
  const t = performance.now();
  const v = await call(method, input);
  console.log(method, Math.round(performance.now() - t), 'ms', JSON.stringify(v).length);
  if (process.env.DUMP) fs.writeFileSync(process.env.DUMP, JSON.stringify(v));
}
backend.close();
fs.rmSync(dir, { recursive: true, force: true });
