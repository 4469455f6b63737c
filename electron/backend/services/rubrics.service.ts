/**
 * Point rubrics (Decision 510 style, domain.md §6.1): the shipped example and the province's
 * rubric files, and the self and reviewed scores of each residential area, commune and covered
 * organisation of a year.
 *
 * Scores keep what the officer entered per item; totals and classes are computed from the rubric
 * version in force for the year every time they are shown. So a province's newer rubric file (same
 * id, later effective date) with other bands changes the classes of the same scores, with no code
 * change and no re-entry.
 */
import type { ServiceContext } from '../context';
import { AppError } from '../errors';
import { loadUnitsWithLineage } from '../repos/unit-history.repo';
import {
  CLASS_IDS,
  CLASS_LABELS,
  hashOf,
  parseRubric,
  scoreRubric,
  type ClassId,
  type Rubric,
  type RubricInput,
} from '../../../shared/domain/criteria';
import { orgEligibility, activeInYear, type OrgKind } from '../../../shared/domain/organizations';
import { compareVietnamese } from '../../../shared/lib/text';
import { formatDateVi } from '../../../shared/lib/dates';
import {
  byNameIdNewest,
  fileKey,
  findByKey,
  importVersionedFile,
  loadImported,
  shippedFiles,
  type LoadedFile,
  type VersionedFileKind,
} from './rulesets.service';
import {
  findScore,
  listScores,
  listStoredFiles,
  liveOrganizationsForRubrics,
  upsertScore,
  type ScoreRow,
  type StoredFile,
} from '../repos/rubrics.repo';
import type {
  ImportFileResultDto,
  RubricDetailDto,
  RubricScoresDto,
  RubricSummaryDto,
  RuleSetFileDto,
  ScoreCellDto,
  ScoreKind,
  ScoreRowDto,
} from '../../../shared/ipc/contracts/rubrics.contract';

type Category = ScoreRowDto['category'];

const loadImportedRubric = (f: StoredFile): LoadedFile<Rubric> => loadImported(f, parseRubric, hashOf, 'Biểu điểm');

/** Every rubric file: the shipped example(s), then the imported ones. */
export async function allRubricFiles(ctx: ServiceContext): Promise<LoadedFile<Rubric>[]> {
  const imported = (await listStoredFiles(ctx.db, 'rubric_files')).map(loadImportedRubric);
  return [...shippedFiles().rubrics, ...imported];
}

function summary(f: LoadedFile<Rubric>): RubricSummaryDto {
  const r = f.value;
  return {
    key: fileKey(r.id, r.version),
    id: r.id,
    name: r.name,
    version: r.version,
    unitKinds: [...r.unitKinds],
    source: r.source,
    note: r.note ?? null,
    example: r.example === true,
    maxTotal: r.maxTotal,
    bands: [...r.bands]
      .sort((a, b) => CLASS_IDS.indexOf(a.class) - CLASS_IDS.indexOf(b.class))
      .map((b) => ({ class: b.class, label: b.label ?? CLASS_LABELS[b.class], min: b.min })),
    hash: f.hash,
    origin: f.origin,
    fileName: f.fileName,
    importedAt: f.importedAt,
    importedBy: f.importedBy,
  };
}

const detail = (f: LoadedFile<Rubric>): RubricDetailDto => ({ ...summary(f), rubric: f.value });

export async function listRubrics(ctx: ServiceContext): Promise<RubricSummaryDto[]> {
  // The province's rubrics first (they are what the office scores with), the example last.
  return (await allRubricFiles(ctx)).map(summary).sort((a, b) => Number(a.example) - Number(b.example) || byNameIdNewest(a, b));
}

async function findRubricFile(ctx: ServiceContext, key: string): Promise<LoadedFile<Rubric>> {
  return findByKey(await allRubricFiles(ctx), key, 'Không tìm thấy biểu điểm này.');
}

export async function getRubric(ctx: ServiceContext, key: string): Promise<RubricDetailDto> {
  return detail(await findRubricFile(ctx, key));
}

