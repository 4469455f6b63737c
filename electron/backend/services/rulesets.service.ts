/**
 * Rule sets and evaluation settings (issue 5): the rule-set files shipped in resources/rulesets/
 * and those the office imported from its province, and the office's answers to the open questions
 * of domain.md §5.6.
 *
 * `activeRuleSets` and `evaluationSettings` are what the evaluation service calls: every rule set
 * (all versions, shipped and imported; choose per unit with selectRuleSets) and the settings in
 * force. Imported files are stored byte-for-byte and exported as they came.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServiceContext } from '../context';
import { AppError } from '../errors';
import { openFrozenContentsMentioning } from '../repos/evaluation.repo';
import {
  DEFAULT_SETTINGS,
  RULESET_FORMAT,
  RUBRIC_FORMAT,
  parseRuleSet,
  parseRubric,
  ruleSetHash,
  hashOf,
  type EvaluationSettings,
  type Rubric,
  type RuleSet,
} from '../../../shared/domain/criteria';
import { REDUCED_MEANS, SUBUNIT_POOLS, type ReducedMeans, type SubunitPool } from '../../../shared/domain/criteria/vocabulary';
import { compareVietnamese } from '../../../shared/lib/text';
import {
  deleteStoredFile,
  getSettingsRow,
  insertStoredFile,
  listStoredFiles,
  saveSettingsRow,
  type FileTable,
  type StoredFile,
} from '../repos/rubrics.repo';
import type {
  EvaluationSettingsDto,
  RuleSetDetailDto,
  RuleSetFileDto,
  RuleSetSummaryDto,
  ImportFileResultDto,
} from '../../../shared/ipc/contracts/rubrics.contract';

// ---------------------------------------------------------------------------------------------
// Shipped files

/** Where the shipped rule sets and rubrics are, relative to the project (or the packaged app). */
export const RULESETS_RELATIVE_DIR = path.join('resources', 'rulesets');

function moduleDir(): string | null {
  if (typeof __dirname === 'string' && __dirname) return __dirname;
  const url: unknown = (import.meta as { url?: unknown }).url;
  if (typeof url === 'string' && url.startsWith('file:')) return path.dirname(fileURLToPath(url));
  return null;
}

/**
 * The shipped folder, found like the catalogue (defaultCataloguePath): walking up from this
 * module's directory, then from the working directory. In the source tree and in a bundle under
 * dist/ this is the project's resources/; electron-builder packs resources/** next to dist/.
 */
