/**
 * The strength rule the screens state and check before any call: at least PASSWORD_LENGTH.min
 * characters (the backend refuses shorter), with at least one letter and one digit, and not one
 * character repeated. A memory-hard hash slows guessing; this keeps the commonest guesses out.
 */
import { PASSWORD_LENGTH } from '../../../../shared/ipc/contracts/auth.contract';
import { AUTH } from './texts';

const R = AUTH.rule;
export const PASSWORD_RULE_TEXT = R.text(PASSWORD_LENGTH.min);

/** What is wrong with a new password, in Vietnamese; null when it meets the rule. */
export function passwordProblem(password: string): string | null {
  if (password.length === 0) return R.empty;
  if ([...password].length < PASSWORD_LENGTH.min) return R.short(PASSWORD_LENGTH.min);
  if (password.length > PASSWORD_LENGTH.max) return R.long(PASSWORD_LENGTH.max);
  if (!/\p{L}/u.test(password) || !/\p{N}/u.test(password)) return R.mix;
  if (new Set(password).size === 1) return R.repeated;
  return null;
}
