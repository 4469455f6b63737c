/** One Vietnamese sentence per report section, in the style of the seed reports, from the figures only. */
import {
  AWARD_FORMS,
  AWARD_FORM_INFO,
  EVENT_LEVELS,
  EVENT_LEVEL_LABELS,
  INCIDENT_CATEGORIES,
  INCIDENT_CATEGORY_INFO,
  TIP_CHANNELS,
} from '../activities';
import { massOrgsSentence, modelsSentence, organizationsSentence, percentVi } from '../overview';
import type { MassOrgFigures, ModelFigures, OrganizationFigures } from '../overview';
import { formatIntVi } from '../../lib/numbers';
import { comparedWith, lowerFirst, periodIntro, type DatePeriod } from './periods';
import {
  MANAGEMENT_CATEGORIES,
  emptyReportFigures,
  type ActivityFigures,
  type ActivityIndicatorKey,
  type PeriodSection,
  type ReportFigures,
  type ReportIndicatorKey,
} from './indicators';
import { DEFAULT_COUNTING_RULES, type CountingRules } from './incident-rules';
import { classificationSentence, crimeFieldsClause, leadershipSentence, teamsSentence } from './report-sentences';
import { compare } from './comparison';
import { newModelsSentence, type NewModelPlaces } from './places';
import { TIP_CHANNEL_WORDS, type MediationSource } from './sources';

export interface SentenceInput {
  period: DatePeriod;
  previous: DatePeriod;
  current: ActivityFigures;
  prior: ActivityFigures;
  models: ModelFigures;
  newModels: readonly NewModelPlaces[];
  massOrgs: MassOrgFigures;
  organizations: OrganizationFigures;
  /** Leadership documents, team ratings and classes of this and the previous period (none = empty). */
  report?: ReportFigures;
  reportPrior?: ReportFigures;
  /** The office's incident-category settings (trọng án list, fields of crime). */
  rules?: CountingRules;
  /**
   * The day the sentences are written: a period that ended before it is said in the past ("Năm
   * 2022, trên địa bàn có…"), one still running in the present ("Hiện nay…"). Absent: the period is
   * not known to be running, so never "Hiện nay".
   */
  today?: string;
  /** The mediations by the kind of team that received them (sources.ts); absent: not known, no source named. */
  mediationSources?: readonly MediationSource[];
}

const n = formatIntVi;

