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
