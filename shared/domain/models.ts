/**
 * Models of the movement (mô hình), the places each one is applied (điểm mô hình), and how
 * Guidance 22/HD-BCA-V05 counts them (domain.md §4.3, §9.2). Pure: no I/O, "today" is passed in.
 *
 * The lifecycle is a dated event log; the current status is its last entry:
 *
 *   de_xuat → ra_mat → hoat_dong → so_ket | tong_ket → nhan_rong      (so_ket → tong_ket too)
 *   any status except thanh_loai → thanh_loai (retired, with a date and a reason; final)
 *
 * A model is created as de_xuat, ra_mat or hoat_dong (an office entering a model that already runs
 * starts it at hoat_dong); the later steps need their own dates, so they are recorded as events.
 *
 * HD22 counting (what "active in a period" means, used by every count below):
 * - A model OPERATES from its first event whose status is not de_xuat (the launch; a proposal that
 *   never launched never operates) up to and including its retirement date (thanh_loai), or without
 *   end. A retired model is excluded from the day after its retirement date.
 * - A site OPERATES on the days that are both inside its own dates [from, to] (both inclusive, `to`
 *   empty = still running) and inside its model's operating span. A site "active in a period" is one
 *   that operates on at least one day of the period; it is NEW in the period when its first operating
 *   day falls in the period.
 * - A model is PRESENT in a set of units on a day when it operates that day and either it was built
 *   by one of those units (its origin unit) or one of its sites in those units operates that day.
 *   So a district model applied in a commune counts for that commune while its site there runs.
 * - models / modelTypes: models present in the units on at least one day of the period (including
 *   those retired during it) / their distinct types. newModels: models whose first day of presence in
 *   the units falls in the period. replicated / retired: models whose nhan_rong / thanh_loai date
 *   falls in the period and that are present in the units on that date (a proposal abandoned before
 *   launch is not a retired model: it never operated). effective: present models rated hieu_qua for
 *   the rating year. exemplary: present models recognised as điển hình tiên tiến on or before the
 *   period's end. sites/teams/members/newSites: sites located in the units (each site has one unit),
 *   active / new in the period, and their teams and members. A model with no site entered counts
 *   its origin unit as its one place while it operates (`originSite`, Guidance 22: a model is
 *   applied at least where it was built).
 * Consequences (checked by property tests): site figures are additive over disjoint sets of units
 * and new-in-period figures over disjoint periods; model figures over disjoint sets of units are the
 * union of the parts' models (a model present in two communes is one model for their district).
 */
import { formatDateVi } from '../lib/dates';
import { foldVietnamese } from '../lib/text';
import { validDuring } from '../lib/validity';

// ---------------------------------------------------------------------------------------------
// Enums and their Vietnamese labels (shared by backend messages and the screens)

export const MODEL_GROUPS = [
  'tu_quan',
  'camera_an_ninh',
  'phong_chong_ma_tuy',
  'pccc',
  'giao_thong',
  'hoa_giai',
  'ton_giao',
  'dong_ho',
  'lien_ket_giap_ranh',
  'co_quan_dn_truong_hoc',
  'khac',
] as const;
export type ModelGroup = (typeof MODEL_GROUPS)[number];

export const MODEL_GROUP_LABELS: Readonly<Record<ModelGroup, string>> = {
  tu_quan: 'Tự quản về an ninh, trật tự',
  camera_an_ninh: 'Camera an ninh',
  phong_chong_ma_tuy: 'Phòng, chống ma túy',
  pccc: 'Phòng cháy, chữa cháy',
  giao_thong: 'Trật tự, an toàn giao thông',
  hoa_giai: 'Hòa giải ở cơ sở',
  ton_giao: 'Tôn giáo',
  dong_ho: 'Dòng họ',
  lien_ket_giap_ranh: 'Liên kết vùng giáp ranh',
  co_quan_dn_truong_hoc: 'Cơ quan, doanh nghiệp, trường học',
  khac: 'Khác',
};

/** The level of the body that built the model. */
export const ORIGIN_LEVELS = ['xa', 'huyen', 'tinh'] as const;
export type OriginLevel = (typeof ORIGIN_LEVELS)[number];

