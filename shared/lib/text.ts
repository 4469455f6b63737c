/**
 * Vietnamese text helpers: diacritic- and case-insensitive folding for search, and the collator
 * used wherever an order is shown to people (architecture.md §3).
 */

/**
 * Folds text for search: NFC first (so precomposed and decomposed input agree), lower case,
 * đ/Đ to d, combining marks stripped, runs of white space collapsed. "Thôn 3" → "thon 3".
 */
export function foldVietnamese(text: string): string {
  return foldFast(text) ?? foldSlow(text);
}

function foldSlow(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/đ/g, 'd')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The characters a fold can take one at a time: printable ASCII and the precomposed letters of
 * Vietnamese (Latin-1, đ ă ĩ ũ ơ ư and U+1EA0–U+1EF9). A text made only of them is already NFC (no
 * combining mark to compose), and lower-casing, decomposing and stripping marks are per character
 * for them, so its fold is the folds of its characters, with the spaces collapsed and trimmed —
 * what foldSlow computes, without five passes over the text (the entry grid's 5.000 rows each fold
 * their text: docs/decisions.md (h16-writes)). Index: char code; undefined = not such a character.
 */
let foldTable: Int32Array | null = null;

function buildFoldTable(): Int32Array {
  const table = new Int32Array(0x1f00).fill(-1);
  const add = (code: number): void => {
    const f = foldSlow(String.fromCharCode(code));
    // Each of these folds to one character (a letter, a digit or the ASCII sign itself).
    if (f.length === 1) table[code] = f.charCodeAt(0);
  };
  for (let c = 0x21; c <= 0x7e; c++) add(c);
  for (const ch of 'ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýĂăĐđĨĩŨũƠơƯư') add(ch.charCodeAt(0));
  for (let c = 0x1ea0; c <= 0x1ef9; c++) add(c);
  return table;
}

const foldCodes: number[] = [];

/** The fold of a text made only of the table's characters and spaces; null for any other text. */
function foldFast(text: string): string | null {
  const table = (foldTable ??= buildFoldTable());
  const out = foldCodes;
  out.length = 0;
  let space = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x20) {
      space = out.length > 0;
      continue;
    }
    const f = code < 0x1f00 ? table[code]! : -1;
    if (f < 0) return null;
    if (space) {
      out.push(0x20);
      space = false;
    }
    out.push(f);
  }
  // In slices: an argument list has a limit (a long text is rare; each slice is one native call).
  if (out.length <= 4096) return String.fromCharCode(...out);
  let s = '';
  for (let i = 0; i < out.length; i += 4096) s += String.fromCharCode(...out.slice(i, i + 4096));
  return s;
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