function joinVi(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} và ${items[items.length - 1]}`;
}

/** "(tăng 12 buổi, 10,5% so với cùng kỳ)" — only when the previous period has records of the kind. */
function change(input: SentenceInput, key: ActivityIndicatorKey, unit: string, hasPrior: boolean): string {
  return changeOf(input, input.current[key], input.prior[key], unit, hasPrior);
}

function changeOf(input: SentenceInput, value: number, previous: number, unit: string, hasPrior: boolean): string {
  if (!hasPrior) return '';
  const target = comparedWith(input.period, input.previous);
  const c = compare(value, previous);
  if (c.difference === 0) return ` (${target.equal})`;
  const word = c.difference > 0 ? 'tăng' : 'giảm';
  const pct = c.previous > 0 ? `, ${percentVi(Math.abs(c.difference), c.previous)}` : '';
  return ` (${word} ${n(Math.abs(c.difference))} ${unit}${pct} ${target.versus})`;
}

function propagandaSentence(x: SentenceInput, intro: string): string {
  const f = x.current;
  if (f['propaganda.records'] === 0) return 'Chưa có số liệu tuyên truyền, vận động trong kỳ.';
  const hasPrior = x.prior['propaganda.records'] > 0;
  const clauses: string[] = [];
  if (f['propaganda.sessions'] > 0) {
    let s = `tổ chức tuyên truyền ${n(f['propaganda.sessions'])} buổi`;
    if (f['propaganda.launchSessions'] > 0) s += ` (trong đó ${n(f['propaganda.launchSessions'])} buổi phát động phong trào)`;
    s += change(x, 'propaganda.sessions', 'buổi', hasPrior);
    if (f['propaganda.attendance'] > 0) s += ` với ${n(f['propaganda.attendance'])} lượt người tham gia`;
    clauses.push(s);
  }
  if (f['propaganda.leaflets'] > 0) clauses.push(`phát ${n(f['propaganda.leaflets'])} tờ rơi`);
  if (f['propaganda.loudspeakerSessions'] > 0) {
    let s = `${n(f['propaganda.loudspeakerSessions'])} buổi tuyên truyền trên hệ thống loa truyền thanh`;
    if (f['propaganda.minutesPerSession'] > 0) s += ` với thời lượng ${n(f['propaganda.minutesPerSession'])} phút/buổi`;
    if (f['propaganda.loudspeakerAttendance'] > 0)
      s += `, tuyên truyền đến ${n(f['propaganda.loudspeakerAttendance'])} quần chúng nhân dân`;
    clauses.push(s);
  }
  if (f['propaganda.directAttendance'] > 0) clauses.push(`tuyên truyền trực tiếp đến ${n(f['propaganda.directAttendance'])} lượt người`);
  if (f['propaganda.posts'] > 0) clauses.push(`đăng tải ${n(f['propaganda.posts'])} tin, bài`);
  if (f['propaganda.newsletters'] > 0) clauses.push(`phát hành ${n(f['propaganda.newsletters'])} bản tin`);
  if (f['propaganda.commitments'] > 0) clauses.push(`vận động ${n(f['propaganda.commitments'])} người ký cam kết`);
  if (clauses.length === 0) return `${intro}, đã ghi nhận ${n(f['propaganda.records'])} hoạt động tuyên truyền.`;
  // "Trong 03 năm qua đã tổ chức…" (no comma after "Trong …", as the Sa Pa report writes it).
  const joint = intro.startsWith('Trong ') ? ' đã ' : ', đã ';
  return `${intro}${joint}${clauses.join('; ')}.`;
}

function eventsSentence(x: SentenceInput, intro: string): string {
  const f = x.current;
  if (f['events.total'] === 0) return 'Chưa có số liệu ngày hội, diễn đàn, hội nghị trong kỳ.';
  const clauses: string[] = [];
  const ngayHoi = f['events.kind.ngay_hoi.count'];
  if (ngayHoi > 0) {
    let s = `tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc tại ${n(ngayHoi)} điểm`;
    const levels = EVENT_LEVELS.filter((l) => f[`events.ngayHoi.${l}`] > 0)
      .slice()
      .reverse()
      .map((l) => `${n(f[`events.ngayHoi.${l}`])} điểm ${EVENT_LEVEL_LABELS[l].toLowerCase()}`);
    if (levels.length > 1) s += ` (${levels.join(', ')})`;
    if (f['events.kind.ngay_hoi.attendance'] > 0) s += ` với ${n(f['events.kind.ngay_hoi.attendance'])} lượt người tham dự`;
    clauses.push(s);
  }
  const forums = f['events.kind.lang_nghe.count'];
  if (forums > 0) {
    let s = `tổ chức ${n(forums)} buổi diễn đàn “Công an lắng nghe ý kiến Nhân dân”`;
    if (f['events.kind.lang_nghe.attendance'] > 0) s += ` với ${n(f['events.kind.lang_nghe.attendance'])} lượt người tham dự`;
    if (f['events.opinionsRaised'] > 0) {
      s += `, tiếp nhận ${n(f['events.opinionsRaised'])} ý kiến`;
      if (f['events.opinionsAnswered'] > 0) s += `, đã trả lời ${n(f['events.opinionsAnswered'])} ý kiến`;
    }
    clauses.push(s);
  }
  const reviews = f['events.kind.so_ket.count'] + f['events.kind.tong_ket.count'];
  if (reviews > 0) clauses.push(`tổ chức ${n(reviews)} hội nghị sơ kết, tổng kết`);
  if (f['events.kind.ra_mat_mo_hinh.count'] > 0) clauses.push(`tổ chức ${n(f['events.kind.ra_mat_mo_hinh.count'])} buổi ra mắt mô hình`);
  if (f['events.kind.khac.count'] > 0) clauses.push(`tổ chức ${n(f['events.kind.khac.count'])} sự kiện khác`);
  if (f['events.gifts'] > 0 || f['events.giftsValue'] > 0) {
    let s = 'trao';
    if (f['events.gifts'] > 0) s += ` ${n(f['events.gifts'])} suất quà`;
    else s += ' quà';
    if (f['events.giftsValue'] > 0) s += ` trị giá ${n(f['events.giftsValue'])} đồng`;
    clauses.push(s);
  }
  return `${intro}, đã ${clauses.join('; ')}.`;
}

/** Has the period ended before the day the sentences are written (unknown day: treated as ended)? */
function ended(x: SentenceInput): boolean {
  return x.today === undefined || x.period.to < x.today;
}

function modelsSection(x: SentenceInput, intro: string): string {
  const base = modelsSentence(x.models, { intro, ended: ended(x) });
  const news = newModelsSentence(intro, x.newModels);
  return news ? `${base} ${news}` : base;
}

function massOrgsSection(x: SentenceInput): string {
  const parts = [massOrgsSentence(x.massOrgs)];
  const teams = teamsSentence(x.report ?? emptyReportFigures(), Number(x.period.to.slice(0, 4)));
  if (teams) parts.push(teams);
  return parts.join(' ');
}

/** Agencies, enterprises and schools: a section of their own, not the residential paragraph (issue 14 item 8). */
function organizationsSection(x: SentenceInput): string {
  return organizationsSentence(x.organizations);
}

function leadershipSection(x: SentenceInput, intro: string): string {
  const now = x.report ?? emptyReportFigures();
  const before = x.reportPrior ?? emptyReportFigures();
  const key: ReportIndicatorKey = 'leadership.total';
  return leadershipSentence(now, intro, changeOf(x, now[key], before[key], 'văn bản', before[key] > 0));
}

/**
 * Criminal information by the Criminal Procedure Code's kinds (art. 144): tố giác and tin báo come
 * through the public here, a kiến nghị khởi tố from a state body; a tip passed to the competent
 * agency is "đã chuyển", never overdue in this office's figures.
 */
function criminalClause(f: ActivityFigures): string {
  const fromPublic: string[] = [];
  if (f['tips.legal.to_giac'] > 0) fromPublic.push(`${n(f['tips.legal.to_giac'])} tố giác`);
  if (f['tips.legal.tin_bao'] > 0) fromPublic.push(`${n(f['tips.legal.tin_bao'])} tin báo về tội phạm`);
  const received: string[] = [];
  if (fromPublic.length > 0) received.push(`${fromPublic.join(', ')} do quần chúng cung cấp`);
  const kn = f['tips.legal.kien_nghi_khoi_to'];
  if (kn > 0) received.push(`${n(kn)} kiến nghị khởi tố của cơ quan nhà nước có thẩm quyền`);
  let c = `tiếp nhận ${received.join(' và ')}`;
  const done = f['tips.inTime'] + f['tips.late'];
  if (done > 0) c += `, đã giải quyết ${n(done)} tin${f['tips.late'] > 0 ? ` (${n(f['tips.late'])} tin quá thời hạn)` : ''}`;
  if (f['tips.criminalTransferred'] > 0) c += `, chuyển ${n(f['tips.criminalTransferred'])} tin đến cơ quan có thẩm quyền giải quyết`;
  if (f['tips.overdue'] > 0) c += `, ${n(f['tips.overdue'])} tin quá thời hạn chưa giải quyết`;
  return c;
}

/**
 * "Nguồn tin của quần chúng được tiếp nhận trực tiếp (500 nguồn tin), qua tổ chức quần chúng, khu
 * dân cư (300 nguồn tin)…": the recorded channels of the public's tips, a sentence of its own after
 * the seed reports' one; null when no channel is counted.
 */
function channelsSentence(f: ActivityFigures): string | null {
  const used = TIP_CHANNELS.filter((c) => f[`tips.channel.${c}`] > 0);
  if (used.length === 0) return null;
  if (used.length === 1) return `Các nguồn tin của quần chúng đều được tiếp nhận ${TIP_CHANNEL_WORDS[used[0]!]}.`;
  const parts = used.map((c) => `${TIP_CHANNEL_WORDS[c]} (${n(f[`tips.channel.${c}`])} nguồn tin)`);
  return `Nguồn tin của quần chúng được tiếp nhận ${joinVi(parts)}.`;
}

/** "bắt, vận động đầu thú 3 đối tượng truy nã" when both happened, else the one verb that applies. */
function wantedClause(f: ActivityFigures): string | null {
  const arrested = f['tips.wantedArrested'];
  const surrendered = f['tips.wantedSurrendered'];
  if (arrested > 0 && surrendered > 0) return `bắt, vận động đầu thú ${n(arrested + surrendered)} đối tượng truy nã`;
  if (arrested > 0) return `bắt ${n(arrested)} đối tượng truy nã`;
  if (surrendered > 0) return `vận động ${n(surrendered)} đối tượng truy nã ra đầu thú`;
  return null;
}

function tipsSentence(x: SentenceInput, intro: string): string {
  const f = x.current;
  if (f['tips.total'] === 0) return 'Chưa có số liệu nguồn tin của quần chúng trong kỳ.';
  const hasPrior = x.prior['tips.total'] > 0;
  // From the public: every tip but a kiến nghị khởi tố (a state body's, Criminal Procedure Code art. 144.4).
  const fromPublic = (g: ActivityFigures) => g['tips.total'] - g['tips.legal.kien_nghi_khoi_to'];
  let s: string;
  if (fromPublic(f) > 0) {
    s = `${intro}, quần chúng nhân dân đã cung cấp cho lực lượng Công an các cấp ${n(fromPublic(f))} nguồn tin`;
    s += changeOf(x, fromPublic(f), fromPublic(x.prior), 'nguồn tin', hasPrior);
    if (f['tips.valuable'] > 0) s += `, trong đó có ${n(f['tips.valuable'])} nguồn tin có giá trị`;
  } else {
    s = `${intro}, lực lượng Công an không nhận được nguồn tin nào do quần chúng cung cấp`;
  }
  const clauses: string[] = [];
  if (f['tips.criminal'] > 0) clauses.push(criminalClause(f));
  const results: string[] = [];
  if (f['tips.criminalCases'] > 0) results.push(`khám phá ${n(f['tips.criminalCases'])} vụ án hình sự`);
  if (f['tips.administrativeCases'] > 0) results.push(`xử lý hành chính ${n(f['tips.administrativeCases'])} vụ việc`);
  if (f['tips.personsHandled'] > 0) results.push(`xử lý ${n(f['tips.personsHandled'])} đối tượng`);
  const wanted = wantedClause(f);
  if (wanted) results.push(wanted);
  const seized: string[] = [];
  if (f['tips.weapons'] > 0) seized.push(`${n(f['tips.weapons'])} khẩu súng`);
  if (f['tips.ammunition'] > 0) seized.push(`${n(f['tips.ammunition'])} viên đạn`);
  if (f['tips.explosivesKg'] > 0) seized.push(`${n(f['tips.explosivesKg'])} kg vật liệu nổ`);
  if (f['tips.supportTools'] > 0) seized.push(`${n(f['tips.supportTools'])} công cụ hỗ trợ`);
  if (f['tips.assetsValue'] > 0) seized.push(`tài sản trị giá ${n(f['tips.assetsValue'])} đồng`);
  if (seized.length > 0) results.push(`thu hồi ${seized.join(', ')}`);
  if (results.length > 0) clauses.push(`qua đó ${results.join(', ')}`);
  const main = clauses.length > 0 ? `${s}; ${clauses.join('; ')}.` : `${s}.`;
  const channels = channelsSentence(f);
  return channels ? `${main} ${channels}` : main;
}

/**
 * "các tổ hòa giải, tổ tự quản ở cơ sở đã tiếp nhận 4 vụ việc (tổ hòa giải 3 vụ việc, tổ tự quản 1
 * vụ việc)": the teams named by their recorded kind; with no team recorded, no team is named.
 */
function mediationsReceived(sources: readonly MediationSource[], total: number): string {
  const named = sources.filter((m): m is MediationSource & { kind: string } => m.kind !== null);
  if (named.length === 0) return `đã tiếp nhận ${n(total)} vụ việc hòa giải ở cơ sở`;
  let s = `các ${named.map((m) => m.kind).join(', ')} ở cơ sở đã tiếp nhận ${n(total)} vụ việc`;
  const unknown = sources.find((m) => m.kind === null)?.cases ?? 0;
  if (named.length > 1 || unknown > 0) {
    const parts = named.map((m) => `${m.kind} ${n(m.cases)} vụ việc`);
    if (unknown > 0) parts.push(`chưa ghi tổ tiếp nhận ${n(unknown)} vụ việc`);
    s += ` (${parts.join(', ')})`;
  }
  return s;
}

function mediationsSentence(x: SentenceInput, intro: string): string {
  const f = x.current;
  const intoMgmt = f['incidents.cat.dua_vao_quan_ly'];
  const outOfMgmt = f['incidents.cat.dua_ra_khoi_quan_ly'];
  if (f['mediations.total'] === 0 && intoMgmt === 0 && outOfMgmt === 0)
    return 'Chưa có số liệu hòa giải, quản lý giáo dục đối tượng trong kỳ.';
  const clauses: string[] = [];
  if (f['mediations.total'] > 0) {
    let s = mediationsReceived(x.mediationSources ?? [], f['mediations.total']);
    s += change(x, 'mediations.total', 'vụ việc', x.prior['mediations.total'] > 0);
    const ok = f['mediations.outcome.thanh'];
    if (ok > 0) s += `, hòa giải thành ${n(ok)} vụ việc (đạt ${percentVi(ok, f['mediations.total'])})`;
    if (f['mediations.outcome.khong_thanh'] > 0) s += `, không thành ${n(f['mediations.outcome.khong_thanh'])} vụ việc`;
    if (f['mediations.outcome.dang_giai_quyet'] > 0) s += `, đang giải quyết ${n(f['mediations.outcome.dang_giai_quyet'])} vụ việc`;
    clauses.push(s);
  }
  if (intoMgmt > 0) clauses.push(`đưa ${n(intoMgmt)} đối tượng vào diện quản lý, giáo dục tại cộng đồng`);
  if (outOfMgmt > 0) clauses.push(`đưa ${n(outOfMgmt)} đối tượng tiến bộ ra khỏi diện quản lý`);
  return `${intro}, ${clauses.join('; ')}.`;
}

function incidentsSentence(x: SentenceInput, intro: string): string {
  const f = x.current;
  const p = x.prior;
  const cats = INCIDENT_CATEGORIES.filter((c) => !MANAGEMENT_CATEGORIES.includes(c));
  const any = cats.some((c) => f[`incidents.cat.${c}`] > 0);
  if (!any) return 'Chưa có số liệu thống kê tình hình tội phạm, tệ nạn xã hội, tai nạn trong kỳ.';
  const hasPrior = cats.some((c) => p[`incidents.cat.${c}`] > 0);
  const clauses: string[] = [];
  if (f['incidents.crimes'] > 0) {
    let s = `trên địa bàn xảy ra ${n(f['incidents.crimes'])} vụ phạm tội${change(x, 'incidents.crimes', 'vụ', hasPrior)}`;
    s += crimeFieldsClause(f);
    if (f['incidents.crimesSolved'] > 0) s += `, đã điều tra giải quyết ${n(f['incidents.crimesSolved'])}/${n(f['incidents.crimes'])} vụ`;
    // "Không để xảy ra trọng án" only when the office's list has categories and none of them occurred.
    if (f['incidents.graveCrimes'] > 0) s += `, trong đó có ${n(f['incidents.graveCrimes'])} vụ trọng án`;
    else if ((x.rules ?? DEFAULT_COUNTING_RULES).grave.size > 0) s += ', không để xảy ra trọng án';
    clauses.push(s);
  }
  if (f['incidents.cat.te_nan_xa_hoi'] > 0)
    clauses.push(`${n(f['incidents.cat.te_nan_xa_hoi'])} vụ tệ nạn xã hội${change(x, 'incidents.cat.te_nan_xa_hoi', 'vụ', hasPrior)}`);
  if (f['incidents.cat.vi_pham_khac'] > 0)
    clauses.push(`${n(f['incidents.cat.vi_pham_khac'])} vụ vi phạm pháp luật khác về an ninh, trật tự`);
  if (f['incidents.group.an_ninh'] > 0) clauses.push(`${n(f['incidents.group.an_ninh'])} vụ việc về an ninh`);
  if (f['incidents.cat.tai_nan_giao_thong'] > 0) {
    let s = `${n(f['incidents.cat.tai_nan_giao_thong'])} vụ tai nạn giao thông${change(x, 'incidents.cat.tai_nan_giao_thong', 'vụ', hasPrior)}`;
    const hurt: string[] = [];
    if (f['incidents.trafficDeaths'] > 0) hurt.push(`chết ${n(f['incidents.trafficDeaths'])} người`);
    if (f['incidents.trafficInjuries'] > 0) hurt.push(`bị thương ${n(f['incidents.trafficInjuries'])} người`);
    if (hurt.length > 0) s += ` làm ${hurt.join(', ')}`;
    clauses.push(s);
  }
  if (f['incidents.cat.chay_no'] > 0) clauses.push(`${n(f['incidents.cat.chay_no'])} vụ cháy, nổ nghiêm trọng`);
  if (f['incidents.cat.tai_nan_lao_dong'] > 0) clauses.push(`${n(f['incidents.cat.tai_nan_lao_dong'])} vụ tai nạn lao động chết người`);
  if (f['incidents.cat.su_co_nghiem_trong'] > 0) clauses.push(`${n(f['incidents.cat.su_co_nghiem_trong'])} sự cố nghiêm trọng khác`);
  if (f['incidents.cat.khieu_kien_dong_nguoi'] > 0) clauses.push(`${n(f['incidents.cat.khieu_kien_dong_nguoi'])} vụ khiếu kiện đông người`);
  if (f['incidents.cat.tu_diem_moi'] > 0) clauses.push(`phát sinh ${n(f['incidents.cat.tu_diem_moi'])} tụ điểm phức tạp mới`);
  if (f['incidents.cat.nguoi_te_nan_moi'] > 0)
    clauses.push(`phát sinh ${n(f['incidents.cat.nguoi_te_nan_moi'])} người mắc tệ nạn xã hội mới`);
  // Occurrences inside agencies, enterprises and schools, and disciplined members: named as listed.
  for (const c of cats.filter((c) => ['co_quan', 'ky_luat'].includes(INCIDENT_CATEGORY_INFO[c].group))) {
    const v = f[`incidents.cat.${c}`];
    if (v > 0)
      clauses.push(`${lowerFirst(INCIDENT_CATEGORY_INFO[c].label)}: ${n(v)} ${INCIDENT_CATEGORY_INFO[c].persons ? 'người' : 'vụ'}`);
  }
  let s = `${intro}, ${clauses.join('; ')}`;
  if (f['incidents.excused'] > 0)
    s += `; ${n(f['incidents.excused'])} vụ việc được xác nhận loại trừ (bất khả kháng hoặc đã phát hiện, xử lý kịp thời)`;
  return `${s}.`;
}

function awardsSentence(x: SentenceInput, intro: string): string {
  const f = x.current;
  if (f['awards.total'] === 0) return 'Chưa có số liệu khen thưởng trong kỳ.';
  const who: string[] = [];
  if (f['awards.collectives'] > 0) who.push(`${n(f['awards.collectives'])} tập thể`);
  if (f['awards.individuals'] > 0) who.push(`${n(f['awards.individuals'])} cá nhân`);
  const forms = AWARD_FORMS.filter((a) => f[`awards.form.${a}`] > 0);
  const signed = forms.filter((a) => AWARD_FORM_INFO[a].signer !== null);
  const parts: string[] = [];
  if (signed.length > 0) {
    const documents = [...new Set(signed.map((a) => AWARD_FORM_INFO[a].document))];
    const signers = [...new Set(signed.map((a) => AWARD_FORM_INFO[a].signer!))];
    parts.push(`${documents.join(', ')} của ${joinVi(signers)}`);
  }
  for (const a of forms.filter((a) => AWARD_FORM_INFO[a].signer === null)) {
    parts.push(
      a === 'khac'
        ? `${n(f[`awards.form.${a}`])} hình thức khen thưởng khác`
        : `${n(f[`awards.form.${a}`])} ${AWARD_FORM_INFO[a].document}`,
    );
  }
  return `${intro}, ${who.join(' và ')} có thành tích xuất sắc trong phong trào thi đua “Toàn dân bảo vệ an ninh Tổ quốc” được nhận ${parts.join('; ')}.`;
}

/** One sentence per report section, for the current period, from the figures only. */
export function periodSentences(x: SentenceInput): Record<PeriodSection, string> {
  const intro = periodIntro(x.period.from, x.period.to);
  const year = Number(x.period.to.slice(0, 4));
  return {
    leadership: leadershipSection(x, intro),
    propaganda: propagandaSentence(x, intro),
    events: eventsSentence(x, intro),
    models: modelsSection(x, intro),
    massOrgs: massOrgsSection(x),
    organizations: organizationsSection(x),
    tips: tipsSentence(x, intro),
    mediations: mediationsSentence(x, intro),
    incidents: incidentsSentence(x, intro),
    classification: classificationSentence(x.report ?? emptyReportFigures(), year),
    awards: awardsSentence(x, intro),
  };
}
