/**
 * Accounts and the session through the contract (issue 15 item 1): set-up with the recovery key,
 * login, lock and logout clearing the data key, the idle lock, the growing wait after wrong
 * passwords (kept across a restart, the same for names that do not exist), change of password,
 * Quản trị's reset of another account, recovery, disabled accounts and the last Quản trị.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startBackend, TEST_ADMIN, type TestBackend } from '../../support/backend';
import { useTempDir } from '../../support/temp-dir';
import { queryAll, queryOne } from '../../support/sqlite';
import { isVietnameseMessage } from '../../support/vietnamese';

const tmp = useTempDir('antq-auth-');
let t: TestBackend | null = null;
afterEach(() => {
  t?.close();
  t = null;
});

const START = '2026-11-22T03:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(START) + seconds * 1000).toISOString();

async function fresh(idleClock?: () => number): Promise<TestBackend> {
  t = await startBackend(tmp.path(), START, { login: 'none', ...(idleClock ? { idleClock } : {}) });
  return t;
}

async function setUp(b: TestBackend): Promise<string> {
  const r = await b.call('auth.setup', TEST_ADMIN);
  return r.recoveryKey;
}

const dbFile = () => `${tmp.path()}/antq.db`;

describe('set-up', () => {
  it('creates the Quản trị account, opens the session with the data key, and shows the recovery key once', async () => {
    const b = await fresh();
    const before = await b.call('auth.status', {});
    expect(before).toMatchObject({ setUp: false, session: null, lockedFor: null, idleLockMinutes: 15, loginWaitSeconds: 0 });
    // Nothing but the public methods answers before set-up.
    expect((await b.fail('units.list', { includeEnded: true })).code).toBe('LOCKED');

    const r = await b.call('auth.setup', TEST_ADMIN);
    expect(r.session).toMatchObject({
      username: 'quantri',
      displayName: TEST_ADMIN.displayName,
      role: 'quan_tri',
      mustChangePassword: false,
    });
    expect(r.recoveryKey).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){7}$/);
    expect(b.backend.keyring.has()).toBe(true);
    expect((await b.call('auth.status', {})).session?.username).toBe('quantri');
    expect(await b.call('units.list', { includeEnded: true })).toEqual([]);

    // In the file: a hash with its parameters, one wrap for the account and one for the recovery key, no password.
    const account = queryOne(dbFile(), 'SELECT username_folded, role, password_kdf, length(password_hash) AS n FROM accounts');
    expect(account).toMatchObject({ username_folded: 'quantri', role: 'quan_tri', n: 64 });
    expect(JSON.parse(String(account!['password_kdf']))).toMatchObject({ alg: 'scrypt', N: 1024, r: 8, p: 1 });
    expect(queryAll(dbFile(), 'SELECT kind FROM data_key_wraps ORDER BY kind').map((w) => w['kind'])).toEqual(['account', 'recovery']);

    const again = await b.fail('auth.setup', { ...TEST_ADMIN, username: 'khac' });
    expect(again.code).toBe('SETUP_STATE');
    expect(isVietnameseMessage(again.message)).toBe(true);
    expect(queryAll(dbFile(), 'SELECT id FROM accounts')).toHaveLength(1);
  });

  it('refuses a short password or a name with spaces, in Vietnamese, and creates nothing', async () => {
    const b = await fresh();
    const short = await b.fail('auth.setup', { ...TEST_ADMIN, password: 'ngan' });
    expect(short).toMatchObject({ code: 'VALIDATION', message: 'Mật khẩu cần ít nhất 8 ký tự.' });
    expect((await b.fail('auth.setup', { ...TEST_ADMIN, username: 'quan tri' })).code).toBe('VALIDATION');
    expect((await b.call('auth.status', {})).setUp).toBe(false);
  });
});

describe('login, lock, logout', () => {
  it('lock and logout forget the data key; login unwraps the same key again', async () => {
    const b = await fresh();
    await setUp(b);
    const key = Buffer.from(b.backend.keyring.current());

    await b.call('auth.lock', {});
    expect(b.backend.keyring.has()).toBe(false);
    expect(await b.fail('units.list', { includeEnded: true })).toMatchObject({ code: 'LOCKED' });
    expect(await b.call('auth.status', {})).toMatchObject({ session: null, lockedFor: { username: 'quantri' } });

    await b.call('auth.login', { username: 'QuanTri', password: TEST_ADMIN.password });
    expect(Buffer.from(b.backend.keyring.current()).equals(key)).toBe(true);

    await b.call('auth.logout', {});
    expect(b.backend.keyring.has()).toBe(false);
    expect(await b.call('auth.status', {})).toMatchObject({ session: null, lockedFor: null });

    // The OS screen lock (Electron's powerMonitor calls this) does the same as auth.lock.
    await b.call('auth.login', { username: 'quantri', password: TEST_ADMIN.password });
    b.backend.lock();
    expect(b.backend.keyring.has()).toBe(false);
    expect((await b.fail('units.list', { includeEnded: true })).code).toBe('LOCKED');
  });

  it('locks after the idle minutes Quản trị set; polling does not keep it open; activity does', async () => {
    let ms = 0;
    const b = await fresh(() => ms);
    await setUp(b);
    expect(await b.call('authSettings.set', { idleLockMinutes: 2 })).toEqual({ idleLockMinutes: 2 });
    ms += 90_000;
    await b.call('auth.touch', {});
    ms += 90_000; // 3 minutes since set-up, 1.5 since the touch
    expect((await b.call('auth.status', {})).session).not.toBeNull();
    ms += 20_000;
    await b.call('backups.status', {}); // the shell polls this: not activity
    ms += 60_000; // 170 s since the touch, 80 s since the poll
    const status = await b.call('auth.status', {});
    expect(status).toMatchObject({ session: null, lockedFor: { username: 'quantri' }, idleLockMinutes: 2 });
    expect(b.backend.keyring.has()).toBe(false);
    expect((await b.fail('units.list', { includeEnded: true })).code).toBe('LOCKED');
    expect((await b.fail('authSettings.set', { idleLockMinutes: 0 })).code).toBe('LOCKED');
  });
});

describe('wrong passwords', () => {
  it('make the next attempt wait 30 s after 3, doubling; kept across a restart; unknown names alike', async () => {
    let b = await fresh();
    await setUp(b);
    await b.call('auth.logout', {});
    const wrong = (username: string) => b.fail('auth.login', { username, password: 'sai-mat-khau' });

    expect(await wrong('quantri')).toEqual({ code: 'RULE', message: 'Tên đăng nhập hoặc mật khẩu không đúng.' });
    // A name that does not exist: the same answer, and it counts the same.
    expect(await wrong('khong-co-ai')).toEqual({ code: 'RULE', message: 'Tên đăng nhập hoặc mật khẩu không đúng.' });
    const third = await wrong('quantri');
    expect(third.message).toBe('Tên đăng nhập hoặc mật khẩu không đúng. Đã nhập sai nhiều lần: hãy chờ 30 giây rồi thử lại.');
    expect(third.details).toEqual({ waitSeconds: '30' });

    // While waiting even the right password is refused, and not counted.
    b.clock.set(at(10));
    const during = await b.fail('auth.login', { username: 'quantri', password: TEST_ADMIN.password });
    expect(during).toEqual({
      code: 'RULE',
      message: 'Đã nhập sai nhiều lần. Hãy chờ 20 giây rồi thử lại.',
      details: { waitSeconds: '20' },
    });
    expect((await b.call('auth.status', {})).loginWaitSeconds).toBe(20);

    // Restarting the app does not reset it.
    b.close();
    t = b = await startBackend(tmp.path(), at(15), { login: 'none' });
    expect((await b.call('auth.status', {})).loginWaitSeconds).toBe(15);
    expect((await b.fail('auth.login', { username: 'quantri', password: TEST_ADMIN.password })).details).toEqual({ waitSeconds: '15' });

    b.clock.set(at(31));
    expect((await wrong('quantri')).details).toEqual({ waitSeconds: '60' });
    b.clock.set(at(92));
    expect((await wrong('quantri')).message).toContain('hãy chờ 2 phút rồi thử lại');
    b.clock.set(at(92 + 120));
    await b.call('auth.login', { username: 'quantri', password: TEST_ADMIN.password });
    expect((await b.call('auth.status', {})).loginWaitSeconds).toBe(0);
    expect(queryOne(dbFile(), 'SELECT login_failures FROM auth_settings')).toEqual({ login_failures: 0 });
  });
});

describe('passwords and accounts', () => {
  it('change password: the old one stops working, the data key stays the same', async () => {
    const b = await fresh();
    await setUp(b);
    const key = Buffer.from(b.backend.keyring.current());
    const wrongCurrent = await b.fail('auth.changePassword', { currentPassword: 'khong-dung-a', newPassword: 'mat-khau-moi-1' });
    expect(wrongCurrent).toEqual({ code: 'RULE', message: 'Mật khẩu hiện tại không đúng.' });
    await b.call('auth.changePassword', { currentPassword: TEST_ADMIN.password, newPassword: 'mật khẩu mới 1' });
    await b.call('auth.logout', {});
    expect((await b.fail('auth.login', { username: 'quantri', password: TEST_ADMIN.password })).code).toBe('RULE');
    // The same password typed in decomposed form (another input method) is the same password.
    await b.call('auth.login', { username: 'quantri', password: 'mật khẩu mới 1'.normalize('NFD') });
    expect(Buffer.from(b.backend.keyring.current()).equals(key)).toBe(true);
  });

  it('Quản trị creates accounts, resets another one’s password with the open session’s key; roles apply at once', async () => {
    const b = await fresh();
    await setUp(b);
    const key = Buffer.from(b.backend.keyring.current());
    const created = await b.call('accounts.create', {
      username: 'CanBo1',
      displayName: 'Trần Thị Bình',
      role: 'can_bo',
      password: 'lan-dau-123',
    });
    expect(created).toMatchObject({ username: 'CanBo1', role: 'can_bo', disabled: false, mustChangePassword: true, lastLoginAt: null });
    expect(
      (await b.fail('accounts.create', { username: 'canbo1', displayName: 'Khác', role: 'chi_xem', password: 'lan-dau-123' })).code,
    ).toBe('CONFLICT');

    await b.call('auth.logout', {});
    const s = await b.call('auth.login', { username: 'canbo1', password: 'lan-dau-123' });
    expect(s.session).toMatchObject({ role: 'can_bo', mustChangePassword: true });
    expect(Buffer.from(b.backend.keyring.current()).equals(key)).toBe(true);
    const refused = await b.fail('accounts.list', {});
    expect(refused).toEqual({
      code: 'FORBIDDEN',
      message: 'Chức năng này chỉ dành cho vai trò Quản trị; tài khoản đang đăng nhập có vai trò Cán bộ.',
    });

    await b.call('auth.login', { username: 'quantri', password: TEST_ADMIN.password });
    const reset = await b.call('accounts.resetPassword', { id: created.id, newPassword: 'dat-lai-456' });
    expect(reset.mustChangePassword).toBe(true);
    const myId = (await b.call('auth.status', {})).session!.accountId;
    expect((await b.fail('accounts.resetPassword', { id: myId, newPassword: 'x-y-z-1234' })).code).toBe('RULE');
    await b.call('auth.logout', {});
    expect((await b.fail('auth.login', { username: 'canbo1', password: 'lan-dau-123' })).code).toBe('RULE');
    await b.call('auth.login', { username: 'canbo1', password: 'dat-lai-456' });
    expect(Buffer.from(b.backend.keyring.current()).equals(key)).toBe(true);
    await b.call('auth.changePassword', { currentPassword: 'dat-lai-456', newPassword: 'cua-toi-789' });
    expect((await b.call('auth.status', {})).session?.mustChangePassword).toBe(false);

    // Without a session nothing can be reset (the key to wrap with is not in memory).
    await b.call('auth.lock', {});
    expect((await b.fail('accounts.resetPassword', { id: created.id, newPassword: 'dat-lai-000' })).code).toBe('LOCKED');
  });

  it('a disabled account cannot log in (said only to who knows its password); the last Quản trị stays', async () => {
    const b = await fresh();
    await setUp(b);
    const me = (await b.call('auth.status', {})).session!;
    const lead = await b.call('accounts.create', {
      username: 'lanhdao',
      displayName: 'Lê Văn Đạo',
      role: 'lanh_dao',
      password: 'lanh-dao-123',
    });
    await b.call('accounts.update', { id: lead.id, displayName: 'Lê Văn Đạo', role: 'lanh_dao', disabled: true });

    const lastAdmin = await b.fail('accounts.update', { id: me.accountId, displayName: 'Quản trị', role: 'can_bo', disabled: false });
    expect(lastAdmin.code).toBe('RULE');
    expect(lastAdmin.message).toContain('ít nhất một tài khoản Quản trị');
    expect((await b.fail('accounts.update', { id: me.accountId, displayName: 'Quản trị', role: 'quan_tri', disabled: true })).code).toBe(
      'RULE',
    );

    await b.call('auth.logout', {});
    expect(await b.fail('auth.login', { username: 'lanhdao', password: 'sai-mat-khau' })).toEqual({
      code: 'RULE',
      message: 'Tên đăng nhập hoặc mật khẩu không đúng.',
    });
    expect(await b.fail('auth.login', { username: 'lanhdao', password: 'lanh-dao-123' })).toEqual({
      code: 'RULE',
      message: 'Tài khoản này đã bị vô hiệu hóa. Hãy liên hệ người Quản trị.',
    });
    expect(b.backend.keyring.has()).toBe(false);

    // Enabled and made Quản trị, the first one may now step down; the session's role follows at once.
    await b.call('auth.login', { username: 'quantri', password: TEST_ADMIN.password });
    await b.call('accounts.update', { id: lead.id, displayName: 'Lê Văn Đạo', role: 'quan_tri', disabled: false });
    await b.call('accounts.update', { id: me.accountId, displayName: 'Người cũ', role: 'chi_xem', disabled: false });
    expect((await b.call('auth.status', {})).session).toMatchObject({ role: 'chi_xem', displayName: 'Người cũ' });
    expect((await b.fail('accounts.list', {})).code).toBe('FORBIDDEN');
  });
});

describe('recovery', () => {
  it('the printed key gives a Quản trị account a new password and the same data key; a wrong key counts as a wrong attempt', async () => {
    const b = await fresh();
    const recoveryKey = await setUp(b);
    const key = Buffer.from(b.backend.keyring.current());
    await b.call('accounts.create', { username: 'xem', displayName: 'Phạm Văn Xem', role: 'chi_xem', password: 'chi-xem-123' });
    await b.call('auth.logout', {});

    const typo = recoveryKey.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    expect(await b.fail('auth.recover', { username: 'quantri', recoveryKey: typo, newPassword: 'moi-hoan-toan-2026' })).toEqual({
      code: 'RULE',
      message: 'Tên đăng nhập hoặc mã khôi phục không đúng.',
    });
    expect(await b.fail('auth.recover', { username: 'khong-co', recoveryKey, newPassword: 'moi-hoan-toan-2026' })).toMatchObject({
      message: 'Tên đăng nhập hoặc mã khôi phục không đúng.',
    });
    expect((await b.fail('auth.recover', { username: 'xem', recoveryKey, newPassword: 'moi-hoan-toan-2026' })).message).toBe(
      'Mã khôi phục chỉ dùng để đặt lại mật khẩu của tài khoản Quản trị.',
    );
    expect(queryOne(dbFile(), 'SELECT login_failures FROM auth_settings')).toEqual({ login_failures: 2 });

    // Typed as read from paper: lower case, spaces instead of dashes, O for 0.
    const typed = recoveryKey.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o');
    const r = await b.call('auth.recover', { username: 'quantri', recoveryKey: typed, newPassword: 'moi-hoan-toan-2026' });
    expect(r.session).toMatchObject({ username: 'quantri', role: 'quan_tri' });
    expect(Buffer.from(b.backend.keyring.current()).equals(key)).toBe(true);
    await b.call('auth.logout', {});
    expect((await b.fail('auth.login', { username: 'quantri', password: TEST_ADMIN.password })).code).toBe('RULE');
    await b.call('auth.login', { username: 'quantri', password: 'moi-hoan-toan-2026' });
  });
});

describe('the password rule (shared/domain/password-rule.ts) on every method that sets a password', () => {
  const ACCOUNT_TABLES = ['accounts', 'data_key_wraps', 'auth_settings'] as const;
  const stored = () => ACCOUNT_TABLES.map((table) => queryAll(dbFile(), `SELECT * FROM ${table} ORDER BY rowid`));

  it('refuses a password without a digit, without a letter or too short, with VALIDATION in Vietnamese, changing nothing', async () => {
    const b = await fresh();
    const weak = { noDigit: 'chi-co-chu-cai', noLetter: '1234-5678-90', short: 'ab1' } as const;
    const messages = {
      noDigit: 'Mật khẩu cần có cả chữ cái và chữ số.',
      noLetter: 'Mật khẩu cần có cả chữ cái và chữ số.',
      short: 'Mật khẩu cần ít nhất 8 ký tự.',
    } as const;
    const expectRefused = (
      body: { code: string; message: string; details?: Record<string, string> },
      field: string,
      w: keyof typeof weak,
    ) => {
      expect(body).toMatchObject({ code: 'VALIDATION', message: messages[w], details: { [field]: messages[w] } });
    };

    const empty = stored();
    for (const w of Object.keys(weak) as (keyof typeof weak)[]) {
      expectRefused(await b.fail('auth.setup', { ...TEST_ADMIN, password: weak[w] }), 'password', w);
    }
    expect(stored()).toEqual(empty);
    expect((await b.call('auth.status', {})).setUp).toBe(false);

    const recoveryKey = await setUp(b);
    const other = await b.call('accounts.create', {
      username: 'canbo',
      displayName: 'Trần Văn Cán',
      role: 'can_bo',
      password: 'CanBo2026',
    });
    const before = stored();
    for (const w of Object.keys(weak) as (keyof typeof weak)[]) {
      expectRefused(await b.fail('auth.changePassword', { currentPassword: TEST_ADMIN.password, newPassword: weak[w] }), 'newPassword', w);
      expectRefused(
        await b.fail('accounts.create', { username: `moi${w}`, displayName: 'Người Mới', role: 'chi_xem', password: weak[w] }),
        'password',
        w,
      );
      expectRefused(await b.fail('accounts.resetPassword', { id: other.id, newPassword: weak[w] }), 'newPassword', w);
    }
    await b.call('auth.logout', {});
    for (const w of Object.keys(weak) as (keyof typeof weak)[]) {
      expectRefused(await b.fail('auth.recover', { username: 'quantri', recoveryKey, newPassword: weak[w] }), 'newPassword', w);
    }
    expect(stored()).toEqual(before);
    // Refused before the key was tried: the recovery attempts did not count as wrong ones.
    expect(queryOne(dbFile(), 'SELECT login_failures FROM auth_settings')).toEqual({ login_failures: 0 });
    // The old passwords still open their accounts; a password that meets the rule is taken.
    await b.call('auth.login', { username: 'quantri', password: TEST_ADMIN.password });
    await b.call('auth.changePassword', { currentPassword: TEST_ADMIN.password, newPassword: 'mật khẩu số 2' });
  });
});
