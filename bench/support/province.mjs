// A province at the scale issue 16 gives (Công an tỉnh Thanh Hóa, before the 2025 reform): 3.026
// units (the province, its districts and communes from the catalogue, then hamlets "Thôn 1", "Thôn
// 2"… under each commune, so that same-named units abound), 8.000 organisations, 600 models with
// 3.000 sites, 10.546 mass organisations with 135.716 members, and N activity records of the six
// kinds over 2017–2026. The evaluation subjects (the board's rows) follow from these units and
// organisations; the bench prints how many there are.
//
// Loaded through the app's own code paths so that every derived column, index entry and history
// row is what the app writes: units and models through dispatch (each checked as an officer's
// entry), activity records through activities.saveMany in chunks of 5.000, and the organisations,
// model sites, mass organisations and members through the repository's insert functions, one transaction each
// (as bench/members-list.bench.mjs does). Why not dispatch for those: 8.000 organizations.create
// calls took 255 s on the loaded bench machine (each re-checks the registry), 145.000 member calls
// would take longer than every measurement together, 600 models and 3.000
// sites through dispatch took 192 s, and the repo writes the same columns.
//
// Deterministic: one seeded generator (rng.mjs). Cached per scale under
// .cache/bench/province-<PROVINCE_DATA>-<N> (gitignored): a finished data folder is reused as is (a
// copy is measured, never the cache).
import fs from 'node:fs';
import Database from 'better-sqlite3';
import path from 'node:path';
import { createRng } from './rng.mjs';
import { SHARES, reseed, pick as pickActivity } from './activity-records.mjs';
import { ROOT, openBenchBackend } from './bundle.mjs';

export const NOW = '2026-11-22T03:00:00.000Z';
/**
 * The generator's version, part of the cache folder's name: raised whenever the generated data
 * changes, so a province cached by an older generator is never measured as this one.
 * v2: members never join before their organisation was set up.
 */
