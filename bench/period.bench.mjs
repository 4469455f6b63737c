// The period figures (period.figures) over a district's activity records: ~50.000 records of the six
// kinds spread over Gia Viễn's 18 communes and ten years (2017–2026), entered through the app's own
// dispatch (activities.saveMany, so every record is checked and stored as an officer's would be).
// Then measures, in process and through the contract's dispatch (output checked), the median time of
// period.figures for one year, for five years, and for one commune over five years.
// Prints figures; never fails on a time. Needs no build (the backend is bundled from source).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TOTAL = Number(process.env['BENCH_RECORDS'] ?? 50_000);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 5);
const NOW = '2026-11-22T03:00:00.000Z';

const ms = (t) => `${t.toFixed(0)} ms`;
const n = (x) => x.toLocaleString('vi-VN');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// ---- the app's backend code, bundled from source for this run ---------------------------------
const cacheDir = path.join(ROOT, 'node_modules', '.cache', 'antq-bench');
fs.mkdirSync(cacheDir, { recursive: true });
const bundleFile = path.join(cacheDir, 'period-backend.mjs');
await build({
  stdin: { contents: "export { openBackend } from './electron/backend/index.ts';", resolveDir: ROOT, loader: 'ts' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  outfile: bundleFile,
  external: ['electron', 'better-sqlite3'],
  logLevel: 'error',
  logOverride: { 'empty-import-meta': 'silent' },
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
const app = await import(pathToFileURL(bundleFile).href);

// ---- deterministic, plausible data --------------------------------------------------------------
let seed = 20_221_231;
const rand = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const FIRST = Date.UTC(2017, 0, 1);
const DAYS = 3_600; // to mid-November 2026, before the fixed "today"
const day = () => new Date(FIRST + int(0, DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
const plusDays = (iso, k) => new Date(Date.parse(`${iso}T00:00:00Z`) + k * 86_400_000).toISOString().slice(0, 10);

const FORMS = [
  'truc_tiep',
  'truc_tiep',
  'truc_tiep',
  'loa_truyen_thanh',
  'loa_truyen_thanh',
  'to_roi',
  'ban_tin',
  'mang_xa_hoi',
  'bao_dai',
  'van_nghe',
  'hoi_thi',
  'chieu_phim',
];
const TOPICS = [
  'Phòng, chống tội phạm',
  'Phòng, chống ma túy',
  'An toàn giao thông',
  'Phòng cháy, chữa cháy',
  'Lừa đảo qua mạng',
  'Phong trào toàn dân bảo vệ ANTQ',
];
const CATEGORIES = [
  'toi_pham_it_nghiem_trong',
  'toi_pham_nghiem_trong',
  'te_nan_xa_hoi',
  'vi_pham_khac',
  'tai_nan_giao_thong',
  'chay_no',
  'khieu_kien_dong_nguoi',
  'dua_vao_quan_ly',
  'dua_ra_khoi_quan_ly',
];

function propaganda(unitId) {
  const form = pick(FORMS);
  return {
    date: day(),
    unitId,
    organizationId: null,
    purpose: rand() < 0.1 ? 'phat_dong' : 'tuyen_truyen',
    form,
    topic: pick(TOPICS),
    venue: null,
    attendance: int(20, 300),
    leaflets: form === 'to_roi' || form === 'truc_tiep' ? int(0, 200) : 0,
    loudspeakerMinutes: form === 'loa_truyen_thanh' ? int(15, 480) : 0,
    posts: form === 'mang_xa_hoi' || form === 'bao_dai' ? int(1, 10) : 0,
    newsletters: form === 'ban_tin' ? int(1, 3) : 0,
    commitments: int(0, 5),
    note: null,
  };
}
function tip(unitId) {
  const receivedOn = day();
  const criminal = rand() < 0.3;
  const valuable = rand() < 0.4;
  return {
    receivedOn,
    unitId,
    channel: pick(['truc_tiep', 'dien_thoai', 'don_thu', 'qua_to_chuc']),
    category: criminal ? pick(['toi_pham', 'ma_tuy']) : pick(['trat_tu', 'te_nan', 'an_ninh', 'khac']),
    legalType: criminal ? pick(['to_giac', 'tin_bao']) : null,
    valuable,
    summary: 'Phản ánh vụ việc về an ninh, trật tự',
    status: 'da_giai_quyet',
    outcome: criminal ? pick(['khoi_to', 'khong_khoi_to']) : null,
    resolvedOn: plusDays(receivedOn, int(1, 30)),
    extensions: 0,
    criminalCases: criminal && valuable ? int(0, 1) : 0,
    administrativeCases: !criminal && valuable ? int(0, 1) : 0,
    personsHandled: valuable ? int(0, 2) : 0,
    wantedArrested: 0,
    wantedSurrendered: 0,
    weapons: 0,
    ammunition: 0,
    explosivesKg: 0,
    supportTools: 0,
    assetsValue: valuable ? int(0, 5) * 1_000_000 : 0,
    note: null,
  };
}
function event(unitId) {
  const kind = pick(['ngay_hoi', 'lang_nghe', 'so_ket', 'tong_ket', 'ra_mat_mo_hinh']);
  const raised = kind === 'lang_nghe' ? int(3, 30) : 0;
  return {
    date: day(),
    unitId,
    kind,
    level: pick(['khu_dan_cu', 'xa']),
    title: 'Sự kiện',
    venue: null,
    attendance: int(30, 500),
    opinionsRaised: raised,
    opinionsAnswered: Math.floor(raised * 0.8),
    gifts: kind === 'ngay_hoi' ? int(0, 30) : 0,
    giftsValue: kind === 'ngay_hoi' ? int(0, 30) * 500_000 : 0,
    note: null,
  };
}
function mediation(unitId) {
  const receivedOn = day();
  const outcome = pick(['thanh', 'thanh', 'thanh', 'khong_thanh', 'dang_giai_quyet']);
  return {
    receivedOn,
    unitId,
    teamId: null,
    basis: pick(['yeu_cau', 'chung_kien', 'phan_cong']),
    caseType: pick(['dat_dai', 'hon_nhan_gia_dinh', 'dan_su', 'lang_gieng']),
    summary: 'Mâu thuẫn trong Nhân dân',
    outcome,
    closedOn: outcome === 'dang_giai_quyet' ? null : plusDays(receivedOn, int(1, 20)),
    note: null,
  };
}
function incident(unitId) {
  const category = pick(CATEGORIES);
  const count = int(1, 3);
  return {
    occurredOn: day(),
    unitId,
    organizationId: null,
    category,
    count,
    solved: category.startsWith('toi_pham') ? int(0, count) : 0,
    deaths: category === 'tai_nan_giao_thong' ? int(0, 1) : 0,
    injuries: category === 'tai_nan_giao_thong' ? int(0, 2) : 0,
    description: null,
    excuse: null,
    excuseReason: null,
    excuseApprovedBy: null,
    excuseApprovedOn: null,
    note: null,
  };
}
function award(unitId) {
  return {
    year: int(2017, 2025),
    unitId,
    recipient: rand() < 0.4 ? 'tap_the' : 'ca_nhan',
    recipientName: `Người được khen ${int(1, 5000)}`,
    organizationId: null,
    form: pick(['bang_khen_ubnd_tinh', 'giay_khen_giam_doc_ca_tinh', 'giay_khen_ubnd_huyen', 'giay_khen_ubnd_xa', 'ky_niem_chuong']),
    issuer: '',
    decisionNumber: null,
    decisionDate: null,
    occasion: null,
    note: null,
  };
}
const SHARES = {
  propaganda: [0.3, propaganda],
  tips: [0.3, tip],
  events: [0.06, event],
  mediations: [0.12, mediation],
  incidents: [0.18, incident],
  awards: [0.04, award],
};

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'antq-bench-period-'));
try {
  const backend = await app.openBackend({
    dataDir,
    shell: 'web',
    appVersion: 'bench',
    now: () => new Date(NOW),
    cataloguePath: path.join(ROOT, 'resources', 'catalogue', 'admin-units.json'),
  });
  const call = async (method, input) => {
    const r = await backend.dispatch(method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.message} ${JSON.stringify(r.error.details ?? {})}`);
    return r.value;
  };
  await call('office.setup', {
    level: 'huyen',
    era: 'truoc_2025',
    provinceCode: '37',
    districtCode: '373',
    communeCode: null,
    name: 'Công an huyện Gia Viễn',
    code: '373',
    importChildren: true,
  });
  const communes = (await call('units.list', { includeEnded: false })).filter((u) => u.level === 'xa');

  const t0 = performance.now();
  let stored = 0;
  for (const [kind, [share, make]] of Object.entries(SHARES)) {
    const count = Math.round(TOTAL * share);
    const records = Array.from({ length: count }, () => make(pick(communes).id));
    for (let i = 0; i < records.length; i += 5000) {
      stored += (await call('activities.saveMany', { kind, records: records.slice(i, i + 5000) })).ids.length;
    }
  }
  console.log(
    `load: ${n(stored)} activity records over ${communes.length} communes and 2017–2026 through activities.saveMany in ${ms(performance.now() - t0)}`,
  );

  const measure = async (label, input) => {
    const times = [];
    let out = null;
    for (let i = 0; i < RUNS; i++) {
      const s = performance.now();
      out = await call('period.figures', input);
      times.push(performance.now() - s);
    }
    const f = out.activities.current;
    console.log(
      `period.figures ${label}: median ${ms(median(times))}, first ${ms(times[0])} (${RUNS} runs) — ` +
        `${n(f['propaganda.sessions'])} buổi, ${n(f['tips.total'])} nguồn tin, ${n(f['incidents.crimes'])} vụ phạm tội, ${out.perUnit.length} đơn vị`,
    );
  };
  await measure('year 2026, whole district', { from: '2026-01-01', to: '2026-12-31', unitId: null });
  await measure('2022–2026, whole district', { from: '2022-01-01', to: '2026-12-31', unitId: null });
  await measure('2017–2026, whole district', { from: '2017-01-01', to: '2026-12-31', unitId: null });
  await measure(`2022–2026, ${communes[0].name}`, { from: '2022-01-01', to: '2026-12-31', unitId: communes[0].id });
  backend.close();
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}
