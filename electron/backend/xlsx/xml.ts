/**
 * A small push tokenizer for the XML inside an .xlsx: it is fed text in chunks and reports open
 * tags, close tags and text one by one, so a sheet is read without building a tree. It refuses what
 * a spreadsheet never needs and an attacker likes: any DOCTYPE or entity declaration (so "billion
 * laughs" and external entities never expand), named entities other than the five predefined
 * ones, nesting deeper than a limit, and any single token longer than a limit.
 */

export class XmlError extends Error {
  constructor(
    readonly problem: 'doctype' | 'too_deep' | 'too_long' | 'malformed',
    detail: string,
  ) {
    super(`${problem}: ${detail}`);
  }
}

export interface XmlHandler {
  /** `name` is the local name (prefix removed); attribute names keep their prefix. */
  open(name: string, attrs: Record<string, string>, selfClosing: boolean): void;
  close(name: string): void;
  text(text: string): void;
}

const MAX_DEPTH = 64;
/** Excel allows 32,767 characters in a cell; 8 bytes a character at most once escaped. */
export const MAX_TOKEN = 512 * 1024;

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&([^;&]{0,12});/g, (_m, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (!Number.isInteger(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
        throw new XmlError('malformed', `character reference &${ref};`);
      }
      return String.fromCodePoint(code);
    }
    const v = PREDEFINED[ref];
    if (v === undefined) throw new XmlError('doctype', `undeclared entity &${ref};`);
    return v;
  });
}

/**
 * A copy of `s` that no longer points into the (megabyte) chunk it was sliced from: V8 keeps a
 * sliced string's parent alive, so values kept from a sheet would otherwise hold the whole
 * decoded part in memory.
 */
export function detach(s: string): string {
  return s.length === 0 ? '' : (' ' + s).slice(1);
}

function localName(qname: string): string {
  const i = qname.indexOf(':');
  return i < 0 ? qname : qname.slice(i + 1);
}