export const PROVINCE_DATA = 'v2';
export const SHAPE = { units: 3_026, organizations: 8_000, models: 600, sites: 3_000, massOrgs: 10_546, members: 135_716 };
const OFFICE = {
  level: 'tinh',
  era: 'truoc_2025',
  provinceCode: '38',
  districtCode: null,
  communeCode: null,
  name: 'Công an tỉnh Thanh Hóa',
  code: '38',
  importChildren: true,
};
const iso = (y, m, d) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** The exports province.mjs needs from the bundled backend (add them to the bench's bundle). */
export const PROVINCE_EXPORTS = `
  export { openBackend } from './electron/backend/index.ts';
  export { openDatabase } from './electron/backend/db/open.ts';
  export { LATEST_VERSION } from './electron/backend/db/migrations/index.ts';
  export { insertOrg } from './electron/backend/repos/mass-orgs.repo.ts';
  export { insertMembers } from './electron/backend/repos/mass-org-members.repo.ts';
  export { fieldCodec } from './electron/backend/keys/fields.ts';
  export { insertSite } from './electron/backend/repos/models.repo.ts';
  export { insertOrganization } from './electron/backend/repos/organizations.repo.ts';
  export { BUILT_IN_KINDS } from './shared/domain/mass-orgs.ts';
  export { lastBoardLoad } from './electron/backend/services/evaluation-cache.ts';
`;

async function loadUnits(call, rng) {
  const communes = (await call('units.list', { includeEnded: false })).filter((u) => u.level === 'xa');
  let total = (await call('units.list', { includeEnded: false })).length;
  const perCommune = new Map();
  for (let i = 0; total < SHAPE.units; i++, total++) {
    const commune = communes[i % communes.length];
    const k = (perCommune.get(commune.id) ?? 0) + 1;
    perCommune.set(commune.id, k);
    await call('units.create', {
      parentId: commune.id,
      name: `Thôn ${k}`,
      kind: 'thon',
      code: '',
      validFrom: iso(2015, 1, 1 + rng.int(0, 27)),
    });
  }
  return communes;
}

async function loadOrganizations(app, databasePath, rng, communes) {
  const opened = app.openDatabase(databasePath, app.LATEST_VERSION);
  await opened.db.transaction().execute(async (trx) => {
    const KINDS = [
      ['co_quan', 'co_quan_hanh_chinh', 'Ủy ban nhân dân'],
      ['co_quan', 'don_vi_su_nghiep_cong_lap', 'Trung tâm y tế'],
      ['doanh_nghiep', 'tu_nhan', 'Công ty TNHH'],
      ['doanh_nghiep', 'hop_tac_xa', 'Hợp tác xã'],
      ['co_so_giao_duc', 'tieu_hoc', 'Trường Tiểu học'],
      ['co_so_giao_duc', 'thcs', 'Trường THCS'],
      ['co_so_giao_duc', 'mam_non', 'Trường Mầm non'],
    ];
    for (let i = 0; i < SHAPE.organizations; i++) {
      const [kind, subKind, prefix] = rng.pick(KINDS);
      const unit = rng.pick(communes);
      await app.insertOrganization(
        trx,
        crypto.randomUUID(),
        {
          name: `${prefix} ${unit.name} số ${i + 1}`,
          kind,
          subKind,
          isArmedForces: false,
          unitId: unit.id,
          managingLevel: rng.pick(['xa', 'huyen', 'tinh']),
          bcaMonitored: false,
          hasPartyOrg: rng.next() < 0.6,
          hasSecurityForce: rng.next() < 0.5,
          subUnitCount: rng.int(1, 12),
          sectorGroup: kind === 'doanh_nghiep' ? rng.pick(['nong_lam_thuy_san_cong_nghiep_xay_dung', 'thuong_mai_dich_vu']) : null,
          insuredEmployees: kind === 'doanh_nghiep' ? rng.int(5, 500) : null,
          revenueBillion: kind === 'doanh_nghiep' ? rng.int(1, 900) : null,
          capitalBillion: kind === 'doanh_nghiep' ? rng.int(1, 500) : null,
          taxCode: null,
          address: null,
          validFrom: iso(2010 + rng.int(0, 12), 1 + rng.int(0, 11), 1 + rng.int(0, 27)),
          validTo: null,
          endReason: null,
        },
        NOW,
      );
    }
  });
  opened.raw.pragma('wal_checkpoint(TRUNCATE)');
  opened.raw.close();
}

async function loadModels(app, call, databasePath, rng, communes) {
  const types = await call('modelTypes.list', { includeInactive: false });
  const models = [];
  for (let i = 0; i < SHAPE.models; i++) {
    const unit = communes[(i * 7) % communes.length];
    const model = await call('models.create', {
      name: `Mô hình tự quản số ${i + 1}`,
      typeId: rng.pick(types).id,
      originUnitId: unit.id,
      originLevel: 'xa',
      foundedOn: iso(2015 + rng.int(0, 9), 1 + rng.int(0, 11), 1 + rng.int(0, 27)),
      status: 'hoat_dong',
      note: null,
    });
    models.push(model.id);
  }
  const opened = app.openDatabase(databasePath, app.LATEST_VERSION);
  await opened.db.transaction().execute(async (trx) => {
    for (const [i, modelId] of models.entries()) {
      for (let k = 0; k < SHAPE.sites / SHAPE.models; k++) {
        await app.insertSite(trx, {
          id: crypto.randomUUID(),
          modelId,
          unitId: communes[(i + k * 97) % communes.length].id,
          organizationName: null,
          organizationId: null,
          startedOn: iso(2025, 1 + rng.int(0, 9), 1 + rng.int(0, 27)),
          endedOn: null,
          endReason: null,
          teams: rng.int(1, 5),
          members: rng.int(5, 40),
          note: null,
          createdAt: NOW,
          updatedAt: NOW,
        });
      }
    }
  });
  opened.raw.pragma('wal_checkpoint(TRUNCATE)');
  opened.raw.close();
}

async function loadMassOrgs(app, databasePath, rng, communes) {
  const opened = app.openDatabase(databasePath, app.LATEST_VERSION);
  const kinds = app.BUILT_IN_KINDS.filter((k) => k.code !== 'khac');
  const NAMES = ['Nguyễn Văn', 'Trần Thị', 'Lê Văn', 'Phạm Thị', 'Hoàng Văn', 'Đặng Thị', 'Bùi Văn', 'Lê Thị'];
  const GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Hà', 'Hạnh', 'Hoa', 'Hùng', 'Lan', 'Long', 'Mai', 'Nam', 'Sơn', 'Thảo', 'Tuấn', 'Yến'];
  await opened.db.transaction().execute(async (trx) => {
    const orgs = [];
    for (let i = 0; i < SHAPE.massOrgs; i++) {
      const unit = communes[i % communes.length];
      const kind = rng.pick(kinds);
      const id = crypto.randomUUID();
      const validFrom = iso(2015 + rng.int(0, 9), 1 + rng.int(0, 11), 1 + rng.int(0, 27));
      await app.insertOrg(
        trx,
        id,
        {
          kindId: kind.id,
          unitId: unit.id,
          name: `${kind.name} số ${i + 1}`,
          decisionIssuer: `UBND ${unit.name}`,
          decisionNumber: `${100 + (i % 900)}/QĐ-UBND`,
          decisionDate: validFrom,
          validFrom,
          validTo: null,
          endReason: null,
          note: null,
        },
        NOW,
      );
      orgs.push({ id, validFrom });
    }
    const seen = new Set();
    const batch = [];
    for (let i = 0; i < SHAPE.members; i++) {
      const { id: massOrgId, validFrom } = orgs[i % orgs.length];
      const fullName = `${rng.pick(NAMES)} ${rng.pick(GIVEN)} ${rng.pick(GIVEN)}`;
      let birthYear = 1950 + rng.int(0, 54);
      while (seen.has(`${massOrgId}|${fullName}|${birthYear}`)) birthYear++;
      seen.add(`${massOrgId}|${fullName}|${birthYear}`);
      batch.push({
        id: crypto.randomUUID(),
        massOrgId,
        fullName,
        gender: fullName.includes(' Thị ') ? 'nu' : 'nam',
        birthYear,
        ethnicity: 'Kinh',
        phone: null,
        role: i < orgs.length ? 'to_truong' : 'to_vien',
        // Never before the organisation was set up (the import refuses such a member: issue 16's re-import found 7.112).
        joinedOn: validFrom > '2024-07-01' ? validFrom : '2024-07-01',
        leftOn: null,
        leftReason: null,
        note: null,
      });
    }
    // No phone is generated, so no key is needed to seal one (NULL stays NULL).
    await app.insertMembers(trx, app.fieldCodec(undefined), batch, NOW);
  });
  opened.raw.pragma('wal_checkpoint(TRUNCATE)');
  opened.raw.close();
}

async function loadActivities(call, communes, rows) {
  reseed(20_221_231);
  let stored = 0;
  for (const [kind, [share, make]] of Object.entries(SHARES)) {
    const count = Math.round(rows * share);
    for (let i = 0; i < count; i += 5000) {
      const records = Array.from({ length: Math.min(5000, count - i) }, () => make(pickActivity(communes).id));
      stored += (await call('activities.saveMany', { kind, records })).ids.length;
    }
  }
  return stored;
}

/**
 * A province cached by an older schema is upgraded once, in place, through the app's own open
 * (migrations, then the stored keys a migration leaves to fill): otherwise every leg's open of a copy
 * would pay the upgrade again (0025's backfill took ~5 min at 500k). The upgrade runs on a copy and
 * replaces the cached file by a rename, so a reader copying the old file keeps a whole one.
 */
async function upgradeCached(app, dataDir, rows, log) {
  const file = path.join(dataDir, 'antq.db');
  const conn = new Database(file, { readonly: true });
  const from = Number(conn.pragma('user_version', { simple: true }));
  conn.close();
  if (from >= app.LATEST_VERSION) return;
  const t = performance.now();
  const work = fs.mkdtempSync(path.join(path.dirname(dataDir), 'upgrade-'));
  try {
    for (const name of fs.readdirSync(dataDir)) {
      if (fs.statSync(path.join(dataDir, name)).isFile()) fs.copyFileSync(path.join(dataDir, name), path.join(work, name));
    }
    const { backend } = await openBenchBackend(app, work, NOW);
    backend.close();
    fs.renameSync(path.join(work, 'antq.db'), file);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  log(
    `  province ${rows}: cached file upgraded from version ${from} to ${app.LATEST_VERSION} (${Math.round((performance.now() - t) / 1000)} s)`,
  );
}

/**
 * A propaganda session the benches' "after an edit" legs save (bench/province.bench.mjs,
 * support/block-phases.mjs, support/profile-period.mjs): the i-th is a new one each run, dated in
 * March 2020 (inside the ten years every leg reads).
 */
export const editedPropaganda = (unitId, i = 0) => ({
  date: `2020-03-${String(10 + i).padStart(2, '0')}`,
  unitId,
  organizationId: null,
  purpose: 'tuyen_truyen',
  form: 'truc_tiep',
  topic: `Buổi tuyên truyền thêm ${i + 1}`,
  venue: null,
  attendance: 50,
  leaflets: 10,
  loudspeakerMinutes: 0,
  posts: 0,
  newsletters: 0,
  commitments: 1,
  note: null,
});

/**
 * The data folder of the province with `rows` activity records: built once (logging each step's
 * time), then reused. Returns the cached folder (copy it before opening: the bench must not change it).
 */
export async function provinceFolder(app, rows, log = console.log) {
  const dir = path.join(ROOT, '.cache', 'bench', `province-${PROVINCE_DATA}-${rows}`);
  const done = path.join(dir, 'done.json');
  if (fs.existsSync(done)) {
    await upgradeCached(app, path.join(dir, 'data'), rows, log);
    return { dir: path.join(dir, 'data'), facts: JSON.parse(fs.readFileSync(done, 'utf8')) };
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const dataDir = path.join(dir, 'data');
  fs.mkdirSync(dataDir, { recursive: true });
  const rng = createRng(20_160_101);
  const { backend, call } = await openBenchBackend(app, dataDir, NOW);
  const steps = {};
  const step = async (name, fn) => {
    const t = performance.now();
    const r = await fn();
    steps[name] = Math.round(performance.now() - t);
    log(`  province ${rows}: ${name} ${steps[name]} ms`);
    return r;
  };
  await step('office.setup', () => call('office.setup', OFFICE));
  const communes = await step('units', () => loadUnits(call, rng));
  await step('organizations', () => loadOrganizations(app, backend.databasePath, rng, communes));
  await step('models and sites', () => loadModels(app, call, backend.databasePath, rng, communes));
  await step('mass organisations and members', () => loadMassOrgs(app, backend.databasePath, rng, communes));
  const stored = await step('activities (saveMany)', () => loadActivities(call, communes, rows));
  backend.close();
  const facts = { rows: stored, communes: communes.length, steps };
  fs.writeFileSync(done, JSON.stringify(facts));
  return { dir: dataDir, facts };
}
