/**
 * Accounts and the session (issue 15 item 1): first-run set-up, login, lock, logout, one's own
 * password, recovery with the printed key, and the idle setting. The scrypt work runs before a
 * transaction opens (it takes a large part of a second); the writes of one call share one
 * transaction. Wrong names and wrong passwords get one message and count once against one
 * persisted wait (throttle.ts); a name that does not exist costs the same scrypt work as one that
 * does, so timing does not tell either.
 */
import { randomBytes } from 'node:crypto';
import type { ServiceContext } from '../context';
import { AppError } from '../errors';
import * as repo from '../repos/accounts.repo';
import type { StoredAccount } from '../repos/accounts.repo';
import { IDLE_LOCK_MINUTES, type AuthStatusDto, type SessionDto } from '../../../shared/ipc/contracts/auth.contract';
import { hashPassword, verifyPassword, weakerThan, type PasswordHash, type ScryptParams } from './password';
import { dataKeyCheck, matchesCheck, newDataKey, newRecoveryKey, parseRecoveryKey, unwrapDataKey, wrapDataKey } from './data-key';
import type { SessionState, SessionUser } from './session';
import { waitSeconds } from './throttle';
import { AUTH_TEXTS } from './texts';
import { sealProtectedAfterSetup } from './after-setup';

export interface AuthDeps {
  ctx: ServiceContext;
  state: SessionState;
  /** scrypt cost for new hashes and wraps (production: DEFAULT_SCRYPT; lower only in tests, BackendOptions). */
  kdf: ScryptParams;
}

export function sessionOf(a: StoredAccount): SessionUser {
  return { accountId: a.id, username: a.username, displayName: a.displayName, role: a.role, mustChangePassword: a.mustChangePassword };
}

export const toSessionDto = (u: SessionUser): SessionDto => ({ ...u });

/** A hash to verify against when the name does not exist, made once per cost (same work, no answer). */
const decoys = new Map<string, Promise<PasswordHash>>();
function decoyHash(kdf: ScryptParams): Promise<PasswordHash> {
  const key = JSON.stringify(kdf);
  let found = decoys.get(key);
  if (!found) {
    found = hashPassword(randomBytes(16).toString('hex'), kdf);
    decoys.set(key, found);
  }
  return found;
}

const defaults = { idleLockMinutes: IDLE_LOCK_MINUTES.default };

/** Reads the idle setting into the session state (at start, after set-up and after a restore). */
export async function loadIdleSetting(deps: AuthDeps): Promise<void> {
  const settings = await repo.getAuthSettings(deps.ctx.db);
  deps.state.idleLockMinutes = settings?.idleLockMinutes ?? IDLE_LOCK_MINUTES.default;
}

export async function status(deps: AuthDeps): Promise<AuthStatusDto> {
  const { ctx, state } = deps;
  const [count, settings] = await Promise.all([repo.countAccounts(ctx.db), repo.getAuthSettings(ctx.db)]);
  const session = state.current();
  const locked = state.lockedFor();
  return {
    setUp: count > 0,
    session: session ? toSessionDto(session) : null,
    lockedFor: locked ? { username: locked.username, displayName: locked.displayName } : null,
    idleLockMinutes: settings?.idleLockMinutes ?? IDLE_LOCK_MINUTES.default,
    loginWaitSeconds: settings ? waitSeconds(settings.loginFailures, settings.lastFailureAt, ctx.clock.now()) : 0,
  };
}

export async function setup(
  deps: AuthDeps,
  input: { username: string; displayName: string; password: string },
): Promise<{ session: SessionDto; recoveryKey: string }> {
  const { ctx, state, kdf } = deps;
  if ((await repo.countAccounts(ctx.db)) > 0) throw new AppError('SETUP_STATE', AUTH_TEXTS.alreadySetUp);
  const id = ctx.newId();
  const dataKey = newDataKey();
  const recovery = newRecoveryKey();
  try {
    const [password, accountWrap, recoveryWrap] = await Promise.all([
      hashPassword(input.password, kdf),
      wrapDataKey(dataKey, input.password, { kind: 'account', accountId: id }, kdf),
      wrapDataKey(dataKey, recovery.bytes, { kind: 'recovery' }, kdf),
    ]);
    const at = ctx.clock.timestamp();
    await ctx.db.transaction().execute(async (trx) => {
      // Checked again inside the transaction: two set-ups at once make one account.
      if ((await repo.countAccounts(trx)) > 0) throw new AppError('SETUP_STATE', AUTH_TEXTS.alreadySetUp);
      await repo.insertAccount(
        trx,
        { id, username: input.username, displayName: input.displayName, role: 'quan_tri', password, mustChangePassword: false },
        at,
      );
      await repo.setLastLogin(trx, id, at);
      await repo.putAccountWrap(trx, ctx.newId(), id, accountWrap, at);
      await repo.putRecoveryWrap(trx, ctx.newId(), recoveryWrap, at);
      await repo.saveAuthSettings(
        trx,
        defaults,
        { dataKeyCheck: dataKeyCheck(dataKey), loginFailures: 0, lastFailureAt: null, updatedBy: id },
        at,
      );
    });
    state.keyring.set(dataKey);
    const account = (await repo.getAccount(ctx.db, id))!;
    state.open(sessionOf(account));
    await loadIdleSetting(deps);
    await sealProtectedAfterSetup(ctx);
    return { session: toSessionDto(sessionOf(account)), recoveryKey: recovery.text };
  } finally {
    dataKey.fill(0);
    recovery.bytes.fill(0);
  }
}

