/**
 * The administrative-unit catalogue shipped with the app (resources/catalogue/admin-units.json,
 * built by scripts/build-catalogue.mjs; sources and known gaps in docs/catalogue-notes.md):
 * official units before and after the 2025 reform, and which old communes went into which new
 * ones. It is read-only reference data, so it is loaded once, checked as a whole, and served from
 * in-memory indexes; nothing here touches the database.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { DISTRICT_KINDS, PROVINCE_KINDS, type CommuneKind, type Era, type UnitKind } from '../../../shared/domain/units';

export interface CatalogueUnit {
  code: string;
  name: string;
  kind: UnitKind;
  /** Province for a district; district (truoc_2025) or province (sau_2025) for a commune. */
  parentCode: string | null;
}

export interface Catalogue {
  /** Sorted by code. */
  provinces(era: Era): CatalogueUnit[];
  /** Districts of a pre-2025 province, sorted by code; districts do not exist after the reform. */
  districts(provinceCode: string): CatalogueUnit[];
  /** truoc_2025: parent is a district; sau_2025: a province. Sorted by code. */
  communes(era: Era, parentCode: string): CatalogueUnit[];
  /** A province, district or commune of the era; codes of different levels never collide. */
  find(era: Era, code: string): CatalogueUnit | null;
  /** New communes an old commune went into (more than one when it was divided). */
  successors(oldCommuneCode: string): CatalogueUnit[];
  /** Old communes a new commune was formed from. */
  predecessors(newCommuneCode: string): CatalogueUnit[];
  /** Package name@version each era's data came from. */
  readonly sources: Record<Era, string>;
}

/** Path of the catalogue inside the project tree (and inside the packaged app's resources). */
export const CATALOGUE_RELATIVE_PATH = path.join('resources', 'catalogue', 'admin-units.json');

const BROKEN = 'Danh mục đơn vị hành chính bị hỏng';

// ---------------------------------------------------------------------------------------------
// File schema (schemaVersion 1): compact tuples, one array per level.

const OLD_COMMUNE_KINDS = ['xa', 'phuong', 'thi_tran'] as const satisfies readonly CommuneKind[];
const NEW_COMMUNE_KINDS = ['xa', 'phuong', 'dac_khu'] as const satisfies readonly CommuneKind[];

const code = (digits: number) => z.string().regex(new RegExp(`^\\d{${digits}}$`), `mã phải gồm đúng ${digits} chữ số`);

// Names are compared and searched elsewhere as NFC text; a decomposed or padded name here would
// silently miss, so the file must already be clean.
const name = z
  .string()
  .min(1, 'tên không được để trống')
  .refine((s) => s === s.normalize('NFC'), 'tên phải ở dạng Unicode NFC')
  .refine((s) => s === s.trim() && !/\s{2}/.test(s), 'tên có khoảng trắng thừa');

const fileSchema = z.object({
  schemaVersion: z.literal(1),
  sources: z.object({ sau_2025: z.string().min(1), truoc_2025: z.string().min(1) }),
  truoc_2025: z.object({
    provinces: z.array(z.tuple([code(2), name, z.enum(PROVINCE_KINDS)])),
    districts: z.array(z.tuple([code(3), name, z.enum(DISTRICT_KINDS), code(2)])),
    communes: z.array(z.tuple([code(5), name, z.enum(OLD_COMMUNE_KINDS), code(3)])),
  }),
  sau_2025: z.object({
    provinces: z.array(z.tuple([code(2), name, z.enum(PROVINCE_KINDS)])),
    communes: z.array(z.tuple([code(5), name, z.enum(NEW_COMMUNE_KINDS), code(2)])),
  }),
  mapping: z.array(z.tuple([code(5), code(5)])),
});

type CatalogueFile = z.infer<typeof fileSchema>;

// ---------------------------------------------------------------------------------------------
// Indexes

interface EraIndex {
  provinces: readonly CatalogueUnit[];
  byCode: Map<string, CatalogueUnit>;
  children: Map<string, CatalogueUnit[]>;
}

function broken(detail: string): Error {
  return new Error(`${BROKEN}: ${detail}`);
}