/**
 * The version of a rubric in force for a year: the latest effective on or before 31/12 of the year.
 * A rubric issued after the year cannot have been the one its units were scored by.
 */
export async function rubricForYear(ctx: ServiceContext, rubricId: string, year: number): Promise<LoadedFile<Rubric>> {
  const versions = (await allRubricFiles(ctx)).filter((f) => f.value.id === rubricId);
  if (versions.length === 0) throw new AppError('NOT_FOUND', `Không có biểu điểm mã "${rubricId}".`);
  const inForce = versions.filter((f) => f.value.version <= `${year}-12-31`).sort((a, b) => (a.value.version < b.value.version ? 1 : -1));
  const chosen = inForce[0];
  if (!chosen) {
    const first = versions.map((f) => f.value.version).sort()[0]!;
    throw new AppError(
      'RULE',
      `Biểu điểm "${versions[0]!.value.name}" có hiệu lực từ ${formatDateVi(first)}, chưa áp dụng cho năm ${year}.`,
    );
  }
  return chosen;
}

const RUBRIC_FILES: VersionedFileKind<Rubric> = {
  format: 'rubric',
  table: 'rubric_files',
  parse: parseRubric,
  hash: hashOf,
  shipped: () => shippedFiles().rubrics,
  loadStored: loadImportedRubric,
  what: 'Biểu điểm',
  conflictAdvice: 'Hãy đặt phiên bản (ngày hiệu lực) mới cho tệp.',
  importedText: (r) => `Đã nhập biểu điểm "${r.name}" (phiên bản ${r.version}).`,
};

export async function importRubric(
  ctx: ServiceContext,
  input: { fileName: string; base64: string; by: string | null },
): Promise<ImportFileResultDto> {
  return importVersionedFile(ctx, RUBRIC_FILES, input);
}

export async function exportRubric(ctx: ServiceContext, key: string): Promise<RuleSetFileDto> {
  const f = await findRubricFile(ctx, key);
  return { fileName: f.fileName, base64: Buffer.from(f.bytes).toString('base64') };
}

// ---------------------------------------------------------------------------------------------
// Subjects of a year

interface Subject {
  subjectType: 'unit' | 'organization';
  subjectId: string;
  name: string;
  category: Category;
  parentName: string | null;
}

/**
 * Everything a rubric may score in a year: residential areas, communes and districts of the office's
 * tree, and the organisations within Circular 124's scope, each active at some time in the year.
 */
async function subjectsOfYear(ctx: ServiceContext, year: number): Promise<Subject[]> {
  const { units } = await loadUnitsWithLineage(ctx.db);
  const byId = new Map(units.map((u) => [u.id, u]));
  const out: Subject[] = [];
  for (const u of units) {
    if (!activeInYear(u.validFrom, u.validTo, year)) continue;
    const category: Category | null =
      u.level === 'khu_dan_cu' ? 'khu_dan_cu' : u.level === 'xa' ? (u.kind as Category) : u.level === 'huyen' ? 'huyen' : null;
    if (!category) continue;
    out.push({
      subjectType: 'unit',
      subjectId: u.id,
      name: u.name,
      category,
      parentName: u.parentId ? (byId.get(u.parentId)?.name ?? null) : null,
    });
  }
  for (const o of await liveOrganizationsForRubrics(ctx.db)) {
    if (!activeInYear(o.valid_from, o.valid_to, year)) continue;
    const eligibility = orgEligibility({
      kind: o.kind as OrgKind,
      subKind: o.sub_kind,
      isArmedForces: o.is_armed_forces === 1,
      sectorGroup: o.sector_group as never,
      insuredEmployees: o.insured_employees,
      revenueBillion: o.revenue_billion,
      capitalBillion: o.capital_billion,
    });
    if (!eligibility.eligible) continue;
    out.push({
      subjectType: 'organization',
      subjectId: o.id,
      name: o.name,
      category: o.kind as Category,
      parentName: byId.get(o.unit_id)?.name ?? null,
    });
  }
  return out;
}

