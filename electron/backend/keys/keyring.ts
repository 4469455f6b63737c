/**
 * The office's data key while a session is open (issue 15 item 2). The key that encrypts protected
 * fields lives only here, in memory, after a login unwrapped it; locking or logging out clears it.
 * Accounts (login, set-up, recovery) put the key in; the protected-field codec takes it out.
 */
import { AppError } from '../errors';

export class KeyRing {
  private key: Buffer | null = null;

  /** Holds a copy of the 32-byte data key (the caller may wipe its own buffer). */
  set(key: Uint8Array): void {
    if (key.length !== 32) throw new Error('KeyRing: the data key must be 32 bytes');
    this.clear();
    this.key = Buffer.from(key);
  }

  /** Overwrites and forgets the key. */
  clear(): void {
    if (this.key) this.key.fill(0);
    this.key = null;
  }

  has(): boolean {
    return this.key !== null;
  }

  /** The key, or a LOCKED error in Vietnamese when no session holds it. */
  current(): Buffer {
    if (!this.key) throw new AppError('LOCKED', 'Phiên làm việc đã khóa. Hãy đăng nhập lại.');
    return this.key;
  }
}
