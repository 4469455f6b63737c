/**
 * What a province package would change at an office (issue 12 item 9), computed from the office's
 * current state and the verified payload without touching the database: rule-set and rubric files
 * new or already there (a different file under the same id and version is a conflict that refuses
 * the package). The unit list is planned in package-units.ts.
 */
import { AppError } from '../errors';
import { hashOf, parseRubric, parseRuleSet, ruleSetHash, RUBRIC_FORMAT, RULESET_FORMAT } from '../../../shared/domain/criteria';
import { refuse } from './texts';
import type { PackageFile } from './package-payload';

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
