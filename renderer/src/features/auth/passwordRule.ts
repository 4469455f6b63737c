/**
 * The strength rule the screens state and check before any call: at least PASSWORD_LENGTH.min
 * characters (the backend refuses shorter), with at least one letter and one digit, and not one
 * character repeated. A memory-hard hash slows guessing; this keeps the commonest guesses out.
 */
import { PASSWORD_LENGTH } from '../../../../shared/ipc/contracts/auth.contract';

export const PASSWORD_RULE_TEXT = `Ít nhất ${PASSWORD_LENGTH.min} ký tự, có cả chữ cái và chữ số.`;

/** What is wrong with a new password, in Vietnamese; null when it meets the rule. */
export function passwordProblem(password: string): string | null {
  if (password.length === 0) return 'Cần nhập mật khẩu.';
  if ([...password].length < PASSWORD_LENGTH.min) return `Mật khẩu cần ít nhất ${PASSWORD_LENGTH.min} ký tự.`;
  if (password.length > PASSWORD_LENGTH.max) return `Mật khẩu quá dài (tối đa ${PASSWORD_LENGTH.max} ký tự).`;
  if (!/\p{L}/u.test(password) || !/\p{N}/u.test(password)) return 'Mật khẩu cần có cả chữ cái và chữ số.';
  if (new Set(password).size === 1) return 'Mật khẩu không được chỉ lặp lại một ký tự.';
  return null;
}
