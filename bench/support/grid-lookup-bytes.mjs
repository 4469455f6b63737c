// What the entry grid's lookups send at province scale (issue 16: no list sends more than a screen plus
// a page): the mediation teams the mediations grid loads when it opens (massOrgs.list of that kind), the
// organisation registry the grid's organisation column used to load (organizations.list), and one page
// of organizations.choices, which the column now asks for a typed name; the same for the team column
// (massOrgs.choices, h17-tail), with the CPU of each answer. JSON bytes of each answer.
//   node bench/support/grid-lookup-bytes.mjs [rows=50000]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleBackend, openBenchBackend } from './bundle.mjs';
import { NOW, PROVINCE_EXPORTS, provinceFolder } from './province.mjs';

const rows = Number(process.argv[2] ?? 50_000);
const app = await bundleBackend('grid-lookup-bytes', PROVINCE_EXPORTS);
const { dir } = await provinceFolder(app, rows);
const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'antq-gridbytes-'));
fs.cpSync(dir, copy, { recursive: true });
const { backend, call } = await openBenchBackend(app, copy, NOW);
const EMPTY = { unitId: null, search: '', status: null, kind: null, year: null };
const kb = (v) => `${(JSON.stringify(v).length / 1024).toFixed(0)} KB`;
const team = app.BUILT_IN_KINDS.find((k) => k.code === 'to_hoa_giai').id;
const teams = await call('massOrgs.list', { ...EMPTY, kind: team });
console.log(`mediation teams (massOrgs.list of the kind, the mediations grid on opening): ${teams.rows.length} rows, ${kb(teams)}`);
const orgs = await call('organizations.list', EMPTY);
console.log(`organisation registry (organizations.list, the old organisation column): ${orgs.length} rows, ${kb(orgs)}`);
const page = await call('organizations.choices', { unitId: null, unitOnly: false, search: 'truong', limit: 50 });
console.log(`one page of organizations.choices for "truong" (the column now): ${page.rows.length} rows, ${kb(page)}`);
const cpuMs = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
for (const search of ['', 'hoa', 'to hoa giai', 'thon 1', 'dong']) {
  const t = cpuMs();
  const answer = await call('massOrgs.choices', { kindId: team, search, limit: 50 });
  const cpu = cpuMs() - t;
  console.log(
    `one page of massOrgs.choices for "${search}" (the team column now): ${answer.rows.length} rows${answer.more ? ' (more)' : ''}, ${kb(answer)}, ${cpu.toFixed(1)} ms CPU`,
  );
}
backend.close();
fs.rmSync(copy, { recursive: true, force: true });
