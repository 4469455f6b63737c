/**
 * Vietnamese messages for zod issues that a schema does not word itself, and the turning of a
 * ZodError into one sentence per problem that names where in the file the problem is. Used when
 * importing rule-set and rubric files typed by people at a province, so every refusal reads as
 * Vietnamese and points at the item to fix.
 */
import type { z } from 'zod';

function describeValue(value: unknown): string {
  if (value === undefined) return 'không có giá trị';
  if (value === null) return 'null';
  if (typeof value === 'string') return `"${value.length > 60 ? `${value.slice(0, 57)}...` : value}"`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'một danh sách';
  return 'một đối tượng';
}

/**
 * A refused value as it is quoted in an enum message: text as typed, numbers and booleans as
 * written, a list or object in its JSON form (never "[object Object]").
 */
export function inputText(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'object':
      return value === null ? 'null' : JSON.stringify(value);
    default:
      return typeof value;
  }
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: 'một chuỗi chữ',
  number: 'một số',
  int: 'một số nguyên',
  boolean: 'true hoặc false',
  array: 'một danh sách',
  object: 'một đối tượng',
  record: 'một đối tượng',
  null: 'null',
};

/** Per-parse fallback: schema-level messages take precedence over this one. */
export const vietnameseErrorMap: z.core.$ZodErrorMap = (iss) => {
  switch (iss.code) {
    case 'invalid_type':
      if (iss.input === undefined) return 'Thiếu trường bắt buộc.';
      return `Cần ${TYPE_WORDS[iss.expected] ?? iss.expected}, nhưng nhận được ${describeValue(iss.input)}.`;
    case 'too_small':
      if (iss.origin === 'string') return 'Không được để trống.';
      if (iss.origin === 'array') return `Cần ít nhất ${String(iss.minimum)} phần tử.`;
      return `Giá trị phải ${iss.inclusive === false ? 'lớn hơn' : 'từ'} ${String(iss.minimum)}${iss.inclusive === false ? '' : ' trở lên'}.`;
    case 'too_big':
      if (iss.origin === 'string') return `Quá dài (tối đa ${String(iss.maximum)} ký tự).`;
      if (iss.origin === 'array') return `Quá nhiều phần tử (tối đa ${String(iss.maximum)}).`;
      return `Giá trị phải ${iss.inclusive === false ? 'nhỏ hơn' : 'không quá'} ${String(iss.maximum)}.`;
    case 'invalid_format':
      return `Giá trị ${describeValue(iss.input)} không đúng định dạng.`;
    case 'not_multiple_of':
      return `Giá trị phải là bội số của ${String(iss.divisor)}.`;
    case 'unrecognized_keys':
      return `Trường không được phép: ${iss.keys.map((k) => `"${k}"`).join(', ')}.`;
    case 'invalid_union':
      return `Giá trị ${describeValue(iss.input)} không hợp lệ.`;
    case 'invalid_key':
      return 'Tên trường không hợp lệ.';
    case 'invalid_element':
      return 'Phần tử không hợp lệ.';
    case 'invalid_value':
      return `Giá trị ${describeValue(iss.input)} không hợp lệ; chỉ chấp nhận: ${iss.values.map((v) => JSON.stringify(v)).join(', ')}.`;
    default:
      return 'Giá trị không hợp lệ.';
  }
};

/** Reads the JSON text of an imported file; a Vietnamese message when it is not JSON. */
export function readJson(text: string): { ok: true; value: unknown } | { ok: false; errors: string[] } {
  const trimmed = text.replace(/^\uFEFF/, '');
  if (trimmed.trim() === '') return { ok: false, errors: ['Tệp rỗng, không có nội dung.'] };
  try {
    return { ok: true, value: JSON.parse(trimmed) as unknown };
  } catch {
    // The parser's own explanation is English; the person gets one Vietnamese sentence.
    return { ok: false, errors: ['Tệp không phải JSON hợp lệ (sai cú pháp, có thể tệp bị hỏng hoặc không phải tệp tiêu chí).'] };
  }
}

/** One message per issue, prefixed by where it is (`where` turns a path into words). */
export function issueMessages(error: z.ZodError, where: (path: readonly PropertyKey[]) => string): string[] {
  const out: string[] = [];
  for (const issue of error.issues) {
    const place = where(issue.path);
    const line = place ? `${place}: ${issue.message}` : issue.message;
    if (!out.includes(line)) out.push(line);
  }
  return out;
}

/** "rules[3].params.min" → a dotted path for messages, numbers as [n]. */
export function dottedPath(path: readonly PropertyKey[]): string {
  let s = '';
  for (const p of path) {
    if (typeof p === 'number') s += `[${p}]`;
    else s += s === '' ? String(p) : `.${String(p)}`;
  }
  return s;
}
