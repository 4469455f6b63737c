/**
 * Reads and writes of accounts, the data key's wraps and the session's settings (0019). Plain
 * functions over a Kysely db or transaction; rows become plain objects here.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { Db } from './units.repo';
import type { Role } from '../../../shared/domain/roles';
import type { PasswordHash } from '../auth/password';
import type { KeyWrap } from '../auth/data-key';

export interface StoredAccount {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  password: PasswordHash;
  disabled: boolean;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** How names are compared: without case (NFC, lower case). */
export function foldUsername(name: string): string {
  return name.normalize('NFC').trim().toLowerCase();
}

type AccountRow = {
  id: string;
  username: string;
  display_name: string;
  role: string;
  password_kdf: string;
  password_salt: Buffer;
  password_hash: Buffer;
  disabled: number;
  must_change_password: number;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
};

function toAccount(r: AccountRow): StoredAccount {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role as Role,
    password: { kdf: r.password_kdf, salt: r.password_salt, hash: r.password_hash },
    disabled: r.disabled === 1,
    mustChangePassword: r.must_change_password === 1,
    lastLoginAt: r.last_login_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function countAccounts(db: Db): Promise<number> {
  const row = await db
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listAccounts(db: Db): Promise<StoredAccount[]> {
  const rows = await db.selectFrom('accounts').selectAll().orderBy('username_folded').execute();
  return rows.map(toAccount);
}

export async function getAccount(db: Db, id: string): Promise<StoredAccount | null> {
  const row = await db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toAccount(row) : null;
}

export async function findAccountByName(db: Db, username: string): Promise<StoredAccount | null> {
  const row = await db.selectFrom('accounts').selectAll().where('username_folded', '=', foldUsername(username)).executeTakeFirst();
  return row ? toAccount(row) : null;
}

/** Active Quản trị accounts other than `exceptId`. */
export async function countOtherActiveAdmins(db: Db, exceptId: string): Promise<number> {
  const row = await db
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'quan_tri')
    .where('disabled', '=', 0)
    .where('id', '!=', exceptId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface NewAccount {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  password: PasswordHash;
  mustChangePassword: boolean;
}

export async function insertAccount(db: Db, a: NewAccount, at: string): Promise<void> {
  await db
    .insertInto('accounts')
    .values({
      id: a.id,
      username: a.username,
      username_folded: foldUsername(a.username),
      display_name: a.displayName,
      role: a.role,
      password_kdf: a.password.kdf,
      password_salt: a.password.salt,
      password_hash: a.password.hash,
      disabled: 0,
      must_change_password: a.mustChangePassword ? 1 : 0,
      last_login_at: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
}

export async function updateAccountFields(
  db: Db,
  id: string,
  fields: { displayName: string; role: Role; disabled: boolean },
  at: string,
): Promise<void> {
  await db
    .updateTable('accounts')
    .set({ display_name: fields.displayName, role: fields.role, disabled: fields.disabled ? 1 : 0, updated_at: at })
    .where('id', '=', id)
    .execute();
}

export async function setAccountPassword(db: Db, id: string, password: PasswordHash, mustChange: boolean, at: string): Promise<void> {
  await db
    .updateTable('accounts')
    .set({
      password_kdf: password.kdf,
      password_salt: password.salt,
      password_hash: password.hash,
      must_change_password: mustChange ? 1 : 0,
      updated_at: at,
    })
    .where('id', '=', id)
    .execute();
}

export async function setLastLogin(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('accounts').set({ last_login_at: at }).where('id', '=', id).execute();
}

// --- wraps of the data key

function toWrap(r: { kdf: string; salt: Buffer; nonce: Buffer; wrapped: Buffer }): KeyWrap {
  return { kdf: r.kdf, salt: r.salt, nonce: r.nonce, wrapped: r.wrapped };
}

export async function getAccountWrap(db: Db, accountId: string): Promise<KeyWrap | null> {
  const row = await db.selectFrom('data_key_wraps').selectAll().where('account_id', '=', accountId).executeTakeFirst();
  return row ? toWrap(row) : null;
}

export async function getRecoveryWrap(db: Db): Promise<KeyWrap | null> {
  const row = await db.selectFrom('data_key_wraps').selectAll().where('kind', '=', 'recovery').executeTakeFirst();
  return row ? toWrap(row) : null;
}

/** The account's wrap, replacing the one it had. */
export async function putAccountWrap(db: Db, id: string, accountId: string, wrap: KeyWrap, at: string): Promise<void> {
  await db.deleteFrom('data_key_wraps').where('account_id', '=', accountId).execute();
  await db
    .insertInto('data_key_wraps')
    .values({ id, kind: 'account', account_id: accountId, ...wrap, created_at: at, updated_at: at })
    .execute();
}

export async function putRecoveryWrap(db: Db, id: string, wrap: KeyWrap, at: string): Promise<void> {
  await db.deleteFrom('data_key_wraps').where('kind', '=', 'recovery').execute();
  await db
    .insertInto('data_key_wraps')
    .values({ id, kind: 'recovery', account_id: null, ...wrap, created_at: at, updated_at: at })
    .execute();
}

// --- the session's settings and the wrong-attempt count (one row)

export interface AuthSettingsRow {
  idleLockMinutes: number;
  dataKeyCheck: Buffer | null;
  loginFailures: number;
  lastFailureAt: string | null;
}

export async function getAuthSettings(db: Db): Promise<AuthSettingsRow | null> {
  const row = await db.selectFrom('auth_settings').selectAll().where('singleton', '=', 1).executeTakeFirst();
  return row
    ? {
        idleLockMinutes: row.idle_lock_minutes,
        dataKeyCheck: row.data_key_check,
        loginFailures: row.login_failures,
        lastFailureAt: row.last_failure_at,
      }
    : null;
}

/** Creates the row with `defaults`, or changes only the given fields of the existing one. */
export async function saveAuthSettings(
  db: Db,
  defaults: { idleLockMinutes: number },
  change: Partial<AuthSettingsRow> & { updatedBy?: string | null },
  at: string,
): Promise<void> {
  const set: Record<string, unknown> = { updated_at: at };
  if (change.idleLockMinutes !== undefined) set['idle_lock_minutes'] = change.idleLockMinutes;
  if (change.dataKeyCheck !== undefined) set['data_key_check'] = change.dataKeyCheck;
  if (change.loginFailures !== undefined) set['login_failures'] = change.loginFailures;
  if (change.lastFailureAt !== undefined) set['last_failure_at'] = change.lastFailureAt;
  if (change.updatedBy !== undefined) set['updated_by'] = change.updatedBy;
  await db
    .insertInto('auth_settings')
    .values({
      singleton: 1,
      idle_lock_minutes: change.idleLockMinutes ?? defaults.idleLockMinutes,
      data_key_check: change.dataKeyCheck ?? null,
      login_failures: change.loginFailures ?? 0,
      last_failure_at: change.lastFailureAt ?? null,
      updated_by: change.updatedBy ?? null,
      updated_at: at,
    })
    .onConflict((oc) => oc.column('singleton').doUpdateSet(set))
    .execute();
}

// --- carried across a restore (index.ts): the accounts tables as they are, row for row

export interface AccountsSnapshot {
  accounts: Record<string, unknown>[];
  wraps: Record<string, unknown>[];
  settings: Record<string, unknown>[];
}

export async function snapshotAccounts(db: Db): Promise<AccountsSnapshot> {
  return {
    accounts: await db.selectFrom('accounts').selectAll().execute(),
    wraps: await db.selectFrom('data_key_wraps').selectAll().execute(),
    settings: await db.selectFrom('auth_settings').selectAll().execute(),
  };
}

/** Replaces the accounts tables with the snapshot (one transaction; the wrong-attempt count comes along). */
export async function replaceAccounts(db: Kysely<Database>, snap: AccountsSnapshot): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('data_key_wraps').execute();
    await trx.deleteFrom('accounts').execute();
    await trx.deleteFrom('auth_settings').execute();
    if (snap.accounts.length)
      await trx
        .insertInto('accounts')
        .values(snap.accounts as never)
        .execute();
    if (snap.wraps.length)
      await trx
        .insertInto('data_key_wraps')
        .values(snap.wraps as never)
        .execute();
    if (snap.settings.length)
      await trx
        .insertInto('auth_settings')
        .values(snap.settings as never)
        .execute();
  });
}
