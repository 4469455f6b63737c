/** Counts typed and shown the Vietnamese way: 1.250 (dot thousands), no decimals. */

/** '' → null (not entered); '1.250' or '1 250' → 1250; anything else → undefined (invalid). */
export function parseCount(text: string): number | null | undefined {
  const t = text.trim().replace(/[.\s]/g, '');
  if (t === '') return null;
  if (!/^\d{1,10}$/.test(t)) return undefined;
  return Number(t);
}

export function formatCount(n: number | null, empty = ''): string {
  return n === null ? empty : n.toLocaleString('vi-VN');
}