/** Refuses while the wait after wrong attempts runs (nothing is checked, nothing counted). */
async function assertNoWait(ctx: ServiceContext): Promise<void> {
  const settings = await repo.getAuthSettings(ctx.db);
  if (!settings) return;
  const wait = waitSeconds(settings.loginFailures, settings.lastFailureAt, ctx.clock.now());
  if (wait > 0) throw new AppError('RULE', AUTH_TEXTS.waitAfterWrong(wait), { waitSeconds: String(wait) });
}

/** Counts a wrong attempt and refuses with `message` (and the wait it now imposes, if any). */
async function refuseWrong(ctx: ServiceContext, message: string): Promise<never> {
  const at = ctx.clock.timestamp();
  const failures = await ctx.db.transaction().execute(async (trx) => {
    const before = await repo.getAuthSettings(trx);
    const count = (before?.loginFailures ?? 0) + 1;
    await repo.saveAuthSettings(trx, defaults, { loginFailures: count, lastFailureAt: at }, at);
    return count;
  });
  const wait = waitSeconds(failures, at, ctx.clock.now());
  if (wait > 0) throw new AppError('RULE', AUTH_TEXTS.wrongThenWait(message, wait), { waitSeconds: String(wait) });
  throw new AppError('RULE', message);
}

async function assertSetUp(ctx: ServiceContext): Promise<void> {
  if ((await repo.countAccounts(ctx.db)) === 0) throw new AppError('SETUP_STATE', AUTH_TEXTS.notSetUp);
}

/** Stores a new password and its wrap of the data key for `account` (one transaction). */
export async function storePassword(
  deps: AuthDeps,
  account: StoredAccount,
  password: string,
  dataKey: Uint8Array,
  mustChange: boolean,
): Promise<void> {
  const { ctx, kdf } = deps;
  const [hash, wrap] = await Promise.all([
    hashPassword(password, kdf),
    wrapDataKey(dataKey, password, { kind: 'account', accountId: account.id }, kdf),
  ]);
  const at = ctx.clock.timestamp();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.setAccountPassword(trx, account.id, hash, mustChange, at);
    await repo.putAccountWrap(trx, ctx.newId(), account.id, wrap, at);
  });
}

/** The session is open for `account` with `dataKey`; the wrong-attempt count starts again. */
async function openFor(deps: AuthDeps, account: StoredAccount, dataKey: Buffer): Promise<SessionDto> {
  const { ctx, state } = deps;
  const at = ctx.clock.timestamp();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.setLastLogin(trx, account.id, at);
    await repo.saveAuthSettings(trx, defaults, { loginFailures: 0, lastFailureAt: null }, at);
  });
  state.keyring.set(dataKey);
  dataKey.fill(0);
  state.open(sessionOf(account));
  await loadIdleSetting(deps);
  return toSessionDto(sessionOf(account));
}

export async function login(deps: AuthDeps, input: { username: string; password: string }): Promise<{ session: SessionDto }> {
  const { ctx, kdf } = deps;
  await assertSetUp(ctx);
  await assertNoWait(ctx);
  const account = await repo.findAccountByName(ctx.db, input.username);
  const ok = await verifyPassword(input.password, account ? account.password : await decoyHash(kdf));
  if (!account || !ok) return refuseWrong(ctx, AUTH_TEXTS.wrongLogin);
  // Only someone who knows the password learns that the account is disabled.
  if (account.disabled) throw new AppError('RULE', AUTH_TEXTS.disabled);
  const wrap = await repo.getAccountWrap(ctx.db, account.id);
  const dataKey = wrap ? await unwrapDataKey(wrap, input.password, { kind: 'account', accountId: account.id }) : null;
  if (!dataKey) throw new AppError('RULE', AUTH_TEXTS.noWrap);
  // Parameters raised since this password was stored: store it again at today's cost.
  if (weakerThan(account.password.kdf, kdf)) await storePassword(deps, account, input.password, dataKey, account.mustChangePassword);
  return { session: await openFor(deps, account, dataKey) };
}

