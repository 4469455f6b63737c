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
 */
export function canonicalJson(value: unknown): string {
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

/**
 * 64-bit FNV-1a over the UTF-8 bytes of `text`, as 16 hex digits. The state is kept in four 16-bit
 * limbs so the multiplication by the FNV prime (2^40 + 0x1b3) stays exact in ordinary numbers;
 * UTF-8 is produced inline (TextEncoder is not part of the pure ES library).
 */
export function fnv1a64(text: string): string {
  let v0 = 0x2325;
  let v1 = 0x8422;
  let v2 = 0x9ce4;
  let v3 = 0xcbf2;
  const bytes = [0, 0, 0, 0];
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      const lo = text.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
        i++;
      }
    }
    let n: number;
    if (cp < 0x80) {
      bytes[0] = cp;
      n = 1;
    } else if (cp < 0x800) {
      bytes[0] = 0xc0 | (cp >> 6);
      bytes[1] = 0x80 | (cp & 0x3f);
      n = 2;
    } else if (cp < 0x10000) {
      bytes[0] = 0xe0 | (cp >> 12);
      bytes[1] = 0x80 | ((cp >> 6) & 0x3f);
      bytes[2] = 0x80 | (cp & 0x3f);
      n = 3;
    } else {
      bytes[0] = 0xf0 | (cp >> 18);
      bytes[1] = 0x80 | ((cp >> 12) & 0x3f);
      bytes[2] = 0x80 | ((cp >> 6) & 0x3f);
      bytes[3] = 0x80 | (cp & 0x3f);
      n = 4;
    }
    for (let j = 0; j < n; j++) {
      v0 ^= bytes[j]!;
      // (v3 v2 v1 v0) * (0x0000 0x0100 0x0000 0x01b3) mod 2^64
      const t0 = v0 * 0x1b3;
      const t1 = v1 * 0x1b3 + (t0 >>> 16);
      const t2 = v2 * 0x1b3 + v0 * 0x100 + (t1 >>> 16);
      const t3 = v3 * 0x1b3 + v1 * 0x100 + (t2 >>> 16);
      v0 = t0 & 0xffff;
      v1 = t1 & 0xffff;
      v2 = t2 & 0xffff;
      v3 = t3 & 0xffff;
    }
  }
  const hex = (x: number) => x.toString(16).padStart(4, '0');
  return `${hex(v3)}${hex(v2)}${hex(v1)}${hex(v0)}`;
}

/** The hash of a value's canonical JSON. */
export function hashOf(value: unknown): string {
  return fnv1a64(canonicalJson(value));
}
