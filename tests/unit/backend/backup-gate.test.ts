/**
 * The call gate (electron/backend/backups/gate.ts): a backup or restore runs alone — calls in
 * flight finish first, new calls wait until it is done — and the timer's backup never starts while
 * a call is in flight.
 */
import { describe, expect, it } from 'vitest';
import { CallGate } from '../../../electron/backend/backups/gate';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('CallGate', () => {
  it('runs an exclusive section after the calls in flight and before the calls that arrive during it', async () => {
    const gate = new CallGate();
    const log: string[] = [];
    const slow = deferred();
    const inFlight = gate.run(async () => {
      log.push('a starts');
      await slow.promise;
      log.push('a ends');
    });
    const restore = gate.run(() =>
      gate.exclusive(async () => {
        log.push('restore');
        await Promise.resolve();
      }),
    );
    await Promise.resolve();
    const later = gate.run(() => Promise.resolve(void log.push('b')));
    await new Promise((r) => setTimeout(r, 10));
    expect(log).toEqual(['a starts']);
    slow.resolve();
    await Promise.all([inFlight, restore, later]);
    expect(log).toEqual(['a starts', 'a ends', 'restore', 'b']);
  });

  it('refuses a second exclusive section at the same time, and skips the timer while a call is in flight', async () => {
    const gate = new CallGate();
    const hold = deferred();
    const first = gate.run(() => gate.exclusive(() => hold.promise));
    await Promise.resolve();
    await expect(gate.exclusive(() => Promise.resolve())).rejects.toThrow('Đang sao lưu hoặc khôi phục dữ liệu');
    let ran = false;
    expect(
      await gate.runIfIdle(() => {
        ran = true;
        return Promise.resolve();
      }),
    ).toBe(false);
    hold.resolve();
    await first;
    expect(await gate.runIfIdle(() => Promise.resolve(void (ran = true)))).toBe(true);
    expect(ran).toBe(true);
  });
});
