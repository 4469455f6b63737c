// The JavaScript parts of activities.saveMany, each timed alone on the same 5.000 propaganda records
// (warm, median CPU of RUNS): the contract's parse, dispatch's unsafe-text scan, the record checks and the
// list keys of each new row. A helper for docs/decisions.md (h16-writes), not a benchmark.
//   node bench/support/savemany-pieces.mjs [runs=7]
import { bundleBackend } from './bundle.mjs';
import { SHARES, reseed, pick } from './activity-records.mjs';

const runs = Number(process.argv[2] ?? 7);
const app = await bundleBackend(
  'savemany-pieces',
  `
  export { activitiesContract } from './shared/ipc/contracts/activities.contract.ts';
  export { findUnsafeInput } from './shared/lib/text-safety.ts';
  export { newRowKeys } from './electron/backend/repos/activities.keys.ts';
  export { checkActivity } from './shared/domain/activities.ts';
  export { foldVietnamese } from './shared/lib/text.ts';
  export { vietnameseSortKey } from './shared/lib/sort-key.ts';
`,
);
const units = Array.from({ length: 549 }, () => ({ id: crypto.randomUUID() }));
reseed(5);
const records = Array.from({ length: 5_000 }, () => SHARES.propaganda[1](pick(units).id));
const input = { kind: 'propaganda', records };
const schema = app.activitiesContract['activities.saveMany'].input;
const cpu = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
const pieces = {
  'zod parse': () => schema.parse(input),
  'unsafe-text scan': () => app.findUnsafeInput(input),
  checkActivity: () => records.forEach((r) => app.checkActivity('propaganda', r)),
  newRowKeys: () => records.forEach((r) => app.newRowKeys('propaganda', r)),
};
for (const [name, fn] of Object.entries(pieces)) {
  const t = [];
  for (let i = 0; i < runs + 2; i++) {
    const c0 = cpu();
    fn();
    if (i >= 2) t.push(cpu() - c0);
  }
  t.sort((a, b) => a - b);
  console.log(`${name.padEnd(20)} ${t[Math.floor(t.length / 2)].toFixed(1)} ms CPU (median of ${runs}, 5.000 records)`);
}
