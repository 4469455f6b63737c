// How the province benches print figures: Vietnamese numbers, times in ms or s, and a median with
// its spread over the runs (the mean of the two middle values for an even count).
export const n = (x) => Math.round(x).toLocaleString('vi-VN');
export const sec = (t) => (t >= 1000 ? `${(t / 1000).toLocaleString('vi-VN', { maximumFractionDigits: 2 })} s` : `${n(t)} ms`);
export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
export const spread = (xs) => `${sec(median(xs))} (${sec(Math.min(...xs))}–${sec(Math.max(...xs))})`;

/** Watches the event loop (a 5 ms timer): `stop()` returns the longest time (ms) between two turns since the start. */
export function loopWatch() {
  let last = performance.now();
  let longest = 0;
  const tick = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  };
  const timer = setInterval(tick, 5);
  return {
    stop: () => {
      tick();
      clearInterval(timer);
      return longest;
    },
  };
}
