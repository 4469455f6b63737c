/**
 * Characters no text in this app may hold, whether typed, pasted, sent over the contract or read
 * from a spreadsheet: C0 and C1 control characters (NUL, ESC, ...) and DEL, the bidirectional
 * embedding/override/isolate controls (U+202A–U+202E, U+2066–U+2069, which can make "Thôn 1" show
 * as something else), and lone UTF-16 surrogates (SQLite would store them as U+FFFD while the
 * reply echoed the original). Tab, line feed and carriage return are the only controls allowed;
 * single-line fields collapse them on their own. Such text is refused, never silently altered, so
 * what is stored is exactly what the person sees (docs/decisions.md (h3-hostile)).
 */

export type UnsafeCharKind = 'control' | 'bidi' | 'surrogate';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_OR_BREAK = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/;
const BIDI = /[\u202a-\u202e\u2066-\u2069]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

// Any character that may be forbidden (any surrogate, paired or not): one scan clears almost every text.
// eslint-disable-next-line no-control-regex
const MAYBE_UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ud800-\udfff]/;

/** The first kind of forbidden character in `s`, or null when the text is clean. */
export function findUnsafeChar(s: string, opts: { allowLineBreaks?: boolean } = {}): UnsafeCharKind | null {
  if (opts.allowLineBreaks !== false && !MAYBE_UNSAFE.test(s)) return null;
  if (LONE_SURROGATE.test(s)) return 'surrogate';
  if ((opts.allowLineBreaks === false ? CONTROL_OR_BREAK : CONTROL).test(s)) return 'control';
  if (BIDI.test(s)) return 'bidi';
  return null;
}

/** Object keys that would reach an object's prototype if a handler ever copied them blindly. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export type UnsafeInput =
  | { kind: UnsafeCharKind; path: readonly (string | number)[] }
  | { kind: 'key'; path: readonly (string | number)[] }
  | { kind: 'too_deep'; path: readonly (string | number)[] };

const MAX_DEPTH = 32;

/**
 * Walks a JSON-like input (as it arrives at the contract) and returns the first string value or key
 * holding a forbidden character, the first forbidden key, or an input nested too deep; null if none.
 */
export function findUnsafeInput(input: unknown): UnsafeInput | null {
  // One path, pushed and popped as the walk goes (a 5.000-row save has 100.000 values); copied
  // only for the answer.
  const path: (string | number)[] = [];
  const walk = (v: unknown): UnsafeInput | null => {
    if (typeof v === 'string') {
      const kind = findUnsafeChar(v);
      return kind ? { kind, path: [...path] } : null;
    }
    if (v === null || typeof v !== 'object') return null;
    if (path.length >= MAX_DEPTH) return { kind: 'too_deep', path: [...path] };
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        const found = walk(v[i]);
        path.pop();
        if (found) return found;
      }
      return null;
    }
    for (const key of Object.keys(v)) {
      if (FORBIDDEN_KEYS.has(key)) return { kind: 'key', path: [...path, key] };
      const keyKind = findUnsafeChar(key);
      if (keyKind) return { kind: keyKind, path: [...path, key] };
      path.push(key);
      const found = walk((v as Record<string, unknown>)[key]);
      path.pop();
      if (found) return found;
    }
    return null;
  };
  return walk(input);
}
