/** A NumberInput's value as a whole number, or null when empty or not a number. */
export function wholeNumber(v: number | string): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  const t = v.trim();
  return t === '' || !/^-?\d+$/.test(t) ? null : Number(t);
}