export const ORIGIN_LEVEL_LABELS: Readonly<Record<OriginLevel, string>> = {
  xa: 'Cấp xã',
  huyen: 'Cấp huyện',
  tinh: 'Cấp tỉnh',
};

export const MODEL_STATUSES = ['de_xuat', 'ra_mat', 'hoat_dong', 'so_ket', 'tong_ket', 'nhan_rong', 'thanh_loai'] as const;
export type ModelStatus = (typeof MODEL_STATUSES)[number];

/** The status as a state ("Trạng thái: Đang hoạt động"). */
export const MODEL_STATUS_LABELS: Readonly<Record<ModelStatus, string>> = {
  de_xuat: 'Đề xuất',
  ra_mat: 'Đã ra mắt',
  hoat_dong: 'Đang hoạt động',
  so_ket: 'Đã sơ kết',
  tong_ket: 'Đã tổng kết',
  nhan_rong: 'Đã nhân rộng',
  thanh_loai: 'Đã thanh loại',
};

/** The status as a step in the timeline ("Ra mắt mô hình"). */
export const MODEL_EVENT_LABELS: Readonly<Record<ModelStatus, string>> = {
  de_xuat: 'Đề xuất xây dựng',
  ra_mat: 'Ra mắt',
  hoat_dong: 'Đi vào hoạt động',
  so_ket: 'Sơ kết',
  tong_ket: 'Tổng kết',
  nhan_rong: 'Nhân rộng',
  thanh_loai: 'Thanh loại',
};

/** Statuses a model may be created with. */
export const INITIAL_STATUSES = ['de_xuat', 'ra_mat', 'hoat_dong'] as const satisfies readonly ModelStatus[];
export type InitialStatus = (typeof INITIAL_STATUSES)[number];

/** Statuses reached by models.changeStatus (retiring has its own method: it needs a reason). */
export const CHANGE_STATUSES = ['ra_mat', 'hoat_dong', 'so_ket', 'tong_ket', 'nhan_rong'] as const satisfies readonly ModelStatus[];
export type ChangeStatus = (typeof CHANGE_STATUSES)[number];

export const NEXT_STATUSES: Readonly<Record<ModelStatus, readonly ModelStatus[]>> = {
  de_xuat: ['ra_mat', 'thanh_loai'],
  ra_mat: ['hoat_dong', 'thanh_loai'],
  hoat_dong: ['so_ket', 'tong_ket', 'thanh_loai'],
  so_ket: ['tong_ket', 'nhan_rong', 'thanh_loai'],
  tong_ket: ['nhan_rong', 'thanh_loai'],
  nhan_rong: ['thanh_loai'],
  thanh_loai: [],
};

export const MODEL_RATINGS = ['hieu_qua', 'chua_hieu_qua'] as const;
export type ModelRating = (typeof MODEL_RATINGS)[number];

export const MODEL_RATING_LABELS: Readonly<Record<ModelRating, string>> = {
  hieu_qua: 'Hiệu quả',
  chua_hieu_qua: 'Chưa hiệu quả',
};

/** Values of the sites list's status filter. */
export const SITE_STATES = ['dang_hoat_dong', 'da_ket_thuc'] as const;
export type SiteState = (typeof SITE_STATES)[number];

export const SITE_STATE_LABELS: Readonly<Record<SiteState, string>> = {
  dang_hoat_dong: 'Đang hoạt động',
  da_ket_thuc: 'Đã kết thúc',
};

// ---------------------------------------------------------------------------------------------
// Periods and spans

/** An inclusive range of ISO dates; `to` null = open-ended. */
export interface Span {
  from: string;
  to: string | null;
}

export interface Period {
  from: string;
  to: string;
}

export function yearPeriod(year: number): Period {
  const y = String(year).padStart(4, '0');
  return { from: `${y}-01-01`, to: `${y}-12-31` };
}

export function yearOf(isoDate: string): number {
  return Number(isoDate.slice(0, 4));
}

/** Does the span share at least one day with the period? */
export function spanOverlaps(span: Span | null, period: Period): boolean {
  return span !== null && validDuring({ validFrom: span.from, validTo: span.to }, period.from, period.to);
}

export function inPeriod(date: string | null, period: Period): boolean {
  return date !== null && period.from <= date && date <= period.to;
}

// ---------------------------------------------------------------------------------------------
// The event log

