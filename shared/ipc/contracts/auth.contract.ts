/**
 * Accounts and the session (issue 15 item 1): first-run set-up of the Quản trị account (with the
 * recovery key shown once), login, lock, logout, change of one's own password, recovery of a Quản
 * trị account with the recovery key, the accounts list kept by Quản trị, and the idle-lock setting.
 * One session per backend (one person at the keyboard). Which role may call which method of the
 * whole contract is declared in shared/ipc/access.ts; docs/decisions.md (h15-auth) says why.
 */
import { z } from 'zod';
import { empty } from '../common';
import { ROLES } from '../../domain/roles';
import { PASSWORD_LENGTH, PASSWORD_RULE_TEXTS, passwordProblem } from '../../domain/password-rule';

export { PASSWORD_LENGTH };

export const ROLE_ENUM = z.enum(ROLES, { error: 'Vai trò không hợp lệ.' });

/** Idle minutes before the session locks itself (set by Quản trị). */
export const IDLE_LOCK_MINUTES = { min: 1, max: 240, default: 15 } as const;

/** The person whose session is open. */
export const sessionDto = z.object({
  accountId: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: ROLE_ENUM,
  /** Set by Quản trị (a new account, a reset password): the person should choose their own now. */
  mustChangePassword: z.boolean(),
});
export type SessionDto = z.infer<typeof sessionDto>;

export const authStatusDto = z.object({
  /** An account exists (false: the first run, `auth.setup` is the only way in). */
  setUp: z.boolean(),
  /** The open session, or null (nobody logged in, or locked). */
  session: sessionDto.nullable(),
  /** Locked (not logged out): whose session the lock screen unlocks. */
  lockedFor: z.object({ username: z.string(), displayName: z.string() }).nullable(),
  idleLockMinutes: z.number().int(),
  /** Seconds before a login or recovery attempt is accepted again after wrong passwords (0: now). */
  loginWaitSeconds: z.number().int(),
});
export type AuthStatusDto = z.infer<typeof authStatusDto>;

export const accountDto = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: ROLE_ENUM,
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AccountDto = z.infer<typeof accountDto>;

/** Letters a–z, digits, dot, dash, underscore; compared without case. */
export const username = z
  .string({ error: 'Cần nhập tên đăng nhập.' })
  .trim()
  .min(3, { error: 'Tên đăng nhập cần ít nhất 3 ký tự.' })
  .max(50, { error: 'Tên đăng nhập quá dài (tối đa 50 ký tự).' })
  .regex(/^[A-Za-z0-9._-]+$/, { error: 'Tên đăng nhập chỉ gồm chữ không dấu, chữ số và các dấu . _ -' });

/** A login name as typed at login: never refused for its shape (the message must not tell what exists). */
const loginName = z
  .string({ error: 'Cần nhập tên đăng nhập.' })
  .trim()
  .min(1, { error: 'Cần nhập tên đăng nhập.' })
  .max(200, { error: 'Tên đăng nhập quá dài.' });

const displayName = z
  .string({ error: 'Cần nhập họ và tên.' })
  .trim()
  .min(1, { error: 'Họ và tên không được để trống.' })
  .max(200, { error: 'Họ và tên quá dài (tối đa 200 ký tự).' })
  .transform((s) => s.normalize('NFC'));

/**
 * A new password: never trimmed; NFC so the same password typed with another keyboard tool matches;
 * the one rule of shared/domain/password-rule.ts (the screens check the same before calling). The
 * bound in UTF-16 units only keeps a huge string from being walked (a code point is 1–2 units).
 */
export const newPassword = z
  .string({ error: PASSWORD_RULE_TEXTS.empty })
  .max(PASSWORD_LENGTH.max * 2, { error: PASSWORD_RULE_TEXTS.long })
  .transform((s) => s.normalize('NFC'))
  .superRefine((s, ctx) => {
    const problem = passwordProblem(s);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
  });

