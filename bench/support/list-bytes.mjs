// What each registry screen receives at province scale (issue 16 item 2): on a copy of the cached
// province, the JSON size and backend time of the whole-list calls a screen makes (units, the
// organisations, mass organisations, models with their sites) against organizations.page, the
// paged call that replaced the organisations list. A helper for docs/decisions.md (h16-lists):
//   node bench/support/list-bytes.mjs [rows] [massorgs|pickers]   (massorgs: only the mass organisations
//   legs; pickers: what an organisation picker receives, and the members list sorted by organisation)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleBackend, openBenchBackend } from './bundle.mjs';
import { NOW, PROVINCE_EXPORTS, provinceFolder } from './province.mjs';
import { n, sec, median } from './figures.mjs';

const rows = Number(process.argv[2] ?? 50_000);
const massOrgsOnly = process.argv[3] === 'massorgs';
const pickersOnly = process.argv[3] === 'pickers';
const app = await bundleBackend('list-bytes', PROVINCE_EXPORTS);
const { dir } = await provinceFolder(app, rows);
const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'antq-list-bytes-'));
fs.cpSync(dir, copy, { recursive: true });
const { backend, call } = await openBenchBackend(app, copy, NOW);
const FILTER = { search: '', unitId: null, kind: null, status: null, year: null };
const page = (sort = 'default', extra = {}) => ({ ...FILTER, ...extra, page: { offset: 0, limit: 100, sort, dir: 'asc' } });

async function measure(label, method, input, runs = 3) {
  const times = [];
  const cpu = [];
  let out;
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const s = performance.now();
    out = await call(method, input);
    times.push(performance.now() - s);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
  }
  const size = Buffer.byteLength(JSON.stringify(out));
  const count = Array.isArray(out) ? out.length : (out.total ?? out.rows?.length ?? '');
  console.log(
    `${label}: ${n(size)} bytes of JSON, ${count} rows; first ${sec(times[0])}, median ${sec(median(times))}, median CPU ${sec(median(cpu))} (${runs} runs)`,
  );
  return out;
}

async function massOrgLegs() {
  // The tab asks for the current year (its year filter starts there).
  const year = { year: 2026 };
  await measure('massOrgs.list (mass organisations tab before, whole list, this year)', 'massOrgs.list', { ...FILTER, ...year }, 2);
  await measure('massOrgs.page first page (the tab now, this year)', 'massOrgs.page', page('default', year));
  await measure('massOrgs.page first page, by unit', 'massOrgs.page', page('unit', year));
  await measure('massOrgs.page first page, by members', 'massOrgs.page', page('members', year));
  await measure('massOrgs.page first page, search "to bao ve"', 'massOrgs.page', page('default', { ...year, search: 'to bao ve' }));
}

/**
 * An organisation picker before (the whole organizations.list of the record's unit subtree, here the
 * whole office) and now (organizations.choices: one search of at most 50, and the chosen one by id);
 * then members.page sorted by organisation, rows only (countLater) so the order's cost is what is timed.
 */
async function pickerLegs() {
  await measure('picker before: organizations.list, whole office', 'organizations.list', FILTER, 2);
  const members = (sort, dir, offset = 0) => ({
    massOrgId: null,
    ...FILTER,
    page: { offset, limit: 100, sort, dir, countLater: true },
  });
  await measure('members.page first page, name order (rows only)', 'members.page', members('fullName', 'asc'));
  await measure('members.page first page, by organisation (rows only)', 'members.page', members('org', 'asc'));
  await measure('members.page first page, by organisation going down (rows only)', 'members.page', members('org', 'desc'));
  await measure('members.page page at row 100.000, by organisation (rows only)', 'members.page', members('org', 'asc', 100_000));
  try {
    const choices = (search) => ({ unitId: null, unitOnly: false, search, limit: 50 });
    const first = await measure('picker now: organizations.choices, opened (no text)', 'organizations.choices', choices(''));
    await measure('picker now: organizations.choices, "truong thcs"', 'organizations.choices', choices('truong thcs'));
    await measure('picker now: organizations.choices, "cong ty"', 'organizations.choices', choices('cong ty'));
    const id = first.rows[first.rows.length - 1]?.id;
    if (id) await measure('picker now: organizations.choicesByIds, the current value', 'organizations.choicesByIds', { ids: [id] });
  } catch (err) {
    console.log(`organizations.choices: ${err instanceof Error ? err.message : String(err)}`);
  }
}

try {
  if (pickersOnly) {
    await pickerLegs();
  } else if (massOrgsOnly) {
    await massOrgLegs();
  } else {
    await measure('units.list (the unit tree every filter picks from)', 'units.list', { includeEnded: true });
    await measure('organizations.list (the organisations screen before; still the pickers)', 'organizations.list', FILTER);
    await measure('organizations.page first page (the screen now)', 'organizations.page', page());
    await measure('organizations.page first page, status "thuộc diện"', 'organizations.page', page('default', { status: 'eligible' }));
    await measure('organizations.page first page, by kind', 'organizations.page', page('kind'));
    await massOrgLegs();
    const models = await measure('models.list (the models screen)', 'models.list', FILTER);
    const biggest = [...models].sort((a, b) => b.sites - a.sites)[0];
    if (biggest) await measure(`models.get of the model with most sites (${biggest.sites})`, 'models.get', { id: biggest.id });
  }
} finally {
  backend.close();
  fs.rmSync(copy, { recursive: true, force: true });
}