export interface StatusEvent {
  status: ModelStatus;
  /** ISO date of the step. */
  on: string;
}

export function isOperating(status: ModelStatus): boolean {
  return status !== 'de_xuat' && status !== 'thanh_loai';
}

export function currentStatus(events: readonly StatusEvent[]): ModelStatus | null {
  return events.length > 0 ? events[events.length - 1]!.status : null;
}

export function retiredOn(events: readonly StatusEvent[]): string | null {
  return events.find((e) => e.status === 'thanh_loai')?.on ?? null;
}

/** The launch: the date of the first step after a proposal; null while only proposed. */
export function operatingSince(events: readonly StatusEvent[]): string | null {
  return events.find((e) => isOperating(e.status))?.on ?? null;
}

export function operatingSpan(events: readonly StatusEvent[]): Span | null {
  const from = operatingSince(events);
  return from === null ? null : { from, to: retiredOn(events) };
}

/** The days a site operates: its own dates cut to its model's operating span. */
export function siteSpan(site: { startedOn: string; endedOn: string | null }, modelSpan: Span | null): Span | null {
  if (modelSpan === null) return null;
  const from = site.startedOn > modelSpan.from ? site.startedOn : modelSpan.from;
  const ends = [site.endedOn, modelSpan.to].filter((d): d is string => d !== null);
  const to = ends.length === 0 ? null : ends.reduce((a, b) => (a < b ? a : b));
  if (to !== null && to < from) return null;
  return { from, to };
}

// ---------------------------------------------------------------------------------------------
// Rules

export type RuleCheck = string | null;

/** May a model at `from` take the step `to`? */
export function checkTransition(from: ModelStatus, to: ModelStatus): RuleCheck {
  if (NEXT_STATUSES[from].includes(to)) return null;
  if (from === 'thanh_loai') return 'Mô hình đã thanh loại, không thể chuyển sang trạng thái khác.';
  if (from === to) return `Mô hình đang ở trạng thái "${MODEL_STATUS_LABELS[from]}".`;
  const allowed = NEXT_STATUSES[from].map((s) => `"${MODEL_EVENT_LABELS[s]}"`).join(', ');
  return `Không thể chuyển mô hình từ trạng thái "${MODEL_STATUS_LABELS[from]}" sang "${MODEL_EVENT_LABELS[to]}"; bước tiếp theo có thể là ${allowed}.`;
}

export interface SiteForCheck {
  /** How messages name the site ("Xã Gia Hòa – Trường THCS Gia Hòa"). */
  label: string;
  unitId: string;
  organizationName: string | null;
  startedOn: string;
  endedOn: string | null;
}

/** Everything about one model that its rules look at. */
export interface ModelStateForCheck {
  foundedOn: string;
  events: readonly StatusEvent[];
  sites: readonly SiteForCheck[];
  ratingYears: readonly number[];
  recognitionDates: readonly string[];
}

export interface RuleFailure {
  code: 'RULE' | 'CONFLICT';
  message: string;
}

const d = formatDateVi;

function notAfterToday(date: string, today: string, what: string): RuleCheck {
  return date > today ? `${what} (${d(date)}) không được sau ngày hôm nay (${d(today)}).` : null;
}

/** The site's own dates as a span: one without an end runs on. */
function ownSpan(s: SiteForCheck): Span {
  return { from: s.startedOn, to: s.endedOn };
}

function samePlace(a: SiteForCheck, b: SiteForCheck): boolean {
  return a.unitId === b.unitId && foldVietnamese(a.organizationName ?? '') === foldVietnamese(b.organizationName ?? '');
}

/**
 * Checks a model as it would be after a change: the services build the proposed state, call this,
 * and write only when it returns null. One place for every rule, so no method can bypass one.
 */
