// Rewrites the small files of the hostile spreadsheet corpus (tests/corpus/xlsx/*.xlsx) from its
// deterministic generator, tests/corpus/xlsx/hostile.ts. The big ones (zip bombs, millions of
// strings) are never written to disk: the tests generate them.
import { build } from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'antq-corpus-'));
const out = path.join(dir, 'hostile.mjs');
try {
  await build({
    entryPoints: ['tests/corpus/xlsx/hostile.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: out,
    logLevel: 'warning',
  });
  const { HOSTILE_CASES } = await import(pathToFileURL(out).href);
  for (const c of HOSTILE_CASES.filter((x) => x.small)) {
    const bytes = c.build();
    fs.writeFileSync(path.join('tests/corpus/xlsx', c.file), bytes);
    console.log(`${c.file.padEnd(32)} ${String(bytes.length).padStart(8)} bytes  ${c.what}`);
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
