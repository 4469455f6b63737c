/**
 * The parts of an .xlsx package that say where things are: content types, relationships, the
 * workbook's sheet list (with visibility), shared strings and the cell formats that are dates.
 * Everything is read through zip.ts (bounded) and xml.ts (no DTD, no tree).
 */
import { AppError } from '../errors';
import { MB, XLSX_TEXTS } from './texts';
import { readEntry, readEntryAsync, ZipError, type ZipEntry } from './zip';
import { detach, tokenize, tokenizeAsync, XmlError, type XmlHandler } from './xml';

/** Unpacked size limits (docs/decisions.md (h3-hostile) states the memory this bounds). */
export const LIMITS = {
  /** The .xlsx file itself. */
  fileBytes: 32 * MB,
  entries: 2_000,
  /** Any one part, declared (parts we never open, such as images, are only checked). */
  entryBytes: 128 * MB,
  totalBytes: 512 * MB,
  sheetBytes: 128 * MB,
  sharedStringsBytes: 64 * MB,
  /** Content types, relationships, workbook, styles. */
  smallPartBytes: 8 * MB,
  sharedStrings: 2_000_000,
} as const;

const MAIN_TYPES = new Set([
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml',
  'application/vnd.ms-excel.sheet.macroEnabled.main+xml',
]);
const REL_OFFICE_DOCUMENT = '/officeDocument';
const REL_WORKSHEET = '/worksheet';

export function refuse(message: string): never {
  throw new AppError('VALIDATION', message);
}

/** Turns the reading layers' errors into the Vietnamese refusal; anything else passes through. */
export function explain(err: unknown): never {
  if (err instanceof ZipError) refuse(XLSX_TEXTS.zip[err.problem]);
  if (err instanceof XmlError) refuse(XLSX_TEXTS.xml[err.problem]);
  throw err;
}

export class Package {
  constructor(
    private readonly bytes: Buffer,
    private readonly entries: Map<string, ZipEntry>,
  ) {}

  has(path: string): boolean {
    return this.entries.has(path.toLowerCase());
  }

  read(path: string, maxBytes: number): Buffer {
    return readEntry(this.bytes, this.entry(path), maxBytes);
  }

  /** read, inflating off the host's thread (zip.ts readEntryAsync): for the sheet and the shared strings. */
  readAsync(path: string, maxBytes: number): Promise<Buffer> {
    return readEntryAsync(this.bytes, this.entry(path), maxBytes);
  }

  private entry(path: string): ZipEntry {
    const entry = this.entries.get(path.toLowerCase());
    if (!entry) refuse(XLSX_TEXTS.xml.malformed);
    return entry;
  }

  /** Tokenizes a part with `handler` (callers check `has` first for optional parts). */
  parse(path: string, handler: XmlHandler, maxBytes: number = LIMITS.smallPartBytes): void {
    tokenize(this.read(path, maxBytes), handler);
  }
}

function onOpen(fn: (name: string, attrs: Record<string, string>) => void): XmlHandler {
  return { open: (n, a) => fn(n, a), close: () => undefined, text: () => undefined };
}

/** Resolves a relationship target against the folder of the part that names it. */
export function resolveTarget(baseDir: string, target: string): string | null {
  const parts = (target.startsWith('/') ? target.slice(1) : `${baseDir}${target}`).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') {
      if (out.length === 0) return null;
      out.pop();
    } else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

interface Rel {
  type: string;
  target: string;
  external: boolean;
}

function readRels(pkg: Package, path: string): Map<string, Rel> {
  const rels = new Map<string, Rel>();
  if (!pkg.has(path)) return rels;
  pkg.parse(
    path,
    onOpen((name, a) => {
      if (name !== 'Relationship' || !a['Id'] || !a['Type'] || a['Target'] === undefined) return;
      rels.set(a['Id'], { type: a['Type'], target: a['Target'], external: a['TargetMode'] === 'External' });
    }),
  );
  return rels;
}

export interface SheetRef {
  name: string;
  visible: boolean;
  path: string;
}

export interface WorkbookInfo {
  sheets: SheetRef[];
  sharedStringsPath: string | null;
  stylesPath: string | null;
  date1904: boolean;
}

function dirOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/') + 1);
}