export async function recover(
  deps: AuthDeps,
  input: { username: string; recoveryKey: string; newPassword: string },
): Promise<{ session: SessionDto }> {
  const { ctx } = deps;
  await assertSetUp(ctx);
  await assertNoWait(ctx);
  const account = await repo.findAccountByName(ctx.db, input.username);
  const wrap = await repo.getRecoveryWrap(ctx.db);
  const bytes = parseRecoveryKey(input.recoveryKey) ?? randomBytes(20);
  // The derivation runs whatever the name: the answer and its timing do not say whether it exists.
  const dataKey = wrap ? await unwrapDataKey(wrap, bytes, { kind: 'recovery' }) : null;
  bytes.fill(0);
  if (!account || !dataKey || parseRecoveryKey(input.recoveryKey) === null) return refuseWrong(ctx, AUTH_TEXTS.wrongRecovery);
  if (account.role !== 'quan_tri') {
    dataKey.fill(0);
    throw new AppError('RULE', AUTH_TEXTS.recoveryNotAdmin);
  }
  if (account.disabled) {
    dataKey.fill(0);
    throw new AppError('RULE', AUTH_TEXTS.disabled);
  }
  await storePassword(deps, account, input.newPassword, dataKey, false);
  const fresh = (await repo.getAccount(ctx.db, account.id))!;
  return { session: await openFor(deps, fresh, dataKey) };
}

export function lock(deps: AuthDeps): Record<string, never> {
  deps.state.lock();
  return {};
}

export function logout(deps: AuthDeps): Record<string, never> {
  deps.state.logout();
  return {};
}

/** The open session's account (dispatch let the call through, so there is one). */
export async function currentAccount(deps: AuthDeps): Promise<StoredAccount> {
  const user = deps.state.peek();
  const account = user ? await repo.getAccount(deps.ctx.db, user.accountId) : null;
  if (!account) throw new AppError('LOCKED', AUTH_TEXTS.needSession);
  return account;
}

export async function changePassword(
  deps: AuthDeps,
  input: { currentPassword: string; newPassword: string },
): Promise<Record<string, never>> {
  const account = await currentAccount(deps);
  if (!(await verifyPassword(input.currentPassword, account.password))) throw new AppError('RULE', AUTH_TEXTS.wrongCurrentPassword);
  if (input.currentPassword === input.newPassword) throw new AppError('RULE', AUTH_TEXTS.samePassword);
  await storePassword(deps, account, input.newPassword, deps.state.keyring.current(), false);
  const fresh = (await repo.getAccount(deps.ctx.db, account.id))!;
  deps.state.refresh(sessionOf(fresh));
  return {};
}

export async function getSettings(deps: AuthDeps): Promise<{ idleLockMinutes: number }> {
  const settings = await repo.getAuthSettings(deps.ctx.db);
  return { idleLockMinutes: settings?.idleLockMinutes ?? IDLE_LOCK_MINUTES.default };
}

export async function setSettings(deps: AuthDeps, input: { idleLockMinutes: number }): Promise<{ idleLockMinutes: number }> {
  const { ctx, state } = deps;
  const at = ctx.clock.timestamp();
  await repo.saveAuthSettings(ctx.db, defaults, { idleLockMinutes: input.idleLockMinutes, updatedBy: state.peek()?.accountId ?? null }, at);
  state.idleLockMinutes = input.idleLockMinutes;
  return { idleLockMinutes: input.idleLockMinutes };
}

/**
 * After a restore re-opened the database. Accounts are this copy's own, not the data's: the ones in
 * force before the restore (`carried`) replace those of the restored file when it has none (a backup
 * from before accounts) or has the same data key — a restore never brings back an old password or a
 * disabled account. Then the session stays only if its account is still there, active, and the key
 * in memory is this file's data key; else it locks (or closes, when the account is gone).
 */
export async function revalidate(deps: AuthDeps, carried: repo.AccountsSnapshot | null = null): Promise<void> {
  const { ctx, state } = deps;
  if (carried && carried.accounts.length > 0) {
    const restored = await repo.getAuthSettings(ctx.db);
    const carriedCheck = (carried.settings[0]?.['data_key_check'] as Buffer | null | undefined) ?? null;
    const sameKey = restored?.dataKeyCheck && carriedCheck ? restored.dataKeyCheck.equals(carriedCheck) : false;
    if ((await repo.countAccounts(ctx.db)) === 0 || sameKey) await repo.replaceAccounts(ctx.db, carried);
  }
  await loadIdleSetting(deps);
  const user = state.peek() ?? state.lockedFor();
  if (!user) return;
  const account = await repo.getAccount(ctx.db, user.accountId);
  const settings = await repo.getAuthSettings(ctx.db);
  const sameKey = state.keyring.has() && settings !== null && matchesCheck(state.keyring.current(), settings.dataKeyCheck);
  if (!account || account.disabled) return state.logout();
  if (state.peek() && !sameKey) return state.lock();
  if (state.peek()) state.refresh(sessionOf(account));
}