const ATTR = /([^\s=/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/**
 * The rest of a tag up to its '>' outside quoted attribute values, with no '<' outside them: one
 * native regex step instead of a loop over the characters (the unrolled form never backtracks more
 * than one run). When it does not match — the tag is incomplete, or malformed — the character loop
 * below decides, as it always did.
 */
const TAG_END = /[^"'<>]*(?:(?:"[^"]*"|'[^']*')[^"'<>]*)*>/y;

const NO_ATTRS: Record<string, string> = Object.freeze(Object.create(null) as Record<string, string>);

function parseAttrs(s: string): Record<string, string> {
  if (!s.includes('=')) return NO_ATTRS;
  const attrs: Record<string, string> = Object.create(null) as Record<string, string>;
  ATTR.lastIndex = 0;
  for (let m = ATTR.exec(s); m; m = ATTR.exec(s)) {
    attrs[m[1]!] = decodeEntities(m[2] ?? m[3] ?? '');
  }
  return attrs;
}

export class XmlTokenizer {
  private rest = '';
  private depth = 0;
  private readonly stack: string[] = [];

  constructor(private readonly handler: XmlHandler) {}

  feed(chunk: string): void {
    this.rest = this.rest.length === 0 ? chunk : this.rest + chunk;
    this.drain(false);
  }

  end(): void {
    this.drain(true);
    if (this.rest.trim().length > 0 || this.depth !== 0) throw new XmlError('malformed', 'unexpected end');
  }

  private drain(final: boolean): void {
    const s = this.rest;
    let i = 0;
    while (i < s.length) {
      const lt = s.indexOf('<', i);
      if (lt < 0) {
        if (!final && s.length - i <= MAX_TOKEN) break;
        this.emitText(s.slice(i));
        i = s.length;
        break;
      }
      if (lt > i) {
        this.emitText(s.slice(i, lt));
        i = lt;
      }
      const next = this.token(s, i);
      if (next < 0) break;
      i = next;
    }
    this.rest = s.slice(i);
    if (this.rest.length > MAX_TOKEN) throw new XmlError('too_long', `${this.rest.length} characters`);
  }

  private emitText(raw: string): void {
    if (raw.length > MAX_TOKEN) throw new XmlError('too_long', `${raw.length} characters`);
    if (this.depth > 0) this.handler.text(decodeEntities(raw));
    else if (raw.trim().length > 0) throw new XmlError('malformed', 'text outside the root');
  }

  /** Handles the markup at s[i] === '<'; returns the index after it, or -1 when incomplete. */
  private token(s: string, i: number): number {
    if (s.startsWith('<!--', i)) return this.skipTo(s, i, '-->');
    if (s.startsWith('<![CDATA[', i)) {
      const end = s.indexOf(']]>', i);
      if (end < 0) return -1;
      if (this.depth === 0) throw new XmlError('malformed', 'CDATA outside the root');
      this.handler.text(s.slice(i + 9, end));
      return end + 3;
    }
    if (s.startsWith('<?', i)) return this.skipTo(s, i, '?>');
    if (s.startsWith('<!', i)) throw new XmlError('doctype', 'DOCTYPE or declaration');
    // A tag: find its '>' outside quoted attribute values.
    TAG_END.lastIndex = i + 1;
    if (TAG_END.test(s)) {
      const end = TAG_END.lastIndex - 1;
      this.tag(s.slice(i + 1, end));
      return end + 1;
    }
    let quote = '';
    let j = i + 1;
    for (; j < s.length; j++) {
      const c = s[j]!;
      if (quote) {
        if (c === quote) quote = '';
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '>') break;
      else if (c === '<') throw new XmlError('malformed', 'tag not closed');
    }
    if (j >= s.length) return -1;
    this.tag(s.slice(i + 1, j));
    return j + 1;
  }

  private skipTo(s: string, i: number, marker: string): number {
    const end = s.indexOf(marker, i);
    return end < 0 ? -1 : end + marker.length;
  }

  private tag(body: string): void {
    if (body.startsWith('/')) {
      const name = localName(body.slice(1).trim());
      const open = this.stack.pop();
      if (open !== name) throw new XmlError('malformed', `</${name}> closes <${open ?? ''}>`);
      this.depth--;
      this.handler.close(name);
      return;
    }
    const selfClosing = body.endsWith('/');
    const inner = selfClosing ? body.slice(0, -1) : body;
    const m = /^[^\s/]+/.exec(inner);
    if (!m) throw new XmlError('malformed', 'empty tag');
    const name = localName(m[0]);
    const attrs = parseAttrs(inner.slice(m[0].length));
    if (selfClosing) {
      this.handler.open(name, attrs, true);
      this.handler.close(name);
      return;
    }
    if (++this.depth > MAX_DEPTH) throw new XmlError('too_deep', String(this.depth));
    this.stack.push(name);
    this.handler.open(name, attrs, false);
  }
}

/** Feeds a UTF-8 buffer to a tokenizer in slices, so no second copy of the whole part is made. */
export function tokenize(bytes: Buffer, handler: XmlHandler, sliceBytes = 1 << 20): void {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const tok = new XmlTokenizer(handler);
  try {
    for (let off = 0; off < bytes.length; off += sliceBytes) {
      const end = Math.min(bytes.length, off + sliceBytes);
      tok.feed(decoder.decode(bytes.subarray(off, end), { stream: end < bytes.length }));
    }
  } catch (err) {
    if (err instanceof TypeError) throw new XmlError('malformed', 'not UTF-8');
    throw err;
  }
  tok.end();
}

/**
 * tokenize, in slices of `sliceBytes` with `pause(done, total)` awaited between them (it yields to
 * the host, reports progress, and may throw to stop): a 100 MB sheet never holds the host for more
 * than one slice.
 */
export async function tokenizeAsync(
  bytes: Buffer,
  handler: XmlHandler,
  pause: (done: number, total: number) => Promise<void>,
  sliceBytes = 1 << 17,
): Promise<void> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const tok = new XmlTokenizer(handler);
  for (let off = 0; off < bytes.length; off += sliceBytes) {
    await pause(off, bytes.length);
    const end = Math.min(bytes.length, off + sliceBytes);
    let text: string;
    try {
      text = decoder.decode(bytes.subarray(off, end), { stream: end < bytes.length });
    } catch (err) {
      if (err instanceof TypeError) throw new XmlError('malformed', 'not UTF-8');
      throw err;
    }
    tok.feed(text);
  }
  await pause(bytes.length, bytes.length);
  tok.end();
}