/** A password as typed to log in: any length (a wrong one is only "wrong"). */
const password = z
  .string({ error: 'Cần nhập mật khẩu.' })
  .min(1, { error: 'Cần nhập mật khẩu.' })
  .max(1000, { error: 'Mật khẩu quá dài.' })
  .transform((s) => s.normalize('NFC'));

const recoveryKey = z
  .string({ error: 'Cần nhập mã khôi phục.' })
  .trim()
  .min(1, { error: 'Cần nhập mã khôi phục.' })
  .max(200, { error: 'Mã khôi phục quá dài.' });

const idleLockMinutes = z
  .number({ error: 'Số phút phải là số.' })
  .int({ error: 'Số phút phải là số nguyên.' })
  .min(IDLE_LOCK_MINUTES.min, { error: `Thời gian tự khóa ít nhất ${IDLE_LOCK_MINUTES.min} phút.` })
  .max(IDLE_LOCK_MINUTES.max, { error: `Thời gian tự khóa tối đa ${IDLE_LOCK_MINUTES.max} phút.` });

const accountId = z.string({ error: 'Cần chọn một tài khoản.' }).trim().min(1, { error: 'Cần chọn một tài khoản.' }).max(100);

export const authSettingsDto = z.object({ idleLockMinutes: z.number().int() });

export const authContract = {
  /** Public: is there an account, is a session open (whose), the idle minutes, the wait after wrong passwords. */
  'auth.status': { input: empty, output: authStatusDto },
  /**
   * Public, first run only (no account yet, else SETUP_STATE): creates the Quản trị account and
   * the office's data key, opens the session, and returns the recovery key — shown this once.
   */
  'auth.setup': {
    input: z.object({ username, displayName, password: newPassword }).strict(),
    output: z.object({ session: sessionDto, recoveryKey: z.string() }),
  },
  /** Public: opens the session (or unlocks a locked one). Wrong name or password: one message, a growing wait. */
  'auth.login': { input: z.object({ username: loginName, password }).strict(), output: z.object({ session: sessionDto }) },
  /** Public: closes the session and forgets the data key. */
  'auth.logout': { input: empty, output: empty },
  /** Public: locks the session (the data key is forgotten; the same person or another logs in again). */
  'auth.lock': { input: empty, output: empty },
  /** The person is active (the renderer calls it, at most about once a minute, on input): resets the idle timer. */
  'auth.touch': { input: empty, output: empty },
  /** One's own password; the data key is wrapped again for the new one. */
  'auth.changePassword': {
    input: z.object({ currentPassword: password, newPassword }).strict(),
    output: empty,
  },
  /** Public: a Quản trị account gets a new password with the recovery key printed at set-up; opens its session. */
  'auth.recover': {
    input: z.object({ username: loginName, recoveryKey, newPassword }).strict(),
    output: z.object({ session: sessionDto }),
  },
  'authSettings.get': { input: empty, output: authSettingsDto },
  'authSettings.set': { input: z.object({ idleLockMinutes }).strict(), output: authSettingsDto },

  /** Quản trị: every account. */
  'accounts.list': { input: empty, output: z.object({ accounts: z.array(accountDto) }) },
  /** Quản trị: a new account with a first password the person must change at first login. */
  'accounts.create': {
    input: z.object({ username, displayName, role: ROLE_ENUM, password: newPassword }).strict(),
    output: accountDto,
  },
  /** Quản trị: name, role, disabled. The last active Quản trị cannot be demoted or disabled. */
  'accounts.update': {
    input: z
      .object({ id: accountId, displayName, role: ROLE_ENUM, disabled: z.boolean({ error: 'Cần chọn trạng thái tài khoản.' }) })
      .strict(),
    output: accountDto,
  },
  /** Quản trị: another account's new password (wrapped with the data key of the admin's open session). */
  'accounts.resetPassword': { input: z.object({ id: accountId, newPassword }).strict(), output: accountDto },
} as const;