export function checkModelState(state: ModelStateForCheck, today: string): RuleFailure | null {
  const rule = (message: string | null): RuleFailure | null => (message === null ? null : { code: 'RULE', message });
  const founded = notAfterToday(state.foundedOn, today, 'Ngày xây dựng mô hình');
  if (founded) return rule(founded);
  const first = state.events[0];
  if (!first) return rule('Mô hình phải có ít nhất một bước trong quá trình hoạt động.');
  if (!(INITIAL_STATUSES as readonly ModelStatus[]).includes(first.status)) {
    return rule('Mô hình mới chỉ có thể ở trạng thái Đề xuất, Đã ra mắt hoặc Đang hoạt động; các bước sau được ghi kèm ngày.');
  }
  if (first.on !== state.foundedOn) return rule('Bước đầu tiên của mô hình phải trùng ngày xây dựng.');
  for (let i = 1; i < state.events.length; i++) {
    const prev = state.events[i - 1]!;
    const ev = state.events[i]!;
    const t = checkTransition(prev.status, ev.status);
    if (t) return rule(t);
    if (ev.on < prev.on) {
      return rule(
        `Ngày ${MODEL_EVENT_LABELS[ev.status].toLowerCase()} (${d(ev.on)}) không được trước ngày của bước "${MODEL_EVENT_LABELS[prev.status]}" (${d(prev.on)}).`,
      );
    }
    const late = notAfterToday(ev.on, today, `Ngày ${MODEL_EVENT_LABELS[ev.status].toLowerCase()}`);
    if (late) return rule(late);
  }
  const retired = retiredOn(state.events);
  const since = operatingSince(state.events);

  for (const s of state.sites) {
    if (s.startedOn < state.foundedOn) {
      return rule(`Điểm "${s.label}" bắt đầu (${d(s.startedOn)}) trước ngày xây dựng mô hình (${d(state.foundedOn)}).`);
    }
    const early = notAfterToday(s.startedOn, today, `Ngày bắt đầu của điểm "${s.label}"`);
    if (early) return rule(early);
    if (s.endedOn !== null) {
      if (s.endedOn < s.startedOn) {
        return rule(`Ngày kết thúc của điểm "${s.label}" (${d(s.endedOn)}) không được trước ngày bắt đầu (${d(s.startedOn)}).`);
      }
      const late = notAfterToday(s.endedOn, today, `Ngày kết thúc của điểm "${s.label}"`);
      if (late) return rule(late);
    }
    if (retired !== null) {
      if (s.startedOn > retired) {
        return rule(`Điểm "${s.label}" bắt đầu (${d(s.startedOn)}) sau ngày mô hình bị thanh loại (${d(retired)}).`);
      }
      if (s.endedOn === null || s.endedOn > retired) {
        return rule(`Điểm "${s.label}" không thể hoạt động sau ngày mô hình bị thanh loại (${d(retired)}).`);
      }
    }
  }
  for (let i = 0; i < state.sites.length; i++) {
    for (let j = i + 1; j < state.sites.length; j++) {
      const a = state.sites[i]!;
      const b = state.sites[j]!;
      const bSpan = ownSpan(b);
      if (samePlace(a, b) && spanOverlaps(ownSpan(a), { from: bSpan.from, to: bSpan.to ?? '9999-12-31' })) {
        return {
          code: 'CONFLICT',
          message: `Mô hình đã có điểm "${a.label}" trong cùng khoảng thời gian (từ ${d(a.startedOn)}${a.endedOn ? ` đến ${d(a.endedOn)}` : ''}).`,
        };
      }
    }
  }
  for (const y of state.ratingYears) {
    if (since === null) return rule('Mô hình chưa ra mắt, chưa hoạt động nên chưa thể đánh giá hiệu quả.');
    if (y < yearOf(since)) return rule(`Năm đánh giá ${y} trước năm mô hình bắt đầu hoạt động (${d(since)}).`);
    if (retired !== null && y > yearOf(retired)) return rule(`Năm đánh giá ${y} sau năm mô hình bị thanh loại (${d(retired)}).`);
    if (y > yearOf(today)) return rule(`Chưa thể đánh giá hiệu quả cho năm ${y}.`);
  }
  for (const r of state.recognitionDates) {
    if (since === null) return rule('Mô hình chưa ra mắt, chưa hoạt động nên chưa thể công nhận điển hình tiên tiến.');
    if (r < since) return rule(`Ngày công nhận (${d(r)}) trước ngày mô hình bắt đầu hoạt động (${d(since)}).`);
    if (retired !== null && r > retired) return rule(`Ngày công nhận (${d(r)}) sau ngày mô hình bị thanh loại (${d(retired)}).`);
    const late = notAfterToday(r, today, 'Ngày công nhận');
    if (late) return rule(late);
  }
  return null;
}

