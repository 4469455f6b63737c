/**
 * Vietnamese text helpers: diacritic- and case-insensitive folding for search, and the collator
 * used wherever an order is shown to people (architecture.md §3).
 */

/**
 * Folds text for search: NFC first (so precomposed and decomposed input agree), lower case,
 * đ/Đ to d, combining marks stripped, runs of white space collapsed. "Thôn 3" → "thon 3".
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/đ/g, 'd')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** True when every word of the query occurs in the text, ignoring diacritics and case. */
export function matchesQuery(text: string, query: string): boolean {
  const words = foldVietnamese(query)
    .split(' ')
    .filter((w) => w.length > 0);
  if (words.length === 0) return true;
  const folded = foldVietnamese(text);
  return words.every((w) => folded.includes(w));
}

const viCollator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/** Vietnamese order, with numbers compared as numbers ("Thôn 2" before "Thôn 10"). */
export function compareVietnamese(a: string, b: string): number {
  return viCollator.compare(a, b);
}

export function sortVietnamese<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...items].sort((x, y) => compareVietnamese(key(x), key(y)));
}

/** Trims and normalises free text typed by a person; collapses inner runs of spaces. */
export function cleanText(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}
