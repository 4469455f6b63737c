/** The one rule for a new password (shared/domain/password-rule.ts): the backend's contract and every screen use it. */
import { describe, expect, it } from 'vitest';
import { PASSWORD_LENGTH, PASSWORD_RULE_TEXTS, passwordProblem } from '../../../shared/domain/password-rule';

describe('passwordProblem', () => {
  it('takes a password of at least 8 characters with a letter and a digit', () => {
    expect(passwordProblem('QuanTri2026!')).toBeNull();
    expect(passwordProblem('abcdefg1')).toBeNull();
    expect(passwordProblem('mật khẩu số 2')).toBeNull();
    // Any script's letters and digits count: Vietnamese letters with marks, not only a–z.
    expect(passwordProblem('đường1ấp')).toBeNull();
  });

  it('names what is wrong, in Vietnamese', () => {
    expect(passwordProblem('')).toBe(PASSWORD_RULE_TEXTS.empty);
    expect(passwordProblem('abc1234')).toBe('Mật khẩu cần ít nhất 8 ký tự.');
    expect(passwordProblem('moi-hoan-toan')).toBe('Mật khẩu cần có cả chữ cái và chữ số.');
    expect(passwordProblem('12345678')).toBe('Mật khẩu cần có cả chữ cái và chữ số.');
    expect(passwordProblem('        ')).toBe('Mật khẩu cần có cả chữ cái và chữ số.');
    expect(passwordProblem(`a1${'x'.repeat(PASSWORD_LENGTH.max - 2)}`)).toBeNull();
    expect(passwordProblem(`a1${'x'.repeat(PASSWORD_LENGTH.max - 1)}`)).toBe('Mật khẩu quá dài (tối đa 256 ký tự).');
  });

  it('counts characters of the NFC form: a letter typed with a combining mark counts once', () => {
    const decomposed = 'ấấấấấấ1'.normalize('NFD');
    expect(decomposed.length).toBeGreaterThan(8);
    expect(passwordProblem(decomposed)).toBe(PASSWORD_RULE_TEXTS.short);
    expect(passwordProblem(`${decomposed}b`)).toBeNull();
    // A character outside the BMP is one character, not two UTF-16 units.
    expect(passwordProblem('𝒜𝒜𝒜𝒜𝒜𝒜1')).toBe(PASSWORD_RULE_TEXTS.short);
  });
});
