/**
 * Canonical JSON and a small pure hash, so a frozen evaluation (and the rule set that produced it)
 * can later be checked for alteration without Node's crypto (shared/ is pure).
 *
 * The hash is 64-bit FNV-1a over the UTF-8 bytes of the canonical JSON. It detects accidental or
 * careless edits of a stored record; it is not a signature and does not resist a deliberate forger
 * (the later signed snapshot to the province is the place for that).
 */

/**
 * JSON with no white space and object keys in an order fixed by the key set alone (sorted, except
 * that JavaScript always puts integer-like keys first, ascending), so equal values written in any order give
 * equal text. Properties whose value is undefined are left out, as JSON.stringify does. Non-finite
 * numbers, functions, bigints and symbols are refused: they have no faithful JSON form.
 *
 * Plain data is copied with its keys sorted (`canonicalCopy`) and written by JSON.stringify without
 * a replacer — its fast path, about a third cheaper than calling a replacer for every value (issue
 * 16: a freeze writes about 15 KB of it per subject). Anything else goes to the reference,
 * `canonicalJsonByReplacer`; both give the same text (tests/unit/shared/canonical-json-fast.test.ts).
 */
export function canonicalJson(value: unknown): string {
  const copy = canonicalCopy(value);
  if (copy === NOT_PLAIN) return canonicalJsonByReplacer(value);
  const out = JSON.stringify(copy) as string | undefined;
  if (out === undefined) throw new Error('canonicalJson: nothing to encode');
  return out;
}

/** The reference: JSON.stringify with a replacer that sorts keys and refuses what JSON would drop or turn into null. */
export function canonicalJsonByReplacer(value: unknown): string {
  // JSON.stringify does the writing (fast, native); the replacer only sorts keys and refuses what
  // JSON would silently drop or turn into null. Cycles make JSON.stringify throw by itself.
  const out = JSON.stringify(value, (_key, v: unknown) => {
    switch (typeof v) {
      case 'number':
        if (!Number.isFinite(v)) throw new Error('canonicalJson: non-finite number');
        return v;
      case 'function':
      case 'symbol':
      case 'bigint':
        throw new Error(`canonicalJson: cannot encode a ${typeof v}`);
      case 'object':
        if (v === null || Array.isArray(v)) return v;
        {
          const obj = v as Record<string, unknown>;
          const sorted = Object.create(null) as Record<string, unknown>; // no prototype: a "__proto__" key stays data
          for (const k of Object.keys(obj).sort()) sorted[k] = obj[k];
          return sorted;
        }
      default:
        return v;
    }
  }) as string | undefined;
  if (out === undefined) throw new Error('canonicalJson: nothing to encode');
  return out;
}

/** What `canonicalCopy` answers for a value that is not plain data. */
export const NOT_PLAIN: unique symbol = Symbol('not plain data');

/** Deeper values go to the reference (which also reports a cycle as JSON.stringify does). */
const MAX_DEPTH = 200;

/**
 * A copy of plain data (objects whose prototype is Object.prototype or null, arrays, strings, finite
 * numbers, booleans, null) whose objects have their keys in canonical order, so that
 * JSON.stringify of it (and of JSON.parse of that text) is the value's canonical JSON; undefined
 * properties are left out, undefined array items become null. NOT_PLAIN for anything else (a toJSON
 * method, a class instance, a boxed primitive, a function, symbol or bigint, a very deep value).
 * Throws the reference's error for a non-finite number.
 */
export function canonicalCopy(value: unknown): unknown {
  return copyPlain(value, 0);
}

function copyPlain(v: unknown, depth: number): unknown {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return v;
    case 'number':
      if (!Number.isFinite(v)) throw new Error('canonicalJson: non-finite number');
      return v;
    case 'undefined':
      return undefined;
    case 'object':
      break;
    default:
      return NOT_PLAIN;
  }
  if (v === null) return null;
  if (depth > MAX_DEPTH) return NOT_PLAIN;
  if (Array.isArray(v)) {
    if (Object.getPrototypeOf(v) !== Array.prototype || typeof (v as { toJSON?: unknown }).toJSON === 'function') return NOT_PLAIN;
    const out = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) {
      const item = copyPlain(v[i], depth + 1);
      if (item === NOT_PLAIN) return NOT_PLAIN;
      out[i] = item === undefined ? null : item;
    }
    return out;
  }
  const proto: unknown = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return NOT_PLAIN;
  const obj = v as Record<string, unknown>;
  if (typeof obj['toJSON'] === 'function') return NOT_PLAIN;
  // An ordinary object (not a prototype-less one: V8 keeps those as dictionaries, slower to fill,
  // spread and write); a "__proto__" key, which would set its prototype, goes to the reference.
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(obj).sort()) {
    if (k === '__proto__') return NOT_PLAIN;
    const item = copyPlain(obj[k], depth + 1);
    if (item === NOT_PLAIN) return NOT_PLAIN;
    if (item !== undefined) out[k] = item;
  }
  return out;
}

