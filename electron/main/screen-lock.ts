/**
 * Locks the session when the OS screen locks or the machine goes to sleep (issue 15 item 1): an
 * office PC left with the screen locked must not come back to an open session holding the data key.
 * Takes Electron's powerMonitor as a parameter (tests pass a fake; nothing here imports 'electron').
 */

/** The part of Electron's powerMonitor used here. */
export interface PowerMonitorLike {
  on(event: 'lock-screen' | 'suspend', listener: () => void): unknown;
}

export const LOCK_EVENTS = ['lock-screen', 'suspend'] as const;

export function lockOnScreenLock(monitor: PowerMonitorLike, lock: () => void): void {
  for (const event of LOCK_EVENTS) {
    monitor.on(event, () => {
      try {
        lock();
      } catch (err) {
        console.error(`main: locking the session on ${event} failed`, err);
      }
    });
  }
}
