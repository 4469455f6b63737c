/**
 * The accounts kept by Quản trị: list, create (with a first password the person changes at first
 * login), name/role/disabled, and a new password for someone else. A new password is wrapped with
 * the data key of the admin's own open session (the key is in memory only while a session is open).
 * At least one active Quản trị always remains.
 */
import { AppError } from '../errors';
import * as repo from '../repos/accounts.repo';
import type { StoredAccount } from '../repos/accounts.repo';
import type { AccountDto } from '../../../shared/ipc/contracts/auth.contract';
import type { Role } from '../../../shared/domain/roles';
import { hashPassword } from './password';
import { wrapDataKey } from './data-key';
import { sessionOf, storePassword, type AuthDeps } from './auth.service';
import { AUTH_TEXTS } from './texts';

function toDto(a: StoredAccount): AccountDto {
  return {
    id: a.id,
    username: a.username,
    displayName: a.displayName,
    role: a.role,
    disabled: a.disabled,
    mustChangePassword: a.mustChangePassword,
    lastLoginAt: a.lastLoginAt,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}

async function mustFind(deps: AuthDeps, id: string): Promise<StoredAccount> {
  const account = await repo.getAccount(deps.ctx.db, id);
  if (!account) throw new AppError('NOT_FOUND', AUTH_TEXTS.accountNotFound);
  return account;
}

export async function listAccounts(deps: AuthDeps): Promise<{ accounts: AccountDto[] }> {
  return { accounts: (await repo.listAccounts(deps.ctx.db)).map(toDto) };
}

export async function createAccount(
  deps: AuthDeps,
  input: { username: string; displayName: string; role: Role; password: string },
): Promise<AccountDto> {
  const { ctx, state, kdf } = deps;
  if (await repo.findAccountByName(ctx.db, input.username)) throw new AppError('CONFLICT', AUTH_TEXTS.usernameTaken(input.username));
  const id = ctx.newId();
  const dataKey = state.keyring.current();
  const [password, wrap] = await Promise.all([
    hashPassword(input.password, kdf),
    wrapDataKey(dataKey, input.password, { kind: 'account', accountId: id }, kdf),
  ]);
  const at = ctx.clock.timestamp();
  await ctx.db.transaction().execute(async (trx) => {
    if (await repo.findAccountByName(trx, input.username)) throw new AppError('CONFLICT', AUTH_TEXTS.usernameTaken(input.username));
    await repo.insertAccount(
      trx,
      { id, username: input.username, displayName: input.displayName, role: input.role, password, mustChangePassword: true },
      at,
    );
    await repo.putAccountWrap(trx, ctx.newId(), id, wrap, at);
  });
  return toDto(await mustFind(deps, id));
}

export async function updateAccount(
  deps: AuthDeps,
  input: { id: string; displayName: string; role: Role; disabled: boolean },
): Promise<AccountDto> {
  const { ctx, state } = deps;
  const at = ctx.clock.timestamp();
  await ctx.db.transaction().execute(async (trx) => {
    const account = await repo.getAccount(trx, input.id);
    if (!account) throw new AppError('NOT_FOUND', AUTH_TEXTS.accountNotFound);
    if (input.disabled && state.peek()?.accountId === account.id) throw new AppError('RULE', AUTH_TEXTS.notSelf);
    const stopsBeingAdmin = account.role === 'quan_tri' && !account.disabled && (input.role !== 'quan_tri' || input.disabled);
    if (stopsBeingAdmin && (await repo.countOtherActiveAdmins(trx, account.id)) === 0) throw new AppError('RULE', AUTH_TEXTS.lastAdmin);
    await repo.updateAccountFields(trx, account.id, input, at);
  });
  const fresh = await mustFind(deps, input.id);
  state.refresh(sessionOf(fresh));
  return toDto(fresh);
}

export async function resetPassword(deps: AuthDeps, input: { id: string; newPassword: string }): Promise<AccountDto> {
  const { state } = deps;
  const account = await mustFind(deps, input.id);
  if (state.peek()?.accountId === account.id) throw new AppError('RULE', AUTH_TEXTS.resetOwn);
  await storePassword(deps, account, input.newPassword, state.keyring.current(), true);
  return toDto(await mustFind(deps, input.id));
}
