// How the province benches print figures: Vietnamese numbers, times in ms or s, and a median with
// its spread over the runs (the mean of the two middle values for an even count).
import { hostWait, waitParts } from './gap-profile.mjs';

export const n = (x) => Math.round(x).toLocaleString('vi-VN');
export const sec = (t) => (t >= 1000 ? `${(t / 1000).toLocaleString('vi-VN', { maximumFractionDigits: 2 })} s` : `${n(t)} ms`);
export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
export const spread = (xs) => `${sec(median(xs))} (${sec(Math.min(...xs))}–${sec(Math.max(...xs))})`;

/**
 * Watches the event loop (a 5 ms timer): `stop()` returns the longest time (ms) between two turns since
 * the start, `own()` after it the longest less the host thread's waits for a core (Linux's schedstat).
 */
export function loopWatch() {
  let last = performance.now();
  let lastWait = hostWait();
  let longest = 0;
  let own = 0;
  let ownParts = '';
  const tick = () => {
    const now = performance.now();
    const w = hostWait();
    longest = Math.max(longest, now - last);
    // The same gap less the host thread's waits for a core (Linux; elsewhere the whole gap): what the
    // call held, whatever else the machine ran (gap-profile.mjs waitParts).
    const gapOwn = now - last - (w.queue - lastWait.queue);
    if (gapOwn > own) {
      own = gapOwn;
      ownParts = `${Math.round(now - last)} ms: ${waitParts(now - last, lastWait, w).parts}`;
    }
    last = now;
    lastWait = w;
  };
  const timer = setInterval(tick, 5);
  return {
    stop: () => {
      tick();
      clearInterval(timer);
      return longest;
    },
    /** After stop(): the longest gap without the host thread's waits for a core. */
    own: () => own,
    /** After stop(): that gap's wall and its split (on a core, queued, blocked, bytes). */
    ownParts: () => ownParts,
  };
}