function unit(code: string, name: string, kind: UnitKind, parentCode: string | null): CatalogueUnit {
  // Frozen because the same objects are handed to every caller.
  return Object.freeze({ code, name, kind, parentCode });
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const byCode = (a: CatalogueUnit, b: CatalogueUnit): number => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

/**
 * Indexes one era and checks what the schema cannot: codes unique within the era (levels have
 * different code lengths, so one map serves all levels) and every parent present at the level
 * above.
 */
function indexEra(
  era: Era,
  levels: readonly { label: string; units: readonly CatalogueUnit[]; parents: ReadonlySet<string> | null }[],
): EraIndex {
  const byCodeMap = new Map<string, CatalogueUnit>();
  const children = new Map<string, CatalogueUnit[]>();
  for (const { label, units, parents } of levels) {
    for (const u of units) {
      if (byCodeMap.has(u.code)) throw broken(`mã ${u.code} bị trùng (${era}, ${label})`);
      byCodeMap.set(u.code, u);
      if (parents && (u.parentCode === null || !parents.has(u.parentCode))) {
        throw broken(`${label} ${u.code} "${u.name}" thuộc đơn vị cấp trên ${String(u.parentCode)} không có trong danh mục (${era})`);
      }
      if (u.parentCode !== null) pushTo(children, u.parentCode, u);
    }
  }
  for (const list of children.values()) list.sort(byCode);
  const provinces = [...(levels[0]?.units ?? [])].sort(byCode);
  return { provinces, byCode: byCodeMap, children };
}

function buildCatalogue(file: CatalogueFile): Catalogue {
  const oldProvinces = file.truoc_2025.provinces.map(([c, n, k]) => unit(c, n, k, null));
  const oldDistricts = file.truoc_2025.districts.map(([c, n, k, p]) => unit(c, n, k, p));
  const oldCommunes = file.truoc_2025.communes.map(([c, n, k, p]) => unit(c, n, k, p));
  const newProvinces = file.sau_2025.provinces.map(([c, n, k]) => unit(c, n, k, null));
  const newCommunes = file.sau_2025.communes.map(([c, n, k, p]) => unit(c, n, k, p));

  const codes = (units: readonly CatalogueUnit[]) => new Set(units.map((u) => u.code));
  const eras: Record<Era, EraIndex> = {
    truoc_2025: indexEra('truoc_2025', [
      { label: 'tỉnh', units: oldProvinces, parents: null },
      { label: 'huyện', units: oldDistricts, parents: codes(oldProvinces) },
      { label: 'xã', units: oldCommunes, parents: codes(oldDistricts) },
    ]),
    sau_2025: indexEra('sau_2025', [
      { label: 'tỉnh', units: newProvinces, parents: null },
      { label: 'xã', units: newCommunes, parents: codes(newProvinces) },
    ]),
  };

  // Mapping: both ends must be communes of their era, or successors() would hand out provinces.
  const oldCommuneCodes = codes(oldCommunes);
  const newCommuneCodes = codes(newCommunes);
  const successorMap = new Map<string, CatalogueUnit[]>();
  const predecessorMap = new Map<string, CatalogueUnit[]>();
  const seen = new Set<string>();
  for (const [oldCode, newCode] of file.mapping) {
    if (!oldCommuneCodes.has(oldCode)) throw broken(`bảng chuyển đổi nhắc tới xã cũ ${oldCode} không có trong danh mục trước 2025`);
    if (!newCommuneCodes.has(newCode)) throw broken(`bảng chuyển đổi nhắc tới xã mới ${newCode} không có trong danh mục sau 2025`);
    const key = `${oldCode}>${newCode}`;
    if (seen.has(key)) throw broken(`bảng chuyển đổi có cặp ${oldCode} → ${newCode} bị lặp`);
    seen.add(key);
    // Both lookups succeed: membership was checked just above.
    pushTo(successorMap, oldCode, eras.sau_2025.byCode.get(newCode) as CatalogueUnit);
    pushTo(predecessorMap, newCode, eras.truoc_2025.byCode.get(oldCode) as CatalogueUnit);
  }
  for (const list of successorMap.values()) list.sort(byCode);
  for (const list of predecessorMap.values()) list.sort(byCode);

  const districtCodes = codes(oldDistricts);
  const sources = Object.freeze({ truoc_2025: file.sources.truoc_2025, sau_2025: file.sources.sau_2025 });

  // Every method returns a fresh array so callers may sort or filter without touching the index.
  return {
    sources,
    provinces: (era) => [...eras[era].provinces],
    districts: (provinceCode) => (eras.truoc_2025.children.get(provinceCode) ?? []).filter((u) => districtCodes.has(u.code)),
    communes: (era, parentCode) => {
      // A province's children before the reform are districts, not communes.
      if (era === 'truoc_2025' && !districtCodes.has(parentCode)) return [];
      return [...(eras[era].children.get(parentCode) ?? [])];
    },
    find: (era, code) => eras[era].byCode.get(code) ?? null,
    successors: (oldCommuneCode) => [...(successorMap.get(oldCommuneCode) ?? [])],
    predecessors: (newCommuneCode) => [...(predecessorMap.get(newCommuneCode) ?? [])],
  };
}

// ---------------------------------------------------------------------------------------------
// Loading

/**
 * Reads, validates and indexes a catalogue file. Throws an Error with a Vietnamese message (shown
 * to the user as is) when the file is missing, is not JSON, or breaks the schema or its own
 * references.
 */
export function loadCatalogue(filePath: string): Catalogue {
  let text: string;
  try {
    text = fs.readFileSync(filePath, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'không tìm thấy tệp' : 'không đọc được tệp';
    throw new Error(`Không mở được danh mục đơn vị hành chính (${reason}): ${filePath}`, { cause: err });
  }

  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`${BROKEN}: tệp không phải JSON hợp lệ (${filePath})`, { cause: err });
  }

  // Vietnamese issue texts for this parse only; the global zod config belongs to the whole app.
  const parsed = fileSchema.safeParse(json, { error: z.locales.vi().localeError });
  if (!parsed.success) {
    const issues = parsed.error.issues;
    const shown = issues
      .slice(0, 3)
      .map((i) => `${i.path.map(String).join('.') || '(gốc)'}: ${i.message}`)
      .join('; ');
    const more = issues.length > 3 ? ` (và ${issues.length - 3} lỗi khác)` : '';
    throw broken(`${shown}${more}`);
  }
  return buildCatalogue(parsed.data);
}

