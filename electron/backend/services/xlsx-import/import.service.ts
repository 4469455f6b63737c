/**
 * The generic Excel flow shared by every registry: template, preview (nothing written, every row's
 * fate and problems in Vietnamese), commit (all rows or none, only when the file has no error) and
 * export. A row's natural key decides new/update/unchanged, so importing a file twice adds nothing.
 */
import type { ServiceContext } from '../../context';
import type { ListFilter } from '../../../../shared/domain/registries';
import { AppError } from '../../errors';
import type { AnySpec, ImportStatus } from '../../xlsx/spec';
import { XLSX_TEXTS } from '../../xlsx/texts';
import { readWorkbook, writeWorkbook, type ReadRow } from '../../xlsx/workbook';
import type { Db } from '../../repos/units.repo';

export interface PreviewRow {
  rowNumber: number;
  status: ImportStatus | 'error';
  label: string;
  errors: string[];
}

export interface Preview {
  title: string;
  rows: PreviewRow[];
  counts: { new: number; update: number; unchanged: number; error: number };
}

interface Evaluated extends Preview {
  /** Valid values with their status, in file order. */
  accepted: { value: unknown; status: ImportStatus }[];
}

/** Decodes and reads the whole file, with every limit checked, before any transaction opens. */
async function readFile(spec: AnySpec, base64: string): Promise<ReadRow[]> {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length === 0) throw new AppError('VALIDATION', XLSX_TEXTS.empty);
  return readWorkbook(bytes, spec.columns, spec.title);
}

function cellErrors(spec: AnySpec, r: ReadRow): string[] {
  return spec.columns.filter((c) => r.errors[c.key] !== undefined).map((c) => `Cột "${c.header}": ${r.errors[c.key]}`);
}

async function evaluate(ctx: ServiceContext, db: Db, spec: AnySpec, read: readonly ReadRow[]): Promise<Evaluated> {
  // Lookups read through the same connection: inside commit's transaction, ctx.db would wait for it.
  const lookup = await spec.prepare({ ...ctx, db: db });
  const rows: PreviewRow[] = [];
  let valid: { index: number; value: unknown }[] = [];
  const seen = new Map<string, number>();
  for (const r of read) {
    const unusable = cellErrors(spec, r);
    if (unusable.length > 0) {
      rows.push({ rowNumber: r.rowNumber, status: 'error', label: '', errors: unusable });
      continue;
    }
    const parsed = spec.parseRow(r.cells, lookup);
    if (!parsed.ok) {
      rows.push({ rowNumber: r.rowNumber, status: 'error', label: '', errors: parsed.errors.map((e) => e.message) });
      continue;
    }
    const key = spec.naturalKey(parsed.value);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      rows.push({
        rowNumber: r.rowNumber,
        status: 'error',
        label: parsed.label,
        errors: [`Trùng với dòng ${earlier} (cùng một bản ghi được ghi hai lần trong tệp).`],
      });
      continue;
    }
    seen.set(key, r.rowNumber);
    valid.push({ index: rows.length, value: parsed.value });
    rows.push({ rowNumber: r.rowNumber, status: 'new', label: parsed.label, errors: [] });
  }
  if (spec.checkRows && valid.length > 0) {
    const problems = await spec.checkRows(
      db,
      { ...ctx, db },
      valid.map((v) => v.value),
    );
    valid = valid.filter((v, i) => {
      const errors = problems[i] ?? [];
      if (errors.length === 0) return true;
      rows[v.index] = { ...rows[v.index]!, status: 'error', errors };
      return false;
    });
  }
  const statuses = await spec.classify(
    db,
    valid.map((v) => v.value),
  );
  const accepted = valid.map((v, i) => {
    const status = statuses[i] ?? 'new';
    rows[v.index]!.status = status;
    return { value: v.value, status };
  });
  const counts = { new: 0, update: 0, unchanged: 0, error: 0 };
  for (const r of rows) counts[r.status === 'error' ? 'error' : r.status]++;
  return { title: spec.title, rows, counts, accepted };
}

export async function previewImport(ctx: ServiceContext, spec: AnySpec, base64: string): Promise<Preview> {
  const { accepted: _accepted, ...preview } = await evaluate(ctx, ctx.db, spec, await readFile(spec, base64));
  return preview;
}

export async function commitImport(
  ctx: ServiceContext,
  spec: AnySpec,
  base64: string,
): Promise<{ created: number; updated: number; unchanged: number }> {
  // The file is read and checked before the write transaction opens, so a large or hostile file
  // never holds the database; the rows are evaluated again inside it, so what is written is exactly
  // what was checked against the current data.
  const read = await readFile(spec, base64);
  return ctx.db.transaction().execute(async (trx) => {
    const evaluated = await evaluate(ctx, trx, spec, read);
    if (evaluated.counts.error > 0) {
      throw new AppError(
        'VALIDATION',
        `Tệp còn ${evaluated.counts.error} dòng lỗi; chưa ghi dữ liệu nào. Hãy sửa các dòng lỗi rồi nhập lại.`,
      );
    }
    const changed = evaluated.accepted.filter((a) => a.status !== 'unchanged').map((a) => a.value);
    if (changed.length > 0) await spec.apply(trx, ctx, changed);
    return { created: evaluated.counts.new, updated: evaluated.counts.update, unchanged: evaluated.counts.unchanged };
  });
}

function fileName(title: string, suffix: string): string {
  const safe = title
    .replace(/[\\/:*?"<>|]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return `${safe} - ${suffix}.xlsx`;
}

export async function templateFile(spec: AnySpec): Promise<{ fileName: string; base64: string }> {
  const buffer = await writeWorkbook({ title: spec.title, columns: spec.columns, rows: [], template: true });
  return { fileName: fileName(spec.title, 'mẫu nhập'), base64: buffer.toString('base64') };
}

export async function exportFile(
  ctx: ServiceContext,
  spec: AnySpec,
  filter: ListFilter,
): Promise<{ fileName: string; base64: string; rows: number }> {
  const rows = await spec.exportRows(ctx, filter);
  const buffer = await writeWorkbook({ title: spec.title, columns: spec.columns, rows, template: false });
  return { fileName: fileName(spec.title, ctx.clock.today()), base64: buffer.toString('base64'), rows: rows.length };
}