/** The origin level cannot be below the level of the unit that built the model. */
export function checkOriginLevel(unitLevel: 'tinh' | 'huyen' | 'xa' | 'khu_dan_cu', originLevel: OriginLevel): RuleCheck {
  const rank: Record<OriginLevel, number> = { xa: 0, huyen: 1, tinh: 2 };
  const unitRank = unitLevel === 'khu_dan_cu' ? 0 : rank[unitLevel];
  if (rank[originLevel] < unitRank) {
    return `Đơn vị xây dựng là ${unitLevel === 'tinh' ? 'cấp tỉnh' : 'cấp huyện'} nên cấp xây dựng không thể là ${ORIGIN_LEVEL_LABELS[originLevel].toLowerCase()}.`;
  }
  return null;
}

/** The usual origin level for a unit of the tree (a residential area's models are commune-level). */
export function defaultOriginLevel(unitLevel: 'tinh' | 'huyen' | 'xa' | 'khu_dan_cu'): OriginLevel {
  return unitLevel === 'khu_dan_cu' ? 'xa' : unitLevel;
}

// ---------------------------------------------------------------------------------------------
// HD22 counts

export interface CountableModel {
  id: string;
  typeId: string;
  originUnitId: string;
  /** The status log in the order it was written. */
  events: readonly StatusEvent[];
  ratings: readonly { year: number; rating: ModelRating }[];
  recognitions: readonly { on: string }[];
}

export interface CountableSite {
  id: string;
  modelId: string;
  unitId: string;
  startedOn: string;
  endedOn: string | null;
  teams: number;
  members: number;
}

export interface CountScope extends Period {
  /** The units counted (a subtree); null = every unit of the office. */
  unitIds: ReadonlySet<string> | null;
  /** The year whose effectiveness ratings count. */
  ratingYear: number;
}

export interface Hd22Counts {
  modelTypes: number;
  models: number;
  sites: number;
  teams: number;
  members: number;
  newModels: number;
  newSites: number;
  replicated: number;
  retired: number;
  effective: number;
  exemplary: number;
}

/** The ids behind each count, for tests and for drilling down from a figure to its records. */
export interface Hd22Sets {
  modelTypes: Set<string>;
  models: Set<string>;
  newModels: Set<string>;
  replicated: Set<string>;
  retired: Set<string>;
  effective: Set<string>;
  exemplary: Set<string>;
  sites: Set<string>;
  newSites: Set<string>;
}

export function inUnits(unitIds: ReadonlySet<string> | null, unitId: string): boolean {
  return unitIds === null || unitIds.has(unitId);
}

/** Per model: its operating span and its sites' operating spans, computed once. */
export interface Prepared {
  model: CountableModel;
  span: Span | null;
  sites: { site: CountableSite; span: Span | null }[];
}

/**
 * prepare's answer for the same two lists (by identity and length): the overview counts every unit
 * below the chosen one from the same lists, and each count prepared every model's and site's span
 * again (units × models). The lists are read-only once counted.
 */
const prepared = new WeakMap<
  readonly CountableModel[],
  { sites: readonly CountableSite[]; length: number; sitesLength: number; value: Prepared[] }
>();
export function prepare(models: readonly CountableModel[], sites: readonly CountableSite[]): Prepared[] {
  const known = prepared.get(models);
  if (known && known.sites === sites && known.length === models.length && known.sitesLength === sites.length) return known.value;
  const value = prepareOnce(models, sites);
  prepared.set(models, { sites, length: models.length, sitesLength: sites.length, value });
  return value;
}

function prepareOnce(models: readonly CountableModel[], sites: readonly CountableSite[]): Prepared[] {
  const byModel = new Map<string, CountableSite[]>();
  for (const s of sites) {
    const list = byModel.get(s.modelId);
    if (list) list.push(s);
    else byModel.set(s.modelId, [s]);
  }
  return models.map((model) => {
    const span = operatingSpan(model.events);
    const own = byModel.get(model.id) ?? [];
    const listed = own.length ? own : [originSite(model)];
    return { model, span, sites: listed.map((site) => ({ site, span: siteSpan(site, span) })) };
  });
}

/**
 * Guidance 22 counts every place a model is applied; a model is applied at least where it was
 * built. So a model with no site entered has one implicit place, its origin unit, for as long as
 * the model operates (no teams or members of its own). Once sites are entered they are the places.
 */