// ---------------------------------------------------------------------------------------------
// Locating the shipped file

/**
 * Directory of this module when the runtime tells us: `__dirname` in the CommonJS bundle of the
 * Electron main process, `import.meta.url` under ESM (Vitest, the web host). Either may be missing
 * depending on how the code was bundled, hence the typeof checks rather than a direct use.
 */
function moduleDir(): string | null {
  if (typeof __dirname === 'string' && __dirname) return __dirname;
  const url: unknown = (import.meta as { url?: unknown }).url;
  if (typeof url === 'string' && url.startsWith('file:')) return path.dirname(fileURLToPath(url));
  return null;
}

function findUpward(startDir: string): string | null {
  let dir = path.resolve(startDir);
  for (;;) {
    const candidate = path.join(dir, CATALOGUE_RELATIVE_PATH);
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/**
 * Where the shipped catalogue is: the first `resources/catalogue/admin-units.json` found walking
 * up from `startDir` (if given), else from this module's directory, else from process.cwd().
 * In the source tree and in a bundle under dist/ this finds the project's resources/; a packaged
 * app must ship the file at that same relative path above the bundle (e.g. inside app.asar), or
 * pass the path explicitly. When nothing is found it returns the cwd-based path, so that
 * loadCatalogue() reports the missing file clearly.
 */
export function defaultCataloguePath(startDir?: string): string {
  const starts = [startDir, moduleDir() ?? undefined, process.cwd()].filter((d): d is string => typeof d === 'string');
  for (const start of starts) {
    const found = findUpward(start);
    if (found) return found;
  }
  return path.join(process.cwd(), CATALOGUE_RELATIVE_PATH);
}
