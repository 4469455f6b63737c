/**
 * The yearly evaluation workflow of one subject (a residential area, a commune or an organisation)
 * for one year (domain.md §8, issue 5 item 4): the states, which step may follow which, the dates
 * each step must respect, the deadlines of §8.1/§6.3, the board categories and the Vietnamese labels
 * the backend's messages and the screens share. Pure: no clock, no DB; "today" is passed in.
 */
import { formatDateVi } from '../lib/dates';
import { COMMUNE_KINDS, RESIDENTIAL_KINDS, type UnitKind } from './units';
import type { EvaluatedKind } from './criteria/vocabulary';

// ---------------------------------------------------------------------------------------------
// Subjects and board categories

export const SUBJECT_TYPES = ['unit', 'organization'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

/** How the board groups subjects: reports quote "x/y khu dân cư", "x/y xã", … */
export const BOARD_CATEGORIES = ['khu_dan_cu', 'xa', 'co_quan_doanh_nghiep', 'co_so_giao_duc'] as const;
export type BoardCategory = (typeof BOARD_CATEGORIES)[number];

export const BOARD_CATEGORY_LABELS: Readonly<Record<BoardCategory, string>> = {
  khu_dan_cu: 'Khu dân cư',
  xa: 'Xã, phường, thị trấn',
  co_quan_doanh_nghiep: 'Cơ quan, doanh nghiệp',
  co_so_giao_duc: 'Cơ sở giáo dục',
};

/** The noun used in the sentences reports quote ("709/730 khu dân cư"). */
export const BOARD_CATEGORY_NOUNS: Readonly<Record<BoardCategory, string>> = {
  khu_dan_cu: 'khu dân cư',
  xa: 'xã, phường, thị trấn',
  co_quan_doanh_nghiep: 'cơ quan, doanh nghiệp',
  co_so_giao_duc: 'cơ sở giáo dục',
};

/** The rule-set kind of a registry unit (residential kinds all map to 'khu_dan_cu'), or null. */
export function evaluatedKindOfUnit(kind: UnitKind): EvaluatedKind | null {
  if ((RESIDENTIAL_KINDS as readonly string[]).includes(kind)) return 'khu_dan_cu';
  if ((COMMUNE_KINDS as readonly string[]).includes(kind)) return kind as EvaluatedKind;
  return null;
}

export function boardCategoryOf(kind: EvaluatedKind): BoardCategory {
  switch (kind) {
    case 'khu_dan_cu':
      return 'khu_dan_cu';
    case 'co_quan':
    case 'doanh_nghiep':
      return 'co_quan_doanh_nghiep';
    case 'co_so_giao_duc':
      return 'co_so_giao_duc';
    default:
      return 'xa';
  }
}

// ---------------------------------------------------------------------------------------------
// Workflow

export const WORKFLOW_STATES = [
  'chua_dang_ky',
  'da_dang_ky',
  'tu_danh_gia',
  'de_nghi',
  'tham_dinh',
  'cong_nhan',
  'khong_cong_nhan',
] as const;
export type WorkflowState = (typeof WORKFLOW_STATES)[number];

export const WORKFLOW_STATE_LABELS: Readonly<Record<WorkflowState, string>> = {
  chua_dang_ky: 'Chưa đăng ký',
  da_dang_ky: 'Đã đăng ký',
  tu_danh_gia: 'Đã tự đánh giá',
  de_nghi: 'Đã đề nghị công nhận',
  tham_dinh: 'Đã thẩm định',
  cong_nhan: 'Được công nhận',
  khong_cong_nhan: 'Không được công nhận',
};

/** Steps after registration (registration itself is `evaluation.register`). */
export const ADVANCE_STEPS = ['tu_danh_gia', 'de_nghi', 'tham_dinh', 'quyet_dinh'] as const;
export type AdvanceStep = (typeof ADVANCE_STEPS)[number];

export const ADVANCE_STEP_LABELS: Readonly<Record<AdvanceStep, string>> = {
  tu_danh_gia: 'Họp tự đánh giá',
  de_nghi: 'Tờ trình đề nghị công nhận',
  tham_dinh: 'Thẩm định hồ sơ',
  quyet_dinh: 'Quyết định công nhận',
};

export const DECISION_OUTCOMES = ['cong_nhan', 'khong_cong_nhan'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

export const DECISION_OUTCOME_LABELS: Readonly<Record<DecisionOutcome, string>> = {
  cong_nhan: 'Công nhận đạt tiêu chuẩn "An toàn về an ninh, trật tự"',
  khong_cong_nhan: 'Không công nhận',
};

/** Party resolution on security and order: a resolution of its own or folded into another one. */
export const RESOLUTION_FORMS = ['chuyen_de_rieng', 'long_ghep'] as const;
export type ResolutionForm = (typeof RESOLUTION_FORMS)[number];

export const RESOLUTION_FORM_LABELS: Readonly<Record<ResolutionForm, string>> = {
  chuyen_de_rieng: 'Nghị quyết chuyên đề riêng',
  long_ghep: 'Lồng ghép trong nghị quyết chung',
};

/** The state a step leads to, from the state it needs. */
const STEP_FROM: Readonly<Record<AdvanceStep, WorkflowState>> = {
  tu_danh_gia: 'da_dang_ky',
  de_nghi: 'tu_danh_gia',
  tham_dinh: 'de_nghi',
  quyet_dinh: 'tham_dinh',
};

/** What the next step is from a state (null: registration first, or finished). */
export function nextStep(state: WorkflowState): AdvanceStep | null {
  for (const s of ADVANCE_STEPS) if (STEP_FROM[s] === state) return s;
  return null;
}

export function stateAfter(step: AdvanceStep, outcome?: DecisionOutcome): WorkflowState {
  if (step === 'quyet_dinh') return outcome ?? 'cong_nhan';
  return step;
}

/** The state before the latest step (what undo goes back to). */
export function stateBefore(state: WorkflowState): WorkflowState | null {
  switch (state) {
    case 'chua_dang_ky':
      return null;
    case 'da_dang_ky':
      return 'chua_dang_ky';
    case 'tu_danh_gia':
      return 'da_dang_ky';
    case 'de_nghi':
      return 'tu_danh_gia';
    case 'tham_dinh':
      return 'de_nghi';
    case 'cong_nhan':
    case 'khong_cong_nhan':
      return 'tham_dinh';
  }
}

export interface StepCheck {
  state: WorkflowState;
  step: AdvanceStep;
  /** The date of the step being taken. */
  date: string;
  /** The date of the last step taken (registration date for the first step). */
  previousDate: string | null;
  year: number;
  today: string;
  /**
   * For 'quyet_dinh': the outcome, the unit's result that counts (null: the year has no rule set in
   * the app, so nothing was evaluated and a recognition needs no reason), and the reason given if any.
   */
  outcome?: DecisionOutcome;
  result?: 'dat' | 'chua_dat' | 'thieu_du_lieu' | null;
  reason?: string | null;
}

/**
 * Whether a step may be taken: field key → Vietnamese message (empty when allowed). Steps go in
 * order, each dated no earlier than the previous one, not in the future, inside the evaluation year
 * (a decision may come up to the end of January of the next year — late decisions happen and
 * refusing them would only push people to type wrong dates). Recognising a unit whose result is not
 * 'đạt' needs a reason, which is recorded.
 */
export function checkStep(c: StepCheck): Record<string, string> {
  const errors: Record<string, string> = {};
  const expected = STEP_FROM[c.step];
  if (c.state !== expected) {
    const next = nextStep(c.state);
    errors['step'] =
      c.state === 'chua_dang_ky'
        ? 'Đơn vị chưa đăng ký: cần ghi nhận đăng ký trước.'
        : c.state === 'cong_nhan' || c.state === 'khong_cong_nhan'
          ? `Đơn vị đã có quyết định (${WORKFLOW_STATE_LABELS[c.state].toLowerCase()}); muốn sửa cần hủy bước trước.`
          : `Không thể thực hiện bước "${ADVANCE_STEP_LABELS[c.step]}" khi đơn vị đang ở trạng thái "${WORKFLOW_STATE_LABELS[c.state]}"${next ? `; bước tiếp theo là "${ADVANCE_STEP_LABELS[next]}"` : ''}.`;
    return errors;
  }
  if (c.date > c.today) errors['date'] = `Ngày ${formatDateVi(c.date)} ở tương lai (hôm nay ${formatDateVi(c.today)}).`;
  else if (c.previousDate !== null && c.date < c.previousDate) {
    errors['date'] = `Ngày ${formatDateVi(c.date)} trước ngày của bước trước (${formatDateVi(c.previousDate)}).`;
  } else if (c.date < `${c.year}-01-01` || c.date > `${c.year + 1}-01-31`) {
    errors['date'] = `Ngày ${formatDateVi(c.date)} không thuộc đợt đánh giá năm ${c.year}.`;
  }
  if (c.step === 'quyet_dinh' && c.outcome === 'cong_nhan' && c.result !== null && c.result !== 'dat' && !(c.reason && c.reason.trim())) {
    errors['reason'] =
      c.result === 'chua_dat'
        ? 'Kết quả đánh giá là "Chưa đạt": muốn công nhận cần ghi lý do.'
        : 'Kết quả đánh giá chưa đủ dữ liệu: muốn công nhận cần ghi lý do.';
  }
  return errors;
}

export interface RegistrationCheck {
  registeredOn: string;
  year: number;
  today: string;
}

/** Registration date: in the evaluation year, not in the future. Late (after Q1) is allowed — it fails the Q1 criterion. */
export function checkRegistration(c: RegistrationCheck): Record<string, string> {
  const errors: Record<string, string> = {};
  if (c.registeredOn > c.today) errors['registeredOn'] = `Ngày đăng ký ${formatDateVi(c.registeredOn)} ở tương lai.`;
  else if (c.registeredOn.slice(0, 4) !== String(c.year)) {
    errors['registeredOn'] = `Ngày đăng ký ${formatDateVi(c.registeredOn)} không thuộc năm ${c.year}.`;
  }
  return errors;
}

/** The day Circular 124/2021/TT-BCA took effect; Circular 23/2012/TT-BCA governed the movement before it (domain.md §6.6). */
export const TT124_IN_FORCE = '2022-02-10';

/**
 * What the board and the subject say for a year no rule set in the app covers (years before
 * Circular 124 above all): registrations, decisions and figures are recorded and counted, but no
 * result is computed — never an error, never a verdict.
 */
export function noRuleSetNote(year: number): string {
  const before = `${year}-12-31` < TT124_IN_FORCE ? ` (trước ${formatDateVi(TT124_IN_FORCE)} áp dụng Thông tư 23/2012/TT-BCA)` : '';
  return `Năm ${year} chưa có bộ tiêu chí trong ứng dụng${before}, nên không tính kết quả đánh giá theo tiêu chí. Đăng ký, quyết định công nhận và số liệu của năm vẫn được ghi nhận và thống kê.`;
}

/** True when the registration came after the first quarter (it fails the Q1 criterion). */
export function isLateRegistration(registeredOn: string, year: number): boolean {
  return registeredOn > `${year}-03-31`;
}

/**
 * Deadlines of domain.md §8.1/§6.3 for a subject kind: the self-assessment meeting and the decision.
 * Residential areas are decided by 15/11; communes and organisations by 20/11.
 */
export function deadlines(kind: EvaluatedKind, year: number): { registration: string; decision: string } {
  return { registration: `${year}-03-31`, decision: kind === 'khu_dan_cu' ? `${year}-11-15` : `${year}-11-20` };
}

/** Step dates after the deadline (informative warnings, never refusals). */
export function lateWarnings(
  kind: EvaluatedKind,
  year: number,
  dates: { registeredOn: string | null; decidedOn: string | null },
): string[] {
  const d = deadlines(kind, year);
  const out: string[] = [];
  if (dates.registeredOn !== null && dates.registeredOn > d.registration) {
    out.push(`Đăng ký ngày ${formatDateVi(dates.registeredOn)}, sau hạn quý I (${formatDateVi(d.registration)}).`);
  }
  if (dates.decidedOn !== null && dates.decidedOn > d.decision) {
    out.push(`Quyết định ngày ${formatDateVi(dates.decidedOn)}, sau hạn ${formatDateVi(d.decision)}.`);
  }
  return out;
}

/** "709/730 khu dân cư đạt tiêu chuẩn "An toàn về an ninh, trật tự" (97,1%)". */
export function countSentence(category: BoardCategory, part: number, total: number, what: string): string {
  const pct =
    total > 0 ? ` (${((part * 100) / total).toLocaleString('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%)` : '';
  return `${part.toLocaleString('vi-VN')}/${total.toLocaleString('vi-VN')} ${BOARD_CATEGORY_NOUNS[category]} ${what}${pct}.`;
}

/**
 * Figures no registry holds, recorded by an officer for an organisation (who and when): discipline
 * counts and the crimes / social evils at a school. Everything else is taken from the records.
 */
export const MANUAL_COUNT_KEYS = ['ky_luat_luc_luong_bao_ve', 'ky_luat_can_bo', 'pham_toi_trong_truong', 'te_nan_trong_truong'] as const;
export type ManualCountKey = (typeof MANUAL_COUNT_KEYS)[number];

export const HISTORY_ACTIONS = [
  'register',
  'update_registration',
  'advance',
  'undo',
  'attest',
  'clear_attest',
  'override',
  'clear_override',
  'figures',
] as const;
export type HistoryAction = (typeof HISTORY_ACTIONS)[number];

export const HISTORY_ACTION_LABELS: Readonly<Record<HistoryAction, string>> = {
  register: 'Ghi nhận đăng ký',
  update_registration: 'Sửa thông tin đăng ký',
  advance: 'Chuyển bước',
  undo: 'Hủy bước',
  attest: 'Xác nhận tiêu chí',
  clear_attest: 'Bỏ xác nhận tiêu chí',
  override: 'Thay đổi kết quả tiêu chí',
  clear_override: 'Bỏ thay đổi kết quả tiêu chí',
  figures: 'Ghi số liệu do cán bộ xác nhận',
};
