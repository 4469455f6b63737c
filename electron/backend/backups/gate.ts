/**
 * Calls through the backend, and the few moments that need the database alone: a backup and a
 * restore (the connection is closed and the file replaced). `run` wraps every dispatched call;
 * `exclusive`, from inside a call, holds new calls back and waits for the others to end. A backup's
 * copy (backup-file.ts: SQLite's online backup, in steps between turns of the event loop) lets the
 * calls that only read in meanwhile (`readsMeanwhile`), and waits for them to end before it goes on
 * alone (its audit entry must not land inside a transaction a reading call holds open).
 */
import { AppError } from '../errors';
import { BACKUP_TEXTS } from './texts';

/** Inside an exclusive section: runs `work` while the calls that only read may run too. */
export type ReadsMeanwhile = <T>(work: () => Promise<T>) => Promise<T>;

export class CallGate {
  private active = 0;
  private blocked = false;
  private readsPass = false;
  /** Calls waiting to start (woken whenever the gate opens, or opens to reads). */
  private entry: (() => void)[] = [];
  /** The exclusive section waiting for the calls in flight to end. */
  private waiters: (() => void)[] = [];

  private admits(reads: boolean): boolean {
    return !this.blocked || (reads && this.readsPass);
  }

  private wakeEntry(): void {
    this.entry.splice(0).forEach((w) => w());
  }

  /** `readsOnly`: the call never writes (it may then run during a backup's copy). */
  async run<T>(fn: () => Promise<T>, readsOnly = false): Promise<T> {
    while (!this.admits(readsOnly)) await new Promise<void>((resolve) => this.entry.push(resolve));
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

  private async othersEnded(): Promise<void> {
    while (this.active > 1) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  /**
   * From inside `run` (the caller counts as one call in flight): new calls wait, the others end,
   * then `fn` runs alone (but for what it runs through `readsMeanwhile`). A second exclusive
   * section at the same time is refused (busy).
   */
  async exclusive<T>(fn: (readsMeanwhile: ReadsMeanwhile) => Promise<T>): Promise<T> {
    if (this.blocked) throw new AppError('CONFLICT', BACKUP_TEXTS.busy);
    this.blocked = true;
    const readsMeanwhile: ReadsMeanwhile = async (work) => {
      this.readsPass = true;
      this.wakeEntry();
      try {
        return await work();
      } finally {
        this.readsPass = false;
        await this.othersEnded();
      }
    };
    try {
      await this.othersEnded();
      return await fn(readsMeanwhile);
    } finally {
      this.blocked = false;
      this.wakeEntry();
    }
  }
}
