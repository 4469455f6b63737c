/**
 * The one rule for a new password (issue 15 item 1), applied by the contract to every method that
 * sets one (auth.setup, auth.changePassword, auth.recover, accounts.create, accounts.resetPassword)
 * and by every screen before it calls: at least PASSWORD_LENGTH.min characters, at most
 * PASSWORD_LENGTH.max, at least one letter and one digit (which also rules out one character repeated). The memory-hard
 * hash slows guessing; this keeps the commonest guesses out. Pure: a message or null.
 *
 * Lengths count characters (code points) of the NFC form, the form the password is hashed in, so a
 * Vietnamese letter typed as a base letter plus a combining mark counts once.
 */

export const PASSWORD_LENGTH = { min: 8, max: 256 } as const;

/** The rule and its refusals, in Vietnamese. */
export const PASSWORD_RULE_TEXTS = {
  rule: `Ít nhất ${PASSWORD_LENGTH.min} ký tự, có cả chữ cái và chữ số.`,
  empty: 'Cần nhập mật khẩu.',
  short: `Mật khẩu cần ít nhất ${PASSWORD_LENGTH.min} ký tự.`,
  long: `Mật khẩu quá dài (tối đa ${PASSWORD_LENGTH.max} ký tự).`,
  mix: 'Mật khẩu cần có cả chữ cái và chữ số.',
} as const;

/** What is wrong with `password` as a new password, in Vietnamese; null when it meets the rule. */
export function passwordProblem(password: string): string | null {
  const chars = [...password.normalize('NFC')];
  if (chars.length === 0) return PASSWORD_RULE_TEXTS.empty;
  if (chars.length < PASSWORD_LENGTH.min) return PASSWORD_RULE_TEXTS.short;
  if (chars.length > PASSWORD_LENGTH.max) return PASSWORD_RULE_TEXTS.long;
  if (!chars.some((c) => /\p{L}/u.test(c)) || !chars.some((c) => /\p{N}/u.test(c))) return PASSWORD_RULE_TEXTS.mix;
  return null;
}
