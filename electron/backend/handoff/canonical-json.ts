/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): the exact bytes that are hashed and signed.
 *
 * - Object members sorted by their names compared as arrays of UTF-16 code units (what
 *   `Array.prototype.sort` does for strings), no whitespace.
 * - Strings as ECMAScript's JSON.stringify writes them (only `"`, `\` and U+0000..U+001F escaped,
 *   with the short forms \b \t \n \f \r and lowercase \u00xx otherwise). Lone surrogates are
 *   refused (RFC 8785 requires I-JSON, RFC 7493).
 * - Numbers as ECMAScript's Number.prototype.toString (the shortest round-tripping form, -0 as 0);
 *   NaN and ±Infinity are refused.
 * - Only null, booleans, finite numbers, strings, arrays and plain objects; undefined, functions,
 *   symbols, bigints, class instances (Date, Map, Uint8Array…) and cycles are refused.
 */

export class CanonicalJsonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CanonicalJsonError';
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function serialiseString(s: string, where: string): string {
  if (LONE_SURROGATE.test(s)) throw new CanonicalJsonError(`Lone surrogate in a string at ${where}.`);
  return JSON.stringify(s);
}

function serialiseNumber(n: number, where: string): string {
  if (!Number.isFinite(n)) throw new CanonicalJsonError(`Non-finite number at ${where}.`);
  // JSON.stringify(number) is Number.prototype.toString for finite values, with -0 → "0".
  return JSON.stringify(n);
}

function isPlainObject(v: object): boolean {
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function serialise(v: unknown, where: string, stack: Set<object>): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      return serialiseNumber(v, where);
    case 'string':
      return serialiseString(v, where);
    case 'object':
      break;
    default:
      throw new CanonicalJsonError(`Value of type ${typeof v} at ${where} cannot be written as JSON.`);
  }
  if (stack.has(v)) throw new CanonicalJsonError(`Cycle at ${where}.`);
  stack.add(v);
  try {
    if (Array.isArray(v)) {
      const parts: string[] = [];
      for (let i = 0; i < v.length; i++) {
        if (!(i in v)) throw new CanonicalJsonError(`Hole in an array at ${where}[${i}].`);
        parts.push(serialise(v[i], `${where}[${i}]`, stack));
      }
      return `[${parts.join(',')}]`;
    }
    if (!isPlainObject(v)) throw new CanonicalJsonError(`Object that is not plain JSON at ${where}.`);
    if (Object.getOwnPropertySymbols(v).length > 0) throw new CanonicalJsonError(`Symbol key at ${where}.`);
    const record = v as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    const parts: string[] = [];
    for (const key of keys) {
      const value = record[key];
      if (value === undefined) throw new CanonicalJsonError(`Undefined value at ${where}.${key}.`);
      parts.push(`${serialiseString(key, `${where} (key)`)}:${serialise(value, `${where}.${key}`, stack)}`);
    }
    return `{${parts.join(',')}}`;
  } finally {
    stack.delete(v);
  }
}

/** The RFC 8785 canonical JSON text of a value (throws CanonicalJsonError for what JSON cannot hold). */
export function canonicalJson(value: unknown): string {
  return serialise(value, '$', new Set());
}

/** The canonical JSON as UTF-8 bytes. */
export function canonicalJsonBytes(value: unknown): Uint8Array {
  return new TextEncoder().encode(canonicalJson(value));
}

/**
 * Parses UTF-8 JSON bytes that must already be canonical: invalid UTF-8 (including a BOM), invalid
 * JSON, duplicate member names (they would not survive the round trip) or any other form than
 * the canonical one are refused. Returns the value, or null when the bytes are not canonical JSON.
 */
export function parseCanonicalJson(bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  try {
    return canonicalJson(value) === text ? value : null;
  } catch {
    return null;
  }
}
