import { describe, expect, it } from 'vitest';
import { findUnsafeChar, findUnsafeInput } from '../../../shared/lib/text-safety';
import { fieldLabel, unsafeInputMessage, vietnameseIssueMessage } from '../../../shared/ipc/messages';
import { z } from 'zod';

describe('findUnsafeChar', () => {
  it('accepts Vietnamese text, emoji (paired surrogates), tabs and line breaks', () => {
    for (const s of ['Thôn Đông Xuyên', 'Nguyễn Thị Ánh 😀', 'dòng 1\ndòng 2\r\n\tthụt lề', '']) expect(findUnsafeChar(s)).toBeNull();
  });
  it.each([
    ['NUL', '\u0000', 'control'],
    ['ESC', '\u001b', 'control'],
    ['DEL', '\u007f', 'control'],
    ['C1 NEL', '\u0085', 'control'],
    ['RLO', '\u202e', 'bidi'],
    ['LRI', '\u2066', 'bidi'],
    ['lone high surrogate', '\ud83d', 'surrogate'],
    ['lone low surrogate', '\ude00x', 'surrogate'],
    ['reversed pair', '\ude00\ud83d', 'surrogate'],
  ])('refuses %s', (_name, ch, kind) => {
    expect(findUnsafeChar(`Thôn ${ch}1`)).toBe(kind);
  });
  it('refuses line breaks only when asked to', () => {
    expect(findUnsafeChar('a\nb', { allowLineBreaks: false })).toBe('control');
  });
});

describe('findUnsafeInput', () => {
  it('finds a bad string deep inside, a bad key, a prototype key, and too deep a nesting', () => {
    expect(findUnsafeInput({ records: [{ title: 'ok' }, { title: 'x\u0000' }] })).toEqual({
      kind: 'control',
      path: ['records', 1, 'title'],
    });
    expect(findUnsafeInput({ ['a\u202e']: 1 })).toEqual({ kind: 'bidi', path: ['a\u202e'] });
    expect(findUnsafeInput(JSON.parse('{"__proto__": {"x": 1}}'))).toEqual({ kind: 'key', path: ['__proto__'] });
    expect(findUnsafeInput({ a: { constructor: 1 } })).toEqual({ kind: 'key', path: ['a', 'constructor'] });
    expect(findUnsafeInput(JSON.parse('['.repeat(50) + ']'.repeat(50)))?.kind).toBe('too_deep');
    expect(findUnsafeInput({ name: 'Thôn 1', n: 5, ok: true, none: null })).toBeNull();
  });
  it('words the refusal with the field label and without the bad text', () => {
    const m = unsafeInputMessage({ kind: 'bidi', path: ['records', 0, 'title'] });
    expect(m).toBe('Tiêu đề chứa ký tự điều khiển hoặc ký tự ẩn không được phép (có thể do dán từ nơi khác); hãy gõ lại đoạn chữ đó.');
  });
});

describe('the Vietnamese error map', () => {
  const messageOf = (schema: z.ZodType, value: unknown) => {
    const r = schema.safeParse(value, { error: vietnameseIssueMessage });
    return r.success ? 'ok' : r.error.issues[0]!.message;
  };
  it('names the field and uses plain words for each kind of problem', () => {
    expect(messageOf(z.object({ query: z.string().max(200) }), { query: 'x'.repeat(201) })).toBe(
      'Từ khoá tìm kiếm quá dài (tối đa 200 ký tự).',
    );
    expect(messageOf(z.object({ limit: z.number().int() }), { limit: 2 ** 60 })).toBe('Số kết quả tối đa quá lớn.');
    expect(messageOf(z.object({ limit: z.number().int() }), { limit: 1.5 })).toBe('Số kết quả tối đa phải là số nguyên.');
    expect(messageOf(z.object({ year: z.number().max(2100) }), { year: 3000 })).toBe('Năm không được lớn hơn 2.100.');
    expect(messageOf(z.object({ name: z.string() }), {})).toBe('Tên là bắt buộc.');
    expect(messageOf(z.object({ count: z.number() }), { count: Number.NaN })).toBe('Số lượng phải là một số.');
    expect(messageOf(z.object({ zz: z.enum(['a', 'b']) }), { zz: 'c' })).toBe('Thông tin không thuộc các giá trị được phép.');
    expect(messageOf(z.object({}).strict(), { x: 1 })).toBe('Có thông tin không được hỗ trợ trong yêu cầu.');
  });
  it('finds the innermost named field', () => {
    expect(fieldLabel(['records', 2, 'title'])).toBe('Tiêu đề');
    expect(fieldLabel(['toString'])).toBeNull();
    expect(fieldLabel([])).toBeNull();
  });
});
