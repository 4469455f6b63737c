/**
 * The counts of the evaluation board and the sentences reports quote ("709/730 khu dân cư …"),
 * computed from the board's rows alone. Pure, so the backend builds the board with it and the
 * screen recomputes the counts after patching a few rows (issue 14 item 2: no whole-board reload).
 */
import type { OverallResult } from './criteria/vocabulary';
import { BOARD_CATEGORIES, BOARD_CATEGORY_LABELS, countSentence, type BoardCategory, type WorkflowState } from './evaluation';

/** What a row contributes to the counts. */
export interface CountedRow {
  category: BoardCategory;
  status: WorkflowState;
  /** Registered itself, or through every predecessor (a unit formed during the year). */
  registered: boolean;
  /** False when no rule set covers the year: the live result is not a verdict and is not counted. */
  evaluated: boolean;
  live: OverallResult;
  frozen: OverallResult | null;
  tampered: boolean;
}

export interface BoardCount {
  category: BoardCategory;
  label: string;
  total: number;
  registered: number;
  /**
   * Rows whose computed result is "đạt"; null when the category has rows and none of them was
   * evaluated (no rule set covers their kind in the year, e.g. before Circular 124): "không đánh
   * giá", never 0.
   */
  dat: number | null;
  recognised: number;
  frozenDat: number | null;
  frozenUnknown: number | null;
  sentences: string[];
}

const STANDARD = 'đạt tiêu chuẩn "An toàn về an ninh, trật tự"';

export function boardCounts(rows: readonly CountedRow[], frozen: boolean): BoardCount[] {
  return BOARD_CATEGORIES.map((category) => {
    const inCat = rows.filter((r) => r.category === category);
    const total = inCat.length;
    const registered = inCat.filter((r) => r.registered).length;
    const evaluated = total === 0 || inCat.some((r) => r.evaluated);
    const dat = evaluated ? inCat.filter((r) => r.evaluated && r.live === 'dat').length : null;
    const recognised = inCat.filter((r) => r.status === 'cong_nhan').length;
    const frozenDat = frozen ? inCat.filter((r) => r.frozen === 'dat' && !r.tampered).length : null;
    const frozenUnknown = frozen ? inCat.filter((r) => r.tampered).length : null;
    const sentences: string[] = [];
    if (total > 0) {
      sentences.push(countSentence(category, registered, total, 'đã đăng ký phấn đấu'));
      sentences.push(countSentence(category, recognised, total, `được công nhận ${STANDARD}`));
      if (frozenDat !== null) {
        sentences.push(countSentence(category, frozenDat, total, `${STANDARD} theo kết quả đã chốt`));
        if (frozenUnknown)
          sentences.push(
            countSentence(category, frozenUnknown, total, 'không xác định được kết quả đã chốt (dữ liệu đã chốt không còn nguyên vẹn)'),
          );
        // A year without a rule set has no computed result to quote.
      } else if (dat !== null) sentences.push(countSentence(category, dat, total, `${STANDARD} theo kết quả tính hiện tại`));
    }
    return { category, label: BOARD_CATEGORY_LABELS[category], total, registered, dat, recognised, frozenDat, frozenUnknown, sentences };
  });
}

/** Replaces the rows with the same key, keeping the order; rows of other keys are left out. */
export function patchRows<T>(rows: readonly T[], fresh: readonly T[], key: (r: T) => string): T[] {
  const byKey = new Map(fresh.map((r) => [key(r), r]));
  return rows.map((r) => byKey.get(key(r)) ?? r);
}
