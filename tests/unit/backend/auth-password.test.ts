/**
 * The pieces under accounts: scrypt hashes with their parameters (production defaults as recorded
 * in docs/decisions.md (h15-auth), raised at the next login), data-key wraps bound to their account,
 * the recovery key's printed form, the wait after wrong passwords, and the session state.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT, decodeKdf, hashPassword, verifyPassword, weakerThan } from '../../../electron/backend/auth/password';
import {
  formatRecoveryKey,
  newDataKey,
  newRecoveryKey,
  parseRecoveryKey,
  unwrapDataKey,
  wrapDataKey,
} from '../../../electron/backend/auth/data-key';
import { delayAfter, waitSeconds } from '../../../electron/backend/auth/throttle';
import { SessionState } from '../../../electron/backend/auth/session';
import { KeyRing } from '../../../electron/backend/keys/keyring';
import { openBackend } from '../../../electron/backend/index';
import { CATALOGUE_PATH, TEST_ADMIN, TEST_PASSWORD_COST, startBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { queryOne } from '../../support/sqlite';

const tmp = useTempDir('antq-password-');
const LOW = TEST_PASSWORD_COST;

describe('password hashes', () => {
  it('production cost is the recorded one: scrypt N=2^17, r=8, p=1, 64 bytes (128 MiB)', () => {
    expect(DEFAULT_SCRYPT).toEqual({ N: 131072, r: 8, p: 1, keyLength: 64 });
  });

  it('a backend opened without the test option hashes at the production cost', async () => {
    const b = await openBackend({ dataDir: tmp.path(), shell: 'web', appVersion: 'test', cataloguePath: CATALOGUE_PATH });
    try {
      const started = performance.now();
      const r = await b.dispatch('auth.setup', TEST_ADMIN);
      const ms = performance.now() - started;
      expect(r.ok).toBe(true);
      const row = queryOne(`${tmp.path()}/antq.db`, 'SELECT password_kdf FROM accounts');
      expect(decodeKdf(String(row!['password_kdf']))).toEqual(DEFAULT_SCRYPT);
      const wrap = queryOne(`${tmp.path()}/antq.db`, "SELECT kdf FROM data_key_wraps WHERE kind = 'account'");
      expect(decodeKdf(String(wrap!['kdf']))).toEqual({ ...DEFAULT_SCRYPT, keyLength: 32 });
      console.log(`auth.setup at the production cost (3 scrypt derivations in parallel): ${ms.toFixed(0)} ms`);
    } finally {
      b.close();
    }
  });

  it('verifies the right password only, with the parameters stored beside the hash', async () => {
    const h = await hashPassword('Mật khẩu đúng', LOW);
    expect(decodeKdf(h.kdf)).toEqual(LOW);
    expect(await verifyPassword('Mật khẩu đúng', h)).toBe(true);
    expect(await verifyPassword('Mật khẩu đúng'.normalize('NFD'), h)).toBe(true);
    expect(await verifyPassword('mật khẩu đúng', h)).toBe(false);
    expect(weakerThan(h.kdf, DEFAULT_SCRYPT)).toBe(true);
    expect(weakerThan(h.kdf, LOW)).toBe(false);
    expect(() => decodeKdf('{"alg":"scrypt","N":1000,"r":8,"p":1,"keyLength":64}')).toThrow();
  });

  it('a login hashes again when the cost was raised since the password was stored', async () => {
    const dir = tmp.path();
    const first = await startBackend(dir);
    first.close();
    const raised = { ...LOW, N: LOW.N * 2 };
    const b = await openBackend({
      dataDir: dir,
      shell: 'web',
      appVersion: 'test',
      cataloguePath: CATALOGUE_PATH,
      testPasswordCost: raised,
    });
    try {
      expect((await b.dispatch('auth.login', { username: TEST_ADMIN.username, password: TEST_ADMIN.password })).ok).toBe(true);
      const row = queryOne(`${dir}/antq.db`, 'SELECT password_kdf FROM accounts');
      expect(decodeKdf(String(row!['password_kdf'])).N).toBe(raised.N);
      await b.dispatch('auth.logout', {});
      expect((await b.dispatch('auth.login', { username: TEST_ADMIN.username, password: TEST_ADMIN.password })).ok).toBe(true);
    } finally {
      b.close();
    }
  });
});

describe('data-key wraps and the recovery key', () => {
  it('a wrap opens with its password and account only', async () => {
    const key = newDataKey();
    const wrap = await wrapDataKey(key, 'mat-khau-1', { kind: 'account', accountId: 'a1' }, LOW);
    expect((await unwrapDataKey(wrap, 'mat-khau-1', { kind: 'account', accountId: 'a1' }))!.equals(key)).toBe(true);
    expect(await unwrapDataKey(wrap, 'mat-khau-2', { kind: 'account', accountId: 'a1' })).toBeNull();
    // Copied onto another account (the associated data names the account): refused.
    expect(await unwrapDataKey(wrap, 'mat-khau-1', { kind: 'account', accountId: 'a2' })).toBeNull();
    expect(await unwrapDataKey(wrap, 'mat-khau-1', { kind: 'recovery' })).toBeNull();
    const flipped = { ...wrap, wrapped: Buffer.from(wrap.wrapped) };
    flipped.wrapped[0]! ^= 1;
    expect(await unwrapDataKey(flipped, 'mat-khau-1', { kind: 'account', accountId: 'a1' })).toBeNull();
  });

  it('the recovery key prints as 8 groups of 4 and reads back as typed from paper', () => {
    for (let i = 0; i < 50; i++) {
      const { bytes, text } = newRecoveryKey();
      expect(text).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/);
      expect(parseRecoveryKey(text)!.equals(bytes)).toBe(true);
      expect(parseRecoveryKey(` ${text.toLowerCase().replace(/-/g, ' ')} `)!.equals(bytes)).toBe(true);
    }
    expect(formatRecoveryKey(Buffer.alloc(20))).toBe('0000-0000-0000-0000-0000-0000-0000-0000');
    expect(parseRecoveryKey('OOOO-oooo-0000-0000-0000-0000-0000-0000')!.equals(Buffer.alloc(20))).toBe(true);
    expect(parseRecoveryKey('0000-0000-0000-0000-0000-0000-0000-000U')).toBeNull();
    expect(parseRecoveryKey('0000-0000')).toBeNull();
  });
});

describe('the wait after wrong passwords', () => {
  it('is 0, 0, 30 s, then doubling up to 15 minutes', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map(delayAfter)).toEqual([0, 0, 30, 60, 120, 240, 480, 900, 900]);
  });

  it('counts down from the last failure and never exceeds the delay when the clock went back', () => {
    const last = '2026-11-22T03:00:00.000Z';
    expect(waitSeconds(3, last, new Date('2026-11-22T03:00:10.000Z'))).toBe(20);
    expect(waitSeconds(3, last, new Date('2026-11-22T03:00:29.500Z'))).toBe(1);
    expect(waitSeconds(3, last, new Date('2026-11-22T03:00:30.000Z'))).toBe(0);
    expect(waitSeconds(3, last, new Date('2026-11-21T03:00:00.000Z'))).toBe(30);
    expect(waitSeconds(2, last, new Date(last))).toBe(0);
  });
});

describe('the session state', () => {
  const user = { accountId: 'a', username: 'u', displayName: 'Người dùng', role: 'can_bo' as const, mustChangePassword: false };

  it('lock clears the key and remembers whose session it was; logout forgets both', () => {
    const ring = new KeyRing();
    const s = new SessionState(ring, () => 0);
    ring.set(newDataKey());
    s.open(user);
    s.lock();
    expect(ring.has()).toBe(false);
    expect(s.current()).toBeNull();
    expect(s.lockedFor()?.username).toBe('u');
    s.open(user);
    ring.set(newDataKey());
    s.logout();
    expect(ring.has()).toBe(false);
    expect(s.lockedFor()).toBeNull();
  });

  it('locks itself once idle for the set minutes', () => {
    let ms = 0;
    const ring = new KeyRing();
    const s = new SessionState(ring, () => ms);
    s.idleLockMinutes = 1;
    ring.set(newDataKey());
    s.open(user);
    ms = 59_999;
    expect(s.current()).not.toBeNull();
    s.touch();
    ms = 119_998;
    expect(s.current()).not.toBeNull();
    ms = 119_999;
    expect(s.current()).toBeNull();
    expect(ring.has()).toBe(false);
  });
});
