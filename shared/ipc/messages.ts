/**
 * Plain Vietnamese for every kind of validation problem the contract's schemas can raise, with the
 * field's name where it is known (field-labels.ts). Installed once as zod's global error map by
 * the dispatch, it words every message a schema does not word itself, so no person ever reads the
 * schema library's terms ("string", "int", "<=", "mong đợi", "undefined", "NaN"). Also the words
 * for text holding forbidden characters (shared/lib/text-safety.ts), refused at the same boundary.
 */
import { z } from 'zod';
import { formatIntVi } from '../lib/numbers';
import type { UnsafeInput } from '../lib/text-safety';
import { FIELD_LABELS } from './field-labels';

type RawIssue = Parameters<NonNullable<z.core.$ZodConfig['customError']>>[0];

const GENERIC = 'Thông tin';
/** Bounds at or past this size are the library's safety nets (safe integers), not a rule. */
const HUGE = 1e12;

/** The label of the innermost named field of `path`, or null. */
export function fieldLabel(path: readonly PropertyKey[] | undefined): string | null {
  for (let i = (path?.length ?? 0) - 1; i >= 0; i--) {
    const k = path![i];
    if (typeof k === 'string') return Object.hasOwn(FIELD_LABELS, k) ? FIELD_LABELS[k]! : null;
  }
  return null;
}

function num(n: number | bigint): string {
  const v = Number(n);
  return Number.isInteger(v) ? formatIntVi(v) : new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 6 }).format(v);
}

function typeMessage(label: string, expected: string, input: unknown): string {
  if (input === undefined || input === null) return `${label} là bắt buộc.`;
  switch (expected) {
    case 'number':
    case 'bigint':
      return `${label} phải là một số.`;
    case 'int':
      return `${label} phải là số nguyên.`;
    case 'boolean':
      return `${label} phải là Có hoặc Không.`;
    case 'array':
      return `${label} phải là một danh sách.`;
    case 'date':
      return `${label} phải là một ngày.`;
    default:
      return `${label} không đúng dạng yêu cầu.`;
  }
}

function sizeMessage(label: string, issue: { origin: string; inclusive?: boolean }, bound: number | bigint, big: boolean): string {
  const n = Number(bound);
  if (issue.origin === 'string') {
    if (big) return `${label} quá dài (tối đa ${num(n)} ký tự).`;
    return n <= 1 ? `${label} không được để trống.` : `${label} quá ngắn (tối thiểu ${num(n)} ký tự).`;
  }
  if (issue.origin === 'array' || issue.origin === 'set') {
    return big ? `${label} có quá nhiều mục (tối đa ${num(n)}).` : `${label} cần ít nhất ${num(n)} mục.`;
  }
  if (Math.abs(n) >= HUGE) return big ? `${label} quá lớn.` : `${label} quá nhỏ.`;
  if (big) return issue.inclusive === false ? `${label} phải nhỏ hơn ${num(n)}.` : `${label} không được lớn hơn ${num(n)}.`;
  if (n === 0) return issue.inclusive === false ? `${label} phải lớn hơn 0.` : `${label} không được âm.`;
  return issue.inclusive === false ? `${label} phải lớn hơn ${num(n)}.` : `${label} không được nhỏ hơn ${num(n)}.`;
}

/** The message for one issue; used as zod's global error map (customError). */
export function vietnameseIssueMessage(issue: RawIssue): string {
  const label = fieldLabel(issue.path) ?? GENERIC;
  switch (issue.code) {
    case 'invalid_type':
      return typeMessage(label, String(issue.expected), issue.input);
    case 'too_big':
      return sizeMessage(label, issue, issue.maximum, true);
    case 'too_small':
      return sizeMessage(label, issue, issue.minimum, false);
    case 'invalid_format':
      return `${label} không đúng định dạng.`;
    case 'invalid_value':
      return `${label} không thuộc các giá trị được phép.`;
    case 'unrecognized_keys':
      return 'Có thông tin không được hỗ trợ trong yêu cầu.';
    case 'not_multiple_of':
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
    case 'custom':
    default:
      return `${label} không hợp lệ.`;
  }
}

let installed = false;

/** Makes vietnameseIssueMessage zod's global error map (idempotent). */
export function installVietnameseMessages(): void {
  if (installed) return;
  installed = true;
  z.config({ customError: vietnameseIssueMessage });
}

/** The refusal for an input holding a forbidden character or key (text-safety.ts). */
export function unsafeInputMessage(found: UnsafeInput): string {
  const label = fieldLabel(found.path.filter((p) => typeof p !== 'string' || Object.hasOwn(FIELD_LABELS, p))) ?? GENERIC;
  switch (found.kind) {
    case 'surrogate':
      return `${label} chứa ký tự bị lỗi mã hoá (có thể do dán từ nơi khác); hãy gõ lại đoạn chữ đó.`;
    case 'control':
    case 'bidi':
      return `${label} chứa ký tự điều khiển hoặc ký tự ẩn không được phép (có thể do dán từ nơi khác); hãy gõ lại đoạn chữ đó.`;
    case 'key':
      return 'Có thông tin không được hỗ trợ trong yêu cầu.';
    case 'too_deep':
      return 'Yêu cầu có cấu trúc lồng nhau quá sâu.';
  }
}
