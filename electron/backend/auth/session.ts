/**
 * The one session of this backend (one person at the keyboard; the web host's token only proves the
 * browser): who is logged in, or whose session is locked, and when they were last active. It
 * outlives a restore's re-open of the database (index.ts), like the KeyRing whose key it clears on
 * lock and logout. Services read "who" through `ctx.session()` (context.ts).
 */
import type { Role } from '../../../shared/domain/roles';
import type { KeyRing } from '../keys/keyring';
import { IDLE_LOCK_MINUTES } from '../../../shared/ipc/contracts/auth.contract';

/** The account of the open session, as services see it (the audit log's "who"). */
export interface SessionUser {
  accountId: string;
  username: string;
  displayName: string;
  role: Role;
  mustChangePassword: boolean;
}

export class SessionState {
  private user: SessionUser | null = null;
  private locked: SessionUser | null = null;
  private lastActive = 0;
  /** Read from the database at start, set-up, login and when Quản trị changes it. */
  idleLockMinutes: number = IDLE_LOCK_MINUTES.default;

  /**
   * @param monotonic milliseconds that only move forward (real time, not the app's date: the e2e
   *   host fixes the date, and tests jump it by days without meaning the person was away)
   */
  constructor(
    readonly keyring: KeyRing,
    private readonly monotonic: () => number = () => performance.now(),
  ) {}

  open(user: SessionUser): void {
    this.user = { ...user };
    this.locked = null;
    this.lastActive = this.monotonic();
  }

  /** Locks: the data key is forgotten; the lock screen still knows whose session it was. */
  lock(): void {
    if (this.user) this.locked = this.user;
    this.user = null;
    this.keyring.clear();
  }

  logout(): void {
    this.user = null;
    this.locked = null;
    this.keyring.clear();
  }

  /** The open session, after locking it if the person has been idle longer than the setting. */
  current(): SessionUser | null {
    if (this.user && this.monotonic() - this.lastActive >= this.idleLockMinutes * 60_000) this.lock();
    return this.user;
  }

  /** The open session without the idle check (services, inside a call the check already let through). */
  peek(): SessionUser | null {
    return this.user;
  }

  lockedFor(): SessionUser | null {
    return this.user ? null : this.locked;
  }

  touch(): void {
    if (this.user) this.lastActive = this.monotonic();
  }

  /** The open session's account changed (its name or role, by Quản trị). */
  refresh(user: SessionUser): void {
    if (this.user?.accountId === user.accountId) this.user = { ...user };
  }
}
