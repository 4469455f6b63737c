/**
 * What a province package would change at an office (issue 12 item 9), computed from the office's
 * current state and the verified payload without touching the database: rule-set and rubric files
 * new or already there (a different file under the same id and version is a conflict that refuses
 * the package), the offices it lists (and whether this office is listed with its own key), and
 * the unit list compared by official code within the office's own tree.
 */
import { AppError } from '../errors';
import { hashOf, parseRubric, parseRuleSet, ruleSetHash, RUBRIC_FORMAT, RULESET_FORMAT } from '../../../shared/domain/criteria';
import { refuse } from './texts';
import type { PackageFile, PackagePayload } from './package-payload';
import type { PackagePreviewDto } from '../../../shared/ipc/contracts/handoff-package.contract';
import type { UnitDto } from '../../../shared/ipc/contract';

/** A file the office already has (shipped or imported), by id+version. */
export interface KnownFile {
  id: string;
  version: string;
  hash: string;
  origin: 'shipped' | 'imported';
  fileName: string;
}

export interface PlannedFile {
  id: string;
  version: string;
  name: string;
  fileName: string;
  hash: string;
  bytes: Uint8Array;
  status: 'new' | 'unchanged';
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function formatOf(text: string): unknown {
  try {
    return (JSON.parse(text.replace(/^\uFEFF/, '')) as { format?: unknown } | null)?.format;
  } catch {
    return undefined;
  }
}

/** Parses each carried file with the same parser the import screen uses and plans it against what the office has. */
export function planFiles(files: readonly PackageFile[], kind: 'ruleset' | 'rubric', known: readonly KnownFile[]): PlannedFile[] {
  const what = kind === 'ruleset' ? 'bộ tiêu chí' : 'biểu điểm';
  const out: PlannedFile[] = [];
  for (const f of files) {
    const bytes = new Uint8Array(Buffer.from(f.base64, 'base64'));
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      throw refuse('PAYLOAD_INVALID', `(tệp ${what} "${f.fileName}" không phải văn bản UTF-8)`);
    }
    if (formatOf(text) !== (kind === 'ruleset' ? RULESET_FORMAT : RUBRIC_FORMAT)) {
      throw refuse('PAYLOAD_INVALID', `(tệp "${f.fileName}" không phải ${what})`);
    }
    const parsed = kind === 'ruleset' ? parseRuleSet(text) : parseRubric(text);
    if (!parsed.ok) throw refuse('PAYLOAD_INVALID', `(tệp ${what} "${f.fileName}": ${parsed.errors.slice(0, 3).join('; ')})`);
    const v = parsed.value;
    const hash = kind === 'ruleset' ? ruleSetHash(parsed.value as never) : hashOf(parsed.value);
    if (out.some((o) => o.id === v.id && o.version === v.version)) {
      throw refuse('PAYLOAD_INVALID', `(${what} mã "${v.id}" phiên bản ${v.version} có hai lần)`);
    }
    const existing = known.find((k) => k.id === v.id && k.version === v.version);
    if (existing && existing.hash !== hash) {
      throw new AppError(
        'CONFLICT',
        `Gói có ${what} mã "${v.id}" phiên bản ${v.version} khác với ${what} cùng mã, cùng phiên bản đã có ở đơn vị${existing.origin === 'shipped' ? ' (đi kèm phần mềm)' : ` (nhập từ tệp "${existing.fileName}")`}. Không áp dụng gói; hãy báo Công an tỉnh.`,
      );
    }
    out.push({ id: v.id, version: v.version, name: v.name, fileName: f.fileName, hash, bytes, status: existing ? 'unchanged' : 'new' });
  }
  return out;
}

/** The units of the office's own tree: its root and every descendant. */
function ownTree(units: readonly UnitDto[], rootId: string): UnitDto[] {
  const children = new Map<string, UnitDto[]>();
  for (const u of units) if (u.parentId) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u]);
  const out: UnitDto[] = [];
  const root = units.find((u) => u.id === rootId);
  const stack = root ? [root] : [];
  while (stack.length > 0) {
    const u = stack.pop()!;
    out.push(u);
    stack.push(...(children.get(u.id) ?? []));
  }
  return out;
}

/**
 * The province's unit list against the office's tree, by official code: a unit renamed, ended at
 * the province while live here, present at the province under the office's root but not here
 * (added), or live here with a code the province does not list (missing). Residential areas are
 * not in the list. Nothing is changed: the preview only shows it.
 */
export function unitDifferences(
  units: readonly UnitDto[],
  rootId: string,
  officeEra: string,
  list: PackagePayload['units'],
): PackagePreviewDto['units'] {
  if (list.era !== officeEra) return { era: list.era, compared: false, total: list.list.length, changes: [] };
  const mine = ownTree(units, rootId).filter((u) => u.level !== 'khu_dan_cu' && u.code !== null);
  const byCode = new Map(list.list.map((u) => [u.code, u]));
  const mineByCode = new Map(mine.map((u) => [u.code!, u]));
  const root = units.find((u) => u.id === rootId);
  const scope = new Set<string>(root?.code ? [root.code] : []);
  // The province's units below the office's root (parents come in any order: repeat until stable).
  for (let grew = true; grew;) {
    grew = false;
    for (const u of list.list) {
      if (!scope.has(u.code) && u.parentCode !== null && scope.has(u.parentCode)) {
        scope.add(u.code);
        grew = true;
      }
    }
  }
  const changes: PackagePreviewDto['units']['changes'] = [];
  for (const u of mine) {
    const theirs = byCode.get(u.code!);
    if (!theirs) {
      if (u.validTo === null) changes.push({ code: u.code!, kind: 'missing', name: u.name, newName: null, validTo: null });
      continue;
    }
    if (theirs.name !== u.name) changes.push({ code: u.code!, kind: 'renamed', name: u.name, newName: theirs.name, validTo: null });
    if (theirs.validTo !== null && u.validTo === null) {
      changes.push({ code: u.code!, kind: 'ended', name: u.name, newName: null, validTo: theirs.validTo });
    }
  }
  for (const code of scope) {
    const theirs = byCode.get(code);
    if (theirs && theirs.validTo === null && !mineByCode.has(code)) {
      changes.push({ code, kind: 'added', name: theirs.name, newName: null, validTo: null });
    }
  }
  changes.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return { era: list.era, compared: true, total: list.list.length, changes };
}
