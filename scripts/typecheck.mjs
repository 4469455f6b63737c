// Type-checks each layer with its own tsconfig: the lib/types of each config are what keep
// shared/ free of Node and DOM, and the backend free of DOM (architecture.md §1).
import { spawnSync } from 'node:child_process';

const projects = ['shared', 'backend', 'electron', 'renderer', 'tests'];
let failed = 0;
for (const p of projects) {
  const r = spawnSync('npx', ['tsc', '-p', `tsconfig.${p}.json`, '--pretty'], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.error(`typecheck: tsconfig.${p}.json failed`);
  } else {
    console.log(`typecheck: tsconfig.${p}.json ok`);
  }
}
process.exit(failed ? 1 : 0);
