/**
 * One long write at a time, and the app's connection kept out of the file while it runs
 * (db/long-write.ts). `hold` runs a long write once no other holds the gate; `idle` resolves when
 * none does. Waiting is asynchronous: the host goes on answering reads meanwhile.
 */
export class WriteGate {
  private holder: Promise<void> | null = null;

  busy(): boolean {
    return this.holder !== null;
  }

  async idle(): Promise<void> {
    while (this.holder) await this.holder;
  }

  async hold<T>(fn: () => Promise<T>): Promise<T> {
    // Checked and taken in the same turn: two waiters woken together cannot both take it.
    while (this.holder) await this.holder;
    let release!: () => void;
    this.holder = new Promise<void>((resolve) => (release = resolve));
    try {
      return await fn();
    } finally {
      this.holder = null;
      release();
    }
  }
}