/** Checks the content types and follows the relationships to the workbook and its sheets. */
export function readWorkbookInfo(pkg: Package): WorkbookInfo {
  if (!pkg.has('[Content_Types].xml')) refuse(XLSX_TEXTS.noWorkbook);
  const overrides = new Map<string, string>();
  pkg.parse(
    '[Content_Types].xml',
    onOpen((name, a) => {
      if (name === 'Override' && a['PartName'] && a['ContentType']) overrides.set(a['PartName'].toLowerCase(), a['ContentType']);
    }),
  );
  const root = [...readRels(pkg, '_rels/.rels').values()].find((r) => r.type.endsWith(REL_OFFICE_DOCUMENT) && !r.external);
  const wbPath = root ? resolveTarget('', root.target) : null;
  if (!wbPath || !pkg.has(wbPath) || !MAIN_TYPES.has(overrides.get(`/${wbPath}`.toLowerCase()) ?? '')) {
    refuse(XLSX_TEXTS.noWorkbook);
  }
  const rels = readRels(pkg, `${dirOf(wbPath)}_rels/${wbPath.slice(dirOf(wbPath).length)}.rels`);
  const info: WorkbookInfo = { sheets: [], sharedStringsPath: null, stylesPath: null, date1904: false };
  const internal = (suffix: string): string | null => {
    const rel = [...rels.values()].find((r) => r.type.endsWith(suffix) && !r.external);
    const path = rel ? resolveTarget(dirOf(wbPath), rel.target) : null;
    return path && pkg.has(path) ? path : null;
  };
  info.sharedStringsPath = internal('/sharedStrings');
  info.stylesPath = internal('/styles');
  pkg.parse(
    wbPath,
    onOpen((name, a) => {
      if (name === 'workbookPr') info.date1904 = a['date1904'] === '1' || a['date1904'] === 'true';
      if (name !== 'sheet') return;
      const idKey = Object.keys(a).find((k) => k.endsWith(':id'));
      const rel = idKey ? rels.get(a[idKey]!) : undefined;
      if (!rel || rel.external || !rel.type.endsWith(REL_WORKSHEET)) return;
      const path = resolveTarget(dirOf(wbPath), rel.target);
      if (!path || !pkg.has(path)) return;
      const state = a['state'] ?? 'visible';
      info.sheets.push({ name: a['name'] ?? '', visible: state === 'visible', path });
    }),
  );
  return info;
}

/** Decodes Excel's _xHHHH_ escapes (used for characters XML cannot hold). */
export function decodeXString(s: string): string {
  return s.includes('_x') ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))) : s;
}

/** Counts "<si>" and "<si " occurrences natively: a cheap refusal before a slow parse. */
function countItems(bytes: Buffer): number {
  let n = 0;
  for (let i = bytes.indexOf('<si'); i >= 0; i = bytes.indexOf('<si', i + 3)) {
    const next = bytes[i + 3];
    if (next === 0x3e || next === 0x20 || next === 0x2f) n++;
  }
  return n;
}

/** Collects the shared string table's <si> items into `out`: rich-text runs joined, phonetic runs (<rPh>) left out. */
function sharedStringsHandler(out: string[]): XmlHandler {
  let current: string | null = null;
  let inT = 0;
  let inPhonetic = 0;
  return {
    open(name) {
      if (name === 'si') {
        current = '';
        if (out.length >= LIMITS.sharedStrings) refuse(XLSX_TEXTS.tooManySharedStrings(LIMITS.sharedStrings));
      } else if (name === 't') inT++;
      else if (name === 'rPh') inPhonetic++;
    },
    close(name) {
      if (name === 'si' && current !== null) {
        out.push(detach(decodeXString(current)));
        current = null;
      } else if (name === 't') inT--;
      else if (name === 'rPh') inPhonetic--;
    },
    text(t) {
      if (current !== null && inT > 0 && inPhonetic === 0) current += t;
    },
  };
}

/** The shared string table: <si> items, rich-text runs joined, phonetic runs (<rPh>) left out. */
export function readSharedStrings(pkg: Package, path: string | null): string[] {
  const out: string[] = [];
  if (!path) return out;
  const bytes = pkg.read(path, LIMITS.sharedStringsBytes);
  if (countItems(bytes) > LIMITS.sharedStrings) refuse(XLSX_TEXTS.tooManySharedStrings(LIMITS.sharedStrings));
  tokenize(bytes, sharedStringsHandler(out));
  return out;
}

/** readSharedStrings inflated off the thread and tokenized in slices, `pause` awaited between them. */
export async function readSharedStringsAsync(pkg: Package, path: string | null, pause: () => Promise<void>): Promise<string[]> {
  const out: string[] = [];
  if (!path) return out;
  const bytes = await pkg.readAsync(path, LIMITS.sharedStringsBytes);
  if (countItems(bytes) > LIMITS.sharedStrings) refuse(XLSX_TEXTS.tooManySharedStrings(LIMITS.sharedStrings));
  await tokenizeAsync(bytes, sharedStringsHandler(out), pause);
  return out;
}

// Built-in number formats that show a date (ECMA-376 §18.8.30, plus the East Asian ones).
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

export function isDateFormatCode(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '');
  return /[dy]/i.test(bare);
}

/** For each cell style index (the s attribute of a cell), whether it shows a date. */
export function readDateStyles(pkg: Package, path: string | null): boolean[] {
  const styles: boolean[] = [];
  if (!path) return styles;
  const custom = new Map<number, string>();
  let inCellXfs = false;
  pkg.parse(path, {
    open(name, a) {
      if (name === 'numFmt' && a['numFmtId']) custom.set(Number(a['numFmtId']), a['formatCode'] ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
        const id = Number(a['numFmtId'] ?? 0);
        const code = custom.get(id);
        styles.push(code !== undefined ? isDateFormatCode(code) : BUILTIN_DATE_FORMATS.has(id));
      }
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
    text: () => undefined,
  });
  return styles;
}
