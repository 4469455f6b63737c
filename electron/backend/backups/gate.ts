/**
 * Calls through the backend, and the few moments that need the database alone: a backup (VACUUM
 * INTO refuses to run inside a transaction another call holds open on the same connection) and a
 * restore (the connection is closed and the file replaced). `run` wraps every dispatched call;
 * `exclusive`, from inside a call, holds new calls back and waits for the others to end.
 */
import { AppError } from '../errors';
import { BACKUP_TEXTS } from './texts';

export class CallGate {
  private active = 0;
  private blocked: Promise<void> | null = null;
  private waiters: (() => void)[] = [];

  async run<T>(fn: () => Promise<T>): Promise<T> {
    while (this.blocked) await this.blocked;
    this.active++;
    try {
      return await fn();
    } finally {
      this.active--;
      this.waiters.splice(0).forEach((w) => w());
    }
  }

  /** Runs `fn` only when no call is in flight (the automatic backup's timer); false when it did not. */
  async runIfIdle(fn: () => Promise<void>): Promise<boolean> {
    if (this.active > 0 || this.blocked) return false;
    await this.run(fn);
    return true;
  }

  /**
   * From inside `run` (the caller counts as one call in flight): new calls wait, the others end,
   * then `fn` runs alone. A second exclusive section at the same time is refused (busy).
   */
  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    if (this.blocked) throw new AppError('CONFLICT', BACKUP_TEXTS.busy);
    let open!: () => void;
    this.blocked = new Promise<void>((resolve) => (open = resolve));
    try {
      while (this.active > 1) await new Promise<void>((resolve) => this.waiters.push(resolve));
      return await fn();
    } finally {
      this.blocked = null;
      open();
    }
  }
}