export function shippedRulesetsDir(): string {
  for (const start of [moduleDir(), process.cwd()]) {
    if (!start) continue;
    let dir = path.resolve(start);
    for (;;) {
      const candidate = path.join(dir, RULESETS_RELATIVE_DIR);
      if (fs.existsSync(candidate) && fs.statSync(candidate).isDirectory()) return candidate;
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  return path.join(process.cwd(), RULESETS_RELATIVE_DIR);
}

/** Rubrics and rule sets in a list: Vietnamese name order, then id, then the newest version first. */
export function byNameIdNewest(a: { name: string; id: string; version: string }, b: { name: string; id: string; version: string }): number {
  return (
    compareVietnamese(a.name, b.name) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) ||
    (a.version > b.version ? -1 : a.version < b.version ? 1 : 0)
  );
}

/** The loaded file of a list key (`fileKey(id, version)`), or NOT_FOUND with the kind's message. */
export function findByKey<T extends { id: string; version: string }>(
  files: readonly LoadedFile<T>[],
  key: string,
  notFound: string,
): LoadedFile<T> {
  const f = files.find((x) => fileKey(x.value.id, x.value.version) === key);
  if (!f) throw new AppError('NOT_FOUND', notFound);
  return f;
}

export interface LoadedFile<T> {
  value: T;
  hash: string;
  fileName: string;
  /** The file's bytes as shipped or imported. */
  bytes: Uint8Array;
  origin: 'shipped' | 'imported';
  /** rule_set_files / rubric_files row id; null for a shipped file. */
  recordId: string | null;
  importedAt: string | null;
  importedBy: string | null;
}

interface Shipped {
  ruleSets: LoadedFile<RuleSet>[];
  rubrics: LoadedFile<Rubric>[];
}

let shippedCache: { dir: string; value: Shipped } | null = null;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes a file's bytes; null when they are not UTF-8 text. */
export function decodeText(bytes: Uint8Array): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Reads every *.json of the shipped folder once: rule sets and rubrics told apart by "format".
 * A broken shipped file is a defect of the release, so it stops loudly instead of being skipped.
 */
export function shippedFiles(dir = shippedRulesetsDir()): Shipped {
  if (shippedCache && shippedCache.dir === dir) return shippedCache.value;
  const value: Shipped = { ruleSets: [], rubrics: [] };
  const names = fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((n) => n.endsWith('.json'))
        .sort()
    : [];
  for (const fileName of names) {
    const bytes = new Uint8Array(fs.readFileSync(path.join(dir, fileName)));
    const text = decodeText(bytes);
    if (text === null) throw new Error(`Tệp ${fileName} của phần mềm không phải văn bản UTF-8.`);
    const format = (() => {
      try {
        return (JSON.parse(text.replace(/^\uFEFF/, '')) as { format?: unknown }).format;
      } catch {
        return undefined;
      }
    })();
    const base = { fileName, bytes, origin: 'shipped' as const, recordId: null, importedAt: null, importedBy: null };
    if (format === RUBRIC_FORMAT) {
      const r = parseRubric(text);
      if (!r.ok) throw new Error(`Biểu điểm ${fileName} của phần mềm bị hỏng: ${r.errors.join('; ')}`);
      value.rubrics.push({ ...base, value: r.value, hash: hashOf(r.value) });
    } else {
      const r = parseRuleSet(text);
      if (!r.ok) throw new Error(`Bộ tiêu chí ${fileName} của phần mềm bị hỏng: ${r.errors.join('; ')}`);
      value.ruleSets.push({ ...base, value: r.value, hash: ruleSetHash(r.value) });
    }
  }
  shippedCache = { dir, value };
  return value;
}

// ---------------------------------------------------------------------------------------------
// Imported rule sets

/**
 * An imported file as stored, parsed again. Only files that parsed are ever stored; one that no
 * longer parses means the engine's format changed under it, which a release must handle by a
 * migration, not by silently dropping the file.
 */
export function loadImported<T>(
  f: StoredFile,
  parse: (text: string) => { ok: true; value: T } | { ok: false; errors: string[] },
  hash: (value: T) => string,
  what: string,
): LoadedFile<T> {
  const text = decodeText(f.content);
  const r = text === null ? null : parse(text);
  if (!r || !r.ok) throw new AppError('INTERNAL', `${what} đã nhập "${f.fileName}" không còn đọc được.`);
  return {
    value: r.value,
    hash: hash(r.value),
    fileName: f.fileName,
    bytes: f.content,
    origin: 'imported',
    recordId: f.recordId,
    importedAt: f.importedAt,
    importedBy: f.importedBy,
  };
}

const loadImportedRuleSet = (f: StoredFile): LoadedFile<RuleSet> => loadImported(f, parseRuleSet, ruleSetHash, 'Bộ tiêu chí');

/** Every rule-set file, shipped then imported, each sorted by id and version. */
export async function allRuleSetFiles(ctx: ServiceContext): Promise<LoadedFile<RuleSet>[]> {
  const imported = (await listStoredFiles(ctx.db, 'rule_set_files')).map(loadImportedRuleSet);
  return [...shippedFiles().ruleSets, ...imported];
}

/**
 * Every rule set the engine may use, all versions (shipped and imported): pick per unit kind and
 * year with selectRuleSets. Keyed by id+version; an imported file can never share an id+version
 * with another file (the import refuses it), so there are no duplicates.
 */
export async function activeRuleSets(ctx: ServiceContext): Promise<RuleSet[]> {
  return (await allRuleSetFiles(ctx)).map((f) => f.value);
}

// ---------------------------------------------------------------------------------------------
// Frozen-year use (the evaluation feature stores the rule sets behind a frozen result)

/**
 * Years whose frozen results (the evaluation feature's evaluation_frozen_results, under a freeze
 * not since undone) were computed with a rule set (id+version): such a file must stay, so the
 * frozen result can always be shown next to the criteria that produced it.
 */
export async function frozenYearsUsing(ctx: ServiceContext, id: string, version: string): Promise<number[]> {
  const rows = await openFrozenContentsMentioning(ctx.db, id);
  const years = new Set<number>();
  for (const row of rows) if (usesRuleSet(row.content, id, version)) years.add(row.year);
  return [...years].sort((a, b) => a - b);
}

function usesRuleSet(jsonText: string, id: string, version: string): boolean {
  try {
    const v = JSON.parse(jsonText) as unknown;
    const refs = findRuleSetRefs(v);
    return refs.some((r) => r.id === id && r.version === version);
  } catch {
    return false;
  }
}

/** The `ruleSets` list of an EvaluationResult, directly or inside a FrozenResult. */
function findRuleSetRefs(v: unknown): { id: string; version: string }[] {
  if (!v || typeof v !== 'object') return [];
  const o = v as { ruleSets?: unknown; result?: unknown };
  if (Array.isArray(o.ruleSets)) {
    return o.ruleSets.filter(
      (r): r is { id: string; version: string } => !!r && typeof r === 'object' && typeof (r as { id?: unknown }).id === 'string',
    );
  }
  return findRuleSetRefs(o.result);
}

// ---------------------------------------------------------------------------------------------
// Methods

function summary(f: LoadedFile<RuleSet>, frozenYears: number[]): RuleSetSummaryDto {
  const rs = f.value;
  return {
    key: fileKey(rs.id, rs.version),
    id: rs.id,
    name: rs.name,
    version: rs.version,
    unitKinds: [...rs.unitKinds],
    source: rs.source,
    scope: rs.scope,
    issuer: rs.issuer ?? null,
    hash: f.hash,
    example: rs.example === true,
    criteria: rs.rules.length,
    origin: f.origin,
    fileName: f.fileName,
    importedAt: f.importedAt,
    importedBy: f.importedBy,
    frozenYears,
  };
}

export function fileKey(id: string, version: string): string {
  return `${id}@${version}`;
}

export async function listRuleSets(ctx: ServiceContext): Promise<RuleSetSummaryDto[]> {
  const files = await allRuleSetFiles(ctx);
  const out: RuleSetSummaryDto[] = [];
  for (const f of files) out.push(summary(f, await frozenYearsUsing(ctx, f.value.id, f.value.version)));
  // National sets first, then the province's; by name in Vietnamese order, newest version first.
  return out.sort((a, b) => (a.scope === b.scope ? 0 : a.scope === 'quoc_gia' ? -1 : 1) || byNameIdNewest(a, b));
}

async function findRuleSetFile(ctx: ServiceContext, key: string): Promise<LoadedFile<RuleSet>> {
  return findByKey(await allRuleSetFiles(ctx), key, 'Không tìm thấy bộ tiêu chí này (có thể đã bị xóa).');
}

export async function getRuleSet(ctx: ServiceContext, key: string): Promise<RuleSetDetailDto> {
  const f = await findRuleSetFile(ctx, key);
  const rs = f.value;
  return {
    ...summary(f, await frozenYearsUsing(ctx, rs.id, rs.version)),
    note: rs.note ?? null,
    criteria: rs.rules.map((r) => ({
      id: r.id,
      clause: r.clause,
      title: r.title,
      explanation: r.explanation,
      type: r.type,
      notApplicableIf: (r.notApplicableIf ?? []).map((c) => ({ flag: c.flag, equals: c.equals })),
    })),
  };
}

export function importError(fileName: string, errors: string[]): AppError {
  const details: Record<string, string> = {};
  errors.forEach((e, i) => (details[`loi_${i + 1}`] = e));
  return new AppError(
    'VALIDATION',
    `Không nhập được tệp "${fileName}" (${errors.length} lỗi):\n${errors.map((e) => `• ${e}`).join('\n')}`,
    details,
  );
}

/**
 * A file of the other kind (a rubric offered as a rule set, or the reverse) gets one plain
 * sentence instead of the schema's list of every field that does not fit.
 */
export function wrongFormat(fileName: string, text: string, expected: 'ruleset' | 'rubric'): AppError | null {
  let format: unknown;
  try {
    format = (JSON.parse(text.replace(/^\uFEFF/, '')) as { format?: unknown } | null)?.format;
  } catch {
    return null;
  }
  if (expected === 'ruleset' && format === RUBRIC_FORMAT) {
    return importError(fileName, ['Tệp này là biểu điểm chấm điểm, không phải bộ tiêu chí: hãy nhập ở thẻ "Chấm điểm, phân loại".']);
  }
  if (expected === 'rubric' && format === RULESET_FORMAT) {
    return importError(fileName, ['Tệp này là bộ tiêu chí, không phải biểu điểm: hãy nhập ở thẻ "Bộ tiêu chí".']);
  }
  return null;
}

export function decodeUpload(fileName: string, base64: string): { bytes: Uint8Array; text: string } {
  const bytes = new Uint8Array(Buffer.from(base64, 'base64'));
  if (bytes.length === 0) throw importError(fileName, ['Tệp rỗng, không có nội dung.']);
  const text = decodeText(bytes);
  if (text === null) throw importError(fileName, ['Tệp không phải văn bản UTF-8 (hãy lưu tệp JSON với bảng mã UTF-8).']);
  return { bytes, text };
}

/** What importing one kind of versioned JSON file (a rule set, a rubric) needs. */
export interface VersionedFileKind<T extends { id: string; version: string; name: string }> {
  format: 'ruleset' | 'rubric';
  table: FileTable;
  parse: (text: string) => { ok: true; value: T } | { ok: false; errors: string[] };
  hash: (value: T) => string;
  shipped: () => readonly LoadedFile<T>[];
  loadStored: (f: StoredFile) => LoadedFile<T>;
  /** "Bộ tiêu chí" / "Biểu điểm", and the words of the three outcomes. */
  what: string;
  conflictAdvice: string;
  importedText: (value: T) => string;
}

/**
 * Imports a versioned file: decoded, its format checked, parsed, then compared with the shipped
 * and stored files of the same id and version inside the write transaction: the same content is
 * "unchanged", another content is refused (a version once used never changes), a new one stored.
 */
export async function importVersionedFile<T extends { id: string; version: string; name: string }>(
  ctx: ServiceContext,
  kind: VersionedFileKind<T>,
  input: { fileName: string; base64: string; by: string | null },
): Promise<ImportFileResultDto> {
  const { bytes, text } = decodeUpload(input.fileName, input.base64);
  const wrong = wrongFormat(input.fileName, text, kind.format);
  if (wrong) throw wrong;
  const parsed = kind.parse(text);
  if (!parsed.ok) throw importError(input.fileName, parsed.errors);
  const v = parsed.value;
  const hash = kind.hash(v);
  const key = fileKey(v.id, v.version);
  const lower = kind.what.toLowerCase();
  return ctx.db.transaction().execute(async (trx) => {
    const existing = [...kind.shipped(), ...(await listStoredFiles(trx, kind.table)).map(kind.loadStored)].find(
      (f) => f.value.id === v.id && f.value.version === v.version,
    );
    if (existing) {
      if (existing.hash === hash) {
        return {
          key,
          id: v.id,
          version: v.version,
          name: v.name,
          status: 'unchanged' as const,
          message: `${kind.what} "${v.name}" (phiên bản ${v.version}) đã có, không thay đổi.`,
        };
      }
      throw new AppError(
        'CONFLICT',
        `Đã có ${lower} mã "${v.id}" phiên bản ${v.version}${existing.origin === 'shipped' ? ' (đi kèm phần mềm)' : ` (nhập từ tệp "${existing.fileName}")`} với nội dung khác. ${kind.conflictAdvice}`,
      );
    }
    await insertStoredFile(trx, kind.table, {
      id: ctx.newId(),
      fileId: v.id,
      version: v.version,
      name: v.name,
      hash,
      fileName: input.fileName,
      content: bytes,
      importedBy: input.by,
      at: ctx.clock.timestamp(),
    });
    return { key, id: v.id, version: v.version, name: v.name, status: 'imported' as const, message: kind.importedText(v) };
  });
}

const RULE_SET_FILES: VersionedFileKind<RuleSet> = {
  format: 'ruleset',
  table: 'rule_set_files',
  parse: parseRuleSet,
  hash: ruleSetHash,
  shipped: () => shippedFiles().ruleSets,
  loadStored: loadImportedRuleSet,
  what: 'Bộ tiêu chí',
  conflictAdvice: 'Một phiên bản đã dùng không được thay nội dung: hãy đặt phiên bản (ngày hiệu lực) mới cho tệp.',
  importedText: (rs) => `Đã nhập bộ tiêu chí "${rs.name}" (phiên bản ${rs.version}, ${rs.rules.length} tiêu chí).`,
};

export async function importRuleSet(
  ctx: ServiceContext,
  input: { fileName: string; base64: string; by: string | null },
): Promise<ImportFileResultDto> {
  return importVersionedFile(ctx, RULE_SET_FILES, input);
}

export async function exportRuleSet(ctx: ServiceContext, key: string): Promise<RuleSetFileDto> {
  const f = await findRuleSetFile(ctx, key);
  return { fileName: f.fileName, base64: Buffer.from(f.bytes).toString('base64') };
}

export async function removeRuleSet(ctx: ServiceContext, key: string): Promise<void> {
  const f = await findRuleSetFile(ctx, key);
  if (f.origin === 'shipped' || f.recordId === null) {
    throw new AppError('RULE', `Bộ tiêu chí "${f.value.name}" đi kèm phần mềm, không xóa được.`);
  }
  const years = await frozenYearsUsing(ctx, f.value.id, f.value.version);
  if (years.length > 0) {
    throw new AppError(
      'RULE',
      `Không xóa được bộ tiêu chí "${f.value.name}" (phiên bản ${f.value.version}): kết quả đã chốt của năm ${years.join(', ')} được tính theo bộ tiêu chí này.`,
    );
  }
  const recordId = f.recordId;
  await ctx.db.transaction().execute((trx) => deleteStoredFile(trx, 'rule_set_files', recordId));
}

// ---------------------------------------------------------------------------------------------
// Settings

/** The office's evaluation settings, or DEFAULT_SETTINGS while it has saved none. */
export async function evaluationSettings(ctx: ServiceContext): Promise<EvaluationSettings> {
  const row = await getSettingsRow(ctx.db);
  if (!row) return { ...DEFAULT_SETTINGS };
  return { reducedMeans: row.reducedMeans as ReducedMeans, subunitPool: row.subunitPool as SubunitPool };
}

export async function getSettings(ctx: ServiceContext): Promise<EvaluationSettingsDto> {
  const row = await getSettingsRow(ctx.db);
  return {
    settings: await evaluationSettings(ctx),
    defaults: { ...DEFAULT_SETTINGS },
    saved: row !== null,
    updatedAt: row?.updatedAt ?? null,
    updatedBy: row?.updatedBy ?? null,
  };
}

export async function setSettings(ctx: ServiceContext, input: EvaluationSettings & { by: string | null }): Promise<EvaluationSettingsDto> {
  if (!REDUCED_MEANS.includes(input.reducedMeans) || !SUBUNIT_POOLS.includes(input.subunitPool)) {
    throw new AppError('VALIDATION', 'Thiết lập không hợp lệ.');
  }
  await ctx.db.transaction().execute((trx) =>
    saveSettingsRow(trx, {
      id: ctx.newId(),
      reducedMeans: input.reducedMeans,
      subunitPool: input.subunitPool,
      updatedBy: input.by,
      at: ctx.clock.timestamp(),
    }),
  );
  return getSettings(ctx);
}