/**
 * 64-bit FNV-1a over the UTF-8 bytes of `text`, as 16 hex digits. The state is two 32-bit halves:
 * multiplying by the FNV prime (2^40 + 0x1b3) is `lo * 0x1b3` (Math.imul for its low half, 16-bit
 * parts for its carry) plus `hi * 0x1b3 + (lo << 8)` for the high half, all in 32-bit integers.
 * UTF-8 is produced inline (TextEncoder is not part of the pure ES library), a character's bytes
 * packed in one number. Issue 16: a freeze hashes about 18 KB per subject; this is about a third
 * cheaper than the former four 16-bit limbs, with the same result
 * (tests/unit/shared/canonical-json-fast.test.ts compares the two on generated text).
 */
export function fnv1a64(text: string): string {
  let lo = 0x84222325 | 0;
  let hi = 0xcbf29ce4 | 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    let cp = text.charCodeAt(i);
    if (cp < 0x80) {
      // One byte (most of the JSON): the step below, inline.
      lo ^= cp;
      const c0 = ((lo >>> 16) * 0x1b3 + (((lo & 0xffff) * 0x1b3) >>> 16)) >>> 16;
      hi = (Math.imul(hi, 0x1b3) + c0 + (lo << 8)) | 0;
      lo = Math.imul(lo, 0x1b3);
      continue;
    }
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < n) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    // The UTF-8 bytes of the character, the first in the lowest 8 bits.
    let bytes: number;
    let count: number;
    if (cp < 0x800) {
      bytes = 0xc0 | (cp >> 6) | ((0x80 | (cp & 0x3f)) << 8);
      count = 2;
    } else if (cp < 0x10000) {
      bytes = 0xe0 | (cp >> 12) | ((0x80 | ((cp >> 6) & 0x3f)) << 8) | ((0x80 | (cp & 0x3f)) << 16);
      count = 3;
    } else {
      bytes = 0xf0 | (cp >> 18) | ((0x80 | ((cp >> 12) & 0x3f)) << 8) | ((0x80 | ((cp >> 6) & 0x3f)) << 16) | ((0x80 | (cp & 0x3f)) << 24);
      count = 4;
    }
    for (let j = 0; j < count; j++) {
      lo ^= (bytes >>> (8 * j)) & 0xff;
      // (hi, lo) * (2^40 + 0x1b3) mod 2^64: the carry is the high 32 bits of lo * 0x1b3.
      const carry = ((lo >>> 16) * 0x1b3 + (((lo & 0xffff) * 0x1b3) >>> 16)) >>> 16;
      hi = (Math.imul(hi, 0x1b3) + carry + (lo << 8)) | 0;
      lo = Math.imul(lo, 0x1b3);
    }
  }
  return `${(hi >>> 0).toString(16).padStart(8, '0')}${(lo >>> 0).toString(16).padStart(8, '0')}`;
}

/**
 * fnv1a64 of a text given as its UTF-8 bytes, in pieces (the backend encodes with Buffer.from, which
 * is native: issue 16's freeze hashes about 20 KB a subject and MACs the same bytes). Equal to
 * `fnv1a64` of the text whenever the text holds no lone surrogate (fnv1a64 encodes one as three
 * bytes of its own code point, an encoder as U+FFFD) — JSON.stringify escapes every lone surrogate,
 * so JSON text never holds one.
 */
export function fnv1a64Utf8(pieces: readonly Uint8Array[]): string {
  let lo = 0x84222325 | 0;
  let hi = 0xcbf29ce4 | 0;
  for (const bytes of pieces) {
    const n = bytes.length;
    for (let i = 0; i < n; i++) {
      lo ^= bytes[i]!;
      const carry = ((lo >>> 16) * 0x1b3 + (((lo & 0xffff) * 0x1b3) >>> 16)) >>> 16;
      hi = (Math.imul(hi, 0x1b3) + carry + (lo << 8)) | 0;
      lo = Math.imul(lo, 0x1b3);
    }
  }
  return `${(hi >>> 0).toString(16).padStart(8, '0')}${(lo >>> 0).toString(16).padStart(8, '0')}`;
}

/** The hash of a value's canonical JSON. */
export function hashOf(value: unknown): string {
  return fnv1a64(canonicalJson(value));
}
