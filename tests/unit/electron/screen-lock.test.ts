/** The session locks when the OS screen locks or the PC sleeps (electron/main/screen-lock.ts), with a fake powerMonitor. */
import { describe, expect, it, vi } from 'vitest';
import { LOCK_EVENTS, lockOnScreenLock, type PowerMonitorLike } from '../../../electron/main/screen-lock';

function fakeMonitor() {
  const listeners = new Map<string, (() => void)[]>();
  const monitor: PowerMonitorLike = {
    on(event, listener) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return monitor;
    },
  };
  const emit = (event: string) => (listeners.get(event) ?? []).forEach((l) => l());
  return { monitor, emit, listeners };
}

describe('lockOnScreenLock', () => {
  it('locks on lock-screen and on suspend, and on nothing else', () => {
    const { monitor, emit, listeners } = fakeMonitor();
    const lock = vi.fn();
    lockOnScreenLock(monitor, lock);
    expect([...listeners.keys()].sort()).toEqual([...LOCK_EVENTS].sort());
    emit('unlock-screen');
    emit('resume');
    expect(lock).not.toHaveBeenCalled();
    emit('lock-screen');
    expect(lock).toHaveBeenCalledTimes(1);
    emit('suspend');
    expect(lock).toHaveBeenCalledTimes(2);
  });

  it('a failing lock is logged, never thrown into the OS event loop', () => {
    const { monitor, emit } = fakeMonitor();
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    lockOnScreenLock(monitor, () => {
      throw new Error('boom');
    });
    expect(() => emit('lock-screen')).not.toThrow();
    expect(error).toHaveBeenCalledTimes(1);
    error.mockRestore();
  });
});
