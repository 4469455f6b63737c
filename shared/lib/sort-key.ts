/**
 * A Vietnamese sort key: a plain ASCII string whose binary order is the Vietnamese alphabetical
 * order, so 135,000 names can be ordered in SQL by an index instead of in JavaScript.
 */
// ---------------------------------------------------------------------------------------------
// Vietnamese sort key (for ordering 135,000 names in SQL by an index instead of in JavaScript)
// ---------------------------------------------------------------------------------------------

const ALPHABET = 'a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z'.split(' ');
const LETTER_KEY = new Map(ALPHABET.map((l, i) => [l, String.fromCharCode(0x41 + i)]));
// Tone marks only (secondary differences, ignored like Intl.Collator's sensitivity 'base');
// breve, circumflex and horn make distinct letters and are kept.
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;
// ASCII punctuation and symbols in the order of the Unicode collation algorithm's root table.
const PUNCTUATION = '_-,;:!?.\'"()[]{}@*/\\&#%`^+<=>|~$';

/**
 * A string whose plain (binary) order matches compareVietnamese on names: the Vietnamese alphabet
 * (a < ă < â < b ... d < đ ...), case and tones ignored, digit runs compared as numbers, spaces
 * before punctuation before digits before letters. Stored beside a name so that SQL can sort by
 * an index. Unknown characters sort after the letters, by code point.
 */
export function vietnameseSortKey(text: string): string {
  return sortKeyFast(text) ?? sortKeySlow(text);
}

function sortKeySlow(text: string): string {
  const base = text.normalize('NFC').toLowerCase().normalize('NFD').replace(TONE_MARKS, '').normalize('NFC');
  let out = '';
  for (let i = 0; i < base.length; i++) {
    const ch = base[i]!;
    if (ch >= '0' && ch <= '9') {
      let j = i;
      while (j < base.length && base[j]! >= '0' && base[j]! <= '9') j++;
      const digits = base.slice(i, j).replace(/^0+(?=\d)/, '');
      // Length first, so that longer numbers sort after shorter ones.
      out += '\u0030' + String.fromCharCode(0x30 + Math.min(digits.length, 40)) + digits;
      i = j - 1;
      continue;
    }
    const letter = LETTER_KEY.get(ch);
    if (letter !== undefined) out += letter;
    else if (/\s/.test(ch)) out += '\u0001';
    else if (PUNCTUATION.includes(ch)) out += '\u0002' + String.fromCharCode(0x21 + PUNCTUATION.indexOf(ch));
    else out += '\u007e' + ch;
  }
  return out;
}

/**
 * The key of each character a text can be keyed one character at a time: printable ASCII but the
 * digits, and the precomposed letters of Vietnamese (Latin-1, đ ă ĩ ũ ơ ư and U+1EA0–U+1EF9) — the
 * characters of foldVietnamese's fast path (text.ts). A text made only of them and of ASCII spaces
 * and digits is already NFC, and lower-casing, decomposing and stripping the tones are per
 * character for them, so its key is the keys of its characters with the digit runs keyed as
 * sortKeySlow keys them — without its three normalisations and a regular expression per character
 * (the entry grid's 5.000 rows key their titles: docs/decisions-h21-writes.md). Index: char code;
 * undefined = not such a character.
 */
let keyTable: (string | undefined)[] | null = null;

function buildKeyTable(): (string | undefined)[] {
  const table: (string | undefined)[] = new Array<string | undefined>(0x1f00).fill(undefined);
  const add = (code: number): void => {
    if (code >= 0x30 && code <= 0x39) return;
    table[code] = sortKeySlow(String.fromCharCode(code));
  };
  for (let c = 0x20; c <= 0x7e; c++) add(c);
  for (const ch of 'ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýĂăĐđĨĩŨũƠơƯư') add(ch.charCodeAt(0));
  for (let c = 0x1ea0; c <= 0x1ef9; c++) add(c);
  return table;
}

/** The key of a text made only of the table's characters and ASCII digits; null for any other text. */
function sortKeyFast(text: string): string | null {
  const table = (keyTable ??= buildKeyTable());
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x30 && code <= 0x39) {
      // A digit run: its leading zeros dropped (one kept for an all-zero run), its length first.
      let j = i;
      while (j < text.length && text.charCodeAt(j) >= 0x30 && text.charCodeAt(j) <= 0x39) j++;
      let k = i;
      while (k < j - 1 && text.charCodeAt(k) === 0x30) k++;
      const digits = text.slice(k, j);
      out += '\u0030' + String.fromCharCode(0x30 + Math.min(digits.length, 40)) + digits;
      i = j - 1;
      continue;
    }
    const key = code < 0x1f00 ? table[code] : undefined;
    if (key === undefined) return null;
    out += key;
  }
  return out;
}

/** The slow path alone (tests compare the fast path with it). */
export const vietnameseSortKeySlow = sortKeySlow;