function parseInputs(json: string): Record<string, RubricInput> {
  const v = JSON.parse(json) as unknown;
  const out: Record<string, RubricInput> = {};
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (typeof x === 'number' || typeof x === 'boolean' || x === 'khong_ap_dung') out[k] = x;
    }
  }
  return out;
}

function cell(rubric: Rubric, row: ScoreRow): ScoreCellDto {
  const inputs = parseInputs(row.inputs);
  return {
    kind: row.kind,
    inputs,
    score: scoreRubric(rubric, inputs),
    enteredVersion: row.rubric_version,
    by: row.scored_by,
    note: row.note,
    updatedAt: row.updated_at,
  };
}

function toRow(s: Subject, rubric: Rubric, self: ScoreRow | undefined, reviewed: ScoreRow | undefined): ScoreRowDto {
  const selfCell = self ? cell(rubric, self) : null;
  const reviewedCell = reviewed ? cell(rubric, reviewed) : null;
  // The appraised score decides once there is one; until then the unit's own score is shown.
  const deciding =
    reviewedCell && reviewedCell.score.class !== null ? reviewedCell : selfCell && selfCell.score.class !== null ? selfCell : null;
  return {
    ...s,
    self: selfCell,
    reviewed: reviewedCell,
    finalClass: deciding?.score.class ?? null,
    finalLabel: deciding?.score.classLabel ?? null,
    finalFrom: deciding?.kind ?? null,
  };
}

export function countsText(counts: Record<ClassId | 'chua_xep_loai', number>, labels: Readonly<Record<ClassId, string>>): string {
  const parts = CLASS_IDS.filter((c) => counts[c] > 0).map((c) => `${counts[c].toLocaleString('vi-VN')} ${labels[c]}`);
  if (counts.chua_xep_loai > 0) parts.push(`${counts.chua_xep_loai.toLocaleString('vi-VN')} chưa xếp loại`);
  return parts.length ? parts.join(', ') : 'Chưa có đơn vị nào';
}

export async function rubricScores(
  ctx: ServiceContext,
  input: { year: number; rubricId: string; category: Category | null },
): Promise<RubricScoresDto> {
  const file = await rubricForYear(ctx, input.rubricId, input.year);
  const rubric = file.value;
  const kinds = new Set<string>(rubric.unitKinds);
  const subjects = (await subjectsOfYear(ctx, input.year)).filter(
    (s) => kinds.has(s.category) && (input.category === null || s.category === input.category),
  );
  const scores = await listScores(ctx.db, input.year, rubric.id);
  const self = new Map(scores.filter((r) => r.kind === 'tu_cham').map((r) => [r.subject_id, r]));
  const reviewed = new Map(scores.filter((r) => r.kind === 'tham_dinh').map((r) => [r.subject_id, r]));
  const rows = subjects
    .map((s) => toRow(s, rubric, self.get(s.subjectId), reviewed.get(s.subjectId)))
    .sort((a, b) => compareVietnamese(a.parentName ?? '', b.parentName ?? '') || compareVietnamese(a.name, b.name));
  const counts = { xuat_sac: 0, kha: 0, trung_binh: 0, yeu: 0, chua_xep_loai: 0 };
  for (const r of rows) counts[r.finalClass ?? 'chua_xep_loai']++;
  const labels = Object.fromEntries(CLASS_IDS.map((c) => [c, rubric.bands.find((b) => b.class === c)?.label ?? CLASS_LABELS[c]])) as Record<
    ClassId,
    string
  >;
  return { rubric: detail(file), rows, counts, countsText: countsText(counts, labels) };
}

/**
 * The deciding class of every subject scored in the year under each rubric id given (rubricScores'
 * rows that have a score, unsorted): what the period figures count (Decision 510 classes). The
 * subjects of the year are listed once, and only when some rubric has scores that year; a rubric with
 * no version in force that year is skipped, as the period figures skip rubricScores' refusal.
 */