export function originSite(model: Pick<CountableModel, 'id' | 'originUnitId'>): CountableSite {
  return {
    id: `${model.id}:noi-xay-dung`,
    modelId: model.id,
    unitId: model.originUnitId,
    startedOn: '0001-01-01',
    endedOn: null,
    teams: 0,
    members: 0,
  };
}

function presentDuring(p: Prepared, unitIds: ReadonlySet<string> | null, period: Period): boolean {
  if (!spanOverlaps(p.span, period)) return false;
  if (inUnits(unitIds, p.model.originUnitId)) return true;
  return p.sites.some((s) => inUnits(unitIds, s.site.unitId) && spanOverlaps(s.span, period));
}

function firstPresence(p: Prepared, unitIds: ReadonlySet<string> | null): string | null {
  if (p.span === null) return null;
  if (inUnits(unitIds, p.model.originUnitId)) return p.span.from;
  let first: string | null = null;
  for (const s of p.sites) {
    if (s.span !== null && inUnits(unitIds, s.site.unitId) && (first === null || s.span.from < first)) first = s.span.from;
  }
  return first;
}

/** The first day a model is present in the units, or null if it never is. */
export function firstPresenceIn(
  model: CountableModel,
  sites: readonly CountableSite[],
  unitIds: ReadonlySet<string> | null,
): string | null {
  return firstPresence(prepare([model], sites)[0]!, unitIds);
}

/** `only`: the indices (ascending) of the models counted (the overview's subtrees among one list prepared once). */
export function hd22Sets(
  models: readonly CountableModel[],
  sites: readonly CountableSite[],
  scope: CountScope,
  only?: readonly number[],
): Hd22Sets {
  const out: Hd22Sets = {
    modelTypes: new Set(),
    models: new Set(),
    newModels: new Set(),
    replicated: new Set(),
    retired: new Set(),
    effective: new Set(),
    exemplary: new Set(),
    sites: new Set(),
    newSites: new Set(),
  };
  const period: Period = { from: scope.from, to: scope.to };
  const all = prepare(models, sites);
  for (const p of only === undefined ? all : only.map((i) => all[i]!)) {
    for (const s of p.sites) {
      if (!inUnits(scope.unitIds, s.site.unitId)) continue;
      if (spanOverlaps(s.span, period)) out.sites.add(s.site.id);
      if (s.span !== null && inPeriod(s.span.from, period)) out.newSites.add(s.site.id);
    }
    if (!presentDuring(p, scope.unitIds, period)) continue;
    const m = p.model;
    out.models.add(m.id);
    out.modelTypes.add(m.typeId);
    if (inPeriod(firstPresence(p, scope.unitIds), period)) out.newModels.add(m.id);
    const replicatedOn = m.events.find((e) => e.status === 'nhan_rong')?.on ?? null;
    if (inPeriod(replicatedOn, period) && presentDuring(p, scope.unitIds, { from: replicatedOn!, to: replicatedOn! })) {
      out.replicated.add(m.id);
    }
    const retired = p.span?.to ?? null;
    if (inPeriod(retired, period) && presentDuring(p, scope.unitIds, { from: retired!, to: retired! })) out.retired.add(m.id);
    if (m.ratings.some((r) => r.year === scope.ratingYear && r.rating === 'hieu_qua')) out.effective.add(m.id);
    if (m.recognitions.some((r) => r.on <= scope.to)) out.exemplary.add(m.id);
  }
  return out;
}

/** Is the model present in the units during the period (the list's year and unit filters)? */
export function modelPresentDuring(
  model: CountableModel,
  sites: readonly CountableSite[],
  unitIds: ReadonlySet<string> | null,
  period: Period,
): boolean {
  return presentDuring(prepare([model], sites)[0]!, unitIds, period);
}

/** The sites of one model located in the units that operate during the period. */
export function sitesActiveDuring(
  model: CountableModel,
  sites: readonly CountableSite[],
  unitIds: ReadonlySet<string> | null,
  period: Period,
): CountableSite[] {
  const p = prepare([model], sites)[0]!;
  return p.sites.filter((s) => inUnits(unitIds, s.site.unitId) && spanOverlaps(s.span, period)).map((s) => s.site);
}
