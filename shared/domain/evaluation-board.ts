/**
 * The counts of the evaluation board and the sentences reports quote ("709/730 khu dân cư …"),
 * computed from the board's rows alone. Pure, so the backend builds the board with it and the
 * screen recomputes the counts after patching a few rows (issue 14 item 2: no whole-board reload).
 */
import { OVERALL_RESULTS, type OverallResult } from './criteria/vocabulary';
import {
  BOARD_CATEGORIES,
  BOARD_CATEGORY_LABELS,
  WORKFLOW_STATES,
  countSentence,
  type BoardCategory,
  type WorkflowState,
} from './evaluation';
import { compareVietnamese } from '../lib/text';

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

// ---------------------------------------------------------------------------------------------
// The board read by pages (evaluation.boardPage): its orders and its search, shared by the backend
// that orders and searches and the screen whose header clicks ask for an order.

/** What a board row is ordered and searched by. */
export interface OrderedRow extends CountedRow {
  name: string;
  parentName: string | null;
}

/** The orders evaluation.boardPage can give: the board's own order, or one column's. */
export const BOARD_SORT_KEYS = ['default', 'name', 'parent', 'status', 'live', 'frozen'] as const;
export type BoardSortKey = (typeof BOARD_SORT_KEYS)[number];

/** The value a column orders by (what the table's header click sorted by on the screen before the board was paged). */
export const BOARD_SORT_VALUE: Record<Exclude<BoardSortKey, 'default'>, (r: OrderedRow) => string | number | null> = {
  name: (r) => r.name,
  parent: (r) => r.parentName ?? '',
  status: (r) => WORKFLOW_STATES.indexOf(r.status),
  live: (r) => (r.evaluated ? OVERALL_RESULTS.indexOf(r.live) : null),
  frozen: (r) => (r.tampered ? OVERALL_RESULTS.length : r.frozen === null ? null : OVERALL_RESULTS.indexOf(r.frozen)),
};

/** The table's comparison: empty values last going up, numbers as numbers, Vietnamese order otherwise. */
function compareBoardCells(a: string | number | null, b: string | number | null): number {
  if (a === null || a === '') return b === null || b === '' ? 0 : 1;
  if (b === null || b === '') return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return compareVietnamese(String(a), String(b));
}

/**
 * The rows in the asked order. `rows` come in the board's order (category, commune, name); a
 * column's order is a stable sort over it, as the table's was, so ties keep the board's order both ways.
 */
export function orderBoardRows<T extends OrderedRow>(rows: readonly T[], key: BoardSortKey, dir: 'asc' | 'desc'): T[] {
  if (key === 'default') return dir === 'asc' ? [...rows] : [...rows].reverse();
  const sign = dir === 'asc' ? 1 : -1;
  const get = BOARD_SORT_VALUE[key];
  const keyed = rows.map((row, i) => ({ row, i, v: get(row) }));
  keyed.sort((a, b) => sign * compareBoardCells(a.v, b.v) || a.i - b.i);
  return keyed.map((k) => k.row);
}

/** The text the board's search looks in (diacritics ignored: shared/lib/text.ts matchesQuery). */
export const boardSearchText = (r: Pick<OrderedRow, 'name' | 'parentName'>): string => `${r.name} ${r.parentName ?? ''}`;
