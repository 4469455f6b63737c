// Deterministic, plausible activity records of the six kinds (shared by bench/period.bench.mjs and
// bench/handoff.bench.mjs): a seeded generator, one function per kind taking the unit's id, and the
// share of each kind in a load. Draws come from the shared generator (rng.mjs). Inputs of activities.saveMany, as an officer's screen sends them.
import { createRng } from './rng.mjs';

const rng = createRng(20_221_231);
/** Restarts the sequence (each benchmark gets the same records). */
export function reseed(s = 20_221_231) {
  rng.reseed(s);
}
export const rand = rng.next;
export const pick = rng.pick;
export const int = rng.int;
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
export const SHARES = {
  propaganda: [0.3, propaganda],
  tips: [0.3, tip],
  events: [0.06, event],
  mediations: [0.12, mediation],
  incidents: [0.18, incident],
  awards: [0.04, award],
};