export async function scoredClassesOfYear(
  ctx: ServiceContext,
  year: number,
  rubricIds: readonly string[],
): Promise<{ subjectType: 'unit' | 'organization'; subjectId: string; category: Category; finalClass: ClassId | null }[]> {
  let subjects: Subject[] | null = null;
  const out: { subjectType: 'unit' | 'organization'; subjectId: string; category: Category; finalClass: ClassId | null }[] = [];
  for (const id of rubricIds) {
    let file;
    try {
      file = await rubricForYear(ctx, id, year);
    } catch (e) {
      if (e instanceof AppError) continue; // no version of this rubric in force that year
      throw e;
    }
    const rubric = file.value;
    const scores = await listScores(ctx.db, year, rubric.id);
    if (scores.length === 0) continue;
    const kinds = new Set<string>(rubric.unitKinds);
    const self = new Map(scores.filter((r) => r.kind === 'tu_cham').map((r) => [r.subject_id, r]));
    const reviewed = new Map(scores.filter((r) => r.kind === 'tham_dinh').map((r) => [r.subject_id, r]));
    subjects ??= await subjectsOfYear(ctx, year);
    for (const s of subjects) {
      if (!kinds.has(s.category)) continue;
      const [a, b] = [self.get(s.subjectId), reviewed.get(s.subjectId)];
      if (!a && !b) continue; // rubricScores' row with neither score: not counted
      const row = toRow(s, rubric, a, b);
      out.push({ subjectType: s.subjectType, subjectId: s.subjectId, category: s.category, finalClass: row.finalClass });
    }
  }
  return out;
}

const KIND_LABEL: Record<ScoreKind, string> = { tu_cham: 'tự chấm', tham_dinh: 'thẩm định' };

export async function saveScore(
  ctx: ServiceContext,
  input: {
    subject: string;
    year: number;
    rubricId: string;
    kind: ScoreKind;
    items: Record<string, RubricInput>;
    by: string;
    note: string | null;
  },
): Promise<ScoreRowDto> {
  const file = await rubricForYear(ctx, input.rubricId, input.year);
  const rubric = file.value;
  const subject = (await subjectsOfYear(ctx, input.year)).find((s) => s.subjectId === input.subject);
  if (!subject) {
    throw new AppError(
      'NOT_FOUND',
      `Không tìm thấy đơn vị này trong năm ${input.year} (đơn vị không hoạt động trong năm, đã bị xóa, hoặc không thuộc diện áp dụng).`,
    );
  }
  if (!rubric.unitKinds.includes(subject.category)) {
    throw new AppError('RULE', `Biểu điểm "${rubric.name}" không áp dụng cho ${subject.name}.`);
  }
  const score = scoreRubric(rubric, input.items);
  if (score.errors.length > 0) {
    const details: Record<string, string> = {};
    for (const e of score.errors) {
      const m = /^Mục "([^"]+)"/.exec(e);
      const k = m ? `items.${m[1]}` : '_';
      if (!(k in details)) details[k] = e;
    }
    throw new AppError(
      'VALIDATION',
      `Điểm ${KIND_LABEL[input.kind]} chưa hợp lệ:\n${score.errors.map((e) => `• ${e}`).join('\n')}`,
      details,
    );
  }
  const now = ctx.clock.timestamp();
  await ctx.db.transaction().execute(async (trx) => {
    const existing = await findScore(trx, subject.subjectId, input.year, rubric.id, input.kind);
    await upsertScore(trx, {
      id: existing?.id ?? ctx.newId(),
      subject_type: subject.subjectType,
      subject_id: subject.subjectId,
      year: input.year,
      rubric_id: rubric.id,
      rubric_version: rubric.version,
      rubric_hash: file.hash,
      kind: input.kind,
      // Sorted keys: the same inputs are stored as the same text whatever order the form sent.
      inputs: JSON.stringify(Object.fromEntries(Object.entries(input.items).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))),
      scored_by: input.by,
      note: input.note,
      created_at: existing?.created_at ?? now,
      updated_at: now,
    });
  });
  const self = await findScore(ctx.db, subject.subjectId, input.year, rubric.id, 'tu_cham');
  const reviewed = await findScore(ctx.db, subject.subjectId, input.year, rubric.id, 'tham_dinh');
  return toRow(subject, rubric, self ?? undefined, reviewed ?? undefined);
}
